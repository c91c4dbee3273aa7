//! TOML text to the [`Catalog`] model, recording every problem of shape on the way:
//! syntax, unknown keys (with "did you mean"), missing keys, values of the wrong type.
//!
//! Checks that relate one part of the catalog to another (categories, template
//! placeholders, examples, name clashes) are [`crate::validate`]'s.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::keys;
use crate::model::{
    Catalog, ErrorCode, Example, Field, FieldType, Located, ObjectType, Retired, Retryability,
};
use crate::suggest;
use crate::template::Template;

/// Parses catalog `text`, recording problems in `cx`.
///
/// Returns `None` when the text is not valid TOML (its syntax errors are in
/// `cx`); otherwise a model of whatever parsed, with placeholders where a
/// required value was missing or ill-typed (and a problem recorded for it).
pub fn parse(text: &str, cx: &mut Diagnostics) -> Option<Catalog> {
    let index = LineIndex::new(text);
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        // A table defined twice makes every key in its second definition a
        // duplicate too: report the table once, not each of its keys.
        let mut duplicated_table: Option<(usize, usize)> = None;
        for error in errors {
            let message = error.message().trim_end();
            let Some(span) = error.span() else {
                // toml locates its errors; should one come without a span, point at the file's start.
                cx.push(Diagnostic::new(
                    Some(index.location(0)),
                    format!("invalid TOML: {message}"),
                ));
                continue;
            };
            let location = index.span_start(&span);
            if message == "duplicate key" {
                if let Some((header_line, end_line)) = duplicated_table
                    && location.line > header_line
                    && location.line < end_line
                {
                    continue;
                }
                let duplicate = duplicate_key(text, &span);
                if duplicate.header {
                    duplicated_table = Some((location.line, next_header_line(text, location.line)));
                }
                cx.push(Diagnostic::new(Some(location), duplicate.message));
                continue;
            }
            cx.push(Diagnostic::new(
                Some(location),
                format!("invalid TOML: {message}"),
            ));
        }
        return None;
    }
    let mut parser = Parser {
        index,
        cx,
        typos: Vec::new(),
    };
    let catalog = parser.catalog(root);
    for typo in parser.typos.drain(..) {
        parser.cx.push(typo.diagnostic);
    }
    Some(catalog)
}

/// What toml's bare "duplicate key" error is about.
struct Duplicate {
    /// Whether the key is the last one of a table header (`[codes.x]` defined twice).
    header: bool,
    message: String,
}

/// Names the key of a "duplicate key" error at `span`, and where it was first
/// defined when a line above defines it the same way.
fn duplicate_key(text: &str, span: &Range<usize>) -> Duplicate {
    let key = text.get(span.clone()).unwrap_or_default().trim();
    let start = span.start.min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = text
        .get(line_start..)
        .and_then(|t| t.lines().next())
        .unwrap_or_default();
    let trimmed = line.trim_start();
    let before: Vec<&str> = text.get(..line_start).unwrap_or_default().lines().collect();
    if trimmed.starts_with('[') {
        // `[codes.x]` (or `[[...]]`) written twice: find the first header.
        let header = normalize_header(trimmed);
        let first = before.iter().position(|l| {
            l.trim_start().starts_with('[') && normalize_header(l.trim_start()) == header
        });
        let message = match first {
            Some(i) => format!(
                "table `{header}` is defined twice (first at line {}); a TOML table is written once: merge the two",
                i + 1
            ),
            None => format!(
                "table `{header}` is defined twice; a TOML table is written once: merge the two"
            ),
        };
        return Duplicate {
            header: true,
            message,
        };
    }
    // A key set twice in one table: look for the first `key =` above, within
    // the same table (up to the previous header), or earlier on the same line.
    let earlier = line.get(..start - line_start).unwrap_or_default();
    let first_on_line =
        earlier.contains(&format!("{key} =")) || earlier.contains(&format!("{key}="));
    let first_line = if first_on_line {
        None
    } else {
        before
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, l)| !l.trim_start().starts_with('['))
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|(i, _)| i + 1)
    };
    let message = match first_line {
        Some(first) => format!(
            "key `{key}` is defined twice in the same table (first at line {first}); remove one"
        ),
        None if first_on_line => {
            format!("key `{key}` is defined twice in the same inline table; remove one")
        }
        None => format!("key `{key}` is defined twice in the same table; remove one"),
    };
    Duplicate {
        header: false,
        message,
    }
}

