amp_errors::amp_errors!("tests/ui/fail/toml-syntax-error.toml");

fn main() {}
