//! What generated code reaches, through the versioned module `__private_{version}`
//! (see `build.rs`): re-exports, constructors of the runtime's non-exhaustive
//! types, and the helpers that keep generated code small. Not a public API: it
//! changes without notice, and only a macro of the same version may use it.

pub mod de;
pub mod fmt;
mod lookup;
mod scan;
pub mod ser;
pub(crate) mod wellformed;
pub(crate) mod write;

pub use core::clone::Clone;
pub use core::cmp::{Eq, Ord, PartialEq, PartialOrd};
pub use core::convert::Into;
pub use core::default::Default;
pub use core::hash::Hash;
pub use core::marker::{Copy, Send, Sync};
pub use core::option::Option::{self, None, Some};
pub use core::result::Result::{self, Err, Ok};
pub use core::str::FromStr;
pub use std::borrow::Cow;
pub use std::boxed::Box;
pub use std::error::Error;
pub use std::string::String;
pub use std::vec::Vec;

pub use lookup::{EMPTY_SLOT, code_index, wire_hash};
pub use serde;
pub use serde_json;

#[cfg(feature = "http")]
pub use http;

pub use crate::{
    CatalogError, CatalogInfo, CodeInfo, ErrorMeta, ErrorResponse, FieldInfo, HttpAnswer,
    HttpFailure, Map, Mismatch, Object, OutOfRange, RawJson, Retryable, TypeInfo, UnknownCode,
    UnknownError,
};

/// The status as `http::StatusCode`: 500 for a number that is none (catalog
/// statuses are validated to 400..=599).
#[cfg(feature = "http")]
#[inline]
pub const fn status(code: u16) -> http::StatusCode {
    match http::StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Emits `impl IntoResponse` for a generated error type when the `axum`
/// feature is on: `($ty, path of this module)`.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_axum_response {
    ($ty:ident, $($private:tt)*) => {
        impl $($private)*::axum_crate::response::IntoResponse for $ty {
            fn into_response(self) -> $($private)*::axum_crate::response::Response {
                $($private)*::axum::response(&$($private)*::ErrorResponse::new(self))
            }
        }
    };
}

/// Emits nothing: the `axum` feature is off.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_axum_response {
    ($($tokens:tt)*) => {};
}

pub use crate::__amp_errors_axum_response as axum_response;

#[cfg(feature = "axum")]
pub use crate::axum;
#[cfg(feature = "axum")]
pub use ::axum as axum_crate;

/// Implements `schemars::JsonSchema` for a generated type when the
/// `schemars` feature is on: `($ty, the catalog's resolved path)`; the
/// schema is built only then.
#[cfg(feature = "schemars")]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_json_schema {
    ($ty:ident, $path:literal) => {
        $crate::__private_json_schema_impl!($ty, $path);
    };
}

/// Emits nothing: the `schemars` feature is off.
#[cfg(not(feature = "schemars"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_json_schema {
    ($($tokens:tt)*) => {};
}

pub use crate::__amp_errors_json_schema as json_schema;

#[cfg(feature = "schemars")]
pub use crate::json_schema::schema_of as json_schema_of;
#[cfg(feature = "schemars")]
pub use schemars;

/// The statuses of a catalog's codes as `http::StatusCode`s, in catalog
/// order: the code enum's table of [`status`], computed at compile time.
#[cfg(feature = "http")]
pub const fn status_table<const N: usize>(codes: &[CodeInfo]) -> [http::StatusCode; N] {
    let mut table = [http::StatusCode::INTERNAL_SERVER_ERROR; N];
    let mut i = 0;
    while i < N && i < codes.len() {
        table[i] = status(codes[i].status);
        i += 1;
    }
    table
}

/// Emits the inherent `status()` method when the `http` feature is on: on
/// the error type `(__private, error)`, on the code enum
/// `(__private, code ErrorType)`, whose table reads the error type's
/// catalog. `__private` is the path of this module, which the macro cannot
/// spell itself.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_status_method {
    ($private:ident, error) => {
        /// The HTTP status (500 for a code the catalog does not know).
        #[inline]
        pub fn status(&self) -> $private::http::StatusCode {
            match self.known_code() {
                $private::Some(code) => code.status(),
                $private::None => $private::http::StatusCode::INTERNAL_SERVER_ERROR,
            }
        }
    };
    ($private:ident, code $error:ident) => {
        /// Every code's status, in catalog order.
        const STATUS_TABLE: [$private::http::StatusCode; Self::ALL.len()] =
            $private::status_table($error::CATALOG.codes);

        /// The HTTP status.
        #[inline]
        pub const fn status(self) -> $private::http::StatusCode {
            Self::STATUS_TABLE[self as usize]
        }
    };
}

