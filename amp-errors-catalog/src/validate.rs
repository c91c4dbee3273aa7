//! Checks that relate one part of a parsed catalog to another: names, categories,
//! retryability fields, template placeholders, examples against field types.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::{
    COMMON_FIELDS, Catalog, ErrorCode, Example, Field, FieldType, Located, Retryability,
};
use crate::suggest;

/// Validates `catalog`, recording every problem in `cx`.
pub fn validate(catalog: &Catalog, cx: &mut Diagnostics) {
    let mut v = Validator { catalog, cx };
    v.settings();
    v.types();
    v.codes();
}

/// Whether `name` is snake_case: lowercase ASCII letters and digits in words
/// joined by single underscores, starting with a letter.
pub fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Whether `name` is UpperCamelCase: an ASCII uppercase letter, then ASCII
/// letters and digits; and not `Self`, the one such name that is a keyword.
pub fn is_upper_camel_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

/// Whether `ty` is the placeholder of a field whose type was missing or not
/// understood: that problem is recorded, and the field is not checked further.
fn is_unknown(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Named(name) if name.is_empty())
}

/// Suffixes of the types generated beside the error enum (`ApiErrorCode`, `ApiErrorCategory`).
const GENERATED_SUFFIXES: [&str; 2] = ["Code", "Category"];

/// The form two names share when every target language's casing makes them
/// one identifier (`rate_limit` and `ratelimit` both become `RateLimit`/`Ratelimit`…):
/// separators dropped, case folded.
pub fn identifier_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

struct Validator<'a, 'c> {
    catalog: &'a Catalog,
    cx: &'c mut Diagnostics,
}

impl Validator<'_, '_> {
    fn error(&mut self, location: Location, message: impl Into<String>) {
        self.cx.error(Some(location), message);
    }

    fn settings(&mut self) {
        let catalog = self.catalog;
        let name = &catalog.name;
        if name.value == "Self" {
            self.error(
                name.location,
                "`catalog.name` `Self` is a Rust keyword; expected another UpperCamelCase type name, such as `ApiError`",
            );
        } else if !name.value.is_empty() && !is_upper_camel_case(&name.value) {
            self.error(
                name.location,
                format!(
                    "`catalog.name` `{}` is not a type name; expected UpperCamelCase such as `ApiError`",
                    name.value
                ),
            );
        }
        let mut seen: HashMap<String, &Located<String>> = HashMap::new();
        for category in &catalog.categories {
            if category.value.trim().is_empty() || identifier_key(&category.value).is_empty() {
                self.error(
                    category.location,
                    "a category name needs at least one letter or digit",
                );
                continue;
            }
            if category.value.starts_with(|c: char| c.is_ascii_digit()) {
                self.error(
                    category.location,
                    format!("category `{}` starts with a digit; expected a name that starts with a letter", category.value),
                );
            }
            if let Some(first) = seen.insert(identifier_key(&category.value), category) {
                self.error(
                    category.location,
                    format!(
                        "category `{}` is the same name as `{}` at line {}",
                        category.value, first.value, first.location.line
                    ),
                );
            }
        }
        if let Some(fallback) = &catalog.fallback_variant {
            if !is_upper_camel_case(&fallback.value) {
                self.error(
                    fallback.location,
                    format!("`catalog.fallback_variant` `{}` is not a variant name; expected UpperCamelCase", fallback.value),
                );
            } else if let Some(code) = catalog
                .codes
                .iter()
                .find(|c| identifier_key(&c.code.value) == identifier_key(&fallback.value))
            {
                self.error(
                    fallback.location,
                    format!(
                        "`catalog.fallback_variant` `{}` is the name of code `{}` (line {}); choose another",
                        fallback.value, code.code.value, code.code.location.line
                    ),
                );
            }
        }
        let mut retired: HashMap<&str, &Located<String>> = HashMap::new();
        for entry in &catalog.retired {
            if let Some(first) = retired.insert(&entry.code.value, &entry.code) {
                self.error(
                    entry.code.location,
                    format!(
                        "code `{}` is retired twice (first at line {})",
                        entry.code.value, first.location.line
                    ),
                );
            }
        }
    }

