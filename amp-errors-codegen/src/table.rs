//! The static catalog table (`AmpError::CATALOG`): every code's status,
//! category, retryability, template and docs, which the code enum's
//! accessors read instead of matching.

use amp_errors_catalog::validate::is_violation_list;
use amp_errors_catalog::{Field, HttpAnswer, Located, ObjectType, Retryability};
use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};

use crate::plan::{Plan, PlannedCode};
use crate::tokens::{self, Moved, OptionExpr, lit, moved};

/// `pub const CATALOG`, as an item of the error enum's impl.
pub fn catalog_const(plan: &Plan<'_>) -> TokenStream {
    let Plan { catalog, rt, .. } = plan;
    let mut lits = tokens::Lits::default();
    let infos = tokens::comma_separated(plan.codes.iter().map(|code| code_info(code, &mut lits)));
    let name = &catalog.name.value;
    let doc_base_url = &catalog.doc_base_url;
    let prefix = option(catalog.request_id_prefix.as_deref());
    let categories = catalog.categories.iter().map(|c| c.value.as_str());
    let retired = catalog.retired.iter().map(|r| r.code.value.as_str());
    let types = catalog.types.iter().map(|t| type_info(rt, t));
    let http = catalog.http.iter().map(|answer| http_answer(plan, answer));
    quote! {
        /// The catalog this type was generated from: every code's status, category, docs.
        pub const CATALOG: &'static #rt::CatalogInfo = &#rt::catalog_info(
            #name,
            #doc_base_url,
            #prefix,
            &[#(#categories),*],
            &[#infos],
            &[#(#retired),*],
            &[#(#types),*],
            &[#(#http),*],
        );
    }
}

/// An `http_answer(...)` entry: the code that answers one HTTP failure, and
/// its field that lists a body's rejected members, as the catalog's rule
/// (`validate::is_violation_list`) finds it.
fn http_answer(plan: &Plan<'_>, answer: &HttpAnswer) -> TokenStream {
    let rt = &plan.rt;
    let failure = format_ident!("{}", format!("{:?}", answer.failure.value));
    let code = &answer.code.value;
    let violations = plan
        .catalog
        .codes
        .iter()
        .find(|c| c.code.value == *code)
        .and_then(|c| c.fields.iter().find(|f| is_violation_list(plan.catalog, f)))
        .map(|f| f.name.value.as_str());
    let violations = option(violations);
    quote!(#rt::http_answer(#rt::HttpFailure::#failure, #code, #violations))
}

fn code_info(planned: &PlannedCode<'_>, lits: &mut tokens::Lits) -> TokenStream {
    let code = planned.code;
    let wire = moved(planned.wire_lit.clone());
    let status = Literal::u16_unsuffixed(code.status.value);
    let category = moved(lits.get(code.category.as_ref().map_or("", |c| c.value.as_str())));
    let retryable = match &code.retryable {
        Retryability::Fixed(true) => quote!(Retryable::Always),
        Retryability::Fixed(false) => quote!(Retryable::Never),
        Retryability::Field { name, default } => {
            let name = moved(lit(&name.value));
            quote!(Retryable::Field { name: #name, default: #default })
        }
    };
    let message = moved(lit(&code.message.value.source));
    let doc_url = moved(lit(&planned.doc_url));
    let description = moved(lit(&code.description));
    let cause = moved(lit(&code.cause));
    let resolution = tokens::bracketed_list(
        code.resolution
            .iter()
            .map(|step| TokenTree::Literal(lit(step))),
    );
    let retryable = moved(retryable);
    let deprecated = moved(option(code.deprecated.as_deref()));
    let fields = planned.fields.iter().map(|f| {
        FieldInfo(
            &f.wire_lit,
            f.field,
            moved(lits.get(&f.json_type().to_string())),
        )
    });
    quote! {
        code_info(
            #wire,
            #status,
            #category,
            #retryable,
            #message,
            #doc_url,
            #description,
            #cause,
            &#resolution,
            #deprecated,
            &[#(#fields),*],
        )
    }
}

/// A field's `field_info(...)` entry, written straight into the stream
/// that holds it: its wire name (as a literal), the field, and its JSON
/// type's name (as a literal).
struct FieldInfo<'a>(&'a Literal, &'a Field, Moved<Literal>);

impl ToTokens for FieldInfo<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let FieldInfo(wire, field, ref json_type) = *self;
        let (required, sensitive) = (field.required, field.sensitive);
        let bound = |bound: &Option<Located<i64>>| {
            OptionExpr(bound.as_ref().map(|b| Literal::i64_unsuffixed(b.value)))
        };
        let (minimum, maximum) = (bound(&field.minimum), bound(&field.maximum));
        let arguments = quote!(#wire, #required, #sensitive, #json_type, #minimum, #maximum);
        tokens.extend([tokens::ident("field_info"), tokens::paren(arguments)]);
    }
}

/// A named type's `type_info(...)` entry.
fn type_info(rt: &TokenStream, ty: &ObjectType) -> TokenStream {
    let name = &ty.name.value;
    let values = match &ty.values {
        Some(values) => {
            let values = values.iter().map(|v| v.value.as_str());
            quote!(Some(&[#(#values),*]))
        }
        None => quote!(None),
    };
    let wires: Vec<Literal> = ty.fields.iter().map(|f| lit(&f.name.value)).collect();
    let fields = wires
        .iter()
        .zip(&ty.fields)
        .map(|(wire, field)| FieldInfo(wire, field, moved(lit(&field.ty.value.to_string()))));
    quote!(#rt::type_info(#name, #values, &[#(#fields),*]))
}

/// `Some("text")` or `None`.
pub fn option(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => {
            let text = moved(lit(text));
            quote!(Some(#text))
        }
        None => quote!(None),
    }
}
