amp_errors::amp_errors!("tests/ui/pass/single-code.toml");

fn main() {
    let err = ApiError::gone();
    assert_eq!(err.status_code(), 410);
    assert_eq!(err.code(), "gone");
}
