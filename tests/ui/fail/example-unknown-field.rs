amp_errors::amp_errors!("tests/ui/fail/example-unknown-field.toml");

fn main() {}
