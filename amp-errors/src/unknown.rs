use std::fmt;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::{Object, RawJson};

/// An error object kept whole: every member in the order it arrived, each
/// value as written, and serialized back to the same JSON.
///
/// An error lands here when its code is one the catalog does not know (a
/// newer server's code, or a retired one), or when its code is known but the
/// object lacks one of the code's required fields or has one of the wrong
/// type. The generated type's accessors still take the status, category,
/// retryability and doc link of a known code from the catalog.
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
    code: String,
    message: Option<String>,
    param: Option<String>,
    request_id: Option<String>,
    doc_url: Option<String>,
}

impl UnknownError {
    /// An error object with only a code.
    pub fn new(code: impl Into<String>) -> Self {
        let code = code.into();
        let mut members = Object::new();
        members.insert("code", code.as_str());
        UnknownError {
            members,
            code,
            message: None,
            param: None,
            request_id: None,
            doc_url: None,
        }
    }

    /// Builds one from a JSON error object; fails when it has no string `code`.
    pub fn from_map(members: Map<String, Value>) -> Result<Self, Map<String, Value>> {
        UnknownError::from_object(members.into()).map_err(Map::from)
    }

    /// Builds one from an error object; fails when it has no string `code`.
    pub fn from_object(members: Object) -> Result<Self, Object> {
        let text = |key: &str| members.get(key).and_then(RawJson::as_string);
        let Some(code) = text("code") else {
            return Err(members);
        };
        Ok(UnknownError {
            code,
            message: text("message"),
            param: text("param"),
            request_id: text("request_id"),
            doc_url: text("doc_url"),
            members,
        })
    }

    /// The wire code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message, if the object has one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The `param` member.
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// The `request_id` member.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `doc_url` member as received.
    pub fn doc_url(&self) -> Option<&str> {
        self.doc_url.as_deref()
    }

    /// Any member, by its wire name, as received.
    pub fn field(&self, name: &str) -> Option<&RawJson> {
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
    /// The code, message and request id; of other members only their names
    /// (their values may hold anything, sensitive data included).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.debug(f, false)
    }
}

impl UnknownError {
    /// Its `Debug` without the message's text.
    pub(crate) fn redacted(&self) -> impl fmt::Debug + '_ {
        struct Redacted<'a>(&'a UnknownError);
        impl fmt::Debug for Redacted<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.debug(f, true)
            }
        }
        Redacted(self)
    }

    fn debug(&self, f: &mut fmt::Formatter<'_>, redact_message: bool) -> fmt::Result {
        let mut s = f.debug_struct("UnknownError");
        s.field("code", &self.code);
        if let Some(message) = &self.message {
            if redact_message {
                s.field("message", &format_args!("{}", crate::REDACTED));
            } else {
                s.field("message", message);
            }
        }
        if let Some(request_id) = &self.request_id {
            s.field("request_id", request_id);
        }
        let others = Names(&self.members);
        if others.0.iter().any(|(key, _)| others.shown(key)) {
            s.field("other_members", &others);
        }
        s.finish()
    }
}

/// The names of the members `Debug` does not show.
struct Names<'a>(&'a Object);

impl Names<'_> {
    fn shown(&self, key: &str) -> bool {
        !matches!(key, "code" | "message" | "request_id")
    }
}

impl fmt::Debug for Names<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.0
                    .iter()
                    .map(|(key, _)| key)
                    .filter(|key| self.shown(key)),
            )
            .finish()
    }
}

impl Serialize for UnknownError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.members.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for UnknownError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::private::de::read_object(deserializer, crate::private::de::read_unknown)
    }
}
