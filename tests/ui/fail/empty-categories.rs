amp_errors::amp_errors!("tests/ui/fail/empty-categories.toml");

fn main() {}
