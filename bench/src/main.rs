//! `amp-bench`: runs every benchmark of amp-errors against its hand-written
//! equivalent and prints one table of ratios, all measured in the same run.
//!
//! ```text
//! cargo run --release -p amp-errors-bench              # the full run (BENCHMARKS.md)
//! cargo run --release -p amp-errors-bench -- --quick   # shorter criterion runs
//! cargo run --release -p amp-errors-bench -- --instructions  # also callgrind counts
//! cargo run -p amp-errors-bench -- --smoke             # CI: everything once, no timings
//! cargo run --release -p amp-errors-bench -- http      # the HTTP benchmarks alone
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use amp_errors_bench::{scratch, synth};
use clap::{Parser, Subcommand};

mod http;

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

/// Benchmarks amp-errors against hand-written thiserror + serde equivalents.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Catalog sizes, in codes.
    #[arg(long, value_delimiter = ',', default_values_t = synth::RUNNER_SIZES)]
    sizes: Vec<usize>,
    /// Clean builds per crate; the table shows the median.
    #[arg(long, default_value_t = 3)]
    build_reps: usize,
    /// Shorter criterion runs (fewer samples), for a first look.
    #[arg(long)]
    quick: bool,
    /// Run every step once without measuring (criterion's test mode, one
    /// build): checks that the harness works and both crates agree on the wire.
    #[arg(long, conflicts_with = "quick")]
    smoke: bool,
    /// Skip the cold builds (from an empty target directory, dependencies included).
    #[arg(long)]
    no_cold: bool,
    /// Also count instructions per runtime operation with callgrind
    /// (valgrind must be installed): a second table, steady where timings
    /// vary from one machine or one run to the next.
    #[arg(long, conflicts_with = "smoke")]
    instructions: bool,
    /// Also write the report into this markdown file, between the
    /// `<!-- amp-bench:begin -->` and `<!-- amp-bench:end -->` markers (and
    /// the HTTP report between `<!-- amp-bench:http:begin -->` and
    /// `<!-- amp-bench:http:end -->`).
    #[arg(long)]
    write: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Times the macro's pipeline in this process's own build profile and
    /// prints `{"<n>": <milliseconds>}`; the runner calls it in the dev profile,
    /// the one rustc runs proc macros in.
    TimeExpand {
        /// Catalog sizes, in codes.
        #[arg(long, value_delimiter = ',', default_values_t = synth::SIZES)]
        sizes: Vec<usize>,
    },
    /// The HTTP benchmarks alone (AMP's 15 codes): the demo API against a
    /// hand-written axum API over loopback, requests per second, and the
    /// client's parse of an error response against a `serde_json::Value`.
    Http {
        /// Requests per measurement [default: 40000, 20000 with --quick].
        #[arg(long)]
        requests: Option<usize>,
        /// Concurrent keep-alive connections [default: 4].
        #[arg(long)]
        connections: Option<usize>,
        /// Measurements per side; the table shows medians [default: 15, 5
        /// with --quick].
        #[arg(long)]
        rounds: Option<usize>,
        /// Fewer, shorter measurements.
        #[arg(long)]
        quick: bool,
        /// One request per side and response, checked, no timings.
        #[arg(long, conflicts_with = "quick")]
        smoke: bool,
        /// Also write the report into this markdown file, between the
        /// `<!-- amp-bench:http:begin -->` and `<!-- amp-bench:http:end -->`
        /// markers.
        #[arg(long)]
        write: Option<PathBuf>,
    },
}

fn main() {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Some(Cmd::TimeExpand { sizes }) => time_expand(sizes),
        Some(Cmd::Http {
            requests,
            connections,
            rounds,
            quick,
            smoke,
            write,
        }) => {
            let base = http_options(*quick, *smoke);
            let options = http::Options {
                requests: requests.unwrap_or(base.requests),
                connections: connections.unwrap_or(base.connections),
                rounds: rounds.unwrap_or(base.rounds),
                ..base
            };
            run_http(&options, write.as_deref())
        }
        None => run(&cli),
    };
    if let Err(error) = outcome {
        eprintln!("amp-bench: {error}");
        std::process::exit(1);
    }
}

