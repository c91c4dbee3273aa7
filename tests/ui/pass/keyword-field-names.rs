amp_errors::amp_errors!("tests/ui/pass/keyword-field-names.toml");

fn main() {
    // The constructor takes the required `type` as a raw identifier.
    let err = ApiError::unsupported_media("image/tiff");
    assert_eq!(err.message(), "Unsupported media type image/tiff");
    let ApiError::UnsupportedMedia { r#type, r#match, self_, .. } = &err else {
        panic!("not UnsupportedMedia: {err:?}");
    };
    assert_eq!(r#type, "image/tiff");
    assert_eq!(*r#match, None);
    assert_eq!(*self_, None);

    // On the wire the names are the catalog's: `type`, `match`, `self`.
    let err = ApiError::UnsupportedMedia {
        r#type: "image/tiff".to_owned(),
        r#match: Some(vec!["image/png".to_owned()]),
        self_: Some(true),
        meta: Default::default(),
    };
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["type"], "image/tiff");
    assert_eq!(json["match"], serde_json::json!(["image/png"]));
    assert_eq!(json["self"], true);
    assert!(json.get("r#type").is_none() && json.get("self_").is_none());
    let back: ApiError = serde_json::from_value(json).unwrap();
    assert_eq!(back, err);

    // The example, serialized, in wire order.
    let example = serde_json::to_string(&ApiErrorCode::UnsupportedMedia.example().unwrap()).unwrap();
    assert_eq!(
        example,
        r#"{"code":"unsupported_media","message":"Unsupported media type image/tiff","type":"image/tiff","match":["image/png","image/jpeg"],"doc_url":"https://example.com/errors#unsupported_media"}"#
    );
}
