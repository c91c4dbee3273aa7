amp_errors::amp_errors!("tests/ui/fail/template-unclosed-brace.toml");

fn main() {}
