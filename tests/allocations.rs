//! The serializer allocates nothing: a server answering 429s by the hundred
//! thousand writes each body straight into its output buffer. Parsing a
//! known code allocates only its owned strings. Counted with a
//! global allocator that tallies every allocation of this test binary (one
//! test function, so no other test allocates meanwhile). The benchmarks
//! (`BENCHMARKS.md`) report the same counts next to the hand-written enum's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use amp_api_errors::{AmpError, AmpErrorCode};
use amp_errors::ErrorResponse;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by serializing `response` into `buf` (already grown),
/// through serde_json and by the library's writer (`write_to`, what the axum
/// integration sends), which write the same bytes; `buf` holds them after.
fn allocations_of(buf: &mut Vec<u8>, response: &ErrorResponse<AmpError>) -> usize {
    buf.clear();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    serde_json::to_writer(&mut *buf, response).expect("serializes");
    let len = buf.len();
    response.write_to(buf).expect("serializes");
    let count = ALLOCATIONS.load(Ordering::Relaxed) - before;
    let (theirs, ours) = buf.split_at(len);
    assert_eq!(
        String::from_utf8_lossy(ours),
        String::from_utf8_lossy(theirs)
    );
    buf.truncate(len);
    count
}

#[test]
fn serializing_allocates_nothing() {
    let mut buf = Vec::with_capacity(4096);

    // Every code with its catalog message and no override: literal messages
    // are written as they are, templates are rendered straight into the output.
    for code in AmpErrorCode::ALL {
        let mut error = code.example().unwrap().with_request_id("req_xxxxxxxxxxxx");
        if let Some(meta) = error.meta_mut() {
            meta.message = None;
        }
        let response = ErrorResponse::new(error);
        let count = allocations_of(&mut buf, &response);
        assert_eq!(count, 0, "{code}: {}", String::from_utf8_lossy(&buf));
    }

    // The seed's 429, rendered from `{retry_after}`.
    let response = ErrorResponse::new(AmpError::rate_limit_exceeded(45));
    assert_eq!(allocations_of(&mut buf, &response), 0);
    assert_eq!(
        std::str::from_utf8(&buf).unwrap(),
        r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"doc_url":"https://docs.amp.dev/api/errors#rate_limit_exceeded"}}"#
    );

    // A message override is written from where it is stored.
    let response =
        ErrorResponse::new(AmpError::forbidden().with_message("Missing scope: missions:write"));
    assert_eq!(allocations_of(&mut buf, &response), 0);

    // The counter counts: the same body through `to_vec` allocates its buffer.
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let _ = serde_json::to_vec(&response).expect("serializes");
    assert!(ALLOCATIONS.load(Ordering::Relaxed) > before);

    // Parsing: tolerance and losslessness cost no allocation on the common
    // path. The seed's 429, with `code` first or last: the request id,
    // nothing else (the members before `code` wait as borrowed text on the
    // stack, the received order is kept inline, and the message, the
    // template rendered from the fields, is not stored); 5 before members
    // were kept as their borrowed text, 3 before they waited on the stack, 2
    // before the message was compared with the template.
    // `ErrorResponse::from_slice` (one pass, no serde) allocates the same.
    let mut parse = |body: &str| {
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        let ours = ErrorResponse::<AmpError>::from_slice(body.as_bytes()).expect("parses");
        let count_ours = ALLOCATIONS.load(Ordering::Relaxed) - before;
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        let response: ErrorResponse<AmpError> = serde_json::from_str(body).expect("parses");
        let count = ALLOCATIONS.load(Ordering::Relaxed) - before;
        assert_eq!((count_ours, &ours), (count, &response), "{body}");
        // Written back as received, without allocating either.
        assert_eq!(allocations_of(&mut buf, &response), 0, "{body}");
        assert_eq!(std::str::from_utf8(&buf).unwrap(), body);
        count
    };
    let code_first = r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"limit":300,"current":312,"doc_url":"https://docs.amp.dev/api/errors#rate_limit_exceeded","request_id":"req_1"}}"#;
    assert_eq!(parse(code_first), 1);
    let code_last = r#"{"error":{"message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"limit":300,"current":312,"doc_url":"https://docs.amp.dev/api/errors#rate_limit_exceeded","request_id":"req_1","code":"rate_limit_exceeded"}}"#;
    assert_eq!(parse(code_last), 1);
    // A message of the server's own is stored: one allocation more.
    let own_message = r#"{"error":{"code":"rate_limit_exceeded","message":"Slow down: retry in 45 s.","retry_after":45,"request_id":"req_1"}}"#;
    assert_eq!(parse(own_message), 2);
    // The same for a literal message, compared with the catalog's text.
    let literal = r#"{"error":{"code":"unauthorized","message":"Missing, invalid, or expired authentication.","doc_url":"https://docs.amp.dev/api/errors#unauthorized","request_id":"req_1"}}"#;
    assert_eq!(parse(literal), 1);
}
