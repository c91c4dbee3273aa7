//! `Deserialize` helpers: the tolerant, lossless reading every known code's
//! reader runs.
//!
//! serde_json hands members over in the order they arrive, and `code` need
//! not come first: members before it are kept as [`RawJson`]
//! ([`read_until_code`]), the code picks the variant, and that variant's
//! reader takes the kept members and then the live ones through
//! [`read_fields`], so each reader is a few lines of its own fields.
//!
//! Nothing but a body that is not an error object fails: a member the catalog
//! does not declare, a `null`, a value of the wrong type are kept as received
//! in the error's received record (`meta::Wire`), and written back by `Serialize`. A known
//! code that lacks a required field becomes the fallback ([`finish`]).

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};

use crate::meta::{Inline, Received, Slot, Wire};
use crate::raw::RawText;
use crate::{CatalogError, CodeInfo, ErrorMeta, Object, RawJson, UnknownError};

/// Why a body that is no error object fails.
pub const NOT_AN_ERROR: &str =
    "not an error object: expected a JSON object with a string `code` member";

/// Why a body with two `code` members fails: a proxy reading the first and a
/// backend reading the last must never see different codes.
pub const DUPLICATE_CODE: &str = "the error object has more than one `code` member";

/// A map key, borrowed from the input when the format allows it.
pub struct Key<'de>(pub Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A value read for a typed member: of its type, or kept as received.
pub enum Read<T> {
    /// Of the member's type.
    Typed(T),
    /// `null`, or a value of another type: kept as received.
    Kept(RawJson),
}

/// A scalar type a member is read into without failing on a value of
/// another type: read from the member's JSON text, so that a value that does
/// not fit is kept exactly as written.
pub trait Tolerant: Sized {
    /// The value of JSON text `text` (one well-formed JSON value): `Ok(None)`
    /// when it is not of this type, `Err` when it is but breaks a rule every
    /// member follows (a lone surrogate, a number out of range).
    fn from_text(text: &str) -> Result<Option<Self>, String>;
}

impl Tolerant for String {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
            return Ok(None);
        };
        if !inner.contains('\\') {
            // Well-formed JSON without escapes: the text is the value.
            return Ok(Some(inner.to_owned()));
        }
        serde_json::from_str(text)
            .map(Some)
            .map_err(|e| e.to_string())
    }
}

impl Tolerant for u64 {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        Ok(text.parse().ok())
    }
}

impl Tolerant for i64 {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        // `-0` would be written back as `0`: kept as written instead.
        Ok(text.parse().ok().filter(|_| text != "-0"))
    }
}

impl Tolerant for f64 {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            return Ok(None);
        }
        // Rust's parse rounds correctly, so what serializing writes (the
        // shortest spelling) reads back as the same number.
        match text.parse::<f64>() {
            Ok(number) if number.is_finite() => Ok(Some(number)),
            _ => Err(format!("the number {text} is out of range")),
        }
    }
}

impl Tolerant for bool {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        Ok(match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }
}

/// A string enum's [`Tolerant::from_text`]: the string, through `from`
/// (its `from_wire`).
pub fn enum_from_text<T>(text: &str, from: fn(&str) -> T) -> Result<Option<T>, String> {
    Ok(String::from_text(text)?.map(|value| from(&value)))
}

/// Reads `text` as `T`, or keeps it as written.
fn read_text<T: Tolerant, E: de::Error>(text: Cow<'_, str>) -> Result<Read<T>, E> {
    match T::from_text(&text).map_err(E::custom)? {
        Some(value) => Ok(Read::Typed(value)),
        None => RawJson::from_received(text).map(Read::Kept),
    }
}

/// Members read before `code`, as their JSON text (borrowed from the input
/// where it can be), until the code says what they are.
pub type Pending<'de> = Vec<(Cow<'de, str>, Cow<'de, str>)>;

/// Reads members until `code`; returns the code, or `None` at the end of the
/// object. Fails when `code` is not a string.
pub fn read_until_code<'de, A: MapAccess<'de>>(
    map: &mut A,
    pending: &mut Pending<'de>,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if key.as_str() == "code" {
            return map
                .next_value::<Code<'de>>()
                .map(|code| Some(code.0))
                .map_err(|_| de::Error::custom(NOT_AN_ERROR));
        }
        let value = map.next_value::<RawText<'de>>()?;
        if pending.is_empty() {
            // Room for a whole error object, in one allocation.
            pending.reserve(8);
        }
        pending.push((key.0, value.0));
    }
    Ok(None)
}

