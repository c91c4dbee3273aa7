amp_errors::amp_errors!();

fn main() {}
