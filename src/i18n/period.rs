//! Sentences of the export of one period (coordinator app only): why a day
//! was refused, and what the export did.

use super::format::date;
use super::{fill, Key, Locale};
use crate::domain::export_period::{Period, PeriodProblem};

/// Why the from- or to-day was refused, and what to do.
pub fn period_problem(locale: &Locale, problem: PeriodProblem) -> &'static str {
    locale.text(match problem {
        PeriodProblem::Missing => Key::PeriodMissing,
        PeriodProblem::NotADate => Key::PeriodNotADate,
        PeriodProblem::ToBeforeFrom => Key::PeriodToBeforeFrom,
    })
}

/// "12 records van 1-3-2026 tot en met 29-3-2026 geëxporteerd naar …":
/// what an export of `period` wrote to `file_name` (`n` records), the days
/// as the locale writes them.
pub fn period_exported(locale: &Locale, period: Period, n: u32, file_name: &str) -> String {
    fill(
        locale.plural(Key::PeriodExported, n),
        &[
            ("n", &super::num(locale, n)),
            ("from", &date(locale, period.from)),
            ("to", &date(locale, period.to)),
            ("file", file_name),
        ],
    )
}
