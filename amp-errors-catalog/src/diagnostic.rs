//! Located problems in a catalog, gathered in one pass.

use std::fmt;
use std::ops::Range;

/// A 1-based line and column in the catalog file (the column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Line, starting at 1.
    pub line: usize,
    /// Column, starting at 1, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem found in a catalog: where it is, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the catalog file; `None` for problems of the file as a whole.
    pub location: Option<Location>,
    /// What is wrong and what is expected.
    pub message: String,
    /// A suggestion, such as "did you mean `retryable`?".
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `location`.
    pub fn new(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the problem as `path:line:col: message`, with the help on a second line.
    pub fn render(&self, path: &str) -> String {
        let mut out = match self.location {
            Some(loc) => format!("{path}:{loc}: {}", self.message),
            None => format!("{path}: {}", self.message),
        };
        if let Some(help) = &self.help {
            out.push_str("\n  help: ");
            out.push_str(help);
        }
        out
    }
}

/// Maps byte offsets of the catalog text to [`Location`]s.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
    text: &'t str,
}

impl<'t> LineIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> Self {
        LineIndex {
            starts: line_starts(text.as_bytes()),
            text,
        }
    }

    /// The location of byte `offset` (clamped to the text).
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Location { line, column }
    }

    /// The location of the start of `span`.
    pub fn span_start(&self, span: &Range<usize>) -> Location {
        self.location(span.start)
    }
}

/// The byte offset at which each line of `text` starts. Lines are short
/// (a key and its value), so the newlines are looked for eight bytes at a
/// time rather than with a `memchr` call per line.
fn line_starts(text: &[u8]) -> Vec<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    // About one line every 40 bytes: grown rarely, if at all.
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    let mut newlines_in = |bytes: &[u8], at: usize| {
        for (i, &byte) in bytes.iter().enumerate() {
            if byte == b'\n' {
                starts.push(at + i + 1);
            }
        }
    };
    let mut chunks = text.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(word) ^ NEWLINES;
        // The high bit of each byte that was a newline (a zero byte now).
        if word.wrapping_sub(ONES) & !word & HIGHS != 0 {
            newlines_in(chunk, at);
        }
        at += 8;
    }
    newlines_in(chunks.remainder(), at);
    starts
}

/// Collects every problem of a catalog so that they are all reported together.
///
/// Like serde_derive's `Ctxt`: parsing and validation keep going after a problem
/// and push it here. The only ways out are the consuming [`Diagnostics::into_result`]
/// and [`Diagnostics::finish`], so that no problem is forgotten; dropping a
/// collector unfinished is a bug of its caller, which debug builds catch
/// (whatever the catalog says, so tests find it on any input).
#[must_use = "the problems are lost unless the collector is finished with `into_result` or `finish`"]
#[derive(Debug)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    finished: bool,
}

impl Default for Diagnostics {
    fn default() -> Self {
        Self::new()
    }
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Diagnostics {
            list: Vec::new(),
            finished: false,
        }
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Records a problem at `location`.
    pub fn error(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.push(Diagnostic::new(location, message));
    }

    /// Every problem recorded, in the order of the file.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.finished = true;
        let mut list = std::mem::take(&mut self.list);
        // A stable sort keeps the order in which problems at one place were found.
        list.sort_by_key(|d| d.location);
        list
    }

    /// `Ok(value)` when nothing was recorded, else every problem, in file order.
    pub fn into_result<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        let problems = self.finish();
        if problems.is_empty() {
            Ok(value)
        } else {
            Err(problems)
        }
    }
}

impl Drop for Diagnostics {
    fn drop(&mut self) {
        // Never on user input: every collector of this crate is finished on
        // every path. The check is for the crate's own tests (debug builds).
        debug_assert!(
            self.finished || std::thread::panicking(),
            "a Diagnostics collector was dropped without `into_result` or `finish`"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let index = LineIndex::new("a = 1\nbé = 2\n");
        assert_eq!(index.location(0), Location { line: 1, column: 1 });
        assert_eq!(index.location(6), Location { line: 2, column: 1 });
        // "bé" is three bytes: the `=` after it is the 4th character.
        assert_eq!(index.location(10), Location { line: 2, column: 4 });
        assert_eq!(index.location(1000), Location { line: 3, column: 1 });
    }

    #[test]
    fn line_starts_follow_every_newline() {
        let texts = [
            "",
            "\n",
            "no newline",
            "a = 1\nbé = 2\n\n\nlast",
            "0123456\n89abcdef\n\n\n\n\n\n\n\n\n0123456789\n",
        ];
        for text in texts {
            let expected: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            assert_eq!(line_starts(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn a_collector_finishes_in_file_order() {
        let at = |line| Some(Location { line, column: 1 });
        let mut cx = Diagnostics::new();
        cx.error(at(3), "third");
        cx.error(at(1), "first");
        cx.error(at(3), "fourth");
        let messages: Vec<String> = cx.finish().into_iter().map(|d| d.message).collect();
        assert_eq!(messages, ["first", "third", "fourth"]);
        assert_eq!(Diagnostics::new().into_result(7), Ok(7));
    }

    #[test]
    fn rendering_names_path_line_and_column() {
        let d = Diagnostic::new(
            Some(Location {
                line: 4,
                column: 10,
            }),
            "bad",
        )
        .with_help("fix it");
        assert_eq!(
            d.render("catalog.toml"),
            "catalog.toml:4:10: bad\n  help: fix it"
        );
    }
}
