//! The names the generator emits, read back from its output with syn.

use std::collections::BTreeSet;

use amp_errors_codegen::names::GENERATED_METHODS;

mod common;
use common::catalog;

/// Names of the items of `impl ApiError { … }` blocks in the expansion,
/// at top level or inside `const _: () = { … };`.
fn inherent_items(file: &syn::File) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for item in &file.items {
        collect(&mut names, item);
        if let syn::Item::Const(c) = item
            && let syn::Expr::Block(block) = &*c.expr
        {
            for stmt in &block.block.stmts {
                if let syn::Stmt::Item(item) = stmt {
                    collect(&mut names, item);
                }
            }
        }
    }
    names
}

fn collect(names: &mut BTreeSet<String>, item: &syn::Item) {
    let syn::Item::Impl(imp) = item else { return };
    let is_error_enum = imp.trait_.is_none()
        && matches!(&*imp.self_ty, syn::Type::Path(p) if p.path.is_ident("ApiError"));
    if !is_error_enum {
        return;
    }
    for item in &imp.items {
        match item {
            syn::ImplItem::Fn(f) => names.insert(f.sig.ident.to_string()),
            syn::ImplItem::Const(c) => names.insert(c.ident.to_string()),
            // `status_method!()`: the runtime emits `status()` when its `http` feature is on.
            syn::ImplItem::Macro(_) => names.insert("status".to_owned()),
            _ => false,
        };
    }
}

#[test]
fn the_list_of_generated_methods_is_what_the_generator_emits() {
    let catalog = catalog(&["not_found"]);
    let file: syn::File = syn::parse2(amp_errors_codegen::expand(&catalog)).expect("valid Rust");
    let mut emitted = inherent_items(&file);
    assert!(emitted.remove("not_found"), "the constructor: {emitted:?}");
    let listed: BTreeSet<String> = GENERATED_METHODS.iter().map(|s| s.to_string()).collect();
    assert_eq!(emitted, listed);
}

#[test]
fn codes_named_like_methods_get_prefixed_constructors() {
    let catalog = catalog(&["message", "info", "examples", "status"]);
    let file: syn::File = syn::parse2(amp_errors_codegen::expand(&catalog)).expect("valid Rust");
    let emitted = inherent_items(&file);
    for code in ["message", "info", "examples", "status"] {
        assert!(
            emitted.contains(&format!("new_{code}")),
            "{code}: {emitted:?}"
        );
    }
}
