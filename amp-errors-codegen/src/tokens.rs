//! Generated pieces moved, not copied, into the code that holds them.
//!
//! `quote!` interpolates a `TokenStream` by reference, so it copies every
//! top-level token of it (an identifier or literal is a heap allocation
//! each) and the original is then dropped. The per-code pieces of a catalog
//! of 1,000 codes are hundreds of thousands of tokens: [`join`] and
//! [`moved`] hand them over instead; and [`lit`] writes a string literal
//! several times faster than `quote!` does.

use std::cell::Cell;
use std::str::FromStr as _;

use proc_macro2::{Ident, Literal, Punct, Spacing, TokenStream, TokenTree};
use quote::{ToTokens, quote};

/// Tokens that `quote!` takes by moving them: interpolate it once.
pub struct Moved(Cell<Option<TokenStream>>);

/// `tokens`, to interpolate by moving.
pub fn moved(tokens: TokenStream) -> Moved {
    Moved(Cell::new(Some(tokens)))
}

/// The pieces one after another, to interpolate by moving (`#(#pieces)*`
/// without the copies).
pub fn join(pieces: impl IntoIterator<Item = TokenStream>) -> Moved {
    moved(pieces.into_iter().collect())
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
pub fn comma_separated(pieces: impl IntoIterator<Item = TokenStream>) -> Moved {
    moved(with_commas(pieces, false))
}

/// Each piece followed by a comma (`#(#pieces,)*` without the copies).
pub fn comma_terminated(pieces: impl IntoIterator<Item = TokenStream>) -> Moved {
    moved(with_commas(pieces, true))
}

fn with_commas(pieces: impl IntoIterator<Item = TokenStream>, trailing: bool) -> TokenStream {
    let comma = || TokenTree::Punct(Punct::new(',', Spacing::Alone));
    let mut tokens = TokenStream::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        if i > 0 && !trailing {
            tokens.extend([comma()]);
        }
        tokens.extend(piece);
        if trailing {
            tokens.extend([comma()]);
        }
    }
    tokens
}

/// The string literal of `text`, the very token `quote!` writes for a
/// `&str`, but faster: `Literal::string` escapes character by character
/// through `escape_debug` (about 8 ns a character, and a catalog of 1,000
/// codes has megabytes of docs text), where this copies plain runs whole and
/// has the literal read back by `Literal::from_str`.
pub fn lit(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut plain = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_plain(c) {
            continue;
        }
        repr.push_str(&text[plain..at]);
        plain = at + c.len_utf8();
        if c == '\0' {
            // As proc-macro2 writes it: `\0` then a digit reads as an octal escape to C eyes.
            let digit = chars
                .peek()
                .is_some_and(|&(_, next)| ('0'..='7').contains(&next));
            repr.push_str(if digit { "\\x00" } else { "\\0" });
        } else {
            repr.extend(c.escape_debug());
        }
    }
    repr.push_str(&text[plain..]);
    repr.push('"');
    Literal::from_str(&repr).unwrap_or_else(|_| Literal::string(text))
}

/// Whether `escape_debug` leaves `c` as it is (a single quote needs no escape in a string).
fn is_plain(c: char) -> bool {
    match c {
        '"' | '\\' => false,
        ' '..='~' => true,
        c if c.is_ascii() => false,
        c => {
            let mut escaped = c.escape_debug();
            escaped.next() == Some(c) && escaped.next().is_none()
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

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn literals_are_those_of_quote() {
        let texts = [
            "",
            "plain",
            "a \"quoted\" \\ back\nslash\t it's",
            "é ü \u{301} \u{202e} \u{7}\u{0}z \u{0}7 \r",
            "{x} \u{1F600}",
        ];
        for text in texts {
            assert_eq!(
                lit(text).to_string(),
                Literal::string(text).to_string(),
                "{text:?}"
            );
        }
        let every: String = (0..0x800)
            .chain(0x2000..0x2100)
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(lit(&every).to_string(), Literal::string(&every).to_string());
    }

    #[test]
    fn joins_and_separates() {
        let pieces = || [quote!(a), quote!(b c), quote!(d)];
        let (joined, listed) = (join(pieces()), comma_separated(pieces()));
        let terminated = comma_terminated(pieces());
        assert_eq!(quote!([#joined]).to_string(), "[a b c d]");
        assert_eq!(quote!([#listed]).to_string(), "[a , b c , d]");
        assert_eq!(quote!([#terminated]).to_string(), "[a , b c , d ,]");
    }
}
