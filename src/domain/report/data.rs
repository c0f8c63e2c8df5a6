//! The records a report needs, in a compact form kept in memory.
//!
//! Built once when the report opens (the loader calls `add_*` for every live
//! record; deleted records never reach it) and then recomputed over as often
//! as the coordinator changes the period or the locations. Every code
//! (location, channel, support form, domain, referral target, referrer,
//! awareness, target group, age band, survey and activity id) is interned
//! once into `Codes` and kept as a small number; dates are `NaiveDate`s. No
//! notes, titles, names, initials or trajectory codes are kept. Survey
//! responses are few, so they are kept whole (scoring needs their answers).

use crate::domain::activity::ActivityFields;
use crate::domain::contact::{ContactFields, Outcome};
use crate::domain::initiative::{InitiativeFields, InitiativeKind, InitiativeStatus};
use crate::domain::survey::{ResponseContent, SurveyDefinition};
use crate::domain::trajectory::TrajectoryFields;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::num::NonZeroU32;

/// An interned code: an index into `Codes`. `Option<Code>` is as small as a
/// `Code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(NonZeroU32);

impl Code {
    /// A number from 1 to `Codes::len()`, for tables indexed by code.
    pub fn index(self) -> usize {
        self.0.get() as usize
    }

    /// The code with `index` (1 to `Codes::len()`); 0 is read as 1.
    pub fn from_index(index: usize) -> Self {
        let n = u32::try_from(index.max(1)).unwrap_or(u32::MAX);
        Code(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
    }
}

/// The codes of one contact that the report keeps.
struct ContactCodes<'s, D, G> {
    location: &'s str,
    channel: &'s str,
    support_form: &'s str,
    domains: D,
    referred_to: Option<&'s str>,
    referrer: Option<&'s str>,
    awareness: Option<&'s str>,
    target_groups: G,
}

/// A stored contact as the report reads it: its codes and when, borrowed
/// from the stored text where they hold no escapes; everything else (the
/// free text, the bookkeeping) is skipped. Every field may be missing, so
/// any layout reads; `codes` says whether this one is complete.
#[derive(Deserialize)]
struct StoredContact<'a> {
    #[serde(default, borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(default)]
    schema_version: Option<u32>,
    #[serde(default)]
    deleted: bool,
    #[serde(default, borrow)]
    occurred_at: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    location: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    channel: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    support_form: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    domains: Option<Vec<Cow<'a, str>>>,
    #[serde(default, borrow)]
    outcome: Option<StoredOutcome<'a>>,
    #[serde(default, borrow)]
    referrer: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    awareness: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    target_groups: Vec<Cow<'a, str>>,
}

/// `Outcome` as stored (`{"kind":"direct"}` or `{"kind":"referred","to":…}`),
/// read without serde's buffering of an internally tagged enum.
#[derive(Deserialize)]
struct StoredOutcome<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(default, borrow)]
    to: Option<Cow<'a, str>>,
}

impl StoredContact<'_> {
    /// When it happened and its codes; `None` when a field the contact
    /// needs is missing or does not read (as `Contact` would not).
    #[allow(clippy::type_complexity)]
    fn codes(
        &self,
    ) -> Option<(
        DateTime<Utc>,
        ContactCodes<'_, impl Iterator<Item = &str>, impl Iterator<Item = &str>>,
    )> {
        let occurred_at = DateTime::parse_from_rfc3339(self.occurred_at.as_deref()?)
            .ok()?
            .with_timezone(&Utc);
        let outcome = self.outcome.as_ref()?;
        let referred_to = match (outcome.kind.as_ref(), &outcome.to) {
            ("direct", _) => None,
            ("referred", Some(to)) => Some(to.as_ref()),
            _ => return None,
        };
        Some((
            occurred_at,
            ContactCodes {
                location: self.location.as_deref()?,
                channel: self.channel.as_deref()?,
                support_form: self.support_form.as_deref()?,
                domains: self.domains.as_ref()?.iter().map(|d| d.as_ref()),
                referred_to,
                referrer: self.referrer.as_deref(),
                awareness: self.awareness.as_deref(),
                target_groups: self.target_groups.iter().map(|g| g.as_ref()),
            },
        ))
    }
}

