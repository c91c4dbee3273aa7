//! The `amp_errors!` proc macro: a thin shim over `amp-errors-catalog` (read,
//! then `checked_catalog`, which parses and validates) and `amp-errors-codegen`
//! (expand). Use it through the `amp-errors` crate, which documents it.

mod input;
mod resolve;
mod schema;

use amp_errors_catalog::{Diagnostic, Rejection, read, snippet};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

/// Generates the error type of a catalog; see the `amp-errors` crate's documentation.
#[proc_macro]
pub fn amp_errors(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand(input.into()).into()
}

/// `schemars::JsonSchema` for a generated type: called by the runtime's
/// `json_schema!` when its `schemars` feature is on. Not a public API.
#[doc(hidden)]
#[proc_macro]
pub fn __json_schema_impl(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    schema::json_schema_impl(input.into()).into()
}

/// The whole macro over `proc_macro2`: read, parse, validate, expand.
fn expand(tokens: TokenStream) -> TokenStream {
    let input = match input::parse(tokens) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let path = match resolve::resolve(&input.path) {
        Ok(path) => path,
        Err(message) => return compile_error(input.span, &message),
    };
    let text = match read::read(&path) {
        Ok(text) => text,
        Err(diagnostic) => {
            let mut out = compile_error(input.span, &diagnostic.render(&input.path));
            if diagnostic.location.is_some() {
                // The file exists but is not UTF-8: rebuild once it is fixed.
                out.extend(track(&path));
            }
            return out;
        }
    };
    let tracking = track(&path);
    match amp_errors_catalog::checked_catalog(&text) {
        Ok(catalog) => {
            let items = amp_errors_codegen::expand(&catalog);
            // The JSON Schema impl, when the runtime's `schemars` feature asks
            // for it (a no-op macro otherwise).
            let rt = amp_errors_codegen::runtime::path();
            let ty = format_ident!("{}", catalog.name.value);
            let path = path.to_string_lossy();
            quote! {
                #items
                #rt::json_schema!(#ty, #path);
                #tracking
            }
        }
        Err(rejection) => errors(&input, &text, rejection, tracking),
    }
}

/// `include_bytes!` of the catalog, so that cargo rebuilds when it changes.
fn track(path: &std::path::Path) -> TokenStream {
    let path = path.to_string_lossy();
    quote! {
        const _: &[u8] = include_bytes!(#path);
    }
}

fn compile_error(span: Span, message: &str) -> TokenStream {
    quote_spanned!(span=> ::core::compile_error!(#message);)
}

/// A problem as the macro shows it: `path:line:col: message`, then the
/// snippet `amp-errors check` shows, in plain text (the catalog line with
/// the offending token underlined, and the help).
fn shown(path: &str, text: &str, diagnostic: &Diagnostic) -> String {
    if diagnostic.location.is_none() {
        return diagnostic.render(path);
    }
    let snippet = snippet::render(text, path, diagnostic, false);
    let title = Diagnostic {
        help: None,
        ..diagnostic.clone()
    }
    .render(path);
    match snippet.split_once('\n') {
        Some((_, body)) => format!("{title}\n{body}"),
        None => diagnostic.render(path),
    }
}

/// Every problem of a rejected catalog as a `compile_error!`, plus empty
/// stand-ins for the types it would have generated (when its name is usable),
/// so that code naming them does not add errors.
fn errors(
    input: &input::MacroInput,
    text: &str,
    rejection: Rejection,
    tracking: TokenStream,
) -> TokenStream {
    let mut out: TokenStream = rejection
        .problems
        .iter()
        .map(|d| compile_error(input.span, &shown(&input.path, text, d)))
        .collect();
    if let Some(name) = rejection.type_name {
        let ty = format_ident!("{name}");
        let code = format_ident!("{name}Code");
        let category = format_ident!("{name}Category");
        out.extend(quote! {
            #[allow(dead_code)]
            pub enum #ty {}
            #[allow(dead_code)]
            pub enum #code {}
            #[allow(dead_code)]
            pub enum #category {}
        });
    }
    out.extend(tracking);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_arguments_are_compile_errors_not_panics() {
        let out = expand(quote!(42)).to_string();
        assert!(out.contains("compile_error"), "{out}");
        let out = expand(quote!("definitely/not/here.toml")).to_string();
        assert!(out.contains("catalog file not found at"), "{out}");
    }
}
