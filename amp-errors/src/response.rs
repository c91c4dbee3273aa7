use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::private::de::{DUPLICATE_ERROR, Key, NOT_AN_ENVELOPE};
use crate::{CatalogError, Object, RawJson};

/// The whole response body: `{"error": {...}}`.
///
/// Parsing is tolerant (see the generated type's `Deserialize`): it fails
/// only on a body that is not an error envelope, with a message saying so.
/// Members beside `error` (a gateway's `trace`, say) are kept, in their
/// place, and written back.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ErrorResponse<E> {
    /// The error object.
    pub error: E,
    /// Members beside `error`, as received.
    others: Object,
    /// How many of `others` came before `error`.
    error_at: usize,
}

impl<E> ErrorResponse<E> {
    /// Wraps `error`.
    pub fn new(error: E) -> Self {
        ErrorResponse {
            error,
            others: Object::new(),
            error_at: 0,
        }
    }

    /// The members beside `error`, in order, as received.
    pub fn others(&self) -> &Object {
        &self.others
    }

    /// Unwraps the error.
    pub fn into_error(self) -> E {
        self.error
    }
}

impl<E: Serialize> ErrorResponse<E> {
    /// The body as compact JSON: the same bytes as `serde_json::to_vec`,
    /// written by this crate's writer, which escapes strings eight bytes at a
    /// time. What the axum integration sends. Fails only where serde_json
    /// would (a field's own `Serialize` failing); a generated error never does.
    pub fn to_vec(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut out = Vec::with_capacity(128);
        self.write_to(&mut out)?;
        Ok(out)
    }

    /// [`to_vec`](Self::to_vec), appended to `out` (a buffer reused across
    /// responses). On an error, `out` is left as it was.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        let len = out.len();
        crate::private::write::write(out, self).inspect_err(|_| out.truncate(len))
    }
}

impl<E: CatalogError> ErrorResponse<E> {
    /// Every way the body differs from the catalog, by JSON path (see
    /// [`CatalogError::validate`]); members beside `error` are not checked.
    pub fn validate(&self) -> Result<(), Vec<crate::Mismatch>> {
        self.error.validate()
    }
}

impl<E: CatalogError> ErrorResponse<E> {
    /// Parses a body: the same result as `serde_json::from_slice` (the same
    /// tolerant reading, the same checks, the same errors accepted and
    /// rejected), without serde's detour: the body is read in place, in one
    /// pass that checks JSON's grammar as it goes. What the HTTP client
    /// calls (`HttpError::from_response`). Fails only when the body is not
    /// `{"error": {"code": "...", ...}}`, with a message that says why
    /// (`malformed JSON at byte 34`, say).
    pub fn from_slice(body: &[u8]) -> Result<Self, serde_json::Error> {
        let text = std::str::from_utf8(body).map_err(|error| {
            <serde_json::Error as de::Error>::custom(format_args!("invalid UTF-8: {error}"))
        })?;
        let (error, others, error_at) = crate::private::de::read_envelope(text)?;
        Ok(ErrorResponse {
            error,
            others,
            error_at,
        })
    }

    /// [`from_slice`](Self::from_slice) of a `&str`; `body.parse()` does the
    /// same, through `FromStr`.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(body: &str) -> Result<Self, serde_json::Error> {
        Self::from_slice(body.as_bytes())
    }

    /// [`from_slice`](Self::from_slice), under its earlier name.
    pub fn from_slice_lenient(body: &[u8]) -> Result<Self, serde_json::Error> {
        Self::from_slice(body)
    }
}

impl<E: CatalogError> std::str::FromStr for ErrorResponse<E> {
    type Err = serde_json::Error;

    /// [`ErrorResponse::from_slice`] of the text: `body.parse()`.
    fn from_str(body: &str) -> Result<Self, Self::Err> {
        Self::from_slice(body.as_bytes())
    }
}

impl<E> From<E> for ErrorResponse<E>
where
    E: CatalogError,
{
    fn from(error: E) -> Self {
        ErrorResponse::new(error)
    }
}

impl<E: Serialize> Serialize for ErrorResponse<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.others.len()))?;
        if self.others.is_empty() {
            map.serialize_entry("error", &self.error)?;
            return map.end();
        }
        let mut others = self.others.iter();
        for (key, value) in others.by_ref().take(self.error_at) {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("error", &self.error)?;
        for (key, value) in others {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, E: Deserialize<'de>> Deserialize<'de> for ErrorResponse<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EnvelopeVisitor<E>(PhantomData<E>);
        impl<'de, E: Deserialize<'de>> Visitor<'de> for EnvelopeVisitor<E> {
            type Value = ErrorResponse<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(NOT_AN_ENVELOPE)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut error = None;
                let mut others = Object::new();
                let mut error_at = 0;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if key.as_str() == "error" {
                        if error.is_some() {
                            return Err(de::Error::custom(DUPLICATE_ERROR));
                        }
                        error = Some(map.next_value::<E>()?);
                        error_at = others.len();
                    } else {
                        others.insert(key.0.into_owned(), map.next_value::<RawJson>()?);
                    }
                }
                let error = error.ok_or_else(|| de::Error::custom(NOT_AN_ENVELOPE))?;
                Ok(ErrorResponse {
                    error,
                    others,
                    error_at,
                })
            }
        }
        deserializer.deserialize_map(EnvelopeVisitor(PhantomData))
    }
}
