//! The text of `amp-errors explain`: a code's docs, a retired code, an unknown code.

use amp_errors_catalog::{Catalog, ErrorCode, Field, Retired, Retryability};

use super::{enum_values, example, reason, retired_at};
use crate::common::{Paint, paint, wrap};

/// Width that paragraphs are wrapped at.
const WIDTH: usize = 80;

/// The docs of `code`.
pub(super) fn code(catalog: &Catalog, code: &ErrorCode, color: bool) -> String {
    let heading = |text: &str| paint(text, Paint::Bold, color);
    let row = |label: &str, value: &str| {
        let label = format!("{label}:");
        format!(
            "{}{:pad$}{value}\n",
            heading(&label),
            "",
            pad = 12 - label.len()
        )
    };
    let mut out = String::new();
    out.push_str(&row("Code", &paint(&code.code.value, Paint::Bold, color)));
    let status = code.status.value;
    let phrase = reason(status).map(|r| format!(" {r}")).unwrap_or_default();
    out.push_str(&row("Status", &format!("{status}{phrase}")));
    if let Some(category) = &code.category {
        out.push_str(&row("Category", &category.value));
    }
    out.push_str(&row("Retryable", &retryability(&code.retryable)));
    out.push_str(&row("Message", &code.message.value.source));
    out.push_str(&row("Doc", &catalog.code_doc_url(code)));
    if let Some(note) = &code.deprecated {
        let deprecated = paint("Deprecated:", Paint::Warning, color);
        out.push_str(&format!("{deprecated} {note}\n"));
    }
    if !code.description.is_empty() {
        out.push('\n');
        out.push_str(&wrap(&code.description, "", WIDTH));
    }
    out.push_str(&format!("\n{}\n", heading("Fields")));
    if code.fields.is_empty() {
        out.push_str(
            "  none: only the common members code, message, param, doc_url and request_id\n",
        );
    }
    for field in &code.fields {
        out.push_str(&field_text(catalog, field, color));
    }
    if !code.headers.is_empty() {
        out.push_str(&format!("\n{}\n", heading("Headers")));
        for (name, field) in &code.headers {
            out.push_str(&format!(
                "  {}: the value of `{}`, when set\n",
                name.value, field.value
            ));
        }
    }
    if !code.cause.is_empty() {
        out.push_str(&format!("\n{}\n", heading("Cause")));
        out.push_str(&wrap(&code.cause, "  ", WIDTH));
    }
    if !code.resolution.is_empty() {
        out.push_str(&format!("\n{}\n", heading("Resolution")));
        for (i, step) in code.resolution.iter().enumerate() {
            out.push_str(&format!("  {}. {step}\n", i + 1));
        }
    }
    out.push_str(&format!("\n{}\n", heading("Example")));
    match example::envelope(catalog, code) {
        Some(envelope) => {
            for line in example::pretty(&envelope).lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        None => out.push_str("  none in the catalog\n"),
    }
    out
}

/// How the retryability of a code reads.
fn retryability(retryable: &Retryability) -> String {
    match retryable {
        Retryability::Fixed(true) => "yes, always".to_owned(),
        Retryability::Fixed(false) => "no, never".to_owned(),
        Retryability::Field { name, default } => format!(
            "by its `{}` field, default {default} (when an instance does not set it)",
            name.value
        ),
    }
}

/// One field: name, type, requiredness, bounds, sensitivity; its description,
/// and the values or members of its named type.
fn field_text(catalog: &Catalog, field: &Field, color: bool) -> String {
    let mut facts = vec![field.ty.value.to_string()];
    facts.push(
        if field.required {
            "required"
        } else {
            "optional"
        }
        .to_owned(),
    );
    match (&field.minimum, &field.maximum) {
        (Some(min), Some(max)) => facts.push(format!("{}..={}", min.value, max.value)),
        (Some(min), None) => facts.push(format!(">= {}", min.value)),
        (None, Some(max)) => facts.push(format!("<= {}", max.value)),
        (None, None) => {}
    }
    if field.sensitive {
        facts.push("sensitive".to_owned());
    }
    let name = paint(&field.name.value, Paint::Bold, color);
    let mut out = format!("  {name}: {}\n", facts.join(", "));
    if !field.description.is_empty() {
        out.push_str(&wrap(&field.description, "      ", WIDTH));
    }
    if field.sensitive {
        out.push_str("      Sensitive: sent on the wire, redacted from Debug, Display and logs.\n");
    }
    if let Some(values) = enum_values(catalog, field) {
        out.push_str(&wrap(
            &format!("Values: {}.", values.join(", ")),
            "      ",
            WIDTH,
        ));
    } else if let Some(ty) = field.ty.value.named().and_then(|n| catalog.object_type(n)) {
        let members: Vec<String> = ty
            .fields
            .iter()
            .map(|m| {
                let required = if m.required { "required" } else { "optional" };
                format!("{} ({}, {required})", m.name.value, m.ty.value)
            })
            .collect();
        let what = if ty.description.is_empty() {
            String::new()
        } else {
            format!("{} ", ty.description)
        };
        out.push_str(&wrap(
            &format!("{}: {what}Members: {}.", ty.name.value, members.join(", ")),
            "      ",
            WIDTH,
        ));
    }
    out
}

/// A retired code.
pub(super) fn retired(name: &str, retired: &Retired, color: bool) -> String {
    let code = paint(&retired.code.value, Paint::Bold, color);
    let mut out = format!("{code}: {}\n\n", paint("retired", Paint::Warning, color));
    out.push_str(&wrap(
        &format!(
            "This code was retired ({}): servers no longer send it, clients read it as an unknown code, and it is never reused.",
            retired_at(name, retired)
        ),
        "",
        WIDTH,
    ));
    if let Some(note) = &retired.note {
        out.push_str(&wrap(&format!("Note: {note}"), "", WIDTH));
    }
    out
}

/// The error for a code the catalog does not have.
pub(super) fn unknown(
    name: &str,
    wanted: &str,
    suggestion: Option<&str>,
    catalog: &Catalog,
    color: bool,
) -> String {
    let mut out = format!(
        "{}: no code `{wanted}` in {name}\n",
        paint("error", Paint::Error, color)
    );
    match suggestion {
        Some(best) => out.push_str(&format!(
            "  = {}: did you mean `{best}`?\n",
            paint("help", Paint::Bold, color)
        )),
        None => {
            let codes: Vec<&str> = catalog
                .codes
                .iter()
                .map(|c| c.code.value.as_str())
                .collect();
            out.push_str(&format!(
                "  = {}: the catalog's codes are {}\n",
                paint("help", Paint::Bold, color),
                codes.join(", ")
            ));
        }
    }
    out
}
