//! The error response format: the envelope every error has, with the seed's
//! placeholder values, and its common members.

use amp_errors_catalog::Catalog;

use crate::schema::json::Json;

/// A member every error object has.
pub struct EnvelopeField {
    /// Wire name.
    pub name: &'static str,
    /// JSON type.
    pub ty: &'static str,
    /// When it is present.
    pub presence: &'static str,
    /// What it holds.
    pub description: &'static str,
}

/// The envelope with the seed's placeholders: `error_code`, its link, a request id.
pub fn generic_envelope(catalog: &Catalog) -> Json {
    let prefix = catalog.request_id_prefix.as_deref().unwrap_or("req_");
    let error = Json::object()
        .with("code", "error_code")
        .with("message", "Human-readable error message")
        .with("param", "field_name")
        .with("doc_url", catalog.doc_url("error_code"))
        .with("request_id", format!("{prefix}xxxxxxxxxxxx"));
    Json::object().with("error", error)
}

/// The common members, in wire order, with their types and presence.
pub fn envelope_fields() -> Vec<EnvelopeField> {
    let field = |name, ty, presence, description| EnvelopeField {
        name,
        ty,
        presence,
        description,
    };
    vec![
        field("code", "string", "always", "Machine-readable error code."),
        field("message", "string", "always", "Human-readable description."),
        field(
            "param",
            "string",
            "when applicable",
            "The request parameter that caused the error.",
        ),
        field(
            "doc_url",
            "string",
            "always",
            "Link to the documentation of this error.",
        ),
        field(
            "request_id",
            "string",
            "when known",
            "Unique request id, for support.",
        ),
    ]
}
