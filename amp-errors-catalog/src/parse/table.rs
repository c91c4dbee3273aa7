//! Opening a table and checking its keys: the one way every walker enters a
//! table. Also what a table lacks (missing keys, merged with the typo that
//! stands for them) and what it holds of the wrong type.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Parser;
use super::leaf::kind;
use crate::diagnostic::Diagnostic;
use crate::keys;
use crate::suggest;

/// A TOML value with its byte span.
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// The keys a table may have.
#[derive(Debug, Clone, Copy)]
pub(super) enum Keys {
    /// Only these: any other key is reported as unknown.
    Only(&'static [&'static str]),
    /// Names the catalog chooses (codes, types, fields, example members): not checked.
    Named,
}

/// An open table: where it is and what it holds.
pub(super) struct Table<'t, 'i> {
    /// Dotted path of the table, for messages (`codes.not_found`); empty at the root.
    pub(super) path: String,
    pub(super) span: Range<usize>,
    pub(super) entries: &'t DeTable<'i>,
}

impl<'t, 'i> Table<'t, 'i> {
    /// The value of `key`. A small table (a code's, a field's: a dozen keys
    /// at most) is scanned, which is several times faster than hashing the
    /// key with SipHash; a large one (`[codes]`) is looked up.
    pub(super) fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        /// The most entries a table may have to be scanned.
        const SCANNED: usize = 16;
        if self.entries.len() > SCANNED {
            return self.entries.get(key);
        }
        self.entries
            .iter()
            .find(|(name, _)| **name.get_ref() == *key)
            .map(|(_, value)| value)
    }

    /// `key` with the table's path, quoted for messages: `` `codes.x.status` ``.
    /// Written out only when a message needs it.
    pub(super) fn qualified<'k>(&'k self, key: &'k str) -> Qualified<'k> {
        Qualified {
            path: &self.path,
            key,
        }
    }

    /// The dotted path of the table under `key`.
    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

/// A key with its table's path, as messages quote it (`` `codes.x.status` ``).
#[derive(Clone, Copy)]
pub(super) struct Qualified<'k> {
    path: &'k str,
    key: &'k str,
}

impl fmt::Display for Qualified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "`{}`", self.key)
        } else {
            write!(f, "`{}.{}`", self.path, self.key)
        }
    }
}

/// An unknown key whose suggested spelling is absent from its table.
pub(super) struct Typo {
    /// The table it is in.
    table: Range<usize>,
    /// The key as written.
    pub(super) written: String,
    /// The key it probably means.
    meant: &'static str,
    pub(super) diagnostic: Diagnostic,
}

impl<'a> Parser<'a> {
    /// The root table of the catalog, with its keys checked.
    pub(super) fn open_root<'t, 'i>(&mut self, root: &'t Spanned<DeTable<'i>>) -> Table<'t, 'i> {
        let start = root.span().start;
        let table = Table {
            path: String::new(),
            span: start..start,
            entries: root.get_ref(),
        };
        self.check_keys(&table, keys::TOP_LEVEL);
        table
    }

    /// Opens `value`, the entry `key` of `parent`, as a table whose keys are
    /// checked against `keys`; a value of another type is reported as not `expected`.
    pub(super) fn open_table<'t, 'i>(
        &mut self,
        parent: &Table<'t, 'i>,
        key: &str,
        value: &'t Value<'i>,
        keys: Keys,
        expected: &str,
    ) -> Option<Table<'t, 'i>> {
        let table = self.open_table_at(parent.child_path(key), value, keys);
        if table.is_none() {
            self.wrong_type(parent, key, value, expected);
        }
        table
    }

    /// The table under `key` of `parent`, if there is one; see [`Parser::open_table`].
    pub(super) fn open_sub_table<'t, 'i>(
        &mut self,
        parent: &Table<'t, 'i>,
        key: &str,
        keys: Keys,
    ) -> Option<Table<'t, 'i>> {
        let value = parent.get(key)?;
        self.open_table(parent, key, value, keys, "a table")
    }

    /// Opens `value` as the table at `path`, checking its keys against `keys`;
    /// `None`, with nothing reported, when it is not a table.
    pub(super) fn open_table_at<'t, 'i>(
        &mut self,
        path: String,
        value: &'t Value<'i>,
        keys: Keys,
    ) -> Option<Table<'t, 'i>> {
        let DeValue::Table(entries) = value.get_ref() else {
            return None;
        };
        let table = Table {
            path,
            span: value.span(),
            entries,
        };
        if let Keys::Only(allowed) = keys {
            self.check_keys(&table, allowed);
        }
        Some(table)
    }

    /// Reports keys of `table` that are not `allowed`, with a suggestion.
    fn check_keys(&mut self, table: &Table<'_, '_>, allowed: &'static [&'static str]) {
        for (key, _) in table.entries.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                continue;
            }
            if table.path.is_empty()
                && table.get(keys::CATALOG).is_none()
                && keys::CATALOG_KEYS.contains(&name)
            {
                // A setting above every header: `misplaced_settings` reports it.
                continue;
            }
            self.unknown_key(table, key, allowed);
        }
    }

    /// Reports `key` of `table`, which is not `allowed`; a likely misspelling of
    /// a key the table lacks waits in `typos`, in case that key is required.
    fn unknown_key(
        &mut self,
        table: &Table<'_, '_>,
        key: &Spanned<toml::de::DeString<'_>>,
        allowed: &'static [&'static str],
    ) {
        let name: &str = key.get_ref();
        let mut diagnostic = Diagnostic::new(
            Some(self.location(&key.span())),
            format!(
                "unknown key {}; expected one of: {}",
                table.qualified(name),
                allowed.join(", ")
            ),
        );
        if let Some(best) = suggest::closest(name, allowed) {
            diagnostic = diagnostic.with_help(suggest::did_you_mean(best));
            if table.get(best).is_none() {
                self.typos.push(Typo {
                    table: table.span.clone(),
                    written: name.to_owned(),
                    meant: best,
                    diagnostic,
                });
                return;
            }
        }
        self.cx.push(diagnostic);
    }

    /// The deferred unknown key of `table` that probably means `key`.
    pub(super) fn take_typo(&mut self, table: &Range<usize>, key: &str) -> Option<Typo> {
        let i = self
            .typos
            .iter()
            .position(|t| &t.table == table && t.meant == key)?;
        Some(self.typos.remove(i))
    }

    /// Reports the unknown keys no missing key claimed.
    pub(super) fn report_remaining_typos(&mut self) {
        for typo in self.typos.drain(..) {
            self.cx.push(typo.diagnostic);
        }
    }

    /// Reports that required `key` of `table` is missing (it should hold
    /// `expected`), or the misspelled key that stands for it.
    pub(super) fn missing(&mut self, table: &Table<'_, '_>, key: &str, expected: &str) {
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
        self.error(
            &table.span,
            format!(
                "missing required key {}: expected {expected}",
                table.qualified(key)
            ),
        );
    }

    /// Reports that `value`, of `key` in `table`, is not `expected`.
    pub(super) fn wrong_type(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        value: &Value<'_>,
        expected: &str,
    ) {
        self.error(
            &value.span(),
            format!(
                "{} must be {expected}, found {}",
                table.qualified(key),
                kind(value.get_ref())
            ),
        );
    }
}
