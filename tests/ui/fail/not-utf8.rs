amp_errors::amp_errors!("tests/ui/fail/not-utf8.toml");

fn main() {}
