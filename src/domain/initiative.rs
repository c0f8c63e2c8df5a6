//! Help with self-organisation (hulp bij zelforganisatie, seed 002): support
//! for residents' own initiatives (youth initiatives, residents' initiatives,
//! initiatives with a network partner), counted as initiatives and
//! participants ("245 initiatieven, 4.502 deelnemers").
//!
//! What this module is for: the plain serde data of an initiative with its
//! support moments, the forms' text as typed ([`InitiativeForm`],
//! [`ParticipantsForm`], [`SupportForm`]) and how it is read, validation that
//! collects every problem, and the counts a report uses.
//!
//! What it must not do: touch the browser, storage or the clock (the caller
//! passes `today`); hold labels (kind and status are codes, labels come from
//! i18n); hold personal data (the name is the initiative's, not a person's,
//! and it and every note are screened with
//! [`crate::domain::privacy::check_free_text`]).
//!
//! # Counting (the definition reports use)
//!
//! An initiative counts in a period when it was supported in it: it started
//! in the period, or has at least one support moment dated in it. Its
//! participants (the number reached, kept per initiative, not per moment) are
//! summed over the counted initiatives; the status is the current one.

use crate::domain::entry::EntryFields;
use crate::domain::privacy::{check_free_text, TextProblem};
use crate::domain::record::{ymd, RecordKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Schema version of a stored initiative.
pub const INITIATIVE_SCHEMA_VERSION: u32 =
    crate::domain::entry::schema_version::<InitiativeFields>();

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// Longest note of a support moment, in characters.
pub const MAX_NOTE_CHARS: usize = 200;

/// Most participants one initiative may report: above is a typing error.
pub const MAX_INITIATIVE_PARTICIPANTS: u32 = 100_000;

// ---------------------------------------------------------------- codes

/// Whose initiative it is. Serialised as its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeKind {
    /// Jongereninitiatief.
    YouthInitiative,
    /// Bewonersinitiatief.
    ResidentsInitiative,
    /// Initiatief samen met een netwerkpartner.
    WithNetworkPartner,
}

impl InitiativeKind {
    pub const ALL: [InitiativeKind; 3] = [
        InitiativeKind::YouthInitiative,
        InitiativeKind::ResidentsInitiative,
        InitiativeKind::WithNetworkPartner,
    ];

    /// Stable code (also the serde form), the key for i18n labels.
    pub fn code(self) -> &'static str {
        match self {
            InitiativeKind::YouthInitiative => "youth_initiative",
            InitiativeKind::ResidentsInitiative => "residents_initiative",
            InitiativeKind::WithNetworkPartner => "with_network_partner",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where an initiative stands now. Serialised as its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeStatus {
    /// Still an idea the hub helps shape.
    Idea,
    /// Running with the hub's support.
    Running,
    /// Running without the hub: the aim of the support.
    Independent,
    Stopped,
}

impl InitiativeStatus {
    pub const ALL: [InitiativeStatus; 4] = [
        InitiativeStatus::Idea,
        InitiativeStatus::Running,
        InitiativeStatus::Independent,
        InitiativeStatus::Stopped,
    ];

    /// Stable code (also the serde form), the key for i18n labels.
    pub fn code(self) -> &'static str {
        match self {
            InitiativeStatus::Idea => "idea",
            InitiativeStatus::Running => "running",
            InitiativeStatus::Independent => "independent",
            InitiativeStatus::Stopped => "stopped",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

// ---------------------------------------------------------------- fields

/// One moment the hub supported the initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportMoment {
    #[serde(with = "ymd")]
    pub date: NaiveDate,
    /// What was done; may be empty, never about a person.
    #[serde(default)]
    pub note: String,
}

/// The content of an initiative, without record bookkeeping. Field names do
/// not clash with `RecordMeta`, so both can be flattened into one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeFields {
    /// The initiative's name, not a person's.
    pub name: String,
    pub initiative_kind: InitiativeKind,
    #[serde(with = "ymd")]
    pub start: NaiveDate,
    pub status: InitiativeStatus,
    /// Participants the initiative reached.
    #[serde(default)]
    pub participants: u32,
    #[serde(default)]
    pub support: Vec<SupportMoment>,
}

impl EntryFields for InitiativeFields {
    const KIND: RecordKind = RecordKind::Initiative;
}

impl InitiativeFields {
    /// A new initiative as an idea, without support moments yet.
    pub fn new(name: &str, initiative_kind: InitiativeKind, start: NaiveDate) -> Self {
        Self {
            name: name.trim().to_owned(),
            initiative_kind,
            start,
            status: InitiativeStatus::Idea,
            participants: 0,
            support: Vec::new(),
        }
    }

    /// The latest day the hub was involved: the last support moment, or the
    /// start.
    pub fn last_supported(&self) -> NaiveDate {
        self.support
            .iter()
            .map(|s| s.date)
            .max()
            .map_or(self.start, |d| d.max(self.start))
    }

    /// Whether it counts in `from..=to_inclusive`: started then, or
    /// supported then.
    pub fn supported_between(&self, from: NaiveDate, to_inclusive: NaiveDate) -> bool {
        let within = |d: NaiveDate| d >= from && d <= to_inclusive;
        within(self.start) || self.support.iter().any(|s| within(s.date))
    }
}

// ---------------------------------------------------------------- forms

/// A field of the initiative forms whose text could not be read. The kind of
/// text it holds (a date or a whole number) follows from the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitiativeField {
    /// The initiative's start date (new or corrected).
    Start,
    /// Participants reached (new initiative, or the update on its card).
    Participants,
    /// A support moment's date.
    SupportDate,
}

/// Digits only (no sign, no decimals, surrounding spaces ignored), within
/// `u32`; empty counts as 0.
fn count(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The initiative form (a new one, or a correction of name, kind and start):
/// choices as codes, the rest as typed. Only reading the text happens here;
/// the rules are [`validate_initiative`]'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitiativeForm {
    pub name: String,
    /// An [`InitiativeKind`] code.
    pub kind: String,
    /// The start date as `<input type="date">` gives it.
    pub start: String,
    /// An [`InitiativeStatus`] code.
    pub status: String,
    /// Empty counts as 0.
    pub participants: String,
}

impl InitiativeForm {
    /// A residents' initiative, an idea, started `today`.
    pub fn fresh(today: NaiveDate) -> Self {
        Self {
            name: String::new(),
            kind: InitiativeKind::ResidentsInitiative.code().to_owned(),
            start: ymd::format(&today),
            status: InitiativeStatus::Idea.code().to_owned(),
            participants: String::new(),
        }
    }

