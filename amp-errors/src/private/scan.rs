//! A reader of an error object's JSON text, member by member: each member's
//! name, then its value's text as written.
//!
//! It looks for where members start and end, and checks JSON's grammar on
//! the way (`wellformed`), so that a body is read and checked in one pass
//! ([`ErrorResponse::from_slice`](crate::ErrorResponse::from_slice)); it
//! parses nothing: a name is decoded only when it has escapes, and values are
//! left to the reader (which checks what it keeps against the limits every
//! member follows). The text is valid UTF-8 (a `&str`). A text that is not
//! well formed gives an error, never a panic.

use std::borrow::Cow;

use serde::de::Error as _;

use super::wellformed::{closing_quote, literal_end, number_end, skip_whitespace, value_end};

/// The error of a text that is not the JSON object it should be, at byte
/// `at` of the text (of the body, for `ErrorResponse::from_slice`).
#[cold]
fn malformed(at: usize) -> serde_json::Error {
    serde_json::Error::custom(format_args!("malformed JSON at byte {at}"))
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
        Cursor::at(text, 0)
    }

    /// At the first member of the object starting at byte `start` of
    /// `text` (whitespace before it allowed); `None` when none starts there.
    pub(crate) fn at(text: &'t str, start: usize) -> Option<Self> {
        let open = skip_whitespace(text.as_bytes(), start);
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
            Some(b'}') => {
                // Past the object: where [`position`](Self::position) is now.
                self.at = start + 1;
                return Ok(None);
            }
            _ => return Err(malformed(start)),
        }
        let (end, escaped) = closing_quote(bytes, start + 1).map_err(malformed)?;
        let colon = skip_whitespace(bytes, end + 1);
        if bytes.get(colon) != Some(&b':') {
            return Err(malformed(colon));
        }
        self.at = skip_whitespace(bytes, colon + 1);
        let name = if escaped {
            // With its quotes, the name is a JSON string: serde_json decodes it.
            let quoted = text.get(start..end + 1).ok_or_else(|| malformed(start))?;
            Cow::Owned(serde_json::from_str(quoted)?)
        } else {
            Cow::Borrowed(text.get(start + 1..end).ok_or_else(|| malformed(start))?)
        };
        Ok(Some(Name { start, name }))
    }

    /// The value at the cursor, the cursor then at the next member.
    #[inline(always)]
    pub(crate) fn value(&mut self) -> Result<Value<'t>, serde_json::Error> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        // One flat match over every kind of value: the scalars split off into
        // a function of their own measured 40 to 70 instructions more a
        // parse (callgrind).
        let (end, escaped) = match bytes.get(start) {
            Some(b'"') => closing_quote(bytes, start + 1).map(|(end, escaped)| (end + 1, escaped)),
            Some(b'{' | b'[') => value_end(bytes, start).map(|end| (end, false)),
            Some(b't') => literal_end(bytes, start, b"true").map(|end| (end, false)),
            Some(b'f') => literal_end(bytes, start, b"false").map(|end| (end, false)),
            Some(b'n') => literal_end(bytes, start, b"null").map(|end| (end, false)),
            _ => number_end(bytes, start).map(|end| (end, false)),
        }
        .map_err(malformed)?;
        let text = self.text.get(start..end).ok_or_else(|| malformed(start))?;
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
            // A string written without escapes: `expected` has no backslash
            // and no control character (and no quote: the closing quote was
            // found where it ends). Every byte is looked at, so that the
            // compiler vectorizes it.
            && !expected.iter().fold(false, |found, &b| found | (b == b'\\') | (b < b' '));
        if same {
            self.next(end + 1)?;
        }
        Ok(same)
    }

    /// Moves past a value at the cursor that was read elsewhere (an
    /// envelope's error object) and ends at `end`, the cursor then at the
    /// next member.
    pub(crate) fn skip_to(&mut self, end: usize) -> Result<(), serde_json::Error> {
        self.next(end)
    }

    /// Fails unless nothing but whitespace follows the object, once
    /// [`name`](Self::name) found its end.
    pub(crate) fn end(&self) -> Result<(), serde_json::Error> {
        match skip_whitespace(self.text.as_bytes(), self.at) {
            end if end == self.text.len() => Ok(()),
            end => Err(malformed(end)),
        }
    }

    /// Moves past the separator after a value ending at `end`: a comma
    /// followed by a name, or the object's end.
    #[inline]
    fn next(&mut self, end: usize) -> Result<(), serde_json::Error> {
        let bytes = self.text.as_bytes();
        let after = skip_whitespace(bytes, end);
        self.at = match bytes.get(after) {
            Some(b',') => {
                // No trailing comma: a name follows.
                let name = skip_whitespace(bytes, after + 1);
                if bytes.get(name) != Some(&b'"') {
                    return Err(malformed(name));
                }
                name
            }
            Some(b'}') => after,
            _ => return Err(malformed(after)),
        };
        Ok(())
    }
}

