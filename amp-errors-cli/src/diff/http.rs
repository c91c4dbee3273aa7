//! The rules of `[http]`: which code answers each failure the HTTP layer
//! detects.

use amp_errors_catalog::{Catalog, HttpFailure};

use super::{Change, Kind};

/// Changes of `[http]`: the same request (a body that is not JSON, an
/// unknown route) answered with another code, or no longer by the catalog.
pub(super) fn http(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    for failure in HttpFailure::ALL {
        let answer = |c: &Catalog| c.http.iter().find(|a| a.failure.value == failure).cloned();
        let (before, after) = (answer(old), answer(new));
        let key = failure.key();
        let change = match (&before, &after) {
            (Some(b), Some(a)) if b.code.value != a.code.value => Change::new(
                Kind::Breaking,
                "http-answer-changed",
                format!("http.{key}: answered by another code (clients match on status and code)"),
            ),
            (Some(_), None) => Change::new(
                Kind::Breaking,
                "http-answer-removed",
                format!(
                    "http.{key}: no longer answered by a catalog code (it becomes `{key}` with its own status)"
                ),
            ),
            (None, Some(_)) => Change::new(
                Kind::Compatible,
                "http-answer-added",
                format!("http.{key}: answered by a catalog code"),
            ),
            _ => continue,
        };
        let mut change = change.values(
            before.as_ref().map(|b| b.code.value.clone()),
            after.as_ref().map(|a| a.code.value.clone()),
        );
        change.location = after.as_ref().map(|a| a.code.location);
        out.push(change);
    }
}
