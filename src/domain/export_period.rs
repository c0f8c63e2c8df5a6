//! The export of one period (the coordinator's): the records of every kind
//! whose time falls in a span of local calendar days, both included, as an
//! export file (`domain::export`) with the `period` in its head.
//!
//! Pure: the caller converts local times to UTC (`Period::window` takes the
//! conversion) and saves the file. Only the coordinator app has this (cargo
//! feature `coordinator`): the volunteer app, which must not grow, does not
//! even compile it, so not even the inlining of the helpers it shares (the
//! date formats) changes there.

use crate::domain::export::{build_export, Export};
use crate::domain::record::{ymd, RecordKind};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The days an export of one period covers, local calendar days, both
/// included; `from <= to`. In the file's head as
/// `"period": {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    #[serde(with = "ymd")]
    pub from: NaiveDate,
    #[serde(with = "ymd")]
    pub to: NaiveDate,
}

/// Why a period's from- or to-day was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// Left empty (a date input that is empty or not filled in completely
    /// gives no value at all).
    Missing,
    /// Not a day of the calendar written `YYYY-MM-DD` ("2026-02-30").
    NotADate,
    /// The to-day lies before the from-day.
    ToBeforeFrom,
}

/// What was wrong with each of the two days; `None` where it is fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodErrors {
    pub from: Option<PeriodProblem>,
    pub to: Option<PeriodProblem>,
}

impl Period {
    /// The period offered first: from 1 January of `today`'s year up to and
    /// including `today` (this calendar year so far).
    pub fn year_so_far(today: NaiveDate) -> Self {
        let from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        Self { from, to: today }
    }

    /// Reads the two days as a date input gives them (`YYYY-MM-DD`): each
    /// must be a real day, and `to` may not lie before `from` (one day, from
    /// and to equal, is a period).
    pub fn parse(from: &str, to: &str) -> Result<Self, PeriodErrors> {
        let day = |text: &str| {
            let text = text.trim();
            if text.is_empty() {
                Err(PeriodProblem::Missing)
            } else {
                ymd::parse(text).ok_or(PeriodProblem::NotADate)
            }
        };
        match (day(from), day(to)) {
            (Ok(from), Ok(to)) if to < from => Err(PeriodErrors {
                from: None,
                to: Some(PeriodProblem::ToBeforeFrom),
            }),
            (Ok(from), Ok(to)) => Ok(Self { from, to }),
            (from, to) => Err(PeriodErrors {
                from: from.err(),
                to: to.err(),
            }),
        }
    }

    /// The period as UTC instants, `from` included and `to` not: from the
    /// start of the first day to the start of the day after the last, each
    /// local day start turned into UTC by `to_utc` (the device's time zone;
    /// `None` for a local time that does not exist). `None` if no instant
    /// of the day can be placed (a date the clock cannot hold).
    pub fn window(
        self,
        to_utc: impl Fn(NaiveDateTime) -> Option<DateTime<Utc>>,
    ) -> Option<PeriodWindow> {
        let after = self.to.checked_add_days(Days::new(1))?;
        Some(PeriodWindow {
            period: self,
            from: day_start(self.from, &to_utc)?,
            to: day_start(after, &to_utc)?,
        })
    }

    /// "2026-01-01--2026-03-31": the days in a file name (ISO 8601's
    /// interval, with `--` for the `/` a file name cannot hold).
    pub fn file_part(&self) -> String {
        format!("{}--{}", ymd::format(&self.from), ymd::format(&self.to))
    }
}

/// The first instant of the local calendar day `day`, in UTC: its midnight,
/// or, where the clocks jump over midnight (daylight saving time starting at
/// 00:00 in some time zones), the first minute of the day that exists. A
/// day that does not exist at all (a time zone that skipped one) starts
/// where the next does, so it holds nothing.
pub fn day_start(
    day: NaiveDate,
    to_utc: impl Fn(NaiveDateTime) -> Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let midnight = day.and_time(NaiveTime::MIN);
    (0..=24 * 60).find_map(|minute| to_utc(midnight + TimeDelta::minutes(minute)))
}

/// A period and its span in UTC (`Period::window`): which stored records
/// an export of the period holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodWindow {
    pub period: Period,
    /// The first instant of the first day.
    pub from: DateTime<Utc>,
    /// The first instant after the last day (not in the period).
    pub to: DateTime<Utc>,
}

impl PeriodWindow {
    /// Whether the stored record `text` (JSON) of `kind` falls in the
    /// period, by its time (`stored_time`): `from <= time < to`. A survey
    /// response's time is a date (kept at midnight UTC, no time of day), so
    /// its date is compared with the period's days instead, which gives the
    /// same answer in Dutch time and the right day in any time zone. A
    /// record without a readable time (text that is not a record) is in no
    /// period: only a full export carries it.
    pub fn holds(&self, kind: RecordKind, text: &str) -> bool {
        match stored_time(kind, text) {
            None => false,
            Some(time) if kind == RecordKind::SurveyResponse => {
                let date = time.date_naive();
                self.period.from <= date && date <= self.period.to
            }
            Some(time) => self.from <= time && time < self.to,
        }
    }
}

/// The moment a stored record (JSON text) is about, as its kind's
/// `Record::occurred_at` says, read without decoding the content: a
/// contact's `occurred_at`, the time of entry `created_at` for every other
/// kind (for a survey response its date at midnight UTC). A deleted record
/// keeps no content, so a contact's tombstone has no `occurred_at`: its
/// `created_at` (when the contact was registered, mostly the same day)
/// stands in. `None` when neither can be read.
pub fn stored_time(kind: RecordKind, text: &str) -> Option<DateTime<Utc>> {
    /// The two times, the rest of the record skipped.
    #[derive(Deserialize)]
    struct Times {
        #[serde(default)]
        occurred_at: Option<Value>,
        #[serde(default)]
        created_at: Option<Value>,
    }
    let times: Times = serde_json::from_str(text).ok()?;
    let instant = |value: Option<Value>| {
        let value = value?;
        DateTime::parse_from_rfc3339(value.as_str()?)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    };
    let occurred = match kind {
        RecordKind::Contact => instant(times.occurred_at),
        _ => None,
    };
    occurred.or_else(|| instant(times.created_at))
}

/// Builds the export of one period: of `stored` (as for `build_export`)
/// only the records that `window` holds, tombstones included, with the
/// period in the head and in the file name
/// (`wijkpeil-<device>-<from>--<to>.json`). Its `shipped` lists only the
/// revisions it holds.
pub fn build_period_export(
    stored: Vec<(RecordKind, Vec<String>)>,
    device_id: &str,
    now: DateTime<Utc>,
    window: &PeriodWindow,
) -> Result<Export, serde_json::Error> {
    let stored = stored
        .into_iter()
        .map(|(kind, texts)| {
            let held = texts
                .into_iter()
                .filter(|text| window.holds(kind, text))
                .collect();
            (kind, held)
        })
        .collect();
    // A full export of what it holds, the period added to the head. (Not
    // a head type of its own: `build_export` stays as it is, and so does
    // the volunteer app, which has no period export.) The head's last field
    // is `device_id`, a JSON string, which cannot hold a raw line break: the
    // first `,\n` ends the head.
    let mut export = build_export(stored, device_id, now)?;
    let head_end = export.text.find(",\n").unwrap_or(export.text.len());
    let period = format!(",\"period\":{}", serde_json::to_string(&window.period)?);
    export.text.insert_str(head_end, &period);
    export.file_name = format!("wijkpeil-{device_id}-{}.json", window.period.file_part());
    Ok(export)
}
