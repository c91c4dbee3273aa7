amp_errors::amp_errors!("tests/ui/fail/code-not-snake-case.toml");

fn main() {}
