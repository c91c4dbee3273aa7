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
//! - **The same from bytes, a `&str` and a reader.**
//! - **Idempotent.** `parse(serialize(parse(x))) == parse(x)` and serializing
//!   that again writes the same text.
//! - **Lossless.** The written body has the same members as the input, in the
//!   same order (a repeated name in its first place), with the same values
//!   (the last one of a repeated name, compared as `serde_json::Value`), and
//!   no member added. Members beside `error`, and every member of the error
//!   object that is not typed (all but `code` for a code the catalog does not
//!   know; for a known code, those that are neither common members nor the
//!   code's fields), are written back as their exact received text.
//!
//! A violation that matches one of the [`KNOWN_BUGS`] is reported as
//! [`Outcome::KnownBug`] instead of panicking, so that the fuzzer keeps
//! looking for new ones; set `AMP_FUZZ_STRICT=1` to panic on those too (each
//! has an `#[ignore]`d test in `tests/wire_props.rs`).

#![allow(dead_code)]

use std::fmt;
use std::sync::OnceLock;

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
    /// A violation of a known bug (see [`KNOWN_BUGS`]); its id.
    KnownBug(&'static str),
}

/// Bugs of the library the check knows about: (id, what, the ignored test).
pub const KNOWN_BUGS: &[(&str, &str, &str)] = &[
    (
        TYPED_ORDER,
        "`message`, `doc_url` or a field of a known code that arrives after a member this crate \
         writes later is written back in this crate's order, not the received one",
        "bug_typed_members_out_of_the_crates_order_are_reordered",
    ),
    (
        REPEATED_TYPED,
        "a common member or field of a known code repeated, once with a value of its type and \
         once not: the kept value is never written (the typed value wins, even when it came \
         first) and the re-parse differs",
        "bug_repeated_member_of_its_type_and_not_is_lossy_and_not_idempotent",
    ),
    (
        FLOAT_RESPELLED,
        "a common member or field of a known code whose value is not of its type, or an object \
         type's undeclared member, is kept re-serialized from what serde_json read: a number \
         that is no i64/u64 is written as its f64, which serde_json (without `float_roundtrip`) \
         may read back as another f64: the value changes, and the body is not idempotent",
        "bug_wrong_typed_numbers_are_rewritten_and_not_idempotent",
    ),
    (
        TYPED_DEPTH,
        "a common member or field of a known code that arrives after `code` with a wrong-typed \
         array or object nested 126 or 127 levels deep fails the parse (the body's own depth \
         counts), while the same value under any other name, or before `code`, is accepted",
        "bug_typed_members_after_code_have_a_lower_depth_limit",
    ),
];

/// Known bug: typed members written in this crate's order, not the received one.
pub const TYPED_ORDER: &str = "typed-member-order";
/// Known bug: a typed member repeated with values of its type and not.
pub const REPEATED_TYPED: &str = "repeated-typed-member";
/// Known bug: kept numbers re-serialized through f64.
pub const FLOAT_RESPELLED: &str = "typed-member-float";
/// Known bug: a lower depth limit for typed members read after `code`.
pub const TYPED_DEPTH: &str = "typed-member-depth";

/// The common members of every known code.
pub const COMMON: [&str; 4] = ["message", "param", "doc_url", "request_id"];

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("AMP_FUZZ_STRICT").is_some_and(|v| v != "0"))
}

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
            let message = error.to_string();
            if message.contains("recursion limit exceeded") && !strict() {
                return Outcome::KnownBug(TYPED_DEPTH);
            }
            panic!("{}\nan error envelope, rejected: {message}", show(input))
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

/// Whether two written bodies differ only in the order of the error object's
/// `movable` members (the known bug [`TYPED_ORDER`]).
fn same_but_typed_order(a: &str, b: &str, movable: &dyn Fn(&str) -> bool) -> bool {
    let (Ok(a), Ok(b)) = (model(a.as_bytes()), model(b.as_bytes())) else {
        return false;
    };
    let fixed = |members: &Members| -> Vec<(String, Value)> {
        let keys = members.keys().into_iter();
        keys.filter(|key| !movable(key))
            .map(|key| {
                (
                    key.to_owned(),
                    members.last(key).map(value).unwrap_or_default(),
                )
            })
            .collect()
    };
    let all = |members: &Members| -> Vec<(String, Value)> {
        let mut all: Vec<_> = members
            .keys()
            .into_iter()
            .map(|key| {
                (
                    key.to_owned(),
                    members.last(key).map(value).unwrap_or_default(),
                )
            })
            .collect();
        all.sort_by(|x, y| x.0.cmp(&y.0));
        all
    };
    a.top.0.len() == b.top.0.len()
        && a.top
            .0
            .iter()
            .zip(&b.top.0)
            .all(|(x, y)| x.0 == y.0 && (x.0 == "error" || x.1.get() == y.1.get()))
        && fixed(&a.error) == fixed(&b.error)
        && all(&a.error) == all(&b.error)
}

