//! The fieldless code enum and the category enum, with all their impls.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::quote;

use crate::lookup;
use crate::plan::Plan;
use crate::tokens;

/// `pub enum AmpErrorCode { … }`.
pub fn code_enum(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt_path: rt,
        ty,
        code_ty,
        ..
    } = plan;
    // Repetitions, not a stream a variant.
    let docs = plan.codes.iter().map(|c| {
        tokens::moved(tokens::doc_lit(&format!(
            " `{}`: {}",
            c.wire, c.code.description
        )))
    });
    let variants = plan.codes.iter().map(|c| &c.variant);
    let doc = format!(" The codes of [`{ty}`], without their fields.");
    let non_exhaustive = plan.non_exhaustive();
    quote! {
        #[doc = #doc]
        #[derive(
            #rt::Clone,
            #rt::Copy,
            #rt::fmt::Debug,
            #rt::PartialEq,
            #rt::Eq,
            #rt::Hash,
            #rt::PartialOrd,
            #rt::Ord,
        )]
        #non_exhaustive
        pub enum #code_ty {
            #(#[doc = #docs] #variants,)*
        }
    }
}

/// `pub enum AmpErrorCategory { … }`.
pub fn category_enum(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt_path: rt,
        ty,
        category_ty,
        ..
    } = plan;
    let variants = plan
        .catalog
        .categories
        .iter()
        .zip(&plan.category_variants)
        .map(|(c, variant)| {
            let doc = format!(" {}", c.value);
            quote!(#[doc = #doc] #variant)
        });
    let doc = format!(" The categories that [`{ty}`]'s codes are grouped in.");
    quote! {
        #[doc = #doc]
        #[derive(
            #rt::Clone,
            #rt::Copy,
            #rt::fmt::Debug,
            #rt::PartialEq,
            #rt::Eq,
            #rt::Hash,
        )]
        pub enum #category_ty {
            #(#variants,)*
        }
    }
}

/// Catalogs up to this many codes find a code with a `match`; larger ones
/// through a hash table. The `match` compares the codes of the same length
/// one after another: cheapest for a few (AMP's 15: 0.66 of the derive's
/// parse against 0.69 with the table; at 100 codes 0.65 against 0.73), slow
/// for many (0.68 against 0.63 at 1,000 codes, the last of about 100 codes
/// of one length).
const MATCH_UP_TO: usize = 256;

/// `from_wire`'s body, and the table it reads when it reads one.
fn from_wire(plan: &Plan<'_>) -> (Option<TokenStream>, TokenStream) {
    let Plan {
        rt, ty, code_ty, ..
    } = plan;
    if plan.codes.len() <= MATCH_UP_TO {
        // By length first: one jump, then the few codes of that length.
        let mut lengths: Vec<usize> = plan.codes.iter().map(|c| c.wire.len()).collect();
        lengths.sort_unstable();
        lengths.dedup();
        let by_length = tokens::join(lengths.into_iter().map(|len| {
            let arms = plan.codes.iter().filter(|c| c.wire.len() == len).map(|c| {
                let (wire, variant) = (tokens::moved(c.wire_lit.clone()), &c.variant);
                quote!(#wire => Some(#code_ty::#variant),)
            });
            let len = Literal::usize_unsuffixed(len);
            quote!(#len => match code { #(#arms)* _ => None },)
        }));
        let body = quote! {
            match code.len() {
                #by_length
                _ => None,
            }
        };
        return (None, body);
    }
    let wires: Vec<&str> = plan.codes.iter().map(|c| c.wire).collect();
    let slots = lookup::wire_table(&wires);
    let slot_count = Literal::usize_unsuffixed(slots.len());
    let empty = Ident::new("EMPTY", Span::call_site());
    let slots = tokens::bracketed_list(slots.into_iter().map(|slot| {
        if slot == lookup::EMPTY_SLOT {
            TokenTree::Ident(empty.clone())
        } else {
            TokenTree::Literal(Literal::u32_unsuffixed(slot))
        }
    }));
    let table = quote! {
        /// Where `from_wire` finds each code: its index in `CATALOG`, in the
        /// slot of its wire string's hash (or the next free one).
        const BY_WIRE: [u32; #slot_count] = {
            const EMPTY: u32 = #rt::EMPTY_SLOT;
            #slots
        };
    };
    let body = quote! {
        #rt::code_index(code, &#ty::CATALOG.codes, &BY_WIRE)
            .and_then(|index| #code_ty::ALL.get(index).copied())
    };
    (Some(table), body)
}

/// The code enum's impls: accessors read the catalog table by the code's index.
pub fn code_enum_impls(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt,
        ty,
        code_ty,
        category_ty,
        ..
    } = plan;
    let variants: Vec<_> = plan.codes.iter().map(|c| &c.variant).collect();
    let (table, from_wire) = from_wire(plan);
    let categories = plan.codes.iter().map(|c| plan.category_variant(c.code));
    let count = Literal::usize_unsuffixed(plan.codes.len());
    quote! {
        /// Each code's category, by the code's index.
        const CATEGORIES: [#category_ty; #count] = [#(#category_ty::#categories),*];

        #table

        impl #code_ty {
            /// Every code, in catalog order.
            pub const ALL: [#code_ty; #count] = [#(#code_ty::#variants),*];

            /// Everything the catalog says about the code.
            #[inline]
            pub const fn info(self) -> &'static #rt::CodeInfo {
                &#ty::CATALOG.codes[self as usize]
            }

            /// The wire code.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.info().code
            }

            /// The HTTP status as a number.
            #[inline]
            pub const fn status_code(self) -> u16 {
                self.info().status
            }

            #rt::status_method!(#rt, code #ty);

            /// The category.
            pub const fn category(self) -> #category_ty {
                CATEGORIES[self as usize]
            }

            /// The documentation link.
            pub const fn doc_url(self) -> &'static str {
                self.info().doc_url
            }

            /// The code of a wire string, if the catalog knows it.
            pub fn from_wire(code: &str) -> Option<Self> {
                #from_wire
            }
        }

        impl #rt::FromStr for #code_ty {
            type Err = #rt::UnknownCode;
            fn from_str(code: &str) -> Result<Self, Self::Err> {
                #code_ty::from_wire(code).ok_or_else(|| #rt::UnknownCode(String::from(code)))
            }
        }

        impl #rt::fmt::Display for #code_ty {
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl #rt::serde::Serialize for #code_ty {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for #code_ty {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <#rt::de::Key<'de> as #rt::serde::Deserialize<'de>>::deserialize(deserializer)?;
                #code_ty::from_wire(code.as_str()).ok_or_else(|| {
                    <D::Error as #rt::serde::de::Error>::custom(#rt::UnknownCode(String::from(code.as_str())))
                })
            }
        }
    }
}

/// The category enum's impls.
pub fn category_enum_impls(plan: &Plan<'_>) -> TokenStream {
    let Plan {
        rt, category_ty, ..
    } = plan;
    let variants = &plan.category_variants;
    let names = plan.catalog.categories.iter().map(|c| c.value.as_str());
    let count = Literal::usize_unsuffixed(variants.len());
    quote! {
        impl #category_ty {
            /// Every category, in catalog order.
            pub const ALL: [#category_ty; #count] = [#(#category_ty::#variants),*];

            /// The category's name as the catalog writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#category_ty::#variants => #names,)*
                }
            }
        }

        impl #rt::fmt::Display for #category_ty {
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                f.pad(self.as_str())
            }
        }
    }
}
