//! `amp-errors explain CODE [--catalog CATALOG]`: one code's documentation in
//! the terminal, as `rustc --explain E0308` shows an error's: the code, its
//! HTTP status with the reason phrase, category, retryability (fixed, or
//! decided by a boolean field with its default), message template, fields
//! (type, required or optional, bounds, the values of a string enum type or
//! the members of an object type, description, sensitivity), response
//! headers, description, cause, resolution steps, deprecation, doc link, and
//! the example as the pretty-printed JSON envelope a server sends.
//!
//! A retired code is explained as retired, with its note. An unknown code is
//! an error with a "did you mean". The catalog defaults to `catalog.toml` in
//! the current directory.
//!
//! Exit status: 0 when the code is explained (retired codes included), 1 for
//! an unknown code, 2 when the catalog cannot be read or does not check.
//!
//! # `--format json`
//!
//! One document on stdout (exit 0 or 1; nothing on stdout for exit 2). A code:
//!
//! ```json
//! {
//!   "code": "provider_error", "retired": false, "status": 502, "reason": "Bad Gateway",
//!   "category": "Processing",
//!   "retryable": { "kind": "field", "value": null, "field": "retryable", "default": false },
//!   "message": "LLM provider returned an error",
//!   "fields": [
//!     { "name": "retryable", "type": "boolean", "required": false, "minimum": null, "maximum": null,
//!       "values": null, "description": "…", "sensitive": false }
//!   ],
//!   "headers": [ { "name": "Retry-After", "field": "retry_after" } ],
//!   "description": "…", "cause": "…", "resolution": ["…"],
//!   "deprecated": null, "doc_url": "https://…#provider_error",
//!   "example": { "error": { "code": "provider_error", "message": "…", "doc_url": "…" } }
//! }
//! ```
//!
//! `retryable.kind` is `fixed` (with `value`) or `field` (with `field` and
//! `default`); `values` lists a string enum type's values; `example` keeps
//! the wire order and is `null` without one. A retired code:
//! `{ "code": "old_quota", "retired": true, "note": "…" }`. An unknown code:
//! `{ "code": "x", "error": "unknown code", "suggestion": "y" }` (`suggestion`
//! may be `null`).

mod example;
mod text;

use std::path::PathBuf;

use amp_errors_catalog::{Catalog, ErrorCode, Field, Retired, Retryability, suggest};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::common::{Source, err, out, print_json};
use crate::{Color, Exit, Format};

/// The long help of `amp-errors explain`.
pub const ABOUT: &str = "\
Explain one code of a catalog, as `rustc --explain` explains an error.

Shows the code's HTTP status, category, retryability, message template, \
fields (type, required or optional, bounds, enum values, description, \
sensitivity), response headers, description, cause, resolution steps, \
deprecation, doc link, and its example as the JSON a server sends. A retired \
code is shown as retired, with its note; an unknown code gets a \"did you \
mean\".

Exit status: 0 when the code is explained, 1 for an unknown code, 2 when the \
catalog cannot be read or does not check.";

/// Arguments of `amp-errors explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code to explain, such as `rate_limit_exceeded`.
    pub code: String,
    /// The catalog file.
    #[arg(long, default_value = "catalog.toml")]
    pub catalog: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t)]
    pub color: Color,
}

/// Runs `amp-errors explain`.
pub fn run(args: &Args) -> Exit {
    let source = match Source::open(&args.catalog) {
        Ok(source) => source,
        Err(exit) => return exit,
    };
    let catalog = match source.load() {
        Ok(catalog) => catalog,
        Err(problems) => {
            err(&source.render_problems(&problems, false));
            return Exit::Failure;
        }
    };
    let color = args.format == Format::Text && args.color.enabled();
    let wanted = args.code.trim();
    let normal = wanted.to_ascii_lowercase().replace('-', "_");
    let found = |name: &str| name == wanted || name == normal;
    if let Some(code) = catalog.codes.iter().find(|c| found(&c.code.value)) {
        match args.format {
            Format::Text => out(&text::code(&catalog, code, color)),
            Format::Json => print_json(&code_json(&catalog, code)),
        }
        return Exit::Ok;
    }
    if let Some(retired) = catalog.retired.iter().find(|r| found(&r.code.value)) {
        match args.format {
            Format::Text => out(&text::retired(&source.name, retired, color)),
            Format::Json => print_json(&RetiredJson {
                code: &retired.code.value,
                retired: true,
                note: retired.note.as_deref(),
            }),
        }
        return Exit::Ok;
    }
    let names: Vec<&str> = catalog
        .codes
        .iter()
        .map(|c| c.code.value.as_str())
        .collect();
    let suggestion = suggest::closest(&normal, &names);
    match args.format {
        Format::Text => eprint!(
            "{}",
            text::unknown(&source.name, wanted, suggestion, &catalog, color)
        ),
        Format::Json => print_json(&UnknownJson {
            code: wanted,
            error: "unknown code",
            suggestion,
        }),
    }
    Exit::Problems
}

