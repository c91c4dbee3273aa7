amp_errors::amp_errors!("tests/ui/fail/example-out-of-bounds.toml");

fn main() {}
