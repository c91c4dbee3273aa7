//! The catalog's example instances: `AmpErrorCode::example()` and `AmpError::examples()`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Plan, PlannedCode};
use crate::table::option;
use crate::types;

/// `example()`, as a method of the code enum.
pub fn example_method(plan: &Plan<'_>) -> TokenStream {
    let Plan { ty, code_ty, .. } = plan;
    let arms = plan.codes.iter().map(|code| {
        let variant = &code.variant;
        let example = example(plan, code);
        quote!(#code_ty::#variant => #example,)
    });
    quote! {
        /// The catalog's example instance of the code.
        pub fn example(self) -> #ty {
            match self {
                #(#arms)*
            }
        }
    }
}

/// `examples()`, as a method of the error enum.
pub fn examples_method(plan: &Plan<'_>) -> TokenStream {
    let Plan { rt, code_ty, .. } = plan;
    quote! {
        /// Every code's example instance from the catalog, in catalog order.
        pub fn examples() -> #rt::Vec<Self> {
            #code_ty::ALL.iter().map(|code| code.example()).collect()
        }
    }
}

/// The expression building a code's example.
fn example(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan {
        catalog,
        rt,
        ty,
        fallback,
        ..
    } = plan;
    let variant = &code.variant;
    let Some(example) = &code.code.example else {
        // Only in a catalog with problems, which is never expanded.
        let wire = code.wire;
        return quote!(#ty::#fallback(#rt::UnknownError::new(#wire)));
    };
    let inits = code.fields.iter().map(|f| {
        let ident = &f.ident;
        let Some(value) = example.value(f.wire) else {
            return quote!(#ident: #rt::None);
        };
        let expr = types::value_expr(catalog, rt, f.json_type(), value);
        if f.field.required {
            quote!(#ident: #expr)
        } else {
            quote!(#ident: #rt::Some(#expr))
        }
    });
    let message = option(rt, example.message.as_deref());
    let param = option(rt, example.param.as_deref());
    let request_id = option(rt, example.request_id.as_ref().map(|r| r.value.as_str()));
    quote! {
        #ty::#variant {
            #(#inits,)*
            meta: #rt::meta(#message, #param, #request_id),
        }
    }
}
