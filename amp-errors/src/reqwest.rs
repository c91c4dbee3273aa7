//! A reqwest client that parses the catalog's errors and retries by the
//! seed's strategy (feature `reqwest`), on the HTTP-library-independent core
//! in [`client`](crate::client).
//!
//! ```ignore
//! let client = amp_errors::reqwest::Client::<AmpError>::new(reqwest::Client::new());
//! match client.send(|http| http.post(url).json(&mission)).await {
//!     Ok(response) => { /* 2xx */ }
//!     Err(amp_errors::reqwest::Error::Http(err)) => match err.error() {
//!         Some(AmpError::ValidationError { details, .. }) => show(details),
//!         _ => eprintln!("{err}"),
//!     },
//!     Err(other) => eprintln!("{other}"),
//! }
//! ```

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::CatalogError;
use crate::client::{
    HttpError, Jitter, MAX_ERROR_BODY, NoResponse, Replay, RetryBudget, RetryPolicy,
};

/// What [`Client::send`] fails with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// A non-2xx response, after the retries the policy allowed.
    Http(HttpError<E>),
    /// No response: the connection failed, or reading the body did.
    Transport(::reqwest::Error),
}

impl<E: CatalogError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Http(err) => err.fmt(f),
            Error::Transport(err) => write!(f, "transport error: {err}"),
        }
    }
}

impl<E: CatalogError> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Http(err) => Some(err),
            Error::Transport(err) => Some(err),
        }
    }
}

/// A future that waits.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A reqwest client for an API whose errors are catalog `E`'s: every
/// non-2xx response becomes an [`HttpError<E>`], and retryable ones are
/// retried by the [`RetryPolicy`] within the client's [`RetryBudget`].
/// The clock, the jitter and the sleep are injectable, so tests check every
/// wait without waiting.
pub struct Client<E> {
    http: ::reqwest::Client,
    policy: RetryPolicy,
    budget: Mutex<RetryBudget>,
    jitter: Mutex<Box<dyn Jitter + Send>>,
    clock: Arc<dyn Fn() -> SystemTime + Send + Sync>,
    sleep: Arc<dyn Fn(Duration) -> Sleep + Send + Sync>,
    catalog: PhantomData<fn() -> E>,
}

/// Jitter from the operating system's random source.
struct OsJitter;

