//! JSON field types to Rust types: the only place that mapping is decided.

use amp_errors_catalog::{Catalog, FieldType};
use proc_macro2::TokenStream;
use quote::quote;

use crate::names;

/// The Rust type of a value of `ty`.
pub fn rust_type(catalog: &Catalog, ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(::amp_errors::__private::String),
        FieldType::Integer => quote!(i64),
        FieldType::Number => quote!(f64),
        FieldType::Boolean => quote!(bool),
        FieldType::Object => {
            quote!(::amp_errors::__private::Map<::amp_errors::__private::String, ::amp_errors::__private::Value>)
        }
        FieldType::List(inner) => {
            let inner = rust_type(catalog, inner);
            quote!(::amp_errors::__private::Vec<#inner>)
        }
        FieldType::Named(name) => {
            let ident = names::prefixed(catalog, name);
            quote!(#ident)
        }
    }
}

/// The type of a field: `Option<T>` unless required.
pub fn field_type(catalog: &Catalog, ty: &FieldType, required: bool) -> TokenStream {
    let inner = rust_type(catalog, ty);
    if required {
        inner
    } else {
        quote!(::amp_errors::__private::Option<#inner>)
    }
}

/// Whether a value of `ty` shows as itself in a message (else as JSON text).
pub fn is_scalar(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::String | FieldType::Integer | FieldType::Number | FieldType::Boolean
    )
}

/// The Rust expression building `value` (already validated against `ty`).
pub fn value_expr(catalog: &Catalog, ty: &FieldType, value: &serde_json::Value) -> TokenStream {
    use serde_json::Value as J;
    match (ty, value) {
        (FieldType::String, J::String(s)) => quote!(::amp_errors::__private::String::from(#s)),
        (FieldType::Integer, J::Number(n)) => {
            let n = n.as_i64().unwrap_or_default();
            quote!(#n)
        }
        (FieldType::Number, J::Number(n)) => {
            let n = n.as_f64().unwrap_or_default();
            quote!(#n)
        }
        (FieldType::Boolean, J::Bool(b)) => quote!(#b),
        (FieldType::List(inner), J::Array(items)) => {
            let items = items.iter().map(|item| value_expr(catalog, inner, item));
            quote!(::amp_errors::__private::Vec::from([#(#items),*]))
        }
        (FieldType::Named(name), J::Object(members)) => {
            let ident = names::prefixed(catalog, name);
            let fields = catalog
                .object_type(name)
                .map(|t| t.fields.as_slice())
                .unwrap_or_default();
            let inits = fields.iter().map(|field| {
                let rust = names::field_ident(&field.name.value);
                match members.get(&field.name.value) {
                    Some(v) => {
                        let expr = value_expr(catalog, &field.ty.value, v);
                        if field.required {
                            quote!(#rust: #expr)
                        } else {
                            quote!(#rust: ::amp_errors::__private::Some(#expr))
                        }
                    }
                    None => quote!(#rust: ::amp_errors::__private::None),
                }
            });
            quote!(#ident { #(#inits),* })
        }
        // Objects and anything else: through JSON text, parsed at run time.
        (_, other) => {
            let json = other.to_string();
            quote!(::amp_errors::__private::serde_json::from_str(#json).unwrap_or_default())
        }
    }
}
