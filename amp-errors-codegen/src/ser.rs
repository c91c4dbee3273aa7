//! `Serialize` of the error enum: the inner error object. The runtime's
//! `ser::object` decides the order (this crate's for an error built here, the
//! received one for a parsed error) and asks each code's arm to write a typed
//! field by its index.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::quote;

use crate::message;
use crate::plan::{Plan, PlannedCode};
use crate::tokens;

/// `impl Serialize for AmpError`.
pub fn serialize_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt, ty, fallback, ..
    } = plan;
    let arms = tokens::join(
        plan.codes_with_fields()
            .map(|code| serialize_arm(plan, code)),
    );
    let fieldless = plan.fieldless_variants();
    let plain = (!fieldless.is_empty()).then(|| {
        let code_ty = &plan.code_ty;
        quote! {
            #(#ty::#fieldless { meta })|* => ser::plain_known(serializer, code_of(self).map(#code_ty::info), meta),
        }
    });
    quote! {
        impl #rt::serde::Serialize for #ty {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #arms
                    #plain
                    #ty::#fallback(unknown) => #rt::serde::Serialize::serialize(unknown, serializer),
                }
            }
        }
    }
}

fn serialize_arm(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan { ty, code_ty, .. } = plan;
    let variant = &code.variant;
    let info = tokens::moved(quote!(#code_ty::#variant.info()));
    let message = tokens::moved(match code.plain_message {
        Some(text) => TokenStream::from(TokenTree::Literal(tokens::lit(text))),
        None => {
            let write = message::sent_template_writer(plan);
            quote!(&fmt::Rendered(self, #write))
        }
    });
    // Repetitions, not a stream a field: `quote!` writes them into its own stream.
    let idents = code.fields.iter().map(|f| &f.ident);
    let locals = code.fields.iter().map(|f| &f.local);
    let required =
        Literal::usize_unsuffixed(code.fields.iter().filter(|f| f.field.required).count());
    let optional = code
        .fields
        .iter()
        .filter(|f| !f.field.required)
        .map(|f| &f.local);
    // The runtime asks only for the code's own indexes: the last is `_`.
    let last = code.fields.len() - 1;
    let indexes = (0..code.fields.len()).map(|index| -> TokenTree {
        if index == last {
            Ident::new("_", Span::call_site()).into()
        } else {
            Literal::usize_unsuffixed(index).into()
        }
    });
    // `ser::entry(map, "name", value)`, or `ser::entry_if(…, value.as_ref())` for an optional field.
    let (entry, entry_if) = (quote!(entry), quote!(entry_if));
    let as_ref = quote!(.as_ref());
    let writers = code
        .fields
        .iter()
        .map(|f| if f.field.required { &entry } else { &entry_if });
    let wires = code.fields.iter().map(|f| &f.wire_lit);
    let values = code.fields.iter().map(|f| &f.local);
    let as_refs = code
        .fields
        .iter()
        .map(|f| (!f.field.required).then_some(&as_ref));
    quote! {
        #ty::#variant { #(#idents: #locals,)* meta } => ser::object(
            serializer,
            #info,
            #message,
            meta,
            #required #(+ ser::count(#optional))*,
            |map, index| match index {
                #(#indexes => ser::#writers(map, #wires, #values #as_refs),)*
            },
        ),
    }
}
