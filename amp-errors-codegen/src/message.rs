//! Message rendering: the one place a template becomes code. `Display` and
//! `message()` call the `write_message` function it emits; `Serialize`, which
//! writes an override itself, calls `write_template`.

use amp_errors_catalog::{FieldType, Segment};
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Plan, PlannedCode};
use crate::tokens;
use crate::types;

/// `fn write_message(error, m, redact)`: the override when set, else
/// `write_template`, the code's template with its fields filled in (sensitive
/// ones redacted when `redact`). The `redact` parameter exists only when some
/// placeholder is sensitive.
pub fn write_message_fn(plan: &Plan<'_>) -> TokenStream {
    let Plan { ty, fallback, .. } = plan;
    let arms = tokens::join(
        plan.codes
            .iter()
            .filter(|code| code.plain_message.is_none())
            .map(|code| template_arm(plan, code)),
    );
    let plain = has_plain(plan)
        .then(|| quote!(plain => m.push_str(plain.info().map_or("", |info| info.message)),));
    let (redact, shown, fallback_redact) = if plan.redacts_messages {
        (
            quote!(, redact: bool),
            quote!(&&(!redact || fmt::message_shown(error.meta(), error.info()))),
            quote!(redact),
        )
    } else {
        (TokenStream::new(), TokenStream::new(), quote!(false))
    };
    let fallback_arg = plan.redacts_messages.then(|| quote!(, redact));
    let sent = plan.redacts_messages.then(|| {
        quote! {
            /// Writes the template of `error` as it is sent: nothing redacted.
            fn write_sent_template(error: &#ty, m: &mut fmt::Message) {
                write_template(error, m, false)
            }
        }
    });
    quote! {
        /// Writes the message of `error`: the override or received message when
        /// set (unless `redact` hides a received one), else its code's template.
        fn write_message(error: &#ty, m: &mut fmt::Message #redact) {
            if let Some(message) = error.meta().and_then(|meta| meta.message.as_deref()) #shown {
                return m.push_str(message);
            }
            write_template(error, m #fallback_arg)
        }

        #sent

        /// Writes the template of `error`'s code with its fields filled in.
        fn write_template(error: &#ty, m: &mut fmt::Message #redact) {
            match error {
                #arms
                #ty::#fallback(unknown) => fmt::fallback_message(m, unknown, error.info(), #fallback_redact),
                #plain
            }
        }
    }
}

/// The function that writes an error's template as it is sent (nothing
/// redacted), for `fmt::Rendered`: the serializer writes an override itself.
pub fn sent_template_writer(plan: &Plan<'_>) -> TokenStream {
    if plan.redacts_messages {
        quote!(write_sent_template)
    } else {
        quote!(write_template)
    }
}

/// A call of `write_message` on `error`, redacting or not.
pub fn write_message(plan: &Plan<'_>, error: TokenStream, redact: bool) -> TokenStream {
    if plan.redacts_messages {
        quote!(write_message(#error, m, #redact))
    } else {
        quote!(write_message(#error, m))
    }
}

/// A call of `write_template` on `error`, nothing redacted.
pub fn write_template(plan: &Plan<'_>, error: TokenStream) -> TokenStream {
    if plan.redacts_messages {
        quote!(write_template(#error, m, false))
    } else {
        quote!(write_template(#error, m))
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
    let Plan { ty, .. } = plan;
    let variant = &code.variant;
    // Repetitions, not a stream a field: `quote!` writes them into its own stream.
    let bound: Vec<_> = code
        .fields
        .iter()
        .filter(|f| code.placeholders().any(|name| name == f.wire))
        .collect();
    let idents = bound.iter().map(|f| &f.ident);
    let locals = bound.iter().map(|f| &f.local);
    let parts = tokens::join(code.code.message.value.segments.iter().map(|segment| {
        match segment {
            Segment::Literal(text) => {
                let text = tokens::lit(text);
                quote!(m.push_str(#text);)
            }
            Segment::Field(name) => match code.field(name) {
                Some(field) => {
                    let local = &field.local;
                    let value = if field.field.required {
                        quote!(#local)
                    } else {
                        quote!(value)
                    };
                    let show = match field.json_type() {
                        FieldType::Named(name) if plan.catalog.enum_values(name).is_some() => {
                            quote!(m.push_str(#value.as_str());)
                        }
                        ty if types::is_scalar(plan.catalog, ty) => quote!(m.push(#value);),
                        _ => quote!(m.push_json(#value);),
                    };
                    let show = if field.field.sensitive {
                        quote!(if redact { m.push_redacted(); } else { #show })
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
                    quote!(m.push_str(error.param().unwrap_or_default());)
                }
                // Validation rejects placeholders that name nothing.
                None => TokenStream::new(),
            },
        }
    }));
    quote! {
        #ty::#variant { #(#idents: #locals,)* .. } => {
            #parts
        }
    }
}
