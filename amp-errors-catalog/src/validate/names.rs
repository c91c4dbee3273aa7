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
    if name.is_ascii() {
        // Every code and field name of a valid catalog: no Unicode case tables.
        return name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    key_chars(name).collect()
}

/// Whether `a` and `b` have the same [`identifier_key`], without writing either.
pub fn same_identifier(a: &str, b: &str) -> bool {
    key_chars(a).eq(key_chars(b))
}

/// The characters of [`identifier_key`].
fn key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
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
        for (a, b) in [
            ("Rate_Limit_2", "ratelimit2"),
            ("Ünknown_É", "ünknowné"),
            ("unknown", "Unknown"),
            ("a", "b"),
            ("ab", "a"),
        ] {
            assert_eq!(identifier_key(a), key_chars(a).collect::<String>());
            assert_eq!(
                same_identifier(a, b),
                identifier_key(a) == identifier_key(b)
            );
        }
    }
}
