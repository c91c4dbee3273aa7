//! Expansion time of the macro's pipeline, called directly (no compiler):
//! `load_str` (parse + validate) and `expand` (generate the tokens), for
//! catalogs of 15 (AMP), 100, 1,000 and 5,000 codes (`AMP_BENCH_SIZES=15,100`
//! picks others). Throughput is in codes, so linear growth shows as a flat
//! time per code.

use std::hint::black_box;

use amp_errors_bench::synth;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn sizes() -> Vec<usize> {
    std::env::var("AMP_BENCH_SIZES")
        .ok()
        .map(|list| {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| synth::SIZES.to_vec())
}

fn expansion(c: &mut Criterion) {
    let mut group = c.benchmark_group("expand");
    for n in sizes() {
        let text = synth::catalog(n).expect("AMP's catalog grows");
        let catalog = amp_errors_catalog::load_str(&text).expect("the synthetic catalog is valid");
        group.throughput(Throughput::Elements(n as u64));
        // The macro hands its tokens to the compiler: dropping them is no part
        // of expanding (in rustc they are the compiler's own). Timed apart.
        group.bench_function(BenchmarkId::new("pipeline", n), |b| {
            b.iter_with_large_drop(|| amp_errors_bench::expand_text(black_box(&text)))
        });
        group.bench_function(BenchmarkId::new("pipeline_and_drop", n), |b| {
            b.iter(|| amp_errors_bench::expand_text(black_box(&text)))
        });
        group.bench_function(BenchmarkId::new("parse_validate", n), |b| {
            b.iter(|| amp_errors_catalog::load_str(black_box(&text)).ok())
        });
        group.bench_function(BenchmarkId::new("generate", n), |b| {
            b.iter_with_large_drop(|| amp_errors_codegen::expand(black_box(&catalog)))
        });
    }
    group.finish();
}

criterion_group!(benches, expansion);
criterion_main!(benches);