/// The interning table: every distinct code string once.
#[derive(Debug, Clone, Default)]
pub struct Codes {
    names: Vec<String>,
    index: HashMap<String, Code>,
}

impl Codes {
    /// The code for `name`, added when new.
    pub fn intern(&mut self, name: &str) -> Code {
        if let Some(code) = self.index.get(name) {
            return *code;
        }
        self.names.push(name.to_owned());
        let n = u32::try_from(self.names.len()).expect("fewer than 2^32 distinct codes");
        let code = Code(NonZeroU32::new(n).expect("len is at least 1"));
        self.index.insert(name.to_owned(), code);
        code
    }

    /// The code for `name` if it was ever interned.
    pub fn get(&self, name: &str) -> Option<Code> {
        self.index.get(name).copied()
    }

    /// The string of `code`.
    pub fn name(&self, code: Code) -> &str {
        &self.names[code.0.get() as usize - 1]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// One contact. Its domains and target groups live in `ReportData::lists`:
/// `domains` at `lists[at..at + n_domains]` (main domain first), then the
/// target groups at the following `n_groups`.
#[derive(Debug, Clone, Copy)]
pub struct ContactRow {
    /// Local day of `occurred_at`.
    pub day: NaiveDate,
    /// Local hour (0–23).
    pub hour: u8,
    pub location: Code,
    pub channel: Code,
    pub support_form: Code,
    /// `None` when handled directly.
    pub referred_to: Option<Code>,
    pub referrer: Option<Code>,
    pub awareness: Option<Code>,
    pub at: u32,
    pub n_domains: u8,
    pub n_groups: u8,
}

/// One trajectory: dates, the report's codes and its measurements reduced
/// to what the figures use.
#[derive(Debug, Clone)]
pub struct TrajectoryRow {
    pub start: NaiveDate,
    /// The closing date; `None` while it runs.
    pub closed: Option<NaiveDate>,
    pub referrer: Option<Code>,
    pub age_band: Code,
    /// Main domains, the first is the main one.
    pub main_domains: Box<[Code]>,
    /// `(domain, begin, end)` for each domain scored 1–5 at both moments
    /// (closed trajectories only).
    pub scores: Box<[(Code, u8, u8)]>,
    /// At least one domain scored at both moments (closed only).
    pub assessable: bool,
    /// Ended with growth in self-reliance (`trajectory::growth`).
    pub grew: bool,
    /// Invited to the KTO at its close.
    pub kto_invited: bool,
}

/// One held meeting: its date and counts.
#[derive(Debug, Clone, Copy)]
pub struct MeetingRow {
    pub date: NaiveDate,
    pub participants: u32,
    pub first_time: u32,
    pub volunteers: u32,
}

/// One group activity with its held meetings (planned ones never count).
#[derive(Debug, Clone)]
pub struct ActivityRow {
    /// The record id (responses name it), interned in `ReportData::ids`.
    pub id: Code,
    pub location: Code,
    pub survey: Option<Code>,
    pub meetings: Box<[MeetingRow]>,
}

/// One initiative: when it was supported, its participants, status, kind.
#[derive(Debug, Clone)]
pub struct InitiativeRow {
    pub start: NaiveDate,
    pub support: Box<[NaiveDate]>,
    pub participants: u32,
    pub status: InitiativeStatus,
    pub kind: InitiativeKind,
}

/// One survey response, kept whole, with its record id.
#[derive(Debug, Clone)]
pub struct ResponseRow {
    pub id: String,
    pub content: ResponseContent,
}

/// Everything the report computes over. See the module doc.
#[derive(Debug, Clone, Default)]
pub struct ReportData {
    /// Codes of the lists and survey ids; few, so tables per code are small.
    pub codes: Codes,
    /// Activity record ids, kept apart from `codes` (there may be many).
    pub ids: Codes,
    /// Domains and target groups of the contacts (see `ContactRow`).
    pub lists: Vec<Code>,
    pub contacts: Vec<ContactRow>,
    pub trajectories: Vec<TrajectoryRow>,
    pub activities: Vec<ActivityRow>,
    pub initiatives: Vec<InitiativeRow>,
    pub responses: Vec<ResponseRow>,
    /// Survey definitions by survey id, one per version.
    pub surveys: BTreeMap<String, Vec<SurveyDefinition>>,
    /// Sealed responses this device could not open (no key, another key,
    /// damaged): not in any figure, but said on the report.
    pub unopened: u32,
}

impl ReportData {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a contact; `local` is the local wall-clock time of its
    /// `occurred_at` (the caller converts with the device's time zone).
    /// Domains beyond 255 and target groups beyond 255 are not kept (the
    /// form allows 5 domains).
    pub fn add_contact(&mut self, fields: &ContactFields, local: NaiveDateTime) {
        self.add_contact_codes(
            ContactCodes {
                location: &fields.location,
                channel: &fields.channel,
                support_form: &fields.support_form,
                domains: fields.domains.iter().map(String::as_str),
                referred_to: match &fields.outcome {
                    Outcome::Direct => None,
                    Outcome::Referred { to } => Some(to),
                },
                referrer: fields.referrer.as_deref(),
                awareness: fields.awareness.as_deref(),
                target_groups: fields.target_groups.iter().map(String::as_str),
            },
            local,
        );
    }

    /// The fields of a stored contact that `add_stored_contacts` reads (at
    /// every level of the record: `kind` and `to` are the outcome's): a
    /// store may leave every other field out of the array it hands over.
    pub const STORED_CONTACT_FIELDS: &'static [&'static str] = &[
        "id",
        "schema_version",
        "deleted",
        "occurred_at",
        "location",
        "channel",
        "support_form",
        "domains",
        "outcome",
        "kind",
        "to",
        "referrer",
        "awareness",
        "target_groups",
    ];

    /// Adds the live contacts of `array`, the contacts store as one JSON
    /// array of stored records (at least their `STORED_CONTACT_FIELDS`;
    /// tombstones included), placed in local time by `to_local`. Each is
    /// read for the codes the report keeps only (a light view, its strings
    /// borrowed from `array`), not decoded whole. Tombstones, records of a
    /// later schema and those that do not read are left out, as a store's
    /// `list` leaves them. Returns the ids of the contacts stored in an
    /// older layout: the caller reads those whole (through their upgrades)
    /// and adds them with `add_contact`.
    pub fn add_stored_contacts(
        &mut self,
        array: &str,
        to_local: impl Fn(DateTime<Utc>) -> NaiveDateTime,
    ) -> Result<Vec<String>, serde_json::Error> {
        use crate::domain::contact::CONTACT_SCHEMA_VERSION;
        let stored: Vec<StoredContact> = serde_json::from_str(array)?;
        let mut older = Vec::new();
        for view in &stored {
            match view.schema_version {
                _ if view.deleted => {}
                Some(CONTACT_SCHEMA_VERSION) => {
                    if let Some((occurred_at, codes)) = view.codes() {
                        self.add_contact_codes(codes, to_local(occurred_at));
                    }
                }
                Some(version) if version < CONTACT_SCHEMA_VERSION => {
                    older.extend(view.id.as_deref().map(str::to_string));
                }
                _ => {}
            }
        }
        Ok(older)
    }

    fn add_contact_codes<'s>(
        &mut self,
        contact: ContactCodes<'s, impl Iterator<Item = &'s str>, impl Iterator<Item = &'s str>>,
        local: NaiveDateTime,
    ) {
        let at = u32::try_from(self.lists.len()).unwrap_or(u32::MAX);
        let mut n_domains = 0u8;
        for d in contact.domains.take(255) {
            let code = self.codes.intern(d);
            self.lists.push(code);
            n_domains += 1;
        }
        let mut n_groups = 0u8;
        for g in contact.target_groups.take(255) {
            let code = self.codes.intern(g);
            self.lists.push(code);
            n_groups += 1;
        }
        let codes = &mut self.codes;
        let row = ContactRow {
            day: local.date(),
            hour: local.hour() as u8,
            location: codes.intern(contact.location),
            channel: codes.intern(contact.channel),
            support_form: codes.intern(contact.support_form),
            referred_to: contact.referred_to.map(|to| codes.intern(to)),
            referrer: contact.referrer.map(|r| codes.intern(r)),
            awareness: contact.awareness.map(|a| codes.intern(a)),
            at,
            n_domains,
            n_groups,
        };
        self.contacts.push(row);
    }

