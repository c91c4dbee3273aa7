amp_errors::amp_errors!("tests/ui/fail/field-bounds-misused.toml");

fn main() {}
