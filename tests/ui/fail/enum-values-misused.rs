amp_errors::amp_errors!("tests/ui/fail/enum-values-misused.toml");

fn main() {}
