//! Numbers as people read them: one rounding rule and Dutch notation.
//!
//! **One rule, half up.** Every figure Wijkpeil shows, prints or exports is
//! rounded half away from zero (2,25 → 2,3; −0,25 → −0,3), as Dutch reports
//! do, never to even (Rust's `{:.1}` gives "2,2" for 2.25). A float is first
//! read as its 15 significant decimal digits (what Excel keeps too), so a
//! value that is a tie in decimals but not quite in binary (2.25 is exact,
//! 9.055 and 0.15 are not; 0.1 + 0.2 is 0.30000000000000004; a sum of
//! thirds may land at 2.2499999999999996) rounds as its decimal text says.
//!
//! **Dutch notation.** A decimal comma and "." between thousands: 17076 →
//! "17.076", 1234.5 → "1.234,5", 128 tenths → "12,8%". `NumberStyle` carries
//! the separators, so an English screen gets "17,076" from the same code and
//! CSV gets numbers without thousands separators (`NumberStyle::NL_PLAIN`).
//!
//! **Printed tables add up.** A difference between two printed figures is
//! computed from the figures as printed (`Rounded::minus`), so a row never
//! reads "3,3 → 2,9: −0,5".
//!
//! Always compiled (every app shows numbers); pure, tested natively.

use serde::{Deserialize, Serialize};

/// The most decimals a figure is shown with.
pub const MAX_DECIMALS: u8 = 3;

/// How a number is written: the decimal mark, and the thousands separator
/// (`None`: none, for files read by spreadsheets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberStyle {
    pub decimal: char,
    pub group: Option<char>,
}

impl NumberStyle {
    /// Dutch on screen and in print: "1.234,5".
    pub const NL: NumberStyle = NumberStyle {
        decimal: ',',
        group: Some('.'),
    };
    /// Dutch in a CSV file: "1234,5" (Excel in a Dutch locale reads it as a
    /// number; with a "." it could read a date or text).
    pub const NL_PLAIN: NumberStyle = NumberStyle {
        decimal: ',',
        group: None,
    };
    /// English: "1,234.5".
    pub const EN: NumberStyle = NumberStyle {
        decimal: '.',
        group: Some(','),
    };

    /// The style for a language code: Dutch notation but for English.
    /// (Arabic screens show the staff's Dutch numbers.)
    pub fn for_language(code: &str) -> NumberStyle {
        if code == "en" {
            NumberStyle::EN
        } else {
            NumberStyle::NL
        }
    }
}

/// A number rounded half up to `decimals` places, kept exactly as an
/// integer of `10^-decimals` units: 2,3 is `{ units: 23, decimals: 1 }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rounded {
    pub units: i64,
    pub decimals: u8,
}

impl Rounded {
    /// `value` rounded half away from zero to `decimals` places (at most
    /// `MAX_DECIMALS`). Not-a-number and infinities count as 0; values
    /// beyond ±9·10^15 saturate (no figure comes near).
    pub fn new(value: f64, decimals: u8) -> Rounded {
        let decimals = decimals.min(MAX_DECIMALS);
        Rounded {
            units: round_half_up_units(value, decimals),
            decimals,
        }
    }

    /// A whole number as a `Rounded` with 0 decimals.
    pub fn whole(n: i64) -> Rounded {
        Rounded {
            units: n,
            decimals: 0,
        }
    }

    /// `self − earlier` as printed: both at the larger number of decimals.
    pub fn minus(self, earlier: Rounded) -> Rounded {
        let decimals = self.decimals.max(earlier.decimals);
        let scale = |r: Rounded| {
            r.units
                .saturating_mul(10_i64.pow(u32::from(decimals - r.decimals)))
        };
        Rounded {
            units: scale(self).saturating_sub(scale(earlier)),
            decimals,
        }
    }

