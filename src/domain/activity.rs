//! Group activities (collectieve inzet, seed 002): activities, information
//! meetings, trainings and courses, counted as meetings and participants
//! ("677 bijeenkomsten, 17.076 deelnemers").
//!
//! An activity is entered once with one or more meetings: a single event is
//! an activity with one meeting; a course of eight is entered once with eight
//! *planned* meetings ([`series`]), and each meeting is filled in (held,
//! participants, first-timers, volunteers) when it has taken place.
//!
//! What this module is for: the plain serde data of an activity, the forms'
//! text as typed ([`ActivityDraft`], [`MeetingForm`]) and how it is read,
//! validation that collects every problem, and the yearly counts.
//!
//! What it must not do: touch the browser, storage or the clock (the caller
//! passes `today`); hold labels (kinds and themes are codes, labels come from
//! the taxonomy and i18n); hold personal data (no participant lists: only
//! numbers, and a title and place screened with
//! [`crate::domain::privacy::check_free_text`]).
//!
//! # Counting (the definition reports use)
//!
//! Only *held* meetings dated within the period count; planned meetings never
//! do. Participants are summed per meeting, so a resident who comes to three
//! meetings is counted three times (seed 002 says so). An activity counts in
//! the period when at least one of its held meetings falls in it.

use crate::domain::entry::EntryFields;
use crate::domain::privacy::{check_free_text, TextProblem};
use crate::domain::record::{ymd, RecordKind};
use crate::domain::taxonomy::{find, Term};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Schema version of a stored activity.
pub const ACTIVITY_SCHEMA_VERSION: u32 = crate::domain::entry::schema_version::<ActivityFields>();

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 80;

/// Longest location text, in characters.
pub const MAX_LOCATION_CHARS: usize = 80;

/// Most meetings one activity may have (a course running all year, weekly).
pub const MAX_MEETINGS: usize = 60;

/// Most participants (and volunteers) one meeting may count: anything above
/// is a typing error, not a neighbourhood event.
pub const MAX_PARTICIPANTS: u32 = 10_000;

/// Days between the meetings of a series unless the form says otherwise.
pub const WEEKLY: u32 = 7;

/// Longest interval between meetings the form accepts, in days.
pub const MAX_EVERY_DAYS: u32 = 366;

// ---------------------------------------------------------------- kind

/// What sort of group activity it is. Serialised as its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Groepsactiviteit.
    Activity,
    /// Voorlichting / informatiebijeenkomst.
    InformationMeeting,
    Training,
    /// Cursus: usually a series of meetings.
    Course,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 4] = [
        ActivityKind::Activity,
        ActivityKind::InformationMeeting,
        ActivityKind::Training,
        ActivityKind::Course,
    ];

    /// Stable code (also the serde form), the key for i18n labels.
    pub fn code(self) -> &'static str {
        match self {
            ActivityKind::Activity => "activity",
            ActivityKind::InformationMeeting => "information_meeting",
            ActivityKind::Training => "training",
            ActivityKind::Course => "course",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

// ---------------------------------------------------------------- fields

/// One meeting of an activity: planned until it is filled in as held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    #[serde(with = "ymd")]
    pub date: NaiveDate,
    /// False while the meeting is only planned.
    #[serde(default)]
    pub held: bool,
    #[serde(default)]
    pub participants: u32,
    /// Participants who came for the first time.
    #[serde(default)]
    pub first_time: u32,
    /// Volunteers who helped at this meeting.
    #[serde(default)]
    pub volunteers: u32,
}

impl Meeting {
    /// A planned meeting on `date`, with nothing counted yet.
    pub fn planned(date: NaiveDate) -> Self {
        Self {
            date,
            held: false,
            participants: 0,
            first_time: 0,
            volunteers: 0,
        }
    }

    /// The meeting as it took place.
    pub fn held(date: NaiveDate, participants: u32, first_time: u32, volunteers: u32) -> Self {
        Self {
            date,
            held: true,
            participants,
            first_time,
            volunteers,
        }
    }
}

/// Plans `count` meetings from `first`, `every_days` apart (use [`WEEKLY`]
/// for a weekly course). A count above [`MAX_MEETINGS`] is cut to one more
/// than that, so validation still reports it without planning thousands; the
/// series stops early where a date would leave the calendar.
pub fn series(first: NaiveDate, count: u32, every_days: u32) -> Vec<Meeting> {
    let count = count.min(MAX_MEETINGS as u32 + 1);
    (0..count)
        .map_while(|i| first.checked_add_days(Days::new(u64::from(i) * u64::from(every_days))))
        .map(Meeting::planned)
        .collect()
}

