//! The probe binary of amp-bench's scratch workspace: `probe <n> <group>
//! <side> <iters>` runs one benchmarked operation `iters` times, so that
//! amp-bench can count its instructions under callgrind (`--instructions`).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, n, group, side, iters] = &args[..] else {
        eprintln!("usage: probe <codes> <group> <amp|hand> <iterations>");
        std::process::exit(2);
    };
    let Ok(iters) = iters.parse::<usize>() else {
        eprintln!("not a number of iterations: {iters}");
        std::process::exit(2);
    };
    let ran = match n.as_str() {
        // @PROBE_CALLS@
        _ => false,
    };
    if !ran {
        eprintln!("no such size, group or side: {n} {group} {side}");
        std::process::exit(2);
    }
}
