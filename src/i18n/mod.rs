//! Every text the user sees, Dutch first, through one mechanism.
//!
//! Translations are JSON files in `src/i18n/locales/`, one per language, that
//! `build.rs` compiles into `LOCALES` and the `Key` enum. To add a language,
//! add a file with `_meta.name` and `_meta.dir` ("ltr" or "rtl"); missing
//! keys fall back to Dutch. Components never hold literal texts. Texts of
//! the coordinator's screens live in `locales/coordinator/<part>.<code>.json`
//! and exist only in the coordinator app (cargo feature `coordinator`).
//!
//! A text that shows a count has two forms in the JSON, `{"one": …,
//! "other": …}`; [`Locale::plural`] picks one by the number. `build.rs`
//! fails the build when a translation's `{placeholders}` or forms differ
//! from the Dutch text's (the check is `check.rs`, which the build script
//! and the tests compile; the library does not).

use crate::domain::contact::{Field, FieldError, Problem};
use crate::domain::number::{self, NumberStyle};
use crate::domain::privacy::{PersonalData, TextProblem};
use crate::storage::StorageError;

include!(concat!(env!("OUT_DIR"), "/i18n_tables.rs"));

#[cfg(target_arch = "wasm32")]
mod context;
#[cfg(target_arch = "wasm32")]
pub use context::I18n;

#[cfg(feature = "area-activities")]
pub mod activity;
#[cfg(feature = "area-settings")]
pub mod conflicts;
#[cfg(staff_texts)]
pub mod import;
#[cfg(feature = "area-activities")]
pub mod initiative;
#[cfg(feature = "area-surveys")]
pub mod survey;
#[cfg(staff_texts)]
pub mod sync;
#[cfg(any(feature = "area-trajectories", feature = "area-report"))]
pub mod trajectory;

/// One interface language.
pub struct Locale {
    pub code: &'static str,
    /// The language's own name for itself ("Nederlands", "English").
    pub name: &'static str,
    pub dir: &'static str,
    /// Every key translated. Staff screens offer only complete locales; a
    /// partial one (Arabic: the resident screens) fills its gaps with Dutch.
    pub complete: bool,
    /// Every text one after another: the plain texts in `Key` order, then
    /// the "one" forms of the counts in `PLURALS` order (a count's plain
    /// text is its "other" form).
    text: &'static str,
    /// Where each text of `text` ends.
    ends: &'static [u16],
}

impl Locale {
    fn entry(&self, index: usize) -> &'static str {
        let start = match index {
            0 => 0,
            _ => usize::from(self.ends[index - 1]),
        };
        &self.text[start..usize::from(self.ends[index])]
    }

    pub fn text(&self, key: Key) -> &'static str {
        self.entry(key as usize)
    }

    /// The text of `key` for a count of `n`, its placeholders still to
    /// fill: the "one" form for exactly 1 (the rule of Dutch and English;
    /// a partial locale such as Arabic writes its "other" form to fit every
    /// other number), else the "other" form. A key without forms gives its
    /// one text.
    pub fn plural(&self, key: Key, n: u32) -> &'static str {
        match PLURALS.iter().position(|k| *k == key) {
            Some(i) if n == 1 => self.entry(KEY_COUNT + i),
            _ => self.text(key),
        }
    }
}

/// The locale for `code`, else Dutch.
pub fn locale(code: &str) -> &'static Locale {
    LOCALES
        .iter()
        .find(|l| l.code == code)
        .unwrap_or(&LOCALES[0])
}

/// A language's own name ("Nederlands", "العربية"), for any language there
/// is a locale file for, whether this app carries its texts or not; else the
/// code itself.
pub fn language_name(code: &str) -> String {
    LANGUAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name, _)| (*name).to_owned())
}

/// The language a voice must speak for `code`: its first subtag ("nl" for
/// simple Dutch, `nl-x-b1`).
pub fn speech_lang(code: &str) -> &str {
    code.split('-').next().unwrap_or(code)
}

