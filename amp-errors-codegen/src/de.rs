//! `Deserialize` of the error enum. The runtime's `de::read_error` takes the
//! error object's text and finds its code; the generated dispatch hands the
//! object to the code's reader: a function per code with typed fields, which
//! the runtime's `de::read_fields` loop asks to read a field by its index.
//! Reading is tolerant: a value that does not fit is kept as received, and a
//! code missing a required field becomes the fallback (`de::finish`).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::plan::{Plan, PlannedCode};
use crate::tokens;
use crate::types;

/// The readers and `impl Deserialize for AmpError`.
pub fn deserialize_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt,
        ty,
        code_ty,
        fallback,
        ..
    } = plan;
    let readers = tokens::join(plan.codes_with_fields().map(|code| reader(plan, code)));
    let dispatch = tokens::join(plan.codes.iter().map(|code| {
        let variant = &code.variant;
        if code.fields.is_empty() {
            quote!(Some(#code_ty::#variant) => de::read_meta(object, #code_ty::#variant.info()).map(|meta| #ty::#variant { meta }),)
        } else {
            let reader = reader_name(code);
            quote!(Some(#code_ty::#variant) => #reader(object),)
        }
    }));
    quote! {
        #readers

        impl<'de> #rt::serde::Deserialize<'de> for #ty {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                de::read_error(deserializer, |object| match #code_ty::from_wire(object.code()) {
                    #dispatch
                    _ => de::read_unknown(object).map(#ty::#fallback),
                })
            }
        }
    }
}

fn reader_name(code: &PlannedCode<'_>) -> Ident {
    format_ident!("read_{}", code.wire)
}

/// `fn read_<code>(object)`: the code's fields, then the variant.
fn reader(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan { ty, code_ty, .. } = plan;
    let name = reader_name(code);
    let variant = &code.variant;
    let doc = tokens::lit(&format!(
        " Reads the members of the `{}` error object.",
        code.wire
    ));
    let slots = code.fields.iter().map(|f| {
        let (local, value_ty) = (&f.local, &f.value_ty);
        quote!(let mut #local: Option<#value_ty> = None;)
    });
    // The runtime asks only for the code's own indexes: the last is `_`.
    let last = code.fields.len() - 1;
    let reads = code.fields.iter().enumerate().map(|(index, f)| {
        let local = &f.local;
        let index = if index == last {
            quote!(_)
        } else {
            let index = Literal::usize_unsuffixed(index);
            quote!(#index)
        };
        if let Some((minimum, maximum)) = types::extra_bounds(f.field) {
            quote!(#index => member.read_in(&mut #local, #minimum, #maximum),)
        } else if types::is_scalar(plan.catalog, f.json_type()) {
            quote!(#index => member.read(&mut #local),)
        } else {
            quote!(#index => member.read_json(&mut #local),)
        }
    });
    let required: Vec<_> = code
        .fields
        .iter()
        .filter(|f| f.field.required)
        .map(|f| &f.local)
        .collect();
    let inits = code.fields.iter().map(|f| {
        let (ident, local) = (&f.ident, &f.local);
        if f.field.required {
            quote!(#ident: #local.unwrap_or_default(),)
        } else {
            quote!(#ident: #local,)
        }
    });
    let error = quote!(#ty::#variant { #(#inits)* meta });
    let result = if required.is_empty() {
        quote!(Ok(#error))
    } else {
        quote!(de::finish(#(#required.is_some())&&*, #error))
    };
    quote! {
        #[doc = #doc]
        fn #name(object: &de::ErrorObject<'_>) -> Result<#ty, de::Error> {
            #(#slots)*
            let meta = de::read_fields(object, #code_ty::#variant.info(), |index, member| match index {
                #(#reads)*
            })?;
            #result
        }
    }
}
