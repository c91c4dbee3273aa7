//! A [`Diagnostic`] as rustc shows one: the title, `--> path:line:col`, the
//! catalog line with the offending token underlined, and the help as a
//! `= help:` footer, rendered by annotate-snippets (the crate rustc and cargo
//! use).
//!
//! The command-line tool renders with colour on a terminal; the macro can show
//! the same snippet as plain text.
//!
//! ```
//! use amp_errors_catalog::{Diagnostic, Location, snippet};
//!
//! let text = "[codes.x]\nstatus = 302\n";
//! let problem = Diagnostic::new(Some(Location { line: 2, column: 10 }), "status 302 is not an error status")
//!     .with_help("expected an integer in 400..=599");
//! let shown = snippet::render(text, "catalog.toml", &problem, false);
//! assert_eq!(shown, "\
//! error: status 302 is not an error status
//!  --> catalog.toml:2:10
//!   |
//! 2 | status = 302
//!   |          ^^^
//!   |
//!   = help: expected an integer in 400..=599");
//! ```

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Location};

/// How serious a rendered diagnostic is: the word its title starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// `error:`, a problem that rejects the catalog.
    #[default]
    Error,
    /// `warning:`, a finding that does not (a lint).
    Warning,
}

/// Renders `diagnostic` of the catalog `text` read from `path` as an error:
/// the snippet of the line it points to, with the token there underlined.
/// `color` adds the terminal colours rustc uses; without it the text is plain.
pub fn render(text: &str, path: &str, diagnostic: &Diagnostic, color: bool) -> String {
    render_as(text, path, diagnostic, Severity::Error, None, color)
}

