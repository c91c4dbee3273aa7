amp_errors::amp_errors!("tests/ui/fail/example-missing-required-field.toml");

fn main() {}
