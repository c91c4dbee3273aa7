amp_errors::amp_errors!("tests/ui/pass/non-ascii-messages.toml");

fn main() {
    let err = ApiError::quota_depasse(30);
    assert_eq!(err.message(), "Quota dépassé ⏳ : réessayez dans 30 s — merci 🙏");
    assert_eq!(err.to_string(), "Quota dépassé ⏳ : réessayez dans 30 s — merci 🙏");
    assert_eq!(err.category().map(|c| c.as_str()), Some("Réseau"));
    let info = err.info().unwrap();
    assert_eq!(info.resolution, &["Attendez ⏳", "Réessayez 🔁"]);
    assert!(info.description.ends_with("日本語も大丈夫です。"));

    let err = ApiError::introuvable("café ☕");
    assert_eq!(err.message(), "Ressource « café ☕ » introuvable 🤷");
    assert_eq!(err.category().map(|c| c.as_str()), Some("Ressources 📦"));
    let json = serde_json::to_string(&err).unwrap();
    assert!(json.contains(r#""message":"Ressource « café ☕ » introuvable 🤷""#), "{json}");
    let back: ApiError = serde_json::from_str(&json).unwrap();
    assert_eq!(back, err);

    // The examples render the same way.
    assert_eq!(
        ApiErrorCode::Introuvable.example().unwrap().message(),
        "Ressource « café ☕ » introuvable 🤷"
    );
}
