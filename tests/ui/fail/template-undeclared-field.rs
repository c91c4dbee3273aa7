amp_errors::amp_errors!("tests/ui/fail/template-undeclared-field.toml");

fn main() {}
