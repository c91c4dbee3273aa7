//! The lint rules, one function each (see the table in [`super`]).

use amp_errors_catalog::{Catalog, Diagnostic, ErrorCode, Field, Location};

use super::Finding;

/// Every finding of the rules on the valid `catalog` whose text is `text`, in file order.
pub(super) fn lint(text: &str, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    for code in &catalog.codes {
        code_docs(text, code, &mut out);
        resolution(text, code, &mut out);
        example(code, &mut out);
        field_descriptions(&code.fields, Some(code), None, &mut out);
        placeholders(code, &mut out);
        deprecated(text, catalog, code, &mut out);
    }
    duplicate_messages(catalog, &mut out);
    for ty in &catalog.types {
        if ty.description.trim().is_empty() {
            out.push(Finding {
                rule: "missing-type-description",
                code: None,
                ty: Some(ty.name.value.clone()),
                field: None,
                diagnostic: Diagnostic::new(
                    Some(ty.name.location),
                    format!("type `{}` has no description", ty.name.value),
                )
                .with_help("add `description = \"...\"`: what one value of the type represents"),
            });
        }
        field_descriptions(&ty.fields, None, Some(&ty.name.value), &mut out);
    }
    // A stable sort: findings at one place keep the order of the rules.
    out.sort_by_key(|f| f.diagnostic.location);
    out
}

/// A finding about `code`.
fn about(code: &ErrorCode, rule: &'static str, diagnostic: Diagnostic) -> Finding {
    Finding {
        rule,
        code: Some(code.code.value.clone()),
        ty: None,
        field: None,
        diagnostic,
    }
}

/// Where `key = …` stands in the table of `code`, when the code is written as
/// a `[codes.x]` table with the key among its first lines; else the code's name.
fn key_location(text: &str, code: &ErrorCode, key: &str) -> Location {
    let first = code.code.location.line;
    text.lines()
        .enumerate()
        .skip(first)
        .take_while(|(_, line)| !line.trim_start().starts_with('['))
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start().starts_with('=').then(|| Location {
                line: i + 1,
                column: line[..line.len() - trimmed.len()].chars().count() + 1,
            })
        })
        .unwrap_or(code.code.location)
}

/// `missing-description`, `missing-cause`: the docs every code needs.
fn code_docs(text: &str, code: &ErrorCode, out: &mut Vec<Finding>) {
    let name = &code.code.value;
    let docs = [
        (
            "missing-description",
            "description",
            &code.description,
            "a one-paragraph summary of what the error means",
        ),
        (
            "missing-cause",
            "cause",
            &code.cause,
            "why the error happens, as the API docs state it",
        ),
    ];
    for (rule, key, value, what) in docs {
        if !value.trim().is_empty() {
            continue;
        }
        let diagnostic = Diagnostic::new(
            Some(key_location(text, code, key)),
            format!("code `{name}` has no {key}"),
        )
        .with_help(format!("add `{key} = \"...\"`: {what}"));
        out.push(about(code, rule, diagnostic));
    }
}

/// `missing-resolution`: at least one step, and no empty step.
fn resolution(text: &str, code: &ErrorCode, out: &mut Vec<Finding>) {
    let name = &code.code.value;
    let message = if code.resolution.is_empty() {
        format!("code `{name}` has no resolution steps")
    } else if let Some(i) = code.resolution.iter().position(|s| s.trim().is_empty()) {
        format!("resolution step {} of code `{name}` is empty", i + 1)
    } else {
        return;
    };
    let diagnostic = Diagnostic::new(Some(key_location(text, code, "resolution")), message)
        .with_help("list the steps that resolve the error, in order: `resolution = [\"...\"]`");
    out.push(about(code, "missing-resolution", diagnostic));
}

/// `missing-example`: every code shows one instance.
fn example(code: &ErrorCode, out: &mut Vec<Finding>) {
    if code.example.is_some() {
        return;
    }
    let name = &code.code.value;
    let diagnostic = Diagnostic::new(
        Some(code.code.location),
        format!("code `{name}` has no example"),
    )
    .with_help(format!(
        "add a `[codes.{name}.example]` table: one realistic instance, with every required field"
    ));
    out.push(about(code, "missing-example", diagnostic));
}

