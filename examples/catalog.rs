//! Prints every code of AMP's catalog: status, category, retryability, doc link
//! and the JSON body of its example.
//!
//! Run it with `cargo run --example catalog`.

use amp_api_errors::{AmpError, AmpErrorCode};
use amp_errors::ErrorResponse;

fn main() -> Result<(), serde_json::Error> {
    println!(
        "{} ({} codes)\n",
        AmpError::CATALOG.name,
        AmpErrorCode::ALL.len()
    );
    for code in AmpErrorCode::ALL {
        println!(
            "{code:<20} {status} {category:<14} retryable={retryable:<5} {doc}",
            status = code.status_code(),
            category = code.category(),
            retryable = code.info().retryable == amp_errors::Retryable::Always,
            doc = code.doc_url(),
        );
        if let Some(example) = code.example() {
            println!("  {}", serde_json::to_string(&ErrorResponse::new(example))?);
        }
    }
    Ok(())
}
