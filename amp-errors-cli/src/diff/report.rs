//! The output of `amp-errors diff`: text for people, one JSON document for machines.

use serde::Serialize;

use super::{Change, Kind};
use crate::common::{Paint, paint, plural, print_json};

/// The text report: each change with its kind, rule, subject, values and
/// location in `NEW`, then a summary line.
pub(super) fn text((old, new): (&str, &str), changes: &[Change], color: bool) -> String {
    let mut out = String::new();
    for change in changes {
        let (word, style) = match change.kind {
            Kind::Breaking => ("breaking", Paint::Error),
            Kind::Compatible => ("compatible", Paint::Good),
        };
        out.push_str(&format!(
            "{}{}: {}: {}",
            paint(word, style, color),
            paint(&format!("[{}]", change.rule), Paint::Bold, color),
            paint(&subject(change), Paint::Bold, color),
            change.message
        ));
        let quoted = matches!(change.rule, "message-changed" | "placeholder-dropped");
        let shown = |value: &str| {
            if quoted {
                format!("\"{value}\"")
            } else {
                value.to_owned()
            }
        };
        match (&change.old, &change.new) {
            (Some(old), Some(new)) => out.push_str(&format!(": {} -> {}", shown(old), shown(new))),
            (Some(old), None) => out.push_str(&format!(": was {}", shown(old))),
            (None, Some(new)) => out.push_str(&format!(": {}", shown(new))),
            (None, None) => {}
        }
        out.push('\n');
        if let Some(at) = change.location {
            out.push_str(&format!(
                "  {} {new}:{at}\n",
                paint("-->", Paint::Dim, color)
            ));
        }
    }
    let breaking = changes.iter().filter(|c| c.kind == Kind::Breaking).count();
    let compatible = changes.len() - breaking;
    if !changes.is_empty() {
        out.push('\n');
    }
    let compatible = plural(compatible, "compatible change", "compatible changes");
    if changes.is_empty() {
        out.push_str(&format!("{old} -> {new}: no changes\n"));
    } else if breaking > 0 {
        out.push_str(&format!(
            "{}: {old} -> {new}: {}, {compatible}\n",
            paint("error", Paint::Error, color),
            plural(breaking, "breaking change", "breaking changes"),
        ));
    } else {
        out.push_str(&format!(
            "{old} -> {new}: {}, {compatible}\n",
            paint("no breaking changes", Paint::Good, color)
        ));
    }
    out
}

/// What changed, as `code`, `code.field`, `types.Name`, `types.Name.member` or `catalog`.
fn subject(change: &Change) -> String {
    let owner = match (&change.code, &change.ty) {
        (Some(code), _) => code.clone(),
        (None, Some(ty)) => format!("types.{ty}"),
        (None, None) => "catalog".to_owned(),
    };
    match &change.field {
        Some(field) => format!("{owner}.{field}"),
        None => owner,
    }
}

/// The `--format json` document.
#[derive(Debug, Serialize)]
struct Report<'a> {
    old: &'a str,
    new: &'a str,
    breaking: usize,
    compatible: usize,
    changes: Vec<ChangeJson<'a>>,
}

/// A change in the document.
#[derive(Debug, Serialize)]
struct ChangeJson<'a> {
    kind: Kind,
    rule: &'static str,
    code: Option<&'a str>,
    #[serde(rename = "type")]
    ty: Option<&'a str>,
    field: Option<&'a str>,
    old: Option<&'a str>,
    new: Option<&'a str>,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
}

/// Prints the JSON document of `changes` on stdout.
pub(super) fn json((old, new): (&str, &str), changes: &[Change]) {
    let breaking = changes.iter().filter(|c| c.kind == Kind::Breaking).count();
    print_json(&Report {
        old,
        new,
        breaking,
        compatible: changes.len() - breaking,
        changes: changes
            .iter()
            .map(|c| ChangeJson {
                kind: c.kind,
                rule: c.rule,
                code: c.code.as_deref(),
                ty: c.ty.as_deref(),
                field: c.field.as_deref(),
                old: c.old.as_deref(),
                new: c.new.as_deref(),
                message: &c.message,
                line: c.location.map(|l| l.line),
                column: c.location.map(|l| l.column),
            })
            .collect(),
    });
}
