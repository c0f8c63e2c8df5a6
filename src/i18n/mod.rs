//! Every text the user sees, Dutch first, through one mechanism.
//!
//! Translations are JSON files in `src/i18n/locales/`, one per language, that
//! `build.rs` compiles into `LOCALES` and the `Key` enum. To add a language,
//! add a file with `_meta.name` and `_meta.dir` ("ltr" or "rtl"); missing
//! keys fall back to Dutch. Components never hold literal texts. Texts of
//! the coordinator's screens live in `locales/coordinator/<part>.<code>.json`
//! and exist only in the coordinator app (cargo feature `coordinator`).

use crate::domain::contact::{Field, FieldError, Problem};
use crate::domain::privacy::PersonalData;
use crate::storage::StorageError;

include!(concat!(env!("OUT_DIR"), "/i18n_tables.rs"));

#[cfg(feature = "coordinator")]
pub mod activity;
#[cfg(feature = "coordinator")]
pub mod initiative;
#[cfg(feature = "coordinator")]
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
    texts: &'static [&'static str],
}

impl Locale {
    pub fn text(&self, key: Key) -> &'static str {
        self.texts[key as usize]
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

/// A language's writing direction, "ltr" or "rtl" ("ltr" when unknown).
pub fn language_dir(code: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or("ltr", |(_, _, dir)| dir)
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
        Problem::TooLong { max } => fill(t(Key::ErrorTooLong), &[("max", &max.to_string())]),
        Problem::TooMany { max } => fill(t(Key::ErrorTooMany), &[("max", &max.to_string())]),
        Problem::PersonalData(kind) => t(match kind {
            PersonalData::Email => Key::ErrorPersonalEmail,
            PersonalData::LongNumber => Key::ErrorPersonalNumber,
            PersonalData::Postcode => Key::ErrorPersonalPostcode,
        })
        .to_owned(),
        Problem::NotInitials => t(Key::ErrorNotInitials).to_owned(),
    }
}

/// The sentence for a storage failure, in `locale`. Each says that what was
/// stored before is safe, and what to do.
pub fn storage_message(locale: &Locale, error: &StorageError) -> String {
    let key = match error {
        StorageError::QuotaExceeded => Key::StorageQuota,
        StorageError::Unavailable(_) => Key::StorageUnavailable,
        StorageError::Blocked => Key::StorageBlocked,
        StorageError::NewerVersion => Key::StorageNewerVersion,
        StorageError::Conflict => Key::StorageConflict,
        StorageError::NotFound => Key::StorageNotFound,
        StorageError::Corrupt(_) | StorageError::Failed(_) => Key::StorageFailed,
    };
    locale.text(key).to_owned()
}

/// Why a survey cannot be published, in `locale`: where, and what to fix.
#[cfg(feature = "coordinator")]
pub fn definition_message(
    locale: &Locale,
    error: &crate::domain::survey::DefinitionError,
) -> String {
    use crate::domain::survey::{DefinitionProblem as P, Place};
    let place = match &error.at {
        Place::Survey => locale.text(Key::PlaceSurvey).to_owned(),
        Place::Section(id) => fill(locale.text(Key::PlaceSection), &[("id", id)]),
        Place::Question(id) => fill(locale.text(Key::PlaceQuestion), &[("id", id)]),
        Place::Kpi(id) => fill(locale.text(Key::PlaceKpi), &[("id", id)]),
    };
    match &error.problem {
        P::MissingTranslation { lang, .. } => fill(
            locale.text(Key::DefMissingTranslation),
            &[("place", &place), ("lang", &language_name(lang))],
        ),
        P::NoOptions => fill(locale.text(Key::DefNoOptions), &[("place", &place)]),
        P::DuplicateSectionId
        | P::DuplicateQuestionId
        | P::DuplicateKpi
        | P::DuplicateOptionCode(_)
        | P::DuplicateLanguage(_) => fill(locale.text(Key::DefDuplicate), &[("place", &place)]),
        P::NoQuestions | P::EmptySection => fill(locale.text(Key::DefEmpty), &[("place", &place)]),
        P::ConditionOnLaterQuestion(_) | P::ConditionOnUnknownQuestion(_) => {
            fill(locale.text(Key::DefCondition), &[("place", &place)])
        }
        other => fill(
            locale.text(Key::DefOther),
            &[("place", &place), ("detail", &other.to_string())],
        ),
    }
}
