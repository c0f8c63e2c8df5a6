//! The fuzzer of every parser of outside input (docs/SECURITY.md), on the
//! stable toolchain: no cargo-fuzz, no nightly. Run it as
//! `bench/run fuzz [target…]`, which builds it with the `fuzz` profile
//! (optimised, panics unwind so each is caught, integer overflow checked).
//!
//! For each target (`import`, `record`, `link`, `definition`, `changes`,
//! `doc`, `replies`; none named: all) it feeds the valid seeds, then inputs
//! made from them (random bytes; flipped, inserted, deleted, repeated and
//! spliced bytes; cut-offs; deep nesting; wrong types, numbers at the edges,
//! long and hostile texts), and checks that nothing panics and that what
//! is accepted keeps the parser's promises (targets.rs). It stops a target
//! at its first failure, writes that input to a file and says how to run
//! it again; the exit status is 1 when any target failed.
//!
//! Env: FUZZ_SECONDS (per target, default 60), FUZZ_RUNS (a number of
//! inputs per target instead of a time), SEED (the run's seed, decimal;
//! default from the clock, always printed), FUZZ_OUT (the folder for a
//! failing input, default target/fuzz-failures), FUZZ_REPLAY (a file: feed
//! only it to the targets named).

#[cfg(not(target_arch = "wasm32"))]
mod engine;
#[cfg(not(target_arch = "wasm32"))]
mod mutate;
#[cfg(not(target_arch = "wasm32"))]
mod seeds;
#[cfg(not(target_arch = "wasm32"))]
mod targets;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(native::main());
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::engine::{self, Budget};
    use super::targets::{Target, TARGETS};
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    fn env_number(name: &str) -> Option<u64> {
        let text = std::env::var(name).ok()?;
        match text.trim().parse() {
            Ok(n) => Some(n),
            Err(_) => {
                eprintln!("fuzz: {name}={text} is not a whole number");
                std::process::exit(2);
            }
        }
    }

    pub fn main() -> i32 {
        let names: Vec<String> = std::env::args().skip(1).collect();
        let chosen: Vec<&Target> = if names.is_empty() {
            TARGETS.iter().collect()
        } else {
            let mut chosen = Vec::new();
            for name in &names {
                match TARGETS.iter().find(|t| t.name == name) {
                    Some(target) => chosen.push(target),
                    None => {
                        let known: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
                        eprintln!("fuzz: no target {name}; targets: {}", known.join(", "));
                        return 2;
                    }
                }
            }
            chosen
        };

        if let Ok(path) = std::env::var("FUZZ_REPLAY") {
            let input = match std::fs::read(&path) {
                Ok(input) => input,
                Err(e) => {
                    eprintln!("fuzz: {path}: {e}");
                    return 2;
                }
            };
            let mut status = 0;
            for target in chosen {
                match engine::feed(&target.check, &input) {
                    Ok(accepted) => println!(
                        "{}: {}",
                        target.name,
                        if accepted { "accepted" } else { "refused" }
                    ),
                    Err(message) => {
                        println!("{}: {message}", target.name);
                        status = 1;
                    }
                }
            }
            return status;
        }

        let seed = env_number("SEED").unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
        let budget = match env_number("FUZZ_RUNS") {
            Some(runs) => Budget::Runs(runs),
            None => Budget::Time(Duration::from_secs(
                env_number("FUZZ_SECONDS").unwrap_or(60),
            )),
        };
        let out = std::env::var("FUZZ_OUT").unwrap_or_else(|_| "target/fuzz-failures".into());
        println!("fuzz: SEED={seed}, {budget:?} per target");

        let mut rows = Vec::new();
        let mut failed = false;
        for target in chosen {
            let seeds = (target.seeds)();
            let report = engine::run(
                target.name,
                &seeds,
                target.json,
                &target.check,
                seed,
                budget,
            );
            println!(
                "{}: {} inputs in {:.0} s, {} accepted, {} panicked, {} accepted wrongly; slowest input {:.1} ms",
                target.name,
                report.tried,
                report.elapsed.as_secs_f64(),
                report.accepted,
                report.panicked,
                report.wrong,
                report.slowest.as_secs_f64() * 1000.0
            );
            if let Some(failure) = &report.failure {
                failed = true;
                let file = format!("{out}/{}-{seed}-{}.txt", target.name, failure.run);
                let written = std::fs::create_dir_all(&out)
                    .and_then(|_| std::fs::write(&file, &failure.input));
                let shown: String = String::from_utf8_lossy(&failure.input)
                    .chars()
                    .take(300)
                    .collect();
                println!("  FAILED at input {}: {}", failure.run, failure.message);
                println!("  input ({} bytes): {shown}", failure.input.len());
                match written {
                    Ok(()) => println!(
                        "  kept in {file}; again: FUZZ_REPLAY={file} bench/run fuzz {0}, or SEED={seed} FUZZ_RUNS={1} bench/run fuzz {0}",
                        target.name, failure.run
                    ),
                    Err(e) => println!("  could not keep it in {file}: {e}"),
                }
            }
            rows.push((target, report));
        }

        println!();
        println!("| target | reads | inputs | accepted | panicked | accepted wrongly | seconds | slowest input (ms) |");
        println!("|---|---|---:|---:|---:|---:|---:|---:|");
        for (target, report) in &rows {
            println!(
                "| {} | {} | {} | {} | {} | {} | {:.0} | {:.1} |",
                target.name,
                target.what,
                report.tried,
                report.accepted,
                report.panicked,
                report.wrong,
                report.elapsed.as_secs_f64(),
                report.slowest.as_secs_f64() * 1000.0
            );
        }
        println!("fuzz: SEED={seed}");
        i32::from(failed)
    }
}
