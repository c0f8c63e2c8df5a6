//! The chosen period and locations of a report.
//!
//! A period is a span of whole days, both ends included: a calendar month,
//! a quarter, a year, or any from–to. Its predecessor (`Period::previous`)
//! has the same length directly before it: the month, quarter or year
//! before, or for a from–to the same number of days just before `from`. A
//! `Scope` adds the locations (none listed means all of them).

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// What kind of period was chosen; it decides what "the previous period" is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    /// Any from–to.
    Custom,
}

/// A span of days, `from` and `to` both included; `from <= to` always
/// (the constructors refuse anything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    #[serde(with = "crate::domain::record::ymd")]
    pub from: NaiveDate,
    #[serde(with = "crate::domain::record::ymd")]
    pub to: NaiveDate,
}

/// The last day of `month` (1–12) in `year`.
fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

impl Period {
    /// Calendar month `month` (1–12) of `year`.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        Some(Self {
            kind: PeriodKind::Month,
            from: NaiveDate::from_ymd_opt(year, month, 1)?,
            to: last_day(year, month)?,
        })
    }

    /// Quarter `q` (1–4) of `year`: January–March is 1.
    pub fn quarter(year: i32, q: u32) -> Option<Self> {
        if !(1..=4).contains(&q) {
            return None;
        }
        Some(Self {
            kind: PeriodKind::Quarter,
            from: NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?,
            to: last_day(year, 3 * q)?,
        })
    }

    /// The calendar year.
    pub fn year(year: i32) -> Option<Self> {
        Some(Self {
            kind: PeriodKind::Year,
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// From `from` to `to`, both included; `None` when `to` is before `from`.
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to).then_some(Self {
            kind: PeriodKind::Custom,
            from,
            to,
        })
    }

    /// The period of the same length directly before: the previous month,
    /// quarter or year (so March's predecessor is February, 28 or 29
    /// days), or for a from–to the same number of days ending the day
    /// before `from`. At the very start of the calendar chrono knows, the
    /// period itself is returned rather than a panic.
    pub fn previous(&self) -> Period {
        let (y, m) = (self.from.year(), self.from.month());
        let before = match self.kind {
            PeriodKind::Month if m == 1 => y.checked_sub(1).and_then(|y| Self::month(y, 12)),
            PeriodKind::Month => Self::month(y, m - 1),
            PeriodKind::Quarter => {
                let q = (m - 1) / 3 + 1;
                if q == 1 {
                    y.checked_sub(1).and_then(|y| Self::quarter(y, 4))
                } else {
                    Self::quarter(y, q - 1)
                }
            }
            PeriodKind::Year => y.checked_sub(1).and_then(Self::year),
            PeriodKind::Custom => self.from.pred_opt().and_then(|to| {
                let from = to.checked_sub_signed(Duration::days(self.days() - 1))?;
                Self::custom(from, to)
            }),
        };
        before.unwrap_or(*self)
    }

    /// Whether `day` falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The number of days, both ends counted: a year has 365 or 366.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Every calendar month the period touches, in order, as (year, month).
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.from.year(), self.from.month());
        let end = (self.to.year(), self.to.month());
        while (y, m) <= end {
            out.push((y, m));
            if m == 12 {
                y += 1;
                m = 1;
            } else {
                m += 1;
            }
        }
        out
    }
}

/// What a report is computed over: a period and the locations chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub period: Period,
    /// Location codes; empty means all locations.
    pub locations: Vec<String>,
}

impl Scope {
    /// All locations over `period`.
    pub fn all(period: Period) -> Self {
        Self {
            period,
            locations: Vec::new(),
        }
    }

    /// Whether the chosen locations include `location`.
    pub fn includes(&self, location: &str) -> bool {
        self.locations.is_empty() || self.locations.iter().any(|l| l == location)
    }

    /// Whether only some locations are chosen.
    pub fn is_filtered(&self) -> bool {
        !self.locations.is_empty()
    }
}
