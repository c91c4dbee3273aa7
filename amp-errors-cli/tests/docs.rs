//! `amp-errors docs`: the committed `docs/errors.md` is current; the page has
//! the seed's structure; its JSON examples are byte for byte what the
//! generated type writes; the HTML page's sections carry the ids the
//! `doc_url`s point at; catalog text cannot inject markup into either page.
//! (The page in a real browser: `tests/browser.rs`.)

use std::path::{Path, PathBuf};

use amp_errors_catalog::Catalog;
use amp_errors_cli::docs;
use amp_errors_cli::schema::example;
use page::read_markdown;

mod amp {
    amp_errors::amp_errors!("../catalog.toml");
}

mod shop {
    amp_errors::amp_errors!("../tests/catalogs/shop.toml");
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn catalog_at(relative: &str) -> Catalog {
    amp_errors_catalog::load(&root().join(relative)).expect("a valid catalog")
}

/// The committed file `relative` holds `expected`; regenerate with the
/// command shown (or `AMP_ERRORS_BLESS=1` to let this test write it).
fn assert_committed(relative: &str, expected: &str, command: &str) {
    let path = root().join(relative);
    if std::env::var_os("AMP_ERRORS_BLESS").is_some() {
        std::fs::write(&path, expected).expect("write");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == expected,
        "{relative} is out of date (it is not what `amp-errors` writes from catalog.toml).\nRegenerate it from the repository's root with:\n    cargo run -p amp-errors-cli -- {command}\n"
    );
}

#[test]
fn committed_reference_is_up_to_date() {
    assert_committed(
        "docs/errors.md",
        &docs::markdown(&catalog_at("catalog.toml")),
        "docs catalog.toml -o docs/errors.md",
    );
}

#[test]
fn examples_are_what_the_generated_type_writes() {
    let catalog = catalog_at("catalog.toml");
    let markdown = read_markdown(&docs::markdown(&catalog));
    let html = docs::html(&catalog);
    for code in amp::AmpErrorCode::ALL {
        let generated = serde_json::to_string_pretty(&amp_errors::ErrorResponse::new(
            code.example().expect("AMP gives every code an example"),
        ))
        .unwrap();
        let entry = catalog
            .codes
            .iter()
            .find(|c| c.code.value == code.as_str())
            .unwrap();
        let documented = example::envelope(&catalog, entry).unwrap().pretty();
        assert_eq!(documented, generated, "{code}'s example");
        assert!(
            markdown
                .code_blocks
                .contains(&("json".to_owned(), format!("{generated}\n"))),
            "the Markdown shows {code}'s example"
        );
        assert!(
            html.contains(&docs::inline::escape_html(&generated)),
            "the HTML shows {code}'s example"
        );
    }
    // Numbers, maps, free-form objects, named objects: another catalog.
    let catalog = catalog_at("tests/catalogs/shop.toml");
    for code in shop::ShopErrorCode::ALL {
        let generated =
            serde_json::to_string_pretty(&amp_errors::ErrorResponse::new(code.example().unwrap()))
                .unwrap();
        let entry = catalog
            .codes
            .iter()
            .find(|c| c.code.value == code.as_str())
            .unwrap();
        assert_eq!(
            example::envelope(&catalog, entry).unwrap().pretty(),
            generated
        );
    }
}

#[path = "docs/command.rs"]
mod command;
#[path = "docs/html.rs"]
mod html;
#[path = "docs/markdown.rs"]
mod markdown;
#[path = "docs/page.rs"]
mod page;
