amp_errors::amp_errors!("tests/ui/fail/status-out-of-range.toml");

fn main() {}
