//! Sentences of the coordinator's survey screens (coordinator app only):
//! why a survey cannot be published or a change was refused, each in the
//! interface language, never the error's English `Display`.

use super::{fill, language_name, num, storage_message, Key, Locale};
use crate::domain::survey::edit::EditError;
use crate::domain::survey::{
    Counted, DefinitionError, DefinitionProblem as P, Place, SurveyDefinition,
};
use crate::service::surveys::AdminError;

/// Why a survey cannot be published, in `locale`: where, and what to fix.
pub fn definition_message(locale: &Locale, error: &DefinitionError) -> String {
    let place = match &error.at {
        Place::Survey => locale.text(Key::PlaceSurvey).to_owned(),
        Place::Section(id) => fill(locale.text(Key::PlaceSection), &[("id", id)]),
        Place::Question(id) => fill(locale.text(Key::PlaceQuestion), &[("id", id)]),
        Place::Kpi(id) => fill(locale.text(Key::PlaceKpi), &[("id", id)]),
    };
    message_at(locale, error, place)
}

/// As `definition_message`, with the place named as the editor shows it: a
/// question by its number over the whole survey ("vraag 4", as its fields
/// say "Vraag 4 (English)"), a part by its title; an id only where `def`
/// has no such place.
pub fn definition_message_in(
    locale: &Locale,
    error: &DefinitionError,
    def: &SurveyDefinition,
) -> String {
    let place = match &error.at {
        Place::Question(id) => def.questions().position(|q| &q.id == id).map(|i| {
            fill(
                locale.text(Key::PlaceQuestion),
                &[("id", &(i + 1).to_string())],
            )
        }),
        Place::Section(id) => def
            .sections
            .iter()
            .find(|s| &s.id == id)
            .map(|s| def.text(&s.title, locale.code))
            .filter(|title| !title.trim().is_empty())
            .map(|title| {
                fill(
                    locale.text(Key::PlaceSection),
                    &[("id", &format!("‘{title}’"))],
                )
            }),
        _ => None,
    };
    match place {
        Some(place) => message_at(locale, error, place),
        None => definition_message(locale, error),
    }
}

fn message_at(locale: &Locale, error: &DefinitionError, place: String) -> String {
    let at = |key| fill(locale.text(key), &[("place", &place)]);
    let at_most = |key, max: usize| {
        fill(
            locale.text(key),
            &[("place", &place), ("max", &num(locale, max as u64))],
        )
    };
    match &error.problem {
        P::MissingTranslation { lang, .. } => fill(
            locale.text(Key::DefMissingTranslation),
            &[("place", &place), ("lang", &language_in(locale, lang))],
        ),
        P::NoOptions => at(Key::DefNoOptions),
        P::DuplicateSectionId
        | P::DuplicateQuestionId
        | P::DuplicateKpi
        | P::DuplicateOptionCode(_)
        | P::DuplicateLanguage(_) => at(Key::DefDuplicate),
        P::NoQuestions | P::EmptySection => at(Key::DefEmpty),
        P::ConditionOnLaterQuestion(_) | P::ConditionOnUnknownQuestion(_) => at(Key::DefCondition),
        P::BadVersion => at(Key::DefBadVersion),
        P::EmptyId => at(Key::DefEmptyId),
        P::NoLanguages => at(Key::DefNoLanguages),
        P::EmptyOptionCode => at(Key::DefEmptyOptionCode),
        P::SmileyPoints(points) => fill(
            locale.text(Key::DefSmileyPoints),
            &[("place", &place), ("points", &points.to_string())],
        ),
        P::UnknownKpi(kpi) => fill(
            locale.text(Key::DefUnknownKpi),
            &[("place", &place), ("kpi", kpi)],
        ),
        P::ConditionValueNotPossible(question) => fill(
            locale.text(Key::DefConditionValue),
            &[("place", &place), ("question", question)],
        ),
        P::TooMany { what, max } => {
            let key = match what {
                Counted::Languages => Key::DefTooManyLanguages,
                Counted::Sections => Key::DefTooManySections,
                Counted::Questions => Key::DefTooManyQuestions,
                Counted::Options => Key::DefTooManyOptions,
                Counted::Kpis => Key::DefTooManyKpis,
            };
            at_most(key, *max)
        }
        P::TooLong { max, .. } => at_most(Key::DefTooLong, *max),
        P::CodeTooLong { max } => at_most(Key::DefCodeTooLong, *max),
    }
}

/// The sentence for a coordinator's change to a survey that was refused,
/// every problem of an invalid survey after one another.
pub fn admin_message(locale: &Locale, error: &AdminError) -> String {
    match error {
        AdminError::Storage(e) => storage_message(locale, e),
        AdminError::Edit(EditError::Frozen(n)) => {
            fill(locale.text(Key::EditFrozen), &[("n", &n.to_string())])
        }
        AdminError::Edit(EditError::Invalid(errors)) => errors
            .iter()
            .map(|e| definition_message(locale, e))
            .collect::<Vec<_>>()
            .join(" "),
        AdminError::Edit(EditError::IdChanged) => locale.text(Key::EditIdChanged).to_owned(),
        AdminError::Edit(EditError::WrongVersion { .. }) => {
            locale.text(Key::EditWrongVersion).to_owned()
        }
    }
}

/// A survey language's name in the interface's language ("Engels"), for
/// sentences: its own name ("English", "العربية") inside a Dutch sentence
/// would be read out in the Dutch voice (WCAG 3.1.2). A language this app
/// has no name for keeps its own.
pub fn language_in(locale: &Locale, code: &str) -> String {
    let key = match code {
        "nl" => Key::LanguageDutch,
        "nl-x-b1" => Key::LanguageSimpleDutch,
        "en" => Key::LanguageEnglish,
        "ar" => Key::LanguageArabic,
        "tr" => Key::LanguageTurkish,
        "pl" => Key::LanguagePolish,
        "uk" => Key::LanguageUkrainian,
        _ => return language_name(code),
    };
    locale.text(key).to_owned()
}
