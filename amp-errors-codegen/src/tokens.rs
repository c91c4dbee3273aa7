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
use std::collections::HashMap;
use std::str::FromStr as _;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, TokenStream, TokenTree};
use quote::{ToTokens, quote};

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

/// The string literal of `text`, the very token `quote!` writes for a
/// `&str`, but faster: `Literal::string` escapes character by character
/// through `escape_debug` (about 8 ns a character, and a catalog of 1,000
/// codes has megabytes of docs text), where this copies plain runs whole and
/// has the literal read back by `Literal::from_str`.
pub fn lit(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    // `plain..at` is the text not yet copied.
    let mut plain = 0;
    for (at, c) in special_chars(text) {
        let next = at + c.len_utf8();
        repr.push_str(&text[plain..at]);
        if c == '\0' {
            // As proc-macro2 writes it: `\0` then a digit reads as an octal escape to C eyes.
            let digit = text
                .as_bytes()
                .get(next)
                .is_some_and(|b| (b'0'..=b'7').contains(b));
            repr.push_str(if digit { "\\x00" } else { "\\0" });
        } else {
            repr.extend(c.escape_debug());
        }
        plain = next;
    }
    repr.push_str(&text[plain..]);
    repr.push('"');
    Literal::from_str(&repr).unwrap_or_else(|_| Literal::string(text))
}

/// The string literal of a doc comment's text: raw (`r"…"`, as `///`
/// writes it), which proc-macro2 reads back several times faster than an
/// escaped one (it checks an escaped literal character by character); the
/// escaped [`lit`] when the text holds a character a raw string would show
/// as it is and an escaped one would not (a control character, `\r`, a
/// bidirectional override).
pub fn doc_lit(text: &str) -> Literal {
    let mut hashes = 0;
    for (at, c) in special_chars(text) {
        match c {
            '\n' | '\t' | '\\' => {}
            // `"#` ends `r#"…"#`: one `#` more than any run after a quote.
            '"' => {
                let after = &text.as_bytes()[at + 1..];
                let run = after.iter().take_while(|&&b| b == b'#').count();
                hashes = hashes.max(run + 1);
            }
            _ => return lit(text),
        }
    }
    let mut repr = String::with_capacity(text.len() + 3 + 2 * hashes);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    Literal::from_str(&repr).unwrap_or_else(|_| Literal::string(text))
}

/// Each character of `text` that a string literal cannot hold as it is
/// (`escape_debug` changes it, or it is a quote or a backslash), with where
/// it starts: the runs of printable ASCII between them are skipped eight
/// bytes at a time.
fn special_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            at += plain_run(bytes.get(at..)?);
            let c = text.get(at..)?.chars().next()?;
            let start = at;
            at += c.len_utf8();
            if c.is_ascii() || !is_plain(c) {
                return Some((start, c));
            }
        }
    })
}

/// The length of the run of printable ASCII that `bytes` starts with (no
/// quote nor backslash), eight bytes at a time.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // The high bit of each byte of `word` that is zero (another lane's
    // borrow cannot set it in a lane that is not).
    let zeros = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut run = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(word);
        // Control characters (below 0x20), DEL and non-ASCII, quote, backslash.
        let special = (word.wrapping_sub(ONES * 0x20) & !word & HIGHS)
            | (word & HIGHS)
            | zeros(word ^ (ONES * 0x7f))
            | zeros(word ^ (ONES * u64::from(b'"')))
            | zeros(word ^ (ONES * u64::from(b'\\')));
        if special != 0 {
            break;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .position(|&byte| !is_plain_byte(byte))
        .unwrap_or(bytes.len() - run)
}

/// Whether `byte` is printable ASCII that a string literal holds as it is.
fn is_plain_byte(byte: u8) -> bool {
    matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\'
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

/// String literals built once per distinct text and cloned: for texts a
/// catalog repeats (categories, JSON types), a clone copies the text where
/// [`lit`] writes it and has it read back.
#[derive(Default)]
pub struct Lits(HashMap<String, Literal>);

impl Lits {
    /// [`lit`] of `text`.
    pub fn get(&mut self, text: &str) -> Literal {
        if let Some(literal) = self.0.get(text) {
            return literal.clone();
        }
        let literal = lit(text);
        self.0.insert(text.to_owned(), literal.clone());
        literal
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
    fn plain_runs_end_at_the_first_special_byte() {
        for special in ["\"", "\\", "\n", "\u{7f}", "é", "\0"] {
            for at in 0..20 {
                let text = format!("{}{special}{}", "a".repeat(at), "b".repeat(20));
                assert_eq!(plain_run(text.as_bytes()), at, "{text:?}");
                assert_eq!(lit(&text).to_string(), Literal::string(&text).to_string());
            }
        }
        assert_eq!(plain_run(b"plain ASCII text, ~ and all"), 27);
    }

    #[test]
    fn doc_literals_hold_their_text() {
        let texts = [
            "",
            " plain",
            " a \"quote\" and \\ back\nslash\t · é",
            " \"# closes r#, \"## closes r##",
            " \r, \u{7}, \0 and \u{202e} are escaped",
        ];
        for text in texts {
            let literal = doc_lit(text);
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
        assert_eq!(doc_lit(" plain").to_string(), "r\" plain\"");
        assert_eq!(doc_lit(" \"#").to_string(), "r##\" \"#\"##");
        assert_eq!(doc_lit(" \r").to_string(), lit(" \r").to_string());
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
