//! Property tests: `load_str` never panics, whatever the text, and every
//! problem it finds in a text is located (`location: Some(_)`), so that the
//! macro can always print `catalog.toml:line:col`.
//!
//! Two sources of input: arbitrary strings (mostly rejected by the TOML
//! parser), and mutations of AMP's real `catalog.toml` (lines deleted,
//! duplicated, swapped; values replaced by values of other types; keys and
//! random text inserted; truncation), which keep most of the file valid and so
//! reach the catalog checks with every kind of damage.

use amp_errors_catalog::load_str;
use proptest::prelude::*;
use proptest::sample::{Index, select};

const CATALOG: &str = include_str!("../../catalog.toml");

/// Loads `text` and checks the invariants; a panic inside `load_str` fails the property too.
fn check(text: &str) -> Result<(), TestCaseError> {
    match load_str(text) {
        Ok(catalog) => {
            // A catalog that loads has names the generator can use.
            prop_assert!(!catalog.name.value.is_empty());
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty(), "an error with no problem in it");
            for problem in &problems {
                prop_assert!(
                    problem.location.is_some(),
                    "problem without a location: {:?}\n--- text ---\n{}",
                    problem,
                    text
                );
                let Some(loc) = problem.location else {
                    continue;
                };
                let lines = text.split('\n').count();
                prop_assert!(
                    loc.line >= 1 && loc.line <= lines && loc.column >= 1,
                    "location {loc} outside the text ({lines} lines): {problem:?}"
                );
                prop_assert!(
                    !problem.message.trim().is_empty(),
                    "empty message: {problem:?}"
                );
            }
        }
    }
    Ok(())
}

/// Values of every TOML type, and a few that are valid TOML but bad catalog values.
const VALUES: &[&str] = &[
    "42",
    "-1",
    "0",
    "70000",
    "9223372036854775807",
    "0x1F4",
    "3.5",
    "nan",
    "-inf",
    "true",
    "false",
    "\"\"",
    "\"text\"",
    "\"{retry_after}\"",
    "\"{\"",
    "\"}\"",
    "\"{{}}\"",
    "\"{ Bad Name }\"",
    "\"list<FieldViolation>\"",
    "\"list<list<string>>\"",
    "\"list<>\"",
    "\"FieldViolation\"",
    "\"Unknown\"",
    "\"boolean\"",
    "'literal'",
    "\"\"\"multi\nline\"\"\"",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "[]",
    "[1, \"a\", true]",
    "[\"Resource\", \"Resource\"]",
    "[{ code = \"gone\", note = \"n\" }, \"old\"]",
    "{}",
    "{ a = 1 }",
    "{ field = \"retryable\", default = false }",
    "{ field = 1 }",
    "{ type = \"string\", required = true, description = \"d\" }",
    "{ type = \"Nope\" }",
    "{ details = [{ field = \"x\" }] }",
    "{ when = 1979-05-27 }",
];

/// Keys the schema knows, at every level, plus near misses and strangers.
const KEYS: &[&str] = &[
    "name",
    "doc_base_url",
    "request_id_prefix",
    "categories",
    "non_exhaustive",
    "fallback_variant",
    "retired",
    "status",
    "category",
    "retryable",
    "retriable",
    "message",
    "description",
    "cause",
    "resolution",
    "deprecated",
    "fields",
    "example",
    "type",
    "required",
    "sensitive",
    "param",
    "request_id",
    "code",
    "doc_url",
    "source",
    "field",
    "default",
    "\"\"",
    "\"two words\"",
    "Caps",
    "é",
];

/// Table headers to insert, including the ones of the schema.
const HEADERS: &[&str] = &[
    "[catalog]",
    "[types]",
    "[types.Thing]",
    "[types.Thing.fields]",
    "[types.bad_name]",
    "[codes]",
    "[codes.new_code]",
    "[codes.new_code.fields]",
    "[codes.new_code.example]",
    "[codes.NewCode]",
    "[codes.2fa]",
    "[codes.\"\"]",
    "[codes.unknown]",
    "[codes.not_found]",
    "[codes.not_found.fields]",
    "[codes.not_found.example]",
    "[[codes]]",
    "[[catalog.retired]]",
    "[other]",
];

