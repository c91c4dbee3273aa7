//! Runtime benchmarks of one catalog size: the type amp-errors generates
//! against the hand-written thiserror + serde enum (`#[serde(tag = "code")]`).
//!
//! amp-bench copies this file into its scratch workspace (`target/amp-bench/`)
//! and appends one `size!` line per catalog size. Every size benchmarks the
//! last copies of AMP's `unauthorized` (a literal message) and
//! `rate_limit_exceeded` (a `{retry_after}` template, the 429 of the seed), the
//! worst case for dispatching on the code.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{BenchmarkId, Criterion};
use serde::{Serialize, de::DeserializeOwned};

/// The request id every benchmarked error carries (the seed's placeholder).
pub const REQUEST_ID: &str = "req_xxxxxxxxxxxx";

/// One size's pair of crates.
pub trait Subject {
    /// The number of codes in the catalog.
    const N: usize;
    /// amp-errors' response body type.
    type Amp: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug;
    /// The hand-written response body type.
    type Hand: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug;
    /// A literal-message error (nothing to render), with a request id.
    fn amp_literal() -> Self::Amp;
    /// The same error, hand-written.
    fn hand_literal() -> Self::Hand;
    /// A 429 whose message renders `{retry_after}`, with `limit` and `current`.
    fn amp_template() -> Self::Amp;
    /// The same error, hand-written.
    fn hand_template() -> Self::Hand;
    /// amp-errors' own parse of a body, `ErrorResponse::from_slice` (what
    /// its client calls): the same result as serde's, without serde.
    fn amp_parse(body: &[u8]) -> Self::Amp;
    /// amp-errors' own writer, `ErrorResponse::write_to` (what its axum
    /// integration sends): serde_json's bytes, appended to `buf`.
    fn amp_write(response: &Self::Amp, buf: &mut Vec<u8>);
    /// `status()` and `code()` of the error, folded into one number.
    fn amp_status_code(response: &Self::Amp) -> usize;
    /// The same, hand-written.
    fn hand_status_code(response: &Self::Hand) -> usize;
}

/// Implements [`Subject`] for one size: `size!(S15, 15, amp_15, hand_15,
/// literal_code, LiteralVariant, template_code, TemplateVariant)`.
macro_rules! size {
    ($s:ident, $n:literal, $amp:ident, $hand:ident, $lit:ident, $LitV:ident, $tpl:ident, $TplV:ident) => {
        /// One catalog size.
        pub struct $s;

        impl $crate::Subject for $s {
            const N: usize = $n;
            type Amp = amp_errors::ErrorResponse<$amp::AmpError>;
            type Hand = $hand::ErrorResponse;

            fn amp_literal() -> Self::Amp {
                amp_errors::ErrorResponse::new($amp::AmpError::$lit().with_request_id(REQUEST_ID))
            }

            fn hand_literal() -> Self::Hand {
                let mut error = $hand::AmpError::$lit();
                if let $hand::AmpError::$LitV { request_id, .. } = &mut error {
                    *request_id = Some(REQUEST_ID.into());
                }
                $hand::ErrorResponse { error }
            }

            fn amp_template() -> Self::Amp {
                let mut error = $amp::AmpError::$tpl(45).with_request_id(REQUEST_ID);
                if let $amp::AmpError::$TplV { limit, current, .. } = &mut error {
                    *limit = Some(300);
                    *current = Some(312);
                }
                amp_errors::ErrorResponse::new(error)
            }

            fn hand_template() -> Self::Hand {
                let mut error = $hand::AmpError::$tpl(45);
                if let $hand::AmpError::$TplV { limit, current, request_id, .. } = &mut error {
                    *limit = Some(300);
                    *current = Some(312);
                    *request_id = Some(REQUEST_ID.into());
                }
                $hand::ErrorResponse { error }
            }

            fn amp_parse(body: &[u8]) -> Self::Amp {
                amp_errors::ErrorResponse::from_slice(body).unwrap()
            }

            fn amp_write(response: &Self::Amp, buf: &mut Vec<u8>) {
                response.write_to(buf).unwrap()
            }

            fn amp_status_code(response: &Self::Amp) -> usize {
                response.error.status().as_u16() as usize + response.error.code().len()
            }

            fn hand_status_code(response: &Self::Hand) -> usize {
                response.error.status().as_u16() as usize + response.error.code().len()
            }
        }
    };
}

