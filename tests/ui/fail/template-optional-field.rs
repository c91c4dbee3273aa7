amp_errors::amp_errors!("tests/ui/fail/template-optional-field.toml");

fn main() {}