/// Like [`render`], with the `severity` of the title and an `id` shown in
/// brackets after it (`warning[missing-example]: …`), as rustc shows `E0308`.
pub fn render_as(
    text: &str,
    path: &str,
    diagnostic: &Diagnostic,
    severity: Severity,
    id: Option<&str>,
    color: bool,
) -> String {
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut title = level.primary_title(diagnostic.message.as_str());
    if let Some(id) = id {
        title = title.id(id);
    }
    let mut group = Group::with_title(title);
    match diagnostic.location.and_then(|at| line_at(text, at)) {
        Some((number, line, start)) => {
            let span = token_span(line, start);
            group = group.element(
                Snippet::source(line)
                    .line_start(number)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        None => {
            let mut origin = Origin::path(path);
            if let Some(at) = diagnostic.location {
                origin = origin.line(at.line).char_column(at.column);
            }
            group = group.element(origin);
        }
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// The byte range in `text` of the token that starts at `location` (see
/// [`token_span`]); `None` when the text has no such line.
pub fn token_range(text: &str, location: Location) -> Option<Range<usize>> {
    let (_, line, start) = line_at(text, location)?;
    let offset = line.as_ptr() as usize - text.as_ptr() as usize;
    let span = token_span(line, start);
    Some(span.start + offset..span.end + offset)
}

/// Line `location.line` of `text` (without its line break), its number, and
/// the byte offset in it of `location.column` (characters, clamped to the
/// line's end). `None` past the last line.
fn line_at(text: &str, location: Location) -> Option<(usize, &str, usize)> {
    let number = location.line.max(1);
    let line = text.split('\n').nth(number - 1)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let start = line
        .char_indices()
        .nth(location.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    Some((number, line, start))
}

/// The byte range of the TOML token that starts at byte `start` of `line`,
/// ending on that line: a quoted string with its quotes, a bracketed table
/// header, array or inline table with its brackets, or a bare key, number,
/// boolean or date. A token that goes on past the line (an unclosed string, a
/// multi-line array) ends with the line's text, before a trailing comment.
/// At the end of the line, the range is empty.
pub fn token_span(line: &str, start: usize) -> Range<usize> {
    let Some(rest) = line.get(start..) else {
        // Not a character boundary of the line: nothing to underline.
        return line.len()..line.len();
    };
    let to_end_of_line = content_len(rest);
    let len = match rest.chars().next() {
        None => 0,
        Some(quote @ ('"' | '\'')) => string_len(rest, quote).unwrap_or(to_end_of_line),
        Some(open @ ('[' | '{')) => closing_bracket(rest, open).unwrap_or(to_end_of_line),
        Some(c) => {
            let bare = rest
                .find(|c: char| c.is_whitespace() || "=,[]{}#\"'".contains(c))
                .unwrap_or(rest.len());
            if bare == 0 { c.len_utf8() } else { bare }
        }
    };
    start..start + len
}

/// The length of the string that opens `rest` with `quote` (one quote, or a
/// multi-line string's three), closing quotes included; `None` when it does
/// not close on the line.
fn string_len(rest: &str, quote: char) -> Option<usize> {
    let triple = quote.to_string().repeat(3);
    if rest.starts_with(&triple) {
        rest[3..].find(&triple).map(|i| i + 6)
    } else {
        closing_quote(rest, quote)
    }
}

/// The length of `rest` up to a trailing comment (outside strings), without
/// trailing whitespace.
fn content_len(rest: &str) -> usize {
    let mut scan = Scan::default();
    let end = rest
        .char_indices()
        .find(|&(_, c)| scan.step(c) && c == '#')
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].trim_end().len()
}

/// The length of the string that opens `rest` with `quote`, closing quote
/// included; `None` when it does not close on the line.
fn closing_quote(rest: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote == '"' {
            escaped = true;
        } else if c == quote {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// The length of the bracketed token that opens `rest` with `open`, up to
/// its matching bracket (strings inside skipped); `None` when it does not
/// close on the line.
fn closing_bracket(rest: &str, open: char) -> Option<usize> {
    let close = if open == '[' { ']' } else { '}' };
    let mut depth = 0usize;
    let mut scan = Scan::default();
    for (i, c) in rest.char_indices() {
        if !scan.step(c) {
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i + c.len_utf8());
            }
        } else if c == '#' {
            return None;
        }
    }
    None
}

/// Whether characters of a TOML line stand outside strings, fed one by one.
#[derive(Default)]
struct Scan {
    /// The quote of the string the scan is in.
    quote: Option<char>,
    /// Whether the previous character was a backslash in a basic string.
    escaped: bool,
}

impl Scan {
    /// Feeds `c`: whether it stands outside a string (quotes themselves count as inside).
    fn step(&mut self, c: char) -> bool {
        match self.quote {
            Some(_) if self.escaped => self.escaped = false,
            Some('"') if c == '\\' => self.escaped = true,
            Some(q) if c == q => self.quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => self.quote = Some(c),
            None => return true,
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(line: &str, column: usize) -> &str {
        let start = line
            .char_indices()
            .nth(column - 1)
            .map_or(line.len(), |(i, _)| i);
        &line[token_span(line, start)]
    }

    #[test]
    fn tokens_end_where_toml_ends_them() {
        assert_eq!(token("status = 302   # comment", 10), "302");
        assert_eq!(token("retriable = true", 1), "retriable");
        assert_eq!(token("[codes.x]", 1), "[codes.x]");
        assert_eq!(token("[codes.rate_limit]", 8), "rate_limit");
        assert_eq!(token("[[a.b]] # x", 1), "[[a.b]]");
        assert_eq!(token(r#"message = "a \" {b}" # c"#, 11), r#""a \" {b}""#);
        assert_eq!(token("m = 'it''s'", 5), "'it'");
        assert_eq!(
            token(r#"x = { a = "}", b = [1] } # z"#, 5),
            r#"{ a = "}", b = [1] }"#
        );
        assert_eq!(token("resolution = [   # steps", 14), "[");
        assert_eq!(token(r#"message = "unclosed  "#, 11), r#""unclosed"#);
        assert_eq!(token("é = 0x1F4", 5), "0x1F4");
        assert_eq!(token("a = 1", 6), "");
        assert_eq!(token("a == 1", 3), "=");
        assert_eq!(token(r#"m = """a "b" c""" # x"#, 5), r#""""a "b" c""""#);
        assert_eq!(token_span("é", 1), 2..2);
    }

    #[test]
    fn a_diagnostic_without_location_names_the_file() {
        let problem = Diagnostic::new(None, "catalog file not found").with_help("check the path");
        assert_eq!(
            render("", "c.toml", &problem, false),
            "error: catalog file not found\n--> c.toml\n = help: check the path"
        );
    }

    #[test]
    fn warnings_carry_their_id_and_columns_count_characters() {
        let text = "[codes.x]\nré = \"text\"\n";
        let at = Location { line: 2, column: 6 };
        let problem = Diagnostic::new(Some(at), "a finding");
        let shown = render_as(
            text,
            "c.toml",
            &problem,
            Severity::Warning,
            Some("some-rule"),
            false,
        );
        assert!(
            shown.starts_with("warning[some-rule]: a finding\n --> c.toml:2:6\n"),
            "{shown}"
        );
        assert!(
            shown.contains("2 | ré = \"text\"\n  |      ^^^^^^"),
            "{shown}"
        );
        assert_eq!(token_range(text, at).map(|r| &text[r]), Some("\"text\""));
        assert_eq!(token_range(text, Location { line: 9, column: 1 }), None);
        let colored = render(text, "c.toml", &problem, true);
        assert!(colored.contains("\u{1b}["), "{colored:?}");
    }
}
