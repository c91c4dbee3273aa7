amp_errors::amp_errors!("tests/ui/fail/catalog-name-not-upper-camel-case.toml");

fn main() {}