/// The HTTP benchmarks' settings for a full, quick or smoke run.
fn http_options(quick: bool, smoke: bool) -> http::Options {
    if smoke {
        http::Options::SMOKE
    } else if quick {
        http::Options::QUICK
    } else {
        http::Options::FULL
    }
}

/// Runs the HTTP benchmarks and returns their report's markdown.
fn http_report(options: &http::Options) -> Result<String> {
    let report = http::run(options).map_err(|error| error as Box<dyn std::error::Error>)?;
    Ok(http::markdown(&report, &machine()))
}

/// `amp-bench http`: the HTTP benchmarks alone, printed and optionally
/// written into their markers of `write`.
fn run_http(options: &http::Options, write: Option<&Path>) -> Result<()> {
    step("http: the demo API against a hand-written axum API over loopback, then parsing");
    let report = http_report(options)?;
    println!("\n{report}");
    if let Some(path) = write {
        splice_markers(path, HTTP_MARKERS, &report)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// The median of `k` timed runs of the whole pipeline, in milliseconds.
fn time_expand(sizes: &[usize]) -> Result<()> {
    let mut out = BTreeMap::new();
    for &n in sizes {
        let text = synth::catalog(n)?;
        let runs = if n >= 1000 { 5 } else { 21 };
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let tokens = std::hint::black_box(amp_errors_bench::expand_text(&text));
                let elapsed = start.elapsed();
                // Handed over, as to the compiler: the drop is not timed.
                drop(tokens);
                elapsed
            })
            .collect();
        times.sort();
        out.insert(n.to_string(), times[runs / 2].as_secs_f64() * 1e3);
    }
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}

/// Everything the table shows for one size.
#[derive(Default)]
struct Row {
    n: usize,
    expand_ms: Option<f64>,
    /// The same with the drop of the output tokens timed too.
    expand_drop_ms: Option<f64>,
    expand_dev_ms: Option<f64>,
    build_amp: Option<f64>,
    build_hand: Option<f64>,
    /// (amp ns, hand ns) per benchmark group.
    runtime: BTreeMap<&'static str, (Option<f64>, Option<f64>)>,
    /// serde_json scanning the code-first body into `IgnoredAny`, ns.
    floor: Option<f64>,
    /// (amp, hand) heap allocations per op per group.
    allocs: BTreeMap<String, (f64, f64)>,
    /// (amp, hand) instructions per op per group (callgrind), with `--instructions`.
    instructions: BTreeMap<&'static str, (f64, f64)>,
}

/// A runtime benchmark group: criterion's group name, its column in the
/// tables, and whether the bench counts its heap allocations.
struct Group {
    id: &'static str,
    label: &'static str,
    counted: bool,
}

/// The runtime groups, in table order.
const GROUPS: [Group; 8] = [
    Group {
        id: "serialize_literal",
        label: "serialize literal",
        counted: true,
    },
    Group {
        id: "serialize_template",
        label: "serialize template",
        counted: true,
    },
    Group {
        id: "serialize_serde_template",
        label: "serialize template, through serde",
        counted: true,
    },
    Group {
        id: "construct_serialize_template",
        label: "build + serialize template",
        counted: true,
    },
    Group {
        id: "deserialize_code_first",
        label: "deserialize code first",
        counted: true,
    },
    Group {
        id: "deserialize_code_last",
        label: "deserialize code last",
        counted: true,
    },
    Group {
        id: "deserialize_serde_code_first",
        label: "deserialize code first, through serde",
        counted: true,
    },
    Group {
        id: "status_code",
        label: "`status()` + `code()`",
        counted: false,
    },
];

impl Row {
    /// (amp ns, hand ns) of a runtime group.
    fn timing(&self, group: &str) -> (Option<f64>, Option<f64>) {
        self.runtime.get(group).copied().unwrap_or((None, None))
    }
}

