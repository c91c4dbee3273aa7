//! `Deserialize` of the error enum. The runtime's `de::read_error` takes the
//! error object's text and finds its code; the generated dispatch hands the
//! object to the code's reader: a function per code with typed fields, which
//! the runtime's `de::read_fields` loop asks to read a field by its index.
//! Reading is tolerant: a value that does not fit is kept as received, and a
//! code missing a required field becomes the fallback (`ErrorObject::finish`).
//! The dispatch is one function, `read`, which `ErrorResponse::from_slice`
//! reaches too (through `CatalogError::read_text`), without serde.

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};

use crate::plan::{Plan, PlannedCode};
use crate::tokens;
use crate::types;

/// The readers and `impl Deserialize for AmpError`.
pub fn deserialize_impl(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt,
        ty,
        code_ty,
        fallback,
        ..
    } = plan;
    // Every reader's parameters: one group, shared.
    let parameters =
        tokens::shared_group(Delimiter::Parenthesis, quote!(object: &de::ErrorObject<'_>));
    let readers = tokens::join(
        plan.codes_with_fields()
            .map(|code| reader(plan, code, &parameters)),
    );
    // The dispatch: repetitions, not a stream a code.
    let variants = plan.codes_with_fields().map(|code| &code.variant);
    let reader_names = plan.codes_with_fields().map(reader_name);
    let fieldless = plan.fieldless_variants();
    let plain = (!fieldless.is_empty()).then(|| {
        let pattern = tokens::alternatives(code_ty, &fieldless);
        quote! {
            Some(code @ #pattern) => de::read_meta(object, code.info()).map(|meta| plain_error(code, meta)),
        }
    });
    let plain_error = plain_error_fn(plan);
    quote! {
        #readers
        #plain_error

        /// Reads an error object: its code picks the reader.
        fn read(object: &de::ErrorObject<'_>) -> Result<#ty, de::Error> {
            match #code_ty::from_wire(object.code()) {
                #(Some(#code_ty::#variants) => #reader_names(object),)*
                #plain
                _ => de::read_unknown(object).map(#ty::#fallback),
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for #ty {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                de::read_error(deserializer, read)
            }
        }
    }
}

fn reader_name(code: &PlannedCode<'_>) -> Ident {
    format_ident!("read_{}", code.wire)
}

/// `fn plain_error(code, meta)`: the error of a code without typed fields,
/// for reading and for examples; absent when every code has fields.
pub fn plain_error_fn(plan: &Plan<'_>) -> Option<TokenStream> {
    let Plan {
        rt,
        ty,
        code_ty,
        fallback,
        ..
    } = plan;
    let fieldless = plan.fieldless_variants();
    if fieldless.is_empty() {
        return None;
    }
    // Only codes without fields are passed in; any other becomes the
    // fallback holding its code, rather than a panic.
    let other = (fieldless.len() < plan.codes.len())
        .then(|| quote!(other => #ty::#fallback(#rt::UnknownError::new(other.as_str())),));
    Some(quote! {
        /// The error of a code without typed fields.
        fn plain_error(code: #code_ty, meta: #rt::ErrorMeta) -> #ty {
            match code {
                #(#code_ty::#fieldless => #ty::#fieldless { meta },)*
                #other
            }
        }
    })
}

/// `fn read_<code>(object)`: the code's fields, then the variant.
fn reader(plan: &Plan<'_>, code: &PlannedCode<'_>, parameters: &Group) -> TokenStream {
    let Plan { ty, code_ty, .. } = plan;
    let name = reader_name(code);
    let variant = &code.variant;
    let doc = tokens::lit(&format!(
        " Reads the members of the `{}` error object.",
        code.wire
    ));
    // The slots' types are inferred from the variant they build.
    // Repetitions, not a stream a field: `quote!` writes them into its own stream.
    let locals: Vec<&Ident> = code.fields.iter().map(|f| &f.local).collect();
    // The runtime asks only for the code's own indexes: the last is `_`.
    let last = code.fields.len() - 1;
    // One arm a field, as repetitions: the index (`_` for the last), the
    // method, and the bounds `read_in` also takes.
    let underscore = TokenTree::Ident(Ident::new("_", Span::call_site()));
    let indexes = (0..code.fields.len()).map(|index| {
        if index == last {
            underscore.clone()
        } else {
            TokenTree::Literal(Literal::usize_unsuffixed(index))
        }
    });
    let mut bounds = Vec::with_capacity(code.fields.len());
    let methods: Vec<Ident> = code
        .fields
        .iter()
        .map(|f| {
            let (method, extra) = match types::extra_bounds(f.field) {
                Some((minimum, maximum)) => ("read_in", Some(quote!(, #minimum, #maximum))),
                None if types::is_scalar(plan.catalog, f.json_type()) => ("read", None),
                None => ("read_json", None),
            };
            bounds.push(extra.map(tokens::moved));
            Ident::new(method, Span::call_site())
        })
        .collect();
    let required: Vec<_> = code
        .fields
        .iter()
        .filter(|f| f.field.required)
        .map(|f| &f.local)
        .collect();
    let idents = code.fields.iter().map(|f| &f.ident);
    let unwrap = quote!(.unwrap_or_default());
    let unwraps = code
        .fields
        .iter()
        .map(|f| f.field.required.then_some(&unwrap));
    let error = quote!(#ty::#variant { #(#idents: #locals #unwraps,)* meta });
    let result = tokens::moved(if required.is_empty() {
        // `(error)`: a group of the error's own stream, not a copy of it.
        let error = tokens::paren(error);
        quote!(Ok #error)
    } else {
        let error = tokens::moved(error);
        quote!(object.finish(#(#required.is_some())&&*, #error))
    });
    quote! {
        #[doc = #doc]
        fn #name #parameters -> Result<#ty, de::Error> {
            #(let mut #locals = None;)*
            let meta = de::read_fields(object, #code_ty::#variant.info(), |index, member| match index {
                #(#indexes => member.#methods(&mut #locals #bounds),)*
            })?;
            #result
        }
    }
}
