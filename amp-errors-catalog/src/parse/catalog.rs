//! The walk of the root table: `[catalog]` settings (wherever they were
//! written), `catalog.retired`, then the object types and the codes.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Parser;
use super::leaf::kind;
use super::table::{Keys, Table};
use crate::diagnostic::{Diagnostic, Location};
use crate::keys;
use crate::model::{Catalog, HttpAnswer, HttpFailure, Located, Retired};
use crate::suggest;

impl Parser<'_> {
    /// The catalog of the `root` table.
    pub(super) fn catalog(&mut self, root: &Spanned<DeTable<'_>>) -> Catalog {
        let root = self.open_root(root);
        let start = self.index.location(0);
        let settings = self.open_sub_table(&root, keys::CATALOG, Keys::Only(keys::CATALOG_KEYS));
        let mut catalog = empty_catalog(start);
        match &settings {
            Some(settings) => self.settings(settings, &mut catalog),
            None if root.get(keys::CATALOG).is_none() => {
                self.settings_elsewhere(&root, &mut catalog)
            }
            // `catalog` is not a table: reported by `open_sub_table`.
            None => {}
        }
        self.categories_at = settings
            .as_ref()
            .and_then(|s| s.get(keys::CATEGORIES))
            .map(|v| self.location(&v.span()));
        catalog.types = self.object_types(&root);
        catalog.codes = self.codes(&root);
        catalog.http = self.http_answers(&root);
        catalog
    }

    /// `[http]`: failure = code, each located; unknown failures are reported
    /// as unknown keys (with "did you mean").
    fn http_answers(&mut self, root: &Table<'_, '_>) -> Vec<HttpAnswer> {
        let Some(table) = self.open_sub_table(root, keys::HTTP, Keys::Only(&HTTP_KEYS)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, _) in table.entries.iter() {
            let Some(failure) = HttpFailure::from_key(name.get_ref()) else {
                continue;
            };
            if let Some(code) = self.required::<Located<String>>(&table, failure.key()) {
                let failure = Located::new(failure, self.location(&name.span()));
                out.push(HttpAnswer { failure, code });
            }
        }
        out
    }

    /// With no `[catalog]` table: reads the settings from where they were
    /// written (a misspelled table, or above every header), or reports the table missing.
    fn settings_elsewhere(&mut self, root: &Table<'_, '_>, catalog: &mut Catalog) {
        if let Some(settings) = self.misplaced_settings(root) {
            // Read them anyway, so that the codes are checked against them.
            self.settings(&settings, catalog);
            return;
        }
        self.cx.push(
            Diagnostic::new(
                Some(self.index.location(0)),
                "missing required table `[catalog]` (the catalog-wide settings)",
            )
            .with_help(
                "add `[catalog]` with `name`, `doc_base_url` and `categories`; see docs/catalog.md",
            ),
        );
    }

    /// The `[catalog]` settings when the table is missing but its keys are
    /// not: misspelled (`[catalogue]`) or written above every header. Reports
    /// the one mistake and returns the table to read them from.
    fn misplaced_settings<'t, 'i>(&mut self, root: &Table<'t, 'i>) -> Option<Table<'t, 'i>> {
        match self.take_typo(&root.span, keys::CATALOG) {
            Some(typo) => {
                let value = root.get(&typo.written)?;
                if !matches!(value.get_ref(), DeValue::Table(_)) {
                    self.cx.push(typo.diagnostic);
                    return None;
                }
                let help = format!(
                    "{} It is the missing required table `[catalog]`",
                    suggest::did_you_mean(keys::CATALOG)
                );
                self.cx.push(Diagnostic {
                    help: Some(help),
                    ..typo.diagnostic
                });
                let settings =
                    self.open_table_at(typo.written, value, Keys::Only(keys::CATALOG_KEYS));
                self.report_settings_at_top(root);
                settings
            }
            None => self.settings_above_headers(root),
        }
    }

    /// Reports each setting written at the top level beside a misspelled `[catalog]`.
    fn report_settings_at_top(&mut self, root: &Table<'_, '_>) {
        for (key, _) in root.entries.iter() {
            let name: &str = key.get_ref();
            if keys::CATALOG_KEYS.contains(&name) {
                let location = self.location(&key.span());
                self.cx.error(
                    Some(location),
                    format!("unknown key `{name}`; it belongs in the `[catalog]` table"),
                );
            }
        }
    }

    /// Settings written above every header, with no `[catalog]` line: reported
    /// once, and read from the root table.
    fn settings_above_headers<'t, 'i>(&mut self, root: &Table<'t, 'i>) -> Option<Table<'t, 'i>> {
        let stray: Vec<_> = root
            .entries
            .iter()
            .filter(|(key, _)| keys::CATALOG_KEYS.contains(&key.get_ref().as_ref()))
            .collect();
        let (first, _) = stray.first()?;
        let names: Vec<String> = stray
            .iter()
            .map(|(k, _)| format!("`{}`", k.get_ref()))
            .collect();
        let location = self.location(&first.span());
        self.cx.push(
            Diagnostic::new(
                Some(location),
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
            entries: root.entries,
        })
    }

    /// Reads the keys of the `[catalog]` table into `catalog`.
    fn settings(&mut self, settings: &Table<'_, '_>, catalog: &mut Catalog) {
        if let Some(name) = self.required(settings, keys::NAME) {
            catalog.name = name;
        }
        if let Some(url) = self.required(settings, keys::DOC_BASE_URL) {
            catalog.doc_base_url = url;
        }
        catalog.request_id_prefix = self.optional(settings, keys::REQUEST_ID_PREFIX);
        if let Some(list) =
            self.required_described(settings, keys::CATEGORIES, "an array of category names")
        {
            catalog.categories = list;
        }
        catalog.non_exhaustive = self
            .optional(settings, keys::NON_EXHAUSTIVE)
            .unwrap_or(true);
        catalog.fallback_variant = self.optional(settings, keys::FALLBACK_VARIANT);
        catalog.retired = self.retired(settings);
    }

    /// `catalog.retired`: codes, or `{ code, note }` tables.
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
        items
            .iter()
            .filter_map(|item| self.retired_entry(item))
            .collect()
    }

    /// One entry of `catalog.retired`; `None` when it names no code (reported).
    fn retired_entry(&mut self, item: &Spanned<DeValue<'_>>) -> Option<Retired> {
        if let DeValue::String(code) = item.get_ref() {
            return Some(Retired {
                code: Located::new(code.to_string(), self.location(&item.span())),
                note: None,
            });
        }
        let path = format!("{}.{}[]", keys::CATALOG, keys::RETIRED);
        let Some(entry) = self.open_table_at(path, item, Keys::Only(keys::RETIRED_KEYS)) else {
            self.error(
                &item.span(),
                format!(
                    "`catalog.retired` entries must be a code string or a {{ code, note }} table, found {}",
                    kind(item.get_ref())
                ),
            );
            return None;
        };
        let note = self.optional(&entry, keys::NOTE);
        let code = self.required(&entry, keys::CODE)?;
        Some(Retired { code, note })
    }
}

/// The catalog before its settings are read: what a missing setting leaves.
fn empty_catalog(start: Location) -> Catalog {
    Catalog {
        name: Located::new(String::new(), start),
        doc_base_url: String::new(),
        request_id_prefix: None,
        categories: Vec::new(),
        non_exhaustive: true,
        fallback_variant: None,
        retired: Vec::new(),
        types: Vec::new(),
        codes: Vec::new(),
        http: Vec::new(),
    }
}

/// The keys of `[http]`: one per [`HttpFailure`].
const HTTP_KEYS: [&str; HttpFailure::ALL.len()] = {
    let mut keys = [""; HttpFailure::ALL.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = HttpFailure::ALL[i].key();
        i += 1;
    }
    keys
};
