//! Every key a catalog may use, named once (serde_derive's `symbol.rs` habit).

/// `[catalog]`: catalog-wide settings.
pub const CATALOG: &str = "catalog";
/// `[types.Name]`: named object types.
pub const TYPES: &str = "types";
/// `[codes.code]`: the error codes.
pub const CODES: &str = "codes";
/// `[http]`: which codes answer the failures the HTTP layer detects.
pub const HTTP: &str = "http";

/// Keys of the top level.
pub const TOP_LEVEL: &[&str] = &[CATALOG, TYPES, CODES, HTTP];

/// `catalog.name`
pub const NAME: &str = "name";
/// `catalog.doc_base_url`
pub const DOC_BASE_URL: &str = "doc_base_url";
/// `catalog.request_id_prefix`
pub const REQUEST_ID_PREFIX: &str = "request_id_prefix";
/// `catalog.categories`
pub const CATEGORIES: &str = "categories";
/// `catalog.non_exhaustive`
pub const NON_EXHAUSTIVE: &str = "non_exhaustive";
/// `catalog.fallback_variant`
pub const FALLBACK_VARIANT: &str = "fallback_variant";
/// `catalog.retired`
pub const RETIRED: &str = "retired";

/// Keys of `[catalog]`.
pub const CATALOG_KEYS: &[&str] = &[
    NAME,
    DOC_BASE_URL,
    REQUEST_ID_PREFIX,
    CATEGORIES,
    NON_EXHAUSTIVE,
    FALLBACK_VARIANT,
    RETIRED,
];

/// `retired[].code`
pub const CODE: &str = "code";
/// `retired[].note`
pub const NOTE: &str = "note";
/// Keys of a `retired` entry.
pub const RETIRED_KEYS: &[&str] = &[CODE, NOTE];

/// `codes.x.status`
pub const STATUS: &str = "status";
/// `codes.x.category`
pub const CATEGORY: &str = "category";
/// `codes.x.retryable`
pub const RETRYABLE: &str = "retryable";
/// `codes.x.message`
pub const MESSAGE: &str = "message";
/// `codes.x.description`, `types.X.description`, `...fields.f.description`
pub const DESCRIPTION: &str = "description";
/// `codes.x.cause`
pub const CAUSE: &str = "cause";
/// `codes.x.resolution`
pub const RESOLUTION: &str = "resolution";
/// `codes.x.deprecated`
pub const DEPRECATED: &str = "deprecated";
/// `codes.x.fields`, `types.X.fields`
pub const FIELDS: &str = "fields";
/// `codes.x.example`
pub const EXAMPLE: &str = "example";

/// Keys of a `[codes.x]` table.
pub const CODE_KEYS: &[&str] = &[
    STATUS,
    CATEGORY,
    RETRYABLE,
    MESSAGE,
    DESCRIPTION,
    CAUSE,
    RESOLUTION,
    DEPRECATED,
    DOC_URL,
    HEADERS,
    FIELDS,
    EXAMPLE,
];

/// `codes.x.headers`: response headers filled from the code's fields.
pub const HEADERS: &str = "headers";

/// `types.X.enum`: the values of a string enum type.
pub const ENUM: &str = "enum";
/// Keys of a `[types.X]` table.
pub const TYPE_KEYS: &[&str] = &[DESCRIPTION, FIELDS, ENUM];

/// `retryable.field`
pub const FIELD: &str = "field";
/// `retryable.default`
pub const DEFAULT: &str = "default";
/// Keys of a `retryable = { ... }` table.
pub const RETRYABLE_KEYS: &[&str] = &[FIELD, DEFAULT];

/// `fields.f.type`
pub const TYPE: &str = "type";
/// `fields.f.required`
pub const REQUIRED: &str = "required";
/// `fields.f.sensitive`
pub const SENSITIVE: &str = "sensitive";
/// `fields.f.minimum`
pub const MINIMUM: &str = "minimum";
/// `fields.f.maximum`
pub const MAXIMUM: &str = "maximum";
/// Keys of a field definition.
pub const FIELD_KEYS: &[&str] = &[TYPE, REQUIRED, DESCRIPTION, SENSITIVE, MINIMUM, MAXIMUM];

/// `example.param`
pub const PARAM: &str = "param";
/// `example.request_id`
pub const REQUEST_ID: &str = "request_id";
/// `codes.x.doc_url`: the code's own documentation link; in an example, never
/// (the library writes it).
pub const DOC_URL: &str = "doc_url";