/// A table header without spaces or a trailing comment: `[ codes.x ] # c` is `[codes.x]`.
fn normalize_header(line: &str) -> String {
    let end = line.rfind(']').map_or(line.len(), |i| i + 1);
    line[..end].chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 1-based line of the first table header after `line`, or one past the last line.
fn next_header_line(text: &str, line: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(line)
        .find(|(_, l)| l.trim_start().starts_with('['))
        .map_or(usize::MAX, |(i, _)| i + 1)
}

struct Parser<'a> {
    index: LineIndex,
    cx: &'a mut Diagnostics,
    /// Unknown keys that look like a misspelling of a key their table lacks:
    /// reported together with that key when it is required (one problem, not
    /// two), on their own otherwise.
    typos: Vec<Typo>,
}

/// An unknown key whose suggested spelling is absent from its table.
struct Typo {
    /// The table it is in.
    table: Range<usize>,
    /// The key as written.
    written: String,
    /// The key it probably means.
    meant: &'static str,
    diagnostic: Diagnostic,
}

type Value<'i> = Spanned<DeValue<'i>>;

/// A table being read: the keys taken so far, for the unknown-key check.
struct Table<'t, 'i> {
    /// Dotted path of the table, for messages (`codes.not_found`).
    path: String,
    span: Range<usize>,
    table: &'t DeTable<'i>,
    allowed: &'static [&'static str],
}

