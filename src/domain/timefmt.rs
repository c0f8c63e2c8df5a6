//! Dates and times as Dutch users read them ("23-11-2026 14:05").
//!
//! Records keep UTC; the browser layer converts to local wall-clock time and
//! hands it here, so formatting stays pure and testable.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// "23-11-2026 14:05": day-month-year, 24-hour clock, as in Dutch use.
pub fn dutch_date_time(local: NaiveDateTime) -> String {
    format!("{} {}", dutch_date(local.date()), clock(local))
}

pub fn dutch_date(date: NaiveDate) -> String {
    format!("{:02}-{:02}-{}", date.day(), date.month(), date.year())
}

/// "14:05".
pub fn clock(local: NaiveDateTime) -> String {
    format!("{:02}:{:02}", local.hour(), local.minute())
}
