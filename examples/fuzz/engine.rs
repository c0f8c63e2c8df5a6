//! Runs one target: makes inputs from its seeds, feeds each to its check
//! with panics caught, and stops at the first panic or wrong acceptance,
//! keeping that input.

use super::mutate::{input, Rng};
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::time::{Duration, Instant};

/// How long a target runs: a time, or a number of inputs (the same inputs
/// for the same seed, on any machine).
#[derive(Debug, Clone, Copy)]
pub enum Budget {
    Time(Duration),
    Runs(u64),
}

/// An input that broke a parser.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Its number in the target's sequence (from 1).
    pub run: u64,
    pub input: Vec<u8>,
    /// "panicked: …" or "accepted wrongly: …".
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub tried: u64,
    pub accepted: u64,
    pub panicked: u64,
    pub wrong: u64,
    pub elapsed: Duration,
    /// The longest any one input took.
    pub slowest: Duration,
    pub failure: Option<Failure>,
}

thread_local! {
    /// Whether this thread is feeding an input: its panics are kept.
    static FEEDING: Cell<bool> = const { Cell::new(false) };
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic while an input is fed is kept for the report instead of
/// printed; any other panic is printed as before.
pub fn quiet_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if FEEDING.with(Cell::get) {
                keep(info);
            } else {
                previous(info);
            }
        }));
    });
}

fn keep(info: &panic::PanicHookInfo<'_>) {
    {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
    }
}

/// The generator of target `name` under run seed `seed`: each target has
/// its own sequence, whichever others run.
pub fn target_rng(name: &str, seed: u64) -> Rng {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    Rng::new(seed ^ hash)
}

/// Feeds `input` (as text: the app's parsers get strings, so broken UTF-8
/// arrives as U+FFFD) to `check`.
pub fn feed(check: &dyn Fn(&str) -> Result<bool, String>, input: &[u8]) -> Result<bool, String> {
    quiet_panics();
    let text = String::from_utf8_lossy(input);
    FEEDING.with(|f| f.set(true));
    let verdict = panic::catch_unwind(AssertUnwindSafe(|| check(&text)));
    FEEDING.with(|f| f.set(false));
    match verdict {
        Ok(Ok(accepted)) => Ok(accepted),
        Ok(Err(wrong)) => Err(format!("accepted wrongly: {wrong}")),
        Err(_) => Err(format!(
            "panicked: {}",
            PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default()
        )),
    }
}

pub fn run(
    name: &str,
    seeds: &[String],
    json: bool,
    check: &dyn Fn(&str) -> Result<bool, String>,
    seed: u64,
    budget: Budget,
) -> Report {
    let mut rng = target_rng(name, seed);
    let start = Instant::now();
    let mut report = Report {
        tried: 0,
        accepted: 0,
        panicked: 0,
        wrong: 0,
        elapsed: Duration::ZERO,
        slowest: Duration::ZERO,
        failure: None,
    };
    loop {
        let done = match budget {
            Budget::Time(time) => start.elapsed() >= time,
            Budget::Runs(runs) => report.tried >= runs,
        };
        if done {
            break;
        }
        // The seeds themselves first: each must be accepted as it is.
        let data = match seeds.get(report.tried as usize) {
            Some(seed) => seed.as_bytes().to_vec(),
            None => input(&mut rng, seeds, json),
        };
        report.tried += 1;
        let began = Instant::now();
        let verdict = feed(check, &data);
        report.slowest = report.slowest.max(began.elapsed());
        match verdict {
            Ok(true) => report.accepted += 1,
            Ok(false) if (report.tried as usize) <= seeds.len() => {
                report.wrong += 1;
                report.failure = Some(Failure {
                    run: report.tried,
                    input: data,
                    message: "a seed (a valid input) was refused".into(),
                });
                break;
            }
            Ok(false) => {}
            Err(message) => {
                if message.starts_with("panicked") {
                    report.panicked += 1;
                } else {
                    report.wrong += 1;
                }
                report.failure = Some(Failure {
                    run: report.tried,
                    input: data,
                    message,
                });
                break;
            }
        }
    }
    report.elapsed = start.elapsed();
    report
}
