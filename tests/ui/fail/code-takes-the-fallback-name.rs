amp_errors::amp_errors!("tests/ui/fail/code-takes-the-fallback-name.toml");

fn main() {}
