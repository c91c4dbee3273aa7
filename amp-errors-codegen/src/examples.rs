//! The catalog's example instances: `AmpErrorCode::example()` and `AmpError::examples()`.

use amp_errors_catalog::Example;
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Plan, PlannedCode};
use crate::table::option;
use crate::tokens::{self, Init};
use crate::types;

/// `example()`, as a method of the code enum.
pub fn example_method(plan: &Plan<'_>) -> TokenStream {
    let Plan { ty, code_ty, .. } = plan;
    // Codes without an example share one arm, and so do codes without
    // fields whose example is the bare error (`plain_error`).
    let (mut none, mut plain) = (Vec::new(), Vec::new());
    // The other arms: repetitions, not a stream a code.
    let (mut variants, mut examples) = (Vec::new(), Vec::new());
    for code in &plan.codes {
        let variant = &code.variant;
        let Some(example) = &code.code.example else {
            none.push(variant);
            continue;
        };
        if code.fields.is_empty() && has_no_common_members(example) {
            plain.push(variant);
            continue;
        }
        if let Some(example) = self::example(plan, code) {
            variants.push(variant);
            // `(example)` as a group of the example's own stream: not copied.
            examples.push(tokens::paren(example));
        }
    }
    let plain = (!plain.is_empty()).then(|| {
        let pattern = tokens::alternatives(code_ty, &plain);
        quote!(code @ #pattern => Some(plain_error(code, Default::default())),)
    });
    let none = (!none.is_empty()).then(|| quote!(#(#code_ty::#none)|* => None,));
    quote! {
        /// The catalog's example instance of the code; `None` when the catalog gives none.
        pub fn example(self) -> Option<#ty> {
            match self {
                #(#code_ty::#variants => Some #examples,)*
                #plain
                #none
            }
        }
    }
}

/// `examples()`, as a method of the error enum.
pub fn examples_method(plan: &Plan<'_>) -> TokenStream {
    let Plan { code_ty, .. } = plan;
    quote! {
        /// Every example instance the catalog gives, in catalog order.
        pub fn examples() -> Vec<Self> {
            #code_ty::ALL.iter().filter_map(|code| code.example()).collect()
        }
    }
}

/// Whether `example` sets none of the common members (message, `param`,
/// `request_id`): its error's `meta` is the default one.
fn has_no_common_members(example: &Example) -> bool {
    example.message.is_none() && example.param.is_none() && example.request_id.is_none()
}

/// The expression building a code's example, if the catalog gives one.
fn example(plan: &Plan<'_>, code: &PlannedCode<'_>) -> Option<TokenStream> {
    let Plan {
        catalog, rt, ty, ..
    } = plan;
    let variant = &code.variant;
    let example = code.code.example.as_ref()?;
    let idents = code.fields.iter().map(|f| &f.ident);
    let inits = code.fields.iter().map(|f| {
        let Some(value) = example.value(f.wire) else {
            return tokens::moved(Init::None);
        };
        let expr = types::value_expr(catalog, rt, f.json_type(), value);
        tokens::moved(if f.field.required {
            Init::Value(expr)
        } else {
            Init::Some(expr)
        })
    });
    let request_id = example.request_id.as_ref().map(|r| r.value.as_str());
    let meta = if has_no_common_members(example) {
        quote!(Default::default())
    } else {
        let message = tokens::moved(option(example.message.as_deref()));
        let param = tokens::moved(option(example.param.as_deref()));
        let request_id = tokens::moved(option(request_id));
        quote!(#rt::meta(#message, #param, #request_id))
    };
    let meta = tokens::moved(meta);
    Some(quote! {
        #ty::#variant {
            #(#idents #inits,)*
            meta: #meta,
        }
    })
}
