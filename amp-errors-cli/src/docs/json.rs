//! The reference as one JSON document (`amp-errors docs --format json`): the
//! same content as the pages, for tools that lay it out themselves. Prose is
//! plain text (backticks as the catalog wrote them); examples are JSON values.

use amp_errors_catalog::Retryability;

use super::inline::{Inline, plain};
use super::reference::{CodeDoc, FieldDoc, Reference, TypeDoc};
use super::retry::{BASE_DELAY_MS, MAX_ATTEMPTS, MAX_DELAY_MS};
use crate::schema::json::Json;

/// The reference as JSON.
pub fn render(reference: &Reference<'_>) -> Json {
    let catalog = reference.catalog;
    let statuses: Vec<Json> = reference
        .statuses
        .iter()
        .map(|row| {
            Json::object()
                .with("status", row.status.code)
                .with("reason", row.status.reason)
                .with("summary", row.status.summary)
                .with("codes", Json::strings(row.codes.iter().map(link_code)))
        })
        .collect();
    let envelope_fields: Vec<Json> = reference
        .envelope_fields
        .iter()
        .map(|f| {
            Json::object()
                .with("name", f.name)
                .with("type", f.ty)
                .with("present", f.presence)
                .with("description", f.description)
        })
        .collect();
    let categories: Vec<Json> = reference
        .categories
        .iter()
        .map(|c| {
            Json::object()
                .with("name", c.name.as_str())
                .with("anchor", c.anchor.as_str())
                .with("codes", c.codes.iter().map(code).collect::<Vec<_>>())
        })
        .collect();
    Json::object()
        .with("catalog", catalog.name.value.as_str())
        .with("doc_base_url", catalog.doc_base_url.as_str())
        .with("statuses", statuses)
        .with("envelope", reference.envelope.clone())
        .with("envelope_fields", envelope_fields)
        .with("categories", categories)
        .with("types", reference.types.iter().map(ty).collect::<Vec<_>>())
        .with("headers", headers(reference))
        .with("retry", retry(reference))
}

fn code(doc: &CodeDoc<'_>) -> Json {
    let c = doc.code;
    let headers: Vec<Json> = doc
        .headers
        .iter()
        .map(|(h, f)| Json::object().with("header", h).with("field", f))
        .collect();
    Json::object()
        .with("code", c.code.value.as_str())
        .with("anchor", doc.anchor.as_str())
        .with("doc_url", doc.doc_url.as_str())
        .with("status", doc.status.code)
        .with("reason", doc.status.reason)
        .with("retryable", rule(&c.retryable))
        .with("description", c.description.as_str())
        .with(
            "deprecated",
            c.deprecated.as_deref().map_or(Json::Null, Json::from),
        )
        .with("fields", doc.fields.iter().map(field).collect::<Vec<_>>())
        .with("example", doc.example.clone().unwrap_or(Json::Null))
        .with("cause", c.cause.as_str())
        .with("resolution", Json::strings(&c.resolution))
        .with("headers", headers)
}

fn field(doc: &FieldDoc) -> Json {
    Json::object()
        .with("name", doc.name.as_str())
        .with("type", doc.ty.as_str())
        .with("required", doc.required)
        .with("constraints", plain(&doc.constraints))
        .with("description", plain(&doc.description))
        .with("sensitive", doc.sensitive)
}

fn ty(doc: &TypeDoc<'_>) -> Json {
    let out = Json::object()
        .with("name", doc.ty.name.value.as_str())
        .with("anchor", doc.anchor.as_str())
        .with("description", doc.ty.description.as_str());
    match &doc.ty.values {
        Some(values) => out.with("enum", Json::strings(values.iter().map(|v| &v.value))),
        None => out.with("fields", doc.fields.iter().map(field).collect::<Vec<_>>()),
    }
}

fn headers(reference: &Reference<'_>) -> Vec<Json> {
    reference
        .headers
        .iter()
        .map(|h| {
            let sources: Vec<Json> = h
                .sources
                .iter()
                .map(|(code, field, value)| {
                    Json::object()
                        .with("code", link_code(code))
                        .with("field", field)
                        .with("value", plain(value))
                })
                .collect();
            Json::object()
                .with("header", h.header.as_str())
                .with("sources", sources)
        })
        .collect()
}

fn retry(reference: &Reference<'_>) -> Json {
    let retry = &reference.retry;
    let codes: Vec<Json> = retry
        .codes
        .iter()
        .map(|(code, _, r)| {
            Json::object()
                .with("code", link_code(code))
                .with("retryable", rule(r))
        })
        .collect();
    let wait_fields: Vec<Json> = retry
        .wait_fields
        .iter()
        .map(|(c, f)| Json::object().with("code", c).with("field", f))
        .collect();
    let delays: Vec<Json> = retry
        .delays
        .iter()
        .map(|(attempt, ms)| {
            Json::object()
                .with("attempt", Json::Int(i64::from(*attempt)))
                .with("wait_ms", Json::Int(i64::try_from(*ms).unwrap_or(i64::MAX)))
        })
        .collect();
    Json::object()
        .with("max_attempts", Json::Int(i64::from(MAX_ATTEMPTS)))
        .with("base_delay_ms", Json::Int(BASE_DELAY_MS as i64))
        .with("max_delay_ms", Json::Int(MAX_DELAY_MS as i64))
        .with("honours_retry_after", true)
        .with("codes", codes)
        .with("delays", delays)
        .with("wait_fields", wait_fields)
        .with(
            "strategy",
            Json::strings(retry.strategy.iter().map(|p| plain(p))),
        )
        .with("snippet", retry.snippet.as_str())
}

/// A retryability rule: `true`, `false` or `{"field", "default"}`.
fn rule(rule: &Retryability) -> Json {
    match rule {
        Retryability::Fixed(fixed) => Json::Bool(*fixed),
        Retryability::Field { name, default } => Json::object()
            .with("field", name.value.as_str())
            .with("default", *default),
    }
}

/// The code a link shows.
fn link_code(inline: &Inline) -> String {
    plain(std::slice::from_ref(inline))
}
