//! A code's example as the JSON envelope a server sends, members in wire
//! order, pretty-printed.

use amp_errors_catalog::{Catalog, ErrorCode, ExampleValue};

/// The example of `code` as the envelope `{"error": {...}}` that the error
/// built from it serializes to: `code`, `message` (the override, else the
/// template rendered from the example), `param`, the fields the example sets
/// in declaration order (the wire order of an error built here; see the
/// catalog reference), `doc_url`, `request_id`. `None` without an example.
pub(super) fn envelope(catalog: &Catalog, code: &ErrorCode) -> Option<ExampleValue> {
    let example = code.example.as_ref()?;
    let message = match &example.message {
        Some(message) => message.clone(),
        None => code.message.value.render(|name| {
            // `param` is a common member: no field may take its name.
            if name == "param" {
                return example.param.clone();
            }
            example.value(name).map(|value| match value {
                ExampleValue::String(s) => s.clone(),
                other => other.to_json(),
            })
        }),
    };
    let string = |s: &str| ExampleValue::String(s.to_owned());
    let mut members = vec![
        ("code".to_owned(), string(&code.code.value)),
        ("message".to_owned(), string(&message)),
    ];
    if let Some(param) = &example.param {
        members.push(("param".to_owned(), string(param)));
    }
    for field in &code.fields {
        if let Some(value) = example.value(&field.name.value) {
            members.push((field.name.value.clone(), value.clone()));
        }
    }
    members.push(("doc_url".to_owned(), string(&catalog.code_doc_url(code))));
    if let Some(request_id) = &example.request_id {
        members.push(("request_id".to_owned(), string(&request_id.value)));
    }
    Some(ExampleValue::Table(vec![(
        "error".to_owned(),
        ExampleValue::Table(members),
    )]))
}

/// `value` as JSON text indented by two spaces a level (serde_json's pretty
/// form), members in their order.
pub(super) fn pretty(value: &ExampleValue) -> String {
    let mut out = String::new();
    write_pretty(value, 0, &mut out);
    out
}

fn write_pretty(value: &ExampleValue, depth: usize, out: &mut String) {
    let indent = |depth: usize| "  ".repeat(depth);
    match value {
        ExampleValue::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&indent(depth + 1));
                write_pretty(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&indent(depth));
            out.push(']');
        }
        ExampleValue::Table(members) if !members.is_empty() => {
            out.push_str("{\n");
            for (i, (key, member)) in members.iter().enumerate() {
                out.push_str(&indent(depth + 1));
                out.push_str(&ExampleValue::String(key.clone()).to_json());
                out.push_str(": ");
                write_pretty(member, depth + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            out.push_str(&indent(depth));
            out.push('}');
        }
        // Scalars, `[]` and `{}`: the compact form is the pretty one.
        other => out.push_str(&other.to_json()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_rendered_from_the_example_and_members_follow_the_wire_order() {
        let text = r#"
[catalog]
name = "ShopError"
doc_base_url = "https://shop.example/errors"
categories = ["Order"]

[codes.out_of_stock]
status = 409
category = "Order"
retryable = false
message = "{sku} ({param}): {counts}"
doc_url = "https://elsewhere.example/oos"
fields = { sku = { type = "string", required = true }, counts = { type = "list<integer>" } }
example = { request_id = "r1", counts = [1, 2], param = "items", sku = "A-1" }
"#;
        let catalog = amp_errors_catalog::load_str(text).expect("a valid catalog");
        let envelope = envelope(&catalog, &catalog.codes[0]).expect("an example");
        assert_eq!(
            envelope.to_json(),
            r#"{"error":{"code":"out_of_stock","message":"A-1 (items): [1,2]","param":"items","sku":"A-1","counts":[1,2],"doc_url":"https://elsewhere.example/oos","request_id":"r1"}}"#
        );
    }

    #[test]
    fn pretty_json_keeps_member_order() {
        let value = ExampleValue::Table(vec![
            ("zeta".into(), ExampleValue::Integer(1)),
            (
                "alpha".into(),
                ExampleValue::Array(vec![ExampleValue::Float(2.5), ExampleValue::Array(vec![])]),
            ),
            ("e".into(), ExampleValue::Table(vec![])),
        ]);
        assert_eq!(
            pretty(&value),
            "{\n  \"zeta\": 1,\n  \"alpha\": [\n    2.5,\n    []\n  ],\n  \"e\": {}\n}"
        );
    }
}
