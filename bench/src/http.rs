//! `amp-bench http`: amp-errors over HTTP, both ways, against what a team
//! would write by hand.
//!
//! - **Serving.** The demo API ([`amp_demo::app`]: every error an `AmpError`
//!   answered through amp-errors' `axum` feature, behind whatever amp-errors
//!   middleware the demo has: `amp_errors::axum::layer`, for request ids,
//!   the catalog's answers to axum's own failures and panics) against
//!   [`hand::app`], a hand-written axum API with the same routes and the
//!   same jobs done by hand-written middleware, whose errors are
//!   hand-written serde structs. Both serve on
//!   loopback sockets in one server thread; a client thread sends a fixed
//!   number of requests over a few keep-alive connections and counts
//!   requests per second. Before timing, both must answer the same status,
//!   the same body bytes and the same headers.
//! - **Parsing.** What the client does with such a response:
//!   `HttpError::from_response` (status, headers and body into the typed
//!   error, amp-errors' transport-neutral client core) against reading the
//!   body as a `serde_json::Value`, in process, timed in batches.

use std::hint::black_box;
use std::net::SocketAddr;
use std::thread::JoinHandle;
use std::time::Instant;

use amp_api_errors::AmpError;
use amp_errors::ErrorResponse;
use amp_errors::client::HttpError;
use axum::http::header::{DATE, HOST};
use axum::http::{HeaderValue, response::Parts};
use axum::serve::ListenerExt;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;

/// Errors of this module; `Send` so that client tasks can return them.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

type Result<T, E = Error> = std::result::Result<T, E>;

/// The request id every benchmark request carries, so that both servers keep
/// it (no random id) and their bodies can be compared byte for byte.
pub const REQUEST_ID: &str = "req_bench0000001";

/// How long and how hard to measure.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Requests per measurement of one side and one response.
    pub requests: usize,
    /// Concurrent keep-alive connections, one client task each.
    pub connections: usize,
    /// Measurements per side and response; the tables show medians.
    pub rounds: usize,
    /// One request per side and response and one parse each, checked, no
    /// timings.
    pub smoke: bool,
}

impl Options {
    /// The full run's settings: 40,000 requests (about half a second) over
    /// 4 connections, 15 rounds.
    pub const FULL: Options = Options {
        requests: 40_000,
        connections: 4,
        rounds: 15,
        smoke: false,
    };

    /// A first look: 20,000 requests, 5 rounds.
    pub const QUICK: Options = Options {
        requests: 20_000,
        connections: 4,
        rounds: 5,
        smoke: false,
    };

    /// Smoke: everything once, no timings.
    pub const SMOKE: Options = Options {
        requests: 1,
        connections: 1,
        rounds: 1,
        smoke: true,
    };
}

/// An error response both servers give, and the request that asks for it.
struct Scenario {
    /// Its name in the tables.
    label: &'static str,
    /// The path of the request: a `GET` without an API key.
    path: &'static str,
    /// The status both servers must answer.
    status: u16,
    /// The error code both servers must answer.
    code: &'static str,
}

/// The responses measured, in table order.
const SCENARIOS: [Scenario; 2] = [
    Scenario {
        label: "429 `rate_limit_exceeded`, the catalog's example (`GET /v1/errors/rate_limit_exceeded`)",
        path: "/v1/errors/rate_limit_exceeded",
        status: 429,
        code: "rate_limit_exceeded",
    },
    Scenario {
        label: "401 `unauthorized` from the auth middleware (`GET /v1/missions`, no API key)",
        path: "/v1/missions",
        status: 401,
        code: "unauthorized",
    },
];

