//! Two catalogs in one crate (AMP's and a shop's), with different type names,
//! and a catalog whose codes the tests walk generically: adding a code to
//! `tests/catalogs/shop.toml` needs no Rust edit to build, serialize and parse it.

mod shop {
    amp_errors::amp_errors!("tests/catalogs/shop.toml");
}

mod many {
    amp_errors::amp_errors!("tests/catalogs/many.toml");
}

use amp_api_errors::AmpError;
use amp_errors::{CatalogError, ErrorResponse};
use shop::{ShopError, ShopErrorCode, ShopErrorLineItem};

fn round_trip<E: CatalogError + PartialEq + std::fmt::Debug>(examples: Vec<E>) {
    for example in examples {
        let body = serde_json::to_string(&ErrorResponse::new(example.clone())).unwrap();
        let parsed: ErrorResponse<E> = serde_json::from_str(&body).unwrap();
        assert_eq!(parsed.error, example, "{body}");
        assert_eq!(serde_json::to_string(&parsed).unwrap(), body);
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(value["error"]["code"], example.code());
        assert_eq!(value["error"]["doc_url"], example.doc_url().as_ref());
        assert_eq!(value["error"]["message"], example.message().as_ref());
        assert!(E::CATALOG.code(example.code()).is_some());
    }
}

#[test]
fn every_code_of_both_catalogs_round_trips_without_naming_it() {
    round_trip(ShopError::examples());
    round_trip(AmpError::examples());
    assert_eq!(ShopError::examples().len(), ShopErrorCode::ALL.len());
}

/// 300 codes: `from_wire` reads the hash table the macro built, hashed and
/// probed by the runtime as the macro did.
#[test]
fn a_large_catalog_finds_every_code_through_its_table() {
    use many::{ManyError, ManyErrorCode};
    assert_eq!(ManyErrorCode::ALL.len(), 300);
    for code in ManyErrorCode::ALL {
        assert_eq!(ManyErrorCode::from_wire(code.as_str()), Some(code));
    }
    for other in [
        "",
        "resource_gone",
        "resource_gone_300",
        "upstream_failed_1",
        "resource_gone_1 ",
    ] {
        assert_eq!(ManyErrorCode::from_wire(other), None, "{other:?}");
    }
    round_trip(ManyError::examples());
    assert_eq!(ManyError::examples().len(), 300);
}

#[test]
fn the_shop_catalog_has_its_own_types() {
    let err = ShopErrorCode::OutOfStock.example().unwrap();
    assert_eq!(err.to_string(), "TEA-01 is out of stock (2 left).");
    let ShopError::OutOfStock {
        lines: Some(lines), ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(
        lines[0],
        ShopErrorLineItem {
            sku: "TEA-01".into(),
            quantity: 5,
            gift: Some(true),
            ..Default::default()
        }
    );
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"code":"out_of_stock","message":"TEA-01 is out of stock (2 left).","sku":"TEA-01","available":2,"lines":[{"sku":"TEA-01","quantity":5,"gift":true}],"warehouses":{"lyon":2,"berlin":0},"doc_url":"https://shop.example/errors#out_of_stock"}"#
    );
    // `map<integer>`: an ordered map.
    let ShopError::OutOfStock {
        warehouses: Some(warehouses),
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(
        warehouses.iter().collect::<Vec<_>>(),
        [("lyon", &2), ("berlin", &0)]
    );
    let declined = ShopErrorCode::CardDeclined.example().unwrap();
    assert!(declined.is_retryable());
    assert_eq!(declined.status_code(), 402);
    assert_eq!(declined.param(), Some("card"));
    assert_eq!(
        serde_json::to_string(&declined).unwrap(),
        r#"{"code":"card_declined","message":"The card was declined.","param":"card","transient":true,"decline_code":"insufficient_funds","amount":12.5,"metadata":{"provider":"acme","attempt":2},"doc_url":"https://shop.example/errors#card_declined"}"#
    );
    assert!(
        !ShopError::card_declined().is_retryable(),
        "absent `transient`: default false"
    );
}

#[test]
fn bounds_the_type_does_not_carry_are_checked_when_set() {
    // `attempt` is an integer in 1..=5: its builder refuses other values.
    let declined = ShopError::card_declined().with_attempt(3).unwrap();
    assert!(matches!(
        declined,
        ShopError::CardDeclined {
            attempt: Some(3),
            ..
        }
    ));
    let refused = ShopError::card_declined().with_attempt(9).unwrap_err();
    assert_eq!(refused.to_string(), "`attempt` is 9, outside 1..=5");
    // Received out of range: kept as received, and validate() says why.
    let parsed: ShopError =
        serde_json::from_str(r#"{"code":"card_declined","message":"m","attempt":9}"#).unwrap();
    assert!(matches!(
        parsed,
        ShopError::CardDeclined { attempt: None, .. }
    ));
    assert_eq!(
        parsed.validate().unwrap_err()[0].to_string(),
        "error.attempt: expected an integer in 1..=5, found the number 9"
    );
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        r#"{"code":"card_declined","message":"m","attempt":9}"#
    );
}

#[test]
fn an_exhaustive_catalog_can_be_matched_without_a_wildcard_for_its_codes() {
    // `non_exhaustive = false`: every code plus the fallback is a complete match.
    fn status(err: &ShopError) -> u16 {
        match err {
            ShopError::OutOfStock { .. } => 409,
            ShopError::CardDeclined { .. } => 402,
            ShopError::Unknown(_) => 500,
        }
    }
    for err in ShopError::examples() {
        assert_eq!(status(&err), err.status_code());
    }
}

#[test]
fn codes_of_one_catalog_are_unknown_to_the_other() {
    let body = serde_json::to_string(&AmpError::rate_limit_exceeded(3)).unwrap();
    let as_shop: ShopError = serde_json::from_str(&body).unwrap();
    assert!(as_shop.known_code().is_none());
    assert_eq!(as_shop.code(), "rate_limit_exceeded");
    assert_eq!(serde_json::to_string(&as_shop).unwrap(), body);
}
