//! The JSON export file: a full, self-describing copy of a device's records
//! of every kind, tombstones included, so a coordinator can keep or merge it
//! elsewhere.
//!
//! Pure: builds the file text from the stored records' JSON and says which
//! revisions it contains; the caller saves the file and then marks those
//! revisions as shipped. Records are copied as stored, not decoded, so the
//! export needs no knowledge of each kind and carries even records this
//! version cannot read.
//!
//! Format history: version 1 held `contacts` only; version 2 one list per
//! record kind, named after its store (`contacts`, `surveys`, …); version 3
//! may name the `period` the file covers (an export of one period, below).

use crate::domain::record::{utc_millis, ymd, RecordId, RecordKind};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const EXPORT_FORMAT: &str = "wijkpeil-export";
pub const EXPORT_FORMAT_VERSION: u32 = 3;

/// The head of an export file; the lists follow, one per record kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportHead {
    pub format: String,
    pub format_version: u32,
    #[serde(with = "utc_millis")]
    pub exported_at: DateTime<Utc>,
    pub device_id: String,
}

/// A finished export: the file name, its text, and the revisions it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub file_name: String,
    pub text: String,
    pub shipped: Vec<(RecordKind, RecordId, u32)>,
}

impl Export {
    /// The shipped revisions of one kind, for `RecordStore::mark_shipped`.
    pub fn shipped_of(&self, kind: RecordKind) -> Vec<(RecordId, u32)> {
        self.shipped
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, revision)| (*id, *revision))
            .collect()
    }
}

/// The id and revision of a stored record, read without decoding the rest.
#[derive(Deserialize)]
struct Shipped {
    id: RecordId,
    revision: u32,
}

/// Builds the export of `stored`: each kind with its records as the JSON
/// text the store holds, copied in as they are (no decoding, so records of
/// a newer schema travel too). Only records with an id and a revision count
/// as shipped; text that is not a JSON object is carried as a string.
pub fn build_export(
    stored: Vec<(RecordKind, Vec<String>)>,
    device_id: &str,
    now: DateTime<Utc>,
) -> Result<Export, serde_json::Error> {
    let head = serde_json::to_string(&ExportHead {
        format: EXPORT_FORMAT.to_owned(),
        format_version: EXPORT_FORMAT_VERSION,
        exported_at: now,
        device_id: device_id.to_owned(),
    })?;
    // The head without its closing brace, then one list per kind.
    let mut text = head[..head.len() - 1].to_owned();
    let mut shipped = Vec::new();
    for kind in RecordKind::ALL {
        text.push_str(&format!(",\n\"{}\":[", kind.store_name()));
        let texts = stored
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, texts)| texts.iter());
        for (n, record) in texts.enumerate() {
            text.push_str(if n == 0 { "\n" } else { ",\n" });
            let is_object = record.trim_start().starts_with('{')
                && serde_json::from_str::<serde::de::IgnoredAny>(record).is_ok();
            if is_object {
                if let Ok(s) = serde_json::from_str::<Shipped>(record) {
                    shipped.push((kind, s.id, s.revision));
                }
                text.push_str(record.trim());
            } else {
                // Kept as a string, so the copy stays complete and the file
                // stays JSON.
                text.push_str(&serde_json::to_string(record)?);
            }
        }
        text.push(']');
    }
    text.push_str("\n}\n");
    let file_name = format!(
        "wijkpeil-{device_id}-{:04}-{:02}-{:02}.json",
        now.year(),
        now.month(),
        now.day()
    );
    Ok(Export {
        file_name,
        text,
        shipped,
    })
}

/// Reads the head and the lists of an export file (version 1 or 2), for
/// checks and, later, import.
pub fn read_export(text: &str) -> Result<(ExportHead, Map<String, Value>), serde_json::Error> {
    let head: ExportHead = serde_json::from_str(text)?;
    let Value::Object(all) = serde_json::from_str(text)? else {
        unreachable!("the head parsed, so it is an object")
    };
    Ok((head, all))
}

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