/// The `code` member: a string, borrowed where the input allows.
struct Code<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Code<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Key::deserialize(deserializer).map(|key| Code(key.0))
    }
}

/// The value of one member, for a reader to take into a field.
pub enum Member<'a, 'de, A> {
    /// A member after `code`: read straight from the input.
    Live(&'a mut A),
    /// A member before `code`: its JSON text.
    Buffered(Cow<'de, str>),
}

impl<'de, A: MapAccess<'de>> Member<'_, 'de, A> {
    /// Reads a scalar field into `slot`; a value of another type is kept as
    /// written, and leaves the slot empty (a repeated member: the last wins).
    #[inline]
    pub fn read<T: Tolerant>(&mut self, slot: &mut Option<T>) -> Result<Read<()>, A::Error> {
        let text = self.text()?;
        Ok(match read_text::<T, A::Error>(text)? {
            Read::Typed(value) => {
                *slot = Some(value);
                Read::Typed(())
            }
            Read::Kept(raw) => {
                *slot = None;
                Read::Kept(raw)
            }
        })
    }

    /// Reads a numeric field with bounds into `slot`; a value outside them is
    /// kept as received, like one of another type.
    pub fn read_in<T>(
        &mut self,
        slot: &mut Option<T>,
        minimum: Option<T>,
        maximum: Option<T>,
    ) -> Result<Read<()>, A::Error>
    where
        T: Tolerant + PartialOrd + Serialize,
    {
        let read = self.read(slot)?;
        if let Some(value) = slot.as_ref()
            && (minimum.is_some_and(|m| *value < m) || maximum.is_some_and(|m| *value > m))
        {
            let raw = RawJson::from_serialize(value).map_err(de::Error::custom)?;
            *slot = None;
            return Ok(Read::Kept(raw));
        }
        Ok(read)
    }

    /// Reads a compound field (a list, an object) into `slot`: the value is
    /// kept as received first, then converted; one that does not convert is kept.
    pub fn read_json<T: DeserializeOwned>(
        &mut self,
        slot: &mut Option<T>,
    ) -> Result<Read<()>, A::Error> {
        let raw = self.take_raw()?;
        match raw.parse::<Option<T>>() {
            Ok(Some(value)) => {
                *slot = Some(value);
                Ok(Read::Typed(()))
            }
            _ => {
                *slot = None;
                Ok(Read::Kept(raw))
            }
        }
    }

    /// The value's JSON text, borrowed from the input where it can be.
    #[inline]
    fn text(&mut self) -> Result<Cow<'de, str>, A::Error> {
        match self {
            Member::Live(map) => map.next_value::<RawText<'de>>().map(|text| text.0),
            Member::Buffered(text) => Ok(std::mem::replace(text, Cow::Borrowed("null"))),
        }
    }

    /// Keeps the value as received.
    #[inline]
    pub fn keep(&mut self) -> Result<Read<()>, A::Error> {
        self.take_raw().map(Read::Kept)
    }

    /// Takes the value as received.
    /// (Checked when kept, by `Recorder::keep`.)
    fn take_raw(&mut self) -> Result<RawJson, A::Error> {
        RawJson::from_received(self.text()?)
    }
}

/// Builds the [`ErrorMeta`] of a parsed error and records where each member
/// arrived, allocating only when a member must be kept as received.
struct Recorder {
    info: &'static CodeInfo,
    meta: ErrorMeta,
    /// How the order is recorded so far.
    mode: Mode,
}

/// How a [`Recorder`] keeps the received order.
#[derive(PartialEq)]
enum Mode {
    /// The order is this crate's so far; `last` is the rank of the last member.
    Canonical { last: usize },
    /// In `Wire::inline`: typed members only.
    Inline,
    /// In `Wire::received`.
    Boxed,
}

impl Recorder {
    fn new(info: &'static CodeInfo, code_first: bool) -> Self {
        let mut meta = ErrorMeta::default();
        meta.wire.flags = Wire::RECEIVED;
        let mode = if info.fields.len() > 60 {
            let order = if code_first {
                vec![Slot::Code]
            } else {
                Vec::new()
            };
            meta.wire.received = Some(Box::new(Received { order }));
            Mode::Boxed
        } else if code_first {
            Mode::Canonical { last: 0 }
        } else {
            Mode::Inline
        };
        Recorder { info, meta, mode }
    }

