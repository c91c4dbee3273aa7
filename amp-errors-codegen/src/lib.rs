//! The code generator of amp-errors: a validated [`Catalog`] in, the Rust items
//! of its error type out, as a [`proc_macro2::TokenStream`].
//!
//! A plain library, so that the macro, snapshot tests and benchmarks call it
//! directly. One file per kind of output, named after it; [`expand`] lists
//! them in the order the items appear. Generated code reaches the runtime
//! only through [`runtime::path`], and puts its helpers inside `const _`.

mod accessors;
mod code_enum;
mod constructors;
mod de;
mod declare;
mod docs;
mod enums;
mod examples;
mod fmt;
pub mod lookup;
mod message;
pub mod names;
mod object_types;
mod plan;
pub mod runtime;
mod ser;
mod table;
mod tokens;
mod traits;
mod types;

pub use amp_errors_catalog::Catalog;
use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::Plan;
use crate::tokens::moved;

/// Expands a validated catalog into the items `amp_errors!` emits.
pub fn expand(catalog: &Catalog) -> TokenStream {
    let plan = Plan::new(catalog);
    // The declarations, each type before its impls.
    let object_types = moved(object_types::object_types(&plan));
    let error_enum = moved(declare::error_enum(&plan));
    let code_enum = moved(code_enum::code_enum(&plan));
    let category_enum = moved(code_enum::category_enum(&plan));
    // The error enum's inherent impl.
    let catalog_const = moved(table::catalog_const(&plan));
    let constructors = moved(constructors::constructors(&plan));
    let accessors = moved(accessors::accessors(&plan));
    let examples = moved(examples::examples_method(&plan));
    // The code and category enums' impls.
    let example = moved(examples::example_method(&plan));
    let code_enum_impls = moved(code_enum::code_enum_impls(&plan));
    let category_enum_impls = moved(code_enum::category_enum_impls(&plan));
    // Private helpers, then the trait impls.
    let code_of = moved(accessors::code_of_fn(&plan));
    let write_message = moved(message::write_message_fn(&plan));
    let display = moved(fmt::display_impl(&plan));
    let debug = moved(fmt::debug_impl(&plan));
    let error = moved(traits::error_impl(&plan));
    let partial_eq = moved(traits::partial_eq_impl(&plan));
    let catalog_error = moved(traits::catalog_error_impl(&plan));
    let serialize = moved(ser::serialize_impl(&plan));
    let deserialize = moved(de::deserialize_impl(&plan));
    let imports = runtime::imports();
    let Plan { ty, code_ty, .. } = &plan;
    quote! {
        #object_types
        #error_enum
        #code_enum
        #category_enum

        #[allow(deprecated)]
        const _: () = {
            #imports

            impl #ty {
                #catalog_const
                #constructors
                #accessors
                #examples
            }

            impl #code_ty {
                #example
            }

            #code_enum_impls
            #category_enum_impls
            #code_of
            #write_message
            #display
            #debug
            #error
            #partial_eq
            #catalog_error
            #serialize
            #deserialize
        };
    }
}
