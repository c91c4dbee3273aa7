//! The page's anchors: a code's section takes the fragment of its `doc_url`,
//! a section the GitHub slug of its heading, each id used once.

use std::collections::HashSet;

use super::inline::percent_decode;

/// Section headings; their GitHub-style slugs are the sections' anchors.
pub const HEADINGS: Headings = Headings {
    statuses: "HTTP status codes",
    format: "Error response format",
    codes: "Error codes",
    types: "Named types",
    headers: "Response headers",
    retry: "Retrying errors",
};

/// The headings of the page's sections.
#[derive(Debug, Clone, Copy)]
pub struct Headings {
    /// The status table.
    pub statuses: &'static str,
    /// The envelope.
    pub format: &'static str,
    /// The codes, by category.
    pub codes: &'static str,
    /// The named types.
    pub types: &'static str,
    /// The response headers.
    pub headers: &'static str,
    /// The retry guidance.
    pub retry: &'static str,
}

/// The anchors of the fixed sections (slugs of [`HEADINGS`], unless a
/// code's `doc_url` took one first).
#[derive(Debug, Clone, Default)]
pub struct SectionAnchors {
    /// The status table.
    pub statuses: String,
    /// The envelope.
    pub format: String,
    /// The codes.
    pub codes: String,
    /// The named types.
    pub types: String,
    /// The response headers.
    pub headers: String,
    /// The retry guidance.
    pub retry: String,
}

/// The heading of a category's section.
pub fn category_heading(category: &str) -> String {
    format!("{category} errors")
}

/// The heading of a named type's section.
pub fn type_heading(name: &str) -> String {
    format!("Type {name}")
}

/// GitHub's heading anchor: lowercase, punctuation but `-` and `_` dropped,
/// spaces as `-`.
pub fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The page's ids, each used once.
#[derive(Default)]
pub struct Anchors {
    used: HashSet<String>,
}

impl Anchors {
    /// A code's id: the fragment of its documentation link, else the code.
    pub fn code(&mut self, doc_url: &str, code: &str) -> String {
        let fragment = doc_url.split_once('#').map(|(_, f)| percent_decode(f));
        match fragment {
            Some(f) if !f.is_empty() && !self.used.contains(&f) => self.take(f),
            _ => self.take(code.to_owned()),
        }
    }

    /// A section's id: the slug of its heading.
    pub fn section(&mut self, heading: &str) -> String {
        self.take(slug(heading))
    }

    /// `wanted`, or `wanted-1`, `wanted-2`… when taken (GitHub's rule).
    pub fn take(&mut self, wanted: String) -> String {
        let mut candidate = wanted.clone();
        let mut n = 0;
        while self.used.contains(&candidate) {
            n += 1;
            candidate = format!("{wanted}-{n}");
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_anchors() {
        assert_eq!(slug("Rate Limiting errors"), "rate-limiting-errors");
        assert_eq!(slug("`rate_limit_exceeded`"), "rate_limit_exceeded");
        let mut anchors = Anchors::default();
        assert_eq!(anchors.code("https://d.test/e#a%20b", "x"), "a b");
        assert_eq!(anchors.code("https://d.test/e#a%20b", "y"), "y");
        assert_eq!(anchors.code("https://d.test/e", "z"), "z");
        assert_eq!(anchors.section("Z"), "z-1");
    }
}
