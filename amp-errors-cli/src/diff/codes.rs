//! The rules of codes: removed, renamed, retired, reused, added; and the
//! changes of a code present in both versions.

use amp_errors_catalog::{Catalog, ErrorCode, Retryability};

use super::fields::{Owner, fields};
use super::{Change, Kind};

/// Every change of `[codes]` and `catalog.retired`.
pub(super) fn codes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let has = |c: &Catalog, name: &str| c.codes.iter().any(|x| x.code.value == name);
    let added: Vec<&ErrorCode> = new
        .codes
        .iter()
        .filter(|c| !has(old, &c.code.value))
        .collect();
    let mut renamed_to: Vec<&str> = Vec::new();
    for before in old.codes.iter().filter(|c| !has(new, &c.code.value)) {
        let name = &before.code.value;
        if let Some(retired) = new.retired.iter().find(|r| &r.code.value == name) {
            let warned = if before.deprecated.is_some() {
                "after its deprecation"
            } else {
                "without being deprecated first: Rust code matching it stops compiling"
            };
            out.push(
                Change::new(
                    Kind::Compatible,
                    "code-retired",
                    format!("code retired {warned}"),
                )
                .code(name)
                .values(None, retired.note.clone())
                .at(retired.code.location),
            );
            continue;
        }
        let rename = added
            .iter()
            .find(|a| !renamed_to.contains(&a.code.value.as_str()) && same_shape(before, a));
        match rename {
            Some(after) => {
                renamed_to.push(&after.code.value);
                out.push(
                    Change::new(
                        Kind::Breaking,
                        "code-renamed",
                        "code removed, and one added with the same status, category and fields: likely a rename",
                    )
                    .code(&after.code.value)
                    .values(Some(name.clone()), Some(after.code.value.clone()))
                    .at(after.code.location),
                );
            }
            None => out.push(
                Change::new(Kind::Breaking, "code-removed", "code removed (not retired)")
                    .code(name)
                    .values(Some(summary(before)), None),
            ),
        }
    }
    retired(old, new, out);
    for after in added {
        let name = &after.code.value;
        let reused = old.retired.iter().any(|r| &r.code.value == name);
        if reused || renamed_to.contains(&name.as_str()) {
            continue;
        }
        let (kind, message) = if new.non_exhaustive {
            (Kind::Compatible, "code added")
        } else {
            (
                Kind::Breaking,
                "code added to an exhaustive catalog (non_exhaustive = false), every match on the enum needs its arm",
            )
        };
        out.push(
            Change::new(kind, "code-added", message)
                .code(name)
                .values(None, Some(summary(after)))
                .at(after.code.location),
        );
    }
    for after in &new.codes {
        if let Some(before) = old.codes.iter().find(|c| c.code.value == after.code.value) {
            code(old, new, before, after, out);
        }
    }
}

/// A code's status and category, as text: `status 429, category Limits`.
fn summary(code: &ErrorCode) -> String {
    let category = code.category.as_ref().map_or("", |c| c.value.as_str());
    format!("status {}, category {category}", code.status.value)
}

/// Changes of `catalog.retired` that are not codes removed: a retired code
/// reused, an entry withdrawn, a name retired that was no code.
fn retired(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    for entry in &old.retired {
        let name = &entry.code.value;
        if let Some(reused) = new.codes.iter().find(|c| &c.code.value == name) {
            out.push(
                Change::new(
                    Kind::Breaking,
                    "retired-code-reused",
                    "retired code brought back",
                )
                .code(name)
                .values(entry.note.clone(), Some(summary(reused)))
                .at(reused.code.location),
            );
        } else if !new.retired.iter().any(|r| &r.code.value == name) {
            out.push(
                Change::new(
                    Kind::Breaking,
                    "retirement-withdrawn",
                    "code dropped from catalog.retired: it may be reused with another meaning",
                )
                .code(name)
                .values(entry.note.clone(), None),
            );
        }
    }
    let known = |name: &str| {
        old.codes.iter().any(|c| c.code.value == name)
            || old.retired.iter().any(|r| r.code.value == name)
    };
    for entry in new.retired.iter().filter(|r| !known(&r.code.value)) {
        out.push(
            Change::new(
                Kind::Compatible,
                "code-retired",
                "code retired (it was not a code of the old catalog)",
            )
            .code(&entry.code.value)
            .values(None, entry.note.clone())
            .at(entry.code.location),
        );
    }
}

/// Whether `a` and `b` have the same status, category and fields (names,
/// types, requiredness): a removed and an added code alike are a likely rename.
fn same_shape(a: &ErrorCode, b: &ErrorCode) -> bool {
    let category = |c: &ErrorCode| c.category.as_ref().map(|c| c.value.clone());
    a.status.value == b.status.value
        && category(a) == category(b)
        && a.fields.len() == b.fields.len()
        && a.fields.iter().all(|f| {
            b.field(&f.name.value)
                .is_some_and(|g| g.ty.value == f.ty.value && g.required == f.required)
        })
}