    /// Whether a typed member of `slot`'s kind was placed already.
    fn seen(&self, slot: &Slot) -> bool {
        let wire = &self.meta.wire;
        match slot {
            Slot::Code => true,
            Slot::Message => wire.has(Wire::MESSAGE),
            Slot::Param => self.meta.param.is_some(),
            Slot::Field(i) if *i < 64 => wire.seen & (1 << i) != 0,
            Slot::Field(i) => wire.received.as_ref().is_some_and(|received| {
                received
                    .order
                    .iter()
                    .any(|s| matches!(s, Slot::Field(j) if j == i))
            }),
            Slot::DocUrl => wire.has(Wire::DOC_URL),
            Slot::RequestId => self.meta.request_id.is_some(),
            Slot::Raw(..) => false,
        }
    }

    /// Starts recording the order, when it was this crate's so far: the
    /// members so far, in this crate's order, are the start of it.
    fn start(&mut self) {
        let n = self.info.fields.len();
        if let Mode::Canonical { .. } = self.mode {
            self.mode = Mode::Inline;
            let so_far = [Slot::Code, Slot::Message, Slot::Param]
                .into_iter()
                .chain((0..n).map(Slot::Field))
                .chain([Slot::DocUrl, Slot::RequestId]);
            for slot in so_far {
                if self.seen(&slot) && !self.meta.wire.inline.push(slot.rank(n).unwrap_or(0)) {
                    // Too long for the inline order (never with ranks < 256
                    // and 15 slots: a code of over 60 fields records boxed).
                    self.box_order();
                    break;
                }
            }
        }
    }

    /// Appends `slot` to the recorded order.
    fn record(&mut self, slot: Slot) {
        let n = self.info.fields.len();
        self.start();
        if self.mode == Mode::Inline
            && let Some(rank) = slot.rank(n)
            && self.meta.wire.inline.push(rank)
        {
            return;
        }
        self.box_order().push(slot);
    }

    /// The order as slots, moved out of the inline ranks if needed.
    fn box_order(&mut self) -> &mut Vec<Slot> {
        let n = self.info.fields.len();
        let wire = &mut self.meta.wire;
        if self.mode != Mode::Boxed {
            let order = wire
                .inline
                .ranks()
                .map(|rank| Slot::of_rank(rank, n))
                .collect();
            wire.inline = Inline::default();
            wire.received = Some(Box::new(Received { order }));
            self.mode = Mode::Boxed;
        }
        &mut wire.received.get_or_insert_with(Box::default).order
    }

    /// The wire name of a typed slot.
    fn key_of(&self, slot: &Slot) -> &'static str {
        match slot {
            Slot::Code => "code",
            Slot::Message => "message",
            Slot::Param => "param",
            Slot::DocUrl => "doc_url",
            Slot::RequestId => "request_id",
            Slot::Field(i) => self.info.fields[*i].name,
            Slot::Raw(..) => "",
        }
    }

    /// The typed slot of member `key`, if it has one.
    fn typed_slot(&self, key: &str) -> Option<Slot> {
        Some(match key {
            "message" => Slot::Message,
            "param" => Slot::Param,
            "doc_url" => Slot::DocUrl,
            "request_id" => Slot::RequestId,
            _ => Slot::Field(self.info.field_index(key)?),
        })
    }

    /// Marks `slot` placed (or, with `placed` false, no longer).
    fn mark(&mut self, slot: &Slot, placed: bool) {
        let wire = &mut self.meta.wire;
        let (flags, bits) = match slot {
            Slot::Message => (Wire::MESSAGE, 0),
            Slot::DocUrl => (Wire::DOC_URL, 0),
            Slot::Field(i) if *i < 64 => (0, 1u64 << i),
            _ => (0, 0),
        };
        if placed {
            wire.flags |= flags;
            wire.seen |= bits;
        } else {
            wire.flags &= !flags;
            wire.seen &= !bits;
        }
    }