fn run(cli: &Cli) -> Result<()> {
    let root = scratch::workspace_root();
    let dir = scratch::scratch_dir();
    let sizes = &cli.sizes;
    let list = sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let criterion_args: Vec<&str> = if cli.quick {
        vec![
            "--noplot",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "2",
            "--sample-size",
            "20",
        ]
    } else {
        vec!["--noplot"]
    };
    let mut rows: Vec<Row> = sizes
        .iter()
        .map(|&n| Row {
            n,
            ..Row::default()
        })
        .collect();

    step(&format!(
        "writing the scratch workspace for {list} codes: {}",
        dir.display()
    ));
    scratch::write(&dir, sizes)?;

    step("expansion: cargo bench --bench expand (release), then the dev profile");
    // Smoke: criterion's test mode in the dev profile (cheap to build).
    let mut bench = cargo(&root, if cli.smoke { "test" } else { "bench" });
    bench.args(["-p", "amp-errors-bench", "--bench", "expand", "--"]);
    if !cli.smoke {
        bench.args(&criterion_args);
    }
    bench.env("AMP_BENCH_SIZES", &list);
    check(bench)?;
    let dev = cargo(&root, "run")
        .args([
            "-q",
            "-p",
            "amp-errors-bench",
            "--profile",
            "dev",
            "--",
            "time-expand",
            "--sizes",
            &list,
        ])
        .output()?;
    if !dev.status.success() {
        return Err(format!(
            "time-expand failed: {}",
            String::from_utf8_lossy(&dev.stderr)
        )
        .into());
    }
    let dev: BTreeMap<String, f64> = serde_json::from_slice(&dev.stdout)?;
    // Criterion's results on disk are from an earlier run when this one is a
    // smoke run (test mode writes none): never report them as this run's.
    let estimate = |dir: &Path, n: usize| if cli.smoke { None } else { estimate(dir, n) };
    for row in &mut rows {
        row.expand_ms =
            estimate(&root.join("target/criterion/expand/pipeline"), row.n).map(|ns| ns / 1e6);
        row.expand_drop_ms = estimate(
            &root.join("target/criterion/expand/pipeline_and_drop"),
            row.n,
        )
        .map(|ns| ns / 1e6);
        row.expand_dev_ms = dev.get(&row.n.to_string()).copied();
    }

    step("build: every crate once, so that only the crate itself is timed below");
    // One crate at a time: a 5,000-code crate can take over 10 GB to compile.
    for n in sizes {
        let (amp, hand) = scratch::crate_names(*n);
        for name in [amp, hand] {
            let mut warm = cargo(&dir, "build");
            warm.args(["-q", "-p", &name]);
            check(warm)?;
        }
    }
    let reps = if cli.smoke { 1 } else { cli.build_reps.max(1) };
    for row in &mut rows {
        let (amp, hand) = scratch::crate_names(row.n);
        let (mut amp_times, mut hand_times) = (Vec::new(), Vec::new());
        for rep in 0..reps {
            // Alternate the order, so neither side always runs on a warmer machine.
            let order = if rep % 2 == 0 {
                [&hand, &amp]
            } else {
                [&amp, &hand]
            };
            for name in order {
                let seconds = clean_build(&dir, name, None)?;
                eprintln!("    {name}: {seconds:.2} s");
                if name == &amp {
                    amp_times.push(seconds)
                } else {
                    hand_times.push(seconds)
                }
            }
        }
        row.build_amp = Some(median(&mut amp_times));
        row.build_hand = Some(median(&mut hand_times));
    }
    let cold = if cli.no_cold || cli.smoke {
        None
    } else {
        step("cold build: the smallest size from an empty target directory, dependencies included");
        let n = sizes.iter().copied().min().unwrap_or(synth::AMP_CODES);
        let (amp, hand) = scratch::crate_names(n);
        let hand_s = clean_build(&dir, &hand, Some(&dir.join("cold-hand")))?;
        let amp_s = clean_build(&dir, &amp, Some(&dir.join("cold-amp")))?;
        Some((n, amp_s, hand_s))
    };

    step("runtime: cargo bench -p runtime (criterion; heap allocations counted first)");
    let allocs_path = dir.join("allocs.json");
    let mut runtime = if cli.smoke {
        let mut test = cargo(&dir, "test");
        test.args(["-p", "runtime", "--bench", "runtime", "--"]);
        test
    } else {
        let mut bench = cargo(&dir, "bench");
        bench
            .args(["-p", "runtime", "--bench", "runtime", "--"])
            .args(&criterion_args);
        bench
    };
    runtime.env("AMP_BENCH_ALLOCS", &allocs_path);
    check(runtime)?;
    let allocs: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&allocs_path)?)?;
    for row in &mut rows {
        for Group { id: group, .. } in GROUPS {
            let base = dir.join("target/criterion").join(group);
            let amp = estimate(&base.join("amp"), row.n);
            let hand = estimate(&base.join("hand"), row.n);
            row.runtime.insert(group, (amp, hand));
        }
        row.floor = estimate(
            &dir.join("target/criterion/deserialize_floor/serde_json"),
            row.n,
        );
        if let Some(entry) = allocs
            .iter()
            .find(|a| a["n"].as_u64() == Some(row.n as u64))
        {
            for (group, pair) in entry.as_object().into_iter().flatten() {
                if let (Some(amp), Some(hand)) = (pair["amp"].as_f64(), pair["hand"].as_f64()) {
                    row.allocs.insert(group.clone(), (amp, hand));
                }
            }
        }
    }

    if cli.instructions {
        step("instructions: the probe binary under callgrind, every group and side");
        count_instructions(&dir, &mut rows)?;
    } else if cli.smoke {
        step("probe: every group and side once, the binary --instructions counts with");
        smoke_probe(&dir, sizes)?;
    }

    step("http: the demo API against a hand-written axum API over loopback, then parsing");
    let http_report = http_report(&http_options(cli.quick, cli.smoke))?;

    let report = report(&rows, cold, cli.smoke);
    println!("\n{report}\n## HTTP\n\n{http_report}");
    std::fs::write(
        dir.join("report.md"),
        format!("{report}\n## HTTP\n\n{http_report}"),
    )?;
    if let Some(path) = &cli.write {
        splice(path, &report)?;
        splice_markers(path, HTTP_MARKERS, &http_report)?;
        eprintln!("wrote {}", path.display());
    }
    if cli.smoke {
        smoke_checks(&rows)?;
    }
    Ok(())
}