/// The content of an activity, without record bookkeeping. Field names do
/// not clash with `RecordMeta`, so both can be flattened into one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFields {
    /// What the activity is called; not about a person.
    pub title: String,
    pub activity_kind: ActivityKind,
    /// A life-domain code of the taxonomy.
    pub theme: String,
    /// Where it takes place: a neighbourhood or a location code.
    pub location: String,
    /// Id of the linked activity questionnaire (e.g. "groepsactiviteit").
    #[serde(default)]
    pub survey: Option<String>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
}

impl EntryFields for ActivityFields {
    const KIND: RecordKind = RecordKind::Activity;
}

impl ActivityFields {
    /// The earliest meeting date, which the list sorts on.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.meetings.iter().map(|m| m.date).min()
    }

    /// The first meeting not yet filled in, in date order: the one the
    /// coordinator is asked about next.
    pub fn next_planned(&self) -> Option<usize> {
        self.meetings
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.held)
            .min_by_key(|(_, m)| m.date)
            .map(|(i, _)| i)
    }

    /// Held meetings dated `from..=to_inclusive`.
    pub fn held_between(
        &self,
        from: NaiveDate,
        to_inclusive: NaiveDate,
    ) -> impl Iterator<Item = &Meeting> {
        self.meetings
            .iter()
            .filter(move |m| m.held && m.date >= from && m.date <= to_inclusive)
    }
}

// ---------------------------------------------------------------- draft

/// The activity form's state (a new activity, or a correction of a stored
/// one): choices as codes, the rest as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActivityDraft {
    pub title: String,
    /// An [`ActivityKind`] code.
    pub activity_kind: String,
    /// A life-domain code.
    pub theme: String,
    pub location: String,
    /// A questionnaire id; empty for none.
    pub survey: String,
    /// The first meeting's date as `<input type="date">` gives it.
    pub first_date: String,
    /// How many meetings to plan.
    pub meeting_count: String,
    /// Days between meetings.
    pub every_days: String,
}

impl ActivityDraft {
    /// A fresh form: one meeting, on `first`, at `location`.
    pub fn fresh(first: NaiveDate, location: &str) -> Self {
        Self {
            activity_kind: ActivityKind::Activity.code().to_owned(),
            location: location.to_owned(),
            first_date: ymd::format(&first),
            meeting_count: "1".to_owned(),
            every_days: WEEKLY.to_string(),
            ..Self::default()
        }
    }

    /// The form that corrects `fields`: its texts and choices as stored.
    /// The series fields show the meetings as they are (first date, count,
    /// weekly), but [`ActivityDraft::revise`] does not read them: an edit
    /// keeps the meetings, which are filled in one by one.
    pub fn from_fields(fields: &ActivityFields) -> Self {
        Self {
            title: fields.title.clone(),
            activity_kind: fields.activity_kind.code().to_owned(),
            theme: fields.theme.clone(),
            location: fields.location.clone(),
            survey: fields.survey.clone().unwrap_or_default(),
            first_date: fields
                .first_date()
                .map(|d| ymd::format(&d))
                .unwrap_or_default(),
            meeting_count: fields.meetings.len().to_string(),
            every_days: WEEKLY.to_string(),
        }
    }

    /// Reads the form into an activity with its series of planned meetings
    /// and validates it, collecting every problem: those of the typed text
    /// and those [`validate_activity`] finds.
    pub fn parse(
        &self,
        domains: &[Term],
        today: NaiveDate,
    ) -> Result<ActivityFields, Vec<ActivityProblem>> {
        use ActivityProblem as P;
        let mut problems = Vec::new();
        let fields = self.read_content(&mut problems, |problems| {
            // Where the text does not parse, a harmless stand-in keeps the
            // other checks running without reporting the same mistake twice.
            let first = ymd::parse(self.first_date.trim()).unwrap_or_else(|| {
                problems.push(P::FirstDateInvalid);
                today
            });
            let count =
                whole_number(&self.meeting_count, 1, MAX_MEETINGS as u32).unwrap_or_else(|| {
                    problems.push(P::MeetingCountInvalid {
                        max: MAX_MEETINGS as u32,
                    });
                    1
                });
            let every = whole_number(&self.every_days, 1, MAX_EVERY_DAYS).unwrap_or_else(|| {
                // Only a series needs an interval.
                if count > 1 {
                    problems.push(P::EveryDaysInvalid {
                        max: MAX_EVERY_DAYS,
                    });
                }
                WEEKLY
            });
            series(first, count, every)
        });
        finish(fields, problems, domains, today)
    }

