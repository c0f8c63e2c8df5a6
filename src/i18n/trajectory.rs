//! Sentences and labels of the trajectory screens (coordinator app only).

use super::{fill, text_problem, Key, Locale};
use crate::domain::record::ymd;
use crate::domain::trajectory::{ClosingReason, TrajectoryProblem, ZrmScore};
use crate::domain::trajectory_form::{DateField, FormProblem};

pub use super::format::{date, decimal};
use chrono::NaiveDate;

pub fn zrm_score(locale: &Locale, score: ZrmScore) -> &'static str {
    locale.text(match score.value() {
        Some(1) => Key::ZrmScore1,
        Some(2) => Key::ZrmScore2,
        Some(3) => Key::ZrmScore3,
        Some(4) => Key::ZrmScore4,
        Some(_) => Key::ZrmScore5,
        None => Key::ZrmNotScored,
    })
}

pub fn household(locale: &Locale, code: &str) -> &'static str {
    locale.text(match code {
        "single" => Key::HouseholdSingle,
        "couple" => Key::HouseholdCouple,
        "family_with_children" => Key::HouseholdFamilyWithChildren,
        "single_parent" => Key::HouseholdSingleParent,
        _ => Key::HouseholdOther,
    })
}

pub fn closing_reason(locale: &Locale, reason: ClosingReason) -> &'static str {
    locale.text(match reason {
        ClosingReason::GoalsReached => Key::ReasonGoalsReached,
        ClosingReason::ReferredOn => Key::ReasonReferredOn,
        ClosingReason::ResidentStopped => Key::ReasonResidentStopped,
        ClosingReason::Moved => Key::ReasonMoved,
        ClosingReason::Other => Key::ReasonOther,
    })
}

/// The label of a Positieve Gezondheid dimension code.
pub fn health_dimension(locale: &Locale, code: &str) -> &'static str {
    locale.text(match code {
        "bodily_functions" => Key::PhBodilyFunctions,
        "mental_wellbeing" => Key::PhMentalWellbeing,
        "meaningfulness" => Key::PhMeaningfulness,
        "quality_of_life" => Key::PhQualityOfLife,
        "participation" => Key::PhParticipation,
        _ => Key::PhDailyFunctioning,
    })
}

fn numbered(locale: &Locale, key: Key, index: usize) -> String {
    fill(locale.text(key), &[("n", &(index + 1).to_string())])
}

/// What could not be read from a trajectory form, as a sentence.
pub fn form_problem(locale: &Locale, problem: &FormProblem) -> String {
    match problem {
        FormProblem::NotADate(field) => {
            let field = locale.text(match field {
                DateField::Start => Key::FieldStart,
                DateField::Intake => Key::FieldIntake,
                DateField::Closing => Key::FieldClosing,
                DateField::End => Key::FieldEnd,
                DateField::Moment => Key::FieldMoment,
            });
            fill(locale.text(Key::TpNotADate), &[("field", field)])
        }
        FormProblem::HealthNotANumber(dimension) => fill(
            locale.text(Key::TpHealthNotANumber),
            &[("dimension", health_dimension(locale, dimension))],
        ),
        FormProblem::UnknownScore(code) => {
            fill(locale.text(Key::TpUnknownChoice), &[("code", code)])
        }
        FormProblem::UnknownReason => fill(locale.text(Key::TpUnknownChoice), &[("code", "?")]),
    }
}

/// A trajectory the domain refused, as a sentence that says what to fix.
pub fn problem(locale: &Locale, problem: &TrajectoryProblem) -> String {
    use TrajectoryProblem as P;
    let t = |key| locale.text(key).to_owned();
    let unknown = |code: &str| fill(locale.text(Key::TpUnknownChoice), &[("code", code)]);
    match problem {
        P::CodeFormat => t(Key::TpCodeFormat),
        P::CodeInUse => t(Key::TpCodeInUse),
        P::StartInFuture => t(Key::TpStartInFuture),
        P::UnknownAgeBand => t(Key::TpAgeBand),
        P::NoMainDomain => t(Key::TpNoMainDomain),
        P::UnknownReferrer(code)
        | P::UnknownHousehold(code)
        | P::UnknownMainDomain(code)
        | P::UnknownIntakeDomain(code)
        | P::UnknownHealthDimension(code)
        | P::UnknownEndDomain(code)
        | P::UnknownGoalDomain { code, .. }
        | P::UnknownMomentChannel { code, .. } => unknown(code),
        P::Goal { goal, problem } => {
            text_problem(locale, &numbered(locale, Key::TpGoalPlace, *goal), *problem)
        }
        P::IntakeBeforeStart => t(Key::TpIntakeBeforeStart),
        P::HealthScoreOutOfRange { .. } => t(Key::TpHealthOutOfRange),
        P::NotClosed | P::ClosingBeforeStart => t(Key::TpClosingBeforeStart),
        P::ClosingInFuture => t(Key::TpClosingInFuture),
        P::EndBeforeIntake => t(Key::TpEndBeforeIntake),
        P::MomentBeforeStart { moment } => numbered(locale, Key::TpMomentBeforeStart, *moment),
        P::MomentInFuture { moment } => numbered(locale, Key::TpMomentInFuture, *moment),
        P::MomentNote { moment, problem } => text_problem(
            locale,
            &numbered(locale, Key::TpMomentPlace, *moment),
            *problem,
        ),
    }
}

/// The same date in the form's text, for a date input's value.
pub fn input_date(day: NaiveDate) -> String {
    ymd::format(&day)
}
