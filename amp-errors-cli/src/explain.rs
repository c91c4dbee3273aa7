//! `amp-errors explain`: not built yet.

use crate::{Exit, Format};

/// Arguments of `amp-errors explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs `amp-errors explain`.
pub fn run(args: &Args) -> Exit {
    let _ = args.format;
    eprintln!("amp-errors explain: not built yet");
    Exit::Failure
}
