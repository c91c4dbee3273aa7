//! Bytes -> `ErrorResponse<AmpError>`: never a panic; an accepted body is an
//! error envelope, idempotent and lossless (the rules are in
//! `tests/fuzz_check/mod.rs`, shared with the stable test that replays the
//! corpus, `tests/fuzz_corpus.rs`).

#![no_main]

#[path = "../../tests/fuzz_check/mod.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    check::check(data);
});
