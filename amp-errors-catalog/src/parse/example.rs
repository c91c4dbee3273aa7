//! The walk of a code's `example` table: common fields, then declared fields as JSON.

use toml::de::DeValue;

use super::Parser;
use super::leaf::kind;
use super::table::{Keys, Table, Value};
use crate::keys;
use crate::model::{Example, ExampleValue, Located};

impl Parser<'_> {
    /// The `example` of `code`; `None` when it is missing (optional for the
    /// macro; the linter asks for it) or not a table (reported).
    pub(super) fn example(&mut self, code: &Table<'_, '_>) -> Option<Example> {
        let value = code.get(keys::EXAMPLE)?;
        let table = self.open_table(code, keys::EXAMPLE, value, Keys::Named, "a table")?;
        let mut example = Example {
            location: self.location(&table.span),
            message: None,
            param: None,
            request_id: None,
            fields: Vec::new(),
        };
        for (key, value) in table.entries.iter() {
            let name = Located::new(key.get_ref().to_string(), self.location(&key.span()));
            self.example_entry(&table, name, value, &mut example);
        }
        Some(example)
    }

    /// Reads entry `name` of the example `table` into `example`.
    fn example_entry(
        &mut self,
        table: &Table<'_, '_>,
        name: Located<String>,
        value: &Value<'_>,
        example: &mut Example,
    ) {
        match name.value.as_str() {
            keys::MESSAGE => example.message = self.optional(table, &name.value),
            keys::PARAM => example.param = self.optional(table, &name.value),
            keys::REQUEST_ID => example.request_id = self.optional(table, &name.value),
            keys::CODE | keys::DOC_URL => self.cx.error(
                Some(name.location),
                format!(
                    "`{}.{}` is written by amp-errors; leave it out of the example",
                    table.path, name.value
                ),
            ),
            _ => match json_of(value.get_ref()) {
                Some(json) => example.fields.push((name, json)),
                None => self.error(
                    &value.span(),
                    format!(
                        "`{}.{}` has {}, which JSON cannot carry",
                        table.path,
                        name.value,
                        kind(value.get_ref())
                    ),
                ),
            },
        }
    }
}

/// A TOML value as an example value; `None` for what JSON has no form of
/// (datetimes, NaN, infinities).
fn json_of(value: &DeValue<'_>) -> Option<ExampleValue> {
    Some(match value {
        DeValue::String(s) => ExampleValue::String(s.to_string()),
        DeValue::Integer(i) => {
            ExampleValue::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()?)
        }
        DeValue::Float(f) => {
            let f: f64 = f.as_str().parse().ok()?;
            if !f.is_finite() {
                return None;
            }
            ExampleValue::Float(f)
        }
        DeValue::Boolean(b) => ExampleValue::Boolean(*b),
        DeValue::Datetime(_) => return None,
        DeValue::Array(items) => ExampleValue::Array(
            items
                .iter()
                .map(|item| json_of(item.get_ref()))
                .collect::<Option<_>>()?,
        ),
        DeValue::Table(table) => ExampleValue::Table(
            table
                .iter()
                .map(|(k, v)| Some((k.get_ref().to_string(), json_of(v.get_ref())?)))
                .collect::<Option<_>>()?,
        ),
    })
}
