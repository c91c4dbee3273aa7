//! `amp-errors diff`: not built yet.

use crate::{Exit, Format};

/// Arguments of `amp-errors diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs `amp-errors diff`.
pub fn run(args: &Args) -> Exit {
    let _ = args.format;
    eprintln!("amp-errors diff: not built yet");
    Exit::Failure
}
