//! The library's JSON writer: a `serde::Serializer` that writes compact
//! JSON into a `Vec<u8>`, byte for byte what `serde_json::to_vec` writes,
//! with strings escaped eight bytes at a time (serde_json looks each byte up
//! in a table: most of the time spent writing an error object).
//!
//! Every generated `Serialize` impl works through it unchanged. It follows
//! serde_json's rules: the escapes `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
//! every other control character as `\u00xx` (lowercase), nothing else
//! escaped (not `/`, not DEL); floats as serde_json writes them (it is asked
//! for each one), NaN and the infinities as `null`; map keys that are
//! strings, or numbers, booleans and chars written as strings; `RawJson`
//! (serde_json's `RawValue`) as its text, and so a `Number` under serde_json's
//! `arbitrary_precision`. `tests/fuzz_check` holds it to
//! `serde_json::to_vec` on every body the parser accepts.

use std::fmt::{self, Display};

use serde::ser::{self, Impossible, Serialize};

use super::scan::stops;
use crate::raw::RAW_VALUE_TOKEN;

/// The name under which serde_json's `Number` serializes its text when a
/// crate in the graph enables serde_json's `arbitrary_precision`.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

type Error = serde_json::Error;

/// Appends `value` as compact JSON to `out`. On an error (a map key that is
/// not a string, a value's own error), `out` holds what was written so far.
pub(crate) fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer(out))
}

/// Appends `text` as a JSON string.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    write_str_contents(out, text);
    out.push(b'"');
}

/// Appends `text` escaped, without quotes.
#[inline]
fn write_str_contents(out: &mut Vec<u8>, text: &str) {
    let mut rest = text.as_bytes();
    loop {
        let stop = first_escape(rest);
        let (clean, after) = rest.split_at(stop);
        out.extend_from_slice(clean);
        match after.split_first() {
            Some((&byte, after)) => {
                escape(out, byte);
                rest = after;
            }
            None => return,
        }
    }
}

/// The index of the first byte of `bytes` to escape (`"`, `\` or a control
/// character), or `bytes.len()`: eight bytes at a time, the last word
/// overlapping those before it (which are clean, so its lowest hit is the
/// first). Fewer than eight bytes are gathered into one word.
#[inline]
fn first_escape(bytes: &[u8]) -> usize {
    let len = bytes.len();
    if len < 8 {
        // Every byte in its place, zeros above (masked off: a zero is a
        // control character).
        let word = match len {
            0 => return 0,
            1..4 => {
                let (first, middle, last) = (bytes[0], bytes[len / 2], bytes[len - 1]);
                u64::from(first)
                    | u64::from(middle) << (len / 2 * 8)
                    | u64::from(last) << ((len - 1) * 8)
            }
            _ => {
                let low = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
                let high = bytes[len - 4..].try_into().map_or(0, u32::from_le_bytes);
                u64::from(low) | u64::from(high) << ((len - 4) * 8)
            }
        };
        let found = stops::<true>(word) & (u64::MAX >> ((8 - len) * 8));
        return match found {
            0 => len,
            _ => (found.trailing_zeros() / 8) as usize,
        };
    }
    let word = |at: usize| bytes[at..at + 8].try_into().map_or(0, u64::from_le_bytes);
    let mut at = 0;
    while at + 8 < len {
        let found = stops::<true>(word(at));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let found = stops::<true>(word(len - 8));
    match found {
        0 => len,
        _ => len - 8 + (found.trailing_zeros() / 8) as usize,
    }
}

/// Appends the escape of `"`, `\` or a control character.
#[cold]
fn escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            let hex = [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]];
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex[0], hex[1]]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Appends a finite float as serde_json writes it, or `null`.
fn write_float<F: Serialize>(out: &mut Vec<u8>, value: F) -> Result<(), Error> {
    serde_json::to_writer(out, &value)
}

/// Appends an integer.
#[inline]
fn write_int<I: itoa::Integer>(out: &mut Vec<u8>, value: I) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Declares the ten integer methods of a `Serializer`, each passing `self`
/// and the value to `$write`.
macro_rules! integers {
    ($write:path) => {
        integers!($write; i8 serialize_i8, i16 serialize_i16, i32 serialize_i32,
            i64 serialize_i64, i128 serialize_i128, u8 serialize_u8, u16 serialize_u16,
            u32 serialize_u32, u64 serialize_u64, u128 serialize_u128);
    };
    ($write:path; $($int:ident $method:ident),*) => {
        $(
            fn $method(self, value: $int) -> Result<(), Error> {
                $write(self, value)
            }
        )*
    };
}

/// Declares the `Serializer` methods that reject their value with `$error`.
macro_rules! reject {
    ($error:expr; $($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<$ok, Error> {
                Err(ser::Error::custom($error))
            }
        )*
    };
}