/// One response's results; `None` for what a smoke run does not time.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The response, as the tables name it.
    pub label: &'static str,
    /// Its body's length, the same on both sides.
    pub body_bytes: usize,
    /// Its header count, the same on both sides.
    pub headers: usize,
    /// The demo's requests per second (median).
    pub amp_rps: Option<f64>,
    /// The hand-written API's requests per second (median).
    pub hand_rps: Option<f64>,
    /// amp ÷ hand requests per second: the median of the rounds' ratios
    /// (each round measures both sides back to back, so a burst of load from
    /// elsewhere tends to hit both).
    pub rps_ratio: Option<f64>,
    /// The lowest and highest amp ÷ hand ratio of a single round.
    pub rps_ratio_range: Option<(f64, f64)>,
    /// The server thread's CPU time per request serving the demo, µs (median).
    pub amp_cpu_us: Option<f64>,
    /// The server thread's CPU time per request serving the hand-written
    /// API, µs (median).
    pub hand_cpu_us: Option<f64>,
    /// amp ÷ hand server CPU time per request, the median of the rounds'
    /// ratios.
    pub cpu_ratio: Option<f64>,
    /// `HttpError::<AmpError>::from_response` of the whole response, ns.
    pub parse_http_error_ns: Option<f64>,
    /// `ErrorResponse::<AmpError>::from_slice` of the body (what
    /// `from_response` calls), ns.
    pub parse_typed_body_ns: Option<f64>,
    /// `serde_json::from_slice::<serde_json::Value>` of the body, ns.
    pub parse_value_ns: Option<f64>,
}

/// Everything `amp-bench http` measured.
#[derive(Debug, Clone)]
pub struct Report {
    /// The settings it ran with.
    pub options: Options,
    /// One row per response, in table order.
    pub rows: Vec<Row>,
}

/// A response read whole.
struct Fetched {
    parts: Parts,
    body: Bytes,
}

impl Fetched {
    /// Its headers as (name, value) text, in the order received.
    fn header_pairs(&self) -> Result<Vec<(String, String)>> {
        self.parts
            .headers
            .iter()
            .map(|(name, value)| Ok((name.as_str().to_owned(), value.to_str()?.to_owned())))
            .collect()
    }
}

/// Starts both servers, checks that they answer alike, then (unless smoke)
/// measures serving and parsing.
pub fn run(options: &Options) -> Result<Report> {
    let servers = Servers::start()?;
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut rows = Vec::new();
    let mut samples = Vec::new();
    for scenario in &SCENARIOS {
        let amp = client.block_on(fetch_one(servers.amp, scenario.path))?;
        let hand = client.block_on(fetch_one(servers.hand, scenario.path))?;
        let headers = check_same(scenario, &amp, &hand)?;
        check_parse(scenario, &amp)?;
        rows.push(Row {
            label: scenario.label,
            body_bytes: amp.body.len(),
            headers,
            ..Row::default()
        });
        samples.push(amp);
    }
    if !options.smoke {
        for (row, scenario) in rows.iter_mut().zip(&SCENARIOS) {
            measure_serving(options, &client, &servers, scenario, row)?;
        }
        for (row, sample) in rows.iter_mut().zip(&samples) {
            measure_parsing(options, sample, row)?;
        }
    }
    drop(client);
    servers.stop()?;
    Ok(Report {
        options: *options,
        rows,
    })
}

