//! String literals as `quote!` writes them, built faster: plain runs copied
//! whole and the literal read back ([`lit`]), doc text as a raw string
//! ([`doc_lit`]), and one literal per distinct text ([`Lits`]).

use std::collections::HashMap;
use std::str::FromStr as _;

use proc_macro2::Literal;

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
}
