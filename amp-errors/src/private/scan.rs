//! A reader of an error object's JSON text, member by member: each member's
//! name, then its value's text as written.
//!
//! The text is well-formed JSON already (serde_json checked it while taking
//! it from the input, or wrote it out itself), so this looks for where
//! members start and end, and parses nothing: a name is decoded only when it
//! has escapes, and no value is checked here (the reader checks what it
//! keeps). A text that is not well formed after all gives an error, never a
//! panic.

use std::borrow::Cow;

use serde::de::Error as _;

/// The error of a text that is not the JSON object it should be.
fn malformed() -> serde_json::Error {
    serde_json::Error::custom("malformed JSON object")
}

/// A member's name, and where the member starts.
pub(crate) struct Name<'t> {
    /// Where the member starts in the text (its name's opening quote).
    pub(crate) start: usize,
    /// The name, unescaped.
    pub(crate) name: Cow<'t, str>,
}

/// A member's value: its JSON text, as written.
#[derive(Clone, Copy, Default)]
pub(crate) struct Value<'t> {
    pub(crate) text: &'t str,
    /// Whether the value is a string written with escapes.
    pub(crate) escaped: bool,
}

impl Value<'_> {
    /// Whether the value is the string `expected`, written without escapes.
    pub(crate) fn is(&self, expected: &str) -> bool {
        !self.escaped
            && self.text.len() == expected.len() + 2
            && self
                .text
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                == Some(expected)
    }
}

/// The place in an object's text where the next name or value is read.
pub(crate) struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    /// At the first member of the object `text`; `None` when it is not an object.
    pub(crate) fn new(text: &'t str) -> Option<Self> {
        let open = skip_whitespace(text.as_bytes(), 0);
        (text.as_bytes().get(open) == Some(&b'{')).then_some(Cursor { text, at: open + 1 })
    }

    /// At a place an earlier cursor on `text` reached ([`position`](Self::position)).
    pub(crate) fn resume(text: &'t str, at: usize) -> Self {
        Cursor { text, at }
    }

    /// Where the cursor is.
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    /// The next member's name, the cursor then at its value; `None` at the
    /// end of the object.
    #[inline(always)]
    pub(crate) fn name(&mut self) -> Result<Option<Name<'t>>, serde_json::Error> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let start = skip_whitespace(bytes, self.at);
        match bytes.get(start) {
            Some(b'"') => {}
            Some(b'}') => return Ok(None),
            _ => return Err(malformed()),
        }
        let (end, escaped) = string_end(bytes, start + 1)?;
        let colon = skip_whitespace(bytes, end + 1);
        if bytes.get(colon) != Some(&b':') {
            return Err(malformed());
        }
        self.at = skip_whitespace(bytes, colon + 1);
        let name = if escaped {
            // With its quotes, the name is a JSON string: serde_json decodes it.
            let quoted = text.get(start..end + 1).ok_or_else(malformed)?;
            Cow::Owned(serde_json::from_str(quoted)?)
        } else {
            Cow::Borrowed(text.get(start + 1..end).ok_or_else(malformed)?)
        };
        Ok(Some(Name { start, name }))
    }

    /// The value at the cursor, the cursor then at the next member.
    #[inline(always)]
    pub(crate) fn value(&mut self) -> Result<Value<'t>, serde_json::Error> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let (end, escaped) = match bytes.get(start) {
            Some(b'"') => string_end(bytes, start + 1).map(|(end, escaped)| (end + 1, escaped))?,
            Some(b'{' | b'[') => (nested_end(bytes, start)?, false),
            Some(_) => (scalar_end(bytes, start), false),
            None => return Err(malformed()),
        };
        let text = self.text.get(start..end).ok_or_else(malformed)?;
        self.next(end)?;
        Ok(Value { text, escaped })
    }

    /// Whether the value at the cursor is the string `expected`, written
    /// without escapes; if so, the cursor moves past it. Cheaper than
    /// [`value`](Self::value): the text is compared, not searched.
    #[inline]
    pub(crate) fn value_is(&mut self, expected: &str) -> Result<bool, serde_json::Error> {
        let bytes = self.text.as_bytes();
        let (start, end) = (self.at + 1, self.at + 1 + expected.len());
        let expected = expected.as_bytes();
        let same = bytes.get(self.at) == Some(&b'"')
            && bytes.get(end) == Some(&b'"')
            && bytes.get(start..end) == Some(expected)
            // Written without escapes: `expected` has no backslash. (Nor a
            // quote, or the text, well formed, would not have matched.)
            // Every byte is looked at, so that the compiler vectorizes it.
            && !expected.iter().fold(false, |found, &b| found | (b == b'\\'));
        if same {
            self.next(end + 1)?;
        }
        Ok(same)
    }

    /// Moves past the separator after a value ending at `end`.
    #[inline]
    fn next(&mut self, end: usize) -> Result<(), serde_json::Error> {
        let bytes = self.text.as_bytes();
        let after = skip_whitespace(bytes, end);
        self.at = match bytes.get(after) {
            Some(b',') => after + 1,
            Some(b'}') => after,
            _ => return Err(malformed()),
        };
        Ok(())
    }
}

