amp_errors::amp_errors!("tests/ui/pass/codes-named-like-methods.toml");

fn main() {
    // Constructors of codes named like methods are prefixed with `new_`.
    let err = ApiError::new_message("too long");
    assert_eq!(err.code(), "message");
    assert_eq!(err.message(), "Bad message too long.");
    assert_eq!(ApiError::new_info().info().map(|i| i.status), Some(404));
    assert_eq!(ApiError::examples().len(), 4);
    assert_eq!(ApiError::new_examples().status_code(), 409);
    assert_eq!(ApiError::new_status().status(), http::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ApiErrorCode::Status.example().unwrap(), ApiError::new_status());
}
