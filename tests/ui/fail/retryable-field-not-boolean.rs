amp_errors::amp_errors!("tests/ui/fail/retryable-field-not-boolean.toml");

fn main() {}
