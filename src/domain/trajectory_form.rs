//! The trajectory forms as the coordinator fills them in: text from date
//! inputs and selects, turned into [`TrajectoryFields`], a [`Closing`] or a
//! [`ContactMoment`]. Only reading the text happens here; the rules are
//! [`crate::domain::trajectory::validate_trajectory`]'s.

use crate::domain::record::ymd;
use crate::domain::trajectory::{
    Closing, ClosingReason, ContactMoment, Goal, PositiveHealth, TrajectoryFields, ZrmMeasurement,
    ZrmScore, MAX_HEALTH_SCORE,
};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A field of the forms that holds a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    Start,
    Intake,
    Closing,
    End,
    Moment,
}

/// Text that could not be read; the domain's rules come after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormProblem {
    NotADate(DateField),
    /// A Positieve Gezondheid score that is not a whole number 0–10.
    HealthNotANumber(String),
    UnknownScore(String),
    UnknownReason,
}

/// The intake form (new trajectory or edit of its intake).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrajectoryForm {
    pub code: String,
    pub start: String,
    /// Empty: not recorded.
    pub referrer: String,
    pub age_band: String,
    /// Empty: not recorded.
    pub household: String,
    pub main_domains: Vec<String>,
    /// `(text, domain code)`.
    pub goals: Vec<(String, String)>,
    pub intake_date: String,
    /// Domain code → score code; absent means not scored.
    pub intake: BTreeMap<String, String>,
    /// Dimension code → the number as typed; empty means not scored.
    pub health: BTreeMap<String, String>,
}

fn date(text: &str, field: DateField, problems: &mut Vec<FormProblem>) -> Option<NaiveDate> {
    let parsed = ymd::parse(text.trim());
    if parsed.is_none() {
        problems.push(FormProblem::NotADate(field));
    }
    parsed
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn scores(
    chosen: &BTreeMap<String, String>,
    problems: &mut Vec<FormProblem>,
) -> BTreeMap<String, ZrmScore> {
    let mut scores = BTreeMap::new();
    for (domain, code) in chosen {
        match ZrmScore::from_code(code) {
            // "Niet gescoord" is the form's default: not stored at all.
            Some(ZrmScore::NotScored) => {}
            Some(score) => {
                scores.insert(domain.clone(), score);
            }
            None if code.is_empty() => {}
            None => problems.push(FormProblem::UnknownScore(code.clone())),
        }
    }
    scores
}

impl TrajectoryForm {
    /// A new trajectory's form: its code, started and measured today.
    pub fn fresh(code: String, today: NaiveDate) -> Self {
        let day = ymd::format(&today);
        Self {
            code,
            start: day.clone(),
            intake_date: day,
            ..Self::default()
        }
    }

    /// The form that edits `fields` (their closing and contact moments are
    /// kept by [`TrajectoryForm::read`]'s caller).
    pub fn from_fields(fields: &TrajectoryFields) -> Self {
        Self {
            code: fields.code.clone(),
            start: ymd::format(&fields.start),
            referrer: fields.referrer.clone().unwrap_or_default(),
            age_band: fields.age_band.clone(),
            household: fields.household.clone().unwrap_or_default(),
            main_domains: fields.main_domains.clone(),
            goals: fields
                .goals
                .iter()
                .map(|g| (g.text.clone(), g.domain.clone()))
                .collect(),
            intake_date: ymd::format(&fields.intake.date),
            intake: fields
                .intake
                .scores
                .iter()
                .map(|(d, s)| (d.clone(), s.code().to_owned()))
                .collect(),
            health: fields
                .positive_health
                .iter()
                .flat_map(|h| h.dimensions.iter())
                .map(|(d, v)| (d.clone(), v.to_string()))
                .collect(),
        }
    }

    /// Reads the form into fields, keeping `kept`'s contact moments and
    /// closing (an edit of the intake does not touch them).
    pub fn read(
        &self,
        kept: Option<&TrajectoryFields>,
    ) -> Result<TrajectoryFields, Vec<FormProblem>> {
        let mut problems = Vec::new();
        let start = date(&self.start, DateField::Start, &mut problems);
        let intake_date = date(&self.intake_date, DateField::Intake, &mut problems);
        let intake_scores = scores(&self.intake, &mut problems);
        let mut dimensions = BTreeMap::new();
        for (dimension, text) in &self.health {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            match text.parse::<u8>() {
                Ok(value) if value <= MAX_HEALTH_SCORE => {
                    dimensions.insert(dimension.clone(), value);
                }
                _ => problems.push(FormProblem::HealthNotANumber(dimension.clone())),
            }
        }
        let (Some(start), Some(intake_date)) = (start, intake_date) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(TrajectoryFields {
            code: self.code.trim().to_owned(),
            start,
            referrer: optional(&self.referrer),
            age_band: self.age_band.clone(),
            household: optional(&self.household),
            main_domains: self.main_domains.clone(),
            goals: self
                .goals
                .iter()
                .map(|(text, domain)| Goal {
                    text: text.trim().to_owned(),
                    domain: domain.clone(),
                })
                .collect(),
            intake: ZrmMeasurement {
                date: intake_date,
                scores: intake_scores,
            },
            positive_health: (!dimensions.is_empty()).then_some(PositiveHealth { dimensions }),
            contact_moments: kept.map(|k| k.contact_moments.clone()).unwrap_or_default(),
            closing: kept.and_then(|k| k.closing.clone()),
        })
    }
}

/// The closing form: date, reason, end measurement, KTO invitation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClosingForm {
    pub date: String,
    /// A [`ClosingReason`] code.
    pub reason: String,
    pub end_date: String,
    pub end: BTreeMap<String, String>,
    pub kto_invited: bool,
}

