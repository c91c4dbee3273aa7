//! `Display` and `Debug` of the error enum; [`debug_field`] is the one place
//! that decides how a field shows in `Debug` (sensitive ones redacted).

use proc_macro2::{Literal, Punct, Spacing, TokenStream, TokenTree};
use quote::{ToTokens, quote};

use crate::message;
use crate::plan::{Plan, PlannedCode};
use crate::tokens;

/// `.field("name", value)`, or the redaction marker for a sensitive field:
/// written straight into the stream that holds it.
pub fn debug_field<'a, V: ToTokens>(
    rt: &'a TokenStream,
    wire: Literal,
    sensitive: bool,
    value: V,
) -> DebugField<'a, V> {
    DebugField {
        rt,
        wire,
        sensitive,
        value,
    }
}

/// See [`debug_field`].
pub struct DebugField<'a, V> {
    rt: &'a TokenStream,
    wire: Literal,
    sensitive: bool,
    value: V,
}

impl<V: ToTokens> ToTokens for DebugField<'_, V> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let DebugField {
            rt,
            wire,
            sensitive,
            value,
        } = self;
        let arguments = if *sensitive {
            quote!(#wire, &#rt::fmt::Redacted)
        } else {
            quote!(#wire, #value)
        };
        tokens.extend([
            TokenTree::Punct(Punct::new('.', Spacing::Alone)),
            tokens::ident("field"),
            tokens::paren(arguments),
        ]);
    }
}

/// `impl Display`: the message, sensitive values redacted; `{:#}` adds the code and request id.
pub fn display_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan { ty, .. } = plan;
    let write = message::write_message(plan, quote!(self), true);
    quote! {
        impl fmt::Display for #ty {
            /// The message, with sensitive values redacted. `{:#}` prefixes the code
            /// and appends the request id, for logs.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::display(f, self.code(), self.request_id(), |m| #write)
            }
        }
    }
}

/// `impl Debug`: the variant, its code and fields, then the common members.
pub fn debug_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        ty,
        code_ty,
        fallback,
        ..
    } = plan;
    let arms = tokens::join(plan.codes_with_fields().map(|code| debug_arm(plan, code)));
    let fieldless = plan.fieldless_variants();
    // The codes without fields show their variant's name, from a table by code.
    let (names, plain) = if fieldless.is_empty() {
        (None, None)
    } else {
        let count = proc_macro2::Literal::usize_unsuffixed(plan.codes.len());
        let names = tokens::bracketed_list(
            plan.codes
                .iter()
                .map(|code| TokenTree::Literal(code.variant_lit.clone())),
        );
        (
            Some(quote! {
                /// Each code's variant name, by the code's index, for `Debug`.
                const VARIANT_NAMES: [&str; #count] = #names;
            }),
            Some(quote! {
                #(#ty::#fieldless { meta })|* => fmt::debug_plain(
                    f,
                    code_of(self).map(|code| (VARIANT_NAMES[code as usize], #code_ty::as_str(code))),
                    meta,
                ),
            }),
        )
    };
    let fallback_name = fallback.to_string();
    quote! {
        #names

        impl fmt::Debug for #ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #arms
                    #plain
                    #ty::#fallback(unknown) => fmt::debug_fallback(f, #fallback_name, unknown, self.info()),
                }
            }
        }
    }
}

fn debug_arm(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan { rt, ty, .. } = plan;
    let variant = &code.variant;
    let name = tokens::moved(code.variant_lit.clone());
    let wire = tokens::moved(code.wire_lit.clone());
    let shown = code.fields.iter().filter(|f| !f.field.sensitive);
    // Repetitions, not a stream a field: `quote!` writes them into its own stream.
    let idents = shown.clone().map(|f| &f.ident);
    let locals = shown.map(|f| &f.local);
    let fields = code
        .fields
        .iter()
        .map(|f| debug_field(rt, f.wire_lit.clone(), f.field.sensitive, &f.local));
    let sensitive = code.has_sensitive_field();
    quote! {
        #ty::#variant { #(#idents: #locals,)* meta, .. } => {
            fmt::debug_meta(&mut fmt::debug_variant(f, #name, #wire)#(#fields)*, meta, #sensitive)
        }
    }
}