fn kind(value: &DeValue<'_>) -> &'static str {
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

impl<'t, 'i> Table<'t, 'i> {
    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }

    fn qualified(&self, key: &str) -> String {
        if self.path.is_empty() {
            format!("`{key}`")
        } else {
            format!("`{}.{key}`", self.path)
        }
    }
}

impl<'a> Parser<'a> {
    fn at(&self, span: &Range<usize>) -> Option<Location> {
        Some(self.index.span_start(span))
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let location = self.at(span);
        self.cx.error(location, message);
    }

    /// Reports keys of `table` that are not allowed, with a suggestion.
    fn check_keys(&mut self, table: &Table<'_, '_>) {
        for (key, _) in table.table.iter() {
            let name: &str = key.get_ref();
            if table.allowed.contains(&name) {
                continue;
            }
            if table.path.is_empty()
                && table.get(keys::CATALOG).is_none()
                && keys::CATALOG_KEYS.contains(&name)
            {
                // A setting above every header: `misplaced_settings` reports it.
                continue;
            }
            let location = self.at(&key.span());
            let mut diagnostic = Diagnostic::new(
                location,
                format!(
                    "unknown key {}; expected one of: {}",
                    table.qualified(name),
                    table.allowed.join(", ")
                ),
            );
            if let Some(best) = suggest::closest(name, table.allowed) {
                diagnostic = diagnostic.with_help(suggest::did_you_mean(best));
                if table.get(best).is_none() {
                    self.typos.push(Typo {
                        table: table.span.clone(),
                        written: name.to_owned(),
                        meant: best,
                        diagnostic,
                    });
                    continue;
                }
            }
            self.cx.push(diagnostic);
        }
    }

    /// The deferred unknown key of `table` that probably means `key`.
    fn take_typo(&mut self, table: &Range<usize>, key: &str) -> Option<Typo> {
        let i = self
            .typos
            .iter()
            .position(|t| &t.table == table && t.meant == key)?;
        Some(self.typos.remove(i))
    }

    fn missing(&mut self, table: &Table<'_, '_>, key: &str, expected: &str) {
        if let Some(typo) = self.take_typo(&table.span, key) {
            // One mistake, one problem: the misspelled key is the missing one.
            let help = format!(
                "{} It is the missing required key {}",
                suggest::did_you_mean(key),
                table.qualified(key)
            );
            self.cx.push(Diagnostic {
                help: Some(help),
                ..typo.diagnostic
            });
            return;
        }
        let span = table.span.clone();
        self.error(
            &span,
            format!(
                "missing required key {}: expected {expected}",
                table.qualified(key)
            ),
        );
    }

    fn wrong_type(&mut self, table: &Table<'_, '_>, key: &str, value: &Value<'_>, expected: &str) {
        let span = value.span();
        self.error(
            &span,
            format!(
                "{} must be {expected}, found {}",
                table.qualified(key),
                kind(value.get_ref())
            ),
        );
    }

    fn sub_table<'t, 'i>(
        &mut self,
        parent: &Table<'t, 'i>,
        key: &str,
        allowed: &'static [&'static str],
    ) -> Option<Table<'t, 'i>> {
        let value = parent.get(key)?;
        match value.get_ref() {
            DeValue::Table(table) => Some(Table {
                path: if parent.path.is_empty() {
                    key.to_owned()
                } else {
                    format!("{}.{key}", parent.path)
                },
                span: value.span(),
                table,
                allowed,
            }),
            _ => {
                self.wrong_type(parent, key, value, "a table");
                None
            }
        }
    }

    fn string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Located<String>> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Located::new(
                s.to_string(),
                self.index.span_start(&value.span()),
            )),
            _ => {
                self.wrong_type(table, key, value, "a string");
                None
            }
        }
    }

    fn required_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Located<String>> {
        if table.get(key).is_none() {
            self.missing(table, key, "a string");
            return None;
        }
        self.string(table, key)
    }

    fn boolean(&mut self, table: &Table<'_, '_>, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(table, key, value, "a boolean (true or false)");
                None
            }
        }
    }

    fn string_list(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Vec<Located<String>>> {
        let value = table.get(key)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(table, key, value, "an array of strings");
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Located::new(
                    s.to_string(),
                    self.index.span_start(&item.span()),
                )),
                other => {
                    let span = item.span();
                    self.error(
                        &span,
                        format!(
                            "{} must be an array of strings, found {} in it",
                            table.qualified(key),
                            kind(other)
                        ),
                    );
                }
            }
        }
        Some(out)
    }

    fn catalog(&mut self, root: Spanned<DeTable<'_>>) -> Catalog {
        let root_span = root.span();
        let root = Table {
            path: String::new(),
            span: root_span.start..root_span.start,
            table: root.get_ref(),
            allowed: keys::TOP_LEVEL,
        };
        self.check_keys(&root);
        let start = self.index.location(0);

        let settings = self.sub_table(&root, keys::CATALOG, keys::CATALOG_KEYS);
        let mut catalog = Catalog {
            name: Located::new(String::new(), start),
            doc_base_url: String::new(),
            request_id_prefix: None,
            categories: Vec::new(),
            non_exhaustive: true,
            fallback_variant: None,
            retired: Vec::new(),
            types: Vec::new(),
            codes: Vec::new(),
        };
        match &settings {
            None if root.get(keys::CATALOG).is_none() => {
                if let Some(settings) = self.misplaced_settings(&root) {
                    // Read them anyway, so that the codes are checked against them.
                    self.settings(&settings, &mut catalog);
                } else {
                    self.cx.push(
                        Diagnostic::new(
                            Some(start),
                            "missing required table `[catalog]` (the catalog-wide settings)",
                        )
                        .with_help(
                            "add `[catalog]` with `name`, `doc_base_url` and `categories`; see docs/catalog.md",
                        ),
                    );
                }
            }
            None => {}
            Some(settings) => {
                self.check_keys(settings);
                self.settings(settings, &mut catalog);
            }
        }
        let categories_given = settings
            .as_ref()
            .and_then(|s| s.get(keys::CATEGORIES))
            .map(|v| v.span());

        if let Some(types) = self.sub_table(&root, keys::TYPES, &[]) {
            for (name, value) in types.table.iter() {
                let location = self.index.span_start(&name.span());
                let name = Located::new(name.get_ref().to_string(), location);
                if let Some(ty) = self.object_type(&types, name, value) {
                    catalog.types.push(ty);
                }
            }
        }
        if let Some(codes) = self.sub_table(&root, keys::CODES, &[]) {
            for (code, value) in codes.table.iter() {
                let location = self.index.span_start(&code.span());
                let code = Located::new(code.get_ref().to_string(), location);
                if let Some(code) = self.code(&codes, code, value) {
                    catalog.codes.push(code);
                }
            }
        }
        // Codes are checked against the categories only when there are some
        // (validate); an empty list while codes use categories is one problem, here.
        if let Some(span) = categories_given
            && catalog.categories.is_empty()
        {
            let mut used: Vec<&str> = Vec::new();
            for category in catalog.codes.iter().filter_map(|c| c.category.as_ref()) {
                if !used.contains(&category.value.as_str()) {
                    used.push(&category.value);
                }
            }
            if !used.is_empty() {
                let message = format!(
                    "`catalog.categories` is empty, but the codes use categories: {}; list them here",
                    used.iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                self.error(&span, message);
            }
        }
        catalog
    }

    /// The `[catalog]` settings when the table is missing but its keys are
    /// not: misspelled (`[catalogue]`) or written above every header. Reports
    /// the one mistake and returns the table to read them from.
    fn misplaced_settings<'t, 'i>(&mut self, root: &Table<'t, 'i>) -> Option<Table<'t, 'i>> {
        if let Some(typo) = self.take_typo(&root.span, keys::CATALOG) {
            let value = root.get(&typo.written)?;
            let DeValue::Table(table) = value.get_ref() else {
                self.cx.push(typo.diagnostic);
                return None;
            };
            let help = format!(
                "{} It is the missing required table `[catalog]`",
                suggest::did_you_mean(keys::CATALOG)
            );
            self.cx.push(Diagnostic {
                help: Some(help),
                ..typo.diagnostic
            });
            let settings = Table {
                path: typo.written.clone(),
                span: value.span(),
                table,
                allowed: keys::CATALOG_KEYS,
            };
            self.check_keys(&settings);
            for (key, _) in root.table.iter() {
                let name: &str = key.get_ref();
                if keys::CATALOG_KEYS.contains(&name) {
                    let location = self.at(&key.span());
                    self.cx.error(
                        location,
                        format!("unknown key `{name}`; it belongs in the `[catalog]` table"),
                    );
                }
            }
            return Some(settings);
        }
        let stray: Vec<_> = root
            .table
            .iter()
            .filter(|(key, _)| keys::CATALOG_KEYS.contains(&key.get_ref().as_ref()))
            .collect();
        let (first, _) = stray.first()?;
        let names: Vec<String> = stray
            .iter()
            .map(|(k, _)| format!("`{}`", k.get_ref()))
            .collect();
        let location = self.at(&first.span());
        self.cx.push(
            Diagnostic::new(
                location,
                format!(
                    "missing `[catalog]` header: {} {} catalog settings, which belong in the `[catalog]` table",
                    names.join(", "),
                    if names.len() == 1 { "is a" } else { "are" }
                ),
            )
            .with_help(format!("add a line `[catalog]` above `{}`", first.get_ref())),
        );
        Some(Table {
            path: keys::CATALOG.to_owned(),
            span: root.span.clone(),
            table: root.table,
            allowed: keys::CATALOG_KEYS,
        })
    }

    /// Reads the keys of the `[catalog]` table into `catalog`.
    fn settings(&mut self, settings: &Table<'_, '_>, catalog: &mut Catalog) {
        if let Some(name) = self.required_string(settings, keys::NAME) {
            catalog.name = name;
        }
        if let Some(url) = self.required_string(settings, keys::DOC_BASE_URL) {
            catalog.doc_base_url = url.value;
        }
        catalog.request_id_prefix = self
            .string(settings, keys::REQUEST_ID_PREFIX)
            .map(|s| s.value);
        match self.string_list(settings, keys::CATEGORIES) {
            Some(list) => catalog.categories = list,
            None if settings.get(keys::CATEGORIES).is_none() => {
                self.missing(settings, keys::CATEGORIES, "an array of category names")
            }
            None => {}
        }
        catalog.non_exhaustive = self.boolean(settings, keys::NON_EXHAUSTIVE).unwrap_or(true);
        catalog.fallback_variant = self.string(settings, keys::FALLBACK_VARIANT);
        catalog.retired = self.retired(settings);
    }

    fn retired(&mut self, settings: &Table<'_, '_>) -> Vec<Retired> {
        let Some(value) = settings.get(keys::RETIRED) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                settings,
                keys::RETIRED,
                value,
                "an array of codes or { code, note } tables",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let location = self.index.span_start(&item.span());
            match item.get_ref() {
                DeValue::String(code) => out.push(Retired {
                    code: Located::new(code.to_string(), location),
                    note: None,
                }),
                DeValue::Table(table) => {
                    let table = Table {
                        path: format!("{}.{}[]", keys::CATALOG, keys::RETIRED),
                        span: item.span(),
                        table,
                        allowed: keys::RETIRED_KEYS,
                    };
                    self.check_keys(&table);
                    let note = self.string(&table, keys::NOTE).map(|n| n.value);
                    if let Some(code) = self.required_string(&table, keys::CODE) {
                        out.push(Retired { code, note });
                    }
                }
                other => {
                    let span = item.span();
                    self.error(
                        &span,
                        format!(
                            "`catalog.retired` entries must be a code string or a {{ code, note }} table, found {}",
                            kind(other)
                        ),
                    );
                }
            }
        }
        out
    }

    fn object_type(
        &mut self,
        types: &Table<'_, '_>,
        name: Located<String>,
        value: &Value<'_>,
    ) -> Option<ObjectType> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(types, &name.value, value, "a table");
            return None;
        };
        let table = Table {
            path: format!("{}.{}", keys::TYPES, name.value),
            span: value.span(),
            table,
            allowed: keys::TYPE_KEYS,
        };
        self.check_keys(&table);
        let description = self
            .required_string(&table, keys::DESCRIPTION)
            .map(|d| d.value)
            .unwrap_or_default();
        let fields = self.fields(&table);
        Some(ObjectType {
            name,
            description,
            fields,
        })
    }

    fn code(
        &mut self,
        codes: &Table<'_, '_>,
        code: Located<String>,
        value: &Value<'_>,
    ) -> Option<ErrorCode> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(codes, &code.value, value, "a table");
            return None;
        };
        let table = Table {
            path: format!("{}.{}", keys::CODES, code.value),
            span: value.span(),
            table,
            allowed: keys::CODE_KEYS,
        };
        self.check_keys(&table);
        let here = code.location;

        let status = self.status(&table).unwrap_or(Located::new(500, here));
        let category = self.required_string(&table, keys::CATEGORY);
        let retryable = self.retryable(&table);
        let message = self.template(&table);
        let description = self
            .required_string(&table, keys::DESCRIPTION)
            .map(|d| d.value)
            .unwrap_or_default();
        let cause = self
            .required_string(&table, keys::CAUSE)
            .map(|d| d.value)
            .unwrap_or_default();
        let resolution = match self.string_list(&table, keys::RESOLUTION) {
            Some(list) => list.into_iter().map(|s| s.value).collect(),
            None => {
                if table.get(keys::RESOLUTION).is_none() {
                    self.missing(&table, keys::RESOLUTION, "an array of resolution steps");
                }
                Vec::new()
            }
        };
        let deprecated = self.string(&table, keys::DEPRECATED).map(|d| d.value);
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
            fields,
            example,
        })
    }

    fn status(&mut self, table: &Table<'_, '_>) -> Option<Located<u16>> {
        let Some(value) = table.get(keys::STATUS) else {
            self.missing(table, keys::STATUS, "an HTTP status code in 400..=599");
            return None;
        };
        let span = value.span();
        let location = self.index.span_start(&span);
        let DeValue::Integer(int) = value.get_ref() else {
            self.wrong_type(
                table,
                keys::STATUS,
                value,
                "an integer HTTP status in 400..=599",
            );
            return None;
        };
        let number = i64::from_str_radix(int.as_str(), int.radix()).ok();
        match number
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (400..=599).contains(n))
        {
            Some(status) => Some(Located::new(status, location)),
            None => {
                self.error(
                    &span,
                    format!(
                        "status {int} is not an error status; expected an integer in 400..=599"
                    ),
                );
                None
            }
        }
    }

    fn retryable(&mut self, table: &Table<'_, '_>) -> Retryability {
        let Some(value) = table.get(keys::RETRYABLE) else {
            self.missing(
                table,
                keys::RETRYABLE,
                "true, false, or { field = \"name\", default = false }",
            );
            return Retryability::Fixed(false);
        };
        match value.get_ref() {
            DeValue::Boolean(b) => Retryability::Fixed(*b),
            DeValue::Table(inner) => {
                let inner = Table {
                    path: table.path.clone() + "." + keys::RETRYABLE,
                    span: value.span(),
                    table: inner,
                    allowed: keys::RETRYABLE_KEYS,
                };
                self.check_keys(&inner);
                // `default` is optional: an absent field means "not retryable" unless it says otherwise.
                let default = self.boolean(&inner, keys::DEFAULT).unwrap_or(false);
                match self.required_string(&inner, keys::FIELD) {
                    Some(name) => Retryability::Field { name, default },
                    None => Retryability::Fixed(default),
                }
            }
            _ => {
                self.wrong_type(
                    table,
                    keys::RETRYABLE,
                    value,
                    "true, false, or { field = \"name\", default = false }",
                );
                Retryability::Fixed(false)
            }
        }
    }

    fn template(&mut self, table: &Table<'_, '_>) -> Located<Template> {
        let fallback = Located::new(Template::default(), self.index.span_start(&table.span));
        let Some(source) = self.required_string(table, keys::MESSAGE) else {
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

    fn fields(&mut self, parent: &Table<'_, '_>) -> Vec<Field> {
        let Some(fields) = self.sub_table(parent, keys::FIELDS, &[]) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, value) in fields.table.iter() {
            let location = self.index.span_start(&name.span());
            let name = Located::new(name.get_ref().to_string(), location);
            let DeValue::Table(table) = value.get_ref() else {
                self.wrong_type(
                    &fields,
                    &name.value,
                    value,
                    "a field definition table such as { type = \"string\", description = \"...\" }",
                );
                // Keep the field, so that the template and example may name it.
                out.push(Field {
                    ty: Located::new(unknown_type(), name.location),
                    name,
                    required: false,
                    description: String::new(),
                    sensitive: false,
                });
                continue;
            };
            let table = Table {
                path: format!("{}.{}", fields.path, name.value),
                span: value.span(),
                table,
                allowed: keys::FIELD_KEYS,
            };
            self.check_keys(&table);
            // A field whose type is missing or unknown is kept with the
            // placeholder type, so that naming it elsewhere is no further problem.
            let ty = match self.required_string(&table, keys::TYPE) {
                Some(ty) => match FieldType::parse(&ty.value) {
                    Ok(parsed) => Located::new(parsed, ty.location),
                    Err(message) => {
                        let mut diagnostic = Diagnostic::new(Some(ty.location), message);
                        if let Some(meant) = suggest::builtin_type(&ty.value) {
                            diagnostic = diagnostic.with_help(suggest::did_you_mean(&meant));
                        }
                        self.cx.push(diagnostic);
                        Located::new(unknown_type(), ty.location)
                    }
                },
                None => Located::new(unknown_type(), name.location),
            };
            let required = self.boolean(&table, keys::REQUIRED).unwrap_or(false);
            let sensitive = self.boolean(&table, keys::SENSITIVE).unwrap_or(false);
            let description = self
                .required_string(&table, keys::DESCRIPTION)
                .map(|d| d.value)
                .unwrap_or_default();
            out.push(Field {
                name,
                ty,
                required,
                description,
                sensitive,
            });
        }
        out
    }

    fn example(&mut self, code: &Table<'_, '_>) -> Option<Example> {
        if code.get(keys::EXAMPLE).is_none() {
            self.missing(
                code,
                keys::EXAMPLE,
                "a table with one example instance of the code",
            );
            return None;
        }
        let table = self.sub_table(code, keys::EXAMPLE, &[])?;
        let mut example = Example {
            location: self.index.span_start(&table.span),
            message: None,
            param: None,
            request_id: None,
            fields: Vec::new(),
        };
        for (key, value) in table.table.iter() {
            let name: &str = key.get_ref();
            let location = self.index.span_start(&key.span());
            match name {
                keys::MESSAGE => example.message = self.string(&table, name).map(|s| s.value),
                keys::PARAM => example.param = self.string(&table, name).map(|s| s.value),
                keys::REQUEST_ID => example.request_id = self.string(&table, name),
                keys::CODE | keys::DOC_URL => {
                    let span = key.span();
                    self.error(
                        &span,
                        format!(
                            "`{}.{name}` is written by amp-errors; leave it out of the example",
                            table.path
                        ),
                    );
                }
                _ => match self.json(value) {
                    Some(json) => example
                        .fields
                        .push((Located::new(name.to_owned(), location), json)),
                    None => {
                        let span = value.span();
                        self.error(
                            &span,
                            format!(
                                "`{}.{name}` has {}, which JSON cannot carry",
                                table.path,
                                kind(value.get_ref())
                            ),
                        );
                    }
                },
            }
        }
        Some(example)
    }

    /// A TOML value as JSON; `None` for what JSON has no form of (datetimes, NaN).
    fn json(&self, value: &Value<'_>) -> Option<serde_json::Value> {
        json_of(value.get_ref())
    }
}

