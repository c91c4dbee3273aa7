//! The whole expansion of a validated catalog.

use amp_errors_catalog::{Catalog, ErrorCode, Field, Retryability, Segment};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::docs;
use crate::names;
use crate::types;

/// A declared field, ready for code.
struct FieldGen<'a> {
    field: &'a Field,
    ident: Ident,
    /// The local a pattern binds the field to: prefixed, so that no field
    /// name shadows the generated code's own locals (`f`, `map`, `meta`).
    local: Ident,
    wire: &'a str,
    ty: TokenStream,
}

/// A code, ready for code.
struct CodeGen<'a> {
    code: &'a ErrorCode,
    wire: &'a str,
    variant: Ident,
    constructor: Ident,
    fields: Vec<FieldGen<'a>>,
    deprecated: TokenStream,
}

/// Names shared by every part of the expansion.
struct Ctx<'a> {
    catalog: &'a Catalog,
    ty: Ident,
    code_ty: Ident,
    category_ty: Ident,
    fallback: Ident,
    codes: Vec<CodeGen<'a>>,
}

/// Expands a validated catalog into the items `amp_errors!` emits.
pub fn expand(catalog: &Catalog) -> TokenStream {
    let cx = Ctx::new(catalog);
    let object_types = cx.object_types();
    let error_enum = cx.error_enum();
    let code_enum = cx.code_enum();
    let category_enum = cx.category_enum();
    let inherent = cx.inherent();
    let traits = cx.trait_impls();
    let serialize = cx.serialize();
    let deserialize = cx.deserialize();
    quote! {
        #object_types
        #error_enum
        #code_enum
        #category_enum
        #[allow(deprecated, clippy::all)]
        const _: () = {
            #inherent
            #traits
            #serialize
            #deserialize
        };
    }
}

fn wire_string(s: &str) -> Literal {
    Literal::string(s)
}

