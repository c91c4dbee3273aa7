amp_errors::amp_errors!("tests/ui/fail/retired-code-reused.toml");

fn main() {}