/// The changes of a code present in both versions.
fn code(
    old: &Catalog,
    new: &Catalog,
    before: &ErrorCode,
    after: &ErrorCode,
    out: &mut Vec<Change>,
) {
    let name = &after.code.value;
    let change = |kind, rule, message: &str| Change::new(kind, rule, message).code(name);
    if before.status.value != after.status.value {
        out.push(
            change(Kind::Breaking, "status-changed", "status changed")
                .values(
                    Some(before.status.value.to_string()),
                    Some(after.status.value.to_string()),
                )
                .at(after.status.location),
        );
    }
    let category = |c: &ErrorCode| c.category.as_ref().map(|c| c.value.clone());
    if category(before) != category(after) {
        let mut c = change(Kind::Breaking, "category-changed", "category changed")
            .values(category(before), category(after));
        c.location = after.category.as_ref().map(|c| c.location);
        out.push(c);
    }
    if retryability(&before.retryable) != retryability(&after.retryable) {
        let location = match &after.retryable {
            Retryability::Field { name, .. } => name.location,
            Retryability::Fixed(_) => after.code.location,
        };
        out.push(
            change(
                Kind::Breaking,
                "retryability-changed",
                "retryability changed",
            )
            .values(
                Some(retryability(&before.retryable)),
                Some(retryability(&after.retryable)),
            )
            .at(location),
        );
    }
    message(before, after, out);
    match (&before.deprecated, &after.deprecated) {
        (None, Some(note)) => out.push(
            change(Kind::Compatible, "code-deprecated", "code deprecated")
                .values(None, Some(note.clone()))
                .at(after.code.location),
        ),
        (Some(note), None) => out.push(
            change(
                Kind::Compatible,
                "code-undeprecated",
                "code no longer deprecated",
            )
            .values(Some(note.clone()), None)
            .at(after.code.location),
        ),
        _ => {}
    }
    if old.code_doc_url(before) != new.code_doc_url(after) && before.doc_url != after.doc_url {
        out.push(
            change(Kind::Compatible, "doc-url-changed", "doc link changed")
                .values(
                    Some(old.code_doc_url(before)),
                    Some(new.code_doc_url(after)),
                )
                .at(after
                    .doc_url
                    .as_ref()
                    .map_or(after.code.location, |u| u.location)),
        );
    }
    headers(before, after, out);
    let owner = Owner {
        code: Some(name),
        ty: None,
        location: after.code.location,
    };
    fields(&owner, &before.fields, &after.fields, out);
}

/// A retryability as text: `true`, `false`, `field `x`, default false`.
fn retryability(retryable: &Retryability) -> String {
    match retryable {
        Retryability::Fixed(fixed) => fixed.to_string(),
        Retryability::Field { name, default } => {
            format!("by field `{}`, default {default}", name.value)
        }
    }
}

/// Placeholders dropped from the template (breaking), or the template reworded.
fn message(before: &ErrorCode, after: &ErrorCode, out: &mut Vec<Change>) {
    let name = &after.code.value;
    let (old, new) = (&before.message.value, &after.message.value);
    let kept = new.fields();
    let dropped: Vec<&str> = old
        .fields()
        .into_iter()
        .filter(|p| !kept.contains(p))
        .collect();
    for placeholder in &dropped {
        out.push(
            Change::new(
                Kind::Breaking,
                "placeholder-dropped",
                format!("placeholder `{{{placeholder}}}` dropped from the message template"),
            )
            .code(name)
            .values(Some(old.source.clone()), Some(new.source.clone()))
            .at(after.message.location),
        );
    }
    if dropped.is_empty() && old.source != new.source {
        out.push(
            Change::new(
                Kind::Compatible,
                "message-changed",
                "message template reworded",
            )
            .code(name)
            .values(Some(old.source.clone()), Some(new.source.clone()))
            .at(after.message.location),
        );
    }
}

/// Response headers removed, refilled from another field, or added.
fn headers(before: &ErrorCode, after: &ErrorCode, out: &mut Vec<Change>) {
    let name = &after.code.value;
    let find = |code: &ErrorCode, header: &str| {
        code.headers
            .iter()
            .find(|(h, _)| h.value.eq_ignore_ascii_case(header))
            .map(|(_, field)| field.clone())
    };
    for (header, field) in &before.headers {
        let change = |kind, rule, message: String| Change::new(kind, rule, message).code(name);
        match find(after, &header.value) {
            None => out.push(
                change(
                    Kind::Breaking,
                    "header-removed",
                    "header removed".to_owned(),
                )
                .values(Some(format!("{} = {}", header.value, field.value)), None)
                .at(after.code.location),
            ),
            Some(now) if now.value != field.value => out.push(
                change(
                    Kind::Breaking,
                    "header-field-changed",
                    format!("header `{}` filled from another field", header.value),
                )
                .values(Some(field.value.clone()), Some(now.value.clone()))
                .at(now.location),
            ),
            Some(_) => {}
        }
    }
    for (header, field) in &after.headers {
        if find(before, &header.value).is_none() {
            out.push(
                Change::new(Kind::Compatible, "header-added", "header added")
                    .code(name)
                    .values(None, Some(format!("{} = {}", header.value, field.value)))
                    .at(header.location),
            );
        }
    }
}
