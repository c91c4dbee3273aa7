amp_errors::amp_errors!("tests/ui/fail/macro-two-arguments.toml", "catalog.toml");

fn main() {}
