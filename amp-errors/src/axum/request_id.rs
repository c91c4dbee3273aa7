//! Request ids: taken from a well-formed incoming `X-Request-Id`, or made
//! with the catalog's prefix from the operating system's CSPRNG.
//!
//! Why not tower-http's `SetRequestIdLayer` and `PropagateRequestIdLayer`:
//! they take any incoming header value as the id (no length or charset
//! check, so a client could put anything into the logs and error bodies),
//! and the id must still be written into the error body after the handler,
//! which they do not do; wrapping them would leave [`super::layer`] doing
//! the same work around them. tower-http's `CatchPanicLayer` is used as is.

/// The header request ids travel in.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The longest incoming request id taken as is.
pub const MAX_REQUEST_ID_LEN: usize = 64;

/// The id of the request being handled, in the request's extensions (set by
/// [`super::layer`] and [`super::request_ids`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// Whether an incoming request id is taken as is: 1 to
/// [`MAX_REQUEST_ID_LEN`] characters among ASCII letters, digits, `-`, `_`
/// and `.` (nothing a log line or a header could be confused by).
pub fn is_valid_request_id(id: &str) -> bool {
    (1..=MAX_REQUEST_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A new request id: `prefix` and 12 characters of `[a-z0-9]` from the
/// operating system's CSPRNG.
pub fn new_request_id(prefix: &str) -> String {
    const ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 12];
    // The OS generator does not fail on supported platforms; if it did, the
    // id would still be unique enough for logs, but not unguessable.
    let _ = getrandom::fill(&mut bytes);
    let mut id = String::with_capacity(prefix.len() + 12);
    id.push_str(prefix);
    // 256 is not a multiple of 36: reject the top bytes to stay uniform.
    for byte in bytes {
        let mut b = byte;
        while b >= 252 {
            let mut one = [0u8; 1];
            let _ = getrandom::fill(&mut one);
            b = one[0];
        }
        id.push(ALPHABET[usize::from(b % 36)] as char);
    }
    id
}

/// The id of a request with `headers`: the incoming one when well-formed,
/// else a new one with `prefix`.
pub(super) fn request_id_of(headers: &http::HeaderMap, prefix: &str) -> String {
    headers
        .get(REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_valid_request_id(id))
        .map_or_else(|| new_request_id(prefix), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_checked_and_made_with_the_prefix() {
        assert!(is_valid_request_id("req_8f3a21c0d9e7"));
        assert!(is_valid_request_id("a.b-c_D"));
        for bad in ["", "has space", "crlf\r\nX: y", "é", &"x".repeat(65)] {
            assert!(!is_valid_request_id(bad), "{bad:?}");
        }
        let id = new_request_id("req_");
        assert_eq!(id.len(), 16);
        assert!(id.starts_with("req_") && is_valid_request_id(&id), "{id}");
        assert_ne!(new_request_id("req_"), new_request_id("req_"));
    }
}
