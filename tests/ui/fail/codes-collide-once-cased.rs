amp_errors::amp_errors!("tests/ui/fail/codes-collide-once-cased.toml");

fn main() {}
