//! The check every input of the fuzz target goes through, shared by
//! `fuzz/fuzz_targets/parse.rs` (cargo-fuzz, nightly), `tests/fuzz_corpus.rs`
//! (the committed corpus, on stable, in CI) and `tests/wire_props.rs`.
//!
//! [`check`] parses the bytes as `ErrorResponse<AmpError>` and panics when the
//! wire rules (SECURITY.md, tests/wire.rs) do not hold:
//!
//! - **Accepted iff an error envelope.** A model of the rules, built on
//!   serde_json alone ([`model`]), decides whether the body must parse: a
//!   JSON object with exactly one `error` member, itself an object with
//!   exactly one `code` member, a string; every member valid on its own
//!   (nesting at most serde_json's limit, strings that decode, finite numbers).
//! - **The same from bytes, a `&str`, a reader and `ErrorResponse::from_slice`**
//!   (the library's own reading of a body, without serde): the same value, or
//!   both rejected.
//! - **Idempotent.** `parse(serialize(parse(x))) == parse(x)` and serializing
//!   that again writes the same text.
//! - **Lossless.** The written body has the same members as the input, in the
//!   same order (a repeated name in its first place), each once, with the
//!   same values (the last one of a repeated name, compared as
//!   `serde_json::Value`), and no member added. Members beside `error`, every
//!   member of the error object that is not typed (all but `code` for a code
//!   the catalog does not know; for a known code, those that are neither
//!   common members nor the code's fields), and whatever a known code keeps
//!   as received (a value not of its member's type) are written back as
//!   their exact received text.
//!
//! The bugs this check found (with `tests/wire_props.rs`) are fixed; their
//! smallest inputs are regression tests there and files of the corpus.

#![allow(dead_code)]

use std::fmt;

use amp_api_errors::AmpError;
use amp_errors::ErrorResponse;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// What [`check`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not an error envelope, and rejected.
    Rejected,
    /// An error envelope, accepted, and every rule holds.
    Accepted,
}

/// The common members of every known code.
pub const COMMON: [&str; 4] = ["message", "param", "doc_url", "request_id"];

/// Checks one input; panics on a violation of the rules.
pub fn check(input: &[u8]) -> Outcome {
    let parsed = serde_json::from_slice::<ErrorResponse<AmpError>>(input);
    same_from_every_entry_point(input, &parsed);
    let expected = model(input);
    match (parsed, expected) {
        (Err(error), Err(_)) => {
            assert!(!error.to_string().is_empty(), "{}: no message", show(input));
            Outcome::Rejected
        }
        (Ok(parsed), Err(why)) => panic!(
            "{}\naccepted, but it is no error envelope ({why}): {parsed:?}",
            show(input)
        ),
        (Err(error), Ok(_)) => {
            panic!("{}\nan error envelope, rejected: {error}", show(input))
        }
        (Ok(parsed), Ok(body)) => accepted(input, &parsed, &body),
    }
}

/// `bytes` for a panic message.
pub fn show(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => format!("input {text:?}"),
        Err(_) => format!("input (not UTF-8) {bytes:?}"),
    }
}

fn same_from_every_entry_point(
    input: &[u8],
    from_slice: &Result<ErrorResponse<AmpError>, serde_json::Error>,
) {
    let from_reader = serde_json::from_reader::<_, ErrorResponse<AmpError>>(input);
    let from_str = std::str::from_utf8(input)
        .ok()
        .map(serde_json::from_str::<ErrorResponse<AmpError>>);
    let same = |other: &Result<ErrorResponse<AmpError>, serde_json::Error>, name: &str| match (
        from_slice, other,
    ) {
        (Ok(a), Ok(b)) => assert!(a == b, "{}: {name} parses differently", show(input)),
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "{}: from_slice and {name} disagree: {:?} / {:?}",
            show(input),
            a.as_ref().map_err(ToString::to_string),
            b.as_ref().map_err(ToString::to_string)
        ),
    };
    same(&from_reader, "from_reader");
    same(
        &ErrorResponse::<AmpError>::from_slice(input),
        "ErrorResponse::from_slice",
    );
    if let Some(from_str) = &from_str {
        same(from_str, "from_str");
    }
}

/// A JSON object's members in order, repeats kept, values as written.
pub struct Members(pub Vec<(String, Box<RawValue>)>);