/// The first index from `at` that is not JSON whitespace.
#[inline]
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    // Compact JSON first: every byte that is whitespace is at most b' '.
    if bytes.get(at).is_none_or(|&b| b > b' ') {
        return at;
    }
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The end of a number, `true`, `false` or `null` starting at `start`.
#[inline]
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while let Some(b) = bytes.get(end) {
        if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
            break;
        }
        end += 1;
    }
    end
}

/// The closing quote of the string whose content starts at `at`, and
/// whether the string has escapes.
#[inline]
fn string_end(bytes: &[u8], mut at: usize) -> Result<(usize, bool), serde_json::Error> {
    let mut escaped = false;
    loop {
        at = quote_or_backslash(bytes, at);
        match bytes.get(at) {
            Some(b'"') => return Ok((at, escaped)),
            // The escaped character is never the string's end (`\"`); `\u`'s
            // hex digits hold no quote or backslash.
            Some(_) => {
                escaped = true;
                at += 2;
            }
            None => return Err(malformed()),
        }
    }
}

/// The end of the array or object starting at `start` (past its closing
/// bracket). Depth is counted, not recursed into: any nesting is safe here
/// (the reader applies the depth limit to what it keeps).
fn nested_end(bytes: &[u8], start: usize) -> Result<usize, serde_json::Error> {
    let mut depth = 0usize;
    let mut at = start;
    while let Some(b) = bytes.get(at) {
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(at + 1);
                }
            }
            b'"' => at = string_end(bytes, at + 1)?.0,
            _ => {}
        }
        at += 1;
    }
    Err(malformed())
}

