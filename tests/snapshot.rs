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

/// Every `tests/ui/pass` catalog's expansion, one snapshot each
/// (`snapshot__pass__<case>.snap`): the unusual catalogs read as well as the small one.
#[test]
fn every_pass_catalog() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ui/pass");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/ui/pass exists")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let catalog = amp_errors_catalog::load(&path)
            .unwrap_or_else(|problems| panic!("{}: {problems:?}", path.display()));
        let file: syn::File =
            syn::parse2(amp_errors_codegen::expand(&catalog)).expect("the expansion is valid Rust");
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        insta::assert_snapshot!(format!("pass__{name}"), prettyplease::unparse(&file));
    }
}
