use serde::{Deserialize, Serialize};

use crate::{CatalogError, Object, UnknownError};

/// The whole response body: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorResponse<E> {
    /// The error object.
    pub error: E,
}

impl<E> ErrorResponse<E> {
    /// Wraps `error`.
    pub fn new(error: E) -> Self {
        ErrorResponse { error }
    }
}

impl<E: CatalogError> ErrorResponse<E> {
    /// Parses a body, never failing on an error object a newer server sent:
    /// when the strict parse fails (say a known code whose field changed type),
    /// the object is kept whole as the fallback variant. Fails only when the
    /// body is not `{"error": {"code": "...", ...}}` at all.
    pub fn from_slice_lenient(body: &[u8]) -> Result<Self, serde_json::Error> {
        match serde_json::from_slice::<Self>(body) {
            Ok(response) => Ok(response),
            Err(strict) => {
                let raw: ErrorResponse<Object> = serde_json::from_slice(body)?;
                let unknown = UnknownError::from_object(raw.error).map_err(|_| strict)?;
                Ok(ErrorResponse::new(E::from_unknown(unknown)))
            }
        }
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
