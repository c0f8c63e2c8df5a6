//! A contact at a wijkplein: one resident's question, how it came in, what it
//! was about and where it went.
//!
//! `ContactDraft` is what the form holds (text as typed); `validate` turns it
//! into `ContactFields` or a list of field errors. A draft is never stored: a
//! record exists only once every field is valid, so nothing is saved half.

use crate::domain::entry::{schema_version, Entry, EntryFields};
use crate::domain::migrate::Upgrade;
use crate::domain::privacy::{self, TextProblem};
use crate::domain::record::{utc_millis, RecordKind, RecordMeta};
use crate::domain::taxonomy::{find, Taxonomy, Term};
use crate::domain::timefmt;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Schema version of a stored contact: one more than the steps of its
/// history (`EntryFields::HISTORY` below).
pub const CONTACT_SCHEMA_VERSION: u32 = schema_version::<ContactFields>();

pub const MAX_NOTE_CHARS: usize = 280;
pub const MAX_DOMAINS: usize = 5;
pub const MAX_DURATION_MINUTES: u16 = 480;
/// Contacts may be registered afterwards, but not this long afterwards.
pub const MAX_AGE_DAYS: i64 = 366;
/// Tablet clocks drift; a few minutes "in the future" is not an error.
pub const FUTURE_TOLERANCE_MINUTES: i64 = 10;

/// What became of the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Handled in the contact itself with information and advice.
    Direct,
    /// Referred to another organisation.
    Referred { to: String },
}

/// The validated content of a contact, without bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactFields {
    pub location: String,
    #[serde(with = "utc_millis")]
    pub occurred_at: DateTime<Utc>,
    pub channel: String,
    pub support_form: String,
    /// Life domains of the question; the first is the main domain.
    pub domains: Vec<String>,
    pub outcome: Outcome,
    #[serde(default)]
    pub referrer: Option<String>,
    #[serde(default)]
    pub awareness: Option<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub duration_minutes: Option<u16>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub initials: String,
}

/// A stored contact: the one record model with a contact's content.
pub type Contact = Entry<ContactFields>;

impl EntryFields for ContactFields {
    const KIND: RecordKind = RecordKind::Contact;
    const HISTORY: &'static [Upgrade] = &[contact_v1_to_v2];
    /// A contact is indexed by when it took place, which may be earlier
    /// than when it was registered.
    fn occurred_at(&self, _meta: &RecordMeta) -> DateTime<Utc> {
        self.occurred_at
    }
}

/// Schema 1 (the first layout): one `domain` string, `referred_to` as an
/// optional code, no support form. Schema 2: a `domains` list (main domain
/// first), `outcome` as direct/referred, `support_form`.
fn contact_v1_to_v2(object: &mut Map<String, Value>) {
    let domain = object.remove("domain");
    let domains = match domain {
        Some(Value::String(code)) if !code.is_empty() => vec![Value::String(code)],
        _ => vec![Value::String("anders".into())],
    };
    object.insert("domains".into(), Value::Array(domains));
    let outcome = match object.remove("referred_to") {
        Some(Value::String(to)) if !to.is_empty() => json!({ "kind": "referred", "to": to }),
        _ => json!({ "kind": "direct" }),
    };
    object.insert("outcome".into(), outcome);
    // v1 registered information-and-advice questions only.
    object
        .entry("support_form")
        .or_insert_with(|| Value::String("informatie-advies".into()));
}

/// The registration form's state: choices as codes, free fields as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactDraft {
    pub location: String,
    /// Local wall-clock time as an `<input type="datetime-local">` gives it.
    pub occurred_at_local: String,
    pub channel: String,
    pub support_form: String,
    pub domains: Vec<String>,
    pub referred: bool,
    pub referral_target: String,
    pub referrer: String,
    pub awareness: String,
    pub target_groups: Vec<String>,
    pub duration_minutes: String,
    pub note: String,
    pub initials: String,
}

