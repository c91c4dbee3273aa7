amp_errors::amp_errors!("tests/ui/fail/catalog-table-misspelled.toml");

fn main() {}
