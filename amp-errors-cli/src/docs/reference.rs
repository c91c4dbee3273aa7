//! The error reference's content, decided once from a catalog: the Markdown,
//! HTML and JSON writers only lay it out, so the three never differ.

use amp_errors_catalog::{Catalog, ErrorCode, Field, FieldType, ObjectType, Retryability};

use super::anchors::{Anchors, HEADINGS, SectionAnchors, category_heading, slug, type_heading};
use super::envelope::{EnvelopeField, envelope_fields, generic_envelope};
use super::inline::{Inline, code, prose, text};
use super::retry::{self, RetryDoc};
use super::status::{Status, status};
use crate::schema::example;
use crate::schema::json::Json;

/// The whole reference.
pub struct Reference<'a> {
    /// The catalog it documents.
    pub catalog: &'a Catalog,
    /// The anchors of the fixed sections.
    pub sections: SectionAnchors,
    /// One row per status the catalog uses, ascending.
    pub statuses: Vec<StatusRow>,
    /// The envelope every error has, with placeholder values.
    pub envelope: Json,
    /// The envelope's common members.
    pub envelope_fields: Vec<EnvelopeField>,
    /// The categories, in catalog order, with their codes in catalog order.
    pub categories: Vec<CategoryDoc<'a>>,
    /// The named types, in catalog order.
    pub types: Vec<TypeDoc<'a>>,
    /// The response headers, by header name in first-use order.
    pub headers: Vec<HeaderDoc>,
    /// Which codes to retry, and how.
    pub retry: RetryDoc,
}

/// One HTTP status the catalog uses.
pub struct StatusRow {
    /// Code, reason phrase, summary.
    pub status: Status,
    /// Links to its codes.
    pub codes: Vec<Inline>,
}

/// One category and its codes.
pub struct CategoryDoc<'a> {
    /// The category's name.
    pub name: String,
    /// Its heading (`Rate Limiting errors`).
    pub heading: String,
    /// Its anchor.
    pub anchor: String,
    /// Its codes.
    pub codes: Vec<CodeDoc<'a>>,
}

/// One code's section.
pub struct CodeDoc<'a> {
    /// The code.
    pub code: &'a ErrorCode,
    /// The section's id: the fragment of the code's `doc_url`.
    pub anchor: String,
    /// The code's documentation link.
    pub doc_url: String,
    /// Its status.
    pub status: Status,
    /// Whether it is retryable, as a sentence.
    pub retryable: Vec<Inline>,
    /// What it means.
    pub description: Vec<Inline>,
    /// The deprecation note.
    pub deprecated: Option<Vec<Inline>>,
    /// Its fields.
    pub fields: Vec<FieldDoc>,
    /// Its example as a whole body, in the generated type's member order.
    pub example: Option<Json>,
    /// Why it happens.
    pub cause: Vec<Inline>,
    /// The steps that resolve it.
    pub resolution: Vec<Vec<Inline>>,
    /// Response headers it sends: (header, field).
    pub headers: Vec<(String, String)>,
}

/// One row of a fields table.
pub struct FieldDoc {
    /// Wire name.
    pub name: String,
    /// The type expression (`list<FieldViolation>`).
    pub ty: String,
    /// Whether every instance has it.
    pub required: bool,
    /// Bounds, enum values, or a link to the named type.
    pub constraints: Vec<Inline>,
    /// What it holds.
    pub description: Vec<Inline>,
    /// Whether logs redact it.
    pub sensitive: bool,
}

/// A named type's section.
pub struct TypeDoc<'a> {
    /// The type.
    pub ty: &'a ObjectType,
    /// Its heading (`Type FieldViolation`).
    pub heading: String,
    /// Its anchor.
    pub anchor: String,
    /// What a value is.
    pub description: Vec<Inline>,
    /// Its members (none for a string enum).
    pub fields: Vec<FieldDoc>,
}