/// Moves `"code"` from first to last member of the error object.
pub fn code_last(body: &str) -> String {
    let rest = body
        .strip_prefix(r#"{"error":{"code":"#)
        .expect("the body starts with the code");
    let end = rest[1..].find('"').expect("the code is a string") + 2;
    let code = &rest[..end];
    let members = rest[end..].strip_prefix(',').expect("more members follow");
    let members = members.strip_suffix("}}").expect("the body ends the object");
    format!(r#"{{"error":{{{members},"code":{code}}}}}"#)
}

/// The JSON bodies one size is measured on: (literal, template code first,
/// template code last). Panics unless both crates write the same bytes and
/// read back what they wrote: the comparison is only fair on equal output.
pub fn bodies<S: Subject>() -> (String, String, String) {
    let literal = serde_json::to_string(&S::amp_literal()).unwrap();
    assert_eq!(literal, serde_json::to_string(&S::hand_literal()).unwrap(), "n = {}", S::N);
    let template = serde_json::to_string(&S::amp_template()).unwrap();
    assert_eq!(template, serde_json::to_string(&S::hand_template()).unwrap(), "n = {}", S::N);
    let mut buf = Vec::new();
    for (amp, body) in [(S::amp_literal(), &literal), (S::amp_template(), &template)] {
        write::<S>(&mut buf, &amp);
        assert_eq!(std::str::from_utf8(&buf).unwrap(), body.as_str(), "n = {}", S::N);
    }
    let last = code_last(&template);
    for body in [&template, &last] {
        assert_eq!(serde_json::from_str::<S::Amp>(body).unwrap(), S::amp_template(), "{body}");
        assert_eq!(S::amp_parse(body.as_bytes()), S::amp_template(), "{body}");
        assert_eq!(serde_json::from_str::<S::Hand>(body).unwrap(), S::hand_template(), "{body}");
    }
    (literal, template, last)
}

/// Registers every runtime benchmark of one size.
pub fn bench_size<S: Subject>(c: &mut Criterion) {
    let n = S::N;
    let (_, first, last) = bodies::<S>();
    let mut buf = Vec::with_capacity(1024);

    // amp-errors' writer (`ErrorResponse::write_to`), against serde_json's
    // of the hand-written enum; then serde_json's for both.
    let mut group = c.benchmark_group("serialize_literal");
    let (amp, hand) = (S::amp_literal(), S::hand_literal());
    group.bench_function(BenchmarkId::new("amp", n), |b| b.iter(|| write::<S>(&mut buf, black_box(&amp))));
    group.bench_function(BenchmarkId::new("hand", n), |b| b.iter(|| serialize(&mut buf, black_box(&hand))));
    group.finish();

    let mut group = c.benchmark_group("serialize_template");
    let (amp, hand) = (S::amp_template(), S::hand_template());
    group.bench_function(BenchmarkId::new("amp", n), |b| b.iter(|| write::<S>(&mut buf, black_box(&amp))));
    group.bench_function(BenchmarkId::new("hand", n), |b| b.iter(|| serialize(&mut buf, black_box(&hand))));
    group.finish();

    let mut group = c.benchmark_group("serialize_serde_template");
    group.bench_function(BenchmarkId::new("amp", n), |b| b.iter(|| serialize(&mut buf, black_box(&amp))));
    group.bench_function(BenchmarkId::new("hand", n), |b| b.iter(|| serialize(&mut buf, black_box(&hand))));
    group.finish();

    // What a server pays per 429: build the error, then write it.
    let mut group = c.benchmark_group("construct_serialize_template");
    group.bench_function(BenchmarkId::new("amp", n), |b| b.iter(|| write::<S>(&mut buf, &S::amp_template())));
    group.bench_function(BenchmarkId::new("hand", n), |b| b.iter(|| serialize(&mut buf, &S::hand_template())));
    group.finish();

    // amp-errors' parse (`ErrorResponse::from_slice`), and the same through
    // serde (`serde_json::from_slice`, the only way for the hand-written enum).
    for (name, body) in [("deserialize_code_first", &first), ("deserialize_code_last", &last)] {
        let mut group = c.benchmark_group(name);
        let bytes = body.as_bytes();
        group.bench_function(BenchmarkId::new("amp", n), |b| b.iter(|| S::amp_parse(black_box(bytes))));
        group.bench_function(BenchmarkId::new("hand", n), |b| {
            b.iter(|| serde_json::from_slice::<S::Hand>(black_box(bytes)).unwrap())
        });
        group.finish();
    }
    {
        let mut group = c.benchmark_group("deserialize_serde_code_first");
        let bytes = first.as_bytes();
        group.bench_function(BenchmarkId::new("amp", n), |b| {
            b.iter(|| serde_json::from_slice::<S::Amp>(black_box(bytes)).unwrap())
        });
        group.bench_function(BenchmarkId::new("hand", n), |b| {
            b.iter(|| serde_json::from_slice::<S::Hand>(black_box(bytes)).unwrap())
        });
        group.finish();
    }

    // The floor: serde_json scanning the body without building anything.
    let mut group = c.benchmark_group("deserialize_floor");
    let bytes = first.as_bytes();
    group.bench_function(BenchmarkId::new("serde_json", n), |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(bytes)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("status_code");
    let (amp, hand) = (S::amp_template(), S::hand_template());
    group.bench_function(BenchmarkId::new("amp", n), |b| b.iter(|| S::amp_status_code(black_box(&amp))));
    group.bench_function(BenchmarkId::new("hand", n), |b| b.iter(|| S::hand_status_code(black_box(&hand))));
    group.finish();
}

/// Runs the operation of benchmark group `group` on `side` (`amp` or `hand`)
/// `iters` times, the way [`bench_size`] times it: what the probe binary
/// runs under callgrind, so that amp-bench can count instructions per
/// operation. Returns false for a group or side it does not know.
pub fn run_op<S: Subject>(group: &str, side: &str, iters: usize) -> bool {
    let (_, first, last) = bodies::<S>();
    let mut buf = Vec::with_capacity(1024);
    let (amp_l, hand_l) = (S::amp_literal(), S::hand_literal());
    let (amp_t, hand_t) = (S::amp_template(), S::hand_template());
    match (group, side) {
        ("serialize_literal", "amp") => repeat(iters, || write::<S>(&mut buf, black_box(&amp_l))),
        ("serialize_literal", "hand") => repeat(iters, || serialize(&mut buf, black_box(&hand_l))),
        ("serialize_template", "amp") => repeat(iters, || write::<S>(&mut buf, black_box(&amp_t))),
        ("serialize_template", "hand") => repeat(iters, || serialize(&mut buf, black_box(&hand_t))),
        ("serialize_serde_template", "amp") => repeat(iters, || serialize(&mut buf, black_box(&amp_t))),
        ("serialize_serde_template", "hand") => repeat(iters, || serialize(&mut buf, black_box(&hand_t))),
        ("construct_serialize_template", "amp") => repeat(iters, || write::<S>(&mut buf, &S::amp_template())),
        ("construct_serialize_template", "hand") => repeat(iters, || serialize(&mut buf, &S::hand_template())),
        ("deserialize_code_first", "amp") => repeat(iters, || _ = black_box(S::amp_parse(black_box(first.as_bytes())))),
        ("deserialize_code_first", "hand") => repeat(iters, || _ = black_box(parse::<S::Hand>(&first))),
        ("deserialize_code_last", "amp") => repeat(iters, || _ = black_box(S::amp_parse(black_box(last.as_bytes())))),
        ("deserialize_code_last", "hand") => repeat(iters, || _ = black_box(parse::<S::Hand>(&last))),
        ("deserialize_serde_code_first", "amp") => repeat(iters, || _ = black_box(parse::<S::Amp>(&first))),
        ("deserialize_serde_code_first", "hand") => repeat(iters, || _ = black_box(parse::<S::Hand>(&first))),
        ("status_code", "amp") => repeat(iters, || _ = black_box(S::amp_status_code(black_box(&amp_t)))),
        ("status_code", "hand") => repeat(iters, || _ = black_box(S::hand_status_code(black_box(&hand_t)))),
        _ => return false,
    }
    true
}

/// Runs `op` `iters` times.
fn repeat(iters: usize, mut op: impl FnMut()) {
    for _ in 0..iters {
        op();
    }
}

/// One parse of `body`, as the deserialize benchmarks do it.
fn parse<T: DeserializeOwned>(body: &str) -> T {
    serde_json::from_slice(black_box(body.as_bytes())).unwrap()
}

/// One serialization through serde_json into a reused buffer: the bytes a
/// server writes.
fn serialize<T: Serialize>(buf: &mut Vec<u8>, value: &T) {
    buf.clear();
    serde_json::to_writer(&mut *buf, value).unwrap();
    black_box(&buf);
}

/// The same bytes, by amp-errors' writer.
fn write<S: Subject>(buf: &mut Vec<u8>, value: &S::Amp) {
    buf.clear();
    S::amp_write(value, buf);
    black_box(&buf);
}

/// The global allocator of the bench binary: the system's, counting calls.
pub struct CountingAllocator {
    count: AtomicU64,
}

impl CountingAllocator {
    /// A counter at zero.
    pub const fn new() -> Self {
        CountingAllocator { count: AtomicU64::new(0) }
    }

    /// Allocations (and reallocations) so far.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.count.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.count.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Heap allocations per call of `op`, over many calls after a warm-up one
/// (the buffer has grown, lazy statics are set).
fn per_op(counter: &CountingAllocator, mut op: impl FnMut()) -> f64 {
    const ROUNDS: u64 = 1000;
    op();
    let before = counter.count();
    for _ in 0..ROUNDS {
        op();
    }
    (counter.count() - before) as f64 / ROUNDS as f64
}

/// Heap allocations per operation of one size, as a JSON object.
pub fn count_allocations<S: Subject>(counter: &CountingAllocator) -> serde_json::Value {
    let (_, first, last) = bodies::<S>();
    let mut buf = Vec::with_capacity(1024);
    let (amp_l, hand_l) = (S::amp_literal(), S::hand_literal());
    let (amp_t, hand_t) = (S::amp_template(), S::hand_template());
    let ser_l = (
        per_op(counter, || write::<S>(&mut buf, &amp_l)),
        per_op(counter, || serialize(&mut buf, &hand_l)),
    );
    let ser_t = (
        per_op(counter, || write::<S>(&mut buf, &amp_t)),
        per_op(counter, || serialize(&mut buf, &hand_t)),
    );
    // Through serde: amp-errors' count; the hand-written side's is the same as above.
    let ser_serde = (per_op(counter, || serialize(&mut buf, &amp_t)), ser_t.1);
    let build = (
        per_op(counter, || write::<S>(&mut buf, &S::amp_template())),
        per_op(counter, || serialize(&mut buf, &S::hand_template())),
    );
    let de = |body: &str| {
        (
            per_op(counter, || {
                black_box(S::amp_parse(body.as_bytes()));
            }),
            per_op(counter, || {
                black_box(serde_json::from_str::<S::Hand>(body).unwrap());
            }),
        )
    };
    let (de_first, de_last) = (de(&first), de(&last));
    // Through serde: amp-errors' count; the hand-written side's is code first's.
    let de_serde = (
        per_op(counter, || {
            black_box(serde_json::from_str::<S::Amp>(&first).unwrap());
        }),
        de_first.1,
    );
    let pair = |(amp, hand): (f64, f64)| serde_json::json!({ "amp": amp, "hand": hand });
    serde_json::json!({
        "n": S::N,
        "serialize_literal": pair(ser_l),
        "serialize_template": pair(ser_t),
        "serialize_serde_template": pair(ser_serde),
        "construct_serialize_template": pair(build),
        "deserialize_code_first": pair(de_first),
        "deserialize_code_last": pair(de_last),
        "deserialize_serde_code_first": pair(de_serde),
    })
}
