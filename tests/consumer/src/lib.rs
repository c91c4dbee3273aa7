//! The errors of a small API, as a user's crate writes them.

amp_errors::amp_errors!("catalog.toml");
