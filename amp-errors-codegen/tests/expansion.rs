//! Properties of the expansion of AMP's catalog that a reader relies on.

use proc_macro2::{TokenStream, TokenTree};

mod common;

fn amp() -> TokenStream {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog.toml");
    let catalog =
        amp_errors_catalog::load(std::path::Path::new(path)).expect("AMP's catalog is valid");
    amp_errors_codegen::expand(&catalog)
}

fn count(tokens: TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => 1 + count(group.stream()),
            _ => 1,
        })
        .sum()
}

#[test]
fn generated_code_reaches_the_runtime_only_through_its_private_path() {
    let text = amp().to_string();
    for bypass in [
        ":: core ::",
        ":: std ::",
        ":: alloc ::",
        ":: serde ::",
        ":: serde_json ::",
    ] {
        // A path that starts with the crate (after `(`, `<`, `,` …), not one
        // that goes through the private module (`__private_0_1_0 :: serde`).
        let leading = text.match_indices(bypass).any(|(i, _)| {
            let before = text[..i].trim_end();
            !before.ends_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        assert!(!leading, "the expansion names `{bypass}` directly");
    }
    let private = amp_errors_codegen::runtime::path().to_string();
    let leaks: Vec<&str> = text
        .match_indices(":: amp_errors ::")
        .map(|(i, _)| &text[i..(i + 40).min(text.len())])
        .filter(|at| !at.starts_with(&private) && !at.starts_with(":: amp_errors :: UnknownError"))
        .collect();
    assert!(
        leaks.is_empty(),
        "paths beside the private module: {leaks:?}"
    );
}

#[test]
fn the_expansion_reads_like_hand_written_code() {
    let text = amp().to_string();
    for smell in [
        "true &&",
        "stringify !",
        "let _ = redact",
        "__amp_errors_fmt_message",
        "A `",
    ] {
        assert!(!text.contains(smell), "the expansion contains `{smell}`");
    }
}

/// The expansion of a catalog of `n` codes with one required string field and a template each.
fn codes(n: usize) -> TokenStream {
    let names: Vec<String> = (0..n).map(|i| format!("code_{i}")).collect();
    amp_errors_codegen::expand(&common::catalog(&names))
}

#[test]
fn the_expansion_stays_within_its_token_budget() {
    // BENCHMARKS.md tracks expansion speed; this guards its main cost, the
    // tokens each code adds: about 650 for a code with a templated message
    // and one field (AMP's mix averages 560 at 1,000 codes; 1,240 before the
    // generator split).
    let per_code = (count(codes(20)) - count(codes(10))) / 10;
    assert!(per_code < 700, "{per_code} tokens per code");
    // AMP's 15 codes, docs and fixed items included (18,600 before the
    // split, 11,600 after it; since then the `MissionState` enum, a
    // `with_<field>` builder per optional field, the fields table, and the
    // response headers and axum response; then the catalog itself grew:
    // `remaining` and `reset` on rate_limit_exceeded with their two headers,
    // and the `[http]` table: 15,123).
    let amp = count(amp());
    assert!(amp < 15_500, "{amp} tokens for AMP's catalog");
}