/// Iterations of the two callgrind runs per operation: their difference,
/// divided by the difference in iterations, leaves out the fixed costs
/// (start-up, building the bodies).
const PROBE_ITERS: (u64, u64) = (1_000, 6_000);

/// In smoke mode, runs the probe binary (dev profile) once for every size,
/// group and side, so that `--instructions` cannot rot unnoticed.
fn smoke_probe(dir: &Path, sizes: &[usize]) -> Result<()> {
    let mut build = cargo(dir, "build");
    build.args(["-q", "-p", "runtime", "--bin", "probe"]);
    check(build)?;
    for n in sizes {
        for Group { id, .. } in &GROUPS {
            for side in ["amp", "hand"] {
                let mut probe = Command::new(dir.join("target/debug/probe"));
                probe.args([&n.to_string(), *id, side, "1"]);
                check(probe)?;
            }
        }
    }
    Ok(())
}

/// Counts each runtime operation's instructions with callgrind: the probe
/// binary of the scratch workspace runs it `PROBE_ITERS` times.
fn count_instructions(dir: &Path, rows: &mut [Row]) -> Result<()> {
    let mut build = cargo(dir, "build");
    build.args(["-q", "--release", "-p", "runtime", "--bin", "probe"]);
    check(build)?;
    let probe = dir.join("target/release/probe");
    let collected = |n: usize, group: &str, side: &str, iters: u64| -> Result<u64> {
        let out = Command::new("valgrind")
            .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
            .arg(&probe)
            .args([&n.to_string(), group, side, &iters.to_string()])
            .output()
            .map_err(|e| {
                format!("valgrind could not be run ({e}); install it or drop --instructions")
            })?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            return Err(format!("probe {n} {group} {side} failed: {stderr}").into());
        }
        stderr
            .lines()
            .find_map(|line| {
                line.split_once("Collected : ")
                    .map(|(_, n)| n.trim().parse::<u64>())
            })
            .ok_or_else(|| format!("no instruction count in callgrind's output: {stderr}"))?
            .map_err(Into::into)
    };
    let (few, many) = PROBE_ITERS;
    for row in rows {
        for Group { id, .. } in &GROUPS {
            let mut per_op = [0.0; 2];
            for (slot, side) in per_op.iter_mut().zip(["amp", "hand"]) {
                let (a, b) = (
                    collected(row.n, id, side, few)?,
                    collected(row.n, id, side, many)?,
                );
                *slot = b.saturating_sub(a) as f64 / (many - few) as f64;
            }
            eprintln!(
                "    {} codes, {id}: {:.0} / {:.0} instructions",
                row.n, per_op[0], per_op[1]
            );
            row.instructions.insert(id, (per_op[0], per_op[1]));
        }
    }
    Ok(())
}

