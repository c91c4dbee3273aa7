//! TOML text to the [`Catalog`] model, recording every problem of shape on the way:
//! syntax, unknown keys (with "did you mean"), missing keys, values of the wrong type.
//!
//! The TOML tree is walked by hand, so that every problem is located and
//! reading goes on after one. One concern a file:
//! - `syntax`: TOML syntax errors, and what a duplicate key is about;
//! - `table`: opening a table and checking its keys, missing and ill-typed keys;
//! - `leaf`: the one typed reader of leaf values (strings, booleans, arrays, statuses);
//! - `catalog`, `types`, `codes`, `fields`, `example`: the walkers of each kind of table.
//!
//! Checks that relate one part of the catalog to another (categories, template
//! placeholders, examples, name clashes) are [`crate::validate`]'s.

mod catalog;
mod codes;
mod example;
mod fields;
mod leaf;
mod syntax;
mod table;
mod types;

use std::ops::Range;

use crate::diagnostic::{Diagnostics, LineIndex, Location};
use crate::model::{Catalog, Located};

/// What parsing produces: the catalog model, and what the text says that the
/// model does not keep but [`crate::validate`] judges.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The catalog, with placeholders where a value was missing or ill-typed.
    pub catalog: Catalog,
    /// Every integer `codes.x.status`, as written, in catalog order. The model
    /// keeps a status only when a `u16` holds it; validation judges the range
    /// and names the status as the catalog spells it.
    pub statuses: Vec<Located<WrittenStatus>>,
    /// Where the `[catalog]` table sets `categories` (whatever its type).
    pub categories_at: Option<Location>,
}

/// An integer `status` as the catalog writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenStatus {
    /// Its spelling, for messages: `404`, `+302`, `0x1F4`.
    pub spelling: String,
    /// Its value, when a 64-bit integer holds it.
    pub number: Option<i64>,
}

/// Parses catalog `text`, recording problems in `cx`.
///
/// Returns `None` when the text is not valid TOML (its syntax errors are in
/// `cx`); otherwise a model of whatever parsed, with placeholders where a
/// required value was missing or ill-typed (and a problem recorded for it).
pub fn parse(text: &str, cx: &mut Diagnostics) -> Option<Parsed> {
    let index = LineIndex::new(text);
    let root = syntax::root_table(text, &index, cx)?;
    let mut parser = Parser {
        index,
        cx,
        typos: Vec::new(),
        statuses: Vec::new(),
        categories_at: None,
    };
    let catalog = parser.catalog(&root);
    parser.report_remaining_typos();
    Some(Parsed {
        catalog,
        statuses: parser.statuses,
        categories_at: parser.categories_at,
    })
}

/// The walk of one catalog: where things are, and the problems found so far.
struct Parser<'a> {
    index: LineIndex<'a>,
    cx: &'a mut Diagnostics,
    /// Unknown keys that look like a misspelling of a key their table lacks:
    /// reported together with that key when it is required (one problem, not
    /// two), on their own otherwise.
    typos: Vec<table::Typo>,
    /// Every integer status read, for [`Parsed::statuses`].
    statuses: Vec<Located<WrittenStatus>>,
    /// For [`Parsed::categories_at`].
    categories_at: Option<Location>,
}

impl Parser<'_> {
    /// Where `span` starts.
    fn location(&self, span: &Range<usize>) -> Location {
        self.index.span_start(span)
    }

    /// Records a problem at the start of `span`.
    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let location = self.location(span);
        self.cx.error(Some(location), message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let mut cx = Diagnostics::new();
        parse(text, &mut cx);
        cx.finish().iter().map(|d| d.render("c.toml")).collect()
    }

    #[test]
    fn syntax_errors_are_located() {
        let found = problems("[catalog]\nname = \n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("c.toml:2:"), "{found:?}");
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let found = problems(
            "[catalog]\nname = \"E\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n\n[codes.x]\nstatus = 400\ncategory = \"A\"\nretriable = true\nmessage = \"m\"\ndescription = \"d\"\ncause = \"c\"\nresolution = []\nexample = {}\n",
        );
        assert!(
            found.iter().any(
                |p| p.starts_with("c.toml:9:1: unknown key `codes.x.retriable`")
                    && p.contains("did you mean `retryable`?")
            ),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("missing required key `codes.x.retryable`")),
            "{found:?}"
        );
    }

    #[test]
    fn example_tables_keep_the_order_written() {
        let mut cx = Diagnostics::new();
        let parsed = parse(
            "[catalog]\nname = \"E\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n\n[codes.x]\nstatus = 400\ncategory = \"A\"\nretryable = false\nmessage = \"m\"\ndescription = \"d\"\ncause = \"c\"\nresolution = [\"r\"]\nfields = { extra = { type = \"object\", description = \"d\" } }\nexample = { extra = { zeta = 1, alpha = [2.5, \"\\u00e9\"], mid = { b = true, a = false } } }\n",
            &mut cx,
        );
        let found: Vec<String> = cx.finish().iter().map(|d| d.render("c.toml")).collect();
        assert!(found.is_empty(), "{found:?}");
        let catalog = parsed.unwrap().catalog;
        let example = catalog.codes[0].example.as_ref().unwrap();
        assert_eq!(
            example.value("extra").unwrap().to_json(),
            r#"{"zeta":1,"alpha":[2.5,"é"],"mid":{"b":true,"a":false}}"#
        );
    }
}
