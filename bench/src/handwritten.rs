//! The crate a team would write by hand instead of using amp-errors: one
//! `thiserror` + serde-derive enum, internally tagged on `code`.
//!
//! It is the baseline every benchmark compares with, so it is written the way a
//! careful user would, with the same surface a server and client need and the
//! same wire format: the variant carries the message (filled by a constructor
//! that renders the template), `param`, the typed fields, `doc_url` and
//! `request_id`; `code()`, `status_code()`/`status()` and `is_retryable()` are
//! matches; unknown codes parse as a `#[serde(other)]` unit variant. What it
//! lacks next to the generated type (redaction, the docs table, `with_*`
//! setters, a fallback that keeps the unknown error's members) is what a
//! hand-written enum usually lacks.

use amp_errors_catalog::{Catalog, ErrorCode, Field, FieldType, Retryability, Segment};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The Rust source of the hand-written equivalent of `catalog`, formatted.
pub fn render(catalog: &Catalog) -> String {
    let file: syn::File = match syn::parse2(tokens(catalog)) {
        Ok(file) => file,
        // The tokens are built from quote! fragments only; a parse failure is a
        // bug in this generator, shown as the raw tokens so it can be read.
        Err(error) => return format!("compile_error!({:?});", error.to_string()),
    };
    prettyplease::unparse(&file)
}

