//! String enum types (`[types.X] enum = [...]`): a Rust enum with a variant
//! per value and `Unknown(String)` for values the catalog does not know (a
//! newer server's), kept as received, the same lesson as unknown codes.

use amp_errors_catalog::{Located, ObjectType};
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::Plan;
use crate::{docs, names};

/// The enum, its wire conversions and its serde impls.
pub fn string_enum(plan: &Plan<'_>, ty: &ObjectType, values: &[Located<String>]) -> TokenStream {
    let Plan {
        catalog,
        rt_path: rt,
        ..
    } = plan;
    let ident = names::prefixed(catalog, &ty.name.value);
    let doc = docs::doc_attrs(std::slice::from_ref(&ty.description));
    let wires: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let variants: Vec<_> = wires.iter().map(|v| names::enum_variant(v)).collect();
    let variant_docs = wires.iter().map(|v| format!(" `{v}`"));
    let count = variants.len();
    quote! {
        #doc
        ///
        /// Forward compatible: a value the catalog does not know is kept in
        /// `Unknown`, so a newer server's value never fails a parse. Match the
        /// known variants and treat `Unknown` as "any other value".
        #[derive(
            #rt::Clone,
            #rt::fmt::Debug,
            #rt::PartialEq,
            #rt::Eq,
            #rt::Hash,
        )]
        #[non_exhaustive]
        pub enum #ident {
            #(#[doc = #variant_docs] #variants,)*
            /// A value the catalog does not know, as received.
            Unknown(#rt::String),
        }

        impl #ident {
            /// Every value the catalog knows, in catalog order.
            pub const ALL: [#ident; #count] = [#(#ident::#variants),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#ident::#variants => #wires,)*
                    #ident::Unknown(value) => value,
                }
            }

            /// The value of a wire string; one the catalog does not know is kept in `Unknown`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #(#wires => #ident::#variants,)*
                    other => #ident::Unknown(#rt::String::from(other)),
                }
            }
        }

        impl #rt::Default for #ident {
            /// `Unknown("")`: what a required field of this type holds until it is set.
            fn default() -> Self {
                #ident::Unknown(#rt::String::new())
            }
        }

        impl #rt::fmt::Display for #ident {
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl #rt::serde::Serialize for #ident {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> #rt::Result<Self, D::Error> {
                let value = <#rt::de::Key<'de> as #rt::serde::Deserialize<'de>>::deserialize(deserializer)?;
                #rt::Ok(#ident::from_wire(value.as_str()))
            }
        }

        impl #rt::de::Tolerant for #ident {
            fn from_text(text: &str) -> #rt::Result<#rt::Option<Self>, #rt::String> {
                #rt::de::enum_from_text(text, #ident::from_wire)
            }
        }
    }
}
