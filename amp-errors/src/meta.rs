use std::borrow::Cow;
use std::error::Error;
use std::fmt;
use std::sync::Arc;

use crate::RawJson;

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
    /// How the error arrived, when it was parsed rather than built here.
    pub(crate) wire: Wire,
}

/// What a parsed error remembers of the object it was read from, so that
/// serializing it writes back the same members: nothing for an error built
/// here.
///
/// A body whose members came in the order this crate writes them, all of
/// the expected types, costs no allocation: a few bits say which of the
/// members this crate would write were present. Anything else (another
/// order, a member the catalog does not declare, a `null`, a value of the
/// wrong type) is recorded in [`Received`], allocated then.
#[derive(Clone, Default)]
pub(crate) struct Wire {
    /// `RECEIVED`, `MESSAGE`, `DOC_URL`.
    pub(crate) flags: u8,
    /// The typed fields present and valid, by index (the first 64).
    pub(crate) seen: u64,
    /// The members in the order received, when it was not this crate's but
    /// every member was typed (`code` last, say): no allocation.
    pub(crate) inline: Inline,
    /// The members in the order received, when some were kept as received
    /// (or the inline order was too short).
    pub(crate) received: Option<Box<Received>>,
}

/// A received order of typed members, by rank (see [`Slot::rank`]), kept
/// without allocating.
#[derive(Clone, Copy, Default)]
pub(crate) struct Inline {
    len: u8,
    ranks: [u8; 15],
}

impl Inline {
    /// Appends `rank`; `false` when it does not fit.
    pub(crate) fn push(&mut self, rank: usize) -> bool {
        match (
            u8::try_from(rank),
            self.ranks.get_mut(usize::from(self.len)),
        ) {
            (Ok(rank), Some(free)) => {
                *free = rank;
                self.len += 1;
                true
            }
            _ => false,
        }
    }

    /// The ranks, in order.
    pub(crate) fn ranks(&self) -> impl Iterator<Item = usize> + '_ {
        self.ranks[..usize::from(self.len)]
            .iter()
            .map(|&r| usize::from(r))
    }

    /// Whether it holds no order.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Wire {
    /// The error was parsed.
    pub(crate) const RECEIVED: u8 = 1;
    /// It had a string `message`.
    pub(crate) const MESSAGE: u8 = 2;
    /// It had the catalog's own `doc_url`.
    pub(crate) const DOC_URL: u8 = 4;

    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The members of a parsed error in the order they arrived.
#[derive(Clone, Default)]
pub(crate) struct Received {
    pub(crate) order: Vec<Slot>,
}

/// One received member: where a typed value goes back, or the value as received.
#[derive(Clone)]
pub(crate) enum Slot {
    Code,
    Message,
    Param,
    /// A typed field, by index.
    Field(usize),
    DocUrl,
    RequestId,
    /// Kept as received: a member the catalog does not declare, or one whose
    /// value was `null` or did not fit its type.
    Raw(String, RawJson),
}

impl Slot {
    /// Where the slot goes in the order this crate writes, for a code of `n`
    /// fields; `None` for a member kept as received.
    pub(crate) fn rank(&self, n: usize) -> Option<usize> {
        Some(match self {
            Slot::Code => 0,
            Slot::Message => 1,
            Slot::Param => 2,
            Slot::Field(i) => 3 + i,
            Slot::DocUrl => 3 + n,
            Slot::RequestId => 4 + n,
            Slot::Raw(..) => return None,
        })
    }

    /// The typed slot of `rank`, for a code of `n` fields.
    pub(crate) fn of_rank(rank: usize, n: usize) -> Slot {
        match rank {
            0 => Slot::Code,
            1 => Slot::Message,
            2 => Slot::Param,
            r if r == 3 + n => Slot::DocUrl,
            r if r == 4 + n => Slot::RequestId,
            r => Slot::Field(r - 3),
        }
    }
}

impl Received {
    /// The value kept for member `key`, if it was kept as received.
    pub(crate) fn raw(&self, key: &str) -> Option<&RawJson> {
        self.order.iter().find_map(|slot| match slot {
            Slot::Raw(k, value) if k == key => Some(value),
            _ => None,
        })
    }
}

impl fmt::Debug for ErrorMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ErrorMeta");
        self.debug_wire_members(&mut s, false);
        if self.source.is_some() {
            // The source's text may hold anything; logs that want it walk `Error::source`.
            s.field("source", &format_args!("Some(..)"));
        }
        s.finish()
    }
}

/// The names of the members a parsed error kept as received.
struct KeptNames<'a>(&'a ErrorMeta);

impl fmt::Debug for KeptNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.received_members().map(|(name, _)| name))
            .finish()
    }
}

impl ErrorMeta {
    /// Forgets how the error arrived: it serializes as an error built here
    /// (the catalog's member order, its doc link, the rendered message when
    /// there is no override), and members kept as received are dropped.
    pub fn forget_received(&mut self) {
        self.wire = Wire::default();
    }

    /// Whether the error was parsed from a body (rather than built here).
    pub fn is_received(&self) -> bool {
        self.wire.has(Wire::RECEIVED)
    }

    /// A member of the received object that the error keeps as it arrived: one
    /// the catalog does not declare (a newer server's), or a field whose value
    /// was `null` or did not fit its type. `None` for typed members.
    pub fn received_member(&self, name: &str) -> Option<&RawJson> {
        self.wire.received.as_ref()?.raw(name)
    }

    /// The `doc_url` the error arrived with, when it was not the catalog's.
    pub(crate) fn received_doc_url(&self) -> Option<String> {
        self.received_member("doc_url")?.as_string()
    }

    /// The members kept as received, in order (see [`received_member`](Self::received_member)).
    pub fn received_members(&self) -> impl Iterator<Item = (&str, &RawJson)> {
        self.wire
            .received
            .iter()
            .flat_map(|received| received.order.iter())
            .filter_map(|slot| match slot {
                Slot::Raw(key, value) => Some((key.as_str(), value)),
                _ => None,
            })
    }

    /// Adds the members that go on the wire, when set, to a `Debug` in progress:
    /// `ErrorMeta`'s own, and each generated variant's; `redact_message`
    /// hides the message's text.
    pub(crate) fn debug_wire_members(
        &self,
        s: &mut fmt::DebugStruct<'_, '_>,
        redact_message: bool,
    ) {
        if let Some(message) = &self.message {
            if redact_message {
                s.field("message", &format_args!("{REDACTED}"));
            } else {
                s.field("message", message);
            }
        }
        if let Some(param) = &self.param {
            s.field("param", param);
        }
        if let Some(request_id) = &self.request_id {
            s.field("request_id", request_id);
        }
        // What was kept as received, by name only: a value that did not fit
        // its field may be anything, a secret included.
        if self.received_members().next().is_some() {
            s.field("kept_members", &KeptNames(self));
        }
    }
}
