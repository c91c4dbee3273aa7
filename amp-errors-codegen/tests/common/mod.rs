//! Catalogs the codegen tests build from code names.

/// A valid catalog named `ApiError` whose codes each have a templated
/// message and one required string field, `detail`.
pub fn catalog<S: AsRef<str>>(codes: &[S]) -> amp_errors_catalog::Catalog {
    let mut text = String::from(
        "[catalog]\nname = \"ApiError\"\ndoc_base_url = \"https://example.com/errors\"\ncategories = [\"Client\"]\n",
    );
    for code in codes {
        let code = code.as_ref();
        text.push_str(&format!(
            "[codes.{code}]\nstatus = 400\ncategory = \"Client\"\nretryable = false\nmessage = \"Bad {{detail}}.\"\ndescription = \"d\"\ncause = \"c\"\nresolution = [\"r\"]\n[codes.{code}.fields]\ndetail = {{ type = \"string\", required = true, description = \"d\" }}\n[codes.{code}.example]\ndetail = \"x\"\n"
        ));
    }
    match amp_errors_catalog::load_str(&text) {
        Ok(catalog) => catalog,
        Err(problems) => panic!("test catalog is invalid: {problems:?}"),
    }
}
