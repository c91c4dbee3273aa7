amp_errors::amp_errors!("tests/ui/fail/template-unmatched-close-brace.toml");

fn main() {}