/// The methods of a serializer that accepts no compound value, and its
/// compound types.
macro_rules! reject_compounds {
    ($error:expr) => {
        type SerializeSeq = Impossible<(), Error>;
        type SerializeTuple = Impossible<(), Error>;
        type SerializeTupleStruct = Impossible<(), Error>;
        type SerializeTupleVariant = Impossible<(), Error>;
        type SerializeMap = Impossible<(), Error>;
        type SerializeStruct = Impossible<(), Error>;
        type SerializeStructVariant = Impossible<(), Error>;

        reject! { $error;
            serialize_bytes(&[u8]) -> ();
            serialize_none() -> ();
            serialize_unit() -> ();
            serialize_unit_struct(&'static str) -> ();
            serialize_seq(Option<usize>) -> Impossible<(), Error>;
            serialize_tuple(usize) -> Impossible<(), Error>;
            serialize_tuple_struct(&'static str, usize) -> Impossible<(), Error>;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>;
            serialize_map(Option<usize>) -> Impossible<(), Error>;
            serialize_struct(&'static str, usize) -> Impossible<(), Error>;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>;
        }

        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _value: &T,
        ) -> Result<(), Error> {
            Err(ser::Error::custom($error))
        }
    };
}

/// The serializer: `&mut Writer` is what `Serialize` impls are given.
pub(crate) struct Writer<'a>(&'a mut Vec<u8>);

/// A sequence or map being written: whether an element came before.
pub(crate) struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
}

impl Compound<'_, '_> {
    /// The comma before every element but the first.
    #[inline]
    fn separate(&mut self) {
        if !self.first {
            self.writer.0.push(b',');
        }
        self.first = false;
    }

    /// Writes a member name.
    #[inline]
    fn key(&mut self, key: &str) {
        self.separate();
        write_str(self.writer.0, key);
        self.writer.0.push(b':');
    }

    /// Closes with `close`, and the `}` of a variant's wrapper when `wrapped`.
    #[inline]
    fn close(self, close: u8, wrapped: bool) {
        self.writer.0.push(close);
        if wrapped {
            self.writer.0.push(b'}');
        }
    }
}

/// A struct being written: an object, or serde_json's raw value or number
/// (under its token).
pub(crate) enum Struct<'w, 'a> {
    Object(Compound<'w, 'a>),
    Raw(&'w mut Writer<'a>, &'static str),
}

impl<'w, 'a> Writer<'a> {
    /// Writes an integer.
    fn int<I: itoa::Integer>(&mut self, value: I) -> Result<(), Error> {
        write_int(self.0, value);
        Ok(())
    }

    /// Opens the object that wraps a variant's value: `{"variant":`.
    fn open_variant(&mut self, variant: &str) {
        self.0.push(b'{');
        write_str(self.0, variant);
        self.0.push(b':');
    }

    /// Opens with `open` (after `{"variant":` when a variant wraps it).
    #[inline]
    fn open(&'w mut self, variant: Option<&str>, open: u8) -> Compound<'w, 'a> {
        if let Some(variant) = variant {
            self.open_variant(variant);
        }
        self.0.push(open);
        Compound {
            writer: self,
            first: true,
        }
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Struct<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.0
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    integers!(Writer::int);

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        write_float(self.0, value)
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        write_float(self.0, value)
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.0, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.0, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        let mut seq = self.open(None, b'[');
        for &byte in value {
            seq.separate();
            write_int(seq.writer.0, byte);
        }
        seq.close(b']', false);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.0.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.0.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(self.open(None, b'['))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(self.open(None, b'['))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(self.open(None, b'['))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Ok(self.open(Some(variant), b'['))
    }

    #[inline]
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(self.open(None, b'{'))
    }

    fn serialize_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        if name == RAW_VALUE_TOKEN || name == NUMBER_TOKEN {
            return Ok(Struct::Raw(self, name));
        }
        Ok(Struct::Object(self.open(None, b'{')))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Ok(self.open(Some(variant), b'{'))
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        /// Escapes each piece as `Display` writes it.
        struct Escaping<'o>(&'o mut Vec<u8>);
        impl fmt::Write for Escaping<'_> {
            fn write_str(&mut self, piece: &str) -> fmt::Result {
                write_str_contents(self.0, piece);
                Ok(())
            }
        }
        self.0.push(b'"');
        fmt::write(&mut Escaping(self.0), format_args!("{value}"))
            .map_err(|_| ser::Error::custom("a Display implementation returned an error"))?;
        self.0.push(b'"');
        Ok(())
    }
}