    /// The domains of `contact`, main domain first.
    pub fn domains(&self, contact: &ContactRow) -> &[Code] {
        let at = contact.at as usize;
        &self.lists[at..at + usize::from(contact.n_domains)]
    }

    /// The target groups of `contact`.
    pub fn target_groups(&self, contact: &ContactRow) -> &[Code] {
        let at = contact.at as usize + usize::from(contact.n_domains);
        &self.lists[at..at + usize::from(contact.n_groups)]
    }

    /// Adds a trajectory; its growth is computed here, once
    /// (`trajectory::growth`).
    pub fn add_trajectory(&mut self, fields: &TrajectoryFields) {
        let codes = &mut self.codes;
        let (scores, assessable, grew, closed, kto_invited) = match &fields.closing {
            Some(closing) => {
                let growth = fields.growth();
                let ends: BTreeMap<&str, u8> = closing.end.scored().collect();
                let scores: Vec<(Code, u8, u8)> = fields
                    .intake
                    .scored()
                    .filter_map(|(d, begin)| ends.get(d).map(|&end| (codes.intern(d), begin, end)))
                    .collect();
                (
                    scores.into_boxed_slice(),
                    growth.as_ref().is_some_and(|g| g.assessable()),
                    growth.as_ref().is_some_and(|g| g.grew),
                    Some(closing.date),
                    closing.kto_invited,
                )
            }
            None => (Box::default(), false, false, None, false),
        };
        let row = TrajectoryRow {
            start: fields.start,
            closed,
            referrer: fields.referrer.as_deref().map(|r| codes.intern(r)),
            age_band: codes.intern(&fields.age_band),
            main_domains: fields
                .main_domains
                .iter()
                .map(|d| codes.intern(d))
                .collect(),
            scores,
            assessable,
            grew,
            kto_invited,
        };
        self.trajectories.push(row);
    }

