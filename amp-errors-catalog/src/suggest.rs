//! "Did you mean …?": the one place that picks a likely intended name and words the help.
//!
//! Parsing (unknown keys, field type names) and validation (categories, type
//! names, template placeholders, example fields) suggest the same way.

use crate::diagnostic::Diagnostic;

/// The built-in field type names, for suggestions.
pub(crate) const BUILTIN_TYPES: &[&str] = &["string", "integer", "number", "boolean", "object"];

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The help that proposes `meant`: "did you mean `meant`?".
pub fn did_you_mean(meant: &str) -> String {
    format!("did you mean `{meant}`?")
}

/// `diagnostic` with a "did you mean" help naming the candidate closest to
/// `word`, when one is close enough.
pub(crate) fn with_closest(diagnostic: Diagnostic, word: &str, candidates: &[&str]) -> Diagnostic {
    match closest(word, candidates) {
        Some(best) => diagnostic.with_help(did_you_mean(best)),
        None => diagnostic,
    }
}

/// `list<string>` for `list<strng>`: the type expression with its innermost
/// name replaced by the closest built-in type.
pub(crate) fn builtin_type(written: &str) -> Option<String> {
    let mut inner = written.trim();
    while let Some(rest) = inner
        .strip_prefix("list<")
        .and_then(|t| t.strip_suffix('>'))
    {
        inner = rest.trim();
    }
    let best = closest(inner, BUILTIN_TYPES)?;
    (best != inner).then(|| written.trim().replacen(inner, best, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested_and_far_ones_are_not() {
        assert_eq!(
            closest("retriable", &["retryable", "message"]),
            Some("retryable")
        );
        assert_eq!(closest("zzz", &["retryable", "message"]), None);
        assert_eq!(builtin_type("list<strng>").as_deref(), Some("list<string>"));
        assert_eq!(builtin_type("string"), None);
    }
}
