//! The client side, independent of any HTTP library (feature `client`):
//! what a non-2xx response is ([`HttpError`]), whether and when to retry it
//! ([`RetryPolicy`], [`RetryBudget`]), with time and randomness injected so
//! that tests check every wait without sleeping.
//!
//! The strategy is the seed's "Retry Strategy" (up to 3 attempts, waiting
//! `min(1000 ms * 2^attempt, 30 s)`), hardened as the AWS SDKs learnt to:
//! full jitter, the server's delay honoured (the `Retry-After` header, in
//! seconds or as an HTTP date, or the body's `retry_after`) but clamped to a
//! maximum, and a retry budget per client so that an outage does not turn
//! every caller into three.

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::{CatalogError, ErrorResponse};

/// The most of a body read to show in an error when it is not an error
/// envelope (an HTML page from a proxy, say).
pub const BODY_START: usize = 512;

/// The largest error body parsed whole; a longer one is reported as not an
/// envelope (read no more than this from the network).
pub const MAX_ERROR_BODY: usize = 64 * 1024;

/// The headers of an error response that matter to a client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorHeaders {
    /// `Retry-After`, as sent (seconds or an HTTP date).
    pub retry_after: Option<String>,
    /// `X-Request-Id`.
    pub request_id: Option<String>,
    /// `X-RateLimit-Limit`.
    pub rate_limit_limit: Option<String>,
    /// `X-RateLimit-Remaining`.
    pub rate_limit_remaining: Option<String>,
    /// `X-RateLimit-Reset`.
    pub rate_limit_reset: Option<String>,
}

impl ErrorHeaders {
    /// Picks the headers that matter out of `headers` (names in any case).
    pub fn from_pairs<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut out = ErrorHeaders::default();
        for (name, value) in headers {
            // Compared without a lowercased copy: most headers are none of these.
            let slot = if name.eq_ignore_ascii_case("retry-after") {
                &mut out.retry_after
            } else if name.eq_ignore_ascii_case("x-request-id") {
                &mut out.request_id
            } else if name.eq_ignore_ascii_case("x-ratelimit-limit") {
                &mut out.rate_limit_limit
            } else if name.eq_ignore_ascii_case("x-ratelimit-remaining") {
                &mut out.rate_limit_remaining
            } else if name.eq_ignore_ascii_case("x-ratelimit-reset") {
                &mut out.rate_limit_reset
            } else {
                continue;
            };
            *slot = Some(value.trim().to_owned());
        }
        out
    }

    /// `Retry-After` as a wait from `now`: seconds, or an HTTP date (a date
    /// in the past is no wait). `None` when absent or unreadable.
    pub fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        let value = self.retry_after.as_deref()?;
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        let date = httpdate::parse_http_date(value).ok()?;
        Some(date.duration_since(now).unwrap_or(Duration::ZERO))
    }
}

/// A non-2xx HTTP response, as a client sees it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum HttpError<E> {
    /// The body is the catalog's error envelope (unknown codes kept).
    Api {
        /// The response's real status (not the catalog's: an unknown code, or
        /// a proxy that changed it).
        status: u16,
        /// The headers that matter.
        headers: ErrorHeaders,
        /// The parsed body.
        response: ErrorResponse<E>,
    },
    /// The body is not an error envelope: an HTML 502 from a proxy, an
    /// empty 503, a body over [`MAX_ERROR_BODY`].
    NotAnEnvelope {
        /// The response's status.
        status: u16,
        /// The headers that matter.
        headers: ErrorHeaders,
        /// The start of the body (at most [`BODY_START`] bytes, lossily UTF-8).
        body_start: String,
    },
}

