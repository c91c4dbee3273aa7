amp_errors::amp_errors!("tests/ui/fail/unknown-key-did-you-mean.toml");

fn main() {}
