//! The rules of catalog-wide settings (`[catalog]`) and named types (`[types]`).

use amp_errors_catalog::{Catalog, DEFAULT_FALLBACK, Located, ObjectType};

use super::fields::{Owner, fields};
use super::{Change, Kind};

/// Changes of `[catalog]`: names, exhaustiveness, links, categories.
pub(super) fn settings(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    if old.name.value != new.name.value {
        out.push(
            Change::new(
                Kind::Breaking,
                "catalog-name-changed",
                "generated type name changed",
            )
            .values(Some(old.name.value.clone()), Some(new.name.value.clone()))
            .at(new.name.location),
        );
    }
    let fallback = |c: &Catalog| {
        c.fallback_variant
            .as_ref()
            .map_or(DEFAULT_FALLBACK.to_owned(), |f| f.value.clone())
    };
    if fallback(old) != fallback(new) {
        let mut change = Change::new(
            Kind::Breaking,
            "fallback-variant-changed",
            "fallback variant renamed",
        )
        .values(Some(fallback(old)), Some(fallback(new)));
        change.location = new.fallback_variant.as_ref().map(|f| f.location);
        out.push(change);
    }
    if old.non_exhaustive != new.non_exhaustive {
        let (kind, rule, message) = if new.non_exhaustive {
            (
                Kind::Breaking,
                "made-non-exhaustive",
                "generated enums made #[non_exhaustive]: exhaustive matches need a wildcard arm",
            )
        } else {
            (
                Kind::Compatible,
                "made-exhaustive",
                "generated enums made exhaustive: wildcard arms become unreachable",
            )
        };
        out.push(Change::new(kind, rule, message).values(
            Some(format!("non_exhaustive = {}", old.non_exhaustive)),
            Some(format!("non_exhaustive = {}", new.non_exhaustive)),
        ));
    }
    if old.doc_base_url != new.doc_base_url {
        out.push(
            Change::new(
                Kind::Compatible,
                "doc-base-url-changed",
                "doc base URL changed",
            )
            .values(
                Some(old.doc_base_url.clone()),
                Some(new.doc_base_url.clone()),
            ),
        );
    }
    if old.request_id_prefix != new.request_id_prefix {
        out.push(
            Change::new(
                Kind::Compatible,
                "request-id-prefix-changed",
                "request id prefix changed",
            )
            .values(old.request_id_prefix.clone(), new.request_id_prefix.clone()),
        );
    }
    categories(old, new, out);
}

/// Categories removed or added: the generated category enum is exhaustive.
fn categories(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let listed = |c: &Catalog, name: &str| c.categories.iter().any(|x| x.value == name);
    for category in old.categories.iter().filter(|c| !listed(new, &c.value)) {
        out.push(
            Change::new(Kind::Breaking, "category-removed", "category removed")
                .values(Some(category.value.clone()), None),
        );
    }
    for category in new.categories.iter().filter(|c| !listed(old, &c.value)) {
        out.push(
            Change::new(
                Kind::Breaking,
                "category-added",
                "category added (the generated category enum is exhaustive)",
            )
            .values(None, Some(category.value.clone()))
            .at(category.location),
        );
    }
}

/// Changes of `[types]`: types removed, added or turned into another kind;
/// enum values removed or added; object members by the field rules.
pub(super) fn types(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    for before in &old.types {
        let name = &before.name.value;
        let Some(after) = new.object_type(name) else {
            out.push(
                Change::new(Kind::Breaking, "type-removed", "type removed")
                    .ty(name)
                    .values(Some(kind_of(before).to_owned()), None),
            );
            continue;
        };
        match (&before.values, &after.values) {
            (Some(old_values), Some(new_values)) => {
                enum_values(name, old_values, new_values, after, out);
            }
            (None, None) => {
                let owner = Owner {
                    code: None,
                    ty: Some(name),
                    location: after.name.location,
                };
                fields(&owner, &before.fields, &after.fields, out);
            }
            _ => out.push(
                Change::new(
                    Kind::Breaking,
                    "type-kind-changed",
                    "type changed from object to enum, or back",
                )
                .ty(name)
                .values(
                    Some(kind_of(before).to_owned()),
                    Some(kind_of(after).to_owned()),
                )
                .at(after.name.location),
            ),
        }
    }
    for after in &new.types {
        let name = &after.name.value;
        if old.object_type(name).is_none() {
            out.push(
                Change::new(Kind::Compatible, "type-added", "type added")
                    .ty(name)
                    .values(None, Some(kind_of(after).to_owned()))
                    .at(after.name.location),
            );
        }
    }
}

/// Values removed from or added to the string enum `name`.
fn enum_values(
    name: &str,
    old: &[Located<String>],
    new: &[Located<String>],
    after: &ObjectType,
    out: &mut Vec<Change>,
) {
    for value in old
        .iter()
        .filter(|v| !new.iter().any(|n| n.value == v.value))
    {
        out.push(
            Change::new(Kind::Breaking, "enum-value-removed", "enum value removed")
                .ty(name)
                .values(Some(value.value.clone()), None)
                .at(after.name.location),
        );
    }
    for value in new
        .iter()
        .filter(|v| !old.iter().any(|o| o.value == v.value))
    {
        out.push(
            Change::new(Kind::Compatible, "enum-value-added", "enum value added")
                .ty(name)
                .values(None, Some(value.value.clone()))
                .at(value.location),
        );
    }
}

/// `object` or `enum`.
fn kind_of(ty: &ObjectType) -> &'static str {
    if ty.is_enum() { "enum" } else { "object" }
}
