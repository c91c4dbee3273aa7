amp_errors::amp_errors!("tests/ui/fail/example-sets-code.toml");

fn main() {}
