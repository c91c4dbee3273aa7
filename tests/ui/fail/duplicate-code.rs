amp_errors::amp_errors!("tests/ui/fail/duplicate-code.toml");

fn main() {}
