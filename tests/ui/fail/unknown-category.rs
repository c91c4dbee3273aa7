amp_errors::amp_errors!("tests/ui/fail/unknown-category.toml");

fn main() {}
