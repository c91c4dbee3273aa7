//! The expansion of a small catalog, rendered with prettyplease and committed
//! (`tests/snapshots/`): a reviewer sees exactly what users get, and any change
//! to the generator shows up as a diff. Accept a change with
//! `INSTA_UPDATE=always cargo test --test snapshot` (or `cargo insta review`).

#[test]
fn small_catalog() {
    let catalog = amp_errors_catalog::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/catalogs/snapshot.toml"
    )))
    .expect("the snapshot catalog is valid");
    let tokens = amp_errors_codegen::expand(&catalog);
    let file: syn::File = syn::parse2(tokens).expect("the expansion is valid Rust");
    insta::assert_snapshot!(prettyplease::unparse(&file));
}
