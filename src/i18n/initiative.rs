//! Sentences and labels of the initiative screens (coordinator app only):
//! every refused save says what to fix.

use super::activity::{not_a_date, not_a_whole_number};
use super::{fill, text_problem, Key, Locale};
use crate::domain::initiative::{
    InitiativeField, InitiativeKind, InitiativeProblem, InitiativeStatus,
};

pub fn kind(locale: &Locale, kind: InitiativeKind) -> &'static str {
    locale.text(match kind {
        InitiativeKind::YouthInitiative => Key::IniKindYouthInitiative,
        InitiativeKind::ResidentsInitiative => Key::IniKindResidentsInitiative,
        InitiativeKind::WithNetworkPartner => Key::IniKindWithNetworkPartner,
    })
}

pub fn status(locale: &Locale, status: InitiativeStatus) -> &'static str {
    locale.text(match status {
        InitiativeStatus::Idea => Key::IniStatusIdea,
        InitiativeStatus::Running => Key::IniStatusRunning,
        InitiativeStatus::Independent => Key::IniStatusIndependent,
        InitiativeStatus::Stopped => Key::IniStatusStopped,
    })
}

/// A field of the initiative forms that could not be read, as a sentence
/// that names it by its label.
pub fn unreadable(locale: &Locale, field: InitiativeField) -> String {
    match field {
        InitiativeField::Start => not_a_date(locale, Key::IniStartLabel),
        InitiativeField::Participants => not_a_whole_number(locale, Key::IniParticipantsLabel),
        InitiativeField::SupportDate => not_a_date(locale, Key::IniSupportDate),
    }
}

/// An initiative the domain refused, as a sentence that says what to fix.
pub fn problem(locale: &Locale, problem: &InitiativeProblem) -> String {
    use InitiativeProblem as P;
    let n = |index: &usize| (index + 1).to_string();
    match problem {
        P::Name(found) => text_problem(locale, locale.text(Key::IniNameLabel), *found),
        P::StartInFuture => locale.text(Key::IpStartInFuture).to_owned(),
        P::TooManyParticipants { max } => fill(
            locale.text(Key::IpTooManyParticipants),
            &[("max", &max.to_string())],
        ),
        P::SupportBeforeStart { moment } => {
            fill(locale.text(Key::IpSupportBeforeStart), &[("n", &n(moment))])
        }
        P::SupportInFuture { moment } => {
            fill(locale.text(Key::IpSupportInFuture), &[("n", &n(moment))])
        }
        P::Note { moment, problem } => {
            let place = fill(locale.text(Key::IpNotePlace), &[("n", &n(moment))]);
            text_problem(locale, &place, *problem)
        }
    }
}
