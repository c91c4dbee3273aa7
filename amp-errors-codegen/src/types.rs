//! JSON field types to Rust types: the only place that mapping is decided.

use amp_errors_catalog::{Catalog, ExampleValue, FieldType};
use proc_macro2::TokenStream;
use quote::quote;

use crate::names;

/// The Rust type of a value of `ty`.
pub fn rust_type(catalog: &Catalog, rt: &TokenStream, ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(#rt::String),
        FieldType::Integer => quote!(i64),
        FieldType::Number => quote!(f64),
        FieldType::Boolean => quote!(bool),
        FieldType::Object => {
            quote!(#rt::Object)
        }
        FieldType::List(inner) => {
            let inner = rust_type(catalog, rt, inner);
            quote!(#rt::Vec<#inner>)
        }
        FieldType::Named(name) => {
            let ident = names::prefixed(catalog, name);
            quote!(#ident)
        }
    }
}

/// The type of a field: `Option<T>` unless required.
pub fn field_type(
    catalog: &Catalog,
    rt: &TokenStream,
    ty: &FieldType,
    required: bool,
) -> TokenStream {
    let inner = rust_type(catalog, rt, ty);
    if required {
        inner
    } else {
        quote!(#rt::Option<#inner>)
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
pub fn value_expr(
    catalog: &Catalog,
    rt: &TokenStream,
    ty: &FieldType,
    value: &ExampleValue,
) -> TokenStream {
    use ExampleValue as J;
    match (ty, value) {
        (FieldType::String, J::String(s)) => quote!(#rt::String::from(#s)),
        (FieldType::Integer, J::Integer(n)) => quote!(#n),
        (FieldType::Number, J::Integer(n)) => {
            let n = *n as f64;
            quote!(#n)
        }
        (FieldType::Number, J::Float(n)) => quote!(#n),
        (FieldType::Boolean, J::Boolean(b)) => quote!(#b),
        (FieldType::List(inner), J::Array(items)) => {
            let items = items
                .iter()
                .map(|item| value_expr(catalog, rt, inner, item));
            quote!(#rt::Vec::from([#(#items),*]))
        }
        (FieldType::Named(name), J::Table(_)) => {
            let ident = names::prefixed(catalog, name);
            let fields = catalog
                .object_type(name)
                .map(|t| t.fields.as_slice())
                .unwrap_or_default();
            let inits = fields.iter().map(|field| {
                let rust = names::field_ident(&field.name.value);
                match value.get(&field.name.value) {
                    Some(v) => {
                        let expr = value_expr(catalog, rt, &field.ty.value, v);
                        if field.required {
                            quote!(#rust: #expr)
                        } else {
                            quote!(#rust: #rt::Some(#expr))
                        }
                    }
                    None => quote!(#rust: #rt::None),
                }
            });
            quote!(#ident { #(#inits,)* other_members: #rt::Default::default() })
        }
        // Objects and anything else: through JSON text, parsed at run time.
        (_, other) => {
            let json = other.to_json();
            quote!(#rt::serde_json::from_str(#json).unwrap_or_default())
        }
    }
}
