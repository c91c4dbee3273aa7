//! Constructors (one per code, taking its required fields) and the `with_*`
//! setters of the common members.

use amp_errors_catalog::FieldType;
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Plan, PlannedCode};

/// The constructors and setters, as methods of the error enum.
pub fn constructors(plan: &Plan<'_>) -> TokenStream {
    let constructors = plan.codes.iter().map(|code| constructor(plan, code));
    let setters = setters(plan);
    quote! {
        #(#constructors)*
        #setters
    }
}

fn constructor(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan { rt, ty, .. } = plan;
    let PlannedCode {
        constructor,
        variant,
        deprecated,
        ..
    } = code;
    let mut params = Vec::new();
    let inits: Vec<_> = code
        .fields
        .iter()
        .map(|f| {
            let ident = &f.ident;
            if !f.field.required {
                return quote!(#ident: None);
            }
            if *f.json_type() == FieldType::String {
                params.push(quote!(#ident: impl #rt::Into<String>));
                quote!(#ident: #ident.into())
            } else {
                let param_ty = &f.ty;
                params.push(quote!(#ident: #param_ty));
                quote!(#ident)
            }
        })
        .collect();
    let doc = format!(
        " The `{}` error ({}) with its required fields; optional fields start empty.",
        code.wire, code.code.status.value
    );
    quote! {
        #[doc = #doc]
        #[must_use]
        #deprecated
        pub fn #constructor(#(#params),*) -> Self {
            #ty::#variant {
                #(#inits,)*
                meta: #rt::Default::default(),
            }
        }
    }
}

fn setters(plan: &Plan<'_>) -> TokenStream {
    let rt = &plan.rt;
    quote! {
        /// Replaces the message (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_message(mut self, message: impl #rt::Into<Cow<'static, str>>) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.message = Some(message.into()));
            self
        }

        /// Sets `param` (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_param(mut self, param: impl #rt::Into<String>) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.param = Some(param.into()));
            self
        }

        /// Sets `request_id` (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_request_id(mut self, request_id: impl #rt::Into<String>) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.request_id = Some(request_id.into()));
            self
        }

        /// Sets the underlying cause: `Error::source` returns it; it is never serialized
        /// nor shown by `Display` (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_source(
            mut self,
            source: impl #rt::Into<#rt::Box<dyn #rt::Error + #rt::Send + #rt::Sync + 'static>>,
        ) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.source = Some(#rt::into_source(source.into())));
            self
        }
    }
}
