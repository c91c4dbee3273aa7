//! `__json_schema_impl!(Type, "/abs/catalog.toml")`: `schemars::JsonSchema`
//! for a generated type, from the same schema code as `amp-errors schema`.
//! Reached only through the runtime's `json_schema!`, which calls it when
//! the runtime's `schemars` feature is on, so that a build without the
//! feature never pays for the schema.

use amp_errors_catalog::schema::{definitions, json::Json};
use amp_errors_catalog::{checked_catalog, read};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// Where the definitions' references point in the text the macro embeds;
/// the runtime rewrites them to the host document's definitions path.
const BASE: &str = "#/$defs/";

/// The arguments: the generated type and the catalog's resolved path.
struct Arguments {
    ty: Ident,
    path: LitStr,
}

impl Parse for Arguments {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let ty = input.parse()?;
        input.parse::<Token![,]>()?;
        let path = input.parse()?;
        Ok(Arguments { ty, path })
    }
}

/// The impl, or nothing when the catalog cannot be read or built (then
/// `amp_errors!` has reported it already).
pub fn json_schema_impl(tokens: TokenStream) -> TokenStream {
    let Ok(Arguments { ty, path }) = syn::parse2::<Arguments>(tokens) else {
        return TokenStream::new();
    };
    let Some((root, schemas)) = read::read(std::path::Path::new(&path.value()))
        .ok()
        .and_then(|text| checked_catalog(&text).ok())
        .and_then(|catalog| definitions(&catalog, BASE).ok())
    else {
        return TokenStream::new();
    };
    let schemas = Json::Object(schemas).compact();
    let rt = amp_errors_codegen::runtime::path();
    quote! {
        impl #rt::schemars::JsonSchema for #ty {
            fn schema_name() -> #rt::Cow<'static, str> {
                #rt::Cow::Borrowed(#root)
            }

            fn json_schema(generator: &mut #rt::schemars::SchemaGenerator) -> #rt::schemars::Schema {
                #rt::json_schema_of(generator, #root, #schemas)
            }
        }
    }
}
