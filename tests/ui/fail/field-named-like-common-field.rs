amp_errors::amp_errors!("tests/ui/fail/field-named-like-common-field.toml");

fn main() {}