/// In smoke mode, what CI holds the harness to: every size was built and
/// counted, and the literal-message error serialized without allocating.
fn smoke_checks(rows: &[Row]) -> Result<()> {
    for row in rows {
        let (amp, _) = row
            .allocs
            .get("serialize_literal")
            .ok_or_else(|| format!("no allocation count for {} codes", row.n))?;
        if *amp != 0.0 {
            return Err(format!(
                "serializing a literal-message error allocated {amp} times per op ({} codes)",
                row.n
            )
            .into());
        }
    }
    Ok(())
}

fn step(what: &str) {
    eprintln!("\n== amp-bench: {what}");
}

fn cargo(dir: &Path, sub: &str) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.arg(sub).current_dir(dir);
    // The runner may itself run under `cargo run`; don't leak its target dir.
    command.env_remove("CARGO_TARGET_DIR");
    command
}

fn check(mut command: Command) -> Result<()> {
    let status = command.status()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}").into())
    }
}

/// Seconds of `cargo build -p name` after `cargo clean -p name`: the crate
/// itself, its dependencies already built. With `target`, from that (emptied)
/// target directory instead: the dependencies too.
fn clean_build(dir: &Path, name: &str, target: Option<&Path>) -> Result<f64> {
    match target {
        Some(target) => {
            let _ = std::fs::remove_dir_all(target);
        }
        None => check({
            let mut clean = cargo(dir, "clean");
            clean.args(["-q", "-p", name]);
            clean
        })?,
    }
    let mut build = cargo(dir, "build");
    build.args(["-q", "-p", name]);
    if let Some(target) = target {
        build.env("CARGO_TARGET_DIR", target);
    }
    let start = Instant::now();
    check(build)?;
    Ok(start.elapsed().as_secs_f64())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Criterion's median estimate (ns) of `<dir>/<n>`.
fn estimate(dir: &Path, n: usize) -> Option<f64> {
    let path = dir.join(n.to_string()).join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn ratio(amp: Option<f64>, hand: Option<f64>) -> String {
    match (amp, hand) {
        (Some(a), Some(h)) if h > 0.0 => format!("{:.2}", a / h),
        _ => "–".to_owned(),
    }
}

fn num(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.digits$}"))
}

fn report(rows: &[Row], cold: Option<(usize, f64, f64)>, smoke: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Measured on {}.\n", machine());
    if smoke {
        let _ = writeln!(
            out,
            "Smoke run: every step ran once, one build each, criterion in test mode (no timings).\n"
        );
    }
    let _ = writeln!(
        out,
        "Ratios are amp-errors ÷ hand-written (thiserror + serde `tag = \"code\"`): below 1.00, amp-errors is faster.\n"
    );
    let headers: String = GROUPS.iter().map(|g| format!(" {} |", g.label)).collect();
    let _ = writeln!(
        out,
        "| codes | expand, ms (and drop; dev) | `cargo build` |{headers}"
    );
    let _ = writeln!(out, "|---:|---:|---:|{}", "---:|".repeat(GROUPS.len()));
    for row in rows {
        let cells: String = GROUPS
            .iter()
            .map(|g| {
                let (amp, hand) = row.timing(g.id);
                format!(" {} |", ratio(amp, hand))
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} ({}; {}) | {} |{cells}",
            row.n,
            num(row.expand_ms, 2),
            num(row.expand_drop_ms, 1),
            num(row.expand_dev_ms, 0),
            ratio(row.build_amp, row.build_hand),
        );
    }
    let _ = writeln!(
        out,
        "\nThe measurements behind the ratios (amp-errors / hand-written):\n"
    );
    let headers: String = GROUPS
        .iter()
        .map(|g| {
            format!(
                " {}, ns{} |",
                g.label,
                if g.counted { " (allocs)" } else { "" }
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "| codes | expand, µs per code | `cargo build`, s |{headers} scan alone, ns |"
    );
    let _ = writeln!(out, "|---:|---:|---:|{}---:|", "---:|".repeat(GROUPS.len()));
    for row in rows {
        let cells: String = GROUPS
            .iter()
            .map(|g| {
                let (amp, hand) = row.timing(g.id);
                let timing = format!("{} / {}", num(amp, 1), num(hand, 1));
                match row.allocs.get(g.id) {
                    Some((a, h)) => format!(" {timing} ({a} / {h}) |"),
                    None => format!(" {timing} |"),
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} / {} |{cells} {} |",
            row.n,
            num(row.expand_ms.map(|ms| ms * 1e3 / row.n as f64), 1),
            num(row.build_amp, 2),
            num(row.build_hand, 2),
            num(row.floor, 1),
        );
    }
    let _ = writeln!(
        out,
        "\n\"serialize\" is amp-errors' own writer, `ErrorResponse::write_to` (what its axum integration sends; serde_json's bytes, strings escaped eight bytes at a time), against `serde_json::to_writer` of the hand-written enum; \"serialize template, through serde\" is `serde_json::to_writer` for both.\n\"deserialize\" is amp-errors' own reading of a body, `ErrorResponse::from_slice` (what its client calls), against `serde_json::from_slice` of the hand-written enum; \"through serde\" is `serde_json::from_slice` for both. \"scan alone\" is serde_json reading the code-first body into `IgnoredAny`: the floor any deserializer through serde pays."
    );
    if rows.iter().any(|row| !row.instructions.is_empty()) {
        let _ = writeln!(
            out,
            "\nInstructions per operation (callgrind; amp-errors / hand-written, and their ratio): what the code does, without the machine's noise. Time also depends on allocations, caches and branches, so the ratios above can differ.\n"
        );
        let headers: String = GROUPS.iter().map(|g| format!(" {} |", g.label)).collect();
        let _ = writeln!(out, "| codes |{headers}");
        let _ = writeln!(out, "|---:|{}", "---:|".repeat(GROUPS.len()));
        for row in rows {
            let cells: String = GROUPS
                .iter()
                .map(|g| match row.instructions.get(g.id) {
                    Some(&(amp, hand)) => {
                        format!(" {amp:.0} / {hand:.0} ({}) |", ratio(Some(amp), Some(hand)))
                    }
                    None => " – |".to_owned(),
                })
                .collect();
            let _ = writeln!(out, "| {} |{cells}", row.n);
        }
    }
    if let Some((n, amp, hand)) = cold {
        let _ = writeln!(
            out,
            "\nCold `cargo build` of the {n}-code crates from an empty target directory, dependencies included: amp-errors {amp:.1} s, hand-written {hand:.1} s (ratio {:.2}).",
            amp / hand
        );
    }
    out
}

/// CPU, cores, OS and compiler of this machine.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "an unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let os = Command::new("uname")
        .arg("-sr")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cpu}, {cores} cores, {os}, {rustc}")
}

/// Replaces the text between the report markers of `path`.
fn splice(path: &Path, report: &str) -> Result<()> {
    splice_markers(
        path,
        ("<!-- amp-bench:begin -->", "<!-- amp-bench:end -->"),
        report,
    )
}

/// The markers of the HTTP report.
const HTTP_MARKERS: (&str, &str) = (
    "<!-- amp-bench:http:begin -->",
    "<!-- amp-bench:http:end -->",
);

/// Replaces the text between markers `begin` and `end` of `path`.
fn splice_markers(path: &Path, (begin, end): (&str, &str), report: &str) -> Result<()> {
    let text = std::fs::read_to_string(path)?;
    let (Some(start), Some(stop)) = (text.find(begin), text.find(end)) else {
        return Err(format!("{} has no {begin} … {end} markers", path.display()).into());
    };
    let spliced = format!("{}{begin}\n{report}{}", &text[..start], &text[stop..]);
    std::fs::write(path, spliced)?;
    Ok(())
}