impl ClosingReason {
    pub const ALL: [ClosingReason; 5] = [
        ClosingReason::GoalsReached,
        ClosingReason::ReferredOn,
        ClosingReason::ResidentStopped,
        ClosingReason::Moved,
        ClosingReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ClosingReason::GoalsReached => "goals_reached",
            ClosingReason::ReferredOn => "referred_on",
            ClosingReason::ResidentStopped => "resident_stopped",
            ClosingReason::Moved => "moved",
            ClosingReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl ClosingForm {
    /// Closing today, goals reached, with the intake's domains still to be
    /// scored at the end.
    pub fn fresh(today: NaiveDate) -> Self {
        let day = ymd::format(&today);
        Self {
            date: day.clone(),
            reason: ClosingReason::GoalsReached.code().to_owned(),
            end_date: day,
            end: BTreeMap::new(),
            kto_invited: false,
        }
    }

    pub fn read(&self) -> Result<Closing, Vec<FormProblem>> {
        let mut problems = Vec::new();
        let day = date(&self.date, DateField::Closing, &mut problems);
        let end_date = date(&self.end_date, DateField::End, &mut problems);
        let reason = ClosingReason::from_code(&self.reason);
        if reason.is_none() {
            problems.push(FormProblem::UnknownReason);
        }
        let end = scores(&self.end, &mut problems);
        match (day, end_date, reason) {
            (Some(date), Some(end_date), Some(reason)) if problems.is_empty() => Ok(Closing {
                date,
                reason,
                end: ZrmMeasurement {
                    date: end_date,
                    scores: end,
                },
                kto_invited: self.kto_invited,
            }),
            _ => Err(problems),
        }
    }
}

/// The contact moment form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MomentForm {
    pub date: String,
    pub channel: String,
    pub note: String,
}

impl MomentForm {
    pub fn fresh(today: NaiveDate, channel: &str) -> Self {
        Self {
            date: ymd::format(&today),
            channel: channel.to_owned(),
            note: String::new(),
        }
    }

    pub fn read(&self) -> Result<ContactMoment, Vec<FormProblem>> {
        let mut problems = Vec::new();
        match date(&self.date, DateField::Moment, &mut problems) {
            Some(date) => Ok(ContactMoment {
                date,
                channel: self.channel.clone(),
                note: self.note.trim().to_owned(),
            }),
            None => Err(problems),
        }
    }
}