    /// The rounded value as a float (for drawing, not for printing).
    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10_f64.powi(i32::from(self.decimals))
    }

    /// Written in `style`, with a "-" (hyphen-minus, so spreadsheets read
    /// it) before a negative value; never "-0,0".
    pub fn format(self, style: NumberStyle) -> String {
        let scale = 10_u64.pow(u32::from(self.decimals));
        let abs = self.units.unsigned_abs();
        let mut text = String::new();
        if self.units < 0 {
            text.push('-');
        }
        text.push_str(&group_digits(abs / scale, style.group));
        if self.decimals > 0 {
            text.push(style.decimal);
            text.push_str(&format!(
                "{:0width$}",
                abs % scale,
                width = usize::from(self.decimals)
            ));
        }
        text
    }

    /// Written with a sign always: "+0,4", "-0,5", "0,0" (a difference).
    pub fn format_signed(self, style: NumberStyle) -> String {
        let text = self.format(style);
        if self.units > 0 {
            format!("+{text}")
        } else {
            text
        }
    }
}

/// Half away from zero on the 15 significant digits of `value`.
fn round_half_up_units(value: f64, decimals: u8) -> i64 {
    if !value.is_finite() || value == 0.0 {
        return 0;
    }
    // "d.dddddddddddddde±x": 15 significant digits, exactly as Rust prints
    // the float (its exact binary value, rounded to 15 digits).
    let text = format!("{:.14e}", value.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: u128 = mantissa
        .chars()
        .filter(char::is_ascii_digit)
        .fold(0, |n, c| n * 10 + u128::from(c as u8 - b'0'));
    // |value| = digits · 10^(exponent − 14); we want it · 10^decimals.
    let shift = exponent - 14 + i32::from(decimals);
    let units: u128 = if shift >= 0 {
        if shift > 20 {
            u128::MAX
        } else {
            digits.saturating_mul(10_u128.pow(shift as u32))
        }
    } else if -shift > 30 {
        0
    } else {
        let divisor = 10_u128.pow((-shift) as u32);
        let (whole, rest) = (digits / divisor, digits % divisor);
        whole + u128::from(rest * 2 >= divisor)
    };
    let units = i64::try_from(units.min(9_000_000_000_000_000_000)).unwrap_or(i64::MAX);
    if value < 0.0 {
        -units
    } else {
        units
    }
}

/// "1234567" → "1.234.567" with `group` '.'.
fn group_digits(n: u64, group: Option<char>) -> String {
    let digits = n.to_string();
    let Some(group) = group else {
        return digits;
    };
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(group);
        }
        text.push(c);
    }
    text
}

/// `value` rounded half up as a float: `round(2.25, 1)` is 2.3.
pub fn round(value: f64, decimals: u8) -> f64 {
    Rounded::new(value, decimals).to_f64()
}

/// A number with `decimals` decimals (at most 3) in `style`, rounded half up.
pub fn format_decimal(value: f64, decimals: u8, style: NumberStyle) -> String {
    Rounded::new(value, decimals).format(style)
}

/// A count in `style`: 17076 → "17.076" in Dutch.
pub fn format_count(n: u64, style: NumberStyle) -> String {
    group_digits(n, style.group)
}

/// A percentage in tenths in `style`: 128 → "12,8%".
pub fn format_percent(tenths: u32, style: NumberStyle) -> String {
    format!(
        "{}{}{}%",
        group_digits(u64::from(tenths / 10), style.group),
        style.decimal,
        tenths % 10
    )
}

/// Dutch, rounded half up, "." between thousands: 9.055 → "9,06" with 2
/// decimals; 1234.5 → "1.234,5" with 1.
pub fn format_decimal_nl(value: f64, decimals: u8) -> String {
    format_decimal(value, decimals, NumberStyle::NL)
}

/// A Dutch count: 17076 → "17.076".
pub fn format_count_nl(n: u64) -> String {
    format_count(n, NumberStyle::NL)
}

/// A Dutch percentage from tenths: 128 → "12,8%".
pub fn format_percent_nl(tenths: u32) -> String {
    format_percent(tenths, NumberStyle::NL)
}

/// `end − begin` of two figures as printed with `decimals` decimals (the
/// "Verschil" of the ZRM chart and the report's comparison columns): 3,26
/// → 2,84 with 1 decimal prints 3,3 → 2,8 and a difference of −0,5.
pub fn printed_difference(begin: f64, end: f64, decimals: u8) -> Rounded {
    Rounded::new(end, decimals).minus(Rounded::new(begin, decimals))
}
