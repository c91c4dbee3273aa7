//! `Deserialize` of the error enum. The visitor reads members until `code`
//! (keeping those before it), then hands the rest to the code's reader: a
//! function per code with typed fields, which the runtime's `de::read_fields`
//! loop asks to read a field by its index. Reading is tolerant: a value that
//! does not fit is kept as received, and a code missing a required field
//! becomes the fallback (`de::finish`).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::plan::{Plan, PlannedCode};
use crate::types;

/// The readers and `impl Deserialize for AmpError`.
pub fn deserialize_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt,
        ty,
        code_ty,
        fallback,
        catalog,
        ..
    } = plan;
    let readers = plan.codes_with_fields().map(|code| reader(plan, code));
    let dispatch = plan.codes.iter().map(|code| {
        let variant = &code.variant;
        if code.fields.is_empty() {
            quote!(Some(#code_ty::#variant) => #rt::de::read_meta(map, pending, #code_ty::#variant.info()).map(|meta| #ty::#variant { meta }),)
        } else {
            let reader = reader_name(code);
            quote!(Some(#code_ty::#variant) => #reader(map, pending),)
        }
    });
    let expecting = format!(
        "a {} error: a JSON object with a string `code` member",
        catalog.name.value
    );
    quote! {
        #(#readers)*

        impl<'de> #rt::serde::Deserialize<'de> for #ty {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ErrorVisitor;
                impl<'de> #rt::serde::de::Visitor<'de> for ErrorVisitor {
                    type Value = #ty;
                    fn expecting(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: #rt::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#ty, A::Error> {
                        let mut pending = #rt::de::Pending::new();
                        let Some(code) = #rt::de::read_until_code(&mut map, &mut pending)? else {
                            return Err(#rt::de::missing_code::<A::Error>());
                        };
                        match #code_ty::from_wire(&code) {
                            #(#dispatch)*
                            _ => #rt::de::read_unknown(map, pending, code).map(#ty::#fallback),
                        }
                    }
                }
                deserializer.deserialize_map(ErrorVisitor)
            }
        }
    }
}

fn reader_name(code: &PlannedCode<'_>) -> Ident {
    format_ident!("read_{}", code.wire)
}

/// `fn read_<code>(map, pending)`: the code's fields, then the variant.
fn reader(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan {
        rt, ty, code_ty, ..
    } = plan;
    let name = reader_name(code);
    let variant = &code.variant;
    let doc = format!(" Reads the rest of the `{}` error object.", code.wire);
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
        quote!(#rt::de::finish(#(#required.is_some())&&*, #error))
    };
    quote! {
        #[doc = #doc]
        fn #name<'de, A: #rt::serde::de::MapAccess<'de>>(
            map: A,
            pending: #rt::de::Pending<'de>,
        ) -> Result<#ty, A::Error> {
            #(#slots)*
            let meta = #rt::de::read_fields(map, pending, #code_ty::#variant.info(), |index, member| match index {
                #(#reads)*
            })?;
            #result
        }
    }
}
