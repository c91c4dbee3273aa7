//! The catalogs of the rule tests: the old one is [`base`], each new one an
//! edit of it; and the assertion that a change is reported with its kind and
//! the exit status to match.

use serde_json::{Value, json};

use super::run;

pub(super) const SETTINGS: &str = r#"[catalog]
name = "ShopError"
doc_base_url = "https://shop.example/errors"
request_id_prefix = "req_"
categories = ["Order", "Payment"]
retired = [{ code = "old_code", note = "gone" }]
"#;

pub(super) const TYPES: &str = r#"
[types.Money]
description = "An amount."
fields = { amount = { type = "integer", required = true, minimum = 0, maximum = 100000, description = "Cents." } }

[types.State]
description = "Order state."
enum = ["open", "paid", "shipped"]
"#;

pub(super) const OUT_OF_STOCK: &str = r#"
[codes.out_of_stock]
status = 409
category = "Order"
retryable = false
message = "Item {sku} is out of stock."

[codes.out_of_stock.headers]
Retry-After = "wait"

[codes.out_of_stock.fields]
sku = { type = "string", required = true, description = "The item." }
wait = { type = "integer", minimum = 0, maximum = 3600, description = "Seconds." }
state = { type = "State", description = "The order's state." }
secret = { type = "string", description = "A token." }
"#;

pub(super) const CARD_DECLINED: &str = r#"
[codes.card_declined]
status = 402
category = "Payment"
retryable = { field = "retry", default = false }
message = "The card was declined."

[codes.card_declined.fields]
retry = { type = "boolean", description = "Whether to retry." }
price = { type = "Money", description = "The price." }
"#;

pub(super) const GONE_SOON: &str = r#"
[codes.gone_soon]
status = 410
category = "Order"
retryable = false
message = "Going away."
deprecated = "use `out_of_stock` instead"
"#;

/// The old catalog of every case.
pub(super) fn base() -> String {
    [SETTINGS, TYPES, OUT_OF_STOCK, CARD_DECLINED, GONE_SOON].concat()
}

/// `text` with `from` replaced by `to`, which must be there.
pub(super) fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the catalog");
    text.replacen(from, to, 1)
}

/// The JSON report and exit status of `diff OLD NEW` over two texts.
pub(super) fn diff(old: &str, new: &str) -> (i32, Value) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("old.toml"), old).expect("written");
    std::fs::write(dir.path().join("new.toml"), new).expect("written");
    let (code, stdout, stderr) = run(
        dir.path(),
        &["diff", "old.toml", "new.toml", "--format", "json"],
    );
    assert_ne!(code, 2, "both catalogs check: {stderr}");
    (
        code,
        serde_json::from_str(&stdout).expect("one JSON document"),
    )
}

/// Asserts that `diff(base, new)` reports `rule` as `kind`, and exits with
/// `exit`; returns the change.
#[track_caller]
pub(super) fn assert_change(new: &str, rule: &str, kind: &str, exit: i32) -> Value {
    let (code, report) = diff(&base(), new);
    let changes = report["changes"].as_array().expect("changes");
    let Some(change) = changes.iter().find(|c| c["rule"] == rule) else {
        panic!("no {rule} in {changes:#?}");
    };
    assert_eq!(change["kind"], kind, "{change:#}");
    assert_eq!(code, exit, "{report:#}");
    let breaking = changes.iter().filter(|c| c["kind"] == "breaking").count();
    assert_eq!(report["breaking"], breaking);
    assert_eq!(code, i32::from(breaking > 0));
    change.clone()
}

#[test]
fn the_same_catalog_has_no_changes() {
    let (code, report) = diff(&base(), &base());
    assert_eq!(code, 0);
    assert_eq!(report["changes"], json!([]));
}
