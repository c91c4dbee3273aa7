//! Rustdoc for generated items, from the catalog's docs text.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use amp_errors_catalog::{ErrorCode, Field, Retryability};
use proc_macro2::TokenStream;
use quote::quote;

use crate::tokens::{doc_lit, moved};

/// The text of one `#[doc = "..."]` attribute, written a line at a time:
/// each line after a space, as `///` writes it (an empty line between
/// paragraphs). One attribute rather than one a line keeps the expansion of
/// a large catalog small, and writing the lines into one string saves a
/// string a line.
#[derive(Default)]
pub struct DocText {
    text: String,
    lines: usize,
}

impl DocText {
    /// Adds `line` (empty for a paragraph break).
    pub fn line(&mut self, line: &str) {
        self.start_line(!line.is_empty());
        self.text.push_str(line);
    }

    /// Adds a line written by `format_args!`, never empty.
    pub fn line_fmt(&mut self, line: fmt::Arguments<'_>) {
        self.start_line(true);
        // Writing into a `String` does not fail.
        let _ = self.text.write_fmt(line);
    }

    fn start_line(&mut self, text_follows: bool) {
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.lines += 1;
        if text_follows {
            self.text.push(' ');
        }
    }

    /// The `#[doc = "..."]` attribute holding the lines.
    pub fn attr(self) -> TokenStream {
        let text = moved(doc_lit(&self.text));
        quote!(#[doc = #text])
    }
}

/// One `#[doc = "..."]` attribute holding the lines (an empty line between paragraphs).
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let mut doc = DocText::default();
    for line in lines {
        doc.line(line);
    }
    doc.attr()
}

/// The rustdoc of a code's variant.
pub fn code_doc(code: &ErrorCode, doc_url: &str) -> DocText {
    let name = &code.code.value;
    let mut doc = DocText {
        text: String::with_capacity(
            256 + code.description.len()
                + code.cause.len()
                + code
                    .resolution
                    .iter()
                    .map(|step| step.len() + 4)
                    .sum::<usize>(),
        ),
        lines: 0,
    };
    doc.line_fmt(format_args!("`{name}`: {}", code.description));
    doc.line("");
    let category = code.category.as_ref().map_or("", |c| c.value.as_str());
    let status = code.status.value;
    match &code.retryable {
        Retryability::Fixed(retryable) => {
            let retryable = if *retryable { "yes" } else { "no" };
            doc.line_fmt(format_args!(
                "HTTP {status} · category {category} · retryable: {retryable} · [docs]({doc_url})"
            ));
        }
        Retryability::Field { name, default } => doc.line_fmt(format_args!(
            "HTTP {status} · category {category} · retryable: when `{}` is true (default {default}) · [docs]({doc_url})",
            name.value
        )),
    }
    doc.line("");
    doc.line_fmt(format_args!(
        "Default message: \"{}\"",
        code.message.value.source
    ));
    doc.line("");
    if !code.cause.is_empty() {
        doc.line_fmt(format_args!("**Cause:** {}", code.cause));
    }
    if !code.resolution.is_empty() {
        doc.line("");
        doc.line("**Resolution:**");
        for step in &code.resolution {
            doc.line_fmt(format_args!("- {step}"));
        }
    }
    if let Some(note) = &code.deprecated {
        doc.line("");
        doc.line_fmt(format_args!("**Deprecated:** {note}"));
    }
    doc
}

/// The rustdoc of a declared field.
pub fn field_doc(description: &str, ty: &str, required: bool, sensitive: bool) -> DocText {
    let mut doc = DocText::default();
    doc.line(description);
    doc.line("");
    let presence = if required { "required" } else { "optional" };
    let sensitive = if sensitive {
        "; sensitive: sent on the wire, redacted in `Debug` and `Display`"
    } else {
        ""
    };
    doc.line_fmt(format_args!("JSON type `{ty}`, {presence}{sensitive}"));
    doc
}

/// The rustdoc attributes of a declared field.
pub fn field_doc_attrs(field: &Field) -> TokenStream {
    declared_field_doc(field).attr()
}

/// The rustdoc of a declared field.
fn declared_field_doc(field: &Field) -> DocText {
    field_doc(
        &field.description,
        &field.ty.value.to_string(),
        field.required,
        field.sensitive,
    )
}

/// The rustdoc attributes of declared fields, one per distinct text and
/// shared: a catalog declares a field (`retry_after`) alike in many codes,
/// and a copy of the attribute shares its group where building it again
/// would lex the text again.
#[derive(Default)]
pub struct FieldDocs(HashMap<String, TokenStream>);

impl FieldDocs {
    /// [`field_doc_attrs`] of `field`.
    pub fn attrs(&mut self, field: &Field) -> TokenStream {
        let doc = declared_field_doc(field);
        if let Some(attrs) = self.0.get(&doc.text) {
            return attrs.clone();
        }
        let text = doc.text.clone();
        let attrs = doc.attr();
        self.0.insert(text, attrs.clone());
        attrs
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn field_doc_lists_facts() {
        let doc = super::field_doc("Seconds.", "integer", true, true);
        let lines: Vec<&str> = doc.text.lines().collect();
        assert!(lines[2].contains("required") && lines[2].contains("sensitive"));
        assert_eq!(lines[..2], [" Seconds.", ""]);
    }
}