/// Requests per second of each side, alternating, median of the rounds.
fn measure_serving(
    options: &Options,
    client: &tokio::runtime::Runtime,
    servers: &Servers,
    scenario: &Scenario,
    row: &mut Row,
) -> Result<()> {
    let connections = options.connections.max(1);
    let requests = options.requests.max(connections);
    let expect = (scenario.status, row.body_bytes);
    eprintln!("    {}", scenario.path);
    // Warm both up: connections, allocator, caches.
    for addr in [servers.amp, servers.hand] {
        client.block_on(load(addr, scenario.path, requests / 4, connections, expect))?;
    }
    let (mut amp, mut hand, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let (mut amp_cpu, mut hand_cpu, mut cpu_ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..options.rounds.max(1) {
        // Alternate which side goes first, so neither always runs on a
        // warmer (or busier) machine.
        let amp_first = round % 2 == 1;
        let mut rps = [0.0; 2];
        let mut cpu = [None; 2];
        for i in 0..2 {
            let is_amp = (i == 0) == amp_first;
            let addr = if is_amp { servers.amp } else { servers.hand };
            let before = servers.cpu_ns();
            let rate = client.block_on(load(addr, scenario.path, requests, connections, expect))?;
            let side = usize::from(!is_amp);
            rps[side] = rate;
            cpu[side] = before
                .zip(servers.cpu_ns())
                .map(|(a, b)| b.saturating_sub(a) as f64 / 1e3 / requests as f64);
        }
        eprintln!(
            "      round {round}: amp-errors {:.0} req/s, hand-written {:.0} req/s ({:.3}); server CPU µs/request {} / {}",
            rps[0],
            rps[1],
            rps[0] / rps[1],
            num_2(cpu[0]),
            num_2(cpu[1]),
        );
        amp.push(rps[0]);
        hand.push(rps[1]);
        ratios.push(rps[0] / rps[1]);
        if let [Some(a), Some(h)] = cpu {
            amp_cpu.push(a);
            hand_cpu.push(h);
            cpu_ratios.push(a / h);
        }
    }
    row.amp_rps = Some(median(&mut amp));
    row.hand_rps = Some(median(&mut hand));
    row.rps_ratio = Some(median(&mut ratios));
    if !cpu_ratios.is_empty() {
        row.amp_cpu_us = Some(median(&mut amp_cpu));
        row.hand_cpu_us = Some(median(&mut hand_cpu));
        row.cpu_ratio = Some(median(&mut cpu_ratios));
    }
    row.rps_ratio_range = ratios.first().zip(ratios.last()).map(|(a, b)| (*a, *b));
    Ok(())
}

/// Nanoseconds per parse of each way, alternating, median of the rounds.
fn measure_parsing(options: &Options, sample: &Fetched, row: &mut Row) -> Result<()> {
    let status = sample.parts.status.as_u16();
    let headers = sample.header_pairs()?;
    let body: &[u8] = &sample.body;
    let http_error = || {
        black_box(HttpError::<AmpError>::from_response(
            black_box(status),
            black_box(&headers)
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
            black_box(body),
        ));
    };
    let typed_body = || {
        let _ = black_box(ErrorResponse::<AmpError>::from_slice(black_box(body)));
    };
    let value = || {
        let _ = black_box(serde_json::from_slice::<serde_json::Value>(black_box(body)));
    };
    // Batches of about 100 ms each.
    let iters = [
        calibrate(http_error),
        calibrate(typed_body),
        calibrate(value),
    ];
    let mut times: [Vec<f64>; 3] = Default::default();
    for round in 0..options.rounds.max(1) {
        for k in 0..3 {
            let way = (k + round) % 3;
            let ns = match way {
                0 => batch(iters[0], http_error),
                1 => batch(iters[1], typed_body),
                _ => batch(iters[2], value),
            };
            times[way].push(ns);
        }
    }
    let [a, b, c] = &mut times;
    row.parse_http_error_ns = Some(median(a));
    row.parse_typed_body_ns = Some(median(b));
    row.parse_value_ns = Some(median(c));
    eprintln!(
        "    parse {} bytes: from_response {:.0} ns, typed body {:.0} ns, Value {:.0} ns",
        body.len(),
        median(a),
        median(b),
        median(c)
    );
    Ok(())
}

/// Iterations of `f` that take about 100 ms.
fn calibrate(mut f: impl FnMut()) -> u64 {
    let mut iters = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        let elapsed = start.elapsed().as_secs_f64();
        if elapsed >= 0.02 {
            return ((iters as f64) * 0.1 / elapsed).ceil() as u64;
        }
        iters *= 2;
    }
}

/// Nanoseconds per call of `iters` calls of `f`.
fn batch(iters: u64, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    start.elapsed().as_nanos() as f64 / iters as f64
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Both servers' responses agree: the scenario's status, the same body
/// bytes, the same header names with the same values (`date` aside, which
/// is the clock's). Returns the header count.
fn check_same(scenario: &Scenario, amp: &Fetched, hand: &Fetched) -> Result<usize> {
    for (side, response) in [("amp-errors", amp), ("hand-written", hand)] {
        if response.parts.status.as_u16() != scenario.status {
            return Err(format!(
                "{} {}: status {}, expected {}",
                side, scenario.path, response.parts.status, scenario.status
            )
            .into());
        }
    }
    if amp.body != hand.body {
        return Err(format!(
            "{}: the bodies differ:\n  amp-errors:   {}\n  hand-written: {}",
            scenario.path,
            String::from_utf8_lossy(&amp.body),
            String::from_utf8_lossy(&hand.body)
        )
        .into());
    }
    let headers = |response: &Fetched| -> Result<Vec<(String, String)>> {
        let mut pairs = response.header_pairs()?;
        for (name, value) in &mut pairs {
            if name == DATE.as_str() {
                value.clear();
            }
        }
        pairs.sort();
        Ok(pairs)
    };
    let (amp_headers, hand_headers) = (headers(amp)?, headers(hand)?);
    if amp_headers != hand_headers {
        return Err(format!(
            "{}: the headers differ:\n  amp-errors:   {amp_headers:?}\n  hand-written: {hand_headers:?}",
            scenario.path
        )
        .into());
    }
    Ok(amp_headers.len())
}

/// Both ways of parsing read the scenario's code, and the typed error is
/// written back as received.
fn check_parse(scenario: &Scenario, sample: &Fetched) -> Result<()> {
    let headers = sample.header_pairs()?;
    let parsed = HttpError::<AmpError>::from_response(
        sample.parts.status.as_u16(),
        headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        &sample.body,
    );
    let HttpError::Api {
        status, response, ..
    } = &parsed
    else {
        return Err(format!("{}: not an error envelope: {parsed}", scenario.path).into());
    };
    let code = response.error.code();
    if (*status, code) != (scenario.status, scenario.code) {
        return Err(format!("{}: parsed as {status} {code}", scenario.path).into());
    }
    if parsed.headers().request_id.as_deref() != Some(REQUEST_ID) {
        return Err(format!("{}: no X-Request-Id {REQUEST_ID}", scenario.path).into());
    }
    if serde_json::to_vec(response)? != sample.body {
        return Err(format!(
            "{}: the typed error is not written back as read",
            scenario.path
        )
        .into());
    }
    let value: serde_json::Value = serde_json::from_slice(&sample.body)?;
    if value["error"]["code"] != scenario.code {
        return Err(format!(
            "{}: as a Value, code {}",
            scenario.path, value["error"]["code"]
        )
        .into());
    }
    Ok(())
}

/// A client connection.
type Sender = SendRequest<Empty<Bytes>>;

/// A keep-alive HTTP/1.1 connection to `addr`.
async fn connect(addr: SocketAddr) -> Result<Sender> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender)
}

