//! JSON's grammar, checked where the member scan (`scan`) finds where
//! values end: so that [`ErrorResponse::from_slice`](crate::ErrorResponse::from_slice)
//! reads a body in one pass, without serde, and accepts exactly what
//! serde_json accepts when it takes a value's text (RFC 8259: no trailing
//! commas, no comments, no leading zeros, no control character in a string,
//! escapes of `"\/bfnrt` and `u` with four hex digits). Nothing is parsed:
//! escapes are not decoded, numbers not converted. What serde's path checks
//! after taking the text (a lone surrogate, a number out of range, nesting
//! past [`RawJson::MAX_DEPTH`](crate::RawJson::MAX_DEPTH) within a member)
//! the same code checks afterwards on both paths. UTF-8 is checked once, for
//! the whole body, by the caller.
//!
//! Nesting is followed in a fixed bit stack of [`MAX_NESTING`] levels, no
//! recursion and no allocation; a value nested deeper fails here, as every
//! path fails a member that deep.

use super::scan::string_stop;

/// Levels of arrays and objects this check follows; a body nested deeper
/// fails. Deeper than any body whose members pass the depth limit.
pub const MAX_NESTING: usize = 256;

/// Which of the open arrays and objects are objects: one bit a level.
struct Nesting {
    objects: [u64; MAX_NESTING / 64],
    depth: usize,
}

impl Nesting {
    /// Opens a level (an object or an array); false past [`MAX_NESTING`].
    #[inline]
    fn push(&mut self, object: bool) -> bool {
        if self.depth == MAX_NESTING {
            return false;
        }
        let (word, bit) = (self.depth / 64, self.depth % 64);
        self.objects[word] = self.objects[word] & !(1 << bit) | (u64::from(object) << bit);
        self.depth += 1;
        true
    }

    /// Whether the innermost open level is an object (`depth > 0`).
    #[inline]
    fn in_object(&self) -> bool {
        let top = self.depth - 1;
        self.objects[top / 64] >> (top % 64) & 1 == 1
    }
}

/// The end of the value starting at `at` (past it); `Err` holds the byte
/// where the grammar breaks.
pub(crate) fn value_end(bytes: &[u8], mut at: usize) -> Result<usize, usize> {
    let mut nesting = Nesting {
        objects: [0; MAX_NESTING / 64],
        depth: 0,
    };
    'value: loop {
        // A value starts here.
        at = skip_whitespace(bytes, at);
        match bytes.get(at) {
            Some(b'"') => at = string_end(bytes, at + 1)?,
            Some(&open @ (b'{' | b'[')) => {
                let object = open == b'{';
                at = skip_whitespace(bytes, at + 1);
                let close = if object { b'}' } else { b']' };
                if bytes.get(at) == Some(&close) {
                    at += 1;
                } else {
                    if !nesting.push(object) {
                        return Err(at);
                    }
                    if object {
                        at = name_end(bytes, at)?;
                    }
                    continue 'value;
                }
            }
            Some(b't') => at = literal_end(bytes, at, b"true")?,
            Some(b'f') => at = literal_end(bytes, at, b"false")?,
            Some(b'n') => at = literal_end(bytes, at, b"null")?,
            Some(b'-' | b'0'..=b'9') => at = number_end(bytes, at)?,
            _ => return Err(at),
        }
        // A value ended: a separator, or the end of arrays and objects.
        loop {
            if nesting.depth == 0 {
                return Ok(at);
            }
            at = skip_whitespace(bytes, at);
            let in_object = nesting.in_object();
            match bytes.get(at) {
                Some(b',') if in_object => {
                    at = name_end(bytes, skip_whitespace(bytes, at + 1))?;
                    continue 'value;
                }
                Some(b',') => {
                    at += 1;
                    continue 'value;
                }
                Some(b'}') if in_object => {}
                Some(b']') if !in_object => {}
                _ => return Err(at),
            }
            nesting.depth -= 1;
            at += 1;
        }
    }
}

/// The first index from `at` that is not JSON whitespace.
#[inline]
pub(crate) fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    // Compact JSON first: every byte that is whitespace is at most b' '.
    if bytes.get(at).is_none_or(|&b| b > b' ') {
        return at;
    }
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// Past a member's name starting at `at` and its colon.
#[inline]
fn name_end(bytes: &[u8], at: usize) -> Result<usize, usize> {
    if bytes.get(at) != Some(&b'"') {
        return Err(at);
    }
    let at = skip_whitespace(bytes, string_end(bytes, at + 1)?);
    match bytes.get(at) {
        Some(b':') => Ok(at + 1),
        _ => Err(at),
    }
}

/// Past the closing quote of the string whose content starts at `at`.
#[inline]
fn string_end(bytes: &[u8], at: usize) -> Result<usize, usize> {
    closing_quote(bytes, at).map(|(end, _)| end + 1)
}

/// The closing quote of the string whose content starts at `at`, and
/// whether the string has escapes.
#[inline(always)]
pub(crate) fn closing_quote(bytes: &[u8], mut at: usize) -> Result<(usize, bool), usize> {
    let mut escaped = false;
    loop {
        at = string_stop::<true>(bytes, at);
        match bytes.get(at) {
            Some(b'"') => return Ok((at, escaped)),
            Some(b'\\') => match bytes.get(at + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                    escaped = true;
                    at += 2;
                }
                Some(b'u') => match bytes.get(at + 2..at + 6) {
                    Some(hex) if hex.iter().all(u8::is_ascii_hexdigit) => {
                        escaped = true;
                        at += 6;
                    }
                    _ => return Err(at),
                },
                _ => return Err(at),
            },
            // A control character, or the end of the input.
            _ => return Err(at),
        }
    }
}

