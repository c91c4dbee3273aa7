//! Constructors (one per code, taking its required fields), the `with_*`
//! setters of the common members, and a `with_<field>` builder per optional
//! field, so that setting one never needs a struct literal (which breaks the
//! day the catalog gains a field).

use amp_errors_catalog::FieldType;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::names;
use crate::plan::{Plan, PlannedCode, PlannedField};
use crate::tokens::{self, Init};
use crate::types;

/// The constructors and setters, as methods of the error enum.
pub fn constructors(plan: &Plan<'_>) -> TokenStream {
    // Built once and copied into each constructor (sharing their groups).
    let common = Common {
        must_use: quote!(#[must_use]),
        default_meta: quote!(meta: Default::default(),),
    };
    let constructors = tokens::join(
        plan.codes
            .iter()
            .map(|code| constructor(plan, code, &common)),
    );
    let setters = setters(plan);
    let builders = builders(plan);
    quote! {
        #constructors
        #setters
        #builders
    }
}

/// A parameter taking a value of `f`, and the expression that stores it
/// (checked against bounds the Rust type does not carry, with `?`); `None`
/// when that is the parameter as it is.
fn parameter(plan: &Plan<'_>, f: &PlannedField<'_>) -> (TokenStream, Option<TokenStream>) {
    let rt = &plan.rt;
    let ident = &f.ident;
    if *f.json_type() == FieldType::String {
        return (
            quote!(#ident: impl Into<String>),
            Some(quote!(#ident.into())),
        );
    }
    let value_ty = &f.value_ty;
    match types::extra_bounds(f.field) {
        Some((minimum, maximum)) => {
            let wire = f.wire;
            (
                quote!(#ident: #value_ty),
                Some(quote!(#rt::OutOfRange::check(#wire, #ident, #minimum, #maximum)?)),
            )
        }
        None => (quote!(#ident: #value_ty), None),
    }
}

/// `Self` or, when a value may be out of range, `Result<Self, OutOfRange>`.
fn fallible(plan: &Plan<'_>, checked: bool, value: TokenStream) -> (TokenStream, TokenStream) {
    let rt = &plan.rt;
    if checked {
        // `(value)`: a group of the value's own stream, not a copy of it.
        let value = tokens::paren(value);
        (quote!(Result<Self, #rt::OutOfRange>), quote!(Ok #value))
    } else {
        (quote!(Self), value)
    }
}

/// What every constructor holds.
struct Common {
    /// `#[must_use]`.
    must_use: TokenStream,
    /// `meta: Default::default(),`: no common member set.
    default_meta: TokenStream,
}

fn constructor(plan: &Plan<'_>, code: &PlannedCode<'_>, common: &Common) -> TokenStream {
    let Plan { ty, .. } = plan;
    let Common {
        must_use,
        default_meta,
    } = common;
    let PlannedCode {
        constructor,
        variant,
        deprecated,
        ..
    } = code;
    let mut params = Vec::new();
    let mut checked = false;
    let idents = code.fields.iter().map(|f| &f.ident);
    let inits: Vec<_> = code
        .fields
        .iter()
        .map(|f| {
            if !f.field.required {
                return tokens::moved(Init::None);
            }
            let (param, value) = parameter(plan, f);
            checked |= types::extra_bounds(f.field).is_some();
            params.push(param);
            tokens::moved(value.map_or(Init::Shorthand, Init::Value))
        })
        .collect();
    let params = tokens::comma_separated(params);
    let mut doc = format!(
        " The `{}` error ({}) with its required fields; optional fields start empty.",
        code.wire, code.code.status.value
    );
    if checked {
        doc.push_str(" Fails when a value is outside its field's bounds.");
    }
    let (returns, body) = fallible(
        plan,
        checked,
        quote! {
            #ty::#variant {
                #(#idents #inits,)*
                #default_meta
            }
        },
    );
    // `{ body }`: a group of the body's own stream, not a copy of it.
    let (returns, body) = (tokens::moved(returns), tokens::brace(body));
    let doc = tokens::moved(tokens::doc_lit(&doc));
    quote! {
        #[doc = #doc]
        #must_use
        #deprecated
        pub fn #constructor(#params) -> #returns #body
    }
}

fn setters(plan: &Plan<'_>) -> TokenStream {
    let rt = &plan.rt;
    quote! {
        /// Replaces the message (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_message(mut self, message: impl #rt::Into<Cow<'static, str>>) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.message = Some(message.into()));
            self
        }

        /// Sets `param` (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_param(mut self, param: impl #rt::Into<String>) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.param = Some(param.into()));
            self
        }

        /// Sets `request_id` (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_request_id(mut self, request_id: impl #rt::Into<String>) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.request_id = Some(request_id.into()));
            self
        }

        /// Sets the underlying cause: `Error::source` returns it; it is never serialized
        /// nor shown by `Display` (no effect on a code the catalog does not know).
        #[must_use]
        pub fn with_source(
            mut self,
            source: impl #rt::Into<#rt::Box<dyn #rt::Error + #rt::Send + #rt::Sync + 'static>>,
        ) -> Self {
            #rt::set_meta(self.meta_mut(), |meta| meta.source = Some(#rt::into_source(source.into())));
            self
        }
    }
}

/// A code and one of its fields.
type Member<'a> = (&'a PlannedCode<'a>, &'a PlannedField<'a>);

/// One `with_<field>` per optional field name. Codes that share the name and
/// the type share the builder; where two codes give one name two types, or
/// the name is taken, each code gets `with_<code>_<field>`.
fn builders(plan: &Plan<'_>) -> TokenStream {
    let mut groups: Vec<(&str, String, Vec<Member<'_>>)> = Vec::new();
    for code in &plan.codes {
        for f in code.fields.iter().filter(|f| !f.field.required) {
            let ty = f.value_ty.to_string();
            match groups.iter_mut().find(|(name, _, _)| *name == f.wire) {
                Some((_, group_ty, members)) if *group_ty == ty => members.push((code, f)),
                Some((_, group_ty, _)) => group_ty.clear(),
                None => groups.push((f.wire, ty, vec![(code, f)])),
            }
        }
    }
    let mut out = TokenStream::new();
    for (name, ty, members) in &groups {
        let shared = format!("with_{name}");
        if !ty.is_empty() && !names::GENERATED_METHODS.contains(&shared.as_str()) {
            out.extend(builder(plan, &format_ident!("{}", shared), members));
        } else {
            for code in plan.codes.iter() {
                if let Some(f) = code
                    .fields
                    .iter()
                    .find(|f| f.wire == *name && !f.field.required)
                {
                    let ident = format_ident!("with_{}_{}", code.wire, name);
                    out.extend(builder(plan, &ident, &[(code, f)]));
                }
            }
        }
    }
    out
}

/// `fn with_<field>(self, value)`: sets the field on the codes in `members`.
fn builder(
    plan: &Plan<'_>,
    name: &Ident,
    members: &[(&PlannedCode<'_>, &PlannedField<'_>)],
) -> TokenStream {
    let ty = &plan.ty;
    let (_, first) = members[0];
    let (param, value) = parameter(plan, first);
    let value = value.unwrap_or_else(|| {
        let ident = &first.ident;
        quote!(#ident)
    });
    let patterns = tokens::or_pattern(members.iter().map(|(code, f)| {
        let (variant, field) = (&code.variant, &f.ident);
        quote!(#ty::#variant { #field: slot, .. })
    }));
    let codes: Vec<String> = members
        .iter()
        .map(|(code, _)| format!("`{}`", code.wire))
        .collect();
    let checked = types::extra_bounds(first.field).is_some();
    let mut doc = format!(
        " Sets `{}` on {} (no effect on other codes).",
        first.wire,
        codes.join(", ")
    );
    if checked {
        doc.push_str(" Fails when the value is outside the field's bounds.");
    }
    let (returns, body) = fallible(plan, checked, quote!(self));
    let (returns, body) = (tokens::moved(returns), tokens::moved(body));
    let (param, value) = (tokens::moved(param), tokens::moved(value));
    let doc = tokens::moved(tokens::doc_lit(&doc));
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #name(mut self, #param) -> #returns {
            if let #patterns = &mut self {
                *slot = Some(#value);
            }
            #body
        }
    }
}