impl ContactDraft {
    /// A fresh form: the most common contact is preselected, so that a walk-in
    /// with one domain that is handled directly needs one tap and save.
    pub fn fresh(
        taxonomy: &Taxonomy,
        location: &str,
        initials: &str,
        now_local: NaiveDateTime,
    ) -> Self {
        Self {
            location: location.to_owned(),
            occurred_at_local: timefmt::local_input(now_local),
            channel: taxonomy.default_channel.clone(),
            support_form: taxonomy.default_support_form.clone(),
            initials: initials.to_owned(),
            ..Self::default()
        }
    }

    /// The draft that edits an existing contact.
    pub fn from_fields(fields: &ContactFields, occurred_at_local: NaiveDateTime) -> Self {
        let (referred, referral_target) = match &fields.outcome {
            Outcome::Direct => (false, String::new()),
            Outcome::Referred { to } => (true, to.clone()),
        };
        Self {
            location: fields.location.clone(),
            occurred_at_local: timefmt::local_input(occurred_at_local),
            channel: fields.channel.clone(),
            support_form: fields.support_form.clone(),
            domains: fields.domains.clone(),
            referred,
            referral_target,
            referrer: fields.referrer.clone().unwrap_or_default(),
            awareness: fields.awareness.clone().unwrap_or_default(),
            target_groups: fields.target_groups.clone(),
            duration_minutes: fields
                .duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            note: fields.note.clone(),
            initials: fields.initials.clone(),
        }
    }

    /// Adds or removes a domain; the first one chosen stays the main domain.
    pub fn toggle_domain(&mut self, code: &str) {
        toggle(&mut self.domains, code);
    }

    pub fn toggle_target_group(&mut self, code: &str) {
        toggle(&mut self.target_groups, code);
    }
}

fn toggle(list: &mut Vec<String>, code: &str) {
    if let Some(at) = list.iter().position(|c| c == code) {
        list.remove(at);
    } else {
        list.push(code.to_owned());
    }
}

/// Which form field a problem belongs to (the UI puts the message next to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Location,
    OccurredAt,
    Channel,
    SupportForm,
    Domains,
    ReferralTarget,
    Referrer,
    Awareness,
    TargetGroups,
    Duration,
    Note,
    Initials,
}

/// What is wrong with a field; the UI turns it into a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Required,
    UnknownChoice,
    NotADateTime,
    InTheFuture,
    TooLongAgo,
    NotAWholeNumber,
    OutOfRange {
        min: u32,
        max: u32,
    },
    TooMany {
        max: u32,
    },
    /// The free-text rule (`privacy::check_free_text`) refused the text.
    Text(TextProblem),
    NotInitials,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Everything validation needs from outside: the lists, the clock and the
/// browser's time zone (as a function, so DST is the caller's business).
pub struct ValidationContext<'a, F: Fn(NaiveDateTime) -> Option<DateTime<Utc>>> {
    pub taxonomy: &'a Taxonomy,
    pub now: DateTime<Utc>,
    pub local_to_utc: F,
}

