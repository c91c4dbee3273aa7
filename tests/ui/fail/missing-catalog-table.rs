amp_errors::amp_errors!("tests/ui/fail/missing-catalog-table.toml");

fn main() {}
