amp_errors::amp_errors!("tests/ui/fail/fields-collide-once-cased.toml");

fn main() {}
