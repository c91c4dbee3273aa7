//! The walk of `[codes]`: each error code's table, its status, retryability and message template.

use toml::de::DeValue;

use super::table::{Keys, Table, Value};
use super::{Parser, WrittenStatus};
use crate::diagnostic::{Diagnostic, Location};
use crate::keys;
use crate::model::{ErrorCode, Located, Retryability};
use crate::template::Template;

/// The status of a code whose status is missing or unusable (a problem recorded).
const FALLBACK_STATUS: u16 = 500;

/// What `retryable` may be, as messages say it.
const RETRYABLE_EXPECTED: &str = "true, false, or { field = \"name\", default = false }";

impl Parser<'_> {
    /// Every code under `[codes]`, in catalog order.
    pub(super) fn codes(&mut self, root: &Table<'_, '_>) -> Vec<ErrorCode> {
        let Some(codes) = self.open_sub_table(root, keys::CODES, Keys::Named) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (code, value) in codes.entries.iter() {
            let code = Located::new(code.get_ref().to_string(), self.location(&code.span()));
            if let Some(code) = self.code(&codes, code, value) {
                out.push(code);
            }
        }
        out
    }

    /// The code `code`; `None` when it is not a table (reported).
    fn code<'t, 'i>(
        &mut self,
        codes: &Table<'t, 'i>,
        code: Located<String>,
        value: &'t Value<'i>,
    ) -> Option<ErrorCode> {
        let table = self.open_table(
            codes,
            &code.value,
            value,
            Keys::Only(keys::CODE_KEYS),
            "a table",
        )?;
        let status = self
            .status(&table)
            .unwrap_or(Located::new(FALLBACK_STATUS, code.location));
        let category = self.required(&table, keys::CATEGORY);
        let retryable = self.retryable(&table);
        let message = self.template(&table);
        // The docs keys are optional for the macro; the linter asks for them.
        let description = self.optional(&table, keys::DESCRIPTION).unwrap_or_default();
        let cause = self.optional(&table, keys::CAUSE).unwrap_or_default();
        let resolution = self.optional(&table, keys::RESOLUTION).unwrap_or_default();
        let deprecated = self.optional(&table, keys::DEPRECATED);
        let doc_url = self.optional(&table, keys::DOC_URL);
        let headers = self.headers(&table);
        let fields = self.fields(&table);
        let example = self.example(&table);
        Some(ErrorCode {
            code,
            status,
            category,
            retryable,
            message,
            description,
            cause,
            resolution,
            deprecated,
            doc_url,
            headers,
            fields,
            example,
        })
    }

    /// `headers`: header name = field name, each located.
    fn headers(&mut self, code: &Table<'_, '_>) -> Vec<(Located<String>, Located<String>)> {
        let Some(table) = self.open_sub_table(code, keys::HEADERS, Keys::Named) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, _) in table.entries.iter() {
            let header = Located::new(name.get_ref().to_string(), self.location(&name.span()));
            if let Some(field) = self.required::<Located<String>>(&table, &header.value) {
                out.push((header, field));
            }
        }
        out
    }

    /// `status`, as a number when a `u16` holds it; every integer status is
    /// kept as written, for validation to judge its range.
    fn status(&mut self, table: &Table<'_, '_>) -> Option<Located<u16>> {
        let status: Located<WrittenStatus> =
            self.required_described(table, keys::STATUS, "an HTTP status code in 400..=599")?;
        let number = status.value.number.and_then(|n| u16::try_from(n).ok());
        let location = status.location;
        self.statuses.push(status);
        number.map(|n| Located::new(n, location))
    }

    /// `retryable`: fixed, or decided by a boolean field of the code.
    fn retryable(&mut self, table: &Table<'_, '_>) -> Retryability {
        let Some(value) = table.get(keys::RETRYABLE) else {
            self.missing(table, keys::RETRYABLE, RETRYABLE_EXPECTED);
            return Retryability::Fixed(false);
        };
        if let DeValue::Boolean(fixed) = value.get_ref() {
            return Retryability::Fixed(*fixed);
        }
        let Some(inner) = self.open_table(
            table,
            keys::RETRYABLE,
            value,
            Keys::Only(keys::RETRYABLE_KEYS),
            RETRYABLE_EXPECTED,
        ) else {
            return Retryability::Fixed(false);
        };
        // `default` is optional: an absent field means "not retryable" unless it says otherwise.
        let default = self.optional(&inner, keys::DEFAULT).unwrap_or(false);
        match self.required(&inner, keys::FIELD) {
            Some(name) => Retryability::Field { name, default },
            None => Retryability::Fixed(default),
        }
    }

    /// `message`: the default message template.
    fn template(&mut self, table: &Table<'_, '_>) -> Located<Template> {
        let fallback = Located::new(Template::default(), self.location(&table.span));
        let Some(source) = self.required::<Located<String>>(table, keys::MESSAGE) else {
            return fallback;
        };
        match Template::parse(&source.value) {
            Ok(template) => Located::new(template, source.location),
            Err(problem) => {
                // The string's first character follows its opening quote.
                let location = Location {
                    line: source.location.line,
                    column: source.location.column + 1 + problem.offset,
                };
                self.cx
                    .push(Diagnostic::new(Some(location), problem.message));
                fallback
            }
        }
    }
}
