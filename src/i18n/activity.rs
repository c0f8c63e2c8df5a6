//! Sentences and labels of the group-activity screens (coordinator app
//! only): every refused save says what to fix. Also the few sentences the
//! activity and initiative screens share (a number or date that could not
//! be read).

use super::{count, fill, text_problem, Key, Locale};
use crate::domain::activity::{
    ActivityKind, ActivityProblem, ActivityTotals, MeetingField, MeetingProblem,
};

pub fn kind(locale: &Locale, kind: ActivityKind) -> &'static str {
    locale.text(match kind {
        ActivityKind::Activity => Key::ActKindActivity,
        ActivityKind::InformationMeeting => Key::ActKindInformationMeeting,
        ActivityKind::Training => Key::ActKindTraining,
        ActivityKind::Course => Key::ActKindCourse,
    })
}

/// A held meeting's figures, each count in its singular or plural:
/// "12 deelnemers, waarvan 5 voor het eerst · 1 vrijwilliger".
pub fn meeting_counts(locale: &Locale, participants: u32, first: u32, volunteers: u32) -> String {
    fill(
        locale.text(Key::ActMeetingCounts),
        &[
            (
                "participants",
                &count(locale, Key::ActCountParticipants, participants),
            ),
            ("first", &super::num(locale, first)),
            (
                "volunteers",
                &count(locale, Key::ActCountVolunteers, volunteers),
            ),
        ],
    )
}

/// The year's figures of the activity list, each count in its singular or
/// plural ("1 bijeenkomst, 12 deelnemers …").
pub fn totals_counts(locale: &Locale, totals: &ActivityTotals) -> String {
    fill(
        locale.text(Key::ActTotalsCounts),
        &[
            (
                "meetings",
                &count(locale, Key::ActCountMeetings, totals.meetings),
            ),
            (
                "participants",
                &count(locale, Key::ActCountParticipants, totals.participants),
            ),
            ("first", &super::num(locale, totals.first_time)),
            (
                "volunteers",
                &count(locale, Key::ActCountContributions, totals.volunteers),
            ),
        ],
    )
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
        P::Title(found) => text_problem(locale, locale.text(Key::ActTitleLabel), *found),
        P::Location(found) => text_problem(locale, locale.text(Key::ActLocationLabel), *found),
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