/// One response header and the codes that send it.
pub struct HeaderDoc {
    /// The header's name as the catalog writes it.
    pub header: String,
    /// (link to the code, field the value comes from, the field's type and bounds).
    pub sources: Vec<(Inline, String, Vec<Inline>)>,
}

impl<'a> Reference<'a> {
    /// The reference of `catalog`.
    pub fn new(catalog: &'a Catalog) -> Reference<'a> {
        let mut anchors = Anchors::default();
        let code_anchors: Vec<String> = catalog
            .codes
            .iter()
            .map(|c| anchors.code(&catalog.code_doc_url(c), &c.code.value))
            .collect();
        let mut sections = SectionAnchors {
            statuses: anchors.section(HEADINGS.statuses),
            format: anchors.section(HEADINGS.format),
            codes: anchors.section(HEADINGS.codes),
            ..SectionAnchors::default()
        };
        let category_anchors: Vec<String> = catalog
            .categories
            .iter()
            .map(|c| anchors.section(&category_heading(&c.value)))
            .collect();
        sections.types = anchors.section(HEADINGS.types);
        let type_anchors: Vec<(String, String)> = catalog
            .types
            .iter()
            .map(|t| {
                let anchor = anchors.section(&type_heading(&t.name.value));
                (t.name.value.clone(), anchor)
            })
            .collect();
        sections.headers = anchors.section(HEADINGS.headers);
        sections.retry = anchors.section(HEADINGS.retry);
        let cx = Cx {
            catalog,
            code_anchors,
            type_anchors,
        };
        Reference {
            catalog,
            sections,
            statuses: statuses(&cx),
            envelope: generic_envelope(catalog),
            envelope_fields: envelope_fields(),
            categories: categories(&cx, category_anchors),
            types: catalog.types.iter().map(|ty| type_doc(&cx, ty)).collect(),
            headers: headers(&cx),
            retry: retry::guidance(catalog, &|c| cx.link(c)),
        }
    }
}

/// What building a section needs: the catalog and the anchors decided.
struct Cx<'a> {
    catalog: &'a Catalog,
    code_anchors: Vec<String>,
    type_anchors: Vec<(String, String)>,
}

impl Cx<'_> {
    /// A link to `code`'s section.
    fn link(&self, code: &ErrorCode) -> Inline {
        let i = self
            .catalog
            .codes
            .iter()
            .position(|c| std::ptr::eq(c, code))
            .unwrap_or_default();
        Inline::Link {
            code: code.code.value.clone(),
            anchor: self.code_anchors.get(i).cloned().unwrap_or_default(),
        }
    }

    /// The anchor of type `name`.
    fn type_anchor(&self, name: &str) -> String {
        self.type_anchors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| a.clone())
            .unwrap_or_else(|| slug(&type_heading(name)))
    }
}

fn statuses(cx: &Cx<'_>) -> Vec<StatusRow> {
    let catalog = cx.catalog;
    let mut used: Vec<u16> = catalog.codes.iter().map(|c| c.status.value).collect();
    used.sort_unstable();
    used.dedup();
    used.into_iter()
        .map(|s| StatusRow {
            status: status(s),
            codes: catalog
                .codes
                .iter()
                .filter(|c| c.status.value == s)
                .map(|c| cx.link(c))
                .collect(),
        })
        .collect()
}

fn categories<'a>(cx: &Cx<'a>, anchors: Vec<String>) -> Vec<CategoryDoc<'a>> {
    let catalog = cx.catalog;
    let mut out = Vec::new();
    for (category, anchor) in catalog.categories.iter().zip(anchors) {
        let codes: Vec<CodeDoc<'a>> = catalog
            .codes
            .iter()
            .zip(&cx.code_anchors)
            .filter(|(c, _)| c.category.as_ref().map(|x| &x.value) == Some(&category.value))
            .map(|(c, anchor)| code_doc(cx, c, anchor.clone()))
            .collect();
        out.push(CategoryDoc {
            name: category.value.clone(),
            heading: category_heading(&category.value),
            anchor,
            codes,
        });
    }
    out
}

