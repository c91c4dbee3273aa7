//! `Serialize` of the error enum: the inner error object, members in wire
//! order. The runtime writes the common members (`ser::begin`, `ser::end`);
//! each code's arm writes its typed fields between them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::message;
use crate::plan::{Plan, PlannedCode};

/// `impl Serialize for AmpError`.
pub fn serialize_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt, ty, fallback, ..
    } = plan;
    let arms = plan.codes.iter().map(|code| serialize_arm(plan, code));
    let writes_fields = plan
        .codes_with_fields()
        .next()
        .map(|_| quote!(use #rt::serde::ser::SerializeMap as _;));
    quote! {
        impl #rt::serde::Serialize for #ty {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #writes_fields
                match self {
                    #(#arms)*
                    #ty::#fallback(unknown) => #rt::serde::Serialize::serialize(unknown, serializer),
                }
            }
        }
    }
}

fn serialize_arm(plan: &Plan<'_>, code: &PlannedCode<'_>) -> TokenStream {
    let Plan { rt, ty, .. } = plan;
    let variant = &code.variant;
    let wire = code.wire;
    let doc_url = plan.catalog.doc_url(wire);
    let message = match code.plain_message {
        Some(text) => quote!(#text),
        None => {
            let write = message::write_message(plan, quote!(self), false);
            quote!(&#rt::fmt::Rendered(|f: &mut #rt::fmt::Formatter<'_>| #write))
        }
    };
    if code.fields.is_empty() {
        return quote! {
            #ty::#variant { meta } => #rt::ser::fieldless(serializer, #wire, #message, #doc_url, meta),
        };
    }
    let bindings = code.fields.iter().map(|f| {
        let (ident, local) = (&f.ident, &f.local);
        quote!(#ident: #local,)
    });
    let required =
        Literal::usize_unsuffixed(code.fields.iter().filter(|f| f.field.required).count());
    let optional = code.fields.iter().filter(|f| !f.field.required).map(|f| {
        let local = &f.local;
        quote!(+ #rt::ser::count(#local))
    });
    let entries = code.fields.iter().map(|f| {
        let (local, wire) = (&f.local, f.wire);
        if f.field.required {
            quote!(map.serialize_entry(#wire, #local)?;)
        } else {
            quote!(#rt::ser::entry_if(&mut map, #wire, #local.as_ref())?;)
        }
    });
    quote! {
        #ty::#variant { #(#bindings)* meta } => {
            let mut map = #rt::ser::begin(serializer, #wire, #message, meta, #required #(#optional)*)?;
            #(#entries)*
            #rt::ser::end(map, #doc_url, meta)
        }
    }
}