    /// Reads the form as a correction of `old`: title, kind, theme, place
    /// and questionnaire as typed, `old`'s meetings exactly as they are (the
    /// series fields are not read). Validates the result like
    /// [`ActivityDraft::parse`], collecting every problem.
    pub fn revise(
        &self,
        old: &ActivityFields,
        domains: &[Term],
        today: NaiveDate,
    ) -> Result<ActivityFields, Vec<ActivityProblem>> {
        let mut problems = Vec::new();
        let fields = self.read_content(&mut problems, |_| old.meetings.clone());
        finish(fields, problems, domains, today)
    }

    /// The fields both readings share, with the meetings `meetings` gives;
    /// typed-text problems are pushed onto `problems` in the form's order.
    fn read_content(
        &self,
        problems: &mut Vec<ActivityProblem>,
        meetings: impl FnOnce(&mut Vec<ActivityProblem>) -> Vec<Meeting>,
    ) -> ActivityFields {
        let activity_kind = ActivityKind::from_code(&self.activity_kind).unwrap_or_else(|| {
            problems.push(ActivityProblem::UnknownKind(self.activity_kind.clone()));
            ActivityKind::Activity
        });
        let meetings = meetings(problems);
        let survey = self.survey.trim();
        ActivityFields {
            title: self.title.trim().to_owned(),
            activity_kind,
            theme: self.theme.clone(),
            location: self.location.trim().to_owned(),
            survey: (!survey.is_empty()).then(|| survey.to_owned()),
            meetings,
        }
    }
}

/// The typed-text `problems` followed by those [`validate_activity`] finds,
/// or the fields when there are none.
fn finish(
    fields: ActivityFields,
    mut problems: Vec<ActivityProblem>,
    domains: &[Term],
    today: NaiveDate,
) -> Result<ActivityFields, Vec<ActivityProblem>> {
    if let Err(more) = validate_activity(&fields, domains, today) {
        problems.extend(more);
    }
    if problems.is_empty() {
        Ok(fields)
    } else {
        Err(problems)
    }
}

/// Digits only (no sign, no decimals, surrounding spaces ignored), within
/// `min..=max`.
fn whole_number(text: &str, min: u32, max: u32) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u32>().ok().filter(|n| (min..=max).contains(n))
}

// ---------------------------------------------------------------- meeting form

/// A count of the meeting form whose text is not a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingField {
    Participants,
    FirstTime,
    Volunteers,
}

/// The form that fills in (or corrects) one meeting as held: its counts as
/// typed. Only reading the text happens here; the rules are
/// [`validate_meeting`]'s.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingForm {
    pub participants: String,
    pub first_time: String,
    pub volunteers: String,
}

impl MeetingForm {
    /// Empty for a planned meeting; the stored figures for a held one, to
    /// correct them.
    pub fn of(meeting: &Meeting) -> Self {
        if !meeting.held {
            return Self::default();
        }
        Self {
            participants: meeting.participants.to_string(),
            first_time: meeting.first_time.to_string(),
            volunteers: meeting.volunteers.to_string(),
        }
    }

    /// The meeting on `day` as held, or every count that is not a whole
    /// number (digits only, within `u32`), in the form's order. Participants
    /// must be given; the other two count as 0 when left empty. Limits such
    /// as [`MAX_PARTICIPANTS`] are [`validate_meeting`]'s to check.
    pub fn read(&self, day: NaiveDate) -> Result<Meeting, Vec<MeetingField>> {
        let mut unreadable = Vec::new();
        let mut count = |text: &str, field: MeetingField, required: bool| {
            if text.trim().is_empty() && !required {
                return 0;
            }
            whole_number(text, 0, u32::MAX).unwrap_or_else(|| {
                unreadable.push(field);
                0
            })
        };
        let participants = count(&self.participants, MeetingField::Participants, true);
        let first_time = count(&self.first_time, MeetingField::FirstTime, false);
        let volunteers = count(&self.volunteers, MeetingField::Volunteers, false);
        if unreadable.is_empty() {
            Ok(Meeting::held(day, participants, first_time, volunteers))
        } else {
            Err(unreadable)
        }
    }
}

// ---------------------------------------------------------------- validation

/// What is wrong with one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingProblem {
    /// Marked as held but dated after today.
    HeldInFuture,
    /// More first-timers than participants.
    FirstTimeAboveParticipants,
    TooManyParticipants {
        max: u32,
    },
    TooManyVolunteers {
        max: u32,
    },
}

