//! Names the module that generated code reaches the runtime through after this
//! crate's version (`__private_0_1_0`), as thiserror does: the code generator
//! spells the same name from its own version, so a macro and a runtime of
//! different versions cannot compile together.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let suffix: String = version
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let module = format!(
        "/// What generated code reaches: not a public API.\n\
         #[doc(hidden)]\n\
         pub mod __private_{suffix} {{\n    \
             #[doc(hidden)]\n    \
             pub use crate::private::*;\n\
         }}\n"
    );
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("private.rs");
    if let Err(error) = fs::write(&out, module) {
        println!("cargo:warning=cannot write {}: {error}", out.display());
    }
}