impl Members {
    /// The names, each once, in the place of its first occurrence.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for (key, _) in &self.0 {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
        keys
    }

    /// The last value of `key`.
    pub fn last(&self, key: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| &**v)
    }

    /// How often `key` occurs.
    pub fn count(&self, key: &str) -> usize {
        self.0.iter().filter(|(k, _)| k == key).count()
    }

    /// Whether some name occurs twice.
    pub fn has_repeats(&self) -> bool {
        self.keys().len() != self.0.len()
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// A body the rules say must parse.
pub struct Body {
    /// The envelope's members.
    pub top: Members,
    /// The error object's members.
    pub error: Members,
    /// The code.
    pub code: String,
}

/// The rules, on serde_json alone: the body as an error envelope, or why it is none.
pub fn model(input: &[u8]) -> Result<Body, String> {
    let top: Members =
        serde_json::from_slice(input).map_err(|e| format!("not a JSON object: {e}"))?;
    for (key, value) in &top.0 {
        if key != "error" {
            valid(key, value)?;
        }
    }
    let error = match top.count("error") {
        1 => top.last("error").unwrap_or_else(|| unreachable!()),
        n => return Err(format!("{n} `error` members")),
    };
    let error: Members = serde_json::from_str(error.get())
        .map_err(|e| format!("`error` is not a JSON object: {e}"))?;
    for (key, value) in &error.0 {
        valid(key, value)?;
    }
    let code = match error.count("code") {
        1 => error.last("code").unwrap_or_else(|| unreachable!()),
        n => return Err(format!("{n} `code` members")),
    };
    let code: String =
        serde_json::from_str(code.get()).map_err(|_| "`code` is not a string".to_owned())?;
    Ok(Body { top, error, code })
}

/// A member's value on its own: depth within serde_json's limit, strings
/// that decode, numbers in range.
fn valid(key: &str, value: &RawValue) -> Result<(), String> {
    serde_json::from_str::<Value>(value.get())
        .map(drop)
        .map_err(|e| format!("member {key:?} holds no valid value: {e}"))
}

fn value(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or_else(|e| panic!("{}: {e}", raw.get()))
}

fn accepted(input: &[u8], parsed: &ErrorResponse<AmpError>, body: &Body) -> Outcome {
    // Nothing an accessor or a formatter does may panic.
    let error = &parsed.error;
    let _ = (error.code(), error.known_code(), error.status_code());
    let _ = (error.is_retryable(), error.doc_url(), error.message());
    let _ = (error.param(), error.request_id(), error.category());
    let _ = format!("{parsed:?} {error} {error:#}");

    let text = serde_json::to_string(parsed)
        .unwrap_or_else(|e| panic!("{}: accepted, but does not serialize: {e}", show(input)));
    let again = serde_json::from_str::<ErrorResponse<AmpError>>(&text)
        .unwrap_or_else(|e| panic!("{}: wrote {text}, which does not parse: {e}", show(input)));
    let written_again = serde_json::to_string(&again).unwrap_or_else(|e| panic!("{e}"));

    let info = AmpError::CATALOG.code(&body.code);
    // Members whose value may be written in serde_json's spelling: the code,
    // and a known code's common members and fields (when of their type).
    let typed = |key: &str| {
        key == "code"
            || info.is_some_and(|info| COMMON.contains(&key) || info.field_index(key).is_some())
    };

    let mut violations = Vec::new();
    // The library's writer (what the axum integration sends) writes
    // serde_json's bytes, for what was received and what was written.
    for (response, theirs) in [(parsed, &text), (&again, &written_again)] {
        match response.to_vec() {
            Ok(ours) if ours == theirs.as_bytes() => {}
            ours => violations.push(format!(
                "ErrorResponse::to_vec wrote {:?}, serde_json {theirs}",
                ours.map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            )),
        }
    }
    if again != *parsed {
        violations.push(format!(
            "not idempotent: wrote {text}, which parses as {again:?}, not {parsed:?}"
        ));
    }
    if written_again != text {
        violations.push(format!(
            "serializing is not stable: {text} then {written_again}"
        ));
    }
    // What a known code keeps as received (a member it does not declare, a
    // value not of its member's type) is the member's last text.
    for (key, kept) in error
        .meta()
        .into_iter()
        .flat_map(|meta| meta.received_members())
    {
        match body.error.last(key) {
            Some(received) if received.get() == kept.get() => {}
            received => violations.push(format!(
                "member {key:?} is kept as {}, received as {:?}",
                kept.get(),
                received.map(RawValue::get)
            )),
        }
    }
    match model(text.as_bytes()) {
        Err(why) => violations.push(format!("wrote {text}, no error envelope: {why}")),
        Ok(out) => {
            // The envelope: its members in order, each but `error` as received.
            if out.top.keys() != body.top.keys() {
                violations.push(format!(
                    "envelope members {:?} written as {:?}",
                    body.top.keys(),
                    out.top.keys()
                ));
            }
            for key in body.top.keys() {
                let (Some(received), Some(written)) = (body.top.last(key), out.top.last(key))
                else {
                    continue;
                };
                if key != "error" && received.get() != written.get() {
                    violations.push(format!(
                        "envelope member {key:?}: {} written as {}",
                        received.get(),
                        written.get()
                    ));
                }
            }
            // The error object: its members in order, none twice, each with
            // its last value; untyped ones as received.
            if out.error.keys() != body.error.keys() {
                violations.push(format!(
                    "error members {:?} written as {:?}",
                    body.error.keys(),
                    out.error.keys()
                ));
            }
            if out.error.has_repeats() {
                violations.push(format!("a member written twice: {text}"));
            }
            for key in body.error.keys() {
                let (Some(received), Some(written)) = (body.error.last(key), out.error.last(key))
                else {
                    continue;
                };
                if value(received) != value(written) {
                    violations.push(format!(
                        "member {key:?}: {} (its last value) written as {}",
                        received.get(),
                        written.get()
                    ));
                } else if !typed(key) && received.get() != written.get() {
                    violations.push(format!(
                        "member {key:?} is kept, but {} is written as {}",
                        received.get(),
                        written.get()
                    ));
                }
            }
        }
    }
    if !violations.is_empty() {
        panic!("{}\n- {}", show(input), violations.join("\n- "));
    }
    Outcome::Accepted
}