fn code_doc<'a>(cx: &Cx<'a>, code: &'a ErrorCode, anchor: String) -> CodeDoc<'a> {
    let catalog = cx.catalog;
    CodeDoc {
        code,
        anchor,
        doc_url: catalog.code_doc_url(code),
        status: status(code.status.value),
        retryable: retryable_sentence(&code.retryable),
        description: prose(&code.description),
        deprecated: code.deprecated.as_deref().map(prose),
        fields: code.fields.iter().map(|f| field_doc(cx, f)).collect(),
        example: example::envelope(catalog, code),
        cause: prose(&code.cause),
        resolution: code.resolution.iter().map(|s| prose(s)).collect(),
        headers: code
            .headers
            .iter()
            .map(|(h, f)| (h.value.clone(), f.value.clone()))
            .collect(),
    }
}

/// "Yes", "No", or which field decides.
pub fn retryable_sentence(rule: &Retryability) -> Vec<Inline> {
    match rule {
        Retryability::Fixed(true) => vec![text("Yes")],
        Retryability::Fixed(false) => vec![text("No")],
        Retryability::Field { name, default } => vec![
            text("When "),
            code(&name.value),
            text(" is "),
            code("true"),
            text(if *default {
                " (yes when it is absent)"
            } else {
                " (no when it is absent)"
            }),
        ],
    }
}

fn type_doc<'a>(cx: &Cx<'_>, ty: &'a ObjectType) -> TypeDoc<'a> {
    TypeDoc {
        ty,
        heading: type_heading(&ty.name.value),
        anchor: cx.type_anchor(&ty.name.value),
        description: prose(&ty.description),
        fields: ty.fields.iter().map(|f| field_doc(cx, f)).collect(),
    }
}

/// A field's row: its bounds, its enum's values, or a link to its object type.
fn field_doc(cx: &Cx<'_>, field: &Field) -> FieldDoc {
    let mut constraints = Vec::new();
    match (&field.minimum, &field.maximum) {
        (Some(min), Some(max)) => constraints.push(text(format!("{} to {}", min.value, max.value))),
        (Some(min), None) => constraints.push(text(format!("≥ {}", min.value))),
        (None, Some(max)) => constraints.push(text(format!("≤ {}", max.value))),
        (None, None) => {}
    }
    if let Some(name) = field.ty.value.named() {
        let direct = matches!(field.ty.value, FieldType::Named(_));
        match cx.catalog.enum_values(name) {
            Some(values) => {
                constraints.push(text(if direct { "one of " } else { "each one of " }));
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        constraints.push(text(", "));
                    }
                    constraints.push(code(&value.value));
                }
            }
            None => {
                constraints.push(text("see "));
                constraints.push(Inline::Link {
                    code: name.to_owned(),
                    anchor: cx.type_anchor(name),
                });
            }
        }
    }
    FieldDoc {
        name: field.name.value.clone(),
        ty: field.ty.value.to_string(),
        required: field.required,
        constraints,
        description: prose(&field.description),
        sensitive: field.sensitive,
    }
}

fn headers(cx: &Cx<'_>) -> Vec<HeaderDoc> {
    let mut out: Vec<HeaderDoc> = Vec::new();
    for c in &cx.catalog.codes {
        for (header, field) in &c.headers {
            let ty = c.field(&field.value).map_or_else(Vec::new, |f| {
                let doc = field_doc(cx, f);
                let mut ty = vec![code(doc.ty)];
                if !doc.constraints.is_empty() {
                    ty.push(text(", "));
                    ty.extend(doc.constraints);
                }
                ty
            });
            let source = (cx.link(c), field.value.clone(), ty);
            let key = header.value.to_ascii_lowercase();
            match out
                .iter_mut()
                .find(|h| h.header.to_ascii_lowercase() == key)
            {
                Some(doc) => doc.sources.push(source),
                None => out.push(HeaderDoc {
                    header: header.value.clone(),
                    sources: vec![source],
                }),
            }
        }
    }
    out
}
