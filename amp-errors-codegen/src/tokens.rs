//! Generated pieces moved, not copied, into the code that holds them.
//!
//! `quote!` interpolates a `TokenStream` by reference, so it copies every
//! top-level token of it (an identifier or literal is a heap allocation
//! each) and the original is then dropped. The per-code pieces of a catalog
//! of 1,000 codes are hundreds of thousands of tokens: [`join`] and
//! [`moved`] hand them over instead; [`lit`] writes a string literal
//! several times faster than `quote!` does, and [`doc_lit`] a doc comment's
//! text as a raw string, which proc-macro2 reads back faster still.

use std::cell::Cell;

pub use literals::{Lits, doc_lit, lit};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, TokenStream, TokenTree};
use quote::{ToTokens, quote};

mod literals;

/// Tokens (or a literal) that `quote!` takes by moving them: interpolate it once.
pub struct Moved<T = TokenStream>(Cell<Option<T>>);

/// `tokens`, to interpolate by moving: a `TokenStream`, or a `Literal`
/// (which `quote!` would clone, text and all).
pub fn moved<T>(tokens: T) -> Moved<T> {
    Moved(Cell::new(Some(tokens)))
}

/// The pieces one after another, to interpolate by moving (`#(#pieces)*`
/// without the copies). Kept apart until then: each piece is copied once,
/// into the stream that holds them, not first into a stream of its own.
pub fn join(pieces: impl IntoIterator<Item = TokenStream>) -> Moved<Vec<TokenStream>> {
    moved(pieces.into_iter().collect())
}

/// A group to interpolate in many places: each copy shares its tokens
/// (where `quote!` would build the group again each time).
pub fn shared_group(delimiter: Delimiter, tokens: TokenStream) -> Group {
    Group::new(delimiter, tokens)
}

/// `Ty::A`, or `(Ty::A | Ty::B)`: a pattern matching any of `variants`,
/// parenthesized only when there is more than one (for a binding `code @ …`).
pub fn alternatives(ty: &Ident, variants: &[&Ident]) -> TokenStream {
    match variants {
        [variant] => quote!(#ty::#variant),
        _ => quote!((#(#ty::#variants)|*)),
    }
}

/// The pieces separated by commas (`#(#pieces),*` without the copies).
pub fn comma_separated(pieces: impl IntoIterator<Item = TokenStream>) -> Moved<Separated> {
    moved(separated(pieces, ',', false))
}

/// Each piece followed by a comma (`#(#pieces,)*` without the copies).
pub fn comma_terminated(pieces: impl IntoIterator<Item = TokenStream>) -> Moved<Separated> {
    moved(separated(pieces, ',', true))
}

/// The patterns as one or-pattern (`#(#patterns)|*` without the copies).
pub fn or_pattern(patterns: impl IntoIterator<Item = TokenStream>) -> Moved<Separated> {
    moved(separated(patterns, '|', false))
}

/// `[a, b, c]`: single tokens separated by commas, in a bracket group of
/// its own stream (no stream a token, no copy of one).
pub fn bracketed_list(tokens: impl IntoIterator<Item = TokenTree>) -> TokenTree {
    let mut stream = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        if i > 0 {
            stream.push(TokenTree::Punct(Punct::new(',', Spacing::Alone)));
        }
        stream.push(token);
    }
    TokenTree::Group(Group::new(Delimiter::Bracket, stream.into_iter().collect()))
}

/// Pieces and the punctuation between (or after) them, kept apart until
/// interpolated: each piece is copied once, into the stream that holds them.
pub struct Separated {
    pieces: Vec<TokenStream>,
    separator: char,
    trailing: bool,
}

fn separated(
    pieces: impl IntoIterator<Item = TokenStream>,
    separator: char,
    trailing: bool,
) -> Separated {
    Separated {
        pieces: pieces.into_iter().collect(),
        separator,
        trailing,
    }
}

impl ToTokens for Moved<Separated> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let taken = self.0.take();
        debug_assert!(taken.is_some(), "a `Moved` is interpolated once");
        let Some(Separated {
            pieces,
            separator,
            trailing,
        }) = taken
        else {
            return;
        };
        let punct = || TokenTree::Punct(Punct::new(separator, Spacing::Alone));
        for (i, piece) in pieces.into_iter().enumerate() {
            if i > 0 && !trailing {
                tokens.extend([punct()]);
            }
            tokens.extend(piece);
            if trailing {
                tokens.extend([punct()]);
            }
        }
    }
}

