//! The strict check of an error object against its catalog entry, for
//! servers and tests: parsing is tolerant (it keeps what does not fit), and
//! this says, by JSON path, everything that did not fit.

use std::fmt;

use serde_json::Value;

use crate::{CatalogInfo, FieldInfo, Object, RawJson, TypeInfo};

/// One way an error object differs from its catalog entry:
/// `error.retry_after: expected an integer >= 0, found the string "45"`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mismatch {
    /// Where, as a JSON path from the response body (`error.details[0].field`).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for Mismatch {}

/// Every mismatch between the error object `object` and `catalog`, with
/// paths under `at` (`error`).
pub(crate) fn check_error(catalog: &CatalogInfo, object: &Object, at: &str) -> Vec<Mismatch> {
    let mut out = Checker {
        catalog,
        found: Vec::new(),
    };
    out.error(object, at);
    out.found
}

struct Checker<'a> {
    catalog: &'a CatalogInfo,
    found: Vec<Mismatch>,
}

impl Checker<'_> {
    fn push(&mut self, path: &str, message: impl Into<String>) {
        self.found.push(Mismatch {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    fn error(&mut self, object: &Object, at: &str) {
        let code = object.get("code").and_then(RawJson::as_string);
        let info = code.as_deref().and_then(|code| self.catalog.code(code));
        match (&code, info) {
            (None, _) => self.push(
                &format!("{at}.code"),
                "missing: every error has a string `code`",
            ),
            (Some(code), None) => self.push(
                &format!("{at}.code"),
                format!(
                    "`{code}` is not a code of the {} catalog",
                    self.catalog.name
                ),
            ),
            _ => {}
        }
        if object.get("message").is_none() {
            self.push(
                &format!("{at}.message"),
                "missing: every error has a message",
            );
        }
        for (key, value) in object.iter() {
            let path = format!("{at}.{key}");
            match key {
                "code" => {}
                "message" | "param" | "doc_url" => self.string(value, &path),
                "request_id" => self.request_id(value, &path),
                _ => match info.and_then(|info| info.fields.iter().find(|f| f.name == key)) {
                    Some(field) => self.field(field, value, &path),
                    None if info.is_some() => self.push(
                        &path,
                        format!("not a field of `{}`", code.as_deref().unwrap_or_default()),
                    ),
                    None => {}
                },
            }
        }
        for field in info.map(|info| info.fields).unwrap_or_default() {
            if field.required && object.get(field.name).is_none() {
                self.push(
                    &format!("{at}.{}", field.name),
                    format!(
                        "missing: the field is required ({})",
                        self.expected(field.json_type, field)
                    ),
                );
            }
        }
    }

    fn string(&mut self, value: &RawJson, path: &str) {
        if value.as_string().is_none() {
            self.push(
                path,
                format!("expected a string, found {}", found(&value.to_value())),
            );
        }
    }

    fn request_id(&mut self, value: &RawJson, path: &str) {
        match (value.as_string(), self.catalog.request_id_prefix) {
            (None, _) => self.string(value, path),
            (Some(id), Some(prefix)) if !id.starts_with(prefix) => {
                self.push(path, format!("`{id}` does not start with `{prefix}`"))
            }
            _ => {}
        }
    }

    fn field(&mut self, field: &FieldInfo, value: &RawJson, path: &str) {
        self.value(field.json_type, Some(field), &value.to_value(), path);
    }

    /// Checks `value` against the type expression `ty`; `field` gives bounds.
    fn value(&mut self, ty: &str, field: Option<&FieldInfo>, value: &Value, path: &str) {
        let fits = match ty {
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "integer" | "number" => return self.number(ty, field, value, path),
            _ => {
                if let Some(item) = inner(ty, "list<") {
                    let Some(items) = value.as_array() else {
                        return self.wrong(ty, field, value, path);
                    };
                    for (i, element) in items.iter().enumerate() {
                        self.value(item, None, element, &format!("{path}[{i}]"));
                    }
                    return;
                }
                if let Some(item) = inner(ty, "map<") {
                    let Some(entries) = value.as_object() else {
                        return self.wrong(ty, field, value, path);
                    };
                    for (key, entry) in entries {
                        self.value(item, None, entry, &format!("{path}.{key}"));
                    }
                    return;
                }
                match self.catalog.types.iter().find(|t| t.name == ty) {
                    Some(named) => return self.named(named, value, path),
                    None => true,
                }
            }
        };
        if !fits {
            self.wrong(ty, field, value, path);
        }
    }

    fn number(&mut self, ty: &str, field: Option<&FieldInfo>, value: &Value, path: &str) {
        let Some(number) = value.as_f64() else {
            return self.wrong(ty, field, value, path);
        };
        let integer = value.is_i64() || value.is_u64() || number.fract() == 0.0;
        let (minimum, maximum) = field.map_or((None, None), |f| (f.minimum, f.maximum));
        let below = minimum.is_some_and(|m| number < m as f64);
        let above = maximum.is_some_and(|m| number > m as f64);
        if (ty == "integer" && !integer) || below || above {
            self.wrong(ty, field, value, path);
        }
    }

    fn named(&mut self, named: &TypeInfo, value: &Value, path: &str) {
        if let Some(values) = named.values {
            match value.as_str() {
                Some(text) if values.contains(&text) => {}
                _ => self.push(
                    path,
                    format!(
                        "expected one of {}, found {}",
                        values.join(", "),
                        found(value)
                    ),
                ),
            }
            return;
        }
        let Some(members) = value.as_object() else {
            return self.push(
                path,
                format!(
                    "expected an object ({}), found {}",
                    named.name,
                    found(value)
                ),
            );
        };
        for field in named.fields {
            match members.get(field.name) {
                Some(member) => self.value(
                    field.json_type,
                    Some(field),
                    member,
                    &format!("{path}.{}", field.name),
                ),
                None if field.required => self.push(
                    &format!("{path}.{}", field.name),
                    "missing: the member is required",
                ),
                None => {}
            }
        }
        for key in members.keys() {
            if !named.fields.iter().any(|f| f.name == key) {
                self.push(
                    &format!("{path}.{key}"),
                    format!("not a member of `{}`", named.name),
                );
            }
        }
    }

    fn wrong(&mut self, ty: &str, field: Option<&FieldInfo>, value: &Value, path: &str) {
        let expected = match field {
            Some(field) => self.expected(ty, field),
            None => article(ty),
        };
        self.push(path, format!("expected {expected}, found {}", found(value)));
    }

    /// "an integer >= 0", "a string", "an array of FieldViolation".
    fn expected(&self, ty: &str, field: &FieldInfo) -> String {
        let base = article(ty);
        match (field.minimum, field.maximum) {
            (Some(min), Some(max)) => format!("{base} in {min}..={max}"),
            (Some(min), None) => format!("{base} >= {min}"),
            (None, Some(max)) => format!("{base} <= {max}"),
            (None, None) => base,
        }
    }
}

/// The item type of `list<T>` or `map<T>`.
fn inner<'a>(ty: &'a str, prefix: &str) -> Option<&'a str> {
    ty.strip_prefix(prefix)?.strip_suffix('>')
}

/// A type expression as messages say it.
fn article(ty: &str) -> String {
    match ty {
        "integer" => "an integer".into(),
        "object" => "an object".into(),
        "string" | "number" | "boolean" => format!("a {ty}"),
        _ => match (inner(ty, "list<"), inner(ty, "map<")) {
            (Some(item), _) => format!("an array of {item}"),
            (_, Some(item)) => format!("an object of {item}"),
            _ => format!("a {ty}"),
        },
    }
}

/// How messages name a value that was found.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}
