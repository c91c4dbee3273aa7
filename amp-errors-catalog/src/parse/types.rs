//! The walk of `[types]`: named object types and string enums.

use super::Parser;
use super::table::{Keys, Table, Value};
use crate::keys;
use crate::model::{Located, ObjectType};

impl Parser<'_> {
    /// Every object type under `[types]`, in catalog order.
    pub(super) fn object_types(&mut self, root: &Table<'_, '_>) -> Vec<ObjectType> {
        let Some(types) = self.open_sub_table(root, keys::TYPES, Keys::Named) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, value) in types.entries.iter() {
            let name = Located::new(name.get_ref().to_string(), self.location(&name.span()));
            if let Some(ty) = self.object_type(&types, name, value) {
                out.push(ty);
            }
        }
        out
    }

    /// The object type `name`; `None` when it is not a table (reported).
    fn object_type<'t, 'i>(
        &mut self,
        types: &Table<'t, 'i>,
        name: Located<String>,
        value: &'t Value<'i>,
    ) -> Option<ObjectType> {
        let table = self.open_table(
            types,
            &name.value,
            value,
            Keys::Only(keys::TYPE_KEYS),
            "a table",
        )?;
        let description = self.optional(&table, keys::DESCRIPTION).unwrap_or_default();
        let values: Option<Vec<Located<String>>> = self.optional(&table, keys::ENUM);
        if values.is_some() && table.get(keys::FIELDS).is_some() {
            self.cx.error(
                Some(name.location),
                format!(
                    "`types.{}` has both `fields` and `enum`; a type is an object (fields) or a string enum (enum), not both",
                    name.value
                ),
            );
        }
        let fields = if values.is_some() {
            Vec::new()
        } else {
            self.fields(&table)
        };
        Some(ObjectType {
            name,
            description,
            fields,
            values,
        })
    }
}
