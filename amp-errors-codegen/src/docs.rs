//! Rustdoc for generated items, from the catalog's docs text.

use amp_errors_catalog::{Catalog, ErrorCode, Field, Retryability};
use proc_macro2::TokenStream;
use quote::quote;

use crate::tokens::{doc_lit, moved};

/// One `#[doc = "..."]` attribute holding the lines (an empty line between
/// paragraphs): one attribute rather than one a line keeps the expansion of a
/// large catalog small.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let mut text = String::with_capacity(lines.iter().map(|line| line.len() + 2).sum());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if !line.is_empty() {
            text.push(' ');
            text.push_str(line);
        }
    }
    let text = moved(doc_lit(&text));
    quote!(#[doc = #text])
}

/// The rustdoc of a code's variant.
pub fn code_doc(catalog: &Catalog, code: &ErrorCode) -> Vec<String> {
    let name = &code.code.value;
    let mut lines = vec![format!("`{name}`: {}", code.description), String::new()];
    let category = code.category.as_ref().map_or("", |c| c.value.as_str());
    let retryable = match &code.retryable {
        Retryability::Fixed(true) => "yes".to_owned(),
        Retryability::Fixed(false) => "no".to_owned(),
        Retryability::Field { name, default } => {
            format!("when `{}` is true (default {default})", name.value)
        }
    };
    lines.push(format!(
        "HTTP {} · category {category} · retryable: {retryable} · [docs]({})",
        code.status.value,
        catalog.code_doc_url(code)
    ));
    lines.push(String::new());
    lines.push(format!(
        "Default message: \"{}\"",
        code.message.value.source
    ));
    lines.push(String::new());
    if !code.cause.is_empty() {
        lines.push(format!("**Cause:** {}", code.cause));
    }
    if !code.resolution.is_empty() {
        lines.push(String::new());
        lines.push("**Resolution:**".to_owned());
        lines.extend(code.resolution.iter().map(|step| format!("- {step}")));
    }
    if let Some(note) = &code.deprecated {
        lines.push(String::new());
        lines.push(format!("**Deprecated:** {note}"));
    }
    lines
}

/// The rustdoc of a declared field.
pub fn field_doc(description: &str, ty: &str, required: bool, sensitive: bool) -> Vec<String> {
    let mut lines = vec![description.to_owned(), String::new()];
    let mut facts = format!(
        "JSON type `{ty}`, {}",
        if required { "required" } else { "optional" }
    );
    if sensitive {
        facts.push_str("; sensitive: sent on the wire, redacted in `Debug` and `Display`");
    }
    lines.push(facts);
    lines
}

/// The rustdoc attributes of a declared field.
pub fn field_doc_attrs(field: &Field) -> TokenStream {
    doc_attrs(&field_doc(
        &field.description,
        &field.ty.value.to_string(),
        field.required,
        field.sensitive,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn field_doc_lists_facts() {
        let doc = super::field_doc("Seconds.", "integer", true, true);
        assert!(doc[2].contains("required") && doc[2].contains("sensitive"));
    }
}
