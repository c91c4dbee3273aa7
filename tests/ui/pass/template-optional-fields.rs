amp_errors::amp_errors!("tests/ui/pass/template-optional-fields.toml");

fn main() {
    let bare = ApiError::not_found();
    assert_eq!(bare.message(), "No resource  (parameter ).");
    let full = ApiError::not_found().with_id("42").with_param("id");
    assert_eq!(full.message(), "No resource 42 (parameter id).");
    assert_eq!(full.to_string(), "No resource 42 (parameter id).");
    // The code's own doc link replaces `doc_base_url#code`.
    assert_eq!(full.doc_url(), "https://example.com/errors/not-found");
    assert_eq!(ApiErrorCode::NotFound.doc_url(), "https://example.com/errors/not-found");
    // No example in the catalog: none here either.
    assert!(ApiErrorCode::NotFound.example().is_none());
    assert!(ApiError::examples().is_empty());
}
