//! JSON field types to Rust types: the only place that mapping is decided.

use std::collections::HashMap;

use amp_errors_catalog::{Catalog, ExampleValue, Field, FieldType};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::names;
use crate::tokens;

/// The Rust type of a value of `ty`.
pub fn rust_type(catalog: &Catalog, rt: &TokenStream, ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(#rt::String),
        FieldType::Integer => quote!(i64),
        FieldType::Number => quote!(f64),
        FieldType::Boolean => quote!(bool),
        FieldType::Object => quote!(#rt::Object),
        FieldType::List(inner) => {
            let inner = tokens::moved(rust_type(catalog, rt, inner));
            quote!(#rt::Vec<#inner>)
        }
        FieldType::Map(inner) => {
            let inner = tokens::moved(rust_type(catalog, rt, inner));
            quote!(#rt::Map<#inner>)
        }
        FieldType::Named(name) => {
            let ident = names::prefixed(catalog, name);
            quote!(#ident)
        }
    }
}

/// The Rust type of a value of `field`: `u64` for an integer that cannot be
/// negative (`minimum >= 0`), so that `Duration::from_secs(retry_after)` works.
pub fn value_type(catalog: &Catalog, rt: &TokenStream, field: &Field) -> TokenStream {
    if field.is_unsigned() {
        quote!(u64)
    } else {
        rust_type(catalog, rt, &field.ty.value)
    }
}

/// The type of a field: `Option<T>` unless required.
pub fn field_type(catalog: &Catalog, rt: &TokenStream, field: &Field) -> TokenStream {
    let inner = value_type(catalog, rt, field);
    if field.required {
        return inner;
    }
    let inner = tokens::moved(inner);
    quote!(#rt::Option<#inner>)
}

/// [`field_type`]s and [`value_type`]s built once per distinct type and
/// copied: a catalog's fields have a few types between them, and a copy of
/// one skips building it (checking each identifier's characters, nesting the
/// generics). One cache a runtime path (`rt`).
#[derive(Default)]
pub struct FieldTypes(HashMap<(String, bool, bool), TokenStream>);

impl FieldTypes {
    /// [`field_type`] of `field`.
    pub fn get(&mut self, catalog: &Catalog, rt: &TokenStream, field: &Field) -> TokenStream {
        self.cached(field, field.required, || field_type(catalog, rt, field))
    }

    /// [`value_type`] of `field`: its [`field_type`] were it required.
    pub fn value(&mut self, catalog: &Catalog, rt: &TokenStream, field: &Field) -> TokenStream {
        self.cached(field, true, || value_type(catalog, rt, field))
    }

    fn cached(
        &mut self,
        field: &Field,
        required: bool,
        build: impl FnOnce() -> TokenStream,
    ) -> TokenStream {
        // `Debug`, not `Display`: a type named `string` is not `string`.
        let key = (
            format!("{:?}", field.ty.value),
            required,
            field.is_unsigned(),
        );
        self.0.entry(key).or_insert_with(build).clone()
    }
}

/// Whether a value of `ty` is one JSON scalar: shown as itself in a message
/// (else as JSON text), and read without buffering.
pub fn is_scalar(catalog: &Catalog, ty: &FieldType) -> bool {
    match ty {
        FieldType::String | FieldType::Integer | FieldType::Number | FieldType::Boolean => true,
        FieldType::Named(name) => catalog.enum_values(name).is_some(),
        _ => false,
    }
}

/// The bounds `field` has beyond what its Rust type guarantees, as literals
/// of that type: `(minimum, maximum)`, `None` when the type says it all.
pub fn extra_bounds(field: &Field) -> Option<(TokenStream, TokenStream)> {
    let literal = |bound: Option<i64>| match bound {
        None => quote!(None),
        Some(n) if field.ty.value == FieldType::Number => {
            let n = Literal::f64_unsuffixed(n as f64);
            quote!(Some(#n))
        }
        Some(n) => {
            let n = Literal::i64_unsuffixed(n);
            quote!(Some(#n))
        }
    };
    let minimum = field.minimum.as_ref().map(|m| m.value);
    let maximum = field.maximum.as_ref().map(|m| m.value);
    // An unsigned type says `minimum = 0` already.
    let minimum = minimum.filter(|m| !(field.is_unsigned() && *m == 0));
    if minimum.is_none() && maximum.is_none() {
        return None;
    }
    Some((literal(minimum), literal(maximum)))
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
        (FieldType::String, J::String(s)) => {
            let s = tokens::moved(tokens::lit(s));
            quote!(#rt::String::from(#s))
        }
        (FieldType::Integer, J::Integer(n)) => {
            let n = Literal::i64_unsuffixed(*n);
            quote!(#n)
        }
        (FieldType::Number, J::Integer(n)) => {
            let n = *n as f64;
            quote!(#n)
        }
        (FieldType::Number, J::Float(n)) => quote!(#n),
        (FieldType::Boolean, J::Boolean(b)) => quote!(#b),
        (FieldType::List(inner), J::Array(items)) => {
            let items = tokens::comma_separated(
                items
                    .iter()
                    .map(|item| value_expr(catalog, rt, inner, item)),
            );
            quote!(#rt::Vec::from([#items]))
        }
        (FieldType::Map(item), J::Table(entries)) => {
            let entries = tokens::comma_separated(entries.iter().map(|(key, value)| {
                let value = tokens::moved(value_expr(catalog, rt, item, value));
                let key = tokens::moved(tokens::lit(key));
                quote!((#key, #value))
            }));
            quote!(#rt::Map::from_iter([#entries]))
        }
        (FieldType::Named(name), J::String(text)) if catalog.enum_values(name).is_some() => {
            let ident = names::prefixed(catalog, name);
            let variant = names::enum_variant(text);
            quote!(#ident::#variant)
        }
        (FieldType::Named(name), J::Table(_)) => {
            let ident = names::prefixed(catalog, name);
            let fields = catalog
                .object_type(name)
                .map(|t| t.fields.as_slice())
                .unwrap_or_default();
            let inits = tokens::comma_terminated(fields.iter().map(|field| {
                let rust = names::field_ident(&field.name.value);
                match value.get(&field.name.value) {
                    Some(v) => {
                        let expr = tokens::moved(value_expr(catalog, rt, &field.ty.value, v));
                        if field.required {
                            quote!(#rust: #expr)
                        } else {
                            quote!(#rust: #rt::Some(#expr))
                        }
                    }
                    None => quote!(#rust: #rt::None),
                }
            }));
            quote!(#ident { #inits other_members: #rt::Default::default() })
        }
        // Objects and anything else: through JSON text, parsed at run time.
        (_, other) => {
            let json = other.to_json();
            quote!(#rt::serde_json::from_str(#json).unwrap_or_default())
        }
    }
}
