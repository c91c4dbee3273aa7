amp_errors::amp_errors!("tests/ui/fail/several-mistakes.toml");

fn main() {}
