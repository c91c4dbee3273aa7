//! Rules of `[http]`: the codes that answer the failures the HTTP layer
//! detects (malformed bodies, unknown routes, panics, …).

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Catalog, ErrorCode, Field, FieldType, HttpAnswer, HttpFailure};
use crate::suggest;

/// The HTTP layer builds these errors itself, from nothing but the failure:
/// the code must exist, its status must say whose fault the failure is, and
/// every field it requires must be one the layer can fill.
pub(super) fn check_http_answers(cx: &mut Diagnostics, catalog: &Catalog) {
    for answer in &catalog.http {
        match catalog
            .codes
            .iter()
            .find(|c| c.code.value == answer.code.value)
        {
            None => unknown_code(cx, catalog, answer),
            Some(code) => {
                check_status(cx, answer, code);
                check_fillable(cx, catalog, answer, code);
            }
        }
    }
}

/// A code that is not in the catalog, retired, or misspelled.
fn unknown_code(cx: &mut Diagnostics, catalog: &Catalog, answer: &HttpAnswer) {
    let (key, name) = (answer.failure.value.key(), &answer.code.value);
    let at = Some(answer.code.location);
    if catalog.retired.iter().any(|r| &r.code.value == name) {
        cx.error(
            at,
            format!(
                "`http.{key}` is answered by `{name}`, a retired code; choose a code of `[codes]`"
            ),
        );
        return;
    }
    let names: Vec<&str> = catalog
        .codes
        .iter()
        .map(|c| c.code.value.as_str())
        .collect();
    let mut problem = Diagnostic::new(
        at,
        format!("`http.{key}` is answered by `{name}`, which is not a code of this catalog"),
    );
    if let Some(closest) = suggest::closest(name, &names) {
        problem = problem.with_help(suggest::did_you_mean(closest));
    }
    cx.push(problem);
}

/// A client reads the status first: a request's mistake is a 4xx, the
/// server's failure a 5xx.
fn check_status(cx: &mut Diagnostics, answer: &HttpAnswer, code: &ErrorCode) {
    let failure = answer.failure.value;
    let status = code.status.value;
    let (fits, expected) = if failure.is_server_error() {
        ((500..=599).contains(&status), "a 5xx code")
    } else {
        ((400..=499).contains(&status), "a 4xx code")
    };
    if !fits {
        cx.error(
            Some(answer.code.location),
            format!(
                "`http.{}` is answered by `{}`, status {status}; this failure needs {expected}",
                failure.key(),
                code.code.value
            ),
        );
    }
}

/// The layer fills `message` and `param`, and, for `invalid_field`, a list of
/// field violations; a code that requires anything else cannot be built.
fn check_fillable(cx: &mut Diagnostics, catalog: &Catalog, answer: &HttpAnswer, code: &ErrorCode) {
    let failure = answer.failure.value;
    for field in code.fields.iter().filter(|f| f.required) {
        if failure == HttpFailure::InvalidField && is_violation_list(catalog, field) {
            continue;
        }
        let help = if failure == HttpFailure::InvalidField {
            "make it optional; the HTTP layer fills `message`, `param` and a `list<T>` field whose type T has the string fields `field` and `message`"
        } else {
            "make it optional, or answer with a code that requires no fields; the HTTP layer fills `message` and `param` only"
        };
        cx.push(
            Diagnostic::new(
                Some(answer.code.location),
                format!(
                    "`http.{}` is answered by `{}`, whose required field `{}` the HTTP layer cannot fill",
                    failure.key(),
                    code.code.value,
                    field.name.value
                ),
            )
            .with_help(help),
        );
    }
}

/// Whether `field` is a `list<T>` of objects with the string fields `field`
/// and `message` (and nothing else required): where the layer lists what
/// was wrong with each member of a body.
pub fn is_violation_list(catalog: &Catalog, field: &Field) -> bool {
    let FieldType::List(item) = &field.ty.value else {
        return false;
    };
    let FieldType::Named(name) = item.as_ref() else {
        return false;
    };
    let Some(ty) = catalog.object_type(name).filter(|t| !t.is_enum()) else {
        return false;
    };
    let is_string = |name: &str| {
        ty.fields
            .iter()
            .any(|f| f.name.value == name && f.ty.value == FieldType::String)
    };
    is_string("field")
        && is_string("message")
        && ty
            .fields
            .iter()
            .all(|f| !f.required || matches!(f.name.value.as_str(), "field" | "message"))
}