impl ToTokens for Moved {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let taken = self.0.take();
        debug_assert!(taken.is_some(), "a `Moved` is interpolated once");
        tokens.extend(taken);
    }
}

impl ToTokens for Moved<Vec<TokenStream>> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let taken = self.0.take();
        debug_assert!(taken.is_some(), "a `Moved` is interpolated once");
        tokens.extend(taken.into_iter().flatten());
    }
}

impl ToTokens for Moved<Literal> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let taken = self.0.take();
        debug_assert!(taken.is_some(), "a `Moved` is interpolated once");
        tokens.extend(taken.map(TokenTree::Literal));
    }
}

/// A field's initializer in a struct expression, after the field's name,
/// written straight into the stream that holds it (no stream of its own):
/// interpolate it by moving, `#(#fields #inits,)*`.
pub enum Init {
    /// Nothing: the name alone (`field`), a local of that name.
    Shorthand,
    /// `: None`.
    None,
    /// `: value`.
    Value(TokenStream),
    /// `: Some(value)`.
    Some(TokenStream),
}

impl ToTokens for Moved<Init> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let taken = self.0.take();
        debug_assert!(taken.is_some(), "a `Moved` is interpolated once");
        let Some(init) = taken else {
            return;
        };
        if matches!(init, Init::Shorthand) {
            return;
        }
        tokens.extend([TokenTree::Punct(Punct::new(':', Spacing::Alone))]);
        match init {
            Init::Shorthand => {}
            Init::None => tokens.extend([ident("None")]),
            Init::Value(value) => tokens.extend(value),
            Init::Some(value) => tokens.extend([ident("Some"), paren(value)]),
        }
    }
}

/// `Some(value)` or `None`, written straight into the stream that holds it.
pub struct OptionExpr<T>(pub Option<T>);

impl<T: ToTokens> ToTokens for OptionExpr<T> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match &self.0 {
            Some(value) => tokens.extend([ident("Some"), paren(value.to_token_stream())]),
            None => tokens.extend([ident("None")]),
        }
    }
}

/// The identifier `name`, as a token.
pub fn ident(name: &str) -> TokenTree {
    TokenTree::Ident(Ident::new(name, proc_macro2::Span::call_site()))
}

/// `{ tokens }`, as a token.
pub fn brace(tokens: TokenStream) -> TokenTree {
    TokenTree::Group(Group::new(Delimiter::Brace, tokens))
}

/// `(tokens)`, as a token.
pub fn paren(tokens: TokenStream) -> TokenTree {
    TokenTree::Group(Group::new(Delimiter::Parenthesis, tokens))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn inits_and_options_are_those_of_quote() {
        let fields = [quote!(a), quote!(b), quote!(c), quote!(d)];
        let inits = [
            moved(Init::Shorthand),
            moved(Init::None),
            moved(Init::Value(quote!(x.into()))),
            moved(Init::Some(quote!(1))),
        ];
        assert_eq!(
            quote!(S { #(#fields #inits,)* }).to_string(),
            quote!(S {
                a,
                b: None,
                c: x.into(),
                d: Some(1),
            })
            .to_string(),
        );
        let (some, none) = (
            OptionExpr(Some(Literal::i64_unsuffixed(-3))),
            OptionExpr(None::<Literal>),
        );
        assert_eq!(
            quote!(#some, #none).to_string(),
            quote!(Some(-3), None).to_string()
        );
        let listed = bracketed_list([ident("a"), TokenTree::Literal(lit("b")), ident("c")]);
        assert_eq!(quote!(#listed).to_string(), quote!([a, "b", c]).to_string());
    }

    #[test]
    fn joins_and_separates() {
        let pieces = || [quote!(a), quote!(b c), quote!(d)];
        let (joined, listed) = (join(pieces()), comma_separated(pieces()));
        let (terminated, or) = (comma_terminated(pieces()), or_pattern(pieces()));
        assert_eq!(quote!([#joined]).to_string(), "[a b c d]");
        assert_eq!(quote!([#or]).to_string(), "[a | b c | d]");
        assert_eq!(quote!([#listed]).to_string(), "[a , b c , d]");
        assert_eq!(quote!([#terminated]).to_string(), "[a , b c , d ,]");
    }
}
