// A deprecated code warns where it is used; with warnings denied that fails the build.
#![deny(warnings)]

amp_errors::amp_errors!("tests/ui/fail/deprecated-code-warns.toml");

fn main() {
    // Using the non-deprecated code, and the catalog itself, does not warn.
    let _fine = ApiError::not_found();
    let _gone = ApiError::gone();
    if let ApiError::Gone { .. } = ApiError::not_found() {}
}