/// The document of a code.
#[derive(Debug, Serialize)]
struct CodeJson<'c> {
    code: &'c str,
    retired: bool,
    status: u16,
    reason: Option<&'static str>,
    category: Option<&'c str>,
    retryable: RetryableJson<'c>,
    message: &'c str,
    fields: Vec<FieldJson<'c>>,
    headers: Vec<HeaderJson<'c>>,
    description: &'c str,
    cause: &'c str,
    resolution: &'c [String],
    deprecated: Option<&'c str>,
    doc_url: String,
    example: Option<Box<RawValue>>,
}

/// The retryability of a code in its document.
#[derive(Debug, Serialize)]
struct RetryableJson<'c> {
    kind: &'static str,
    value: Option<bool>,
    field: Option<&'c str>,
    default: Option<bool>,
}

/// A field in a code's document.
#[derive(Debug, Serialize)]
struct FieldJson<'c> {
    name: &'c str,
    #[serde(rename = "type")]
    ty: String,
    required: bool,
    minimum: Option<i64>,
    maximum: Option<i64>,
    values: Option<Vec<&'c str>>,
    description: &'c str,
    sensitive: bool,
}

/// A response header in a code's document.
#[derive(Debug, Serialize)]
struct HeaderJson<'c> {
    name: &'c str,
    field: &'c str,
}

/// The document of a retired code.
#[derive(Debug, Serialize)]
struct RetiredJson<'c> {
    code: &'c str,
    retired: bool,
    note: Option<&'c str>,
}

/// The document of an unknown code.
#[derive(Debug, Serialize)]
struct UnknownJson<'c> {
    code: &'c str,
    error: &'static str,
    suggestion: Option<&'c str>,
}

/// The reason phrase of HTTP `status` (`Too Many Requests`).
fn reason(status: u16) -> Option<&'static str> {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
}

/// The values of the string enum type that `field` has (or lists).
fn enum_values<'c>(catalog: &'c Catalog, field: &Field) -> Option<Vec<&'c str>> {
    let values = catalog.enum_values(field.ty.value.named()?)?;
    Some(values.iter().map(|v| v.value.as_str()).collect())
}

fn code_json<'c>(catalog: &'c Catalog, code: &'c ErrorCode) -> CodeJson<'c> {
    let retryable = match &code.retryable {
        Retryability::Fixed(value) => RetryableJson {
            kind: "fixed",
            value: Some(*value),
            field: None,
            default: None,
        },
        Retryability::Field { name, default } => RetryableJson {
            kind: "field",
            value: None,
            field: Some(&name.value),
            default: Some(*default),
        },
    };
    let fields = code
        .fields
        .iter()
        .map(|f| FieldJson {
            name: &f.name.value,
            ty: f.ty.value.to_string(),
            required: f.required,
            minimum: f.minimum.as_ref().map(|m| m.value),
            maximum: f.maximum.as_ref().map(|m| m.value),
            values: enum_values(catalog, f),
            description: &f.description,
            sensitive: f.sensitive,
        })
        .collect();
    let headers = code
        .headers
        .iter()
        .map(|(name, field)| HeaderJson {
            name: &name.value,
            field: &field.value,
        })
        .collect();
    CodeJson {
        code: &code.code.value,
        retired: false,
        status: code.status.value,
        reason: reason(code.status.value),
        category: code.category.as_ref().map(|c| c.value.as_str()),
        retryable,
        message: &code.message.value.source,
        fields,
        headers,
        description: &code.description,
        cause: &code.cause,
        resolution: &code.resolution,
        deprecated: code.deprecated.as_deref(),
        doc_url: catalog.code_doc_url(code),
        example: example::envelope(catalog, code)
            .and_then(|e| RawValue::from_string(e.to_json()).ok()),
    }
}

/// Where `retired` is listed, for messages.
fn retired_at(name: &str, retired: &Retired) -> String {
    format!("{name}:{}", retired.code.location)
}
