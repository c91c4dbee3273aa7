amp_errors::amp_errors!("tests/ui/fail/duplicate-field-name.toml");

fn main() {}