/// Whether `value` holds a number that is no i64 or u64 (serde_json reads it as an f64).
fn has_float(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_f64(),
        Value::Array(items) => items.iter().any(has_float),
        Value::Object(members) => members.values().any(has_float),
        _ => false,
    }
}

/// One broken rule; `known` when a known bug explains it.
struct Violation {
    what: String,
    known: Option<&'static str>,
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
    let typed = |key: &str| {
        key == "code"
            || info.is_some_and(|info| COMMON.contains(&key) || info.field_index(key).is_some())
    };
    let movable = |key: &str| {
        info.is_some_and(|info| {
            key == "message" || key == "doc_url" || info.field_index(key).is_some()
        })
    };
    let repeated_typed = body
        .error
        .keys()
        .into_iter()
        .any(|key| key != "code" && typed(key) && body.error.count(key) > 1);
    let float_in = |key: &str| {
        key != "code"
            && typed(key)
            && body
                .error
                .0
                .iter()
                .any(|(k, v)| k == key && has_float(&value(v)))
    };
    let float_typed = body.error.keys().into_iter().any(float_in);
    let repeated_known = |key: &str| {
        if key != "code" && typed(key) && body.error.count(key) > 1 {
            Some(REPEATED_TYPED)
        } else {
            float_in(key).then_some(FLOAT_RESPELLED)
        }
    };
    let either = || {
        if repeated_typed {
            Some(REPEATED_TYPED)
        } else {
            float_typed.then_some(FLOAT_RESPELLED)
        }
    };

    let mut violations = Vec::new();
    let mut violation = |what: String, known: Option<&'static str>| {
        violations.push(Violation { what, known });
    };
    if again != *parsed {
        violation(
            format!("not idempotent: wrote {text}, which parses as {again:?}, not {parsed:?}"),
            either(),
        );
    }
    if written_again != text {
        let known = if info.is_some() && same_but_typed_order(&text, &written_again, &movable) {
            Some(TYPED_ORDER)
        } else {
            float_typed.then_some(FLOAT_RESPELLED)
        };
        violation(
            format!("serializing is not stable: {text} then {written_again}"),
            known,
        );
    }
    match model(text.as_bytes()) {
        Err(why) => violation(format!("wrote {text}, no error envelope: {why}"), None),
        Ok(out) => {
            // The envelope: every member but `error` as received.
            if out.top.keys() != body.top.keys() {
                violation(
                    format!(
                        "envelope members {:?} written as {:?}",
                        body.top.keys(),
                        out.top.keys()
                    ),
                    None,
                );
            }
            for key in body.top.keys() {
                let (Some(received), Some(written)) = (body.top.last(key), out.top.last(key))
                else {
                    continue;
                };
                if key != "error" && received.get() != written.get() {
                    violation(
                        format!(
                            "envelope member {key:?}: {} written as {}",
                            received.get(),
                            written.get()
                        ),
                        None,
                    );
                }
            }
            // The error object.
            if out.error.keys() != body.error.keys() {
                // The known bug moves only `message`, `doc_url` and fields.
                let fixed = |members: &Members| -> Vec<String> {
                    let keys = members.keys().into_iter();
                    keys.filter(|key| !movable(key))
                        .map(str::to_owned)
                        .collect()
                };
                let (mut received, mut written) = (body.error.keys(), out.error.keys());
                received.sort_unstable();
                written.sort_unstable();
                let known = (received == written && fixed(&body.error) == fixed(&out.error))
                    .then_some(TYPED_ORDER);
                violation(
                    format!(
                        "error members {:?} written as {:?}",
                        body.error.keys(),
                        out.error.keys()
                    ),
                    known,
                );
            }
            if out.error.has_repeats() && !body.error.has_repeats() {
                violation(format!("a member written twice: {text}"), None);
            }
            for key in body.error.keys() {
                let (Some(received), Some(written)) = (body.error.last(key), out.error.last(key))
                else {
                    continue;
                };
                if value(received) != value(written) {
                    violation(
                        format!(
                            "member {key:?}: {} (its last value) written as {}",
                            received.get(),
                            written.get()
                        ),
                        repeated_known(key),
                    );
                } else if !typed(key) && received.get() != written.get() {
                    violation(
                        format!(
                            "member {key:?} is kept, but {} is written as {}",
                            received.get(),
                            written.get()
                        ),
                        None,
                    );
                }
            }
        }
    }
    let mut known = None;
    let mut unexplained = Vec::new();
    for Violation { what, known: bug } in violations {
        match bug {
            Some(bug) if !strict() => known = known.or(Some(bug)),
            _ => unexplained.push(what),
        }
    }
    if !unexplained.is_empty() {
        panic!("{}\n- {}", show(input), unexplained.join("\n- "));
    }
    known.map_or(Outcome::Accepted, Outcome::KnownBug)
}