/// The hand-written equivalent of `catalog`, as tokens.
pub fn tokens(catalog: &Catalog) -> TokenStream {
    let name = format_ident!("{}", catalog.name.value);
    let types = catalog.types.iter().map(|ty| {
        let ident = format_ident!("{}", ty.name.value);
        if let Some(values) = &ty.values {
            // What a team writes by hand: serde's `other` catches new values.
            let variants = values.iter().map(|v| {
                let (wire, variant) = (&v.value, format_ident!("{}", variant_name(&v.value)));
                quote!(#[serde(rename = #wire)] #variant)
            });
            return quote! {
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                pub enum #ident { #(#variants,)* #[serde(other)] Unknown }
            };
        }
        let fields = ty.fields.iter().map(|f| field_decl(f, false));
        quote! {
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            pub struct #ident { #(#fields,)* }
        }
    });
    let variants = catalog.codes.iter().map(|code| {
        let variant = variant(code);
        let wire = &code.code.value;
        let fields = code.fields.iter().map(|f| field_decl(f, true));
        quote! {
            #[error("{message}")]
            #[serde(rename = #wire)]
            #variant {
                message: String,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                param: Option<String>,
                #(#fields,)*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                doc_url: Option<String>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                request_id: Option<String>,
            },
        }
    });
    let code_arms = catalog.codes.iter().map(|code| {
        let variant = variant(code);
        let wire = &code.code.value;
        quote!(#name::#variant { .. } => #wire,)
    });
    let status_arms = catalog.codes.iter().map(|code| {
        let variant = variant(code);
        let status = code.status.value;
        quote!(#name::#variant { .. } => #status,)
    });
    let retry_arms = catalog.codes.iter().map(|code| {
        let variant = variant(code);
        match &code.retryable {
            Retryability::Fixed(fixed) => quote!(#name::#variant { .. } => #fixed,),
            Retryability::Field {
                name: field,
                default,
            } => {
                let field = field_ident(&field.value);
                quote!(#name::#variant { #field, .. } => #field.unwrap_or(#default),)
            }
        }
    });
    let constructors = catalog.codes.iter().map(|code| constructor(catalog, code));
    let message_arms = catalog.codes.iter().map(|code| {
        let variant = variant(code);
        quote!(#name::#variant { message, .. } => message,)
    });
    quote! {
        //! Hand-written equivalent of a generated catalog: thiserror + serde derive.
        #![allow(clippy::all)]

        #(#types)*

        /// The API's errors, one variant per code.
        #[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "code")]
        pub enum #name {
            #(#variants)*
            /// A code this version does not know.
            #[error("unknown error")]
            #[serde(other)]
            Unknown,
        }

        /// The response body: `{"error": {...}}`.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct ErrorResponse {
            /// The error object.
            pub error: #name,
        }

        impl #name {
            #(#constructors)*

            /// The wire code.
            pub fn code(&self) -> &'static str {
                match self {
                    #(#code_arms)*
                    #name::Unknown => "unknown",
                }
            }

            /// The HTTP status as a number.
            pub fn status_code(&self) -> u16 {
                match self {
                    #(#status_arms)*
                    #name::Unknown => 500,
                }
            }

            /// The HTTP status.
            pub fn status(&self) -> http::StatusCode {
                http::StatusCode::from_u16(self.status_code())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
            }

            /// Whether a client may retry.
            pub fn is_retryable(&self) -> bool {
                match self {
                    #(#retry_arms)*
                    #name::Unknown => false,
                }
            }

            /// The message.
            pub fn message(&self) -> &str {
                match self {
                    #(#message_arms)*
                    #name::Unknown => "unknown error",
                }
            }
        }
    }
}

fn variant(code: &ErrorCode) -> Ident {
    format_ident!("{}", variant_name(&code.code.value))
}

/// The variant name of a wire code in the hand-written enum
/// (`rate_limit_exceeded_3` → `RateLimitExceeded3`): the generator's own
/// naming, so both sides name variants and fields alike.
pub use amp_errors_codegen::names::variant_name;

/// A field's Rust name (`r#type` for keywords): the generator's own naming.
fn field_ident(name: &str) -> Ident {
    amp_errors_codegen::names::field_ident(name)
}

/// A field's Rust type: `u64` for an integer with `minimum >= 0`, as the generator does.
fn field_rust_type(field: &Field) -> TokenStream {
    if field.is_unsigned() {
        quote!(u64)
    } else {
        rust_type(&field.ty.value)
    }
}

fn rust_type(ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(String),
        FieldType::Integer => quote!(i64),
        FieldType::Number => quote!(f64),
        FieldType::Boolean => quote!(bool),
        FieldType::Object => quote!(serde_json::Map<String, serde_json::Value>),
        FieldType::List(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        FieldType::Map(inner) => {
            let inner = rust_type(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        FieldType::Named(name) => {
            let ident = format_ident!("{}", name);
            quote!(#ident)
        }
    }
}

fn field_decl(field: &Field, public_in_variant: bool) -> TokenStream {
    let ident = field_ident(&field.name.value);
    let ty = field_rust_type(field);
    let vis = if public_in_variant {
        quote!()
    } else {
        quote!(pub)
    };
    if field.required {
        quote!(#vis #ident: #ty)
    } else {
        quote! {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #vis #ident: Option<#ty>
        }
    }
}

fn constructor(catalog: &Catalog, code: &ErrorCode) -> TokenStream {
    let name = format_ident!("{}", catalog.name.value);
    let variant = variant(code);
    let function = field_ident(&code.code.value);
    let required: Vec<&Field> = code.fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let ident = field_ident(&f.name.value);
        let ty = field_rust_type(f);
        quote!(#ident: #ty)
    });
    let message = message_expr(code);
    let inits = code.fields.iter().map(|f| {
        let ident = field_ident(&f.name.value);
        if f.required {
            quote!(#ident)
        } else {
            quote!(#ident: None)
        }
    });
    let doc_url = catalog.doc_url(&code.code.value);
    quote! {
        /// A new error with the catalog's message.
        pub fn #function(#(#params),*) -> Self {
            #name::#variant {
                message: #message,
                param: None,
                #(#inits,)*
                doc_url: Some(String::from(#doc_url)),
                request_id: None,
            }
        }
    }
}

/// The message: the template rendered with `format!`, or the literal text.
fn message_expr(code: &ErrorCode) -> TokenStream {
    let template = &code.message.value;
    if let Some(literal) = template.as_literal() {
        return quote!(String::from(#literal));
    }
    let mut format = String::new();
    let mut args = Vec::new();
    for segment in &template.segments {
        match segment {
            Segment::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Segment::Field(field_name) => {
                let field = code.field(field_name);
                format.push_str("{}");
                let ident = field_ident(field_name);
                args.push(match field {
                    Some(f) if !f.required => quote!(""),
                    Some(f)
                        if matches!(
                            f.ty.value,
                            FieldType::String
                                | FieldType::Integer
                                | FieldType::Number
                                | FieldType::Boolean
                        ) =>
                    {
                        quote!(#ident)
                    }
                    _ => quote!(serde_json::to_string(&#ident).unwrap_or_default()),
                });
            }
        }
    }
    quote!(format!(#format, #(#args),*))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amp_equivalent_is_valid_rust_with_every_code() {
        let catalog = amp_errors_catalog::load_str(crate::synth::AMP_CATALOG).unwrap();
        let source = render(&catalog);
        assert!(!source.starts_with("compile_error!"), "{source}");
        let file: syn::File = syn::parse_str(&source).unwrap();
        let enum_item = file
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Enum(e) if e.ident == "AmpError" => Some(e),
                _ => None,
            })
            .expect("the enum is generated");
        // 15 codes and the unknown variant.
        assert_eq!(enum_item.variants.len(), 16);
        assert!(source.contains("#[serde(tag = \"code\")]"));
        assert!(source.contains("\"Rate limit exceeded. Retry after {} seconds.\","));
        assert!(source.contains("#[serde(rename = \"rate_limit_exceeded\")]"));
    }
}
