//! `amp-errors schema`: the committed schemas are current, and a real JSON
//! Schema validator (the `jsonschema` crate) holds them to the wire: every
//! catalog example, every JSON body of the AMP "Errors" page and every example
//! the generated type writes validates; bodies that break the catalog's rules
//! do not; the tolerant parts (unknown codes, undeclared members) are accepted.

use std::path::{Path, PathBuf};

use amp_errors_catalog::Catalog;
use amp_errors_cli::schema::{self, example};
use serde_json::{Value, json};

/// The AMP "Errors" page's JSON bodies, as the root crate's tests read them.
#[allow(dead_code)]
#[path = "../../tests/seed/mod.rs"]
mod seed;

mod amp {
    amp_errors::amp_errors!("../catalog.toml");
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn catalog_at(relative: &str) -> Catalog {
    amp_errors_catalog::load(&root().join(relative)).expect("a valid catalog")
}

fn amp_catalog() -> Catalog {
    catalog_at("catalog.toml")
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

/// Every error of `body` against `validator`, as text.
fn errors(validator: &jsonschema::Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, body: &Value, what: &str) {
    let errors = errors(validator, body);
    assert!(
        errors.is_empty(),
        "{what} must validate: {errors:#?}\n{body:#}"
    );
}

fn assert_invalid(validator: &jsonschema::Validator, body: &Value, what: &str) {
    assert!(
        !validator.is_valid(body),
        "{what} must be rejected, but validates:\n{body:#}"
    );
}

/// The schema of the OpenAPI document's component `name`, as a standalone
/// JSON Schema (references resolve inside the document).
fn component(openapi: &Value, name: &str) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": openapi["components"],
    })
}

/// Every body the wire contract shows: the catalog's examples (as the
/// library renders them and as the generated type writes them) and the
/// seed page's JSON.
fn amp_bodies(catalog: &Catalog) -> Vec<(String, Value)> {
    let mut bodies = Vec::new();
    for code in &catalog.codes {
        let body = example::envelope(catalog, code).expect("AMP gives every code an example");
        bodies.push((
            format!("catalog example {}", code.code.value),
            parse(&body.compact()),
        ));
    }
    for error in amp::AmpError::examples() {
        let body = serde_json::to_value(amp_errors::ErrorResponse::new(error.clone()))
            .expect("serializes");
        bodies.push((format!("generated example {}", error.code()), body));
    }
    for (name, text) in seed::SEED {
        bodies.push((format!("seed {name}.json"), parse(text)));
    }
    assert_eq!(bodies.len(), 3 * catalog.codes.len());
    bodies
}

/// The committed file `relative` holds `expected`; regenerate with the
/// command shown (or `AMP_ERRORS_BLESS=1` to let this test write it).
fn assert_committed(relative: &str, expected: &str, command: &str) {
    let path = root().join(relative);
    if std::env::var_os("AMP_ERRORS_BLESS").is_some() {
        std::fs::write(&path, expected).expect("write");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == expected,
        "{relative} is out of date (it is not what `amp-errors` writes from catalog.toml).\nRegenerate it from the repository's root with:\n    cargo run -p amp-errors-cli -- {command}\n"
    );
}

#[test]
fn committed_schemas_are_up_to_date() {
    let catalog = amp_catalog();
    assert_committed(
        "docs/schema/errors.schema.json",
        &schema::json_schema(&catalog).unwrap(),
        "schema catalog.toml -o docs/schema/errors.schema.json",
    );
    assert_committed(
        "docs/schema/openapi.json",
        &schema::openapi(&catalog).unwrap(),
        "schema catalog.toml --openapi -o docs/schema/openapi.json",
    );
}

#[test]
fn the_json_schema_is_a_valid_2020_12_schema() {
    let schema = parse(&schema::json_schema(&amp_catalog()).unwrap());
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(error) = jsonschema::meta::validate(&schema) {
        panic!("not a valid JSON Schema: {error}");
    }
    let openapi = parse(&schema::openapi(&amp_catalog()).unwrap());
    for (name, component) in openapi["components"]["schemas"].as_object().unwrap() {
        let mut standalone = component.clone();
        standalone["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        assert!(
            jsonschema::meta::is_valid(&standalone),
            "components.schemas.{name} is not a valid 2020-12 schema"
        );
    }
}

