//! Sentences and labels of the group-activity screens (coordinator app
//! only): every refused save says what to fix. Also the few sentences the
//! activity and initiative screens share (a number or date that could not
//! be read, personal data in a text).

use super::{fill, Key, Locale};
use crate::domain::activity::{ActivityKind, ActivityProblem, MeetingField, MeetingProblem};
use crate::domain::privacy::PersonalData;

pub fn kind(locale: &Locale, kind: ActivityKind) -> &'static str {
    locale.text(match kind {
        ActivityKind::Activity => Key::ActKindActivity,
        ActivityKind::InformationMeeting => Key::ActKindInformationMeeting,
        ActivityKind::Training => Key::ActKindTraining,
        ActivityKind::Course => Key::ActKindCourse,
    })
}

/// Personal data found in the text at `place` (a field's label).
pub fn personal(locale: &Locale, place: &str, found: PersonalData) -> String {
    let key = match found {
        PersonalData::Email => Key::PersonalEmailIn,
        PersonalData::LongNumber => Key::PersonalNumberIn,
        PersonalData::Postcode => Key::PersonalPostcodeIn,
    };
    fill(locale.text(key), &[("place", place)])
}

/// The text of field `field` (its label's key) is not a whole number.
pub fn not_a_whole_number(locale: &Locale, field: Key) -> String {
    fill(
        locale.text(Key::FormNotAWholeNumber),
        &[("field", locale.text(field))],
    )
}

/// The text of field `field` (its label's key) is not a date.
pub fn not_a_date(locale: &Locale, field: Key) -> String {
    fill(
        locale.text(Key::FormNotADate),
        &[("field", locale.text(field))],
    )
}

/// A count of the meeting form that is not a whole number, as a sentence
/// that names the field by its label.
pub fn unreadable_count(locale: &Locale, field: MeetingField) -> String {
    not_a_whole_number(
        locale,
        match field {
            MeetingField::Participants => Key::ActParticipantsLabel,
            MeetingField::FirstTime => Key::ActFirstTimeLabel,
            MeetingField::Volunteers => Key::ActVolunteersLabel,
        },
    )
}

fn with_max(locale: &Locale, key: Key, max: u32) -> String {
    fill(locale.text(key), &[("max", &max.to_string())])
}

/// What is wrong with one meeting, as the end of a sentence that names it.
pub fn meeting_problem(locale: &Locale, problem: MeetingProblem) -> String {
    match problem {
        MeetingProblem::HeldInFuture => locale.text(Key::MpHeldInFuture).to_owned(),
        MeetingProblem::FirstTimeAboveParticipants => {
            locale.text(Key::MpFirstTimeAboveParticipants).to_owned()
        }
        MeetingProblem::TooManyParticipants { max } => {
            with_max(locale, Key::MpTooManyParticipants, max)
        }
        MeetingProblem::TooManyVolunteers { max } => {
            with_max(locale, Key::MpTooManyVolunteers, max)
        }
    }
}

/// An activity the domain refused, as a sentence that says what to fix.
pub fn problem(locale: &Locale, problem: &ActivityProblem) -> String {
    use ActivityProblem as P;
    let t = |key| locale.text(key).to_owned();
    let numbered = |key, index: usize| fill(locale.text(key), &[("n", &(index + 1).to_string())]);
    match problem {
        P::TitleEmpty => t(Key::ApTitleEmpty),
        P::TitleTooLong { max } => with_max(locale, Key::ApTitleTooLong, *max),
        P::TitlePersonalData(found) => personal(locale, locale.text(Key::ActTitleLabel), *found),
        P::LocationEmpty => t(Key::ApLocationEmpty),
        P::LocationTooLong { max } => with_max(locale, Key::ApLocationTooLong, *max),
        P::LocationPersonalData(found) => {
            personal(locale, locale.text(Key::ActLocationLabel), *found)
        }
        P::NoTheme => t(Key::ApNoTheme),
        P::UnknownTheme(code) => fill(locale.text(Key::ApUnknownTheme), &[("code", code)]),
        P::SurveyEmpty => t(Key::ApSurveyEmpty),
        P::NoMeetings => t(Key::ApNoMeetings),
        P::TooManyMeetings { max } => with_max(locale, Key::ApTooManyMeetings, *max),
        P::Meeting { meeting, problem } => fill(
            locale.text(Key::ApMeeting),
            &[
                ("n", &(meeting + 1).to_string()),
                ("problem", &meeting_problem(locale, *problem)),
            ],
        ),
        P::NoSuchMeeting { meeting } => numbered(Key::ApNoSuchMeeting, *meeting),
        P::UnknownKind(_) => t(Key::ApUnknownKind),
        P::FirstDateInvalid => t(Key::ApFirstDateInvalid),
        P::MeetingCountInvalid { max } => with_max(locale, Key::ApMeetingCountInvalid, *max),
        P::EveryDaysInvalid { max } => with_max(locale, Key::ApEveryDaysInvalid, *max),
    }
}
