amp_errors::amp_errors!("tests/ui/fail/unknown-named-type.toml");

fn main() {}
