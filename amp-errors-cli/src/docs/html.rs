//! The reference as one self-contained HTML page: inline CSS, no script, no
//! external resource. Every code's `<section>` has the id its `doc_url`
//! points at, so the links in error bodies land on it, and `:target`
//! highlights the section a link opened.

use std::fmt::Write;

use super::anchors::HEADINGS;
use super::inline::{Inline, escape_html as esc, html, percent_encode_fragment};
use super::reference::{CodeDoc, FieldDoc, Reference, TypeDoc};

/// The page's style sheet. `section.code:target` is the rule the browser
/// test checks (`tests/browser.rs`).
pub const CSS: &str = "
:root { color-scheme: light; --accent: #b45309; --line: #d6d3d1; --soft: #f5f5f4; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1c1917; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1, h2, h3, h4 { line-height: 1.25; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .3rem; margin-top: 2.5rem; }
code, pre { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: .9em; }
:not(pre) > code { background: var(--soft); padding: .05rem .3rem; border-radius: 4px; }
pre { background: #1c1917; color: #f5f5f4; padding: .8rem 1rem; border-radius: 6px; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
a { color: #1d4ed8; }
nav ul { columns: 2; }
section.code { margin: 1.2rem 0; padding: .2rem 1rem .6rem; border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px; scroll-margin-top: 0; }
section.code > h4 { font-size: 1.25rem; margin: .7rem 0 .4rem; }
section.code:target { border-left-color: var(--accent); background-color: rgb(255, 251, 235); }
.facts { color: #44403c; }
.deprecated { color: #9a3412; }
";

/// The page.
pub fn render(reference: &Reference<'_>) -> String {
    let mut out = String::new();
    let name = esc(&reference.catalog.name.value);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"amp-errors docs\">\n<title>Errors: {name}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>Errors</h1>\n<p>The API uses conventional HTTP status codes and returns detailed error information in a consistent JSON format.</p>\n"
    );
    contents(&mut out, reference);
    statuses(&mut out, reference);
    format(&mut out, reference);
    open_section(&mut out, &reference.sections.codes, HEADINGS.codes);
    for category in &reference.categories {
        let _ = writeln!(
            out,
            "<section id=\"{}\" class=\"category\">\n<h3>{}</h3>",
            esc(&category.anchor),
            esc(&category.heading)
        );
        if category.codes.is_empty() {
            out.push_str("<p>No codes.</p>\n");
        }
        for code in &category.codes {
            code_section(&mut out, code);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
    if !reference.types.is_empty() {
        open_section(&mut out, &reference.sections.types, HEADINGS.types);
        for ty in &reference.types {
            type_section(&mut out, ty);
        }
        out.push_str("</section>\n");
    }
    headers(&mut out, reference);
    retry(&mut out, reference);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A fixed section's opening tag and heading.
fn open_section(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(out, "<section id=\"{}\">\n<h2>{heading}</h2>", esc(id));
}

fn contents(out: &mut String, reference: &Reference<'_>) {
    let s = &reference.sections;
    let mut items: Vec<(&str, &str)> = vec![
        (&s.statuses, HEADINGS.statuses),
        (&s.format, HEADINGS.format),
        (&s.codes, HEADINGS.codes),
    ];
    for category in &reference.categories {
        items.push((&category.anchor, &category.heading));
    }
    if !reference.types.is_empty() {
        items.push((&s.types, HEADINGS.types));
    }
    items.push((&s.headers, HEADINGS.headers));
    items.push((&s.retry, HEADINGS.retry));
    out.push_str("<nav aria-label=\"Contents\">\n<ul>\n");
    for (id, heading) in items {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            esc(&percent_encode_fragment(id)),
            esc(heading)
        );
    }
    out.push_str("</ul>\n</nav>\n");
}

fn statuses(out: &mut String, reference: &Reference<'_>) {
    open_section(out, &reference.sections.statuses, HEADINGS.statuses);
    let rows = reference.statuses.iter().map(|row| {
        vec![
            row.status.code.to_string(),
            esc(row.status.reason),
            esc(row.status.summary),
            list(&row.codes),
        ]
    });
    table(out, &["Status", "Reason", "Summary", "Codes"], rows);
    out.push_str("</section>\n");
}

fn format(out: &mut String, reference: &Reference<'_>) {
    open_section(out, &reference.sections.format, HEADINGS.format);
    out.push_str("<p>All errors follow this structure:</p>\n");
    pre(out, "json", &reference.envelope.pretty());
    let rows = reference.envelope_fields.iter().map(|f| {
        vec![
            format!("<code>{}</code>", esc(f.name)),
            esc(f.ty),
            esc(f.presence),
            esc(f.description),
        ]
    });
    table(out, &["Field", "Type", "Present", "Description"], rows);
    out.push_str("<p>Each code adds its own fields after <code>param</code> and before <code>doc_url</code>; its section lists them. A body may carry members this page does not list (a newer server&#39;s): ignore them, and treat a code this page does not list like any other error.</p>\n</section>\n");
}

fn code_section(out: &mut String, doc: &CodeDoc<'_>) {
    let _ = writeln!(
        out,
        "<section id=\"{}\" class=\"code\">\n<h4><code>{}</code></h4>",
        esc(&doc.anchor),
        esc(&doc.code.code.value)
    );
    let _ = writeln!(
        out,
        "<p class=\"facts\"><strong>Status:</strong> {} {} · <strong>Retryable:</strong> {} · <strong>Link:</strong> {}</p>",
        doc.status.code,
        esc(doc.status.reason),
        html(&doc.retryable),
        link(&doc.doc_url),
    );
    paragraph(out, "", &doc.description);
    if let Some(note) = &doc.deprecated {
        let _ = writeln!(
            out,
            "<p class=\"deprecated\"><strong>Deprecated:</strong> {}</p>",
            html(note)
        );
    }
    if doc.fields.is_empty() {
        out.push_str("<p><strong>Fields:</strong> none beyond the common ones.</p>\n");
    } else {
        out.push_str("<p><strong>Fields:</strong></p>\n");
        fields(out, "Field", &doc.fields);
    }
    if let Some(example) = &doc.example {
        out.push_str("<p><strong>Example:</strong></p>\n");
        pre(out, "json", &example.pretty());
    }
    if !doc.cause.is_empty() {
        paragraph(out, "<strong>Cause:</strong> ", &doc.cause);
    }
    if !doc.resolution.is_empty() {
        out.push_str("<p><strong>Resolution:</strong></p>\n<ul>\n");
        for step in &doc.resolution {
            let _ = writeln!(out, "<li>{}</li>", html(step));
        }
        out.push_str("</ul>\n");
    }
    if !doc.headers.is_empty() {
        let headers: Vec<String> = doc
            .headers
            .iter()
            .map(|(h, f)| format!("<code>{}</code> (from <code>{}</code>)", esc(h), esc(f)))
            .collect();
        let _ = writeln!(
            out,
            "<p><strong>Headers returned:</strong> {}</p>",
            headers.join(", ")
        );
    }
    out.push_str("</section>\n");
}

/// `url` as a link when it is an http(s) URL, else as code only (a
/// `javascript:` link from a catalog must not become clickable).
fn link(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!("<a href=\"{0}\"><code>{0}</code></a>", esc(url))
    } else {
        format!("<code>{}</code>", esc(url))
    }
}

fn type_section(out: &mut String, doc: &TypeDoc<'_>) {
    let _ = writeln!(
        out,
        "<section id=\"{}\" class=\"type\">\n<h3>Type <code>{}</code></h3>",
        esc(&doc.anchor),
        esc(&doc.ty.name.value)
    );
    paragraph(out, "", &doc.description);
    match &doc.ty.values {
        Some(values) => {
            let values: Vec<String> = values
                .iter()
                .map(|v| format!("<code>{}</code>", esc(&v.value)))
                .collect();
            let _ = writeln!(out, "<p>A string, one of: {}.</p>", values.join(", "));
        }
        None => {
            out.push_str("<p>An object with these members:</p>\n");
            fields(out, "Member", &doc.fields);
        }
    }
    out.push_str("</section>\n");
}

fn fields(out: &mut String, first: &str, fields: &[FieldDoc]) {
    let rows = fields.iter().map(|f| {
        let mut description = html(&f.description);
        if f.sensitive {
            description.push_str(" <em>(sensitive: sent, but never logged)</em>");
        }
        vec![
            format!("<code>{}</code>", esc(&f.name)),
            format!("<code>{}</code>", esc(&f.ty)),
            if f.required { "yes" } else { "no" }.to_owned(),
            html(&f.constraints),
            description,
        ]
    });
    table(
        out,
        &[first, "Type", "Required", "Bounds / values", "Description"],
        rows,
    );
}

fn headers(out: &mut String, reference: &Reference<'_>) {
    open_section(out, &reference.sections.headers, HEADINGS.headers);
    if reference.headers.is_empty() {
        out.push_str("<p>No code sends response headers of its own.</p>\n</section>\n");
        return;
    }
    out.push_str("<p>Rate-limit and retry information is also sent as response headers, for clients and proxies that read only the headers. A header is sent when its field is present in the error.</p>\n");
    let rows = reference.headers.iter().flat_map(|h| {
        h.sources.iter().map(|(code, field, ty)| {
            vec![
                format!("<code>{}</code>", esc(&h.header)),
                html(std::slice::from_ref(code)),
                format!("<code>{}</code>", esc(field)),
                html(ty),
            ]
        })
    });
    table(out, &["Header", "Sent with", "From field", "Value"], rows);
    out.push_str("</section>\n");
}

fn retry(out: &mut String, reference: &Reference<'_>) {
    let retry = &reference.retry;
    open_section(out, &reference.sections.retry, HEADINGS.retry);
    if retry.codes.is_empty() {
        out.push_str("<p>No code is retryable.</p>\n");
    } else {
        let rows = retry
            .codes
            .iter()
            .map(|(code, rule, _)| vec![html(std::slice::from_ref(code)), html(rule)]);
        table(out, &["Code", "Retryable"], rows);
    }
    for inlines in &retry.strategy {
        paragraph(out, "", inlines);
    }
    let mut rows = vec![vec!["1".to_owned(), "none".to_owned()]];
    rows.extend(
        retry
            .delays
            .iter()
            .map(|(attempt, ms)| vec![attempt.to_string(), format!("{ms} ms")]),
    );
    table(out, &["Attempt", "Wait before it"], rows.into_iter());
    pre(out, "js", &retry.snippet);
    out.push_str("</section>\n");
}

fn paragraph(out: &mut String, lead: &str, inlines: &[Inline]) {
    if !inlines.is_empty() {
        let _ = writeln!(out, "<p>{lead}{}</p>", html(inlines));
    }
}

fn pre(out: &mut String, language: &str, content: &str) {
    let _ = writeln!(
        out,
        "<pre><code class=\"language-{language}\">{}</code></pre>",
        esc(content)
    );
}

fn list(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| html(std::slice::from_ref(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(out: &mut String, head: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    out.push_str("<table>\n<thead><tr>");
    for cell in head {
        let _ = write!(out, "<th>{}</th>", esc(cell));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
