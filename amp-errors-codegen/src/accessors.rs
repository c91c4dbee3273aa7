//! The accessors of the error enum. One `match` knows which variant is which
//! code (`code_of`), one which variant holds which common members (`meta`);
//! everything else is answered from those and the static catalog table.

use amp_errors_catalog::Retryability;
use proc_macro2::{Delimiter, TokenStream};
use quote::quote;

use crate::message;
use crate::plan::Plan;
use crate::tokens;

/// `fn code_of(error) -> Option<Code>`: the private function behind every
/// accessor that depends on the code alone. The variants and the codes are
/// declared in the same order, so the match compiles to the variant's index,
/// cheap enough to inline into every accessor.
pub fn code_of_fn(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt,
        ty,
        code_ty,
        fallback,
        ..
    } = plan;
    let variants: Vec<_> = plan.codes.iter().map(|c| &c.variant).collect();
    let codes = &variants;
    // `{ .. }`, built once: each arm shares it.
    let any_fields = tokens::shared_group(Delimiter::Brace, quote!(..));
    quote! {
        /// The code of a known variant; `None` for the fallback.
        #[inline]
        fn code_of(error: &#ty) -> Option<#code_ty> {
            match error {
                #(#ty::#variants #any_fields => Some(#code_ty::#codes),)*
                #ty::#fallback(_) => None,
            }
        }

        /// The code of a fallback error whose code the catalog knows (its
        /// object lacked a required field); off the path of known variants.
        #[cold]
        fn fallback_code(unknown: &#rt::UnknownError) -> Option<#code_ty> {
            #code_ty::from_wire(unknown.code())
        }
    }
}

/// The accessors, as methods of the error enum.
pub fn accessors(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt,
        ty,
        code_ty,
        category_ty,
        fallback,
        ..
    } = plan;
    let known_code_doc =
        format!(" The code as [`{code_ty}`]; `None` for a code the catalog does not know.");
    let meta = meta_accessors(plan);
    let headers = response_headers(plan);
    let is_retryable = is_retryable(plan);
    let message = message_accessor(plan);
    quote! {
        /// The wire code (also for codes the catalog does not know).
        #[inline]
        pub fn code(&self) -> &str {
            match self {
                #ty::#fallback(unknown) => unknown.code(),
                known => code_of(known).map_or("", #code_ty::as_str),
            }
        }

        #[doc = #known_code_doc]
        ///
        /// A known code whose object lacked a required field (held by the
        /// fallback variant) answers here too, and so do `info()`,
        /// `status_code()`, `category()` and `is_retryable()`.
        #[inline]
        pub fn known_code(&self) -> Option<#code_ty> {
            match self {
                #ty::#fallback(unknown) => fallback_code(unknown),
                known => code_of(known),
            }
        }

        /// The catalog entry of the code; `None` for a code the catalog does not know.
        pub fn info(&self) -> Option<&'static #rt::CodeInfo> {
            self.known_code().map(#code_ty::info)
        }

        /// The HTTP status as a number (500 for a code the catalog does not know).
        #[inline]
        pub fn status_code(&self) -> u16 {
            self.known_code().map_or(500, #code_ty::status_code)
        }

        #rt::status_method!(#rt, error);

        /// The category; `None` for a code the catalog does not know.
        pub fn category(&self) -> Option<#category_ty> {
            self.known_code().map(#code_ty::category)
        }

        #is_retryable

        /// The documentation link: the one received with a parsed error, else
        /// the catalog's base URL + `#` + code.
        pub fn doc_url(&self) -> Cow<'_, str> {
            if let Some(url) = #rt::received_doc_url(self.meta()) {
                return Cow::Owned(url);
            }
            match self {
                #ty::#fallback(unknown) => match unknown.doc_url() {
                    Some(url) => Cow::Borrowed(url),
                    None => Cow::Owned(Self::CATALOG.doc_url(unknown.code())),
                },
                known => Cow::Borrowed(code_of(known).map_or("", #code_ty::doc_url)),
            }
        }

        #message
        #meta

        /// The `param` member.
        pub fn param(&self) -> Option<&str> {
            match self {
                #ty::#fallback(unknown) => unknown.param(),
                _ => self.meta().and_then(|meta| meta.param.as_deref()),
            }
        }

        /// The `request_id` member.
        pub fn request_id(&self) -> Option<&str> {
            match self {
                #ty::#fallback(unknown) => unknown.request_id(),
                _ => self.meta().and_then(|meta| meta.request_id.as_deref()),
            }
        }

        #headers

        /// Every way the error differs from its catalog entry, by JSON path
        /// (`error.retry_after: expected an integer >= 0, found the string "45"`):
        /// the strict check for servers and tests, where parsing is tolerant.
        pub fn validate(&self) -> Result<(), Vec<#rt::Mismatch>> {
            <Self as #rt::CatalogError>::validate(self)
        }
    }
}