/// Checks every field and collects every problem, so the volunteer sees all of
/// them at once.
pub fn validate<F: Fn(NaiveDateTime) -> Option<DateTime<Utc>>>(
    draft: &ContactDraft,
    cx: &ValidationContext<'_, F>,
) -> Result<ContactFields, Vec<FieldError>> {
    let tax = cx.taxonomy;
    let mut errors = Vec::new();
    let mut fail = |field, problem| errors.push(FieldError { field, problem });

    let location = required_choice(&draft.location, &tax.locations)
        .map_err(|p| fail(Field::Location, p))
        .ok();
    let channel = required_choice(&draft.channel, &tax.channels)
        .map_err(|p| fail(Field::Channel, p))
        .ok();
    let support_form = required_choice(&draft.support_form, &tax.support_forms)
        .map_err(|p| fail(Field::SupportForm, p))
        .ok();

    let occurred_at = parse_occurred_at(&draft.occurred_at_local, cx)
        .map_err(|p| fail(Field::OccurredAt, p))
        .ok();

    if draft.domains.is_empty() {
        fail(Field::Domains, Problem::Required);
    } else if draft.domains.len() > MAX_DOMAINS {
        fail(
            Field::Domains,
            Problem::TooMany {
                max: MAX_DOMAINS as u32,
            },
        );
    } else if draft
        .domains
        .iter()
        .any(|d| find(&tax.domains, d).is_none())
    {
        fail(Field::Domains, Problem::UnknownChoice);
    }

    let outcome = if draft.referred {
        required_choice(&draft.referral_target, &tax.referral_targets)
            .map(|to| Outcome::Referred { to })
            .map_err(|p| fail(Field::ReferralTarget, p))
            .ok()
    } else {
        Some(Outcome::Direct)
    };

    let referrer = optional_choice(&draft.referrer, &tax.referrers)
        .map_err(|p| fail(Field::Referrer, p))
        .ok();
    let awareness = optional_choice(&draft.awareness, &tax.awareness)
        .map_err(|p| fail(Field::Awareness, p))
        .ok();
    if draft
        .target_groups
        .iter()
        .any(|g| find(&tax.target_groups, g).is_none())
    {
        fail(Field::TargetGroups, Problem::UnknownChoice);
    }

    let duration = parse_duration(&draft.duration_minutes)
        .map_err(|p| fail(Field::Duration, p))
        .ok();

    let note = privacy::check_free_text(&draft.note, MAX_NOTE_CHARS, false)
        .map_err(|p| fail(Field::Note, Problem::Text(p)))
        .unwrap_or_default();

    let initials = draft.initials.trim();
    if !initials.is_empty() && !privacy::looks_like_initials(initials) {
        fail(Field::Initials, Problem::NotInitials);
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    // Every branch above that yields None also pushed an error, so reaching
    // here means all of these are Some.
    match (
        location,
        occurred_at,
        channel,
        support_form,
        outcome,
        referrer,
        awareness,
        duration,
    ) {
        (
            Some(location),
            Some(occurred_at),
            Some(channel),
            Some(support_form),
            Some(outcome),
            Some(referrer),
            Some(awareness),
            Some(duration_minutes),
        ) => Ok(ContactFields {
            location,
            occurred_at,
            channel,
            support_form,
            domains: draft.domains.clone(),
            outcome,
            referrer,
            awareness,
            target_groups: draft.target_groups.clone(),
            duration_minutes,
            note: note.to_owned(),
            initials: initials.to_owned(),
        }),
        _ => Err(vec![]),
    }
}

fn required_choice(code: &str, terms: &[Term]) -> Result<String, Problem> {
    if code.is_empty() {
        Err(Problem::Required)
    } else if find(terms, code).is_none() {
        Err(Problem::UnknownChoice)
    } else {
        Ok(code.to_owned())
    }
}

fn optional_choice(code: &str, terms: &[Term]) -> Result<Option<String>, Problem> {
    if code.is_empty() {
        Ok(None)
    } else {
        required_choice(code, terms).map(Some)
    }
}

fn parse_occurred_at<F: Fn(NaiveDateTime) -> Option<DateTime<Utc>>>(
    text: &str,
    cx: &ValidationContext<'_, F>,
) -> Result<DateTime<Utc>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let local = timefmt::parse_local_input(text).ok_or(Problem::NotADateTime)?;
    let utc = (cx.local_to_utc)(local).ok_or(Problem::NotADateTime)?;
    if utc > cx.now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        Err(Problem::InTheFuture)
    } else if utc < cx.now - Duration::days(MAX_AGE_DAYS) {
        Err(Problem::TooLongAgo)
    } else {
        Ok(utc)
    }
}

fn parse_duration(text: &str) -> Result<Option<u16>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let range = Problem::OutOfRange {
        min: 1,
        max: u32::from(MAX_DURATION_MINUTES),
    };
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if text.starts_with('-') {
            range
        } else {
            Problem::NotAWholeNumber
        });
    }
    match text.parse::<u16>() {
        Ok(m) if (1..=MAX_DURATION_MINUTES).contains(&m) => Ok(Some(m)),
        _ => Err(range),
    }
}
