use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::RawJson;

/// A JSON object that keeps its members as they were written or received:
/// in order, each value as its own JSON text ([`RawJson`]). It is the type of
/// `object` fields, and what [`UnknownError`](crate::UnknownError) holds.
///
/// `serde_json::Map` keeps order only with serde_json's `preserve_order`
/// feature, which would switch it on for every crate in a user's build, so
/// this crate keeps order itself. A repeated name keeps its first place and
/// its last value.
#[derive(Clone, Default, PartialEq)]
pub struct Object {
    members: Vec<(String, RawJson)>,
}

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object::default()
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<&RawJson> {
        self.members
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// Sets member `name`: in place if present, else at the end. Returns the old value.
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        value: impl Into<RawJson>,
    ) -> Option<RawJson> {
        let name = name.into();
        let value = value.into();
        match self.members.iter_mut().find(|(key, _)| *key == name) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.members.push((name, value));
                None
            }
        }
    }

    /// Removes member `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<RawJson> {
        let at = self.members.iter().position(|(key, _)| key == name)?;
        Some(self.members.remove(at).1)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawJson)> {
        self.members
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether it has no member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<V: Into<RawJson>> FromIterator<(String, V)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(members: I) -> Self {
        let mut object = Object::new();
        for (key, value) in members {
            object.insert(key, value);
        }
        object
    }
}

impl From<Map<String, Value>> for Object {
    fn from(map: Map<String, Value>) -> Self {
        map.into_iter().collect()
    }
}

impl From<Object> for Map<String, Value> {
    /// In order where serde_json's `preserve_order` is on, sorted otherwise.
    fn from(object: Object) -> Self {
        object
            .members
            .into_iter()
            .map(|(key, value)| (key, value.to_value()))
            .collect()
    }
}

impl IntoIterator for Object {
    type Item = (String, RawJson);
    type IntoIter = std::vec::IntoIter<(String, RawJson)>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}

impl fmt::Debug for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Object;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
                let mut object = Object::new();
                while let Some((key, value)) = map.next_entry::<String, RawJson>()? {
                    object.insert(key, value.checked::<A::Error>()?);
                }
                Ok(object)
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_their_order_text_and_repeats_their_first_place() -> serde_json::Result<()> {
        let object: Object = serde_json::from_str(r#"{"b":1,"a":2E0,"b":{"z":1,"y":2}}"#)?;
        assert_eq!(
            serde_json::to_string(&object)?,
            r#"{"b":{"z":1,"y":2},"a":2E0}"#
        );
        assert_eq!(object.get("a").map(RawJson::get), Some("2E0"));
        Ok(())
    }
}
