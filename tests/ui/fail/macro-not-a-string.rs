amp_errors::amp_errors!(42);

fn main() {}