    /// Places a typed member. A repeat keeps the first place, where the
    /// caller stores the last value, even when the first was kept as received.
    #[inline]
    fn place(&mut self, slot: Slot) {
        let rank = slot.rank(self.info.fields.len()).unwrap_or(usize::MAX);
        // The common case: members in this crate's order. A rank above the
        // last one's was not seen before.
        if let Mode::Canonical { last } = self.mode
            && rank > last
        {
            self.mode = Mode::Canonical { last: rank };
            self.mark(&slot, true);
            return;
        }
        self.place_out_of_order(slot, rank);
    }

    /// [`Recorder::place`] for a member out of this crate's order, a repeat,
    /// or one whose earlier occurrence was kept as received.
    fn place_out_of_order(&mut self, slot: Slot, rank: usize) {
        if self.seen(&slot) {
            return;
        }
        let kept_first = match (&self.mode, &self.meta.wire.received) {
            (Mode::Boxed, Some(received)) => {
                let key = self.key_of(&slot);
                received
                    .order
                    .iter()
                    .position(|s| matches!(s, Slot::Raw(k, _) if k == key))
            }
            _ => None,
        };
        match (kept_first, &self.mode) {
            (Some(at), _) => self.box_order()[at] = slot.clone(),
            (None, Mode::Canonical { last }) if rank > *last => {
                self.mode = Mode::Canonical { last: rank }
            }
            _ => self.record(slot.clone()),
        }
        self.mark(&slot, true);
    }

    /// Keeps member `key` as received, in its place. A repeat keeps the first
    /// place and the last value, even when the first was typed.
    fn keep<E: de::Error>(&mut self, key: &str, value: RawJson) -> Result<(), E> {
        let value = value.checked()?;
        self.start();
        if let Some(typed) = self.typed_slot(key)
            && self.seen(&typed)
        {
            // The typed value read first gives way (the caller emptied a
            // field's slot; the common members are emptied here).
            match typed {
                Slot::Message => self.meta.message = None,
                Slot::Param => self.meta.param = None,
                Slot::RequestId => self.meta.request_id = None,
                _ => {}
            }
            self.mark(&typed, false);
            let order = self.box_order();
            if let Some(at) = order.iter().position(|s| same_typed(s, &typed)) {
                order[at] = Slot::Raw(key.to_owned(), value);
                return Ok(());
            }
        }
        let order = self.box_order();
        for slot in order.iter_mut() {
            if let Slot::Raw(k, v) = slot
                && k == key
            {
                *v = value;
                return Ok(());
            }
        }
        order.push(Slot::Raw(key.to_owned(), value));
        Ok(())
    }

    /// Reads a common string member into the meta with `set`.
    fn common<'de, A: MapAccess<'de>>(
        &mut self,
        member: &mut Member<'_, 'de, A>,
        slot: Slot,
        set: impl FnOnce(&mut ErrorMeta, String),
    ) -> Result<Read<()>, A::Error> {
        let mut value = None;
        let read = member.read::<String>(&mut value)?;
        if let Some(value) = value {
            self.place(slot);
            set(&mut self.meta, value);
        }
        Ok(read)
    }

    /// Takes one member.
    ///
    /// `field` is behind a pointer: this is compiled once per input type,
    /// not once per code.
    fn member<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        mut member: Member<'_, 'de, A>,
        field: &mut FieldReader<'_, 'de, A>,
    ) -> Result<(), A::Error> {
        let member = &mut member;
        let read = match key {
            "code" => return Err(de::Error::custom(DUPLICATE_CODE)),
            "message" => self.common(member, Slot::Message, |meta, message| {
                meta.message = Some(Cow::Owned(message))
            })?,
            "param" => self.common(member, Slot::Param, |meta, param| meta.param = Some(param))?,
            "request_id" => self.common(member, Slot::RequestId, |meta, id| {
                meta.request_id = Some(id)
            })?,
            "doc_url" => {
                // The catalog's own link is written back from the catalog;
                // any other value is kept as received. Compared as text,
                // without allocating.
                let text = member.text()?;
                let url = text.strip_prefix('"').and_then(|t| t.strip_suffix('"'));
                if url == Some(self.info.doc_url) {
                    self.place(Slot::DocUrl);
                    Read::Typed(())
                } else {
                    Read::Kept(RawJson::from_received(text)?)
                }
            }
            _ => match self.info.field_index(key) {
                Some(index) => {
                    let read = field(index, member)?;
                    if let Read::Typed(()) = read {
                        self.place(Slot::Field(index));
                    }
                    read
                }
                None => member.keep()?,
            },
        };
        if let Read::Kept(raw) = read {
            self.keep(key, raw)?;
        }
        Ok(())
    }
}