/// The index of the first `"` or `\` from `at` on (`bytes.len()` if none),
/// eight bytes at a time. Not inlined: its constants stay in registers.
#[inline(never)]
fn quote_or_backslash(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_ne_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_ne_bytes([b'\\'; 8]);
    // The high bit of every byte of `word` that is a quote or a backslash,
    // and maybe of bytes above the first such one: only the lowest is used.
    let hits = |word: u64| {
        let (quotes, backslashes) = (word ^ QUOTES, word ^ BACKSLASHES);
        (quotes.wrapping_sub(ONES) & !quotes | backslashes.wrapping_sub(ONES) & !backslashes)
            & HIGHS
    };
    let word = |chunk: &[u8]| {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        u64::from_le_bytes(word)
    };
    // Sixteen bytes a round, then eight.
    while let Some(chunk) = bytes.get(at..at + 16) {
        let (low, high) = chunk.split_at(8);
        let (low, high) = (hits(word(low)), hits(word(high)));
        if low | high != 0 {
            return match low {
                0 => at + 8 + (high.trailing_zeros() / 8) as usize,
                _ => at + (low.trailing_zeros() / 8) as usize,
            };
        }
        at += 16;
    }
    if let Some(chunk) = bytes.get(at..at + 8) {
        let found = hits(word(chunk));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    // Fewer than eight bytes left: the last eight, shifted past those before
    // `at` (zero bytes come in at the top: neither quote nor backslash).
    let len = bytes.len();
    if at < len
        && let Some(chunk) = len.checked_sub(8).and_then(|from| bytes.get(from..))
    {
        let found = hits(word(chunk) >> ((at + 8 - len) * 8));
        return match found {
            0 => len,
            _ => at + (found.trailing_zeros() / 8) as usize,
        };
    }
    while let Some(b) = bytes.get(at) {
        if matches!(b, b'"' | b'\\') {
            return at;
        }
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(text: &str) -> Vec<(String, String, bool)> {
        let mut cursor = Cursor::new(text).expect("an object");
        let mut out = Vec::new();
        while let Some(name) = cursor.name().expect("well formed") {
            let value = cursor.value().expect("well formed");
            out.push((name.name.into_owned(), value.text.to_owned(), value.escaped));
        }
        out
    }

    #[test]
    fn members_are_names_and_value_texts_in_order() {
        let text = r#" { "a" : 1E2 , "b\u0041":"x\"y" ,"c":[{"}":"]"},[]],"d":{},"e":null,"f":"0123456789abcdef\\"}"#;
        assert_eq!(
            members(text),
            [
                ("a".into(), "1E2".into(), false),
                ("bA".into(), r#""x\"y""#.into(), true),
                ("c".into(), r#"[{"}":"]"},[]]"#.into(), false),
                ("d".into(), "{}".into(), false),
                ("e".into(), "null".into(), false),
                ("f".into(), r#""0123456789abcdef\\""#.into(), true),
            ]
        );
        assert!(members("{}").is_empty());
        assert!(Cursor::new("[1]").is_none());
        assert!(Cursor::new("\"{\"").is_none());
    }

    #[test]
    fn a_value_is_compared_as_written() {
        let text = r#"{"a":"x/y","b":"x\/y","c":"x/y2","d":"x/y" }"#;
        let mut cursor = Cursor::new(text).expect("an object");
        let mut found = Vec::new();
        while cursor.name().expect("well formed").is_some() {
            let same = cursor.value_is("x/y").expect("well formed");
            if !same {
                cursor.value().expect("well formed");
            }
            found.push(same);
        }
        assert_eq!(found, [true, false, false, true]);
        let mut cursor = Cursor::new(r#"{"a":"x\"y"}"#).expect("an object");
        cursor.name().expect("well formed");
        assert!(!cursor.value_is("x\"y").expect("well formed"));
        for (text, expected, same) in [
            (r#"{"a":"0123456789abcdef"}"#, "0123456789abcdef", true),
            (r#"{"a":"0123456789abcdeF"}"#, "0123456789abcdef", false),
            (r#"{"a":"01234567\\9abcdef"}"#, "01234567\\9abcdef", false),
            (r#"{"a":"0123456789abcd\\"}"#, "0123456789abcd\\", false),
            (r#"{"a":"0123"}"#, "01234", false),
        ] {
            let mut cursor = Cursor::new(text).expect("an object");
            cursor.name().expect("well formed");
            assert_eq!(
                cursor.value_is(expected).expect("well formed"),
                same,
                "{text}"
            );
        }
    }

    #[test]
    fn text_that_is_not_well_formed_is_an_error_not_a_panic() {
        for text in [
            r#"{"a"#,
            r#"{"a":"#,
            r#"{"a":"b"#,
            r#"{"a":[1"#,
            r#"{"a" 1}"#,
            r#"{"a":1"#,
            "{1:1}",
            r#"{"\"#,
        ] {
            let mut cursor = Cursor::new(text).expect("an object");
            let result = loop {
                match cursor.name() {
                    Ok(Some(_)) => {}
                    other => break other.map(|_| ()),
                }
                if let Err(error) = cursor.value() {
                    break Err(error);
                }
            };
            assert!(result.is_err(), "{text}");
        }
    }

    #[test]
    fn quotes_and_backslashes_are_found_in_every_place() {
        for len in 0..20 {
            for extra in 0..9 {
                for stop in [b'"', b'\\'] {
                    // `#` and `]` differ from a quote and a backslash by one
                    // bit: the bytes a careless word-at-a-time search mistakes.
                    for filler in [b'a', b'#', b']'] {
                        let mut bytes = vec![filler; len + 1 + extra];
                        bytes[len] = stop;
                        for from in 0..=len {
                            assert_eq!(quote_or_backslash(&bytes, from), len);
                            // What comes before `from` does not count.
                            let mut earlier = bytes.clone();
                            earlier[..from].fill(stop);
                            assert_eq!(quote_or_backslash(&earlier, from), len);
                        }
                    }
                }
            }
            assert_eq!(quote_or_backslash(&vec![0xe9; len], 0), len);
            assert_eq!(quote_or_backslash(&vec![b'"'; len], len), len);
        }
    }
}