/// Emits nothing: the `http` feature is off.
#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_status_method {
    ($($tokens:tt)*) => {};
}

pub use crate::__amp_errors_status_method as status_method;

/// A [`CodeInfo`] for the static catalog table (its fields may grow).
#[allow(clippy::too_many_arguments)]
pub const fn code_info(
    code: &'static str,
    status: u16,
    category: &'static str,
    retryable: Retryable,
    message: &'static str,
    doc_url: &'static str,
    description: &'static str,
    cause: &'static str,
    resolution: &'static [&'static str],
    deprecated: Option<&'static str>,
    fields: &'static [FieldInfo],
) -> CodeInfo {
    CodeInfo {
        code,
        status,
        category,
        retryable,
        message,
        doc_url,
        description,
        cause,
        resolution,
        deprecated,
        fields,
    }
}

/// A [`FieldInfo`] for the static catalog table (its fields may grow).
pub const fn field_info(
    name: &'static str,
    required: bool,
    sensitive: bool,
    json_type: &'static str,
    minimum: Option<i64>,
    maximum: Option<i64>,
) -> FieldInfo {
    FieldInfo {
        name,
        required,
        sensitive,
        json_type,
        minimum,
        maximum,
    }
}

/// A [`TypeInfo`] for the static catalog table (its fields may grow).
pub const fn type_info(
    name: &'static str,
    values: Option<&'static [&'static str]>,
    fields: &'static [FieldInfo],
) -> TypeInfo {
    TypeInfo {
        name,
        values,
        fields,
    }
}

/// A [`CatalogInfo`] for the static catalog table (its fields may grow).
#[allow(clippy::too_many_arguments)]
pub const fn catalog_info(
    name: &'static str,
    doc_base_url: &'static str,
    request_id_prefix: Option<&'static str>,
    categories: &'static [&'static str],
    codes: &'static [CodeInfo],
    retired: &'static [&'static str],
    types: &'static [TypeInfo],
    http: &'static [HttpAnswer],
) -> CatalogInfo {
    CatalogInfo {
        name,
        doc_base_url,
        request_id_prefix,
        categories,
        codes,
        retired,
        types,
        http,
    }
}

/// An [`HttpAnswer`] for the static catalog table (its fields may grow).
pub const fn http_answer(
    failure: HttpFailure,
    code: &'static str,
    violations: Option<&'static str>,
) -> HttpAnswer {
    HttpAnswer {
        failure,
        code,
        violations,
    }
}

/// The common members of a catalog example.
pub fn meta(
    message: Option<&'static str>,
    param: Option<&'static str>,
    request_id: Option<&'static str>,
) -> ErrorMeta {
    ErrorMeta {
        message: message.map(Cow::Borrowed),
        param: param.map(String::from),
        request_id: request_id.map(String::from),
        ..ErrorMeta::default()
    }
}

/// Whether two errors' common members, and the members they keep as
/// received, are equal on the wire (the source is not compared; the message
/// is compared rendered, by the caller).
#[inline]
pub fn meta_eq(left: Option<&ErrorMeta>, right: Option<&ErrorMeta>) -> bool {
    match (left, right) {
        (Some(l), Some(r)) => {
            l.param == r.param
                && l.request_id == r.request_id
                && l.received_members().eq(r.received_members())
        }
        (None, None) => true,
        _ => false,
    }
}

/// The `doc_url` a parsed error arrived with, when it was not the catalog's.
#[inline]
pub fn received_doc_url(meta: Option<&ErrorMeta>) -> Option<String> {
    meta?.received_doc_url()
}

/// A header's value from a field's value.
#[inline]
pub fn header_value(value: &impl std::fmt::Display) -> String {
    value.to_string()
}

/// Retryability that no field decides: `Field` codes whose field is absent use its default.
#[inline]
pub const fn fixed_retryable(info: &CodeInfo) -> bool {
    match info.retryable {
        Retryable::Always => true,
        Retryable::Never => false,
        Retryable::Field { default, .. } => default,
    }
}

/// Sets a setter's value on the common members (no effect on the fallback).
#[inline]
pub fn set_meta(meta: Option<&mut ErrorMeta>, set: impl FnOnce(&mut ErrorMeta)) {
    if let Some(meta) = meta {
        set(meta);
    }
}

/// The `Error::source` of an error's common members.
#[inline]
pub fn source(meta: Option<&ErrorMeta>) -> Option<&(dyn Error + 'static)> {
    meta?.source.as_deref().map(|s| s as &(dyn Error + 'static))
}

/// Converts a `with_source` argument to the shared form.
#[inline]
pub fn into_source(source: Box<dyn Error + Send + Sync + 'static>) -> crate::Source {
    source.into()
}