impl Jitter for OsJitter {
    fn unit(&mut self) -> f64 {
        let mut bytes = [0u8; 8];
        // Without randomness the wait is the full backoff: still correct.
        if getrandom::fill(&mut bytes).is_err() {
            return 1.0 - f64::EPSILON;
        }
        (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl<E: CatalogError> Client<E> {
    /// A client with the seed's policy, a budget of 500 tokens, the system
    /// clock, OS randomness and tokio's sleep.
    pub fn new(http: ::reqwest::Client) -> Self {
        Client {
            http,
            policy: RetryPolicy::default(),
            budget: Mutex::new(RetryBudget::default()),
            jitter: Mutex::new(Box::new(OsJitter)),
            clock: Arc::new(SystemTime::now),
            sleep: Arc::new(|wait| Box::pin(tokio::time::sleep(wait))),
            catalog: PhantomData,
        }
    }

    /// Replaces the retry policy.
    #[must_use]
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Replaces the retry budget.
    #[must_use]
    pub fn with_budget(mut self, budget: RetryBudget) -> Self {
        self.budget = Mutex::new(budget);
        self
    }

    /// Replaces the jitter (a number in `[0, 1)` per wait).
    #[must_use]
    pub fn with_jitter(mut self, jitter: impl Jitter + Send + 'static) -> Self {
        self.jitter = Mutex::new(Box::new(jitter));
        self
    }

    /// Replaces the clock `Retry-After` dates are read against.
    #[must_use]
    pub fn with_clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Replaces how the client waits between attempts.
    #[must_use]
    pub fn with_sleep(mut self, sleep: impl Fn(Duration) -> Sleep + Send + Sync + 'static) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// The retry budget's tokens left.
    pub fn budget_tokens(&self) -> u32 {
        self.budget.lock().map_or(0, |budget| budget.tokens())
    }

    /// Sends the request `build` makes (called once per attempt), retrying
    /// retryable errors; a 2xx response is returned as is.
    ///
    /// A request that is not idempotent (`POST` or `PATCH` without an
    /// `Idempotency-Key` header) is retried only after a 429 or a 503, when
    /// the server did not act on it; after a 500, 502 or 504 the error is
    /// returned, since the server may have acted. Without a response: a
    /// connection that could not be made is retried (the request never
    /// left), a timeout only for an idempotent request (and it costs the
    /// budget [`RetryBudget::TIMEOUT_COST`]), any other transport error
    /// never.
    pub async fn send(
        &self,
        build: impl Fn(&::reqwest::Client) -> ::reqwest::RequestBuilder,
    ) -> Result<::reqwest::Response, Error<E>> {
        let mut retry = 0;
        loop {
            let request = build(&self.http).build().map_err(Error::Transport)?;
            let replay = Replay::of(
                request.method().as_str(),
                request.headers().contains_key("idempotency-key"),
            );
            let response = match self.http.execute(request).await {
                Ok(response) => response,
                Err(error) => {
                    self.wait_without_response(error, replay, retry).await?;
                    retry += 1;
                    continue;
                }
            };
            let status = response.status();
            if status.is_success() || status.is_informational() || status.is_redirection() {
                if let Ok(mut budget) = self.budget.lock() {
                    budget.refund();
                }
                return Ok(response);
            }
            let err = read_error::<E>(response).await?;
            let wait = {
                let mut jitter = self.jitter.lock().map_err(|_| Error::Http(err.clone()))?;
                self.policy
                    .delay_for(replay, &err, retry, (self.clock)(), &mut **jitter)
            };
            let paid = wait.is_some() && self.budget.lock().is_ok_and(|mut b| b.try_spend());
            match wait {
                Some(wait) if paid => (self.sleep)(wait).await,
                _ => return Err(Error::Http(err)),
            }
            retry += 1;
        }
    }
}

impl<E: CatalogError> Client<E> {
    /// Waits before retry number `retry` of a request `replay` that got no
    /// response because of `error`, or returns the error when not to retry:
    /// a connection that could not be made is retried, a timeout only for an
    /// idempotent request, anything else never.
    async fn wait_without_response(
        &self,
        error: ::reqwest::Error,
        replay: Replay,
        retry: u32,
    ) -> Result<(), Error<E>> {
        let (why, cost) = if error.is_connect() {
            (NoResponse::NotSent, RetryBudget::RETRY_COST)
        } else if error.is_timeout() {
            (NoResponse::TimedOut, RetryBudget::TIMEOUT_COST)
        } else {
            return Err(Error::Transport(error));
        };
        let wait = match self.jitter.lock() {
            Ok(mut jitter) => self
                .policy
                .delay_without_response(why, replay, retry, &mut **jitter),
            Err(_) => None,
        };
        let paid = wait.is_some()
            && self
                .budget
                .lock()
                .is_ok_and(|mut budget| budget.try_spend_cost(cost));
        match wait {
            Some(wait) if paid => {
                (self.sleep)(wait).await;
                Ok(())
            }
            _ => Err(Error::Transport(error)),
        }
    }
}

/// Reads an error response: at most [`MAX_ERROR_BODY`] bytes of its body.
async fn read_error<E: CatalogError>(
    mut response: ::reqwest::Response,
) -> Result<HttpError<E>, Error<E>> {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(Error::Transport)? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_ERROR_BODY {
            // Not read whole: too large to be an error envelope.
            break;
        }
    }
    let pairs = headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    Ok(HttpError::from_response(status, pairs, &body))
}