/// `GET path` on `sender`, with the benchmark's request id; the response
/// read whole.
async fn get(sender: &mut Sender, host: &HeaderValue, path: &str) -> Result<Fetched> {
    sender.ready().await?;
    let request = hyper::Request::get(path)
        .header(HOST, host.clone())
        .header("x-request-id", REQUEST_ID)
        .body(Empty::<Bytes>::new())?;
    let response = sender.send_request(request).await?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await?.to_bytes();
    Ok(Fetched { parts, body })
}

/// One request on a new connection.
async fn fetch_one(addr: SocketAddr, path: &str) -> Result<Fetched> {
    let host = HeaderValue::from_str(&addr.to_string())?;
    let mut sender = connect(addr).await?;
    get(&mut sender, &host, path).await
}

/// Requests per second of `requests` GETs of `path` over `connections`
/// concurrent keep-alive connections (opened before the clock starts),
/// each response read whole and checked against `expect` (status, body
/// length).
async fn load(
    addr: SocketAddr,
    path: &'static str,
    requests: usize,
    connections: usize,
    expect: (u16, usize),
) -> Result<f64> {
    let host = HeaderValue::from_str(&addr.to_string())?;
    let mut senders = Vec::with_capacity(connections);
    for _ in 0..connections {
        senders.push(connect(addr).await?);
    }
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, mut sender) in senders.into_iter().enumerate() {
        let count = requests / connections + usize::from(i < requests % connections);
        let host = host.clone();
        tasks.spawn(async move {
            for _ in 0..count {
                let response = get(&mut sender, &host, path).await?;
                let got = (response.parts.status.as_u16(), response.body.len());
                if got != expect {
                    return Err(Error::from(format!(
                        "{path}: got status {} with {} bytes, expected {expect:?}",
                        got.0, got.1
                    )));
                }
            }
            Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(requests as f64 / start.elapsed().as_secs_f64())
}

/// The two servers, on one current-thread tokio runtime in a thread of
/// their own (the client runs on another).
struct Servers {
    amp: SocketAddr,
    hand: SocketAddr,
    /// The server thread's id, to read its CPU time (Linux).
    tid: Option<String>,
    stop: tokio::sync::oneshot::Sender<()>,
    thread: JoinHandle<Result<()>>,
}

impl Servers {
    /// Binds both on `127.0.0.1` (free ports) and serves them.
    fn start() -> Result<Servers> {
        let (addrs_tx, addrs_rx) = std::sync::mpsc::channel();
        let (stop, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("amp-bench-http-server".into())
            .spawn(move || -> Result<()> {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                let tid = std::fs::read_link("/proc/thread-self")
                    .ok()
                    .and_then(|path| Some(path.file_name()?.to_str()?.to_owned()));
                runtime.block_on(async move {
                    let amp = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                    let hand = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                    let _ = addrs_tx.send((amp.local_addr()?, hand.local_addr()?, tid));
                    let nodelay = |tcp: &mut tokio::net::TcpStream| {
                        let _ = tcp.set_nodelay(true);
                    };
                    let demo = amp_demo::app(amp_demo::AppState::new(amp_demo::RATE_LIMIT));
                    tokio::spawn(axum::serve(amp.tap_io(nodelay), demo).into_future());
                    tokio::spawn(axum::serve(hand.tap_io(nodelay), hand::app()).into_future());
                    let _ = stop_rx.await;
                    Ok(())
                })
                // Dropping the runtime ends the servers' tasks.
            })?;
        match addrs_rx.recv() {
            Ok((amp, hand, tid)) => Ok(Servers {
                amp,
                hand,
                tid,
                stop,
                thread,
            }),
            Err(_) => Err(match thread.join() {
                Ok(Err(error)) => error,
                _ => "the server thread stopped before binding".into(),
            }),
        }
    }

    /// The CPU time the server thread has had so far, ns (from
    /// `/proc/self/task/<tid>/schedstat`; `None` where there is none).
    fn cpu_ns(&self) -> Option<u64> {
        let tid = self.tid.as_deref()?;
        let text = std::fs::read_to_string(format!("/proc/self/task/{tid}/schedstat")).ok()?;
        text.split_whitespace().next()?.parse().ok()
    }

    /// Stops both and waits for their thread.
    fn stop(self) -> Result<()> {
        let _ = self.stop.send(());
        self.thread
            .join()
            .map_err(|_| Error::from("the server thread panicked"))?
    }
}

/// The report's section of `BENCHMARKS.md`, between the
/// `<!-- amp-bench:http:begin -->` and `<!-- amp-bench:http:end -->` markers.
pub fn markdown(report: &Report, machine: &str) -> String {
    use std::fmt::Write as _;
    let o = &report.options;
    let mut out = String::new();
    let _ = writeln!(out, "Measured on {machine}.\n");
    let (serving, parsing) = if o.smoke {
        let _ = writeln!(
            out,
            "Smoke run: one request per side and response, one parse each, checked; no timings.\n"
        );
        (String::new(), String::new())
    } else {
        (
            format!(
                ": {} requests per measurement over {} keep-alive connections; {} rounds, each measuring both sides back to back (which one first alternates); medians of the rounds, and the ratios are the medians of the rounds' own ratios",
                group(o.requests as f64),
                o.connections,
                o.rounds
            ),
            format!(
                ": median of {} batches of about 100 ms per way, the ways alternating",
                o.rounds
            ),
        )
    };
    let _ = writeln!(
        out,
        "Serving, requests per second (higher is better; ratio amp-errors ÷ hand-written, below 1.00 amp-errors serves fewer) and the server thread's CPU time per request (lower is better){serving}.\n"
    );
    let _ = writeln!(
        out,
        "| response | body, bytes | headers | amp-errors (demo), req/s | hand-written, req/s | ratio | ratio per round, min–max | server CPU per request, µs (amp-errors / hand-written) | CPU ratio |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in &report.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} / {} | {} |",
            row.label,
            row.body_bytes,
            row.headers,
            row.amp_rps.map_or_else(|| "–".to_owned(), group),
            row.hand_rps.map_or_else(|| "–".to_owned(), group),
            num_2(row.rps_ratio),
            row.rps_ratio_range
                .map_or_else(|| "–".to_owned(), |(lo, hi)| format!("{lo:.2}–{hi:.2}")),
            num_2(row.amp_cpu_us),
            num_2(row.hand_cpu_us),
            num_2(row.cpu_ratio),
        );
    }
    let _ = writeln!(
        out,
        "\nParsing that response on the client, ns per response (lower is better; ratio `HttpError::from_response` ÷ `Value`, below 1.00 amp-errors is faster){parsing}.\n"
    );
    let _ = writeln!(
        out,
        "| response | `HttpError::<AmpError>::from_response`, ns | body alone as `ErrorResponse<AmpError>`, ns | body as `serde_json::Value`, ns | ratio |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    for row in &report.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            row.label,
            num(row.parse_http_error_ns),
            num(row.parse_typed_body_ns),
            num(row.parse_value_ns),
            ratio(row.parse_http_error_ns, row.parse_value_ns),
        );
    }
    out
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "–".to_owned(),
    }
}