#[cfg(test)]
mod tests {
    use crate::load_str;

    const BASE: &str = r#"
[catalog]
name = "E"
doc_base_url = "u"
categories = ["A"]
retired = ["gone"]

[types.Violation]
fields = { field = { type = "string", required = true, description = "d" }, message = { type = "string", required = true, description = "d" } }

[codes.bad_request]
status = 400
category = "A"
retryable = false
message = "Bad request"
description = "d"
cause = "c"
resolution = []

[codes.invalid]
status = 422
category = "A"
retryable = false
message = "Invalid"
description = "d"
cause = "c"
resolution = []
fields = { details = { type = "list<Violation>", required = true, description = "d" } }

[codes.limited]
status = 429
category = "A"
retryable = true
message = "Wait {retry_after} s"
description = "d"
cause = "c"
resolution = []
fields = { retry_after = { type = "integer", required = true, description = "d" } }

[codes.oops]
status = 500
category = "A"
retryable = true
message = "Oops"
description = "d"
cause = "c"
resolution = []
"#;

    fn problems(http: &str) -> Vec<String> {
        load_str(&format!("{BASE}\n[http]\n{http}"))
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.render("c.toml"))
            .collect()
    }

    #[test]
    fn answers_that_fit_pass() {
        let found = problems(
            "malformed_body = \"bad_request\"\ninvalid_field = \"invalid\"\nno_route = \"bad_request\"\ninternal = \"oops\"\n",
        );
        assert_eq!(found, Vec::<String>::new());
        let catalog = load_str(&format!("{BASE}\n[http]\nno_route = \"bad_request\"\n")).unwrap();
        assert_eq!(catalog.http.len(), 1);
        assert_eq!(catalog.http[0].failure.value.key(), "no_route");
    }

    #[test]
    fn answers_that_do_not_fit_are_located() {
        let found = problems(
            "no_rout = \"bad_request\"\nmalformed_body = \"bad_requets\"\nmissing_field = \"gone\"\ninternal = \"bad_request\"\nno_route = \"oops\"\nbody_too_large = \"limited\"\nmissing_field_x = 1\ninvalid_parameter = \"invalid\"\n",
        );
        let at = |line: usize| format!("c.toml:{line}:");
        let line = BASE.lines().count() + 3;
        let expected = [
            (line, "unknown key `http.no_rout`"),
            (
                line + 1,
                "`http.malformed_body` is answered by `bad_requets`, which is not a code of this catalog",
            ),
            (
                line + 2,
                "`http.missing_field` is answered by `gone`, a retired code",
            ),
            (
                line + 3,
                "`http.internal` is answered by `bad_request`, status 400; this failure needs a 5xx code",
            ),
            (
                line + 4,
                "`http.no_route` is answered by `oops`, status 500; this failure needs a 4xx code",
            ),
            (
                line + 5,
                "`http.body_too_large` is answered by `limited`, whose required field `retry_after` the HTTP layer cannot fill",
            ),
            (line + 6, "unknown key `http.missing_field_x`"),
            (
                line + 7,
                "`http.invalid_parameter` is answered by `invalid`, whose required field `details` the HTTP layer cannot fill",
            ),
        ];
        for (line, text) in expected {
            assert!(
                found
                    .iter()
                    .any(|p| p.starts_with(&at(line)) && p.contains(text)),
                "{line}: {text}\n{found:#?}"
            );
        }
        assert!(
            found
                .iter()
                .any(|p| p.contains("did you mean `bad_request`?")),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|p| p.contains("did you mean `no_route`?")),
            "{found:#?}"
        );
        assert_eq!(found.len(), expected.len(), "{found:#?}");
    }
}