impl<E: CatalogError> HttpError<E> {
    /// The error of a response with `status`, `headers` and `body`.
    pub fn from_response<'a>(
        status: u16,
        headers: impl IntoIterator<Item = (&'a str, &'a str)>,
        body: &[u8],
    ) -> Self {
        let headers = ErrorHeaders::from_pairs(headers);
        let parsed = if body.len() <= MAX_ERROR_BODY {
            ErrorResponse::<E>::from_slice(body).ok()
        } else {
            None
        };
        match parsed {
            Some(response) => HttpError::Api {
                status,
                headers,
                response,
            },
            None => {
                let start = &body[..body.len().min(BODY_START)];
                HttpError::NotAnEnvelope {
                    status,
                    headers,
                    body_start: String::from_utf8_lossy(start).into_owned(),
                }
            }
        }
    }

    /// The response's status.
    pub fn status(&self) -> u16 {
        match self {
            HttpError::Api { status, .. } | HttpError::NotAnEnvelope { status, .. } => *status,
        }
    }

    /// The headers that matter.
    pub fn headers(&self) -> &ErrorHeaders {
        match self {
            HttpError::Api { headers, .. } | HttpError::NotAnEnvelope { headers, .. } => headers,
        }
    }

    /// The catalog error, when the body is an envelope.
    pub fn error(&self) -> Option<&E> {
        match self {
            HttpError::Api { response, .. } => Some(&response.error),
            HttpError::NotAnEnvelope { .. } => None,
        }
    }

    /// Whether retrying may succeed: the catalog says so for a known code;
    /// otherwise (an unknown code, not an envelope) the status decides, as
    /// Connect clients do: 429, 502, 503 and 504 are retryable.
    pub fn is_retryable(&self) -> bool {
        match self.error() {
            Some(error) if error.known_code().is_some() => error.is_retryable(),
            _ => matches!(self.status(), 429 | 502 | 503 | 504),
        }
    }

    /// Whether the server says it did not act on the request: throttled
    /// (429) or unavailable (503), so that sending it again cannot do a
    /// thing twice. Other errors (a 500, a gateway's 502 or 504) may come
    /// after the server acted.
    pub fn was_not_processed(&self) -> bool {
        matches!(self.status(), 429 | 503)
    }

    /// The wait the server asks for, from `now`: the `Retry-After` header,
    /// else the catalog's `Retry-After` of the body (its `retry_after` field).
    pub fn server_delay(&self, now: SystemTime) -> Option<Duration> {
        self.headers().retry_after(now).or_else(|| {
            let headers = self.error()?.response_headers();
            let (_, seconds) = headers
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("retry-after"))?;
            seconds.parse().ok().map(Duration::from_secs)
        })
    }
}

impl<E: CatalogError> fmt::Display for HttpError<E> {
    /// `HTTP 429: rate_limit_exceeded: …` (the error's `{:#}`), or the status
    /// and the start of a body that is no envelope.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::Api {
                status, response, ..
            } => write!(f, "HTTP {status}: {:#}", response.error),
            HttpError::NotAnEnvelope {
                status, body_start, ..
            } => {
                write!(f, "HTTP {status}, not an error envelope")?;
                if !body_start.is_empty() {
                    write!(f, ": {body_start:?}")?;
                }
                Ok(())
            }
        }
    }
}

impl<E: CatalogError> std::error::Error for HttpError<E> {}

/// A source of randomness in `[0, 1)`, injected so tests can fix it.
pub trait Jitter {
    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64;
}

impl<F: FnMut() -> f64> Jitter for F {
    fn unit(&mut self) -> f64 {
        self()
    }
}

/// When to retry, and how long to wait: the seed's strategy, with full
/// jitter and the server's delay clamped.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (the seed: 3).
    pub max_attempts: u32,
    /// The wait before the first retry, before jitter (the seed: 1 s).
    pub base: Duration,
    /// The longest backoff (the seed: 30 s).
    pub cap: Duration,
    /// The longest server-requested wait honoured; a server asking for more
    /// ("retry in an hour") is not retried.
    pub max_server_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(30),
            max_server_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (0 for the first):
    /// `min(base * 2^retry, cap)`, before jitter.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// How long to wait before retry number `retry` of an idempotent
    /// request after `error`, or `None` when not to retry: not retryable,
    /// attempts used up, or a server delay over
    /// [`max_server_delay`](Self::max_server_delay). The wait is full jitter
    /// over the backoff (uniform in `[0, backoff)`), but never shorter than
    /// the server asks for.
    pub fn delay<E: CatalogError>(
        &self,
        error: &HttpError<E>,
        retry: u32,
        now: SystemTime,
        jitter: &mut (impl Jitter + ?Sized),
    ) -> Option<Duration> {
        self.delay_for(Replay::Idempotent, error, retry, now, jitter)
    }

    /// [`delay`](Self::delay) for a request that is `replay`: one that is
    /// not idempotent (a `POST` without an idempotency key) is retried only
    /// when the server says it did not act on it
    /// ([`HttpError::was_not_processed`]: 429, 503), never after a 500, 502
    /// or 504, which may come after it did.
    pub fn delay_for<E: CatalogError>(
        &self,
        replay: Replay,
        error: &HttpError<E>,
        retry: u32,
        now: SystemTime,
        jitter: &mut (impl Jitter + ?Sized),
    ) -> Option<Duration> {
        if !error.is_retryable() || retry + 1 >= self.max_attempts {
            return None;
        }
        if replay == Replay::NotIdempotent && !error.was_not_processed() {
            return None;
        }
        let jittered = self.jittered(retry, jitter);
        match error.server_delay(now) {
            Some(server) if server > self.max_server_delay => None,
            Some(server) => Some(server.max(jittered)),
            None => Some(jittered),
        }
    }
}