/// The four kinds of array: each element after a comma, then `]` (and the
/// `}` of a variant's wrapper).
macro_rules! arrays {
    ($($kind:ident::$element:ident, wrapped: $wrapped:literal;)*) => {
        $(
            impl ser::$kind for Compound<'_, '_> {
                type Ok = ();
                type Error = Error;

                fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                    self.separate();
                    value.serialize(&mut *self.writer)
                }

                fn end(self) -> Result<(), Error> {
                    self.close(b']', $wrapped);
                    Ok(())
                }
            }
        )*
    };
}

arrays! {
    SerializeSeq::serialize_element, wrapped: false;
    SerializeTuple::serialize_element, wrapped: false;
    SerializeTupleStruct::serialize_field, wrapped: false;
    SerializeTupleVariant::serialize_field, wrapped: true;
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        key.serialize(KeyWriter(self.writer.0))?;
        self.writer.0.push(b':');
        Ok(())
    }

    #[inline]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }

    #[inline]
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), Error> {
        self.serialize_key(key)?;
        value.serialize(&mut *self.writer)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        self.close(b'}', false);
        Ok(())
    }
}

impl ser::SerializeStruct for Struct<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        match self {
            Struct::Object(object) => {
                ser::SerializeStructVariant::serialize_field(object, key, value)
            }
            Struct::Raw(writer, token) if key == *token => value.serialize(RawWriter(writer.0)),
            Struct::Raw(..) => Err(ser::Error::custom(EXPECTED_RAW_TEXT)),
        }
    }

    fn end(self) -> Result<(), Error> {
        if let Struct::Object(object) = self {
            object.close(b'}', false);
        }
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b'}', true);
        Ok(())
    }
}

/// Writes a map key as serde_json does: a string; an integer, a boolean, a
/// finite float or a char as a string; anything else is an error.
struct KeyWriter<'o>(&'o mut Vec<u8>);

impl KeyWriter<'_> {
    /// Writes `text` between quotes, unescaped (numbers and booleans).
    fn quoted(self, text: &[u8]) -> Result<(), Error> {
        self.0.push(b'"');
        self.0.extend_from_slice(text);
        self.0.push(b'"');
        Ok(())
    }

    fn int<I: itoa::Integer>(self, value: I) -> Result<(), Error> {
        self.quoted(itoa::Buffer::new().format(value).as_bytes())
    }

    fn float<F: Serialize>(self, value: F, finite: bool) -> Result<(), Error> {
        if !finite {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.0.push(b'"');
        write_float(self.0, value)?;
        self.0.push(b'"');
        Ok(())
    }
}

const KEY_MUST_BE_A_STRING: &str = "key must be a string";

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.0, value);
        Ok(())
    }

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.quoted(if value { b"true" } else { b"false" })
    }

    integers!(KeyWriter::int);

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.float(value, value.is_finite())
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        self.float(value, value.is_finite())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        (&mut Writer(self.0)).collect_str(value)
    }

    reject_compounds!(KEY_MUST_BE_A_STRING);
}

/// Writes the text of serde_json's `RawValue` or `Number` as it is (it was
/// checked when the value was made).
struct RawWriter<'o>(&'o mut Vec<u8>);

const EXPECTED_RAW_TEXT: &str = "expected RawValue";

impl RawWriter<'_> {
    /// Refuses a value that is not the text.
    fn not_text<T>(self, _value: T) -> Result<(), Error> {
        Err(ser::Error::custom(EXPECTED_RAW_TEXT))
    }
}

