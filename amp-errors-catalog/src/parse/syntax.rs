//! TOML syntax errors, located, and what toml's bare "duplicate key" is about.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex};

/// The root table of `text`, or `None` after recording its syntax errors in `cx`.
pub(super) fn root_table<'i>(
    text: &'i str,
    index: &LineIndex,
    cx: &mut Diagnostics,
) -> Option<Spanned<DeTable<'i>>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(root);
    }
    report_syntax_errors(text, index, &errors, cx);
    None
}

/// Records every syntax error, with duplicates explained.
fn report_syntax_errors(
    text: &str,
    index: &LineIndex,
    errors: &[toml::de::Error],
    cx: &mut Diagnostics,
) {
    // A table defined twice makes every key in its second definition a
    // duplicate too: report the table once, not each of its keys.
    let mut duplicated_table: Option<(usize, usize)> = None;
    for error in errors {
        let message = error.message().trim_end();
        let Some(span) = error.span() else {
            // toml locates its errors; should one come without a span, point at the file's start.
            cx.push(Diagnostic::new(
                Some(index.location(0)),
                format!("invalid TOML: {message}"),
            ));
            continue;
        };
        let location = index.span_start(&span);
        if message != "duplicate key" {
            cx.push(Diagnostic::new(
                Some(location),
                format!("invalid TOML: {message}"),
            ));
            continue;
        }
        if let Some((header_line, end_line)) = duplicated_table
            && location.line > header_line
            && location.line < end_line
        {
            continue;
        }
        let duplicate = duplicate_key(text, &span);
        if duplicate.header {
            duplicated_table = Some((location.line, next_header_line(text, location.line)));
        }
        cx.push(Diagnostic::new(Some(location), duplicate.message));
    }
}

/// What toml's bare "duplicate key" error is about.
struct Duplicate {
    /// Whether the key is the last one of a table header (`[codes.x]` defined twice).
    header: bool,
    message: String,
}

/// Names the key of a "duplicate key" error at `span`, and where it was first
/// defined when a line above defines it the same way.
fn duplicate_key(text: &str, span: &Range<usize>) -> Duplicate {
    let key = text.get(span.clone()).unwrap_or_default().trim();
    let start = span.start.min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = text
        .get(line_start..)
        .and_then(|t| t.lines().next())
        .unwrap_or_default();
    let before: Vec<&str> = text.get(..line_start).unwrap_or_default().lines().collect();
    let trimmed = line.trim_start();
    if trimmed.starts_with('[') {
        return duplicate_header(trimmed, &before);
    }
    let earlier = line.get(..start - line_start).unwrap_or_default();
    duplicate_in_table(key, earlier, &before)
}

/// `[codes.x]` (or `[[...]]`) written twice: names the first header.
fn duplicate_header(header_line: &str, before: &[&str]) -> Duplicate {
    let header = normalize_header(header_line);
    let first = before.iter().position(|l| {
        l.trim_start().starts_with('[') && normalize_header(l.trim_start()) == header
    });
    let message = match first {
        Some(i) => format!(
            "table `{header}` is defined twice (first at line {}); a TOML table is written once: merge the two",
            i + 1
        ),
        None => {
            format!(
                "table `{header}` is defined twice; a TOML table is written once: merge the two"
            )
        }
    };
    Duplicate {
        header: true,
        message,
    }
}

/// A key set twice in one table: looks for the first `key =` earlier on the
/// same line (an inline table), or above within the same table (up to the previous header).
fn duplicate_in_table(key: &str, earlier_on_line: &str, before: &[&str]) -> Duplicate {
    let first_on_line = earlier_on_line.contains(&format!("{key} ="))
        || earlier_on_line.contains(&format!("{key}="));
    let first_line = if first_on_line {
        None
    } else {
        before
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, l)| !l.trim_start().starts_with('['))
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|(i, _)| i + 1)
    };
    let message = match first_line {
        Some(first) => format!(
            "key `{key}` is defined twice in the same table (first at line {first}); remove one"
        ),
        None if first_on_line => {
            format!("key `{key}` is defined twice in the same inline table; remove one")
        }
        None => format!("key `{key}` is defined twice in the same table; remove one"),
    };
    Duplicate {
        header: false,
        message,
    }
}

/// A table header without spaces or a trailing comment: `[ codes.x ] # c` is `[codes.x]`.
fn normalize_header(line: &str) -> String {
    let end = line.rfind(']').map_or(line.len(), |i| i + 1);
    line[..end].chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 1-based line of the first table header after `line`, or one past the last line.
fn next_header_line(text: &str, line: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(line)
        .find(|(_, l)| l.trim_start().starts_with('['))
        .map_or(usize::MAX, |(i, _)| i + 1)
}
