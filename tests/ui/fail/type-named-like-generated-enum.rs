amp_errors::amp_errors!("tests/ui/fail/type-named-like-generated-enum.toml");

fn main() {}
