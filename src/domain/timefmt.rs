//! Dates and times as Dutch users read them ("23-11-2026 14:05").
//!
//! Records keep UTC; the browser layer converts to local wall-clock time and
//! hands it here, so formatting stays pure and testable.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

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

/// "2026-11-23T14:05", the value of an `<input type="datetime-local">`.
/// Written by hand: chrono's strftime machinery costs about 15 kB of wasm.
pub fn local_input(local: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// Reads a datetime-local value: "YYYY-MM-DDTHH:MM", optionally with
/// ":SS" and fractional seconds, as browsers may add them.
pub fn parse_local_input(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once('T')?;
    let mut date_parts = date.split('-');
    let year = number(date_parts.next()?, 4)?;
    let month = number(date_parts.next()?, 2)?;
    let day = number(date_parts.next()?, 2)?;
    if date_parts.next().is_some() {
        return None;
    }
    let time = time.split_once('.').map_or(time, |(whole, fraction)| {
        if fraction.bytes().all(|b| b.is_ascii_digit()) {
            whole
        } else {
            ""
        }
    });
    let mut time_parts = time.split(':');
    let hour = number(time_parts.next()?, 2)?;
    let minute = number(time_parts.next()?, 2)?;
    let second = match time_parts.next() {
        Some(text) => number(text, 2)?,
        None => 0,
    };
    if time_parts.next().is_some() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    Some(date.and_time(time))
}

/// Exactly `digits` ASCII digits.
fn number(text: &str, digits: usize) -> Option<u32> {
    if text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}
