//! The rules of fields, for a code's fields and an object type's members alike.

use std::cmp::Ordering;

use amp_errors_catalog::{Field, Location};

use super::{Change, Kind};

/// What the fields belong to: a code or a named type, and where it stands in
/// the new catalog (the location of a removed field).
pub(super) struct Owner<'a> {
    /// The code, for a code's fields.
    pub(super) code: Option<&'a str>,
    /// The named type, for an object type's members.
    pub(super) ty: Option<&'a str>,
    /// The owner's location in the new catalog.
    pub(super) location: Location,
}

impl Owner<'_> {
    /// A change of `rule` to `field` of this owner.
    fn change(&self, kind: Kind, rule: &'static str, field: &str, message: String) -> Change {
        let mut change = Change::new(kind, rule, message)
            .field(field)
            .at(self.location);
        change.code = self.code.map(str::to_owned);
        change.ty = self.ty.map(str::to_owned);
        change
    }

    /// `field` of this owner, in words: "field `x`" or "member `x`".
    fn name(&self, field: &str) -> String {
        match self.ty {
            Some(_) => format!("member `{field}`"),
            None => format!("field `{field}`"),
        }
    }
}

/// The changes from the `old` fields of `owner` to the `new` ones.
pub(super) fn fields(owner: &Owner<'_>, old: &[Field], new: &[Field], out: &mut Vec<Change>) {
    for before in old {
        let name = &before.name.value;
        match new.iter().find(|f| &f.name.value == name) {
            Some(after) => field(owner, before, after, out),
            None => out.push(
                owner
                    .change(
                        Kind::Breaking,
                        "field-removed",
                        name,
                        format!("{} removed", owner.name(name)),
                    )
                    .values(Some(before.ty.value.to_string()), None),
            ),
        }
    }
    for after in new {
        let name = &after.name.value;
        if old.iter().any(|f| &f.name.value == name) {
            continue;
        }
        let (kind, rule, what) = if after.required {
            (Kind::Breaking, "required-field-added", "required")
        } else {
            (Kind::Compatible, "field-added", "optional")
        };
        out.push(
            owner
                .change(
                    kind,
                    rule,
                    name,
                    format!("{what} {} added", owner.name(name)),
                )
                .values(None, Some(after.ty.value.to_string()))
                .at(after.name.location),
        );
    }
}

/// The changes of one field present in both versions.
fn field(owner: &Owner<'_>, before: &Field, after: &Field, out: &mut Vec<Change>) {
    let name = &after.name.value;
    let what = owner.name(name);
    if before.ty.value != after.ty.value {
        out.push(
            owner
                .change(
                    Kind::Breaking,
                    "field-type-changed",
                    name,
                    format!("type of {what} changed"),
                )
                .values(
                    Some(before.ty.value.to_string()),
                    Some(after.ty.value.to_string()),
                )
                .at(after.ty.location),
        );
    } else {
        bounds(owner, before, after, out);
    }
    if before.required != after.required {
        let (rule, message) = if after.required {
            ("field-made-required", format!("{what} made required"))
        } else {
            ("field-made-optional", format!("{what} made optional"))
        };
        out.push(
            owner
                .change(Kind::Breaking, rule, name, message)
                .values(Some(requiredness(before)), Some(requiredness(after)))
                .at(after.name.location),
        );
    }
    if before.sensitive != after.sensitive {
        let message = if after.sensitive {
            format!("{what} marked sensitive")
        } else {
            format!("{what} no longer sensitive")
        };
        out.push(
            owner
                .change(Kind::Compatible, "field-sensitivity-changed", name, message)
                .values(
                    Some(before.sensitive.to_string()),
                    Some(after.sensitive.to_string()),
                )
                .at(after.name.location),
        );
    }
}

/// `required` or `optional`.
fn requiredness(field: &Field) -> String {
    if field.required {
        "required"
    } else {
        "optional"
    }
    .to_owned()
}

/// Bounds narrowed (a minimum raised or added, a maximum lowered or added)
/// or widened.
fn bounds(owner: &Owner<'_>, before: &Field, after: &Field, out: &mut Vec<Change>) {
    let value = |b: &Option<amp_errors_catalog::Located<i64>>| b.as_ref().map(|b| b.value);
    // How the allowed range changed at each end: Greater = narrowed.
    let low = match (value(&before.minimum), value(&after.minimum)) {
        (old, new) if old == new => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(old), Some(new)) => new.cmp(&old),
        (None, None) => Ordering::Equal,
    };
    let high = match (value(&before.maximum), value(&after.maximum)) {
        (old, new) if old == new => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(old), Some(new)) => old.cmp(&new),
        (None, None) => Ordering::Equal,
    };
    if low == Ordering::Equal && high == Ordering::Equal {
        return;
    }
    let name = &after.name.value;
    let what = owner.name(name);
    let (kind, rule, message) = if low == Ordering::Greater || high == Ordering::Greater {
        (
            Kind::Breaking,
            "bounds-narrowed",
            format!("bounds of {what} narrowed"),
        )
    } else if before.is_unsigned() && !after.is_unsigned() {
        (
            Kind::Breaking,
            "field-made-signed",
            format!("bounds of {what} widened below 0: its Rust type changes from u64 to i64"),
        )
    } else {
        (
            Kind::Compatible,
            "bounds-widened",
            format!("bounds of {what} widened"),
        )
    };
    let location = after
        .minimum
        .as_ref()
        .or(after.maximum.as_ref())
        .map_or(after.name.location, |b| b.location);
    out.push(
        owner
            .change(kind, rule, name, message)
            .values(Some(bounds_text(before)), Some(bounds_text(after)))
            .at(location),
    );
}

/// The bounds of `field` as text: `>= 0`, `<= 10`, `0..=10`, `none`.
fn bounds_text(field: &Field) -> String {
    match (&field.minimum, &field.maximum) {
        (Some(min), Some(max)) => format!("{}..={}", min.value, max.value),
        (Some(min), None) => format!(">= {}", min.value),
        (None, Some(max)) => format!("<= {}", max.value),
        (None, None) => "none".to_owned(),
    }
}
