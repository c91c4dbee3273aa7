amp_errors::amp_errors!("tests/ui/fail/catalog-header-forgotten.toml");

fn main() {}