    /// The initiative as typed (no support moments yet), or every field
    /// that could not be read, in the form's order. The selects only offer
    /// known codes; an unknown one falls back to the fresh form's choice.
    pub fn read(&self) -> Result<InitiativeFields, Vec<InitiativeField>> {
        let mut unreadable = Vec::new();
        let start = ymd::parse(self.start.trim());
        if start.is_none() {
            unreadable.push(InitiativeField::Start);
        }
        let participants = count(&self.participants);
        if participants.is_none() {
            unreadable.push(InitiativeField::Participants);
        }
        let (Some(start), Some(participants)) = (start, participants) else {
            return Err(unreadable);
        };
        let kind =
            InitiativeKind::from_code(&self.kind).unwrap_or(InitiativeKind::ResidentsInitiative);
        let mut fields = InitiativeFields::new(&self.name, kind, start);
        fields.status = InitiativeStatus::from_code(&self.status).unwrap_or(InitiativeStatus::Idea);
        fields.participants = participants;
        Ok(fields)
    }

    /// The form that corrects `fields`: name, kind and start as stored (and
    /// status and participants too, though [`InitiativeForm::revise`] does
    /// not read them: they have their own controls on the card).
    pub fn from_fields(fields: &InitiativeFields) -> Self {
        Self {
            name: fields.name.clone(),
            kind: fields.initiative_kind.code().to_owned(),
            start: ymd::format(&fields.start),
            status: fields.status.code().to_owned(),
            participants: fields.participants.to_string(),
        }
    }

    /// Reads the form as a correction of `old`: name, kind and start date as
    /// typed; status, participants and support log exactly as `old` has
    /// them. Or [`InitiativeField::Start`] when the date cannot be read; the
    /// rules (a support moment before the new start, …) are
    /// [`validate_initiative`]'s.
    pub fn revise(&self, old: &InitiativeFields) -> Result<InitiativeFields, Vec<InitiativeField>> {
        let start = ymd::parse(self.start.trim()).ok_or_else(|| vec![InitiativeField::Start])?;
        Ok(InitiativeFields {
            name: self.name.trim().to_owned(),
            initiative_kind: InitiativeKind::from_code(&self.kind).unwrap_or(old.initiative_kind),
            start,
            ..old.clone()
        })
    }
}

/// The card's form that updates the participants reached.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParticipantsForm {
    /// Empty counts as 0.
    pub participants: String,
}

impl ParticipantsForm {
    /// The form that corrects `fields`' participants.
    pub fn of(fields: &InitiativeFields) -> Self {
        Self {
            participants: fields.participants.to_string(),
        }
    }

