amp_errors::amp_errors!("tests/ui/fail/missing-required-key.toml");

fn main() {}
