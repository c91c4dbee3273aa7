amp_errors::amp_errors!("tests/ui/fail/http-answers-misused.toml");

fn main() {}
