//! `Error`, `PartialEq` and the runtime's `CatalogError` trait.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::message;
use crate::plan::{Plan, PlannedCode};
use crate::tokens;

/// `impl Error`: the source set with `with_source`.
pub fn error_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan { rt, ty, .. } = plan;
    quote! {
        impl #rt::Error for #ty {
            fn source(&self) -> Option<&(dyn #rt::Error + 'static)> {
                #rt::source(self.meta())
            }
        }
    }
}

/// `impl PartialEq`: equal on the wire. Same code, same fields, same `param`
/// and `request_id`, and the same message however it was made (an override
/// equal to the rendered template is equal to none); the source is not compared.
pub fn partial_eq_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt, ty, fallback, ..
    } = plan;
    // The bindings `l0`, `r0`, … named once, for the code with the most fields.
    let most = plan.codes.iter().map(|c| c.fields.len()).max().unwrap_or(0);
    let left: Vec<_> = (0..most).map(|i| format_ident!("l{i}")).collect();
    let right: Vec<_> = (0..most).map(|i| format_ident!("r{i}")).collect();
    let arms = tokens::join(
        plan.codes_with_fields()
            .map(|code| fields_eq_arm(plan, code, &left, &right)),
    );
    quote! {
        impl #rt::PartialEq for #ty {
            fn eq(&self, other: &Self) -> bool {
                let same_fields = match (self, other) {
                    #arms
                    (#ty::#fallback(l), #ty::#fallback(r)) => return l == r,
                    _ => self.known_code() == other.known_code(),
                };
                same_fields
                    && #rt::meta_eq(self.meta(), other.meta())
                    && self.unredacted_message() == other.unredacted_message()
            }
        }
    }
}

fn fields_eq_arm(
    plan: &Plan<'_>,
    code: &PlannedCode<'_>,
    left: &[Ident],
    right: &[Ident],
) -> TokenStream {
    let ty = &plan.ty;
    let variant = &code.variant;
    let idents: Vec<_> = code.fields.iter().map(|f| &f.ident).collect();
    let (left, right) = (&left[..idents.len()], &right[..idents.len()]);
    quote! {
        (#ty::#variant { #(#idents: #left,)* .. }, #ty::#variant { #(#idents: #right,)* .. }) => {
            #(#left == #right)&&*
        }
    }
}

/// `impl CatalogError`: the inherent methods, for code generic over catalogs.
pub fn catalog_error_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt,
        ty,
        code_ty,
        fallback,
        ..
    } = plan;
    let write_template = message::write_template(plan, quote!(self));
    quote! {
        impl #rt::CatalogError for #ty {
            type Code = #code_ty;
            const CATALOG: &'static #rt::CatalogInfo = #ty::CATALOG;
            fn code(&self) -> &str { #ty::code(self) }
            fn known_code(&self) -> Option<#code_ty> { #ty::known_code(self) }
            fn info(&self) -> Option<&'static #rt::CodeInfo> { #ty::info(self) }
            fn status_code(&self) -> u16 { #ty::status_code(self) }
            fn is_retryable(&self) -> bool { #ty::is_retryable(self) }
            fn doc_url(&self) -> Cow<'_, str> { #ty::doc_url(self) }
            fn message(&self) -> Cow<'_, str> { #ty::message(self) }
            fn param(&self) -> Option<&str> { #ty::param(self) }
            fn request_id(&self) -> Option<&str> { #ty::request_id(self) }
            fn from_unknown(unknown: #rt::UnknownError) -> Self { #ty::#fallback(unknown) }
            fn response_headers(&self) -> Vec<(&'static str, String)> { #ty::response_headers(self) }
            fn meta_mut(&mut self) -> Option<&mut #rt::ErrorMeta> { #ty::meta_mut(self) }
            fn write_template(&self, m: &mut fmt::Message) { #write_template }
            fn read_text(text: &str, start: usize) -> Result<(Self, usize), de::Error> {
                de::read_error_text(text, start, read)
            }
            fn set_request_id(&mut self, request_id: String) {
                #rt::set_meta(self.meta_mut(), |meta| meta.request_id = Some(request_id));
            }
        }

        // An axum response, when amp-errors' `axum` feature is on.
        #rt::axum_response!(#ty, #rt);
    }
}
