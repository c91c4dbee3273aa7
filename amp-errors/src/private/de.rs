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
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::{
    self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor,
};

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

/// A type a member is read into without failing on a value of another type.
pub trait Tolerant: Sized {
    /// Reads the value; one of another type is kept as received.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error>;
}

/// Reads one scalar: `T` from the visits `typed` accepts, anything else kept.
struct ScalarVisitor<T>(PhantomData<T>);

macro_rules! kept {
    ($read:ty; $($method:ident: $ty:ty),*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Read<$read>, E> {
            RawJson::from_serialize(&v).map(Read::Kept).map_err(E::custom)
        }
    )*};
}

/// The visits every scalar reader treats alike: they keep what does not fit.
macro_rules! scalar_reader {
    ($ty:ty, $expecting:literal, { $($typed:item)* }, [$($kept:ident: $kty:ty),*]) => {
        impl<'de> Visitor<'de> for ScalarVisitor<$ty> {
            type Value = Read<$ty>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($expecting)
            }
            $($typed)*
            kept!($ty; $($kept: $kty),*);
            fn visit_unit<E: de::Error>(self) -> Result<Read<$ty>, E> {
                Ok(Read::Kept(RawJson::null()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Read<$ty>, E> {
                Ok(Read::Kept(RawJson::null()))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Read<$ty>, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Read<$ty>, A::Error> {
                crate::raw::from_seq(seq).map(Read::Kept)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Read<$ty>, A::Error> {
                crate::raw::from_map(map).map(Read::Kept)
            }
        }
        impl Tolerant for $ty {
            #[inline]
            fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
                d.deserialize_any(ScalarVisitor::<$ty>(PhantomData))
            }
        }
    };
}

scalar_reader!(String, "a string", {
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<String>, E> {
        Ok(Read::Typed(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Read<String>, E> {
        Ok(Read::Typed(v))
    }
}, [visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64]);

scalar_reader!(i64, "an integer", {
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<i64>, E> {
        Ok(Read::Typed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<i64>, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => Read::Typed(v),
            Err(_) => Read::Kept(RawJson::from_serialize(&v).map_err(E::custom)?),
        })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<i64>, E> {
        Ok(Read::Kept(RawJson::from(v)))
    }
}, [visit_bool: bool, visit_f64: f64]);

scalar_reader!(u64, "an integer >= 0", {
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<u64>, E> {
        Ok(Read::Typed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<u64>, E> {
        Ok(Read::Kept(RawJson::from(v)))
    }
}, [visit_bool: bool, visit_i64: i64, visit_f64: f64]);

scalar_reader!(f64, "a number", {
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Read<f64>, E> {
        Ok(Read::Typed(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<f64>, E> {
        Ok(Read::Typed(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<f64>, E> {
        Ok(Read::Typed(v as f64))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<f64>, E> {
        Ok(Read::Kept(RawJson::from(v)))
    }
}, [visit_bool: bool]);

scalar_reader!(bool, "a boolean", {
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Read<bool>, E> {
        Ok(Read::Typed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<bool>, E> {
        Ok(Read::Kept(RawJson::from(v)))
    }
}, [visit_i64: i64, visit_u64: u64, visit_f64: f64]);

/// Reads a string as `T` with `from` (a string enum's `from_wire`): the
/// [`Tolerant`] reading of generated string enums.
pub fn read_str<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    from: fn(&str) -> T,
) -> Result<Read<T>, D::Error> {
    Ok(match String::read(deserializer)? {
        Read::Typed(text) => Read::Typed(from(&text)),
        Read::Kept(raw) => Read::Kept(raw),
    })
}

/// Reads a scalar with `T::read` as a seed.
struct TolerantSeed<T>(PhantomData<T>);

impl<'de, T: Tolerant> DeserializeSeed<'de> for TolerantSeed<T> {
    type Value = Read<T>;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read<T>, D::Error> {
        T::read(d)
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
    /// Reads a scalar field into `slot`; a value of another type is kept.
    #[inline]
    pub fn read<T: Tolerant>(&mut self, slot: &mut Option<T>) -> Result<Read<()>, A::Error> {
        let read = match self {
            Member::Live(map) => map.next_value_seed(TolerantSeed::<T>(PhantomData))?,
            Member::Buffered(text) => {
                let mut de = serde_json::Deserializer::from_str(text);
                T::read(&mut de).map_err(de::Error::custom)?
            }
        };
        Ok(match read {
            Read::Typed(value) => {
                *slot = Some(value);
                Read::Typed(())
            }
            Read::Kept(raw) => Read::Kept(raw),
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
            _ => Ok(Read::Kept(raw)),
        }
    }

    /// The value's JSON text, borrowed from the input where it can be.
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
    fn take_raw(&mut self) -> Result<RawJson, A::Error> {
        match self {
            Member::Live(map) => map.next_value(),
            Member::Buffered(text) => {
                let text = std::mem::replace(text, Cow::Borrowed("null"));
                RawJson::from_text(text.into_owned()).map_err(de::Error::custom)
            }
        }
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

    /// Places a typed member: a repeat keeps the first place (the caller
    /// keeps the last value).
    fn place(&mut self, slot: Slot) {
        if self.seen(&slot) {
            return;
        }
        match slot {
            Slot::Message => self.meta.wire.flags |= Wire::MESSAGE,
            Slot::DocUrl => self.meta.wire.flags |= Wire::DOC_URL,
            Slot::Field(i) if i < 64 => self.meta.wire.seen |= 1 << i,
            _ => {}
        }
        let rank = slot.rank(self.info.fields.len()).unwrap_or(usize::MAX);
        match self.mode {
            Mode::Canonical { last } if rank > last => self.mode = Mode::Canonical { last: rank },
            _ => self.record(slot),
        }
    }

    /// Keeps member `key` as received, in its place (a repeat takes the first place).
    fn keep<E: de::Error>(&mut self, key: &str, value: RawJson) -> Result<(), E> {
        let value = value.checked()?;
        self.start();
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
    fn member<'de, A, F>(
        &mut self,
        key: &str,
        mut member: Member<'_, 'de, A>,
        field: &mut F,
    ) -> Result<(), A::Error>
    where
        A: MapAccess<'de>,
        F: FnMut(usize, &mut Member<'_, 'de, A>) -> Result<Read<()>, A::Error>,
    {
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
                    Read::Kept(RawJson::from_text(text.into_owned()).map_err(de::Error::custom)?)
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
        let value = RawJson::from_text(text.into_owned()).map_err(de::Error::custom)?;
        members.insert(key.into_owned(), value.checked::<A::Error>()?);
    }
    members.insert("code", code.as_ref());
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if key.as_str() == "code" {
            return Err(de::Error::custom(DUPLICATE_CODE));
        }
        let value = map.next_value::<RawJson>()?.checked::<A::Error>()?;
        members.insert(key.0.into_owned(), value);
    }
    UnknownError::from_object(members).map_err(|_| de::Error::custom(NOT_AN_ERROR))
}

/// The error for an object without `code`.
pub fn missing_code<E: de::Error>() -> E {
    E::custom(NOT_AN_ERROR)
}
