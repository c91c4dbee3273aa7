//! The static catalog table (`AmpError::CATALOG`): every code's status,
//! category, retryability, template and docs, which the code enum's
//! accessors read instead of matching.

use amp_errors_catalog::Retryability;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::plan::{Plan, PlannedCode};

/// `pub const CATALOG`, as an item of the error enum's impl.
pub fn catalog_const(plan: &Plan<'_>) -> TokenStream {
    let Plan { catalog, rt, .. } = plan;
    let infos = plan.codes.iter().map(|code| code_info(plan, code));
    let name = &catalog.name.value;
    let doc_base_url = &catalog.doc_base_url;
    let prefix = option(catalog.request_id_prefix.as_deref());
    let categories = catalog.categories.iter().map(|c| c.value.as_str());
    let retired = catalog.retired.iter().map(|r| r.code.value.as_str());
    quote! {
        /// The catalog this type was generated from: every code's status, category, docs.
        pub const CATALOG: &'static #rt::CatalogInfo = &#rt::catalog_info(
            #name,
            #doc_base_url,
            #prefix,
            &[#(#categories),*],
            &[#(#infos),*],
            &[#(#retired),*],
        );
    }
}

fn code_info(plan: &Plan<'_>, planned: &PlannedCode<'_>) -> TokenStream {
    let rt = &plan.rt;
    let code = planned.code;
    let wire = planned.wire;
    let status = Literal::u16_unsuffixed(code.status.value);
    let category = code.category.as_ref().map_or("", |c| c.value.as_str());
    let retryable = match &code.retryable {
        Retryability::Fixed(true) => quote!(#rt::Retryable::Always),
        Retryability::Fixed(false) => quote!(#rt::Retryable::Never),
        Retryability::Field { name, default } => {
            let name = &name.value;
            quote!(#rt::Retryable::Field { name: #name, default: #default })
        }
    };
    let message = &code.message.value.source;
    let doc_url = plan.catalog.code_doc_url(code);
    let description = &code.description;
    let cause = &code.cause;
    let resolution = &code.resolution;
    let deprecated = option(code.deprecated.as_deref());
    let fields = planned.fields.iter().map(|f| {
        let (wire, required, sensitive) = (f.wire, f.field.required, f.field.sensitive);
        quote!(#rt::field_info(#wire, #required, #sensitive))
    });
    quote! {
        #rt::code_info(
            #wire,
            #status,
            #category,
            #retryable,
            #message,
            #doc_url,
            #description,
            #cause,
            &[#(#resolution),*],
            #deprecated,
            &[#(#fields),*],
        )
    }
}

/// `Some("text")` or `None`.
pub fn option(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}