fn num_2(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}

fn num(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.0}"))
}

/// `12345.6` as `12,346`.
fn group(value: f64) -> String {
    let digits = format!("{:.0}", value);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The hand-written side: the demo's routes and middleware as a team would
/// write them without amp-errors. Errors are one serde struct serialized
/// once, with the request's id already in it; the request-id middleware
/// (`axum::middleware::from_fn`) keeps a well-formed incoming `X-Request-Id`
/// (or makes one) and echoes it; panics are tower-http's `CatchPanicLayer`
/// with a hand-written 500; an unknown route is a fallback handler. Only
/// the routes the benchmark requests do the demo's work; the mission routes
/// behind the auth middleware answer 501 once authenticated.
pub mod hand {
    use std::borrow::Cow;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use axum::Router;
    use axum::extract::{Path, Request, State};
    use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
    use axum::http::{HeaderName, HeaderValue, StatusCode};
    use axum::middleware::{self, Next};
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;
    use serde::Serialize;
    use tower_http::catch_panic::CatchPanicLayer;

    /// The header request ids travel in.
    const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

    /// `X-RateLimit-Limit`.
    const RATE_LIMIT_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");

    /// The id of the request being handled, set by [`request_ids`].
    #[derive(Clone)]
    struct RequestId(String);

    /// The error envelope.
    #[derive(Serialize)]
    struct Envelope<'a> {
        error: ApiError<'a>,
    }

    /// Every error this API sends: the code, its message, the members some
    /// codes have, the doc link and the request's id.
    #[derive(Serialize)]
    struct ApiError<'a> {
        code: &'static str,
        message: Cow<'static, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        resource_type: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        resource_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        limit: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        current: Option<u64>,
        doc_url: &'static str,
        #[serde(skip_serializing_if = "str::is_empty")]
        request_id: &'a str,
    }

    impl<'a> ApiError<'a> {
        fn new(
            code: &'static str,
            message: impl Into<Cow<'static, str>>,
            doc_url: &'static str,
            request_id: &'a str,
        ) -> Self {
            ApiError {
                code,
                message: message.into(),
                resource_type: None,
                resource_id: None,
                retry_after: None,
                limit: None,
                current: None,
                doc_url,
                request_id,
            }
        }
    }

    /// `status` with the JSON envelope of `error` and `headers`.
    fn respond(
        status: StatusCode,
        error: ApiError<'_>,
        headers: &[(HeaderName, HeaderValue)],
    ) -> Response {
        match serde_json::to_vec(&Envelope { error }) {
            Ok(body) => {
                let mut response = (
                    status,
                    [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                    body,
                )
                    .into_response();
                for (name, value) in headers {
                    response.headers_mut().insert(name.clone(), value.clone());
                }
                response
            }
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }

    fn unauthorized(request_id: &str) -> Response {
        respond(
            StatusCode::UNAUTHORIZED,
            ApiError::new(
                "unauthorized",
                "Missing, invalid, or expired authentication.",
                "https://docs.amp.dev/api/errors#unauthorized",
                request_id,
            ),
            &[],
        )
    }

    fn rate_limit_exceeded(
        request_id: &str,
        retry_after: u64,
        limit: u64,
        current: u64,
    ) -> Response {
        let mut error = ApiError::new(
            "rate_limit_exceeded",
            format!("Rate limit exceeded. Retry after {retry_after} seconds."),
            "https://docs.amp.dev/api/errors#rate_limit_exceeded",
            request_id,
        );
        error.retry_after = Some(retry_after);
        error.limit = Some(limit);
        error.current = Some(current);
        respond(
            StatusCode::TOO_MANY_REQUESTS,
            error,
            &[
                (RETRY_AFTER, HeaderValue::from(retry_after)),
                (RATE_LIMIT_LIMIT, HeaderValue::from(limit)),
            ],
        )
    }

    fn not_found(request_id: &str, message: String, resource_id: Option<String>) -> Response {
        let mut error = ApiError::new(
            "not_found",
            message,
            "https://docs.amp.dev/api/errors#not_found",
            request_id,
        );
        if resource_id.is_some() {
            error.resource_type = Some("error_code");
            error.resource_id = resource_id;
        }
        respond(StatusCode::NOT_FOUND, error, &[])
    }

    /// The API: the demo's routes, auth on the mission routes, request ids
    /// and the panic layer on all.
    pub fn app() -> Router {
        let state = Keys(Arc::new(amp_demo::API_KEYS));
        Router::new()
            .route("/v1/missions", get(not_implemented).post(not_implemented))
            .route(
                "/v1/missions/{id}",
                get(not_implemented).delete(not_implemented),
            )
            .route_layer(middleware::from_fn_with_state(state.clone(), authenticate))
            .route("/v1/errors/{code}", get(example_error))
            .fallback(no_route)
            .layer(CatchPanicLayer::custom(
                panic_response as fn(Box<dyn std::any::Any + Send>) -> Response,
            ))
            .layer(middleware::from_fn(request_ids))
            .with_state(state)
    }

    /// The API keys and their scopes.
    #[derive(Clone)]
    struct Keys(Arc<[(&'static str, &'static [&'static str]); 2]>);

    /// Keeps a well-formed incoming `X-Request-Id` (or makes one), hands it
    /// to the handlers and echoes it.
    async fn request_ids(mut request: Request, next: Next) -> Response {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = request
            .headers()
            .get(&REQUEST_ID_HEADER)
            .and_then(|value| value.to_str().ok())
            .filter(|id| {
                (1..=64).contains(&id.len())
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            })
            .map(str::to_owned)
            .unwrap_or_else(|| format!("req_{:012}", NEXT.fetch_add(1, Ordering::Relaxed)));
        request.extensions_mut().insert(RequestId(id.clone()));
        let mut response = next.run(request).await;
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        response
    }

    fn request_id(request: &Request) -> &str {
        request
            .extensions()
            .get::<RequestId>()
            .map_or("", |id| id.0.as_str())
    }

    /// Bearer API keys (the demo's rate limiter is left out: no request
    /// the benchmark sends gets that far).
    async fn authenticate(State(keys): State<Keys>, request: Request, next: Next) -> Response {
        let token = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        let Some(token) = token else {
            return unauthorized(request_id(&request));
        };
        if token.split('.').count() == 3 {
            return respond(
                StatusCode::UNAUTHORIZED,
                ApiError::new(
                    "invalid_token",
                    "JWT token is malformed or has invalid signature",
                    "https://docs.amp.dev/api/errors#invalid_token",
                    request_id(&request),
                ),
                &[],
            );
        }
        if !keys.0.iter().any(|(key, _)| *key == token) {
            return unauthorized(request_id(&request));
        }
        next.run(request).await
    }

    async fn not_implemented() -> StatusCode {
        StatusCode::NOT_IMPLEMENTED
    }

    /// The `rate_limit_exceeded` example, as the demo serves it.
    async fn example_error(Path(code): Path<String>, request: Request) -> Response {
        let id = request_id(&request);
        match code.as_str() {
            "rate_limit_exceeded" => rate_limit_exceeded(id, 45, 300, 312),
            _ => not_found(
                id,
                format!("No error code `{code}` in the catalog"),
                Some(code),
            ),
        }
    }

    async fn no_route(request: Request) -> Response {
        not_found(request_id(&request), "No such route".to_owned(), None)
    }

    fn panic_response(_panic: Box<dyn std::any::Any + Send>) -> Response {
        respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::new(
                "internal_error",
                "An unexpected error occurred. Please try again.",
                "https://docs.amp.dev/api/errors#internal_error",
                "",
            ),
            &[],
        )
    }
}