/// Past `literal`, which starts at `at`.
#[inline]
pub(crate) fn literal_end(bytes: &[u8], at: usize, literal: &[u8]) -> Result<usize, usize> {
    match bytes.get(at..at + literal.len()) {
        Some(found) if found == literal => Ok(at + literal.len()),
        _ => Err(at),
    }
}

/// Past the number starting at `at`: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
#[inline(always)]
pub(crate) fn number_end(bytes: &[u8], mut at: usize) -> Result<usize, usize> {
    if bytes.get(at) == Some(&b'-') {
        at += 1;
    }
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at = digits_end(bytes, at + 1),
        _ => return Err(at),
    }
    if bytes.get(at) == Some(&b'.') {
        let end = digits_end(bytes, at + 1);
        if end == at + 1 {
            return Err(end);
        }
        at = end;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        if let Some(b'+' | b'-') = bytes.get(at) {
            at += 1;
        }
        let end = digits_end(bytes, at);
        if end == at {
            return Err(end);
        }
        at = end;
    }
    Ok(at)
}

/// The first index from `at` that is not a decimal digit.
#[inline]
fn digits_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b'0'..=b'9') = bytes.get(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` is one value, whitespace around it allowed.
    fn check(text: &[u8]) -> Result<(), usize> {
        let end = value_end(text, skip_whitespace(text, 0))?;
        match skip_whitespace(text, end) {
            end if end == text.len() => Ok(()),
            at => Err(at),
        }
    }

    /// Whether serde_json takes `text` as one value, the way it takes a
    /// captured member's text.
    fn serde_accepts(text: &[u8]) -> bool {
        serde_json::from_slice::<Box<serde_json::value::RawValue>>(text).is_ok()
    }

    #[test]
    fn agrees_with_serde_json_on_hand_picked_texts() {
        let texts: &[&str] = &[
            "{}",
            "[]",
            " { } ",
            "{\"a\":1}",
            "{\"a\" : [1, 2.5, -0, 1e2, 1E+2, 1e-2, true, false, null]}",
            "{\"a\":1,}",
            "[1,]",
            "[,1]",
            "{,}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\" 1}",
            "{1:1}",
            "[01]",
            "[-]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[1e+]",
            "[-01]",
            "[+1]",
            "[0x1]",
            "[1.5e3]",
            "[tru]",
            "[truex]",
            "[nul]",
            "[True]",
            "\"a\"",
            "1",
            "null",
            "",
            " ",
            "{}{}",
            "{} x",
            "[\"\\u00e9\\n\\t\\/\\\\\\\"\"]",
            "[\"\\x\"]",
            "[\"\\u12\"]",
            "[\"\\u12g4\"]",
            "[\"\\ud800\"]",
            "[\"a\tb\"]",
            "[\"a\u{1}b\"]",
            "[\"\u{7f}\"]",
            "[\"é\"]",
            "[\"unterminated]",
            "{\"a\":{\"b\":[{}]}}",
            "{\"a\":{\"b\":[{]}}",
            "[}",
            "{]",
            "[[[]]",
            "[[]]]",
            "\u{feff}{}",
            "{}\u{0}",
            "[\"0123456789abcdef\u{1f}x\"]",
            "[\"0123456789abcdef\"]",
        ];
        for text in texts {
            assert_eq!(
                check(text.as_bytes()).is_ok(),
                serde_accepts(text.as_bytes()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_prefix_of_a_body_agrees_with_serde_json() {
        let body = br#" {"error": {"code": "rate_limit_exceeded", "message": "Retry after 45 s.\n",
            "retry_after": 45, "limit": -3.5E+2, "x": [true, false, null, {"y": "\u00e9\\"}]}, "t": 1 } "#;
        for end in 0..=body.len() {
            let prefix = &body[..end];
            assert_eq!(
                check(prefix).is_ok(),
                serde_accepts(prefix),
                "{:?}",
                String::from_utf8_lossy(prefix)
            );
        }
    }

    #[test]
    fn nesting_is_followed_to_its_limit() {
        for depth in [1, 63, 64, 65, 127, 128, 255, MAX_NESTING] {
            let text = format!("{}{}", "[{\"a\":".repeat(depth / 2), "}]".repeat(depth / 2));
            let text = if depth % 2 == 1 {
                format!("[{text}]")
            } else {
                text
            };
            let text = text.replace(":}", ":1}");
            assert!(check(text.as_bytes()).is_ok(), "{depth}");
        }
        let deep = |depth| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        assert!(check(deep(MAX_NESTING).as_bytes()).is_ok());
        assert!(check(deep(MAX_NESTING + 1).as_bytes()).is_err());
        // Closing a level with the other kind of bracket, at every word's edge.
        for depth in [1, 63, 64, 65, 200] {
            let text = format!("{}{{\"a\":1]{}", "[".repeat(depth), "]".repeat(depth));
            assert!(check(text.as_bytes()).is_err(), "{depth}");
        }
    }
}