impl ser::Serializer for RawWriter<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.0.extend_from_slice(value.as_bytes());
        Ok(())
    }

    integers!(RawWriter::not_text);

    reject! { EXPECTED_RAW_TEXT;
        serialize_bool(bool) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(ser::Error::custom(EXPECTED_RAW_TEXT))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(ser::Error::custom(EXPECTED_RAW_TEXT))
    }

    reject_compounds!(EXPECTED_RAW_TEXT);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use serde_json::json;

    use super::write;

    /// What this writer and serde_json write for `value`, which must be the same.
    #[track_caller]
    fn same<T: Serialize + ?Sized>(value: &T) {
        let mut ours = Vec::new();
        let theirs = serde_json::to_vec(value);
        match (write(&mut ours, value), theirs) {
            (Ok(()), Ok(theirs)) => assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            ),
            (Err(ours), Err(theirs)) => assert_eq!(ours.to_string(), theirs.to_string()),
            (ours, theirs) => panic!("ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        same(&every_ascii);
        for len in 0..40 {
            for at in 0..len {
                for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', '\u{7f}', 'é', '€', '😀'] {
                    let mut text: String = "a".repeat(len);
                    text.replace_range(at..at + 1, special.encode_utf8(&mut [0; 4]));
                    same(&text);
                }
            }
        }
        same("Rate limit exceeded. Retry after 45 seconds.");
        same("</script>/\u{2028}\u{2029}\u{feff}");
    }

    #[test]
    fn strings_of_every_mix_are_escaped_as_serde_json_escapes_them() {
        // Strings of 0 to 39 characters drawn (by a fixed generator) from
        // bytes that need escaping, their neighbours, and multi-byte ones.
        const ALPHABET: [char; 14] = [
            'a',
            '"',
            '\\',
            '\0',
            '\u{1f}',
            ' ',
            '!',
            '#',
            '[',
            ']',
            '\u{7f}',
            '\u{80}',
            '\u{a2}',
            '\u{10fffd}',
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = next() % 40;
            let text: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            same(&text);
        }
    }

    #[test]
    fn scalars_are_written_as_serde_json_writes_them() {
        same(&true);
        same(&false);
        same(&());
        same(&None::<u8>);
        same(&Some(-7i8));
        for value in [i64::MIN, -1, 0, 1, i64::MAX] {
            same(&value);
        }
        same(&u64::MAX);
        same(&i128::MIN);
        same(&u128::MAX);
        for value in [
            0.0,
            -0.0,
            0.1,
            1e300,
            -1.5e-300,
            1e16,
            123456789.125,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same(&value);
            same(&(value as f32));
        }
        same(&'x');
        same(&'\u{0}');
        same(&Bytes(&[0, 7, 255]));
        same(&Bytes(&[]));
    }

    /// A value that serializes as bytes.
    struct Bytes<'a>(&'a [u8]);

    impl Serialize for Bytes<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, String),
        Struct { a: u8, b: Option<String> },
    }

    #[derive(Serialize)]
    struct Named {
        name: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        list: Vec<u8>,
        empty: Vec<u8>,
        tuple: (u8, bool),
        unit: UnitStruct,
        newtype: Newtype,
        shapes: Vec<Shape>,
    }

    #[derive(Serialize)]
    struct UnitStruct;

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Newtype(&'static str);

    #[test]
    fn compound_values_are_written_as_serde_json_writes_them() {
        same(&Named {
            name: "n\"ame",
            skipped: None,
            list: vec![1, 2, 3],
            empty: vec![],
            tuple: (1, true),
            unit: UnitStruct,
            newtype: Newtype("x"),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(4),
                Shape::Tuple(5, "t".into()),
                Shape::Struct { a: 6, b: None },
            ],
        });
        same(&json!({"a": [1, {"b": null}, [], {}], "c\u{1}": -1.5, "d": "\u{7f}"}));
        same(&BTreeMap::<String, u8>::new());
    }

    #[test]
    fn map_keys_are_written_as_serde_json_writes_them() {
        same(&BTreeMap::from([(1i32, 1), (-2, 2)]));
        same(&BTreeMap::from([(u128::MAX, 1)]));
        same(&BTreeMap::from([(true, 1), (false, 2)]));
        same(&BTreeMap::from([('k', 1)]));
        same(&BTreeMap::from([("k\n", 1)]));
        same(&BTreeMap::from([(Newtype("n"), 1)]));
        same(&BTreeMap::from([(Some("s"), 1)]));
        // Keys serde_json refuses are refused with its message.
        same(&BTreeMap::from([((), 1)]));
        same(&BTreeMap::from([(vec![1], 1)]));
        same(&BTreeMap::from([(None::<&str>, 1)]));
    }

    #[test]
    fn float_keys_are_written_as_serde_json_writes_them() {
        struct Map(Vec<(f64, u8)>);
        impl Serialize for Map {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        same(&Map(vec![(1.5, 1), (-0.0, 2), (1e300, 3)]));
        same(&Map(vec![(f64::NAN, 1)]));
    }

    #[test]
    fn raw_values_are_written_as_they_are() {
        let raw = serde_json::value::RawValue::from_string("{\"a\" : 1E2}".into()).unwrap();
        same(&raw);
        same(&json!({"k": raw.get()}));
        same(&vec![raw.clone(), raw]);
    }

    #[test]
    fn arbitrary_precision_numbers_are_written_as_their_text() {
        // What serde_json's `Number` serializes as under `arbitrary_precision`
        // (not enabled here: serde_json would write this struct as an object).
        struct Number(&'static str);
        impl Serialize for Number {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut number = serializer.serialize_struct(super::NUMBER_TOKEN, 1)?;
                number.serialize_field(super::NUMBER_TOKEN, self.0)?;
                number.end()
            }
        }
        let mut out = Vec::new();
        write(&mut out, &vec![Number("1E400"), Number("-0.10")]).unwrap();
        assert_eq!(out, b"[1E400,-0.10]");
    }

    #[test]
    fn displayed_values_are_escaped() {
        struct Shown;
        impl Serialize for Shown {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&format_args!("a\"{}\n", 'b'))
            }
        }
        same(&Shown);
        same(&BTreeMap::from([(1, Shown)]));
    }
}
