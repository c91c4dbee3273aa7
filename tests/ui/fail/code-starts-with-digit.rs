amp_errors::amp_errors!("tests/ui/fail/code-starts-with-digit.toml");

fn main() {}
