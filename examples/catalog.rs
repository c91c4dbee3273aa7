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
        let example = code.example();
        println!(
            "{code:<20} {status} {category:<14} retryable={retryable:<5} {doc}",
            status = example.status_code(),
            category = code.category(),
            retryable = example.is_retryable(),
            doc = example.doc_url(),
        );
        println!("  {}", serde_json::to_string(&ErrorResponse::new(example))?);
    }
    Ok(())
}
