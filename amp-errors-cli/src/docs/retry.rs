//! The retry guidance: which codes may be retried, and the seed's strategy
//! (up to 3 attempts, `min(1000 ms · 2^attempt, 30 s)` between them, the
//! server's `Retry-After` honoured).

use amp_errors_catalog::{Catalog, ErrorCode, Retryability};

use super::inline::{Inline, code, text};
use super::reference::retryable_sentence;

/// Attempts in all, the first included.
pub const MAX_ATTEMPTS: u32 = 3;
/// The wait after the first failed attempt, doubled after each further one.
pub const BASE_DELAY_MS: u64 = 1000;
/// The longest computed wait.
pub const MAX_DELAY_MS: u64 = 30_000;

/// The retry guidance of a catalog.
pub struct RetryDoc {
    /// Every code that may be retried: (link, its rule as a sentence, the rule).
    pub codes: Vec<(Inline, Vec<Inline>, Retryability)>,
    /// The strategy, one paragraph each.
    pub strategy: Vec<Vec<Inline>>,
    /// The wait before each attempt after the first: (attempt, 1-based; milliseconds).
    pub delays: Vec<(u32, u64)>,
    /// Fields whose value says how many seconds to wait (`retry_after`): (code, field).
    pub wait_fields: Vec<(String, String)>,
    /// The strategy as JavaScript, in the seed's style.
    pub snippet: String,
}

/// The wait after failed attempt `attempt` (counted from 0): `min(1000 ms · 2^attempt, 30 s)`.
pub fn delay_ms(attempt: u32) -> u64 {
    BASE_DELAY_MS
        .saturating_mul(2u64.saturating_pow(attempt))
        .min(MAX_DELAY_MS)
}

/// The guidance for `catalog`; `link` links to a code's section.
pub fn guidance(catalog: &Catalog, link: &dyn Fn(&ErrorCode) -> Inline) -> RetryDoc {
    let codes: Vec<_> = catalog
        .codes
        .iter()
        .filter(|c| c.retryable != Retryability::Fixed(false))
        .map(|c| {
            (
                link(c),
                retryable_sentence(&c.retryable),
                c.retryable.clone(),
            )
        })
        .collect();
    let wait_fields: Vec<(String, String)> = catalog
        .codes
        .iter()
        .flat_map(|c| {
            c.headers
                .iter()
                .filter(|(h, _)| h.value.eq_ignore_ascii_case("retry-after"))
                .map(|(_, f)| (c.code.value.clone(), f.value.clone()))
        })
        .collect();
    let delays: Vec<(u32, u64)> = (1..MAX_ATTEMPTS)
        .map(|n| (n + 1, delay_ms(n - 1)))
        .collect();
    let strategy = strategy(catalog, &delays, &wait_fields, link);
    RetryDoc {
        snippet: snippet(catalog, &wait_fields),
        codes,
        strategy,
        delays,
        wait_fields,
    }
}

fn strategy(
    catalog: &Catalog,
    delays: &[(u32, u64)],
    wait_fields: &[(String, String)],
    link: &dyn Fn(&ErrorCode) -> Inline,
) -> Vec<Vec<Inline>> {
    let waits: Vec<String> = delays.iter().map(|(_, ms)| seconds(*ms)).collect();
    let mut honour = vec![text(
        "When the response says how long to wait, wait that long instead: the ",
    )];
    honour.push(code("Retry-After"));
    honour.push(text(" header (seconds)"));
    let mut fields: Vec<&str> = Vec::new();
    for (_, field) in wait_fields {
        if !fields.contains(&field.as_str()) {
            fields.push(field);
        }
    }
    for (i, field) in fields.iter().enumerate() {
        honour.push(text(if i == 0 { ", or the " } else { ", the " }));
        honour.push(code(*field));
        honour.push(text(" field of "));
        let senders: Vec<&str> = wait_fields
            .iter()
            .filter(|(_, f)| f == field)
            .map(|(c, _)| c.as_str())
            .collect();
        for (j, c) in senders.iter().enumerate() {
            if j > 0 {
                honour.push(text(if j + 1 == senders.len() {
                    " and "
                } else {
                    ", "
                }));
            }
            match catalog.codes.iter().find(|x| &x.code.value == c) {
                Some(x) => honour.push(link(x)),
                None => honour.push(code(*c)),
            }
        }
    }
    honour.push(text("."));
    vec![
        vec![text(
            "Retry only the errors listed here; every other code fails the same way until the request changes, and so does a code this page does not list.",
        )],
        vec![text(format!(
            "Make at most {MAX_ATTEMPTS} attempts in all. After failed attempt n (counted from 0), wait min({BASE_DELAY_MS} ms × 2^n, {} s) before the next one: {}.",
            MAX_DELAY_MS / 1000,
            join_words(&waits),
        ))],
        honour,
        vec![text(
            "Add random jitter (a wait drawn between 0 and the computed delay) so that many clients do not retry in step.",
        )],
    ]
}

/// `ms` in seconds for prose: `1 s`, `2.5 s`.
fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_words(words: &[String]) -> String {
    match words {
        [] => "no waits".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The strategy in JavaScript, like the seed's `withRetry`, with the
/// catalog's retryable codes and the fields that say how long to wait.
/// Codes and field names are snake_case, so they are safe in the literal.
fn snippet(catalog: &Catalog, wait_fields: &[(String, String)]) -> String {
    let fixed: Vec<String> = catalog
        .codes
        .iter()
        .filter(|c| c.retryable == Retryability::Fixed(true))
        .map(|c| format!("'{}'", c.code.value))
        .collect();
    let mut out = format!(
        "// `error`: the `error` object of a response body.\nconst RETRYABLE_CODES = [{}];\n\nfunction isRetryable(error) {{\n",
        fixed.join(", ")
    );
    for c in &catalog.codes {
        if let Retryability::Field { name, default } = &c.retryable {
            let test = if *default { "!== false" } else { "=== true" };
            out.push_str(&format!(
                "  if (error.code === '{}') return error.{} {test};\n",
                c.code.value, name.value
            ));
        }
    }
    out.push_str("  return RETRYABLE_CODES.includes(error.code);\n}\n\n");
    let mut fields: Vec<&str> = Vec::new();
    for (_, field) in wait_fields {
        if !fields.contains(&field.as_str()) {
            fields.push(field);
        }
    }
    let wait = match fields.as_slice() {
        [] => String::new(),
        fields => format!(
            "      const seconds = {};\n      if (typeof seconds === 'number') delay = seconds * 1000;\n",
            fields
                .iter()
                .map(|f| format!("error.{f}"))
                .collect::<Vec<_>>()
                .join(" ?? ")
        ),
    };
    out.push_str(&format!(
        "async function withRetry(fn, maxAttempts = {MAX_ATTEMPTS}) {{
  for (let attempt = 0; attempt < maxAttempts; attempt++) {{
    try {{
      return await fn();
    }} catch (error) {{
      if (!isRetryable(error) || attempt === maxAttempts - 1) {{
        throw error;
      }}
      let delay = Math.min({BASE_DELAY_MS} * Math.pow(2, attempt), {MAX_DELAY_MS});
{wait}      await sleep(delay);
    }}
  }}
}}"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_delays() {
        assert_eq!(delay_ms(0), 1000);
        assert_eq!(delay_ms(1), 2000);
        assert_eq!(delay_ms(5), 30_000);
        assert_eq!(delay_ms(80), 30_000);
        assert_eq!(seconds(2500), "2.5 s");
        assert_eq!(
            join_words(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
