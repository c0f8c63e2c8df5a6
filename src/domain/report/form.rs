//! The report's filter as the coordinator sets it (text of the inputs),
//! read into a [`Scope`]: the period kind and its fields, the locations
//! ticked. Kept apart from the screen so the rules are tested natively.

use super::period::{Period, PeriodKind, Scope};
use chrono::{Datelike, NaiveDate};

/// The oldest and newest year the filter offers and accepts.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// The inputs of the report's filter, as typed or chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeForm {
    pub kind: PeriodKind,
    pub year: String,
    /// 1–12.
    pub month: String,
    /// 1–4.
    pub quarter: String,
    /// `YYYY-MM-DD`, from a date input.
    pub from: String,
    pub to: String,
    /// Location codes ticked; none ticked means every location.
    pub locations: Vec<String>,
}

/// Why the filter does not name a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeProblem {
    Year,
    Month,
    Quarter,
    /// A from or to date missing or not a date.
    Date,
    /// The to date before the from date.
    Order,
}

impl ScopeForm {
    /// The year of `today`, every location: what a coordinator opening the
    /// jaarbeeld wants first.
    pub fn for_today(today: NaiveDate) -> Self {
        let quarter = (today.month() - 1) / 3 + 1;
        Self {
            kind: PeriodKind::Year,
            year: today.year().to_string(),
            month: today.month().to_string(),
            quarter: quarter.to_string(),
            from: format!("{}-01-01", today.year()),
            to: ymd(today),
            locations: Vec::new(),
        }
    }

    /// The scope the inputs name, or the first thing wrong with them.
    pub fn read(&self) -> Result<Scope, ScopeProblem> {
        let year = || {
            self.year
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
                .ok_or(ScopeProblem::Year)
        };
        let period = match self.kind {
            PeriodKind::Year => Period::year(year()?).ok_or(ScopeProblem::Year)?,
            PeriodKind::Month => {
                let month = self.month.trim().parse::<u32>().ok();
                month
                    .and_then(|m| Period::month(year().ok()?, m))
                    .ok_or(if year().is_err() {
                        ScopeProblem::Year
                    } else {
                        ScopeProblem::Month
                    })?
            }
            PeriodKind::Quarter => {
                let quarter = self.quarter.trim().parse::<u32>().ok();
                quarter
                    .and_then(|q| Period::quarter(year().ok()?, q))
                    .ok_or(if year().is_err() {
                        ScopeProblem::Year
                    } else {
                        ScopeProblem::Quarter
                    })?
            }
            PeriodKind::Custom => {
                let date = |text: &str| {
                    parse_ymd(text)
                        .filter(|d| (FIRST_YEAR..=LAST_YEAR).contains(&d.year()))
                        .ok_or(ScopeProblem::Date)
                };
                let (from, to) = (date(&self.from)?, date(&self.to)?);
                Period::custom(from, to).ok_or(ScopeProblem::Order)?
            }
        };
        Ok(Scope {
            period,
            locations: self.locations.clone(),
        })
    }

    /// Ticks or unticks `code`.
    pub fn toggle_location(&mut self, code: &str) {
        if let Some(i) = self.locations.iter().position(|c| c == code) {
            self.locations.remove(i);
        } else {
            self.locations.push(code.to_owned());
            self.locations.sort();
        }
    }
}

/// `YYYY-MM-DD`, the value of a date input (by hand: chrono's strftime
/// machinery costs wasm).
pub fn ymd(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// Reads `YYYY-MM-DD`.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The period kinds in the order the filter offers them, with the value of
/// their `<option>`.
pub const PERIOD_KINDS: [(PeriodKind, &str); 4] = [
    (PeriodKind::Year, "year"),
    (PeriodKind::Quarter, "quarter"),
    (PeriodKind::Month, "month"),
    (PeriodKind::Custom, "custom"),
];

/// The `<option>` value of `kind`.
pub fn kind_code(kind: PeriodKind) -> &'static str {
    PERIOD_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("year", |(_, code)| code)
}

/// The kind of an `<option>` value; a year for anything else.
pub fn kind_from_code(code: &str) -> PeriodKind {
    PERIOD_KINDS
        .iter()
        .find(|(_, c)| *c == code)
        .map_or(PeriodKind::Year, |(kind, _)| *kind)
}
