//! The naming plan: every Rust name the expansion uses, decided once.

use std::collections::HashMap;

use amp_errors_catalog::{Catalog, ErrorCode, Field, FieldType, Segment};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::{names, runtime, tokens, types};

/// The names of a catalog's generated items, and of each code and field.
pub struct Plan<'a> {
    /// The catalog being expanded.
    pub catalog: &'a Catalog,
    /// `__private`: the runtime as the impls inside `const _` name it.
    pub rt: TokenStream,
    /// `::amp_errors::__private_{version}`: the runtime as declarations outside it name it.
    pub rt_path: TokenStream,
    /// The error enum (`AmpError`).
    pub ty: Ident,
    /// The fieldless code enum (`AmpErrorCode`).
    pub code_ty: Ident,
    /// The category enum (`AmpErrorCategory`).
    pub category_ty: Ident,
    /// The category enum's variants, in catalog order.
    pub category_variants: Vec<Ident>,
    /// The variant holding codes the catalog does not know.
    pub fallback: Ident,
    /// Every code, in catalog order.
    pub codes: Vec<PlannedCode<'a>>,
    /// Whether some code has a sensitive field: then rendering takes a
    /// `redact` flag (a template may show the field, a received message may
    /// quote it). Decided once, as every call of the renderer needs it.
    pub redacts_messages: bool,
}

/// One code's names.
pub struct PlannedCode<'a> {
    /// The catalog entry.
    pub code: &'a ErrorCode,
    /// The wire code (`rate_limit_exceeded`).
    pub wire: &'a str,
    /// The wire code as a string literal, built once and cloned where it
    /// appears (a clone copies the text; building one writes and reads it back).
    pub wire_lit: Literal,
    /// Its documentation link (the catalog's, or base URL + `#` + code).
    pub doc_url: String,
    /// The variant (`RateLimitExceeded`), of both enums.
    pub variant: Ident,
    /// The variant's name as a string literal (`"RateLimitExceeded"`), for `Debug`.
    pub variant_lit: Literal,
    /// The constructor (`rate_limit_exceeded`, or `new_status` for a code named like a method).
    pub constructor: Ident,
    /// The code's typed fields, in catalog order.
    pub fields: Vec<PlannedField<'a>>,
    /// `#[deprecated]` when the catalog deprecates the code.
    pub deprecated: TokenStream,
    /// The message when its template has no placeholders and no escapes: then
    /// the catalog table's template text is the message itself.
    pub plain_message: Option<&'a str>,
}

/// One declared field's names.
pub struct PlannedField<'a> {
    /// The catalog entry.
    pub field: &'a Field,
    /// The Rust field name (`r#type`, `meta_`).
    pub ident: Ident,
    /// The local a pattern binds the field to: prefixed, so that no field
    /// name shadows the generated code's own locals (`f`, `map`, `meta`).
    pub local: Ident,
    /// The wire name.
    pub wire: &'a str,
    /// The wire name as a string literal, built once and cloned where it appears.
    pub wire_lit: Literal,
    /// The value's Rust type, without the `Option`, for code inside `const _`.
    pub value_ty: TokenStream,
}

