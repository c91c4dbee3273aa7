amp_errors::amp_errors!("tests/ui/fail/field-without-type.toml");

fn main() {}