/// Whether two slots are the same typed member.
fn same_typed(a: &Slot, b: &Slot) -> bool {
    match (a, b) {
        (Slot::Field(i), Slot::Field(j)) => i == j,
        (Slot::Raw(..), _) | (_, Slot::Raw(..)) => false,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// A code's reader of typed fields by index.
type FieldReader<'f, 'de, A> = dyn for<'a> FnMut(usize, &mut Member<'a, 'de, A>) -> Result<Read<()>, <A as MapAccess<'de>>::Error>
    + 'f;

/// Reads the rest of a known code's object: `field` reads the typed field of
/// the index it is given; the common members go to the returned
/// [`ErrorMeta`], with every other member, kept as received.
#[inline]
pub fn read_fields<'de, A, F>(
    mut map: A,
    pending: Pending<'de>,
    info: &'static CodeInfo,
    mut field: F,
) -> Result<ErrorMeta, A::Error>
where
    A: MapAccess<'de>,
    F: FnMut(usize, &mut Member<'_, 'de, A>) -> Result<Read<()>, A::Error>,
{
    let code_first = pending.is_empty();
    let mut recorder = Recorder::new(info, code_first);
    for (key, value) in pending {
        recorder.member(&key, Member::Buffered(value), &mut field)?;
    }
    if !code_first {
        recorder.record(Slot::Code);
    }
    while let Some(key) = map.next_key::<Key<'de>>()? {
        recorder.member(key.as_str(), Member::Live(&mut map), &mut field)?;
    }
    Ok(recorder.meta)
}

/// Reads the rest of a code without typed fields.
#[inline]
pub fn read_meta<'de, A: MapAccess<'de>>(
    map: A,
    pending: Pending<'de>,
    info: &'static CodeInfo,
) -> Result<ErrorMeta, A::Error> {
    read_fields(map, pending, info, |_, member| member.keep())
}

/// The error read, or, when it lacks a required field (`complete` is false),
/// the fallback holding every member it arrived with. The missing fields hold
/// placeholders that were never received, so `Serialize` leaves them out.
/// (`complete` comes first: it is computed before `error` takes the fields.)
pub fn finish<E, Er>(complete: bool, error: E) -> Result<E, Er>
where
    E: CatalogError + Serialize,
    Er: de::Error,
{
    if complete {
        return Ok(error);
    }
    let text = serde_json::to_string(&error).map_err(Er::custom)?;
    let object: Object = serde_json::from_str(&text).map_err(Er::custom)?;
    let unknown = UnknownError::from_object(object).map_err(|_| Er::custom(NOT_AN_ERROR))?;
    Ok(E::from_unknown(unknown))
}

/// Builds the fallback for a code the catalog does not know, keeping every member in order.
pub fn read_unknown<'de, A: MapAccess<'de>>(
    mut map: A,
    pending: Pending<'de>,
    code: Cow<'de, str>,
) -> Result<UnknownError, A::Error> {
    let mut members = Object::new();
    for (key, text) in pending {
        let value = RawJson::from_received::<A::Error>(text)?.checked::<A::Error>()?;
        members.insert(key.into_owned(), value);
    }
    members.insert("code", code.as_ref());
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if key.as_str() == "code" {
            return Err(de::Error::custom(DUPLICATE_CODE));
        }
        let value = map.next_value::<RawJson>()?;
        members.insert(key.0.into_owned(), value);
    }
    UnknownError::from_object(members).map_err(|_| de::Error::custom(NOT_AN_ERROR))
}

/// A required member of a named object type, or the error naming it.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Keeps a member a named object type does not declare, as written.
pub fn other_member<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: Key<'de>,
    others: &mut Object,
) -> Result<(), A::Error> {
    let value = map.next_value::<RawJson>()?;
    others.insert(key.0.into_owned(), value);
    Ok(())
}

/// The error for an object without `code`.
pub fn missing_code<E: de::Error>() -> E {
    E::custom(NOT_AN_ERROR)
}
