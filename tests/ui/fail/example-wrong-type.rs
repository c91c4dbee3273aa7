amp_errors::amp_errors!("tests/ui/fail/example-wrong-type.toml");

fn main() {}
