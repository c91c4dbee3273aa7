//! The fuzz target's corpus, on stable: every file of `fuzz/corpus/parse/`
//! goes through the check the target runs (`tests/fuzz_check/mod.rs`), so CI
//! replays what the fuzzer found without nightly or cargo-fuzz (fuzz/README.md).

mod fuzz_check;

use std::path::Path;

use fuzz_check::Outcome;

#[test]
fn every_corpus_input_passes_the_fuzz_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/parse");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 20,
        "the corpus is missing: {}",
        dir.display()
    );
    let (mut accepted, mut rejected) = (0, 0);
    for path in &paths {
        let input = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let outcome = std::panic::catch_unwind(|| fuzz_check::check(&input))
            .unwrap_or_else(|_| panic!("{} fails the fuzz check (message above)", path.display()));
        match outcome {
            Outcome::Accepted => accepted += 1,
            Outcome::Rejected => rejected += 1,
        }
    }
    eprintln!(
        "{} inputs: {accepted} accepted, {rejected} rejected",
        paths.len()
    );
    // Both sides of the parser are exercised.
    assert!(accepted > 0 && rejected > 0);
}
