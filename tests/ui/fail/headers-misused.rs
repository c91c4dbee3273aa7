amp_errors::amp_errors!("tests/ui/fail/headers-misused.toml");

fn main() {}
