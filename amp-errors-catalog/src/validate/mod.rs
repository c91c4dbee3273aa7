//! Checks that relate one part of a parsed catalog to another: names,
//! categories, statuses, retryability fields, template placeholders, examples
//! against field types.
//!
//! [`validate`] is a list of named rules (serde_derive's `internals/check.rs`
//! habit): each `check_*` function is one rule, with a comment saying why it
//! exists. Every rule records every problem it finds and goes on.

mod codes;
mod example;
mod fields;
mod http;
mod names;
mod settings;
mod types;

pub use http::is_violation_list;
pub use names::{identifier_key, is_snake_case, is_upper_camel_case};

use crate::diagnostic::Diagnostics;
use crate::model::FieldType;
use crate::parse::Parsed;

/// Validates a parsed catalog, recording every problem in `cx`.
pub fn validate(parsed: &Parsed, cx: &mut Diagnostics) {
    let catalog = &parsed.catalog;
    settings::check_catalog_name(cx, catalog);
    settings::check_categories_distinct(cx, catalog);
    settings::check_categories_listed(cx, catalog, parsed.categories_at);
    settings::check_fallback_variant(cx, catalog);
    settings::check_retired_once(cx, catalog);
    types::check_type_names(cx, catalog);
    types::check_type_fields(cx, catalog);
    types::check_enum_values(cx, catalog);
    types::check_types_not_recursive(cx, catalog);
    codes::check_code_names(cx, catalog);
    codes::check_retired_not_reused(cx, catalog);
    codes::check_statuses_are_errors(cx, &parsed.statuses);
    codes::check_categories_known(cx, catalog);
    codes::check_code_fields(cx, catalog);
    codes::check_retryable_fields(cx, catalog);
    codes::check_template_placeholders(cx, catalog);
    codes::check_headers(cx, catalog);
    example::check_examples(cx, catalog);
    http::check_http_answers(cx, catalog);
}

/// Whether `ty` is the placeholder of a field whose type was missing or not
/// understood: that problem is recorded, and the field is not checked further.
fn is_unknown(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Named(name) if name.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::load_str;

    /// Every problem `load_str` finds in `text`, rendered.
    fn problems(text: &str) -> Vec<String> {
        load_str(text)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.render("c.toml"))
            .collect()
    }

    #[test]
    fn status_out_of_range() {
        let found = problems(
            "[catalog]\nname = \"E\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n[codes.x]\nstatus = 302\ncategory = \"A\"\nretryable = true\nmessage = \"m\"\ndescription = \"d\"\ncause = \"c\"\nresolution = []\nexample = {}\n",
        );
        assert_eq!(
            found,
            vec![
                "c.toml:6:10: status 302 is not an error status; expected an integer in 400..=599"
            ]
        );
    }

    #[test]
    fn status_is_named_as_written() {
        let found = problems(
            "[catalog]\nname = \"E\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n[codes.x]\nstatus = 0x12C\ncategory = \"A\"\nretryable = true\nmessage = \"m\"\ndescription = \"d\"\ncause = \"c\"\nresolution = []\nexample = {}\n",
        );
        assert_eq!(
            found,
            vec![
                "c.toml:6:10: status 0x12C is not an error status; expected an integer in 400..=599"
            ]
        );
    }
}
