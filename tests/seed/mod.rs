//! The AMP "Errors" page's JSON examples (the `*.json` files beside this
//! one, see README.md here), for the test files that hold the library to them.

/// Every JSON example of the page, by code.
pub const SEED: &[(&str, &str)] = &[
    ("error_code", include_str!("error_code.json")),
    ("forbidden", include_str!("forbidden.json")),
    ("invalid_token", include_str!("invalid_token.json")),
    ("invalid_request", include_str!("invalid_request.json")),
    ("validation_error", include_str!("validation_error.json")),
    ("invalid_parameter", include_str!("invalid_parameter.json")),
    ("not_found", include_str!("not_found.json")),
    ("already_exists", include_str!("already_exists.json")),
    ("conflict", include_str!("conflict.json")),
    (
        "rate_limit_exceeded",
        include_str!("rate_limit_exceeded.json"),
    ),
    ("processing_failed", include_str!("processing_failed.json")),
    ("provider_error", include_str!("provider_error.json")),
    ("budget_exceeded", include_str!("budget_exceeded.json")),
    ("internal_error", include_str!("internal_error.json")),
    (
        "service_unavailable",
        include_str!("service_unavailable.json"),
    ),
];

/// `text` without the whitespace between tokens: what serializing writes.
pub fn compact(text: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in text.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c.is_whitespace() {
            continue;
        } else {
            in_string = c == '"';
        }
        out.push(c);
    }
    out
}
