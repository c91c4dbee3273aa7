//! The Markdown page: the seed's structure, the catalog's facts, links that land.

use super::catalog_at;
use super::page::{heading_anchors, read_markdown};
use amp_errors_cli::docs;
use serde_json::Value;

#[test]
fn the_page_has_the_seed_sections_statuses_and_envelope() {
    let catalog = catalog_at("catalog.toml");
    let page = read_markdown(&docs::markdown(&catalog));
    let h2: Vec<&str> = page
        .headings
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        h2,
        [
            "HTTP status codes",
            "Error response format",
            "Error codes",
            "Named types",
            "Response headers",
            "Retrying errors"
        ]
    );
    // Categories in catalog order, each with its codes in catalog order.
    let mut expected = Vec::new();
    for category in &catalog.categories {
        expected.push((3, format!("{} errors", category.value)));
        for code in catalog
            .codes
            .iter()
            .filter(|c| c.category.as_ref().map(|x| &x.value) == Some(&category.value))
        {
            expected.push((4, code.code.value.clone()));
        }
    }
    let codes_at = page
        .headings
        .iter()
        .position(|h| h.1 == "Error codes")
        .unwrap();
    let types_at = page
        .headings
        .iter()
        .position(|h| h.1 == "Named types")
        .unwrap();
    assert_eq!(page.headings[codes_at + 1..types_at], expected[..]);

    // The status table: every status used, with its reason phrase and codes.
    let statuses = &page.tables[0];
    assert_eq!(statuses[0], ["Status", "Reason", "Summary", "Codes"]);
    let mut used: Vec<u16> = catalog.codes.iter().map(|c| c.status.value).collect();
    used.sort_unstable();
    used.dedup();
    assert_eq!(statuses.len(), used.len() + 1);
    let row_429 = statuses.iter().find(|r| r[0] == "429").unwrap();
    assert_eq!(row_429[1], "Too Many Requests");
    assert_eq!(row_429[3], "rate_limit_exceeded");
    let row_422 = statuses.iter().find(|r| r[0] == "422").unwrap();
    assert_eq!(row_422[1], "Unprocessable Entity");

    // The envelope and its fields.
    let envelope: Value = serde_json::from_str(&page.code_blocks[0].1).unwrap();
    assert_eq!(
        envelope["error"]["doc_url"],
        "https://docs.amp.dev/api/errors#error_code"
    );
    let fields: Vec<&str> = page.tables[1][1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        fields,
        ["code", "message", "param", "doc_url", "request_id"]
    );
}

#[test]
fn every_code_has_its_facts_fields_cause_and_resolution() {
    let catalog = catalog_at("catalog.toml");
    let page = read_markdown(&docs::markdown(&catalog));
    for code in &catalog.codes {
        for step in &code.resolution {
            assert!(
                page.text.contains(step.as_str()),
                "{}: {step}",
                code.code.value
            );
        }
        assert!(
            page.text.contains(&code.cause),
            "{}'s cause",
            code.code.value
        );
        for field in &code.fields {
            let row = page
                .tables
                .iter()
                .flatten()
                .find(|r| r[0] == field.name.value && r[4].starts_with(&field.description))
                .unwrap_or_else(|| panic!("{}.{} has a row", code.code.value, field.name.value));
            assert_eq!(row[1], field.ty.value.to_string());
            assert_eq!(row[2], if field.required { "yes" } else { "no" });
        }
    }
    let rate = page
        .tables
        .iter()
        .flatten()
        .find(|r| r[0] == "retry_after")
        .unwrap();
    assert_eq!(rate[3], "≥ 0");
    let state = page
        .tables
        .iter()
        .flatten()
        .find(|r| r[0] == "current_state")
        .unwrap();
    assert_eq!(state[3], "one of draft, active, paused, completed");
    assert!(
        page.text
            .contains("Status: 429 Too Many Requests · Retryable: Yes")
    );
    assert!(
        page.text
            .contains("Retryable: When retryable is true (no when it is absent)")
    );
}

#[test]
fn headers_and_retry_guidance_come_from_the_catalog() {
    let catalog = catalog_at("catalog.toml");
    let page = read_markdown(&docs::markdown(&catalog));
    let headers = page.tables.iter().find(|t| t[0][0] == "Header").unwrap();
    let mut expected: Vec<Vec<String>> = Vec::new();
    for code in &catalog.codes {
        for (header, field) in &code.headers {
            expected.push(vec![
                header.value.clone(),
                code.code.value.clone(),
                field.value.clone(),
            ]);
        }
    }
    let mut found: Vec<Vec<String>> = headers[1..].iter().map(|r| r[..3].to_vec()).collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
    assert!(expected.iter().any(|r| r[0] == "Retry-After"));

    let retry = page
        .tables
        .iter()
        .find(|t| t[0] == ["Code", "Retryable"])
        .unwrap();
    let retryable: Vec<&str> = retry[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        retryable,
        [
            "rate_limit_exceeded",
            "provider_error",
            "internal_error",
            "service_unavailable"
        ]
    );
    let waits = page
        .tables
        .iter()
        .find(|t| t[0] == ["Attempt", "Wait before it"])
        .unwrap();
    assert_eq!(
        waits[1..],
        [["1", "none"], ["2", "1000 ms"], ["3", "2000 ms"]]
    );
    assert!(page.text.contains("at most 3 attempts"));
    assert!(page.text.contains("min(1000 ms × 2^n, 30 s)"));
    assert!(page.text.contains("Retry-After header"));
    let (_, js) = page.code_blocks.iter().find(|(l, _)| l == "js").unwrap();
    assert!(js.contains(
        "const RETRYABLE_CODES = ['rate_limit_exceeded', 'internal_error', 'service_unavailable'];"
    ));
    assert!(js.contains("if (error.code === 'provider_error') return error.retryable === true;"));
    assert!(js.contains("Math.min(1000 * Math.pow(2, attempt), 30000)"));
}

#[test]
fn every_link_of_the_markdown_lands_on_a_heading() {
    let page = read_markdown(&docs::markdown(&catalog_at("catalog.toml")));
    let anchors = heading_anchors(&page);
    assert!(!page.links.is_empty());
    for link in &page.links {
        let anchor = link
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{link} is on the page"));
        assert!(anchors.iter().any(|a| a == anchor), "no heading for {link}");
    }
    let catalog = catalog_at("catalog.toml");
    for code in &catalog.codes {
        let fragment = catalog
            .code_doc_url(code)
            .split_once('#')
            .unwrap()
            .1
            .to_owned();
        assert!(
            anchors.contains(&fragment),
            "{}'s doc_url lands on its heading",
            code.code.value
        );
    }
}
