//! Message templates: literal text with `{field}` placeholders, `{{` and `}}` for braces.

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text copied as is (escapes already resolved).
    Literal(String),
    /// The value of the named field.
    Field(String),
}

/// A parsed message template.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    /// The template as written in the catalog.
    pub source: String,
    /// Its pieces, in order.
    pub segments: Vec<Segment>,
}

/// A template that does not parse, with the character offset of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Offset in characters from the template's first character.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl Template {
    /// Parses `source`.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut chars = source.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().is_some_and(|&(_, n)| n == '{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek().is_some_and(|&(_, n)| n == '}') => {
                    chars.next();
                    literal.push('}');
                }
                '}' => {
                    return Err(TemplateError {
                        offset: i,
                        message:
                            "unmatched `}` in message template; write `}}` for a literal brace"
                                .into(),
                    });
                }
                '{' => {
                    let mut name = String::new();
                    let mut closed = false;
                    for (_, n) in chars.by_ref() {
                        if n == '}' {
                            closed = true;
                            break;
                        }
                        if n == '{' {
                            break;
                        }
                        name.push(n);
                    }
                    if !closed {
                        return Err(TemplateError {
                            offset: i,
                            message:
                                "unclosed `{` in message template; write `{{` for a literal brace"
                                    .into(),
                        });
                    }
                    let name = name.trim();
                    let valid = name
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                    if !valid {
                        return Err(TemplateError {
                            offset: i,
                            message: format!(
                                "`{{{name}}}` in message template is not a field name; expected `{{snake_case_field}}`"
                            ),
                        });
                    }
                    if !literal.is_empty() {
                        segments.push(Segment::Literal(std::mem::take(&mut literal)));
                    }
                    segments.push(Segment::Field(name.to_owned()));
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            segments.push(Segment::Literal(literal));
        }
        Ok(Template {
            source: source.to_owned(),
            segments,
        })
    }

    /// The fields the template interpolates, in order, each once.
    pub fn fields(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for segment in &self.segments {
            if let Segment::Field(name) = segment
                && !out.contains(&name.as_str())
            {
                out.push(name);
            }
        }
        out
    }

    /// The text, when the template has no placeholder.
    pub fn as_literal(&self) -> Option<String> {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Field(_) => return None,
            }
        }
        Some(out)
    }

    /// Renders the template, looking fields up with `value_of` (a JSON value's
    /// string form: strings bare, everything else as JSON).
    pub fn render(&self, mut value_of: impl FnMut(&str) -> Option<String>) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Field(name) => out.push_str(&value_of(name).unwrap_or_default()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_escapes() -> Result<(), TemplateError> {
        let t = Template::parse("Retry after {retry_after} s {{literal}}")?;
        assert_eq!(
            t.segments,
            vec![
                Segment::Literal("Retry after ".into()),
                Segment::Field("retry_after".into()),
                Segment::Literal(" s {literal}".into()),
            ]
        );
        assert_eq!(t.fields(), vec!["retry_after"]);
        assert_eq!(
            t.render(|_| Some("45".into())),
            "Retry after 45 s {literal}"
        );
        assert_eq!(t.as_literal(), None);
        assert_eq!(
            Template::parse("plain")?.as_literal().as_deref(),
            Some("plain")
        );
        Ok(())
    }

    #[test]
    fn unbalanced_braces_are_located() {
        assert_eq!(Template::parse("ab {x").unwrap_err().offset, 3);
        assert_eq!(Template::parse("ab } x").unwrap_err().offset, 3);
        assert!(Template::parse("{}").is_err());
        assert!(Template::parse("{Bad Name}").is_err());
    }
}
