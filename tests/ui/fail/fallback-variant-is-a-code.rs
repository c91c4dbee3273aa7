amp_errors::amp_errors!("tests/ui/fail/fallback-variant-is-a-code.toml");

fn main() {}
