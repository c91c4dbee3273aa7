amp_errors::amp_errors!("tests/ui/fail/empty-code.toml");

fn main() {}
