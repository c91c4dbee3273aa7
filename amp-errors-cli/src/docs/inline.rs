//! Inline text of the reference, and how Markdown and HTML write it.
//!
//! Catalog prose (descriptions, causes, resolution steps) is plain text in
//! which a pair of backticks marks code, as `catalog.toml` writes it
//! ("`retry_after` says how many seconds to wait"). Everything else is
//! literal: Markdown escapes what it would read as syntax, HTML escapes
//! `& < > " '`, so no catalog text can inject markup into either page.

/// One piece of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Code: a wire name, a value, a header.
    Code(String),
    /// Code that links to an anchor of the page (`#rate_limit_exceeded`).
    Link {
        /// The code shown.
        code: String,
        /// The anchor, without `#`.
        anchor: String,
    },
}

/// Plain text.
pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Code.
pub fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
}

/// Catalog prose: backtick pairs are code, the rest text; newlines are spaces
/// (every prose key is one paragraph). An unpaired backtick is text.
pub fn prose(source: &str) -> Vec<Inline> {
    let source = source.trim().replace(['\r', '\n'], " ");
    let mut out = Vec::new();
    let mut rest = source.as_str();
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        if open > 0 {
            out.push(text(&rest[..open]));
        }
        out.push(code(&rest[open + 1..open + 1 + len]));
        rest = &rest[open + len + 2..];
    }
    if !rest.is_empty() {
        out.push(text(rest));
    }
    out
}

/// The inline pieces as plain text (code without its marks).
pub fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(s) | Inline::Code(s) => s.as_str(),
            Inline::Link { code, .. } => code.as_str(),
        })
        .collect()
}

/// The inline pieces as Markdown. `in_table`: inside a table cell, where `|`
/// must be escaped even in code.
pub fn markdown(inlines: &[Inline], in_table: bool) -> String {
    let mut out = String::new();
    for (i, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text(s) => out.push_str(&md_text(s, i == 0)),
            Inline::Code(s) => out.push_str(&md_code(s, in_table)),
            Inline::Link { code, anchor } => {
                out.push('[');
                out.push_str(&md_code(code, in_table));
                out.push_str("](#");
                out.push_str(&md_anchor(anchor));
                out.push(')');
            }
        }
    }
    out
}

/// `s` as Markdown text: every ASCII punctuation character that could start
/// syntax is backslash-escaped (an underscore inside a word cannot, and is
/// left alone, so `retry_after` stays readable); at a line's start, also what
/// would open a list, a heading or a quote.
pub fn md_text(s: &str, at_line_start: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '#' | '!' | '~' | '&' | '|' => true,
            '_' => {
                !(i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()))
            }
            '-' | '+' | '=' => at_line_start && i == 0,
            '.' | ')' => at_line_start && i > 0 && i == digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `s` as a Markdown code span: a backtick fence longer than any run of
/// backticks in `s`, padded when `s` starts or ends with one; `|` escaped in
/// tables (GitHub splits cells before reading code spans).
pub fn md_code(s: &str, in_table: bool) -> String {
    let longest = longest_run(s, '`');
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.starts_with(' ') && s.ends_with(' ') {
        " "
    } else {
        ""
    };
    let body = if in_table {
        s.replace('|', "\\|")
    } else {
        s.to_owned()
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// A fenced Markdown code block of `content` in `language`, fenced with more
/// backticks than any run inside it.
pub fn md_fence(language: &str, content: &str) -> String {
    let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
    format!("{fence}{language}\n{content}\n{fence}\n")
}

/// An anchor as a Markdown link destination (percent-encoding what would end it).
pub fn md_anchor(anchor: &str) -> String {
    let mut out = String::new();
    for c in anchor.chars() {
        match c {
            ' ' | '"' | '(' | ')' | '<' | '>' | '\\' | '%' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

fn longest_run(s: &str, mark: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == mark { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The inline pieces as HTML.
pub fn html(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(s) => out.push_str(&escape_html(s)),
            Inline::Code(s) => {
                out.push_str("<code>");
                out.push_str(&escape_html(s));
                out.push_str("</code>");
            }
            Inline::Link { code, anchor } => {
                out.push_str("<a href=\"#");
                out.push_str(&escape_html(&percent_encode_fragment(anchor)));
                out.push_str("\"><code>");
                out.push_str(&escape_html(code));
                out.push_str("</code></a>");
            }
        }
    }
    out
}

/// `s` with `& < > " '` as character references: safe in text and in quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An element id as a URL fragment: characters a fragment cannot hold
/// percent-encoded (browsers decode the fragment before matching ids).
pub fn percent_encode_fragment(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// A URL fragment as the element id it selects (percent-decoded; invalid
/// escapes and invalid UTF-8 left as written).
pub fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| fragment.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_marks_code() {
        assert_eq!(prose("`a` b `c"), vec![code("a"), text(" b `c")],);
        assert_eq!(plain(&prose("x\n`y`")), "x y");
    }

    #[test]
    fn markdown_escapes_syntax() {
        assert_eq!(
            md_text("a*b* <i> [x](y) retry_after _e_ |", false),
            r"a\*b\* \<i\> \[x\](y) retry_after \_e\_ \|"
        );
        assert_eq!(md_text("- x", true), r"\- x");
        assert_eq!(md_text("12. x", true), r"12\. x");
        assert_eq!(md_text("12. x", false), "12. x");
        assert_eq!(md_code("a`b", false), "``a`b``");
        assert_eq!(md_code("`x", false), "`` `x ``");
        assert_eq!(md_code("a|b", true), r"`a\|b`");
    }

    #[test]
    fn html_escapes_everything() {
        assert_eq!(
            html(&prose("<script>\"'&`<b>`")),
            "&lt;script&gt;&quot;&#39;&amp;<code>&lt;b&gt;</code>"
        );
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
        assert_eq!(percent_encode_fragment("a b\"é"), "a%20b%22%C3%A9");
    }
}
