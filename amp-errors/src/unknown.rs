use std::fmt;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::Object;

/// An error whose code the catalog does not know: kept whole, every member in
/// the order it arrived, and serialized back to the same JSON.
///
/// It is opaque on purpose. A client built against an older catalog sees a
/// newer server's codes here; the day its catalog learns such a code, the
/// error moves to its own variant. Code that matched this value by its code
/// string would then silently stop running, so there is no public code field
/// to match on: match the known variants, and treat this one as "any other
/// error" (log [`code`](Self::code), show [`message`](Self::message)).
#[derive(Clone, PartialEq)]
pub struct UnknownError {
    members: Object,
}

impl UnknownError {
    /// An error object with only a code.
    pub fn new(code: impl Into<String>) -> Self {
        let mut members = Object::new();
        members.insert("code", Value::String(code.into()));
        UnknownError { members }
    }

    /// Builds one from a JSON error object; fails when it has no string `code`.
    pub fn from_map(members: Map<String, Value>) -> Result<Self, Map<String, Value>> {
        UnknownError::from_object(members.into()).map_err(Map::from)
    }

    /// Builds one from a JSON error object; fails when it has no string `code`.
    pub(crate) fn from_object(members: Object) -> Result<Self, Object> {
        if members.get("code").is_some_and(Value::is_string) {
            Ok(UnknownError { members })
        } else {
            Err(members)
        }
    }

    fn str_member(&self, key: &str) -> Option<&str> {
        self.field(key).and_then(Value::as_str)
    }

    /// The wire code.
    pub fn code(&self) -> &str {
        self.str_member("code").unwrap_or_default()
    }

    /// The message, if the object has one.
    pub fn message(&self) -> Option<&str> {
        self.str_member("message")
    }

    /// The `param` member.
    pub fn param(&self) -> Option<&str> {
        self.str_member("param")
    }

    /// The `request_id` member.
    pub fn request_id(&self) -> Option<&str> {
        self.str_member("request_id")
    }

    /// The `doc_url` member as received.
    pub fn doc_url(&self) -> Option<&str> {
        self.str_member("doc_url")
    }

    /// Any member, by its wire name.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.members.get(name)
    }

    /// The whole object, as received.
    pub fn as_json(&self) -> &Object {
        &self.members
    }

    /// The whole object.
    pub fn into_json(self) -> Object {
        self.members
    }
}

impl fmt::Debug for UnknownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("UnknownError");
        for (key, value) in self.members.iter() {
            s.field(key, &format_args!("{value}"));
        }
        s.finish()
    }
}

impl Serialize for UnknownError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.members.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for UnknownError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members = Object::deserialize(deserializer)?;
        UnknownError::from_object(members).map_err(|_| de::Error::missing_field("code"))
    }
}