    fn types(&mut self) {
        let catalog = self.catalog;
        for ty in &catalog.types {
            if !is_upper_camel_case(&ty.name.value) {
                self.error(
                    ty.name.location,
                    format!("type name `{}` is not UpperCamelCase; expected a name such as `FieldViolation`", ty.name.value),
                );
            } else if GENERATED_SUFFIXES.contains(&ty.name.value.as_str()) {
                self.error(
                    ty.name.location,
                    format!(
                        "type name `{0}` would generate `{1}{0}`, the name of the generated {2} enum; choose another name",
                        ty.name.value,
                        catalog.name.value,
                        ty.name.value.to_lowercase()
                    ),
                );
            }
            self.fields(&ty.fields, &format!("types.{}", ty.name.value), false);
            for field in &ty.fields {
                if field.ty.value == FieldType::Named(ty.name.value.clone()) {
                    self.error(
                        field.ty.location,
                        format!(
                            "type `{}` contains itself; a recursive member must be a list (`list<{}>`)",
                            ty.name.value, ty.name.value
                        ),
                    );
                }
            }
        }
    }

    /// Checks field names and types of one code or object type.
    fn fields(&mut self, fields: &[Field], owner: &str, of_code: bool) {
        let mut seen: HashMap<String, &Field> = HashMap::new();
        for field in fields {
            let name = &field.name.value;
            if !is_snake_case(name) {
                self.error(
                    field.name.location,
                    format!("field name `{name}` in `{owner}` is not snake_case; expected lowercase words joined by `_`"),
                );
            } else if of_code && COMMON_FIELDS.contains(&name.as_str()) {
                self.error(
                    field.name.location,
                    format!(
                        "field `{name}` in `{owner}` clashes with the common field `{name}` that every error carries; rename it"
                    ),
                );
            }
            if let Some(first) = seen.insert(identifier_key(name), field) {
                self.error(
                    field.name.location,
                    format!(
                        "field `{name}` in `{owner}` is the same name as `{}` (line {}) once case and underscores are ignored, as generated identifiers may ignore them; rename one",
                        first.name.value, first.name.location.line
                    ),
                );
            }
            if let Some(type_name) = field.ty.value.named()
                && !is_unknown(&field.ty.value)
                && self.catalog.object_type(type_name).is_none()
            {
                // `String` is as likely a miscased built-in as a misspelled type.
                let known: Vec<&str> = self
                    .catalog
                    .types
                    .iter()
                    .map(|t| t.name.value.as_str())
                    .chain(suggest::BUILTIN_TYPES.iter().copied())
                    .collect();
                let d = Diagnostic::new(
                    Some(field.ty.location),
                    format!(
                        "unknown field type `{type_name}`; expected string, integer, number, boolean, object, list<T>, or a type declared under [types]"
                    ),
                );
                self.cx.push(suggest::with_closest(d, type_name, &known));
            }
        }
    }

