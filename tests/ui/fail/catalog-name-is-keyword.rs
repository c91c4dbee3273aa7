amp_errors::amp_errors!("tests/ui/fail/catalog-name-is-keyword.toml");

fn main() {}
