//! Compile-time behaviour of `amp_errors!`: every bad catalog is a located
//! compile error (`tests/ui/fail`), and unusual but valid catalogs compile
//! (`tests/ui/pass`). Each case is a `.rs` file with its catalog beside it.
//!
//! trybuild compiles each case inside its own crate under `target/tests/trybuild`,
//! whose `CARGO_MANIFEST_DIR` is not this crate's. The macro resolves catalog
//! paths against `AMP_ERRORS_MANIFEST_DIR` when it is set, so the cases name
//! their catalogs relative to this crate, as users do (`tests/ui/fail/x.toml`).
//!
//! Refresh the expected output with `TRYBUILD=overwrite cargo test --test ui`
//! and review the `.stderr` diff.

#[test]
fn ui() {
    // SAFETY: this test binary runs this one test, so no other thread reads
    // the environment while it is written; trybuild's cargo inherits it.
    unsafe { std::env::set_var("AMP_ERRORS_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR")) };
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/fail/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}