    /// Adds a group activity; `id` is its record id, which responses name.
    pub fn add_activity(&mut self, id: &str, fields: &ActivityFields) {
        let codes = &mut self.codes;
        let row = ActivityRow {
            id: self.ids.intern(id),
            location: codes.intern(&fields.location),
            survey: fields.survey.as_deref().map(|s| codes.intern(s)),
            meetings: fields
                .meetings
                .iter()
                .filter(|m| m.held)
                .map(|m| MeetingRow {
                    date: m.date,
                    participants: m.participants,
                    first_time: m.first_time,
                    volunteers: m.volunteers,
                })
                .collect(),
        };
        self.activities.push(row);
    }

    /// Adds an initiative.
    pub fn add_initiative(&mut self, fields: &InitiativeFields) {
        self.initiatives.push(InitiativeRow {
            start: fields.start,
            support: fields.support.iter().map(|s| s.date).collect(),
            participants: fields.participants,
            status: fields.status,
            kind: fields.initiative_kind,
        });
    }

    /// Adds a survey response; `id` is its record id (quotes are keyed by
    /// it).
    /// A sealed response (`content.sealed`) counts only as unopened: open
    /// it first (`service::answers::readable`).
    pub fn add_response(&mut self, id: &str, content: &ResponseContent) {
        if content.sealed.is_some() {
            self.unopened += 1;
            return;
        }
        self.responses.push(ResponseRow {
            id: id.to_owned(),
            content: content.clone(),
        });
    }

    /// Adds a survey version: every stored version and the built-in
    /// templates. A later definition with the same id and version replaces
    /// the earlier one, so add the templates first and the stored versions
    /// after them (a stored template version carries its invited count), or
    /// add the list `SurveyService::versions` gives.
    pub fn add_survey(&mut self, definition: SurveyDefinition) {
        let versions = self.surveys.entry(definition.id.clone()).or_default();
        match versions
            .iter_mut()
            .find(|d| d.version == definition.version)
        {
            Some(existing) => *existing = definition,
            None => versions.push(definition),
        }
    }

    /// Records held (survey definitions not counted).
    pub fn len(&self) -> usize {
        self.contacts.len()
            + self.trajectories.len()
            + self.activities.len()
            + self.initiatives.len()
            + self.responses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