/// One edit of the catalog's lines.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    /// Replaces what follows the first `=` of a line.
    ReplaceValue(Index, &'static str),
    /// Inserts `key = value` before a line.
    InsertKey(Index, &'static str, &'static str),
    InsertHeader(Index, &'static str),
    /// Inserts text at a character position of the whole file.
    InsertText(Index, String),
    /// Renames the key of a line.
    RenameKey(Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Delete),
        2 => any::<Index>().prop_map(Mutation::Duplicate),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        4 => (any::<Index>(), select(VALUES)).prop_map(|(i, v)| Mutation::ReplaceValue(i, v)),
        2 => (any::<Index>(), select(KEYS), select(VALUES))
            .prop_map(|(i, k, v)| Mutation::InsertKey(i, k, v)),
        1 => (any::<Index>(), select(HEADERS)).prop_map(|(i, h)| Mutation::InsertHeader(i, h)),
        2 => (any::<Index>(), "[\\[\\]{}=\"'#,.\n a-z0-9_é\\\\]{1,8}")
            .prop_map(|(i, s)| Mutation::InsertText(i, s)),
        2 => (any::<Index>(), select(KEYS)).prop_map(|(i, k)| Mutation::RenameKey(i, k)),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let n = lines.len();
    match mutation {
        Mutation::Delete(i) => {
            lines.remove(i.index(n));
        }
        Mutation::Duplicate(i) => {
            let i = i.index(n);
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        Mutation::Swap(a, b) => lines.swap(a.index(n), b.index(n)),
        Mutation::ReplaceValue(i, value) => {
            let line = &mut lines[i.index(n)];
            if let Some(eq) = line.find('=') {
                line.truncate(eq + 1);
                line.push(' ');
                line.push_str(value);
            }
        }
        Mutation::InsertKey(i, key, value) => {
            lines.insert(i.index(n + 1), format!("{key} = {value}"))
        }
        Mutation::InsertHeader(i, header) => lines.insert(i.index(n + 1), (*header).to_owned()),
        Mutation::InsertText(i, inserted) => {
            let joined = lines.join("\n");
            let at = char_boundary(&joined, i.index(joined.len() + 1));
            let mut out = joined;
            out.insert_str(at, inserted);
            return out;
        }
        Mutation::RenameKey(i, key) => {
            let line = &mut lines[i.index(n)];
            if let Some(eq) = line.find('=') {
                *line = format!("{key} {}", &line[eq..]);
            }
        }
    }
    lines.join("\n")
}

/// The largest character boundary of `text` at or before `at`.
fn char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A catalog text: the real one with 1 to 6 mutations, and sometimes truncated.
fn mutated_catalog() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(mutation(), 1..=6),
        prop::option::weighted(0.2, any::<Index>()),
    )
        .prop_map(|(mutations, cut)| {
            let mut text = CATALOG.to_owned();
            for m in &mutations {
                text = apply(&text, m);
            }
            if let Some(cut) = cut {
                let at = char_boundary(&text, cut.index(text.len() + 1));
                text.truncate(at);
            }
            text
        })
}

/// 256 cases per property, unless `PROPTEST_CASES` asks for another number.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

#[test]
fn the_real_catalog_loads() {
    if let Err(problems) = load_str(CATALOG) {
        panic!("catalog.toml does not load: {problems:#?}");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn toml_like_text_never_panics(text in "[\\[\\]{}=\"'#,.\n a-z0-9_<>]{0,300}") {
        check(&text)?;
    }

    #[test]
    fn mutated_catalog_never_panics_and_locates_every_problem(text in mutated_catalog()) {
        check(&text)?;
    }

    #[test]
    fn one_code_with_any_value_never_panics(
        key in select(KEYS),
        value in select(VALUES),
        other in select(VALUES),
    ) {
        // A small catalog in which one key of a code holds any value, so that every
        // check of a code meets every type.
        let text = format!(
            "[catalog]\nname = \"ApiError\"\ndoc_base_url = \"https://example.com/errors\"\ncategories = [\"Resource\"]\n\n\
             [codes.not_found]\nstatus = 404\ncategory = \"Resource\"\nretryable = {{ field = \"gone\", default = false }}\n\
             message = \"Not found: {{id}}\"\ndescription = \"d\"\ncause = \"c\"\nresolution = [\"r\"]\n\n\
             [codes.not_found.fields]\nid = {{ type = \"string\", required = true, description = \"d\" }}\n\
             gone = {{ type = \"boolean\", description = \"d\" }}\n{key} = {value}\n\n\
             [codes.not_found.example]\nid = \"42\"\n{key} = {other}\n"
        );
        check(&text)?;
    }
}
