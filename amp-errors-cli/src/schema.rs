//! `amp-errors schema`: the JSON Schema (draft 2020-12) of a catalog's error
//! response bodies, or with `--openapi` the OpenAPI 3.1 components.
//!
//! The JSON Schema validates a whole body as it is sent, `{"error": {...}}`:
//! its root references the envelope, whose `error` is one of the codes'
//! schemas (each with `code` as a `const`, its required fields, field types,
//! bounds and enum values) or the catch-all for codes the catalog does not
//! know. What it accepts and rejects is listed in [`defs`]. AMP's outputs are
//! committed as `docs/schema/errors.schema.json` and `docs/schema/openapi.json`,
//! kept up to date by `tests/schema.rs`.

use std::path::PathBuf;

use amp_errors_catalog::Catalog;

use crate::docs::output::{self, Target, shell_word};
use crate::{Color, Exit, Format};

pub mod openapi;

pub use amp_errors_catalog::schema::{defs, example, json, json_schema, json_schema_value};

use defs::Names;
use json::Json;

/// Examples and exit statuses (a macro, so that `concat!` can join it).
macro_rules! schema_examples {
    () => {
        "Examples:
  amp-errors schema catalog.toml -o docs/schema/errors.schema.json
  amp-errors schema catalog.toml --openapi -o docs/schema/openapi.json
  amp-errors schema catalog.toml -o docs/schema/errors.schema.json --check

Exit status: 0 written (or up to date with --check); 1 with --check, the file is \
out of date; 2 the catalog cannot be read or is invalid (its problems are printed), \
two schemas would have one name, or the arguments are wrong."
    };
}

/// `-h`'s text after the options: examples and exit statuses.
const AFTER_HELP: &str = schema_examples!();

/// `--help`'s text after the options: what the command does in full (the
/// one-line summary is the subcommand's doc in `main.rs`), then the examples.
const AFTER_LONG_HELP: &str = concat!(
    "Write the JSON Schema or the OpenAPI components of a catalog's error responses.

By default, the JSON Schema (draft 2020-12) of the whole response body, \
{\"error\": {...}}: one subschema per code (code as a const, the required \
fields, field types with minimum/maximum, string enums, named object types in \
$defs, lists and maps) and a catch-all for codes the catalog does not know, \
whose code excludes the known ones, so a malformed known code is rejected \
rather than accepted as unknown. Undeclared members are allowed everywhere: \
a newer server may add them.

With --openapi, an OpenAPI 3.1 document with components only: the same \
schemas under components.schemas, the union as a oneOf with a discriminator \
on code (plus the catch-all), and one entry per HTTP status under \
components.responses, with the headers its codes send and their examples.

The output is JSON in both formats; --format json makes failures and --check \
reports JSON too.",
    "\n\n",
    schema_examples!()
);

/// Arguments of `amp-errors schema`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP, after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    /// The catalog file (catalog.toml).
    #[arg(value_name = "CATALOG")]
    pub catalog: PathBuf,
    /// Write OpenAPI 3.1 components instead of a JSON Schema.
    #[arg(long)]
    pub openapi: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write nothing; exit 1 when FILE (-o) differs from what would be written.
    #[arg(long, requires = "output")]
    pub check: bool,
    /// When to colour the catalog's problems.
    #[arg(long, value_enum, default_value_t)]
    pub color: Color,
    /// Report format: the schema is JSON either way; json also makes failures JSON.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs `amp-errors schema`.
pub fn run(args: &Args) -> Exit {
    let catalog = match output::load("schema", &args.catalog, args.format, args.color) {
        Ok(catalog) => catalog,
        Err(exit) => return exit,
    };
    let text = if args.openapi {
        openapi(&catalog)
    } else {
        json_schema(&catalog)
    };
    let text = match text {
        Ok(text) => text,
        Err(message) => return output::usage_error("schema", &message, args.format),
    };
    let mut regenerate = format!("amp-errors schema {}", shell_word(&args.catalog));
    if args.openapi {
        regenerate.push_str(" --openapi");
    }
    if let Some(path) = &args.output {
        regenerate.push_str(&format!(" -o {}", shell_word(path)));
    }
    output::emit(
        &text,
        &Target {
            command: "schema",
            output: args.output.as_deref(),
            check: args.check,
            format: args.format,
            regenerate,
        },
    )
}

/// The OpenAPI 3.1 document of `catalog`'s error responses, as a value.
pub fn openapi_value(catalog: &Catalog) -> Result<Json, String> {
    let names = Names::new(catalog)?;
    Ok(openapi::document(catalog, &names))
}

/// The OpenAPI 3.1 document of `catalog`'s error responses (indented, with a final newline).
pub fn openapi(catalog: &Catalog) -> Result<String, String> {
    Ok(openapi_value(catalog)?.pretty() + "\n")
}
