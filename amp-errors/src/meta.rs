use std::borrow::Cow;
use std::error::Error;
use std::fmt;
use std::sync::Arc;

/// The cause of an error: kept for logs and `Error::source`, never serialized.
pub type Source = Arc<dyn Error + Send + Sync + 'static>;

/// What `Debug` and `Display` show in place of a sensitive field's value.
pub const REDACTED: &str = "[REDACTED]";

/// The members every error carries besides its code and typed fields.
///
/// Non-exhaustive, so that a later version can carry more: start from
/// `ErrorMeta::default()` (or the generated `with_*` setters) and set fields.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct ErrorMeta {
    /// Message override; `None` renders the code's message template.
    pub message: Option<Cow<'static, str>>,
    /// The request parameter that caused the error.
    pub param: Option<String>,
    /// The request id, for support.
    pub request_id: Option<String>,
    /// The underlying cause; never serialized, never shown by `Display`.
    pub source: Option<Source>,
}

impl fmt::Debug for ErrorMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ErrorMeta");
        self.debug_wire_members(&mut s);
        if self.source.is_some() {
            // The source's text may hold anything; logs that want it walk `Error::source`.
            s.field("source", &format_args!("Some(..)"));
        }
        s.finish()
    }
}

impl ErrorMeta {
    /// Adds the members that go on the wire, when set, to a `Debug` in progress:
    /// `ErrorMeta`'s own, and each generated variant's.
    pub(crate) fn debug_wire_members(&self, s: &mut fmt::DebugStruct<'_, '_>) {
        if let Some(message) = &self.message {
            s.field("message", message);
        }
        if let Some(param) = &self.param {
            s.field("param", param);
        }
        if let Some(request_id) = &self.request_id {
            s.field("request_id", request_id);
        }
    }
}