    /// The number typed, or [`InitiativeField::Participants`].
    pub fn read(&self) -> Result<u32, Vec<InitiativeField>> {
        count(&self.participants).ok_or_else(|| vec![InitiativeField::Participants])
    }
}

/// The card's form that logs a support moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SupportForm {
    /// The date as `<input type="date">` gives it.
    pub date: String,
    pub note: String,
}

impl SupportForm {
    /// A moment `today`, without a note.
    pub fn fresh(today: NaiveDate) -> Self {
        Self {
            date: ymd::format(&today),
            note: String::new(),
        }
    }

    /// The moment with its note trimmed, or [`InitiativeField::SupportDate`].
    pub fn read(&self) -> Result<SupportMoment, Vec<InitiativeField>> {
        match ymd::parse(self.date.trim()) {
            Some(date) => Ok(SupportMoment {
                date,
                note: self.note.trim().to_owned(),
            }),
            None => Err(vec![InitiativeField::SupportDate]),
        }
    }
}

// ---------------------------------------------------------------- validation

/// What is wrong with an initiative; the UI turns it into a sentence.
/// Support-moment problems carry the moment's index in `support`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitiativeProblem {
    Name(TextProblem),
    /// The start date is after `today`.
    StartInFuture,
    TooManyParticipants {
        max: u32,
    },
    SupportBeforeStart {
        moment: usize,
    },
    SupportInFuture {
        moment: usize,
    },
    /// The note of support moment `moment`.
    Note {
        moment: usize,
        problem: TextProblem,
    },
}

/// Checks a whole initiative and collects every problem.
pub fn validate_initiative(
    fields: &InitiativeFields,
    today: NaiveDate,
) -> Result<(), Vec<InitiativeProblem>> {
    use InitiativeProblem as P;
    let mut problems = Vec::new();

    if let Err(problem) = check_free_text(&fields.name, MAX_NAME_CHARS, true) {
        problems.push(P::Name(problem));
    }
    if fields.start > today {
        problems.push(P::StartInFuture);
    }
    if fields.participants > MAX_INITIATIVE_PARTICIPANTS {
        problems.push(P::TooManyParticipants {
            max: MAX_INITIATIVE_PARTICIPANTS,
        });
    }
    for (moment, s) in fields.support.iter().enumerate() {
        if s.date < fields.start {
            problems.push(P::SupportBeforeStart { moment });
        }
        if s.date > today {
            problems.push(P::SupportInFuture { moment });
        }
        if let Err(problem) = check_free_text(&s.note, MAX_NOTE_CHARS, false) {
            problems.push(P::Note { moment, problem });
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

// ---------------------------------------------------------------- counting

/// The counts of supported initiatives over a period; see the module doc.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InitiativeTotals {
    /// Initiatives supported in the period.
    pub initiatives: u32,
    /// Participants summed over those initiatives.
    pub participants: u32,
    /// Support moments dated in the period.
    pub support_moments: u32,
    /// Counted initiatives per current status; statuses with none are absent.
    pub by_status: BTreeMap<InitiativeStatus, u32>,
    /// Counted initiatives per kind; kinds with none are absent.
    pub by_kind: BTreeMap<InitiativeKind, u32>,
}

impl InitiativeTotals {
    pub fn with_status(&self, status: InitiativeStatus) -> u32 {
        self.by_status.get(&status).copied().unwrap_or(0)
    }

    pub fn of_kind(&self, kind: InitiativeKind) -> u32 {
        self.by_kind.get(&kind).copied().unwrap_or(0)
    }
}

/// Counts the initiatives supported in `from..=to_inclusive` (leaving out
/// deleted records is the caller's business). Sums saturate rather than wrap.
pub fn initiative_totals(
    initiatives: &[InitiativeFields],
    from: NaiveDate,
    to_inclusive: NaiveDate,
) -> InitiativeTotals {
    let mut totals = InitiativeTotals::default();
    for i in initiatives
        .iter()
        .filter(|i| i.supported_between(from, to_inclusive))
    {
        totals.initiatives += 1;
        totals.participants = totals.participants.saturating_add(i.participants);
        let moments = i
            .support
            .iter()
            .filter(|s| s.date >= from && s.date <= to_inclusive)
            .count() as u32;
        totals.support_moments = totals.support_moments.saturating_add(moments);
        *totals.by_status.entry(i.status).or_default() += 1;
        *totals.by_kind.entry(i.initiative_kind).or_default() += 1;
    }
    totals
}