/// A language's writing direction, "ltr" or "rtl" ("ltr" when unknown).
pub fn language_dir(code: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or("ltr", |(_, _, dir)| dir)
}

/// A count as text in its singular or plural, `{n}` filled in: "1
/// bijeenkomst", "8 bijeenkomsten" (for a text whose only placeholder is
/// `{n}`; others take [`Locale::plural`] and [`fill`]).
pub fn count(locale: &Locale, key: Key, n: u32) -> String {
    fill(locale.plural(key, n), &[("n", &num(locale, n))])
}

/// How `locale` writes numbers (`domain::number`): "17.076" and "9,06" in
/// Dutch, "17,076" and "9.06" in English.
pub fn number_style(locale: &Locale) -> NumberStyle {
    NumberStyle::for_language(locale.code)
}

/// A count as `locale` writes it, with thousands separators: 17076 →
/// "17.076" in Dutch. Every count a screen shows goes through here.
pub fn num(locale: &Locale, n: impl Into<u64>) -> String {
    number::format_count(n.into(), number_style(locale))
}

/// A percentage in tenths as `locale` writes it: 128 → "12,8%" in Dutch.
pub fn percent(locale: &Locale, tenths: u32) -> String {
    number::format_percent(tenths, number_style(locale))
}

/// Fills `{name}` placeholders in a template.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The sentence for a validation problem, in `locale`.
pub fn problem_message(locale: &Locale, error: &FieldError) -> String {
    let t = |key| locale.text(key);
    match error.problem {
        Problem::Required => t(match error.field {
            Field::Domains => Key::ErrorDomainsRequired,
            Field::ReferralTarget => Key::ErrorReferralRequired,
            Field::Location => Key::ErrorLocationRequired,
            _ => Key::ErrorRequired,
        })
        .to_owned(),
        Problem::UnknownChoice => t(Key::ErrorUnknownChoice).to_owned(),
        Problem::NotADateTime => t(Key::ErrorNotADateTime).to_owned(),
        Problem::InTheFuture => t(Key::ErrorInTheFuture).to_owned(),
        Problem::TooLongAgo => t(Key::ErrorTooLongAgo).to_owned(),
        Problem::NotAWholeNumber => t(Key::ErrorNotAWholeNumber).to_owned(),
        Problem::OutOfRange { min, max } => fill(
            t(Key::ErrorOutOfRange),
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
        Problem::TooMany { max } => fill(t(Key::ErrorTooMany), &[("max", &max.to_string())]),
        Problem::Text(problem) => text_problem(locale, t(field_label(error.field)), problem),
        Problem::NotInitials => t(Key::ErrorNotInitials).to_owned(),
    }
}

/// The label of a contact form's field.
fn field_label(field: Field) -> Key {
    match field {
        Field::Location => Key::Location,
        Field::OccurredAt => Key::OccurredAt,
        Field::Channel => Key::Channel,
        Field::SupportForm => Key::SupportForm,
        Field::Domains => Key::Domains,
        Field::ReferralTarget => Key::ReferralTarget,
        Field::Referrer => Key::Referrer,
        Field::Awareness => Key::Awareness,
        Field::TargetGroups => Key::TargetGroups,
        Field::Duration => Key::Duration,
        Field::Note => Key::Note,
        Field::Initials => Key::Initials,
    }
}

/// A free text the privacy rule refused (`privacy::check_free_text`), as a
/// sentence that names the field by `label`: the one set of messages for
/// every free text of every form.
pub fn text_problem(locale: &Locale, label: &str, problem: TextProblem) -> String {
    let (key, max) = match problem {
        TextProblem::Empty => (Key::TextEmpty, 0),
        TextProblem::TooLong { max } => (Key::TextTooLong, max),
        TextProblem::PersonalData(PersonalData::Email) => (Key::TextPersonalEmail, 0),
        TextProblem::PersonalData(PersonalData::LongNumber) => (Key::TextPersonalNumber, 0),
        TextProblem::PersonalData(PersonalData::Postcode) => (Key::TextPersonalPostcode, 0),
    };
    fill(
        locale.text(key),
        &[("field", label), ("max", &max.to_string())],
    )
}

/// Why the survey app refused a resident's answer, in `locale`, in the
/// resident's words: a missing answer, or an open answer that is too long
/// or holds a phone number, e-mail address or postcode.
#[cfg(feature = "resident")]
pub fn answer_message(locale: &Locale, problem: &crate::domain::survey::AnswerProblem) -> String {
    use crate::domain::survey::AnswerProblem as P;
    match problem {
        P::TooLong { max } => fill(
            locale.text(Key::AnswerTooLong),
            &[("max", &max.to_string())],
        ),
        P::PersonalData(_) => locale.text(Key::AnswerPersonalData).to_owned(),
        // The others the screens cannot give (an unknown question or
        // option, a number out of range): choosing again fixes them.
        _ => locale.text(Key::AnswerRequired).to_owned(),
    }
}

/// The sentence for a storage failure, in `locale`. Each says that what was
/// stored before is safe, and what to do.
pub fn storage_message(locale: &Locale, error: &StorageError) -> String {
    let key = match error {
        StorageError::QuotaExceeded => Key::StorageQuota,
        StorageError::Unavailable(_) => Key::StorageUnavailable,
        StorageError::Blocked => Key::StorageBlocked,
        StorageError::Closed => Key::StorageClosed,
        StorageError::NewerVersion => Key::StorageNewerVersion,
        StorageError::Conflict => Key::StorageConflict,
        StorageError::NotFound => Key::StorageNotFound,
        StorageError::Corrupt(_) | StorageError::Failed(_) => Key::StorageFailed,
    };
    locale.text(key).to_owned()
}

/// The sentence for a storage failure while saving, changing, deleting or
/// undoing a record of `kind`: a stale change (`Conflict`: another tab or
/// device stored a newer revision first) and a record that is gone
/// (`NotFound`) name the kind where this app has its word ("Dit traject
/// …"), else they say it without one; every other failure as
/// [`storage_message`].
pub fn record_storage_message(
    locale: &Locale,
    error: &StorageError,
    kind: crate::domain::record::RecordKind,
) -> String {
    use crate::domain::record::RecordKind as K;
    let named = match (error, kind) {
        (StorageError::Conflict, K::Contact) => Some(Key::StorageConflictContact),
        (StorageError::NotFound, K::Contact) => Some(Key::StorageNotFoundContact),
        #[cfg(any(feature = "area-trajectories", feature = "area-report"))]
        (StorageError::Conflict, K::Trajectory) => Some(Key::TrajStorageConflict),
        #[cfg(any(feature = "area-trajectories", feature = "area-report"))]
        (StorageError::NotFound, K::Trajectory) => Some(Key::TrajStorageNotFound),
        #[cfg(feature = "area-activities")]
        (StorageError::Conflict, K::Activity) => Some(Key::ActStorageConflict),
        #[cfg(feature = "area-activities")]
        (StorageError::NotFound, K::Activity) => Some(Key::ActStorageNotFound),
        #[cfg(feature = "area-activities")]
        (StorageError::Conflict, K::Initiative) => Some(Key::IniStorageConflict),
        #[cfg(feature = "area-activities")]
        (StorageError::NotFound, K::Initiative) => Some(Key::IniStorageNotFound),
        _ => None,
    };
    match named {
        Some(key) => locale.text(key).to_owned(),
        None => storage_message(locale, error),
    }
}

// Last in this file, so the lines above keep their numbers and the apps
// without it stay byte for byte the same (panic locations name lines).
#[cfg(feature = "coordinator")]
pub mod format;
#[cfg(feature = "area-settings")]
pub mod period;
