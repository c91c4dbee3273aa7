//! Catalogs of any size, grown from AMP's own.
//!
//! A synthetic catalog of `n` codes repeats AMP's 15 codes in order, so every
//! size has AMP's mix of literal and templated messages, optional and required
//! fields, lists of named types and retry rules. Copy 0 keeps AMP's names; copy
//! `k` appends `_k` to each code (`rate_limit_exceeded_3`).

use std::fmt;

/// AMP's catalog, as committed at the workspace root.
pub const AMP_CATALOG: &str = include_str!("../../catalog.toml");

/// The number of codes in [`AMP_CATALOG`].
pub const AMP_CODES: usize = 15;

/// The sizes the expansion benchmark measures by default.
pub const SIZES: [usize; 4] = [15, 100, 1_000, 5_000];

/// The sizes the runner builds and benchmarks by default. 5,000 codes is left
/// out: the hand-written crate of that size takes about 23 GB to compile
/// (`--sizes 15,100,1000,5000` on a machine with the memory; see BENCHMARKS.md).
pub const RUNNER_SIZES: [usize; 3] = [15, 100, 1_000];

/// Why a catalog could not be grown.
#[derive(Debug)]
pub struct SynthError(String);

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SynthError {}

/// The wire code of copy `copy` of `base`.
pub fn copy_name(base: &str, copy: usize) -> String {
    if copy == 0 {
        base.to_owned()
    } else {
        format!("{base}_{copy}")
    }
}

/// The codes of [`AMP_CATALOG`], in catalog order.
pub fn amp_codes() -> Result<Vec<String>, SynthError> {
    let table = amp_table()?;
    let codes = codes_table(&table)?;
    Ok(codes.keys().cloned().collect())
}

/// The wire code that the last copy of AMP's `base` has in a catalog of `n`
/// codes: the benchmarks use the last copies, the worst case for dispatching on
/// the code.
pub fn last_copy(base: &str, n: usize) -> Result<String, SynthError> {
    let codes = amp_codes()?;
    let index = codes
        .iter()
        .position(|c| c == base)
        .ok_or_else(|| SynthError(format!("AMP's catalog has no code `{base}`")))?;
    if index >= n {
        return Err(SynthError(format!(
            "a catalog of {n} codes has no copy of `{base}`"
        )));
    }
    Ok(copy_name(base, (n - 1 - index) / codes.len()))
}

/// The TOML text of a catalog of `n` codes (AMP's own text when `n` is 15).
pub fn catalog(n: usize) -> Result<String, SynthError> {
    if n == AMP_CODES {
        return Ok(AMP_CATALOG.to_owned());
    }
    let mut table = amp_table()?;
    let base = codes_table(&table)?.clone();
    let bases: Vec<(&String, &toml::Value)> = base.iter().collect();
    let mut codes = toml::Table::new();
    for i in 0..n {
        let (name, value) = bases[i % bases.len()];
        codes.insert(copy_name(name, i / bases.len()), value.clone());
    }
    // `[http]` names codes: keep the answers whose code this size has.
    if let Some(toml::Value::Table(http)) = table.get_mut("http") {
        http.retain(|_, code| code.as_str().is_some_and(|c| codes.contains_key(c)));
    }
    table.insert("codes".to_owned(), toml::Value::Table(codes));
    toml::to_string(&table).map_err(|e| SynthError(format!("writing the catalog: {e}")))
}

fn amp_table() -> Result<toml::Table, SynthError> {
    AMP_CATALOG
        .parse::<toml::Table>()
        .map_err(|e| SynthError(format!("AMP's catalog.toml does not parse: {e}")))
}

fn codes_table(table: &toml::Table) -> Result<&toml::Table, SynthError> {
    table
        .get("codes")
        .and_then(toml::Value::as_table)
        .ok_or_else(|| SynthError("AMP's catalog.toml has no [codes] table".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_is_a_valid_catalog_of_that_size() {
        for n in [1, 15, 16, 100] {
            let text = catalog(n).unwrap();
            let loaded = amp_errors_catalog::load_str(&text).unwrap_or_else(|d| {
                panic!(
                    "catalog({n}) has problems: {:?}",
                    d.first().map(|d| &d.message)
                )
            });
            assert_eq!(loaded.codes.len(), n);
        }
    }

    #[test]
    fn copies_are_named_after_their_base() {
        let text = catalog(31).unwrap();
        let loaded = amp_errors_catalog::load_str(&text).unwrap();
        let names: Vec<&str> = loaded.codes.iter().map(|c| c.code.value.as_str()).collect();
        assert_eq!(names[0], "unauthorized");
        assert_eq!(names[15], "unauthorized_1");
        assert_eq!(names[30], "unauthorized_2");
        assert_eq!(last_copy("unauthorized", 31).unwrap(), "unauthorized_2");
        assert_eq!(
            last_copy("rate_limit_exceeded", 15).unwrap(),
            "rate_limit_exceeded"
        );
        assert_eq!(
            last_copy("rate_limit_exceeded", 100).unwrap(),
            names_of(100)
                .iter()
                .rev()
                .find(|c| c.starts_with("rate_limit_exceeded"))
                .unwrap()
                .as_str()
        );
    }

    fn names_of(n: usize) -> Vec<String> {
        let loaded = amp_errors_catalog::load_str(&catalog(n).unwrap()).unwrap();
        loaded.codes.into_iter().map(|c| c.code.value).collect()
    }
}
