amp_errors::amp_errors!("tests/ui/fail/status-not-integer.toml");

fn main() {}