#[test]
fn every_example_and_seed_body_validates_against_the_json_schema() {
    let catalog = amp_catalog();
    let validator = validator(&parse(&schema::json_schema(&catalog).unwrap()));
    for (what, body) in amp_bodies(&catalog) {
        assert_valid(&validator, &body, &what);
    }
}

#[test]
fn every_example_and_seed_body_validates_against_the_openapi_schemas() {
    let catalog = amp_catalog();
    let openapi = parse(&schema::openapi(&catalog).unwrap());
    let envelope = validator(&component(&openapi, "AmpErrorResponse"));
    for (what, body) in amp_bodies(&catalog) {
        assert_valid(&envelope, &body, &what);
    }
    // Each code's own schema takes its examples' and seed's inner objects,
    // and no other code's.
    let mapping = openapi["components"]["schemas"]["AmpError"]["discriminator"]["mapping"]
        .as_object()
        .unwrap()
        .clone();
    assert_eq!(mapping.len(), catalog.codes.len());
    let bodies = amp_bodies(&catalog);
    for (code, target) in &mapping {
        let name = target.as_str().unwrap().rsplit('/').next().unwrap();
        let per_code = validator(&component(&openapi, name));
        for (what, body) in &bodies {
            let error = &body["error"];
            if error["code"] == json!(code) {
                assert_valid(&per_code, error, &format!("{what} against {name}"));
            } else {
                assert_invalid(&per_code, error, &format!("{what} against {name}"));
            }
        }
    }
}

#[test]
fn the_openapi_responses_take_their_status_codes() {
    let catalog = amp_catalog();
    let openapi = parse(&schema::openapi(&catalog).unwrap());
    assert_eq!(openapi["openapi"], "3.1.0");
    let responses = openapi["components"]["responses"].as_object().unwrap();
    let mut statuses: Vec<u16> = catalog.codes.iter().map(|c| c.status.value).collect();
    statuses.sort_unstable();
    statuses.dedup();
    assert_eq!(responses.len(), statuses.len());
    let too_many = &responses["AmpErrorTooManyRequests"];
    assert_eq!(
        too_many["headers"]["Retry-After"]["schema"],
        json!({"type": "integer", "minimum": 0})
    );
    assert!(too_many["headers"]["X-RateLimit-Limit"].is_object());
    let media = &too_many["content"]["application/json"];
    assert!(media["examples"]["rate_limit_exceeded"]["value"]["error"].is_object());
    let mut document = openapi.clone();
    document["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    document["$ref"] =
        json!("#/components/responses/AmpErrorTooManyRequests/content/application~1json/schema");
    let v = validator(&document);
    for (what, body) in amp_bodies(&catalog) {
        if body["error"]["code"] == "rate_limit_exceeded" {
            assert_valid(&v, &body, &what);
        } else if body["error"]["code"] != "error_code" {
            // Another status's known code is no 429 body.
            assert_invalid(&v, &body, &what);
        }
    }
    assert_valid(
        &v,
        &json!({"error": {"code": "quota_exceeded", "message": "newer"}}),
        "an unknown code with status 429",
    );
}

#[test]
fn the_discriminator_maps_every_code_to_its_schema() {
    let catalog = amp_catalog();
    let openapi = parse(&schema::openapi(&catalog).unwrap());
    let schemas = &openapi["components"]["schemas"];
    let union = &schemas["AmpError"];
    assert_eq!(union["discriminator"]["propertyName"], "code");
    let branches = union["oneOf"].as_array().unwrap();
    assert_eq!(
        branches.len(),
        catalog.codes.len() + 1,
        "every code and the catch-all"
    );
    assert_eq!(
        branches.last().unwrap()["$ref"],
        "#/components/schemas/AmpErrorUnknown"
    );
    for code in &catalog.codes {
        let target = union["discriminator"]["mapping"][&code.code.value]
            .as_str()
            .unwrap();
        let name = target.strip_prefix("#/components/schemas/").unwrap();
        assert_eq!(
            schemas[name]["properties"]["code"]["const"],
            json!(code.code.value)
        );
        assert!(branches.iter().any(|b| b["$ref"] == json!(target)));
    }
    let known = &schemas["AmpErrorUnknown"]["properties"]["code"]["not"]["enum"];
    assert_eq!(known.as_array().unwrap().len(), catalog.codes.len());
}

#[path = "schema/bodies.rs"]
mod bodies;
#[path = "schema/command.rs"]
mod command;
