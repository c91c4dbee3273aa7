//! A Markdown page as a CommonMark + GFM parser (pulldown-cmark) reads it.

use amp_errors_cli::docs::anchors::slug;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a Markdown page is made of, as a CommonMark + GFM parser reads it.
#[derive(Debug, Default)]
pub struct Page {
    /// (level, text) in order.
    pub headings: Vec<(usize, String)>,
    /// Link destinations.
    pub links: Vec<String>,
    /// Tables: rows of cells' text (the header row first).
    pub tables: Vec<Vec<Vec<String>>>,
    /// Fenced code blocks: (language, content).
    pub code_blocks: Vec<(String, String)>,
    /// Raw HTML, block or inline.
    pub html: Vec<String>,
    /// The text of paragraphs and list items, code marks dropped.
    pub text: String,
}

pub fn read_markdown(markdown: &str) -> Page {
    let mut page = Page::default();
    let (mut heading, mut cell, mut code): (Option<String>, Option<String>, Option<String>) =
        (None, None, None);
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(level)) => page
                .headings
                .push((level as usize, heading.take().unwrap_or_default())),
            Event::Start(Tag::Link { dest_url, .. }) => page.links.push(dest_url.to_string()),
            Event::Start(Tag::Table(_)) => page.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                page.tables.last_mut().unwrap().push(Vec::new())
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let row = page.tables.last_mut().unwrap().last_mut().unwrap();
                row.push(cell.take().unwrap_or_default());
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(l) => l.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                page.code_blocks.push((language, String::new()));
                code = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                page.code_blocks.last_mut().unwrap().1 = code.take().unwrap_or_default();
            }
            Event::Html(html) | Event::InlineHtml(html) => page.html.push(html.to_string()),
            Event::Text(text) | Event::Code(text) => {
                let target = [&mut code, &mut cell, &mut heading]
                    .into_iter()
                    .find_map(|t| t.as_mut());
                match target {
                    Some(t) => t.push_str(&text),
                    None => page.text.push_str(&text),
                }
            }
            Event::SoftBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => page.text.push('\n'),
            _ => {}
        }
    }
    page
}

/// GitHub's heading anchors, deduplicated in document order (`x`, `x-1`).
pub fn heading_anchors(page: &Page) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, text) in &page.headings {
        let base = slug(text);
        let mut candidate = base.clone();
        let mut n = 0;
        while out.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        out.push(candidate);
    }
    out
}
