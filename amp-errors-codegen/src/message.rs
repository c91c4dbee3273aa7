//! Message rendering: the one place a template becomes code. `Display`,
//! `message()` and `Serialize` all call the `write_message` function it emits.

use amp_errors_catalog::Segment;
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Plan, PlannedCode};
use crate::types;

/// `fn write_message(error, f, redact)`: the override when set, else the
/// code's template with its fields filled in (sensitive ones redacted when
/// `redact`). The `redact` parameter exists only when some placeholder is sensitive.
pub fn write_message_fn(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt, ty, fallback, ..
    } = plan;
    let arms = plan
        .codes
        .iter()
        .filter(|code| code.plain_message.is_none())
        .map(|code| template_arm(plan, code));
    let plain = has_plain(plan)
        .then(|| quote!(plain => f.write_str(plain.info().map_or("", |info| info.message)),));
    let (redact, shown, fallback_redact) = if plan.redacts_messages {
        (
            quote!(, redact: bool),
            quote!(&& (!redact || #rt::fmt::message_shown(error.meta(), error.info()))),
            quote!(redact),
        )
    } else {
        (TokenStream::new(), TokenStream::new(), quote!(false))
    };
    quote! {
        /// Writes the message of `error`: the override or received message when
        /// set (unless `redact` hides a received one), else its code's template.
        fn write_message(error: &#ty, f: &mut #rt::fmt::Formatter<'_> #redact) -> #rt::fmt::Result {
            if let Some(message) = error.meta().and_then(|meta| meta.message.as_deref()) #shown {
                return f.write_str(message);
            }
            match error {
                #(#arms)*
                #ty::#fallback(unknown) => #rt::fmt::fallback_message(f, unknown, error.info(), #fallback_redact),
                #plain
            }
        }
    }
}

/// A call of `write_message` on `error`, redacting or not.
pub fn write_message(plan: &Plan<'_>, error: TokenStream, redact: bool) -> TokenStream {
    if plan.redacts_messages {
        quote!(write_message(#error, f, #redact))
    } else {
        quote!(write_message(#error, f))
    }
}

/// The or-pattern of the codes whose message is rendered, if any.
pub fn templated_pattern(plan: &Plan<'_>) -> Option<TokenStream> {
    let ty = &plan.ty;
    let variants: Vec<_> = plan
        .codes
        .iter()
        .filter(|code| code.plain_message.is_none())
        .map(|code| &code.variant)
        .collect();
    (!variants.is_empty()).then(|| quote!(#(#ty::#variants { .. })|*))
}

/// Whether some code's message is its template text as is.
pub fn has_plain(plan: &Plan<'_>) -> bool {
    plan.codes.iter().any(|code| code.plain_message.is_some())
}

fn template_arm(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan { rt, ty, .. } = plan;
    let variant = &code.variant;
    let bindings = code
        .fields
        .iter()
        .filter(|f| code.placeholders().any(|name| name == f.wire))
        .map(|f| {
            let (ident, local) = (&f.ident, &f.local);
            quote!(#ident: #local,)
        });
    let parts = code
        .code
        .message
        .value
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => quote!(f.write_str(#text)?;),
            Segment::Field(name) => match code.field(name) {
                Some(field) => {
                    let local = &field.local;
                    let value = if field.field.required {
                        quote!(#local)
                    } else {
                        quote!(value)
                    };
                    let show = if types::is_scalar(plan.catalog, field.json_type()) {
                        quote!(#rt::fmt::Display::fmt(#value, f)?;)
                    } else {
                        quote!(#rt::fmt::json_placeholder(f, #value)?;)
                    };
                    let show = if field.field.sensitive {
                        quote!(if redact { #rt::fmt::redacted(f)?; } else { #show })
                    } else {
                        show
                    };
                    // An absent optional field renders as nothing.
                    if field.field.required {
                        show
                    } else {
                        quote!(if let Some(value) = #local { #show })
                    }
                }
                // `{param}`: the common member; absent, nothing.
                None if name == "param" => {
                    quote!(f.write_str(error.param().unwrap_or_default())?;)
                }
                // Validation rejects placeholders that name nothing.
                None => TokenStream::new(),
            },
        });
    quote! {
        #ty::#variant { #(#bindings)* .. } => {
            #(#parts)*
            Ok(())
        }
    }
}
