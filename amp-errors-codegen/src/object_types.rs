//! Named object types (`[types.Name]`): a struct each, with serde derives and
//! a `Debug` that redacts sensitive members (string enums: `enums.rs`).

use amp_errors_catalog::ObjectType;
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::Plan;
use crate::{docs, enums, fmt, names, runtime, tokens, types};

/// Every named object type: its struct, then its `Debug`.
pub fn object_types(plan: &Plan<'_>) -> TokenStream {
    plan.catalog
        .types
        .iter()
        .map(|object| object_type(plan, object))
        .collect()
}

fn object_type(plan: &Plan<'_>, object: &ObjectType) -> TokenStream {
    if let Some(values) = &object.values {
        return enums::string_enum(plan, object, values);
    }
    let Plan {
        catalog,
        rt_path: rt,
        ..
    } = plan;
    let ident = names::prefixed(catalog, &object.name.value);
    let doc = docs::doc_attrs(std::slice::from_ref(&object.description));
    let serde_path = format!("{}::serde", runtime::path_text());
    let is_none = format!("{}::Option::is_none", runtime::path_text());
    let fields = object.fields.iter().map(|field| {
        let rust = names::field_ident(&field.name.value);
        let wire = &field.name.value;
        let ty = types::field_type(catalog, rt, field);
        let doc = docs::field_doc_attrs(field);
        let optional = if field.required {
            TokenStream::new()
        } else {
            quote!(#[serde(default, skip_serializing_if = #is_none)])
        };
        quote! {
            #doc
            #[serde(rename = #wire)]
            #optional
            pub #rust: #ty
        }
    });
    let debug_fields = object.fields.iter().map(|field| {
        let rust = names::field_ident(&field.name.value);
        fmt::debug_field(
            rt,
            tokens::lit(&field.name.value),
            field.sensitive,
            quote!(&self.#rust),
        )
    });
    let name = ident.to_string();
    let deserialize = deserialize_impl(plan, object, &ident);
    quote! {
        #doc
        #[derive(
            #rt::Clone,
            #rt::Default,
            #rt::PartialEq,
            #rt::serde::Serialize,
        )]
        #[serde(crate = #serde_path)]
        pub struct #ident {
            #(#fields,)*
            /// Members the catalog does not declare (a newer server's), as
            /// received; written back after the declared ones.
            #[serde(flatten)]
            pub other_members: #rt::Object,
        }

        #deserialize

        impl #rt::fmt::Debug for #ident {
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                f.debug_struct(#name)
                    #(#debug_fields)*
                    .finish()
            }
        }
    }
}

/// `Deserialize` of an object type: the declared members typed, the others
/// kept in `other_members` exactly as written (numbers' spelling included,
/// which serde's `flatten` buffer would lose).
fn deserialize_impl(
    plan: &Plan<'_>,
    object: &ObjectType,
    ident: &proc_macro2::Ident,
) -> TokenStream {
    let Plan {
        catalog,
        rt_path: rt,
        ..
    } = plan;
    let locals: Vec<_> = object
        .fields
        .iter()
        .map(|f| quote::format_ident!("__field_{}", f.name.value))
        .collect();
    let slots = object.fields.iter().zip(&locals).map(|(field, local)| {
        let ty = types::value_type(catalog, rt, field);
        quote!(let mut #local: #rt::Option<#ty> = #rt::None;)
    });
    let arms = object.fields.iter().zip(&locals).map(|(field, local)| {
        let wire = &field.name.value;
        quote!(#wire => #local = map.next_value()?,)
    });
    let inits = object.fields.iter().zip(&locals).map(|(field, local)| {
        let rust = names::field_ident(&field.name.value);
        let wire = &field.name.value;
        if field.required {
            quote!(#rust: #rt::de::required(#local, #wire)?,)
        } else {
            quote!(#rust: #local,)
        }
    });
    let expecting = format!("a {} object", object.name.value);
    quote! {
        impl<'de> #rt::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> #rt::Result<Self, D::Error> {
                struct Members;
                impl<'de> #rt::serde::de::Visitor<'de> for Members {
                    type Value = #ident;
                    fn expecting(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: #rt::serde::de::MapAccess<'de>>(self, mut map: A) -> #rt::Result<#ident, A::Error> {
                        #(#slots)*
                        let mut other_members = #rt::Object::new();
                        while let #rt::Some(key) = map.next_key::<#rt::de::Key<'de>>()? {
                            match key.as_str() {
                                #(#arms)*
                                _ => #rt::de::other_member(&mut map, key, &mut other_members)?,
                            }
                        }
                        #rt::Ok(#ident { #(#inits)* other_members })
                    }
                }
                deserializer.deserialize_map(Members)
            }
        }
    }
}
