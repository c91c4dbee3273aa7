//! `amp-errors diff OLD NEW`: the changes between two versions of a catalog,
//! each judged breaking or compatible, so that CI can refuse a breaking one.
//!
//! `OLD` and `NEW` are each a path, or a git revision spec `REV:PATH` read
//! with `git show` in the current directory (`main:catalog.toml`,
//! `HEAD~1:api/catalog.toml`); a path that exists on disk wins. Both must
//! check.
//!
//! # The rules
//!
//! Who a change can break: clients compiled against the old catalog reading
//! errors from a server built with the new one (and the other way round
//! during a rollout), and Rust code written against the generated type.
//! Reading is tolerant (unknown codes land in the fallback variant, unknown
//! members and values are kept), so what merely adds is compatible, and what
//! takes away, renames or changes the meaning of something a client may
//! match on is breaking. Documentation text (description, cause, resolution,
//! field descriptions) is not compared.
//!
//! | Rule | Kind | Why |
//! |---|---|---|
//! | `code-removed` | breaking | clients match on it; a code removed without retiring it may come back with another meaning |
//! | `code-renamed` | breaking | a removed code and an added one with the same status, category and fields: reported once, as a likely rename |
//! | `code-retired` | compatible | a code removed and listed in `catalog.retired` (or a name retired that was never a code): servers stop sending it, it is never reused, clients read it as unknown (the generated variant is gone: deprecate first, so that Rust code is warned; the report says when it was not) |
//! | `code-added` | compatible; breaking when the new catalog sets `non_exhaustive = false` | old clients read it as unknown; an exhaustive enum breaks every `match` |
//! | `retired-code-reused` | breaking | old clients read a retired code as unknown, or with its old meaning |
//! | `retirement-withdrawn` | breaking | a code dropped from `catalog.retired` (and not reused) may be reused later |
//! | `status-changed` | breaking | clients match on status and code together |
//! | `category-changed` | breaking | clients group and match on categories |
//! | `retryability-changed` | breaking | clients decide to retry from it (fixed value, field, or the field's default) |
//! | `placeholder-dropped` | breaking | the message no longer carries a value clients may show or parse |
//! | `message-changed` | compatible | the template is reworded, every placeholder kept |
//! | `code-deprecated`, `code-undeprecated` | compatible | a warning for Rust code only |
//! | `doc-url-changed` | compatible | the link changes, not the error |
//! | `header-removed`, `header-field-changed` | breaking | clients and proxies read headers such as `Retry-After` |
//! | `header-added` | compatible | |
//! | `field-removed` | breaking | clients read it |
//! | `field-added` | compatible | an optional field: old clients keep it as an unknown member |
//! | `required-field-added` | breaking | errors from servers built before lack it (the client falls back to the unknown variant), and constructors gain a parameter |
//! | `field-type-changed` | breaking | old clients cannot read the new values |
//! | `field-made-required` | breaking | errors built before lack it; constructors change |
//! | `field-made-optional` | breaking | old clients require it: an error without it no longer reads as its code |
//! | `bounds-narrowed` | breaking | a minimum raised or added, a maximum lowered or added: values valid before are rejected |
//! | `bounds-widened` | compatible | old clients keep an out-of-range value as received |
//! | `field-made-signed` | breaking | bounds widened below 0: the generated Rust type changes from `u64` to `i64` |
//! | `field-sensitivity-changed` | compatible | the wire is unchanged; only redaction changes |
//! | `enum-value-removed` | breaking | clients match on the value |
//! | `enum-value-added` | compatible | old clients read it as the enum's `Unknown` |
//! | `type-removed`, `type-kind-changed` | breaking | Rust code names the generated type |
//! | `type-added` | compatible | |
//! | `category-removed`, `category-added` | breaking | the generated category enum is exhaustive |
//! | `catalog-name-changed`, `fallback-variant-changed` | breaking | generated type and variant names change |
//! | `made-non-exhaustive` | breaking | downstream exhaustive matches need a wildcard arm |
//! | `made-exhaustive` | compatible | wildcard arms become unreachable (a warning) |
//! | `doc-base-url-changed`, `request-id-prefix-changed` | compatible | links and new request ids change, not errors |
//! | `http-answer-changed`, `http-answer-removed` | breaking | the same request (a body that is not JSON, an unknown route) gets another code and status |
//! | `http-answer-added` | compatible | a failure the catalog did not answer (sent with its own key and status) now gets a catalog code |
//!
//! Field rules apply to a code's fields and to the members of an object
//! type alike (reported with the type's name instead of a code).
//!
//! Exit status: 0 without breaking changes, 1 with any, 2 when a catalog
//! cannot be read (a missing file, a bad revision) or does not check.
//!
//! # `--format json`
//!
//! One document on stdout (exit 0 or 1; nothing on stdout for exit 2):
//!
//! ```json
//! {
//!   "old": "main:catalog.toml",
//!   "new": "catalog.toml",
//!   "breaking": 1,
//!   "compatible": 0,
//!   "changes": [
//!     { "kind": "breaking", "rule": "status-changed", "code": "rate_limit_exceeded",
//!       "type": null, "field": null, "old": "429", "new": "503",
//!       "message": "status changed", "line": 9, "column": 10 }
//!   ]
//! }
//! ```
//!
//! `kind` is `breaking` or `compatible`; `code` or `type` names what changed
//! (both `null` for catalog-wide settings), `field` the field or member;
//! `old` and `new` are the values as text (`null` where one side has none);
//! `line` and `column` are the location in `NEW`, `null` where it has none.