/// The high bit of every byte of `word` (eight bytes, little-endian) that is
/// `"` or `\`, or with `CONTROL` below 0x20, and maybe of bytes above the
/// first such one: only the lowest is exact. The test of eight bytes at a
/// time that the scan's string search and the writer's escaping share.
#[inline(always)]
pub(crate) fn stops<const CONTROL: bool>(word: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const SPACES: u64 = u64::from_le_bytes([0x20; 8]);
    const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_le_bytes([b'\\'; 8]);
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let control = if CONTROL {
        word.wrapping_sub(SPACES) & !word
    } else {
        0
    };
    (zero(word ^ QUOTES) | zero(word ^ BACKSLASHES) | control) & HIGHS
}

/// The index of the first `"` or `\` from `at` on (`bytes.len()` if none),
/// eight bytes at a time; with `CONTROL`, also of the first byte below
/// 0x20, which JSON forbids in strings. Not inlined: its constants stay in
/// registers.
#[inline(never)]
pub(crate) fn string_stop<const CONTROL: bool>(bytes: &[u8], mut at: usize) -> usize {
    let hits = stops::<CONTROL>;
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
    // `at`; the zero bytes that come in at the top are masked off.
    let len = bytes.len();
    if at < len
        && let Some(chunk) = len.checked_sub(8).and_then(|from| bytes.get(from..))
    {
        let left = len - at;
        let found = hits(word(chunk) >> ((8 - left) * 8)) & (u64::MAX >> ((8 - left) * 8));
        return match found {
            0 => len,
            _ => at + (found.trailing_zeros() / 8) as usize,
        };
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || (CONTROL && b < 0x20) {
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
    fn control_characters_stop_the_checking_search_in_every_place() {
        for len in 0..20 {
            for extra in 0..9 {
                for stop in [0x00, 0x1f, b'\n'] {
                    // 0x20 and 0x7f, 0x80 and 0x9f sit at the edges of the range.
                    for filler in [b' ', 0x7f, 0x80, 0x9f] {
                        let mut bytes = vec![filler; len + 1 + extra];
                        bytes[len] = stop;
                        for from in 0..=len {
                            assert_eq!(string_stop::<true>(&bytes, from), len);
                            assert_eq!(string_stop::<false>(&bytes, from), bytes.len());
                        }
                    }
                }
            }
            // Nothing but plain bytes: the end, whatever the tail's length.
            assert_eq!(string_stop::<true>(&vec![b'a'; len], 0), len);
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
                            assert_eq!(string_stop::<false>(&bytes, from), len);
                            // What comes before `from` does not count.
                            let mut earlier = bytes.clone();
                            earlier[..from].fill(stop);
                            assert_eq!(string_stop::<false>(&earlier, from), len);
                        }
                    }
                }
            }
            assert_eq!(string_stop::<false>(&vec![0xe9; len], 0), len);
            assert_eq!(string_stop::<false>(&vec![b'"'; len], len), len);
        }
    }
}