impl<'a> Plan<'a> {
    /// Names everything `catalog` expands to.
    pub fn new(catalog: &'a Catalog) -> Self {
        let (rt, rt_path) = (runtime::alias(), runtime::path());
        let mut shared = Shared::default();
        let codes: Vec<PlannedCode<'a>> = catalog
            .codes
            .iter()
            .map(|code| PlannedCode::new(catalog, &rt, code, &mut shared))
            .collect();
        let redacts_messages = codes.iter().any(PlannedCode::has_sensitive_field);
        Plan {
            catalog,
            ty: format_ident!("{}", catalog.name.value),
            code_ty: names::prefixed(catalog, "Code"),
            category_ty: names::prefixed(catalog, "Category"),
            category_variants: catalog
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| names::category_variant(&c.value, i))
                .collect(),
            fallback: format_ident!("{}", names::fallback_name(catalog)),
            codes,
            redacts_messages,
            rt,
            rt_path,
        }
    }

    /// `#[non_exhaustive]` unless the catalog opts out.
    pub fn non_exhaustive(&self) -> TokenStream {
        if self.catalog.non_exhaustive {
            quote!(#[non_exhaustive])
        } else {
            TokenStream::new()
        }
    }

    /// The category enum's variant of `code`.
    pub fn category_variant(&self, code: &ErrorCode) -> Ident {
        let name = code.category.as_ref().map_or("", |c| c.value.as_str());
        match self.catalog.categories.iter().position(|c| c.value == name) {
            Some(index) => self.category_variants[index].clone(),
            None => names::category_variant(name, 0),
        }
    }

    /// The codes that have typed fields.
    pub fn codes_with_fields(&self) -> impl Iterator<Item = &PlannedCode<'a>> {
        self.codes.iter().filter(|c| !c.fields.is_empty())
    }

    /// The variants of the codes without typed fields: their `Debug`,
    /// `Serialize` and reading share one arm, an or-pattern of these.
    pub fn fieldless_variants(&self) -> Vec<&Ident> {
        self.codes
            .iter()
            .filter(|c| c.fields.is_empty())
            .map(|c| &c.variant)
            .collect()
    }
}

impl<'a> PlannedCode<'a> {
    fn new(
        catalog: &'a Catalog,
        rt: &TokenStream,
        code: &'a ErrorCode,
        shared: &mut Shared,
    ) -> Self {
        let fields = code
            .fields
            .iter()
            .map(|field| PlannedField::new(catalog, rt, field, shared))
            .collect();
        let deprecated = match &code.deprecated {
            Some(note) => quote!(#[deprecated(note = #note)]),
            None => TokenStream::new(),
        };
        let template = &code.message.value;
        let plain_message = template
            .as_literal()
            .filter(|text| *text == template.source)
            .map(|_| template.source.as_str());
        let variant_name = names::variant_name(&code.code.value);
        PlannedCode {
            code,
            plain_message,
            wire: &code.code.value,
            wire_lit: tokens::lit(&code.code.value),
            doc_url: catalog.code_doc_url(code),
            variant: format_ident!("{}", variant_name),
            variant_lit: tokens::lit(&variant_name),
            constructor: names::constructor(&code.code.value),
            fields,
            deprecated,
        }
    }

    /// The field named `wire`, if the code declares it.
    pub fn field(&self, wire: &str) -> Option<&PlannedField<'a>> {
        self.fields.iter().find(|f| f.wire == wire)
    }

    /// The names of the fields its template shows, in template order.
    pub fn placeholders(&self) -> impl Iterator<Item = &'a str> {
        self.code
            .message
            .value
            .segments
            .iter()
            .filter_map(|segment| match segment {
                Segment::Field(name) => Some(name.as_str()),
                Segment::Literal(_) => None,
            })
    }

    /// Whether its template shows a sensitive field.
    /// Whether some field of the code is sensitive.
    pub fn has_sensitive_field(&self) -> bool {
        self.fields.iter().any(|f| f.field.sensitive)
    }
}

/// What the fields of different codes share, built once and cloned: codes
/// declare the same fields (`retry_after`), with the same names and types.
#[derive(Default)]
struct Shared {
    /// Each field name's Rust name and local.
    idents: HashMap<String, (Ident, Ident)>,
    /// Each field name's literal.
    lits: tokens::Lits,
    /// Each value type.
    value_types: types::FieldTypes,
}

impl<'a> PlannedField<'a> {
    fn new(catalog: &'a Catalog, rt: &TokenStream, field: &'a Field, shared: &mut Shared) -> Self {
        let name = &field.name.value;
        let (ident, local) = shared
            .idents
            .entry(name.clone())
            .or_insert_with(|| (names::field_ident(name), format_ident!("__field_{}", name)))
            .clone();
        PlannedField {
            field,
            ident,
            local,
            wire: name,
            wire_lit: shared.lits.get(name),
            value_ty: shared.value_types.value(catalog, rt, field),
        }
    }

    /// The field's JSON type.
    pub fn json_type(&self) -> &'a FieldType {
        &self.field.ty.value
    }
}