/// `missing-field-description`: the fields of `code`, or the members of the type `ty`.
fn field_descriptions(
    fields: &[Field],
    code: Option<&ErrorCode>,
    ty: Option<&str>,
    out: &mut Vec<Finding>,
) {
    for field in fields.iter().filter(|f| f.description.trim().is_empty()) {
        let name = &field.name.value;
        let message = match (code, ty) {
            (Some(code), _) => format!(
                "field `{name}` of code `{}` has no description",
                code.code.value
            ),
            (None, Some(ty)) => format!("member `{name}` of type `{ty}` has no description"),
            (None, None) => format!("field `{name}` has no description"),
        };
        out.push(Finding {
            rule: "missing-field-description",
            code: code.map(|c| c.code.value.clone()),
            ty: ty.map(str::to_owned),
            field: Some(name.clone()),
            diagnostic: Diagnostic::new(Some(field.name.location), message)
                .with_help("add `description = \"...\"` to its definition: what the value means"),
        });
    }
}

/// `placeholder-not-field`, `optional-placeholder`: a template names only
/// fields that every instance has. (Validation already rejects placeholders
/// that name neither a declared field nor `param`.)
fn placeholders(code: &ErrorCode, out: &mut Vec<Finding>) {
    let template = &code.message.value;
    let name = &code.code.value;
    for placeholder in template.fields() {
        let required = code.field(placeholder).is_some_and(|f| f.required);
        if required {
            continue;
        }
        let without = template.render(|n| (n != placeholder).then(|| format!("{{{n}}}")));
        let (rule, message, field) = if placeholder == "param" && code.field("param").is_none() {
            (
                "placeholder-not-field",
                format!(
                    "message template of `{name}` names `{{param}}`, the common member, not a field of the code"
                ),
                None,
            )
        } else {
            (
                "optional-placeholder",
                format!(
                    "message template of `{name}` names the optional field `{{{placeholder}}}`"
                ),
                Some(placeholder.to_owned()),
            )
        };
        let diagnostic = Diagnostic::new(Some(code.message.location), message).with_help(format!(
            "an instance without `{placeholder}` reads \"{without}\"; declare a required field for the value, or leave it out of the template"
        ));
        out.push(Finding {
            field,
            ..about(code, rule, diagnostic)
        });
    }
}

/// `duplicate-message`: two codes with one template read the same to a
/// person who sees only the message.
fn duplicate_messages(catalog: &Catalog, out: &mut Vec<Finding>) {
    for (i, code) in catalog.codes.iter().enumerate() {
        let source = &code.message.value.source;
        let Some(first) = catalog.codes[..i]
            .iter()
            .find(|c| c.message.value.source.trim() == source.trim())
        else {
            continue;
        };
        let diagnostic = Diagnostic::new(
            Some(code.message.location),
            format!(
                "codes `{}` and `{}` have the same message template",
                first.code.value, code.code.value
            ),
        )
        .with_help(format!(
            "`{}` (line {}) says the same; word each code's message for its own case",
            first.code.value, first.message.location.line
        ));
        out.push(about(code, "duplicate-message", diagnostic));
    }
}

/// `deprecated-without-replacement`: a deprecated code says which code to use
/// instead, naming another code of the catalog (in backticks or plainly).
fn deprecated(text: &str, catalog: &Catalog, code: &ErrorCode, out: &mut Vec<Finding>) {
    let Some(note) = &code.deprecated else {
        return;
    };
    let name = &code.code.value;
    let names_a_code = note
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|word| word != name && catalog.codes.iter().any(|c| c.code.value == word));
    if names_a_code {
        return;
    }
    let diagnostic = Diagnostic::new(
        Some(key_location(text, code, "deprecated")),
        format!("deprecation note of `{name}` names no other code of the catalog to use instead"),
    )
    .with_help("name the code to use instead in the note, such as \"use `new_code` instead\"");
    out.push(about(code, "deprecated-without-replacement", diagnostic));
}
