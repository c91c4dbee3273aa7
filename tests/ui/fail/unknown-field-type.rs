amp_errors::amp_errors!("tests/ui/fail/unknown-field-type.toml");

fn main() {}