/// Why a request got no response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NoResponse {
    /// The connection could not be made: the request never reached the
    /// server, so sending it again is safe whatever its method.
    NotSent,
    /// No response in time: the server may have acted on the request.
    TimedOut,
}

impl RetryPolicy {
    /// How long to wait before retry number `retry` of a request `replay`
    /// that got no response, or `None` when not to retry: attempts used up,
    /// or a timeout of a request that is not idempotent (the server may have
    /// acted). A connection that could not be made is retried whatever the
    /// method. The wait is the backoff with full jitter; the budget charges
    /// [`RetryBudget::TIMEOUT_COST`] for a timeout.
    pub fn delay_without_response(
        &self,
        why: NoResponse,
        replay: Replay,
        retry: u32,
        jitter: &mut (impl Jitter + ?Sized),
    ) -> Option<Duration> {
        if retry + 1 >= self.max_attempts {
            return None;
        }
        if why == NoResponse::TimedOut && replay == Replay::NotIdempotent {
            return None;
        }
        Some(self.jittered(retry, jitter))
    }

    /// The backoff before retry number `retry`, times a jitter in `[0, 1)`.
    fn jittered(&self, retry: u32, jitter: &mut (impl Jitter + ?Sized)) -> Duration {
        self.backoff(retry).mul_f64(jitter.unit().clamp(0.0, 1.0))
    }
}

/// Whether sending a request twice is safe: what the retry policy needs to
/// know of the request itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Replay {
    /// Safe to send again: an idempotent method (`GET`, `HEAD`, `OPTIONS`,
    /// `PUT`, `DELETE`, `TRACE`), or a request carrying an
    /// `Idempotency-Key` the server deduplicates by.
    Idempotent,
    /// Not safe (`POST`, `PATCH` without a key): retried only when the
    /// server did not act on it.
    NotIdempotent,
}

impl Replay {
    /// The replay safety of a request with `method` (upper case, as sent)
    /// that `has_idempotency_key` or not.
    pub fn of(method: &str, has_idempotency_key: bool) -> Replay {
        let idempotent = matches!(
            method,
            "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE" | "TRACE"
        );
        if idempotent || has_idempotency_key {
            Replay::Idempotent
        } else {
            Replay::NotIdempotent
        }
    }
}

/// A retry budget per client (the AWS SDKs' standard mode): retries spend
/// tokens, successes earn a few back, and when the bucket is empty the
/// client stops retrying, so an outage does not multiply its own load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryBudget {
    tokens: u32,
    capacity: u32,
}

impl RetryBudget {
    /// What a retry costs.
    pub const RETRY_COST: u32 = 5;
    /// What a retry after a timeout costs (AWS: twice a retry's cost, since
    /// timeouts are what an overloaded server gives).
    pub const TIMEOUT_COST: u32 = 10;
    /// What a success earns back.
    pub const SUCCESS_REFUND: u32 = 1;

    /// A full bucket of `capacity` tokens (AWS: 500).
    pub fn new(capacity: u32) -> Self {
        RetryBudget {
            tokens: capacity,
            capacity,
        }
    }

    /// Takes the cost of one retry; `false` (and nothing taken) when the
    /// budget cannot pay for it.
    pub fn try_spend(&mut self) -> bool {
        self.try_spend_cost(Self::RETRY_COST)
    }

    /// Takes `cost` tokens ([`Self::RETRY_COST`], [`Self::TIMEOUT_COST`]);
    /// `false` (and nothing taken) when the budget cannot pay for it.
    pub fn try_spend_cost(&mut self, cost: u32) -> bool {
        match self.tokens.checked_sub(cost) {
            Some(left) => {
                self.tokens = left;
                true
            }
            None => false,
        }
    }

    /// Records a success.
    pub fn refund(&mut self) {
        self.tokens = (self.tokens + Self::SUCCESS_REFUND).min(self.capacity);
    }

    /// The tokens left.
    pub fn tokens(&self) -> u32 {
        self.tokens
    }
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget::new(500)
    }
}