    fn codes(&mut self) {
        let catalog = self.catalog;
        let categories: Vec<&str> = catalog
            .categories
            .iter()
            .map(|c| c.value.as_str())
            .collect();
        let mut names: HashMap<String, &ErrorCode> = HashMap::new();
        for code in &catalog.codes {
            let name = &code.code.value;
            let owner = format!("codes.{name}");
            if name.is_empty() {
                self.error(
                    code.code.location,
                    "a code cannot be empty; expected a snake_case code such as `not_found`",
                );
            } else if name.starts_with(|c: char| c.is_ascii_digit()) {
                self.error(
                    code.code.location,
                    format!("code `{name}` starts with a digit; expected a snake_case code that starts with a letter"),
                );
            } else if !is_snake_case(name) {
                self.error(
                    code.code.location,
                    format!("code `{name}` is not snake_case; expected lowercase words joined by `_`, such as `not_found`"),
                );
            } else if let Some(first) = names.insert(identifier_key(name), code) {
                self.error(
                    code.code.location,
                    format!(
                        "code `{name}` is the same name as `{}` (line {}) once case and underscores are ignored, as generated identifiers may ignore them; rename one",
                        first.code.value,
                        first.code.location.line,
                    ),
                );
            }
            if let Some(retired) = catalog.retired.iter().find(|r| &r.code.value == name) {
                self.error(
                    code.code.location,
                    format!(
                        "code `{name}` was retired (catalog.retired, line {}); a retired code is never reused, choose a new code",
                        retired.code.location.line
                    ),
                );
            }
            // With no categories, `catalog.categories` is missing or empty:
            // one problem, which parse reports; not one more per code.
            if let Some(category) = &code.category
                && !categories.is_empty()
                && !categories.contains(&category.value.as_str())
            {
                let d = Diagnostic::new(
                    Some(category.location),
                    format!(
                        "unknown category `{}`; expected one of the catalog's categories: {}",
                        category.value,
                        categories.join(", ")
                    ),
                );
                self.cx
                    .push(suggest::with_closest(d, &category.value, &categories));
            }
            self.fields(&code.fields, &owner, true);
            self.retryable(code);
            self.template(code);
            if let Some(example) = &code.example {
                self.example(code, example);
            }
        }
    }

    fn retryable(&mut self, code: &ErrorCode) {
        let Retryability::Field { name, .. } = &code.retryable else {
            return;
        };
        match code.field(&name.value) {
            None => self.error(
                name.location,
                format!(
                    "`retryable.field` names `{}`, which `codes.{}` does not declare; expected a boolean field of the code",
                    name.value, code.code.value
                ),
            ),
            Some(field) if field.ty.value != FieldType::Boolean && !is_unknown(&field.ty.value) => {
                self.error(
                    name.location,
                    format!(
                        "`retryable.field` names `{}`, a field of type {}; expected a field of type boolean",
                        name.value, field.ty.value
                    ),
                )
            }
            Some(_) => {}
        }
    }

