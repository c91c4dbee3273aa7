use serde_json::Value;

use crate::{Map, RawJson};

/// A JSON object that keeps its members as they were written or received:
/// in order, each value as its own JSON text ([`RawJson`]). It is the type of
/// `object` fields, of the members a named type does not declare, and what
/// [`UnknownError`](crate::UnknownError) holds.
///
/// `serde_json::Map` keeps order only with serde_json's `preserve_order`
/// feature, which would switch it on for every crate in a user's build, so
/// this crate keeps order itself ([`Map`]). A repeated name keeps its first
/// place and its last value.
pub type Object = Map<RawJson>;

impl From<serde_json::Map<String, Value>> for Object {
    fn from(map: serde_json::Map<String, Value>) -> Self {
        map.into_iter().collect()
    }
}

impl From<Object> for serde_json::Map<String, Value> {
    /// In order where serde_json's `preserve_order` is on, sorted otherwise.
    fn from(object: Object) -> Self {
        object
            .into_iter()
            .map(|(key, value)| (key, value.to_value()))
            .collect()
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
