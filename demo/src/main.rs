//! Serves the demo API: `cargo run -p amp-demo` (address: the first argument
//! or `AMP_DEMO_ADDR`, default 127.0.0.1:3000).

use amp_demo::{AppState, RATE_LIMIT, app};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("AMP_DEMO_ADDR").ok())
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "amp-demo listening on http://{} (API keys: amp_live_rw, amp_live_ro; {RATE_LIMIT} requests per key and minute)",
        listener.local_addr()?
    );
    axum::serve(listener, app(AppState::new(RATE_LIMIT))).await
}
