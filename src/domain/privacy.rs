//! Privacy guards for free text (AVG/GDPR): registrations are statistics, not
//! case files.
//!
//! A note may not hold an e-mail address, a phone or BSN number, or a postcode.
//! Names cannot be recognised reliably, so the form warns about them instead.
//! [`check_free_text`] is the one rule every free text a person types goes
//! through (a contact's note, an activity's title and place, an initiative's
//! name and notes, a trajectory's goals and notes); i18n turns its
//! [`TextProblem`] into one set of sentences.
//! Plain character scans, no regex: this runs on every keystroke's validation
//! and must stay small in the wasm.

/// A kind of personal data found in free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalData {
    Email,
    /// Nine or more digits in a row (spaces and dashes allowed between them):
    /// a phone number or a BSN.
    LongNumber,
    Postcode,
}

/// Why a free text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// Required, but empty or only spaces.
    Empty,
    /// More than `max` characters (after trimming).
    TooLong {
        max: u32,
    },
    PersonalData(PersonalData),
}

/// The one free-text rule: `text` trimmed, not empty when `required`, at
/// most `max_chars` characters, and nothing that looks like personal data.
/// Gives the trimmed text, which is what is stored. One problem at a time,
/// the first a person would fix: a text too long is not also scanned.
pub fn check_free_text(text: &str, max_chars: usize, required: bool) -> Result<&str, TextProblem> {
    let text = text.trim();
    if text.is_empty() {
        return if required {
            Err(TextProblem::Empty)
        } else {
            Ok(text)
        };
    }
    if text.chars().count() > max_chars {
        return Err(TextProblem::TooLong {
            max: u32::try_from(max_chars).unwrap_or(u32::MAX),
        });
    }
    match find_personal_data(text) {
        Some(found) => Err(TextProblem::PersonalData(found)),
        None => Ok(text),
    }
}

pub fn find_personal_data(text: &str) -> Option<PersonalData> {
    if has_email(text) {
        Some(PersonalData::Email)
    } else if has_long_number(text) {
        Some(PersonalData::LongNumber)
    } else if has_postcode(text) {
        Some(PersonalData::Postcode)
    } else {
        None
    }
}

fn has_email(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        match word.split_once('@') {
            Some((user, host)) => !user.is_empty() && host.contains('.') && !host.ends_with('.'),
            None => false,
        }
    })
}

fn has_long_number(text: &str) -> bool {
    // Dates ("23-11-2026") are no personal data here, but their digits would
    // join the next number; they are left out before counting.
    let mut digits = 0;
    let mut separators = 0;
    for word in text.split_whitespace() {
        if is_date(word) {
            digits = 0;
            continue;
        }
        for c in word.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_digit() {
                digits += 1;
                separators = 0;
                if digits >= 9 {
                    return true;
                }
            } else if (c == ' ' || c == '-' || c == '.') && digits > 0 && separators < 3 {
                // "06 - 12345678": up to three separators in a row keep a
                // number together.
                separators += 1;
            } else {
                digits = 0;
                separators = 0;
            }
        }
    }
    false
}

/// "23-11-2026", "1/2/26", "05.01.2026": day, month and year.
fn is_date(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = word.split(['-', '/', '.']).collect();
    let number = |p: &str, max_len| {
        !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())
    };
    parts.len() == 3
        && number(parts[0], 2)
        && number(parts[1], 2)
        && (parts[2].len() == 2 || parts[2].len() == 4)
        && number(parts[2], 4)
        && parts[0].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
}

/// A Dutch postcode: four digits (not starting with 0), then two capital
/// letters, with or without a space ("3011 AB", "3011AB"), or two small
/// letters right after the digits ("3011ab"). "1500 is" or "2024 en" in a
/// sentence is not a postcode.
fn has_postcode(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    for start in 0..n {
        if start > 0 && chars[start - 1].is_alphanumeric() {
            continue;
        }
        let digits_end = start + 4;
        if digits_end > n
            || chars[start] == '0'
            || !chars[start..digits_end].iter().all(char::is_ascii_digit)
        {
            continue;
        }
        let mut at = digits_end;
        let spaced = at < n && chars[at] == ' ';
        if spaced {
            at += 1;
        }
        if at + 2 > n || (at + 2 < n && chars[at + 2].is_alphanumeric()) {
            continue;
        }
        let letters = &chars[at..at + 2];
        if letters.iter().all(char::is_ascii_uppercase)
            || (!spaced && letters.iter().all(char::is_ascii_lowercase))
        {
            return true;
        }
    }
    false
}

/// Initials like "JdV", "J.D." or "AB": one to four letters, with dots and
/// spaces allowed between them; anything longer looks like a name.
pub fn looks_like_initials(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (1..=4).contains(&letters)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == ' ')
}
