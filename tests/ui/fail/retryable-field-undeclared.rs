amp_errors::amp_errors!("tests/ui/fail/retryable-field-undeclared.toml");

fn main() {}
