//! The fieldless code enum and the category enum, with all their impls.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::names;
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
    let variants = tokens::comma_terminated(plan.codes.iter().map(|c| {
        let variant = &c.variant;
        let doc = tokens::lit(&format!(" `{}`: {}", c.wire, c.code.description));
        quote!(#[doc = #doc] #variant)
    }));
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
            #variants
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
    let variants = plan.catalog.categories.iter().enumerate().map(|(i, c)| {
        let variant = names::category_variant(&c.value, i);
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
    let mut by_wire: Vec<usize> = (0..plan.codes.len()).collect();
    // Shorter first, as `code_index` compares: most steps compare lengths only.
    by_wire.sort_by_key(|&i| (plan.codes[i].wire.len(), plan.codes[i].wire));
    let by_wire = by_wire
        .into_iter()
        .map(|i| Literal::u32_unsuffixed(i as u32));
    let categories = plan.codes.iter().map(|c| plan.category_variant(c.code));
    let count = Literal::usize_unsuffixed(plan.codes.len());
    quote! {
        /// Each code's category, by the code's index.
        const CATEGORIES: [#category_ty; #count] = [#(#category_ty::#categories),*];

        /// The codes' indexes in the order of their wire strings (shorter
        /// first): `from_wire` finds a code in a few comparisons however large
        /// the catalog.
        const BY_WIRE: [u32; #count] = [#(#by_wire),*];

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

            #rt::status_method!(#rt);

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
                #rt::code_index(code, &#ty::CATALOG.codes, &BY_WIRE)
                    .and_then(|index| #code_ty::ALL.get(index).copied())
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
    let variants: Vec<_> = plan
        .catalog
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| names::category_variant(&c.value, i))
        .collect();
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
