//! The one typed reader of leaf values: a [`FromToml`] type says what TOML
//! value it reads and how messages name it; [`Parser::optional`] and
//! [`Parser::required`] read a key of a table as any such type.

use toml::de::DeValue;

use super::table::{Qualified, Table, Value};
use super::{Parser, WrittenStatus};
use crate::model::Located;

/// A catalog value read from one TOML value.
pub(super) trait FromToml: Sized {
    /// What the catalog expects, as "must be …" messages say it: "a string".
    const EXPECTED: &'static str;
    /// What an array of these is, as messages say it: "an array of strings".
    const ARRAY: &'static str;

    /// `value` as `Self`; `None` when it is of another TOML type (which the
    /// caller reports). Problems inside the value (an array's items) are
    /// recorded through `parser`, naming the key as `qualified`.
    fn from_toml(
        value: &Value<'_>,
        parser: &mut Parser<'_>,
        qualified: Qualified<'_>,
    ) -> Option<Self>;
}

impl FromToml for String {
    const EXPECTED: &'static str = "a string";
    const ARRAY: &'static str = "an array of strings";

    fn from_toml(value: &Value<'_>, _: &mut Parser<'_>, _: Qualified<'_>) -> Option<Self> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        }
    }
}

impl FromToml for bool {
    const EXPECTED: &'static str = "a boolean (true or false)";
    const ARRAY: &'static str = "an array of booleans";

    fn from_toml(value: &Value<'_>, _: &mut Parser<'_>, _: Qualified<'_>) -> Option<Self> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => None,
        }
    }
}

impl FromToml for i64 {
    const EXPECTED: &'static str = "an integer";
    const ARRAY: &'static str = "an array of integers";

    fn from_toml(value: &Value<'_>, _: &mut Parser<'_>, _: Qualified<'_>) -> Option<Self> {
        let DeValue::Integer(int) = value.get_ref() else {
            return None;
        };
        i64::from_str_radix(int.as_str(), int.radix()).ok()
    }
}

/// A status is any integer here: its range is validation's to judge.
impl FromToml for WrittenStatus {
    const EXPECTED: &'static str = "an integer HTTP status in 400..=599";
    const ARRAY: &'static str = "an array of integer HTTP statuses";

    fn from_toml(value: &Value<'_>, _: &mut Parser<'_>, _: Qualified<'_>) -> Option<Self> {
        let DeValue::Integer(int) = value.get_ref() else {
            return None;
        };
        Some(WrittenStatus {
            spelling: int.to_string(),
            number: i64::from_str_radix(int.as_str(), int.radix()).ok(),
        })
    }
}

impl<T: FromToml> FromToml for Located<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    const ARRAY: &'static str = T::ARRAY;

    fn from_toml(
        value: &Value<'_>,
        parser: &mut Parser<'_>,
        qualified: Qualified<'_>,
    ) -> Option<Self> {
        let location = parser.location(&value.span());
        T::from_toml(value, parser, qualified).map(|v| Located::new(v, location))
    }
}

/// An array; an item of another type is reported and left out.
impl<T: FromToml> FromToml for Vec<T> {
    const EXPECTED: &'static str = T::ARRAY;
    const ARRAY: &'static str = "an array of arrays";

    fn from_toml(
        value: &Value<'_>,
        parser: &mut Parser<'_>,
        qualified: Qualified<'_>,
    ) -> Option<Self> {
        let DeValue::Array(items) = value.get_ref() else {
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match T::from_toml(item, parser, qualified) {
                Some(read) => out.push(read),
                None => parser.error(
                    &item.span(),
                    format!(
                        "{qualified} must be {}, found {} in it",
                        Self::EXPECTED,
                        kind(item.get_ref())
                    ),
                ),
            }
        }
        Some(out)
    }
}

impl Parser<'_> {
    /// The value of optional `key` of `table`: `None` when it is absent, or
    /// of another type (reported).
    pub(super) fn optional<T: FromToml>(&mut self, table: &Table<'_, '_>, key: &str) -> Option<T> {
        let value = table.get(key)?;
        let read = T::from_toml(value, self, table.qualified(key));
        if read.is_none() {
            self.wrong_type(table, key, value, T::EXPECTED);
        }
        read
    }

    /// The value of required `key` of `table`: `None` when it is missing or
    /// of another type (either reported).
    pub(super) fn required<T: FromToml>(&mut self, table: &Table<'_, '_>, key: &str) -> Option<T> {
        self.required_described(table, key, T::EXPECTED)
    }

    /// [`Parser::required`], where a missing key is reported as lacking `described`
    /// ("an array of category names") rather than the type's own wording.
    pub(super) fn required_described<T: FromToml>(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        described: &str,
    ) -> Option<T> {
        if table.get(key).is_none() {
            self.missing(table, key, described);
            return None;
        }
        self.optional(table, key)
    }
}

/// How messages name the TOML type of `value`: "a string", "an array".
pub(super) fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