/// What is wrong with an activity; the UI turns it into a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityProblem {
    Title(TextProblem),
    Location(TextProblem),
    NoTheme,
    UnknownTheme(String),
    /// A linked questionnaire with an empty id.
    SurveyEmpty,
    NoMeetings,
    TooManyMeetings {
        max: u32,
    },
    /// A problem of the meeting at index `meeting` in `meetings`.
    Meeting {
        meeting: usize,
        problem: MeetingProblem,
    },
    /// Filling in a meeting the activity does not have.
    NoSuchMeeting {
        meeting: usize,
    },
    // The draft's typed text:
    UnknownKind(String),
    FirstDateInvalid,
    MeetingCountInvalid {
        max: u32,
    },
    EveryDaysInvalid {
        max: u32,
    },
}

/// Checks one meeting, as when it is filled in, collecting every problem.
pub fn validate_meeting(meeting: &Meeting, today: NaiveDate) -> Result<(), Vec<MeetingProblem>> {
    use MeetingProblem as P;
    let mut problems = Vec::new();
    if meeting.held && meeting.date > today {
        problems.push(P::HeldInFuture);
    }
    if meeting.participants > MAX_PARTICIPANTS {
        problems.push(P::TooManyParticipants {
            max: MAX_PARTICIPANTS,
        });
    }
    if meeting.first_time > meeting.participants {
        problems.push(P::FirstTimeAboveParticipants);
    }
    if meeting.volunteers > MAX_PARTICIPANTS {
        problems.push(P::TooManyVolunteers {
            max: MAX_PARTICIPANTS,
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks a whole activity and collects every problem, each meeting's
/// included (with its index). `domains` is the taxonomy's domain list.
pub fn validate_activity(
    fields: &ActivityFields,
    domains: &[Term],
    today: NaiveDate,
) -> Result<(), Vec<ActivityProblem>> {
    use ActivityProblem as P;
    let mut problems = Vec::new();

    if let Err(problem) = check_free_text(&fields.title, MAX_TITLE_CHARS, true) {
        problems.push(P::Title(problem));
    }
    if let Err(problem) = check_free_text(&fields.location, MAX_LOCATION_CHARS, true) {
        problems.push(P::Location(problem));
    }

    if fields.theme.is_empty() {
        problems.push(P::NoTheme);
    } else if find(domains, &fields.theme).is_none() {
        problems.push(P::UnknownTheme(fields.theme.clone()));
    }

    if matches!(&fields.survey, Some(id) if id.trim().is_empty()) {
        problems.push(P::SurveyEmpty);
    }

    if fields.meetings.is_empty() {
        problems.push(P::NoMeetings);
    } else if fields.meetings.len() > MAX_MEETINGS {
        problems.push(P::TooManyMeetings {
            max: MAX_MEETINGS as u32,
        });
    }
    for (meeting, m) in fields.meetings.iter().enumerate() {
        if let Err(found) = validate_meeting(m, today) {
            problems.extend(
                found
                    .into_iter()
                    .map(|problem| P::Meeting { meeting, problem }),
            );
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

// ---------------------------------------------------------------- counting

/// The counts of group activities over a period; see the module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityTotals {
    /// Activities with at least one held meeting in the period.
    pub activities: u32,
    /// Of those, the ones linked to a questionnaire.
    pub with_survey: u32,
    /// Held meetings in the period.
    pub meetings: u32,
    /// Participants summed over those meetings (a resident may count twice).
    pub participants: u32,
    /// First-timers summed over those meetings.
    pub first_time: u32,
    /// Volunteers summed over those meetings.
    pub volunteers: u32,
}

/// Counts the held meetings dated `from..=to_inclusive` (leaving out deleted
/// records is the caller's business). Sums saturate rather than wrap, so a
/// corrupt record cannot turn a report upside down.
pub fn activity_totals(
    activities: &[ActivityFields],
    from: NaiveDate,
    to_inclusive: NaiveDate,
) -> ActivityTotals {
    let mut totals = ActivityTotals::default();
    for activity in activities {
        let mut any = false;
        for m in activity.held_between(from, to_inclusive) {
            any = true;
            totals.meetings = totals.meetings.saturating_add(1);
            totals.participants = totals.participants.saturating_add(m.participants);
            totals.first_time = totals.first_time.saturating_add(m.first_time);
            totals.volunteers = totals.volunteers.saturating_add(m.volunteers);
        }
        if any {
            totals.activities += 1;
            totals.with_survey += u32::from(activity.survey.is_some());
        }
    }
    totals
}