/// `meta()` and `meta_mut()`: one or-pattern over every known code.
fn meta_accessors(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt, ty, fallback, ..
    } = plan;
    let variants: Vec<_> = plan.codes.iter().map(|c| &c.variant).collect();
    // `{ meta, .. }`, built once: each pattern shares it.
    let meta = tokens::shared_group(Delimiter::Brace, quote!(meta, ..));
    let known = (!variants.is_empty()).then(|| quote!(#(#ty::#variants #meta)|* => Some(meta),));
    quote! {
        /// The common members; `None` for a code the catalog does not know.
        pub fn meta(&self) -> Option<&#rt::ErrorMeta> {
            match self {
                #known
                #ty::#fallback(_) => None,
            }
        }

        /// The common members, to change; `None` for a code the catalog does not know.
        pub fn meta_mut(&mut self) -> Option<&mut #rt::ErrorMeta> {
            match self {
                #known
                #ty::#fallback(_) => None,
            }
        }
    }
}

/// `is_retryable()`: a code whose retryability a boolean field decides reads
/// it; every other code answers from the table.
fn is_retryable(plan: &Plan<'_>) -> TokenStream {
    let Plan { rt, ty, .. } = plan;
    let by_field: Vec<_> = plan
        .codes
        .iter()
        .filter_map(|code| {
            let Retryability::Field { name, default } = &code.code.retryable else {
                return None;
            };
            let field = code.field(&name.value)?;
            let (variant, ident) = (&code.variant, &field.ident);
            Some(if field.field.required {
                quote!(#ty::#variant { #ident, .. } => *#ident,)
            } else {
                quote!(#ty::#variant { #ident, .. } => #ident.unwrap_or(#default),)
            })
        })
        .collect();
    let from_table = quote!(self.info().is_some_and(#rt::fixed_retryable));
    let body = if by_field.is_empty() {
        from_table
    } else {
        quote! {
            match self {
                #(#by_field)*
                _ => #from_table,
            }
        }
    };
    quote! {
        /// Whether a client may retry the request (false for unknown codes).
        pub fn is_retryable(&self) -> bool {
            #body
        }
    }
}

/// `message()` and `unredacted_message()`: borrowed when the message is the
/// override or the template text itself.
fn message_accessor(plan: &Plan<'_>) -> TokenStream {
    let Plan { ty, fallback, .. } = plan;
    let templated = message::templated_pattern(plan).map(|pattern| {
        let write = message::write_message(plan, quote!(self), false);
        quote!(#pattern => Cow::Owned(fmt::render(|m| #write)),)
    });
    let plain = message::has_plain(plan)
        .then(|| quote!(plain => Cow::Borrowed(plain.info().map_or("", |info| info.message)),));
    let message = if plan.redacts_messages {
        let write = message::write_message(plan, quote!(self), true);
        quote! {
            if fmt::message_shown(self.meta(), self.info()) {
                self.unredacted_message()
            } else {
                Cow::Owned(fmt::render(|m| #write))
            }
        }
    } else {
        quote!(self.unredacted_message())
    };
    quote! {
        /// The message: the override if set, else the rendered template
        /// (sensitive values included). A message received for a code with
        /// sensitive fields may quote them: for those, this is the template
        /// with the sensitive values redacted, and the server's text is
        /// [`unredacted_message`](Self::unredacted_message).
        pub fn message(&self) -> Cow<'_, str> {
            #message
        }

        /// The message exactly as sent or received, sensitive values included:
        /// never log it.
        pub fn unredacted_message(&self) -> Cow<'_, str> {
            if let Some(message) = self.meta().and_then(|meta| meta.message.as_deref()) {
                return Cow::Borrowed(message);
            }
            match self {
                #ty::#fallback(unknown) => Cow::Borrowed(unknown.message().unwrap_or_default()),
                #templated
                #plain
            }
        }
    }
}

/// `response_headers()`: the headers the catalog fills from each code's
/// fields (`headers = { Retry-After = "retry_after" }`), absent ones left out.
fn response_headers(plan: &Plan<'_>) -> TokenStream {
    let Plan { rt, ty, .. } = plan;
    let arms: Vec<_> = plan
        .codes
        .iter()
        .filter(|code| !code.code.headers.is_empty())
        .map(|code| {
            let variant = &code.variant;
            let (mut idents, mut locals) = (Vec::new(), Vec::new());
            let pushes = code.code.headers.iter().filter_map(|(header, field)| {
                let field = code.field(&field.value)?;
                let (ident, local) = (&field.ident, &field.local);
                let name = tokens::moved(tokens::lit(&header.value));
                idents.push(ident);
                locals.push(local);
                Some(if field.field.required {
                    quote!(headers.push((#name, #rt::header_value(#local)));)
                } else {
                    quote! {
                        if let Some(value) = #local {
                            headers.push((#name, #rt::header_value(value)));
                        }
                    }
                })
            });
            let pushes = tokens::join(pushes.collect::<Vec<_>>());
            quote!(#ty::#variant { #(#idents: #locals,)* .. } => { #pushes })
        })
        .collect();
    let body = if arms.is_empty() {
        quote!(Vec::new())
    } else {
        let arms = tokens::join(arms);
        quote! {
            let mut headers = Vec::new();
            match self {
                #arms
                _ => {}
            }
            headers
        }
    };
    quote! {
        /// The response headers the catalog fills from this error's fields
        /// (`Retry-After` from `retry_after`, say); absent fields give none.
        pub fn response_headers(&self) -> Vec<(&'static str, String)> {
            #body
        }
    }
}
