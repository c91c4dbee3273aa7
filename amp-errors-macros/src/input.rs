//! The macro's argument: exactly one string literal, the catalog path.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::LitStr;

/// What `amp_errors!(...)` was given.
pub struct MacroInput {
    /// The path as written.
    pub path: String,
    /// Where it is written, for diagnostics.
    pub span: Span,
}

const USAGE: &str = "expected one string literal, the catalog's path relative to CARGO_MANIFEST_DIR: `amp_errors!(\"catalog.toml\")`";

/// Parses the argument tokens.
pub fn parse(tokens: TokenStream) -> Result<MacroInput, syn::Error> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let Some(first) = trees.first() else {
        return Err(syn::Error::new(
            Span::call_site(),
            format!("missing catalog path; {USAGE}"),
        ));
    };
    let literal: LitStr = syn::parse2(TokenStream::from(first.clone())).map_err(|_| {
        syn::Error::new(
            first.span(),
            format!("the catalog path must be a string literal; {USAGE}"),
        )
    })?;
    // A trailing comma is fine; anything after it is a second argument.
    let is_comma = |tree: &TokenTree| matches!(tree, TokenTree::Punct(p) if p.as_char() == ',');
    let rest = match trees.get(1) {
        Some(comma) if is_comma(comma) => &trees[2..],
        _ => &trees[1..],
    };
    if let Some(extra) = rest.first() {
        return Err(syn::Error::new(
            extra.span(),
            format!("amp_errors! takes exactly one argument; {USAGE}"),
        ));
    }
    if literal.value().is_empty() {
        return Err(syn::Error::new(
            literal.span(),
            format!("the catalog path is empty; {USAGE}"),
        ));
    }
    Ok(MacroInput {
        path: literal.value(),
        span: literal.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn one_string_literal() {
        assert_eq!(
            parse(quote!("catalog.toml"))
                .map(|i| i.path)
                .ok()
                .as_deref(),
            Some("catalog.toml")
        );
        let none = error_of(quote!());
        assert!(none.starts_with("missing catalog path"), "{none}");
        let ident = error_of(quote!(catalog));
        assert!(
            ident.starts_with("the catalog path must be a string literal"),
            "{ident}"
        );
        let two = error_of(quote!("a.toml", "b.toml"));
        assert!(
            two.starts_with("amp_errors! takes exactly one argument"),
            "{two}"
        );
    }

    /// The message `parse` rejects `tokens` with (empty if it accepts them).
    fn error_of(tokens: proc_macro2::TokenStream) -> String {
        parse(tokens)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }
}
