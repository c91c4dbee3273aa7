amp_errors::amp_errors!("tests/ui/fail/missing-catalog-file.toml");

fn main() {}
