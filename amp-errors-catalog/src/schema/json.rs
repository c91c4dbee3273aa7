//! A JSON value that keeps member order, and its writers.
//!
//! serde_json's `Value` sorts members unless its `preserve_order` feature is
//! on, and amp-errors keeps that feature off in the whole workspace (see
//! `tests/consumer`). Schemas and examples read best in the order they are
//! built (`code`, `message`, `param`, fields, `doc_url`, `request_id`), so the
//! commands build this value instead. Its writers produce exactly what
//! serde_json's `to_string` and `to_string_pretty` produce for the same members.

/// A JSON value whose objects keep their members in insertion order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A number with a fraction (or written as one, like `45.0`); a
    /// non-finite value is written as `null`, as serde_json does.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An empty object.
    pub fn object() -> Json {
        Json::Object(Vec::new())
    }

    /// A string value.
    pub fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// An array of strings.
    pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Json {
        Json::Array(items.into_iter().map(|s| Json::str(s.as_ref())).collect())
    }

    /// This object with member `key` appended (replacing an earlier member of
    /// that name in place). Other values are returned unchanged.
    pub fn with(mut self, key: &str, value: impl Into<Json>) -> Json {
        self.insert(key, value);
        self
    }

    /// This object with member `key` appended when `value` is `Some`.
    pub fn with_opt(self, key: &str, value: Option<impl Into<Json>>) -> Json {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// Appends member `key` (replacing an earlier member of that name in
    /// place); no effect on values that are not objects.
    pub fn insert(&mut self, key: &str, value: impl Into<Json>) {
        if let Json::Object(members) = self {
            let value = value.into();
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, slot)) => *slot = value,
                None => members.push((key.to_owned(), value)),
            }
        }
    }

    /// Member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether the value is an object without members.
    pub fn is_empty_object(&self) -> bool {
        matches!(self, Json::Object(members) if members.is_empty())
    }

    /// Compact JSON text, as `serde_json::to_string` writes it.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// Indented JSON text (two spaces), as `serde_json::to_string_pretty` writes it.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some("  "), 0);
        out
    }

    fn write(&self, out: &mut String, indent: Option<&str>, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Float(f) => out.push_str(&float_text(*f)),
            Json::Str(s) => out.push_str(&string_literal(s)),
            Json::Array(items) => {
                write_seq(out, indent, depth, ('[', ']'), items, |out, item, depth| {
                    item.write(out, indent, depth)
                })
            }
            Json::Object(members) => write_seq(
                out,
                indent,
                depth,
                ('{', '}'),
                members,
                |out, (key, value), depth| {
                    out.push_str(&string_literal(key));
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    value.write(out, indent, depth);
                },
            ),
        }
    }
}

/// Writes a bracketed sequence the way serde_json does: `[]` when empty,
/// otherwise one item per line when indenting.
fn write_seq<T>(
    out: &mut String,
    indent: Option<&str>,
    depth: usize,
    (open, close): (char, char),
    items: &[T],
    mut write_item: impl FnMut(&mut String, &T, usize),
) {
    out.push(open);
    if items.is_empty() {
        out.push(close);
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some(unit) = indent {
            out.push('\n');
            out.push_str(&unit.repeat(depth + 1));
        }
        write_item(out, item, depth + 1);
    }
    if let Some(unit) = indent {
        out.push('\n');
        out.push_str(&unit.repeat(depth));
    }
    out.push(close);
}

/// `s` as a JSON string literal, escaped as serde_json escapes it.
pub fn string_literal(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// `f` as serde_json writes an `f64` (`45.0`, `0.75`, `1e20`); `null` when not finite.
fn float_text(f: f64) -> String {
    serde_json::Number::from_f64(f).map_or_else(|| "null".to_owned(), |n| n.to_string())
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

impl From<&String> for Json {
    fn from(s: &String) -> Json {
        Json::Str(s.clone())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Json {
        Json::Int(n)
    }
}

impl From<u16> for Json {
    fn from(n: u16) -> Json {
        Json::Int(i64::from(n))
    }
}

impl From<usize> for Json {
    fn from(n: usize) -> Json {
        Json::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Array(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_serde_json_writes() {
        let value = Json::object()
            .with("a", "x\"<\u{1}")
            .with("b", Json::Array(vec![Json::Int(1), Json::Float(45.0)]))
            .with("c", Json::object())
            .with("d", Json::Array(vec![]))
            .with("e", Json::object().with("f", Json::Null).with("g", true))
            .with("h", Json::Float(f64::NAN));
        let parsed: serde_json::Value = serde_json::from_str(&value.compact()).unwrap();
        // serde_json sorts members; these are already in order.
        assert_eq!(serde_json::to_string(&parsed).unwrap(), value.compact());
        assert_eq!(
            serde_json::to_string_pretty(&parsed).unwrap(),
            value.pretty()
        );
    }

    #[test]
    fn insert_replaces_in_place() {
        let value = Json::object()
            .with("a", 1i64)
            .with("b", 2i64)
            .with("a", 3i64);
        assert_eq!(value.compact(), r#"{"a":3,"b":2}"#);
    }
}