impl<'a> Ctx<'a> {
    fn new(catalog: &'a Catalog) -> Self {
        let codes = catalog
            .codes
            .iter()
            .map(|code| {
                let fields = code
                    .fields
                    .iter()
                    .map(|field| FieldGen {
                        field,
                        ident: names::field_ident(&field.name.value),
                        local: format_ident!("__field_{}", field.name.value),
                        wire: &field.name.value,
                        ty: types::field_type(catalog, &field.ty.value, field.required),
                    })
                    .collect();
                let deprecated = match &code.deprecated {
                    Some(note) => quote!(#[deprecated(note = #note)]),
                    None => TokenStream::new(),
                };
                CodeGen {
                    code,
                    wire: &code.code.value,
                    variant: format_ident!("{}", names::variant_name(&code.code.value)),
                    constructor: names::constructor(&code.code.value),
                    fields,
                    deprecated,
                }
            })
            .collect();
        Ctx {
            catalog,
            ty: format_ident!("{}", catalog.name.value),
            code_ty: names::prefixed(catalog, "Code"),
            category_ty: names::prefixed(catalog, "Category"),
            fallback: format_ident!("{}", names::fallback_name(catalog)),
            codes,
        }
    }

    fn non_exhaustive(&self) -> TokenStream {
        if self.catalog.non_exhaustive {
            quote!(#[non_exhaustive])
        } else {
            TokenStream::new()
        }
    }

    fn category_ident(&self, code: &ErrorCode) -> Ident {
        let name = code.category.as_ref().map_or("", |c| c.value.as_str());
        let index = self
            .catalog
            .categories
            .iter()
            .position(|c| c.value == name)
            .unwrap_or_default();
        names::category_variant(name, index)
    }

    fn object_types(&self) -> TokenStream {
        let catalog = self.catalog;
        let items = catalog.types.iter().map(|object| {
            let ident = names::prefixed(catalog, &object.name.value);
            let doc = docs::doc_attrs(std::slice::from_ref(&object.description));
            let fields = object.fields.iter().map(|field| {
                let rust = names::field_ident(&field.name.value);
                let wire = &field.name.value;
                let ty = types::field_type(catalog, &field.ty.value, field.required);
                let doc = docs::doc_attrs(&docs::field_doc(
                    &field.description,
                    &field.ty.value.to_string(),
                    field.required,
                    field.sensitive,
                ));
                let optional = if field.required {
                    TokenStream::new()
                } else {
                    quote!(#[serde(default, skip_serializing_if = "::amp_errors::__private::Option::is_none")])
                };
                quote! {
                    #doc
                    #[serde(rename = #wire)]
                    #optional
                    pub #rust: #ty
                }
            });
            // Debug by hand: sensitive members show the redaction marker.
            let name = ident.to_string();
            let debug_fields = object.fields.iter().map(|field| {
                let rust = names::field_ident(&field.name.value);
                let wire = &field.name.value;
                if field.sensitive {
                    quote!(s.field(#wire, &::amp_errors::__private::Redacted);)
                } else {
                    quote!(s.field(#wire, &self.#rust);)
                }
            });
            quote! {
                const _: () = {
                    impl ::amp_errors::__private::fmt::Debug for #ident {
                        fn fmt(&self, f: &mut ::amp_errors::__private::fmt::Formatter<'_>) -> ::amp_errors::__private::fmt::Result {
                            let mut s = f.debug_struct(#name);
                            #(#debug_fields)*
                            s.finish()
                        }
                    }
                };
                #doc
                #[derive(
                    ::amp_errors::__private::Clone,
                    ::amp_errors::__private::PartialEq,
                    ::amp_errors::__private::serde::Serialize,
                    ::amp_errors::__private::serde::Deserialize,
                )]
                #[serde(crate = "::amp_errors::__private::serde")]
                pub struct #ident {
                    #(#fields,)*
                }
            }
        });
        quote!(#(#items)*)
    }

    fn error_enum(&self) -> TokenStream {
        let Ctx {
            ty,
            fallback,
            code_ty,
            ..
        } = self;
        let catalog = self.catalog;
        let variants = self.codes.iter().map(|c| {
            let doc = docs::doc_attrs(&docs::code_doc(catalog, c.code));
            let variant = &c.variant;
            let deprecated = &c.deprecated;
            let fields = c.fields.iter().map(|f| {
                let doc = docs::doc_attrs(&docs::field_doc(
                    &f.field.description,
                    &f.field.ty.value.to_string(),
                    f.field.required,
                    f.field.sensitive,
                ));
                let (ident, ty) = (&f.ident, &f.ty);
                quote!(#doc #ident: #ty)
            });
            quote! {
                #doc
                #deprecated
                #variant {
                    #(#fields,)*
                    /// The common members: message override, `param`, `request_id`, source.
                    meta: ::amp_errors::ErrorMeta,
                }
            }
        });
        let summary = format!(
            " The errors of this API, generated by `amp_errors!` from its catalog ({} codes).",
            catalog.codes.len()
        );
        let docs_link = format!(" Documentation: <{}>", catalog.doc_base_url);
        let fallback_doc = docs::doc_attrs(&[
            "A code this catalog does not know, kept whole: a newer server's code, or a retired one.".to_owned(),
            String::new(),
            "Match the known variants and treat this one as \"any other error\": the day the catalog".to_owned(),
            "learns the code, the error moves to its own variant, so never match this one by its".to_owned(),
            "code string. Read it through [`UnknownError`](::amp_errors::UnknownError)'s accessors;".to_owned(),
            format!("[`{code_ty}::from_wire`] tells whether a code string is known."),
        ]);
        let non_exhaustive = self.non_exhaustive();
        let exhaustive_doc = if catalog.non_exhaustive {
            " The enum is `#[non_exhaustive]`: a catalog gains codes over time, and a new code must not break the crates that match on it. Give your `match` a wildcard arm."
        } else {
            " The enum is exhaustive (`non_exhaustive = false` in the catalog): adding a code breaks every exhaustive `match` on it."
        };
        quote! {
            #[doc = #summary]
            #[doc = ""]
            #[doc = #docs_link]
            #[doc = ""]
            #[doc = #exhaustive_doc]
            #[derive(::amp_errors::__private::Clone)]
            #non_exhaustive
            pub enum #ty {
                #(#variants,)*
                #fallback_doc
                #fallback(::amp_errors::UnknownError),
            }
        }
    }

    fn code_enum(&self) -> TokenStream {
        let Ctx { ty, code_ty, .. } = self;
        let variants = self.codes.iter().map(|c| {
            let variant = &c.variant;
            let doc = format!(" `{}`: {}", c.wire, c.code.description);
            quote!(#[doc = #doc] #variant)
        });
        let doc = format!(" The codes of [`{ty}`], without their fields.");
        let non_exhaustive = self.non_exhaustive();
        quote! {
            #[doc = #doc]
            #[derive(
                ::amp_errors::__private::Clone,
                ::amp_errors::__private::Copy,
                ::amp_errors::__private::fmt::Debug,
                ::amp_errors::__private::PartialEq,
                ::core::cmp::Eq,
                ::amp_errors::__private::Hash,
                ::core::cmp::PartialOrd,
                ::core::cmp::Ord,
            )]
            #non_exhaustive
            pub enum #code_ty {
                #(#variants,)*
            }
        }
    }

    fn category_enum(&self) -> TokenStream {
        let Ctx {
            ty, category_ty, ..
        } = self;
        let variants = self.catalog.categories.iter().enumerate().map(|(i, c)| {
            let variant = names::category_variant(&c.value, i);
            let doc = format!(" {}", c.value);
            quote!(#[doc = #doc] #variant)
        });
        let doc = format!(" The categories that [`{ty}`]'s codes are grouped in.");
        quote! {
            #[doc = #doc]
            #[derive(
                ::amp_errors::__private::Clone,
                ::amp_errors::__private::Copy,
                ::amp_errors::__private::fmt::Debug,
                ::amp_errors::__private::PartialEq,
                ::core::cmp::Eq,
                ::amp_errors::__private::Hash,
            )]
            pub enum #category_ty {
                #(#variants,)*
            }
        }
    }

