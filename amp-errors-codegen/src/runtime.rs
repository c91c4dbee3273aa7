//! The one spelling of the path generated code reaches the runtime through.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// `::amp_errors::__private_{version}`: the runtime's versioned private module.
///
/// The runtime names the module after its version (its `build.rs`) and this
/// crate spells it from its own, so a generated type and a runtime of
/// different versions fail to compile instead of misbehaving.
pub fn path() -> TokenStream {
    let module = Ident::new(&module_name(env!("CARGO_PKG_VERSION")), Span::call_site());
    quote!(::amp_errors::#module)
}

/// `__private`: the name the impls inside `const _` import the runtime as.
pub fn alias() -> TokenStream {
    quote!(__private)
}

/// `use ::amp_errors::__private_{version} as __private;` and the prelude names
/// and helper modules (`de`, `fmt`, `ser`) the impls use, imported from it:
/// inside `const _`, these shadow whatever the user's module calls `Option`
/// or `Result`, and no path needs spelling out.
pub fn imports() -> TokenStream {
    let (path, alias) = (path(), alias());
    quote! {
        use #path as #alias;
        use #alias::{Cow, Err, None, Ok, Option, Result, Some, String, Vec};
        use #alias::{Default, Into, Retryable, code_info, de, field_info, fmt, ser};
    }
}

/// The same path as text, for attributes that take one (`#[serde(crate = "…")]`).
pub fn path_text() -> String {
    format!("::amp_errors::{}", module_name(env!("CARGO_PKG_VERSION")))
}

/// `__private_` + the version with every non-alphanumeric character as `_`.
fn module_name(version: &str) -> String {
    let suffix: String = version
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("__private_{suffix}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn module_names_follow_the_version() {
        assert_eq!(super::module_name("0.1.0"), "__private_0_1_0");
        assert_eq!(super::module_name("1.2.3-rc.1"), "__private_1_2_3_rc_1");
    }
}
