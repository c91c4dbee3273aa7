//! The shapes of names: what a code, a field and a type may be called.

/// Whether `name` is snake_case: lowercase ASCII letters and digits in words
/// joined by single underscores, starting with a letter.
pub fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Whether `name` is UpperCamelCase: an ASCII uppercase letter, then ASCII
/// letters and digits; and not `Self`, the one such name that is a keyword.
pub fn is_upper_camel_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

/// The form two names share when every target language's casing makes them
/// one identifier (`rate_limit` and `ratelimit` both become `RateLimit`/`Ratelimit`…):
/// separators dropped, case folded.
pub fn identifier_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_shapes() {
        assert!(is_snake_case("rate_limit_exceeded"));
        assert!(is_snake_case("v2_error"));
        assert!(!is_snake_case("RateLimit"));
        assert!(!is_snake_case("2fa_required"));
        assert!(!is_snake_case("double__underscore"));
        assert!(!is_snake_case(""));
        assert!(is_upper_camel_case("AmpError"));
        assert!(!is_upper_camel_case("amp_error"));
        assert_eq!(identifier_key("rate_limit"), identifier_key("ratelimit"));
    }
}