    fn template(&mut self, code: &ErrorCode) {
        let template = &code.message;
        for placeholder in template.value.fields() {
            match code.field(placeholder) {
                None => {
                    let declared: Vec<&str> = code.fields.iter().map(|f| f.name.value.as_str()).collect();
                    let mut d = Diagnostic::new(
                        Some(template.location),
                        format!(
                            "message template of `{}` names `{{{placeholder}}}`, which is not a declared field of the code",
                            code.code.value
                        ),
                    );
                    if let Some(best) = suggest::closest(placeholder, &declared) {
                        d = d.with_help(suggest::did_you_mean(&format!("{{{best}}}")));
                    } else {
                        d = d.with_help(format!(
                            "declare it under [codes.{}.fields] with `required = true`",
                            code.code.value
                        ));
                    }
                    self.cx.push(d);
                }
                Some(field) if !field.required && !is_unknown(&field.ty.value) => self.error(
                    template.location,
                    format!(
                        "message template of `{}` names `{{{placeholder}}}`, which is optional; a template may only use required fields",
                        code.code.value
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    fn example(&mut self, code: &ErrorCode, example: &Example) {
        let owner = format!("codes.{}.example", code.code.value);
        for field in &code.fields {
            if field.required
                && !is_unknown(&field.ty.value)
                && example.value(&field.name.value).is_none()
            {
                self.error(
                    example.location,
                    format!(
                        "`{owner}` is missing the required field `{}` ({})",
                        field.name.value, field.ty.value
                    ),
                );
            }
        }
        for (key, value) in &example.fields {
            match code.field(&key.value) {
                Some(field) => self.value(
                    &field.ty.value,
                    value,
                    key.location,
                    &format!("{owner}.{}", key.value),
                ),
                None => {
                    let declared: Vec<&str> =
                        code.fields.iter().map(|f| f.name.value.as_str()).collect();
                    let d = Diagnostic::new(
                        Some(key.location),
                        format!(
                            "`{owner}` sets `{}`, which `codes.{}` does not declare; declared fields: {}",
                            key.value,
                            code.code.value,
                            if declared.is_empty() {
                                "none".to_owned()
                            } else {
                                declared.join(", ")
                            }
                        ),
                    );
                    self.cx
                        .push(suggest::with_closest(d, &key.value, &declared));
                }
            }
        }
        if let (Some(prefix), Some(request_id)) =
            (&self.catalog.request_id_prefix, &example.request_id)
            && !request_id.value.starts_with(prefix.as_str())
        {
            self.error(
                request_id.location,
                format!(
                    "`{owner}.request_id` `{}` does not start with the catalog's request_id_prefix `{prefix}`",
                    request_id.value
                ),
            );
        }
    }

    /// Checks that example `value` has JSON type `ty`.
    fn value(&mut self, ty: &FieldType, value: &serde_json::Value, at: Location, path: &str) {
        use serde_json::Value as J;
        if is_unknown(ty)
            || ty
                .named()
                .is_some_and(|name| self.catalog.object_type(name).is_none())
        {
            // The type is not known (already reported): nothing to check against.
            return;
        }
        let fits = match (ty, value) {
            (FieldType::String, J::String(_))
            | (FieldType::Boolean, J::Bool(_))
            | (FieldType::Object, J::Object(_)) => true,
            (FieldType::Integer, J::Number(n)) => n.is_i64(),
            (FieldType::Number, J::Number(_)) => true,
            (FieldType::List(item), J::Array(items)) => {
                for (i, element) in items.iter().enumerate() {
                    self.value(item, element, at, &format!("{path}[{i}]"));
                }
                true
            }
            (FieldType::Named(name), J::Object(members)) => {
                if let Some(object) = self.catalog.object_type(name) {
                    for field in &object.fields {
                        if field.required && !members.contains_key(&field.name.value) {
                            self.error(
                                at,
                                format!(
                                    "`{path}` is missing the required member `{}` of type `{name}`",
                                    field.name.value
                                ),
                            );
                        }
                    }
                    for (key, member) in members {
                        match object.fields.iter().find(|f| &f.name.value == key) {
                            Some(field) => {
                                self.value(&field.ty.value, member, at, &format!("{path}.{key}"))
                            }
                            None => self.error(
                                at,
                                format!(
                                    "`{path}` sets `{key}`, which type `{name}` does not declare"
                                ),
                            ),
                        }
                    }
                }
                true
            }
            _ => false,
        };
        if !fits {
            self.error(
                at,
                format!(
                    "`{path}` is {}, but the field's type is {ty}",
                    json_kind(value)
                ),
            );
        }
    }
}

fn json_kind(value: &serde_json::Value) -> String {
    use serde_json::Value as J;
    match value {
        J::Null => "null".into(),
        J::Bool(b) => format!("the boolean {b}"),
        J::Number(n) => format!("the number {n}"),
        J::String(s) => format!("the string {s:?}"),
        J::Array(_) => "an array".into(),
        J::Object(_) => "a table".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_shapes() {
        assert!(is_snake_case("rate_limit_exceeded"));
        assert!(is_snake_case("v2_error"));
        assert!(!is_snake_case("RateLimit"));
        assert!(!is_snake_case("2fa_required"));
        assert!(!is_snake_case("double__underscore"));
        assert!(!is_snake_case(""));
        assert!(is_upper_camel_case("AmpError"));
        assert!(!is_upper_camel_case("amp_error"));
        assert_eq!(identifier_key("rate_limit"), identifier_key("ratelimit"));
    }
}
