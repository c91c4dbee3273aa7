//! The runtime bench binary of amp-bench's scratch workspace: first the heap
//! allocations per operation (written as JSON to `$AMP_BENCH_ALLOCS`), then the
//! criterion timings (read back by amp-bench from `target/criterion`).

use criterion::Criterion;
use runtime::CountingAllocator;

#[global_allocator]
static COUNTER: CountingAllocator = CountingAllocator::new();

fn allocations() {
    let counter = &COUNTER;
    let mut out: Vec<serde_json::Value> = Vec::new();
    // @ALLOC_CALLS@
    let json = serde_json::to_string_pretty(&out).unwrap();
    match std::env::var_os("AMP_BENCH_ALLOCS") {
        Some(path) => std::fs::write(path, json).unwrap(),
        None => println!("{json}"),
    }
}

fn benches(c: &mut Criterion) {
    // @BENCH_CALLS@
}

fn main() {
    allocations();
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