    /// `Self::Variant { field, .., meta }` patterns binding every field.
    fn pattern(&self, c: &CodeGen<'_>) -> TokenStream {
        let ty = &self.ty;
        let variant = &c.variant;
        let idents = c.fields.iter().map(|f| &f.ident);
        let locals = c.fields.iter().map(|f| &f.local);
        quote!(#ty::#variant { #(#idents: #locals,)* meta })
    }

    /// Writes the message template of `c` into `f`; expects the fields bound.
    fn render(&self, c: &CodeGen<'_>) -> TokenStream {
        let parts = c.code.message.value.segments.iter().map(|segment| match segment {
            Segment::Literal(text) => quote!(f.write_str(#text)?;),
            Segment::Field(name) => {
                let Some(field) = c.fields.iter().find(|f| f.wire == name) else {
                    return TokenStream::new();
                };
                let ident = &field.local;
                let show = if types::is_scalar(&field.field.ty.value) {
                    quote!(::amp_errors::__private::fmt::Display::fmt(#ident, f)?;)
                } else {
                    quote!(::amp_errors::__private::fmt::Display::fmt(&::amp_errors::__private::Json(#ident), f)?;)
                };
                if field.field.sensitive {
                    quote!(if redact { ::amp_errors::__private::redacted(f)?; } else { #show })
                } else {
                    show
                }
            }
        });
        quote!(#(#parts)*)
    }

    fn inherent(&self) -> TokenStream {
        let Ctx {
            ty,
            code_ty,
            category_ty,
            fallback,
            catalog,
            ..
        } = self;
        let constructors = self.codes.iter().map(|c| {
            let constructor = &c.constructor;
            let variant = &c.variant;
            let deprecated = &c.deprecated;
            let mut params = Vec::new();
            let inits = c
                .fields
                .iter()
                .map(|f| {
                    let ident = &f.ident;
                    if f.field.required {
                        let param_ty = match f.field.ty.value {
                            amp_errors_catalog::FieldType::String => {
                                quote!(impl ::core::convert::Into<::amp_errors::__private::String>)
                            }
                            _ => f.ty.clone(),
                        };
                        params.push(quote!(#ident: #param_ty));
                        quote!(#ident: ::core::convert::Into::into(#ident))
                    } else {
                        quote!(#ident: ::amp_errors::__private::None)
                    }
                })
                .collect::<Vec<_>>();
            let doc = format!(
                " A `{}` error ({}) with its required fields; optional fields start empty.",
                c.wire, c.code.status.value
            );
            quote! {
                #[doc = #doc]
                #[must_use]
                #deprecated
                pub fn #constructor(#(#params),*) -> Self {
                    #ty::#variant {
                        #(#inits,)*
                        meta: ::amp_errors::__private::Default::default(),
                    }
                }
            }
        });
        let known_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            quote!(#ty::#variant { .. } => ::amp_errors::__private::Some(#code_ty::#variant),)
        });
        // code() and status_code() match directly (one jump, like a hand-written
        // match) rather than going through known_code().
        let code_arms = self.codes.iter().map(|c| {
            let (variant, wire) = (&c.variant, wire_string(c.wire));
            quote!(#ty::#variant { .. } => #wire,)
        });
        let status_code_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            let status = c.code.status.value;
            quote!(#ty::#variant { .. } => #status,)
        });
        let retry_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            match &c.code.retryable {
                Retryability::Fixed(b) => quote!(#ty::#variant { .. } => #b,),
                Retryability::Field { name, default } => {
                    match c.fields.iter().find(|f| f.wire == name.value) {
                        Some(f) if f.field.required => {
                            let ident = &f.ident;
                            quote!(#ty::#variant { #ident, .. } => *#ident,)
                        }
                        Some(f) => {
                            let ident = &f.ident;
                            quote!(#ty::#variant { #ident, .. } => #ident.unwrap_or(#default),)
                        }
                        None => quote!(#ty::#variant { .. } => #default,),
                    }
                }
            }
        });
        let meta_arms = self
            .codes
            .iter()
            .map(|c| {
                let variant = &c.variant;
                quote!(#ty::#variant { meta, .. } => ::amp_errors::__private::Some(meta),)
            })
            .collect::<Vec<_>>();
        let message_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            match c.code.message.value.as_literal() {
                Some(text) => quote!(#ty::#variant { .. } => ::amp_errors::__private::Cow::Borrowed(#text),),
                None => quote!(
                    this @ #ty::#variant { .. } => ::amp_errors::__private::Cow::Owned(
                        ::std::string::ToString::to_string(&::amp_errors::__private::Rendered(|f: &mut ::amp_errors::__private::fmt::Formatter<'_>| this.__amp_errors_fmt_message(f, false)))
                    ),
                ),
            }
        });
        let fmt_arms = self.codes.iter().map(|c| {
            let pattern = self.pattern(c);
            let render = self.render(c);
            quote! {
                #pattern => {
                    if let ::amp_errors::__private::Some(message) = &meta.message {
                        return f.write_str(message);
                    }
                    #render
                    ::amp_errors::__private::Ok(())
                }
            }
        });
        let examples = self.codes.iter().map(|c| {
            let variant = &c.variant;
            let Some(example) = &c.code.example else {
                // Only in a catalog with problems, which is never expanded.
                let wire = c.wire;
                return quote!(#code_ty::#variant => #ty::#fallback(::amp_errors::UnknownError::new(#wire)),);
            };
            let inits = c.fields.iter().map(|f| {
                let ident = &f.ident;
                match example.value(f.wire) {
                    Some(value) => {
                        let expr = types::value_expr(catalog, &f.field.ty.value, value);
                        if f.field.required {
                            quote!(#ident: #expr)
                        } else {
                            quote!(#ident: ::amp_errors::__private::Some(#expr))
                        }
                    }
                    None => quote!(#ident: ::amp_errors::__private::None),
                }
            });
            let opt = |value: Option<&str>| match value {
                Some(v) => quote!(::amp_errors::__private::Some(::amp_errors::__private::String::from(#v))),
                None => quote!(::amp_errors::__private::None),
            };
            let message = match &example.message {
                Some(m) => quote!(::amp_errors::__private::Some(::amp_errors::__private::Cow::Borrowed(#m))),
                None => quote!(::amp_errors::__private::None),
            };
            let param = opt(example.param.as_deref());
            let request_id = opt(example.request_id.as_ref().map(|r| r.value.as_str()));
            quote! {
                #code_ty::#variant => #ty::#variant {
                    #(#inits,)*
                    meta: ::amp_errors::ErrorMeta {
                        message: #message,
                        param: #param,
                        request_id: #request_id,
                        source: ::amp_errors::__private::None,
                    },
                },
            }
        });
        let code_count = self.codes.len();
        let all = self.codes.iter().map(|c| {
            let variant = &c.variant;
            quote!(#code_ty::#variant)
        });
        let as_str_arms = self.codes.iter().map(|c| {
            let (variant, wire) = (&c.variant, wire_string(c.wire));
            quote!(#code_ty::#variant => #wire,)
        });
        let status_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            let status = c.code.status.value;
            quote!(#code_ty::#variant => #status,)
        });
        let category_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            let category = self.category_ident(c.code);
            quote!(#code_ty::#variant => #category_ty::#category,)
        });
        let doc_url_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            let url = catalog.doc_url(c.wire);
            quote!(#code_ty::#variant => #url,)
        });
        let from_str_arms = self.codes.iter().map(|c| {
            let (variant, wire) = (&c.variant, wire_string(c.wire));
            quote!(#wire => ::amp_errors::__private::Some(#code_ty::#variant),)
        });
        let category_names = catalog.categories.iter().map(|c| c.value.as_str());
        let category_all = catalog
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let variant = names::category_variant(&c.value, i);
                quote!(#category_ty::#variant)
            })
            .collect::<Vec<_>>();
        let category_count = category_all.len();
        let category_str_arms = catalog.categories.iter().enumerate().map(|(i, c)| {
            let variant = names::category_variant(&c.value, i);
            let name = &c.value;
            quote!(#category_ty::#variant => #name,)
        });
        let infos = self.codes.iter().map(|c| {
            let code = c.code;
            let wire = c.wire;
            let status = code.status.value;
            let category = code.category.as_ref().map_or("", |c| c.value.as_str());
            let retryable = match &code.retryable {
                Retryability::Fixed(true) => quote!(::amp_errors::Retryable::Always),
                Retryability::Fixed(false) => quote!(::amp_errors::Retryable::Never),
                Retryability::Field { name, default } => {
                    let name = &name.value;
                    quote!(::amp_errors::Retryable::Field { name: #name, default: #default })
                }
            };
            let message = &code.message.value.source;
            let doc_url = catalog.doc_url(wire);
            let description = &code.description;
            let cause = &code.cause;
            let resolution = &code.resolution;
            let deprecated = match &code.deprecated {
                Some(note) => quote!(::amp_errors::__private::Some(#note)),
                None => quote!(::amp_errors::__private::None),
            };
            quote! {
                ::amp_errors::CodeInfo {
                    code: #wire,
                    status: #status,
                    category: #category,
                    retryable: #retryable,
                    message: #message,
                    doc_url: #doc_url,
                    description: #description,
                    cause: #cause,
                    resolution: &[#(#resolution),*],
                    deprecated: #deprecated,
                }
            }
        });
        let name = &catalog.name.value;
        let doc_base_url = &catalog.doc_base_url;
        let prefix = match &catalog.request_id_prefix {
            Some(p) => quote!(::amp_errors::__private::Some(#p)),
            None => quote!(::amp_errors::__private::None),
        };
        let retired = catalog.retired.iter().map(|r| r.code.value.as_str());
        let known_code_doc =
            format!(" The code as [`{code_ty}`]; `None` for a code the catalog does not know.");
        let unknown_doc_url = quote! {
            match unknown.doc_url() {
                ::amp_errors::__private::Some(url) => ::amp_errors::__private::Cow::Borrowed(url),
                ::amp_errors::__private::None => ::amp_errors::__private::Cow::Owned(Self::CATALOG.doc_url(unknown.code())),
            }
        };
        quote! {
            impl #ty {
                /// The catalog this type was generated from: every code's status, category, docs.
                pub const CATALOG: &'static ::amp_errors::CatalogInfo = &::amp_errors::CatalogInfo {
                    name: #name,
                    doc_base_url: #doc_base_url,
                    request_id_prefix: #prefix,
                    categories: &[#(#category_names),*],
                    codes: &[#(#infos),*],
                    retired: &[#(#retired),*],
                };

                #(#constructors)*

                /// The wire code (also for codes the catalog does not know).
                pub fn code(&self) -> &str {
                    match self {
                        #(#code_arms)*
                        #ty::#fallback(unknown) => unknown.code(),
                    }
                }

                #[doc = #known_code_doc]
                pub fn known_code(&self) -> ::amp_errors::__private::Option<#code_ty> {
                    match self {
                        #(#known_arms)*
                        #ty::#fallback(_) => ::amp_errors::__private::None,
                    }
                }

                /// The catalog entry of the code; `None` for a code the catalog does not know.
                pub fn info(&self) -> ::amp_errors::__private::Option<&'static ::amp_errors::CodeInfo> {
                    self.known_code().map(#code_ty::info)
                }

                /// The HTTP status as a number (500 for a code the catalog does not know).
                pub fn status_code(&self) -> u16 {
                    match self {
                        #(#status_code_arms)*
                        #ty::#fallback(_) => 500,
                    }
                }

                ::amp_errors::__private::status_method!();

                /// The category; `None` for a code the catalog does not know.
                pub fn category(&self) -> ::amp_errors::__private::Option<#category_ty> {
                    self.known_code().map(#code_ty::category)
                }

                /// Whether a client may retry the request (false for unknown codes).
                pub fn is_retryable(&self) -> bool {
                    match self {
                        #(#retry_arms)*
                        #ty::#fallback(_) => false,
                    }
                }

                /// The documentation link: the catalog's base URL + `#` + code.
                pub fn doc_url(&self) -> ::amp_errors::__private::Cow<'_, str> {
                    match self {
                        #ty::#fallback(unknown) => #unknown_doc_url,
                        _ => match self.known_code() {
                            ::amp_errors::__private::Some(code) => ::amp_errors::__private::Cow::Borrowed(code.doc_url()),
                            ::amp_errors::__private::None => ::amp_errors::__private::Cow::Borrowed(""),
                        },
                    }
                }

                /// The message: the override if set, else the rendered template (sensitive values included).
                pub fn message(&self) -> ::amp_errors::__private::Cow<'_, str> {
                    if let ::amp_errors::__private::Some(::amp_errors::ErrorMeta { message: ::amp_errors::__private::Some(message), .. }) = self.meta() {
                        return ::amp_errors::__private::Cow::Borrowed(message);
                    }
                    match self {
                        #(#message_arms)*
                        #ty::#fallback(unknown) => ::amp_errors::__private::Cow::Borrowed(unknown.message().unwrap_or_default()),
                    }
                }

                /// The common members; `None` for a code the catalog does not know.
                pub fn meta(&self) -> ::amp_errors::__private::Option<&::amp_errors::ErrorMeta> {
                    match self {
                        #(#meta_arms)*
                        #ty::#fallback(_) => ::amp_errors::__private::None,
                    }
                }

                /// The common members, to change; `None` for a code the catalog does not know.
                pub fn meta_mut(&mut self) -> ::amp_errors::__private::Option<&mut ::amp_errors::ErrorMeta> {
                    match self {
                        #(#meta_arms)*
                        #ty::#fallback(_) => ::amp_errors::__private::None,
                    }
                }

                /// The `param` member.
                pub fn param(&self) -> ::amp_errors::__private::Option<&str> {
                    match self {
                        #ty::#fallback(unknown) => unknown.param(),
                        _ => self.meta().and_then(|m| m.param.as_deref()),
                    }
                }

                /// The `request_id` member.
                pub fn request_id(&self) -> ::amp_errors::__private::Option<&str> {
                    match self {
                        #ty::#fallback(unknown) => unknown.request_id(),
                        _ => self.meta().and_then(|m| m.request_id.as_deref()),
                    }
                }

                /// Replaces the message (no effect on a code the catalog does not know).
                #[must_use]
                pub fn with_message(mut self, message: impl ::core::convert::Into<::amp_errors::__private::Cow<'static, str>>) -> Self {
                    if let ::amp_errors::__private::Some(meta) = self.meta_mut() {
                        meta.message = ::amp_errors::__private::Some(message.into());
                    }
                    self
                }

                /// Sets `param` (no effect on a code the catalog does not know).
                #[must_use]
                pub fn with_param(mut self, param: impl ::core::convert::Into<::amp_errors::__private::String>) -> Self {
                    if let ::amp_errors::__private::Some(meta) = self.meta_mut() {
                        meta.param = ::amp_errors::__private::Some(param.into());
                    }
                    self
                }

                /// Sets `request_id` (no effect on a code the catalog does not know).
                #[must_use]
                pub fn with_request_id(mut self, request_id: impl ::core::convert::Into<::amp_errors::__private::String>) -> Self {
                    if let ::amp_errors::__private::Some(meta) = self.meta_mut() {
                        meta.request_id = ::amp_errors::__private::Some(request_id.into());
                    }
                    self
                }

                /// Sets the underlying cause: `Error::source` returns it; it is never serialized
                /// nor shown by `Display` (no effect on a code the catalog does not know).
                #[must_use]
                pub fn with_source(mut self, source: impl ::core::convert::Into<::amp_errors::__private::Box<dyn ::amp_errors::__private::Error + Send + Sync + 'static>>) -> Self {
                    if let ::amp_errors::__private::Some(meta) = self.meta_mut() {
                        meta.source = ::amp_errors::__private::Some(::std::sync::Arc::from(source.into()));
                    }
                    self
                }

                /// Every code's example instance from the catalog, in catalog order.
                pub fn examples() -> ::amp_errors::__private::Vec<Self> {
                    #code_ty::ALL.iter().map(|code| code.example()).collect()
                }

                #[doc(hidden)]
                pub fn __amp_errors_fmt_message(&self, f: &mut ::amp_errors::__private::fmt::Formatter<'_>, redact: bool) -> ::amp_errors::__private::fmt::Result {
                    let _ = redact;
                    match self {
                        #(#fmt_arms)*
                        #ty::#fallback(unknown) => f.write_str(unknown.message().unwrap_or_default()),
                    }
                }
            }

            impl #code_ty {
                /// Every code, in catalog order.
                pub const ALL: [#code_ty; #code_count] = [#(#all),*];

                /// The wire code.
                pub const fn as_str(self) -> &'static str {
                    match self {
                        #(#as_str_arms)*
                    }
                }

                /// The HTTP status as a number.
                pub const fn status_code(self) -> u16 {
                    match self {
                        #(#status_arms)*
                    }
                }

                ::amp_errors::__private::status_method!();

                /// The category.
                pub const fn category(self) -> #category_ty {
                    match self {
                        #(#category_arms)*
                    }
                }

                /// The documentation link.
                pub const fn doc_url(self) -> &'static str {
                    match self {
                        #(#doc_url_arms)*
                    }
                }

                /// Everything the catalog says about the code.
                pub fn info(self) -> &'static ::amp_errors::CodeInfo {
                    &#ty::CATALOG.codes[self as usize]
                }

                /// The catalog's example instance of the code.
                pub fn example(self) -> #ty {
                    match self {
                        #(#examples)*
                    }
                }

                /// The code of a wire string, if the catalog knows it.
                pub fn from_wire(code: &str) -> ::amp_errors::__private::Option<Self> {
                    match code {
                        #(#from_str_arms)*
                        _ => ::amp_errors::__private::None,
                    }
                }
            }

            impl ::amp_errors::__private::FromStr for #code_ty {
                type Err = ::amp_errors::UnknownCode;
                fn from_str(code: &str) -> ::amp_errors::__private::Result<Self, Self::Err> {
                    #code_ty::from_wire(code).ok_or_else(|| ::amp_errors::UnknownCode(::amp_errors::__private::String::from(code)))
                }
            }

            impl ::amp_errors::__private::fmt::Display for #code_ty {
                fn fmt(&self, f: &mut ::amp_errors::__private::fmt::Formatter<'_>) -> ::amp_errors::__private::fmt::Result {
                    f.pad(self.as_str())
                }
            }

            impl #category_ty {
                /// Every category, in catalog order.
                pub const ALL: [#category_ty; #category_count] = [#(#category_all),*];

                /// The category's name as the catalog writes it.
                pub const fn as_str(self) -> &'static str {
                    match self {
                        #(#category_str_arms)*
                    }
                }
            }

            impl ::amp_errors::__private::fmt::Display for #category_ty {
                fn fmt(&self, f: &mut ::amp_errors::__private::fmt::Formatter<'_>) -> ::amp_errors::__private::fmt::Result {
                    f.pad(self.as_str())
                }
            }
        }
    }

    fn trait_impls(&self) -> TokenStream {
        let Ctx {
            ty,
            code_ty,
            fallback,
            ..
        } = self;
        let debug_arms = self.codes.iter().map(|c| {
            let pattern = self.pattern(c);
            let name = c.variant.to_string();
            let wire = c.wire;
            let fields = c.fields.iter().map(|f| {
                let (ident, wire) = (&f.local, f.wire);
                if f.field.sensitive {
                    quote!(s.field(#wire, &::amp_errors::__private::Redacted);)
                } else {
                    quote!(s.field(#wire, #ident);)
                }
            });
            quote! {
                #pattern => {
                    let mut s = f.debug_struct(#name);
                    s.field("code", &#wire);
                    #(#fields)*
                    if let ::amp_errors::__private::Some(message) = &meta.message {
                        s.field("message", message);
                    }
                    if let ::amp_errors::__private::Some(param) = &meta.param {
                        s.field("param", param);
                    }
                    if let ::amp_errors::__private::Some(request_id) = &meta.request_id {
                        s.field("request_id", request_id);
                    }
                    s.finish()
                }
            }
        });
        let eq_arms = self.codes.iter().map(|c| {
            let variant = &c.variant;
            let left = c.fields.iter().map(|f| format_ident!("l_{}", f.ident.to_string().trim_start_matches("r#")));
            let right = c.fields.iter().map(|f| format_ident!("r_{}", f.ident.to_string().trim_start_matches("r#")));
            let idents: Vec<_> = c.fields.iter().map(|f| &f.ident).collect();
            let (l2, r2) = (left.clone(), right.clone());
            quote! {
                (
                    #ty::#variant { #(#idents: #left,)* meta: l_meta },
                    #ty::#variant { #(#idents: #right,)* meta: r_meta },
                ) => true #(&& #l2 == #r2)* && l_meta.wire_eq(r_meta) && self.message() == other.message(),
            }
        });
        quote! {
            impl ::amp_errors::__private::fmt::Display for #ty {
                /// The message, with sensitive values redacted. `{:#}` prefixes the code
                /// and appends the request id, for logs.
                fn fmt(&self, f: &mut ::amp_errors::__private::fmt::Formatter<'_>) -> ::amp_errors::__private::fmt::Result {
                    if f.alternate() {
                        f.write_str(self.code())?;
                        f.write_str(": ")?;
                    }
                    self.__amp_errors_fmt_message(f, true)?;
                    if f.alternate() {
                        if let ::amp_errors::__private::Some(request_id) = self.request_id() {
                            f.write_str(" (request_id: ")?;
                            f.write_str(request_id)?;
                            f.write_str(")")?;
                        }
                    }
                    ::amp_errors::__private::Ok(())
                }
            }

            impl ::amp_errors::__private::fmt::Debug for #ty {
                fn fmt(&self, f: &mut ::amp_errors::__private::fmt::Formatter<'_>) -> ::amp_errors::__private::fmt::Result {
                    match self {
                        #(#debug_arms)*
                        #ty::#fallback(unknown) => f.debug_tuple(::core::stringify!(#fallback)).field(unknown).finish(),
                    }
                }
            }

            impl ::amp_errors::__private::Error for #ty {
                fn source(&self) -> ::amp_errors::__private::Option<&(dyn ::amp_errors::__private::Error + 'static)> {
                    self.meta().and_then(::amp_errors::__private::source)
                }
            }

            impl ::amp_errors::__private::PartialEq for #ty {
                fn eq(&self, other: &Self) -> bool {
                    match (self, other) {
                        #(#eq_arms)*
                        (#ty::#fallback(l), #ty::#fallback(r)) => l == r,
                        _ => false,
                    }
                }
            }

            impl ::amp_errors::CatalogError for #ty {
                type Code = #code_ty;
                const CATALOG: &'static ::amp_errors::CatalogInfo = #ty::CATALOG;
                fn code(&self) -> &str { #ty::code(self) }
                fn known_code(&self) -> ::amp_errors::__private::Option<#code_ty> { #ty::known_code(self) }
                fn info(&self) -> ::amp_errors::__private::Option<&'static ::amp_errors::CodeInfo> { #ty::info(self) }
                fn status_code(&self) -> u16 { #ty::status_code(self) }
                fn is_retryable(&self) -> bool { #ty::is_retryable(self) }
                fn doc_url(&self) -> ::amp_errors::__private::Cow<'_, str> { #ty::doc_url(self) }
                fn message(&self) -> ::amp_errors::__private::Cow<'_, str> { #ty::message(self) }
                fn param(&self) -> ::amp_errors::__private::Option<&str> { #ty::param(self) }
                fn request_id(&self) -> ::amp_errors::__private::Option<&str> { #ty::request_id(self) }
                fn from_unknown(unknown: ::amp_errors::UnknownError) -> Self { #ty::#fallback(unknown) }
            }

            impl ::amp_errors::__private::serde::Serialize for #code_ty {
                fn serialize<S: ::amp_errors::__private::serde::Serializer>(&self, serializer: S) -> ::amp_errors::__private::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        }
    }

    fn serialize(&self) -> TokenStream {
        let Ctx {
            ty,
            fallback,
            catalog,
            ..
        } = self;
        let arms = self.codes.iter().map(|c| {
            let pattern = self.pattern(c);
            let wire = c.wire;
            let doc_url = catalog.doc_url(wire);
            let optional_count = c.fields.iter().filter(|f| !f.field.required).map(|f| {
                let ident = &f.local;
                quote!(+ #ident.is_some() as usize)
            });
            let fixed = 3 + c.fields.iter().filter(|f| f.field.required).count();
            let message = match c.code.message.value.as_literal() {
                Some(text) => quote! {
                    map.serialize_entry("message", meta.message.as_deref().unwrap_or(#text))?;
                },
                None => {
                    let render = self.render(c);
                    quote! {
                        match &meta.message {
                            ::amp_errors::__private::Some(message) => map.serialize_entry("message", message)?,
                            ::amp_errors::__private::None => map.serialize_entry(
                                "message",
                                &::amp_errors::__private::Rendered(|f: &mut ::amp_errors::__private::fmt::Formatter<'_>| {
                                    let redact = false;
                                    let _ = redact;
                                    #render
                                    ::amp_errors::__private::Ok(())
                                }),
                            )?,
                        }
                    }
                }
            };
            let fields = c.fields.iter().map(|f| {
                let (ident, wire) = (&f.local, f.wire);
                if f.field.required {
                    quote!(map.serialize_entry(#wire, #ident)?;)
                } else {
                    quote!(::amp_errors::__private::entry_if(&mut map, #wire, #ident.as_ref())?;)
                }
            });
            quote! {
                #pattern => {
                    let len = #fixed #(#optional_count)* + meta.param.is_some() as usize + meta.request_id.is_some() as usize;
                    let mut map = serializer.serialize_map(::amp_errors::__private::Some(len))?;
                    map.serialize_entry("code", #wire)?;
                    #message
                    ::amp_errors::__private::entry_if(&mut map, "param", meta.param.as_ref())?;
                    #(#fields)*
                    map.serialize_entry("doc_url", #doc_url)?;
                    ::amp_errors::__private::entry_if(&mut map, "request_id", meta.request_id.as_ref())?;
                    map.end()
                }
            }
        });
        quote! {
            impl ::amp_errors::__private::serde::Serialize for #ty {
                fn serialize<S: ::amp_errors::__private::serde::Serializer>(&self, serializer: S) -> ::amp_errors::__private::Result<S::Ok, S::Error> {
                    use ::amp_errors::__private::serde::ser::SerializeMap as _;
                    match self {
                        #(#arms)*
                        #ty::#fallback(unknown) => ::amp_errors::__private::serde::Serialize::serialize(unknown, serializer),
                    }
                }
            }
        }
    }

    fn deserialize(&self) -> TokenStream {
        let Ctx {
            ty,
            code_ty,
            fallback,
            ..
        } = self;
        let readers = self.codes.iter().map(|c| {
            let reader = format_ident!("__read_{}", c.wire);
            let variant = &c.variant;
            let slots = c.fields.iter().map(|f| {
                let ident = &f.local;
                let inner = types::rust_type(self.catalog, &f.field.ty.value);
                quote!(let mut #ident: ::amp_errors::__private::Option<#inner> = ::amp_errors::__private::None;)
            });
            let pending_arms = c.fields.iter().map(|f| {
                let (ident, wire) = (&f.local, f.wire);
                quote!(#wire => #ident = ::amp_errors::__private::from_value::<_, A::Error>(value)?,)
            });
            let live_arms = c.fields.iter().map(|f| {
                let (ident, wire) = (&f.local, f.wire);
                quote!(#wire => #ident = map.next_value()?,)
            });
            let finish = c.fields.iter().map(|f| {
                let (ident, wire) = (&f.local, f.wire);
                if f.field.required {
                    quote!(let #ident = #ident.ok_or_else(|| ::amp_errors::__private::missing_field::<A::Error>(#wire))?;)
                } else {
                    TokenStream::new()
                }
            });
            let idents = c.fields.iter().map(|f| &f.ident);
            let locals = c.fields.iter().map(|f| &f.local);
            quote! {
                fn #reader<'de, A: ::amp_errors::__private::serde::de::MapAccess<'de>>(
                    mut map: A,
                    pending: ::amp_errors::__private::Pending<'de>,
                ) -> ::amp_errors::__private::Result<#ty, A::Error> {
                    let mut meta = ::amp_errors::ErrorMeta::default();
                    #(#slots)*
                    for (key, value) in pending {
                        match &*key {
                            #(#pending_arms)*
                            _ => ::amp_errors::__private::pending_meta::<A::Error>(&mut meta, &key, value)?,
                        }
                    }
                    while let ::amp_errors::__private::Some(key) = map.next_key::<::amp_errors::__private::Key<'de>>()? {
                        match key.as_str() {
                            #(#live_arms)*
                            other => ::amp_errors::__private::meta_entry(&mut meta, other, &mut map)?,
                        }
                    }
                    #(#finish)*
                    ::amp_errors::__private::Ok(#ty::#variant { #(#idents: #locals,)* meta })
                }
            }
        });
        let dispatch = self.codes.iter().map(|c| {
            let reader = format_ident!("__read_{}", c.wire);
            let variant = &c.variant;
            quote!(::amp_errors::__private::Some(#code_ty::#variant) => #reader(map, pending),)
        });
        let expecting = format!("a {} error object with a `code`", self.catalog.name.value);
        quote! {
            #(#readers)*

            impl<'de> ::amp_errors::__private::serde::Deserialize<'de> for #ty {
                fn deserialize<D: ::amp_errors::__private::serde::Deserializer<'de>>(deserializer: D) -> ::amp_errors::__private::Result<Self, D::Error> {
                    struct ErrorVisitor;
                    impl<'de> ::amp_errors::__private::serde::de::Visitor<'de> for ErrorVisitor {
                        type Value = #ty;
                        fn expecting(&self, f: &mut ::amp_errors::__private::fmt::Formatter<'_>) -> ::amp_errors::__private::fmt::Result {
                            f.write_str(#expecting)
                        }
                        fn visit_map<A: ::amp_errors::__private::serde::de::MapAccess<'de>>(self, mut map: A) -> ::amp_errors::__private::Result<#ty, A::Error> {
                            let mut pending = ::amp_errors::__private::Pending::new();
                            let ::amp_errors::__private::Some(code) = ::amp_errors::__private::read_until_code(&mut map, &mut pending)? else {
                                return ::amp_errors::__private::Err(::amp_errors::__private::missing_code::<A::Error>());
                            };
                            match #code_ty::from_wire(&code) {
                                #(#dispatch)*
                                _ => ::amp_errors::__private::read_unknown(map, pending, code).map(#ty::#fallback),
                            }
                        }
                    }
                    deserializer.deserialize_map(ErrorVisitor)
                }
            }

            impl<'de> ::amp_errors::__private::serde::Deserialize<'de> for #code_ty {
                fn deserialize<D: ::amp_errors::__private::serde::Deserializer<'de>>(deserializer: D) -> ::amp_errors::__private::Result<Self, D::Error> {
                    let code = <::amp_errors::__private::Key<'de> as ::amp_errors::__private::serde::Deserialize<'de>>::deserialize(deserializer)?;
                    #code_ty::from_wire(code.as_str()).ok_or_else(|| {
                        <D::Error as ::amp_errors::__private::serde::de::Error>::custom(::amp_errors::UnknownCode(::amp_errors::__private::String::from(code.as_str())))
                    })
                }
            }
        }
    }
}
