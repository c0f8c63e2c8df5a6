//! Dates and decimals as the locale writes them, for every area of the
//! coordinator app (each built on its own, cargo features `area-…`).

use super::Locale;
use chrono::{Datelike, NaiveDate};

/// A date as the locale writes it: 23-11-2026 in Dutch, 23/11/2026 in English.
pub fn date(locale: &Locale, day: NaiveDate) -> String {
    let sep = if locale.code == "nl" { '-' } else { '/' };
    format!("{}{sep}{}{sep}{}", day.day(), day.month(), day.year())
}

/// A number with `places` decimals (at most 3), rounded half up
/// (`domain::number`), with a decimal comma in Dutch.
pub fn decimal(locale: &Locale, value: f64, places: u8) -> String {
    crate::domain::number::format_decimal(value, places, super::number_style(locale))
}