/// The type of a field whose type was missing or not understood (a problem
/// already recorded): the nameless named type, which `validate` does not check further.
pub(crate) fn unknown_type() -> FieldType {
    FieldType::Named(String::new())
}

fn json_of(value: &DeValue<'_>) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match value {
        DeValue::String(s) => J::String(s.to_string()),
        DeValue::Integer(i) => J::from(i64::from_str_radix(i.as_str(), i.radix()).ok()?),
        DeValue::Float(f) => J::from(serde_json::Number::from_f64(f.as_str().parse().ok()?)?),
        DeValue::Boolean(b) => J::Bool(*b),
        DeValue::Datetime(_) => return None,
        DeValue::Array(items) => J::Array(
            items
                .iter()
                .map(|item| json_of(item.get_ref()))
                .collect::<Option<_>>()?,
        ),
        DeValue::Table(table) => J::Object(
            table
                .iter()
                .map(|(k, v)| Some((k.get_ref().to_string(), json_of(v.get_ref())?)))
                .collect::<Option<_>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let mut cx = Diagnostics::new();
        parse(text, &mut cx);
        cx.sorted().iter().map(|d| d.render("c.toml")).collect()
    }

    #[test]
    fn syntax_errors_are_located() {
        let found = problems("[catalog]\nname = \n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("c.toml:2:"), "{found:?}");
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let found = problems(
            "[catalog]\nname = \"E\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n\n[codes.x]\nstatus = 400\ncategory = \"A\"\nretriable = true\nmessage = \"m\"\ndescription = \"d\"\ncause = \"c\"\nresolution = []\nexample = {}\n",
        );
        assert!(
            found.iter().any(
                |p| p.starts_with("c.toml:9:1: unknown key `codes.x.retriable`")
                    && p.contains("did you mean `retryable`?")
            ),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("missing required key `codes.x.retryable`")),
            "{found:?}"
        );
    }

    #[test]
    fn status_out_of_range() {
        let found = problems(
            "[catalog]\nname = \"E\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n[codes.x]\nstatus = 302\ncategory = \"A\"\nretryable = true\nmessage = \"m\"\ndescription = \"d\"\ncause = \"c\"\nresolution = []\nexample = {}\n",
        );
        assert_eq!(
            found,
            vec![
                "c.toml:6:10: status 302 is not an error status; expected an integer in 400..=599"
            ]
        );
    }
}