mod catalog;
mod codes;
mod fields;
mod http;
mod report;
mod source;

use amp_errors_catalog::{Catalog, Location};

use crate::common::{Source, err, out, print_failure};
use crate::{Color, Exit, Format};

/// The long help of `amp-errors diff`.
pub const ABOUT: &str = "\
Report the changes between two versions of a catalog, breaking or compatible.

OLD and NEW are paths, or git revision specs REV:PATH read with `git show` \
(e.g. `main:catalog.toml`); a path that exists on disk wins.

Breaking: a code removed or renamed, a retired code reused, a status, \
category or retryability changed, a field removed, retyped, narrowed \
(bounds tightened, enum values removed), made required or made optional, a \
required field added, a template placeholder dropped, a response header \
removed, generated names changed. Compatible: codes added (breaking when \
non_exhaustive = false), codes retired, optional fields added, types widened \
(bounds loosened, enum values added), deprecations, reworded messages, links. \
Documentation text is not compared.

Rules (stable ids), breaking: code-removed, code-renamed, retired-code-reused, \
retirement-withdrawn, status-changed, category-changed, retryability-changed, \
placeholder-dropped, header-removed, header-field-changed, field-removed, \
required-field-added, field-type-changed, field-made-required, \
field-made-optional, bounds-narrowed, field-made-signed, enum-value-removed, \
type-removed, type-kind-changed, category-removed, category-added, \
catalog-name-changed, fallback-variant-changed, made-non-exhaustive; \
compatible: code-added (breaking when non_exhaustive = false), code-retired, \
message-changed, code-deprecated, code-undeprecated, doc-url-changed, \
header-added, field-added, bounds-widened, field-sensitivity-changed, \
enum-value-added, type-added, made-exhaustive, doc-base-url-changed, \
request-id-prefix-changed.

Exit status: 0 without breaking changes, 1 with any, 2 when a catalog cannot \
be read or does not check.";

/// Arguments of `amp-errors diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old catalog: a path, or REV:PATH (e.g. `main:catalog.toml`).
    pub old: String,
    /// The new catalog: a path, or REV:PATH.
    pub new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t)]
    pub color: Color,
}

/// Whether a change breaks clients or Rust code written against the old catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Clients or code built against the old catalog may break.
    Breaking,
    /// Nothing built against the old catalog breaks.
    Compatible,
}

/// One change between the catalogs.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Breaking or compatible.
    pub kind: Kind,
    /// The rule's stable id, such as `status-changed`.
    pub rule: &'static str,
    /// The code that changed.
    pub code: Option<String>,
    /// The named type that changed.
    pub ty: Option<String>,
    /// The field (or type member) that changed.
    pub field: Option<String>,
    /// The old value, as text.
    pub old: Option<String>,
    /// The new value, as text.
    pub new: Option<String>,
    /// What changed, in words.
    pub message: String,
    /// Where in the new catalog.
    pub location: Option<Location>,
}

impl Change {
    /// A change of `rule` with its `kind` and `message`, about nothing yet.
    fn new(kind: Kind, rule: &'static str, message: impl Into<String>) -> Self {
        Change {
            kind,
            rule,
            code: None,
            ty: None,
            field: None,
            old: None,
            new: None,
            message: message.into(),
            location: None,
        }
    }

    /// The change about `code`.
    fn code(mut self, code: &str) -> Self {
        self.code = Some(code.to_owned());
        self
    }

    /// The change about the named type `ty`.
    fn ty(mut self, ty: &str) -> Self {
        self.ty = Some(ty.to_owned());
        self
    }

    /// The change about `field`.
    fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    /// The old and new values.
    fn values(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old = old;
        self.new = new;
        self
    }

    /// Where in the new catalog.
    fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

/// Every change from `old` to `new`: catalog-wide settings, named types, then codes.
pub fn changes(old: &Catalog, new: &Catalog) -> Vec<Change> {
    let mut out = Vec::new();
    catalog::settings(old, new, &mut out);
    catalog::types(old, new, &mut out);
    codes::codes(old, new, &mut out);
    http::http(old, new, &mut out);
    out
}

/// Runs `amp-errors diff`.
pub fn run(args: &Args) -> Exit {
    let Some((old_source, old)) = load(&args.old) else {
        return Exit::Failure;
    };
    let Some((new_source, new)) = load(&args.new) else {
        return Exit::Failure;
    };
    let changes = changes(&old, &new);
    let names = (old_source.name.as_str(), new_source.name.as_str());
    match args.format {
        Format::Json => report::json(names, &changes),
        Format::Text => out(&report::text(names, &changes, args.color.enabled())),
    }
    if changes.iter().any(|c| c.kind == Kind::Breaking) {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// The catalog `spec` names, read and checked; `None` when it cannot be read
/// or does not check (why, on stderr).
fn load(spec: &str) -> Option<(Source, Catalog)> {
    let source = source::read(spec)
        .map_err(|problem| print_failure(spec, &problem))
        .ok()?;
    match source.load() {
        Ok(catalog) => Some((source, catalog)),
        Err(problems) => {
            err(&source.render_problems(&problems, false));
            None
        }
    }
}
