//! The walk of a `fields` table: the typed fields of a code or object type.

use super::Parser;
use super::table::{Keys, Table, Value};
use crate::diagnostic::Diagnostic;
use crate::keys;
use crate::model::{Field, FieldType, Located};
use crate::suggest;

/// What a field must be, as messages say it.
const FIELD_EXPECTED: &str =
    "a field definition table such as { type = \"string\", description = \"...\" }";

impl Parser<'_> {
    /// The fields under `fields` of `parent`, in catalog order.
    pub(super) fn fields(&mut self, parent: &Table<'_, '_>) -> Vec<Field> {
        let Some(fields) = self.open_sub_table(parent, keys::FIELDS, Keys::Named) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, value) in fields.entries.iter() {
            let name = Located::new(name.get_ref().to_string(), self.location(&name.span()));
            out.push(self.field(&fields, name, value));
        }
        out
    }

    /// The field `name`. One that is not a table (reported) is kept, with the
    /// placeholder type, so that the template and example may name it.
    fn field<'t, 'i>(
        &mut self,
        fields: &Table<'t, 'i>,
        name: Located<String>,
        value: &'t Value<'i>,
    ) -> Field {
        let Some(table) = self.open_table(
            fields,
            &name.value,
            value,
            Keys::Only(keys::FIELD_KEYS),
            FIELD_EXPECTED,
        ) else {
            return Field {
                ty: Located::new(unknown_type(), name.location),
                name,
                required: false,
                description: String::new(),
                sensitive: false,
                minimum: None,
                maximum: None,
            };
        };
        let ty = self.field_type(&table, &name);
        let required = self.optional(&table, keys::REQUIRED).unwrap_or(false);
        let sensitive = self.optional(&table, keys::SENSITIVE).unwrap_or(false);
        // Optional for the macro; the linter asks for it.
        let description = self.optional(&table, keys::DESCRIPTION).unwrap_or_default();
        let minimum = self.optional(&table, keys::MINIMUM);
        let maximum = self.optional(&table, keys::MAXIMUM);
        Field {
            name,
            ty,
            required,
            description,
            sensitive,
            minimum,
            maximum,
        }
    }

    /// The `type` of field `name`. A field whose type is missing or unknown is
    /// kept with the placeholder type, so that naming it elsewhere is no further problem.
    fn field_type(&mut self, table: &Table<'_, '_>, name: &Located<String>) -> Located<FieldType> {
        let Some(ty) = self.required::<Located<String>>(table, keys::TYPE) else {
            return Located::new(unknown_type(), name.location);
        };
        match FieldType::parse(&ty.value) {
            Ok(parsed) => Located::new(parsed, ty.location),
            Err(message) => {
                let mut diagnostic = Diagnostic::new(Some(ty.location), message);
                if let Some(meant) = suggest::builtin_type(&ty.value) {
                    diagnostic = diagnostic.with_help(suggest::did_you_mean(&meant));
                }
                self.cx.push(diagnostic);
                Located::new(unknown_type(), ty.location)
            }
        }
    }
}

/// The type of a field whose type was missing or not understood (a problem
/// already recorded): the nameless named type, which `validate` does not check further.
fn unknown_type() -> FieldType {
    FieldType::Named(String::new())
}
