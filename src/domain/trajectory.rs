//! Individual trajectories (individuele trajecten, seed 002): temporary support
//! for a resident or family with an intake, goals, a begin and an end
//! measurement on the Zelfredzaamheid-Matrix (ZRM), and the yearly figures
//! built from them ("% closed with growth", mean ZRM per domain).
//!
//! What this module is for: the plain serde data of a trajectory, its
//! validation, a pseudonymous code, and the growth arithmetic a report uses.
//!
//! What it must not do: touch the browser, storage or the clock (the caller
//! passes `today` and the random bytes); hold labels (every choice is a code,
//! labels come from the taxonomy and i18n); hold personal data (no names,
//! birth dates, addresses or BSN: an age *band*, a pseudonym that is never
//! derived from a person, and goal texts and notes screened with
//! [`crate::domain::privacy::check_free_text`]). A stored trajectory is an
//! [`crate::domain::entry::Entry`] of [`TrajectoryFields`].
//!
//! # Growth in self-reliance (the definition reports use)
//!
//! A ZRM domain is *scored* in a measurement when its score is 1–5
//! ([`ZrmScore::NotScored`] and absent domains are not scored). For a closed
//! trajectory, compare the intake (begin) with the end measurement:
//!
//! * the *common domains* are those scored at **both** moments; a domain scored
//!   at only one moment is left out of both means;
//! * with no common domain the trajectory is **not assessable**: it has no
//!   means and does not count as growth;
//! * otherwise it **ended with growth in self-reliance** when the mean score
//!   over the common domains is strictly higher at the end than at the begin
//!   (equal means are no growth).
//!
//! The share ([`growth_share`]) is `with_growth / assessable` over closed
//! trajectories, *not* `/ closed`: not-assessable trajectories are left out of
//! the denominator (and reported separately as `closed - assessable`). It is
//! rounded half up to tenths of a percent, so 734 of 1000 gives 73.4%.
//!
//! The chart's mean per domain ([`mean_per_domain`]) uses the same pairs: per
//! domain, over closed trajectories that scored that domain at both moments.

use crate::domain::privacy::{check_free_text, TextProblem};
use crate::domain::record::ymd;
use crate::domain::taxonomy::{find, Taxonomy, Term};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Schema version of a stored trajectory, for the record wrapper.
pub const TRAJECTORY_SCHEMA_VERSION: u32 =
    crate::domain::entry::schema_version::<TrajectoryFields>();

/// Longest goal text, in characters.
pub const MAX_GOAL_CHARS: usize = 200;

/// Highest Positieve Gezondheid score (scores are 0..=10).
pub const MAX_HEALTH_SCORE: u8 = 10;

/// The six Positieve Gezondheid dimensions (Huber), as stable codes:
/// Lichaamsfuncties, Mentaal welbevinden, Zingeving, Kwaliteit van leven,
/// Meedoen, Dagelijks functioneren.
pub const POSITIVE_HEALTH_DIMENSIONS: [&str; 6] = [
    "bodily_functions",
    "mental_wellbeing",
    "meaningfulness",
    "quality_of_life",
    "participation",
    "daily_functioning",
];

// ---------------------------------------------------------------- ZRM

/// A score on one ZRM domain. Serialised as its stable code; labels come from
/// i18n.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZrmScore {
    /// 1 — acute problematiek.
    AcuteProblems,
    /// 2 — niet zelfredzaam.
    NotSelfReliant,
    /// 3 — beperkt zelfredzaam.
    LimitedSelfReliant,
    /// 4 — voldoende zelfredzaam.
    SufficientlySelfReliant,
    /// 5 — volledig zelfredzaam.
    FullySelfReliant,
    /// The domain was looked at but not scored.
    NotScored,
}

impl ZrmScore {
    pub const ALL: [ZrmScore; 6] = [
        ZrmScore::AcuteProblems,
        ZrmScore::NotSelfReliant,
        ZrmScore::LimitedSelfReliant,
        ZrmScore::SufficientlySelfReliant,
        ZrmScore::FullySelfReliant,
        ZrmScore::NotScored,
    ];

    /// The score 1–5, or `None` for [`ZrmScore::NotScored`].
    pub fn value(self) -> Option<u8> {
        match self {
            ZrmScore::AcuteProblems => Some(1),
            ZrmScore::NotSelfReliant => Some(2),
            ZrmScore::LimitedSelfReliant => Some(3),
            ZrmScore::SufficientlySelfReliant => Some(4),
            ZrmScore::FullySelfReliant => Some(5),
            ZrmScore::NotScored => None,
        }
    }

    /// The score for 1–5; anything else is `None`.
    pub fn from_value(value: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.value() == Some(value))
    }

    /// Stable code (also the serde form), the key for i18n labels.
    pub fn code(self) -> &'static str {
        match self {
            ZrmScore::AcuteProblems => "acute_problems",
            ZrmScore::NotSelfReliant => "not_self_reliant",
            ZrmScore::LimitedSelfReliant => "limited_self_reliant",
            ZrmScore::SufficientlySelfReliant => "sufficiently_self_reliant",
            ZrmScore::FullySelfReliant => "fully_self_reliant",
            ZrmScore::NotScored => "not_scored",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One ZRM measurement: a date and a score per domain code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZrmMeasurement {
    #[serde(with = "ymd")]
    pub date: NaiveDate,
    #[serde(default)]
    pub scores: BTreeMap<String, ZrmScore>,
}

impl ZrmMeasurement {
    /// The domains with a score 1–5 and their value.
    pub fn scored(&self) -> impl Iterator<Item = (&str, u8)> {
        self.scores
            .iter()
            .filter_map(|(d, s)| s.value().map(|v| (d.as_str(), v)))
    }
}

/// Positieve Gezondheid at intake: 0..=10 per dimension code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PositiveHealth {
    #[serde(default)]
    pub dimensions: BTreeMap<String, u8>,
}

// ---------------------------------------------------------------- age bands

/// Age bands as configurable data: `(from, to, code)`, ages inclusive, `to`
/// `None` for the open last band. A trajectory stores only the band's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeBands {
    pub bands: Vec<(u8, Option<u8>, String)>,
}

/// Why an age band configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgeBandsError {
    #[error("no age bands")]
    Empty,
    #[error("age band {code} is empty or reversed")]
    Reversed { code: String },
    #[error("age band {code} has no code")]
    NoCode { code: String },
    #[error("age band code {code} appears twice")]
    DuplicateCode { code: String },
    #[error("age band {code} overlaps the band before it")]
    Overlap { code: String },
    #[error("age band {code} leaves a gap after the band before it")]
    Gap { code: String },
    #[error("age band {code} is open-ended but is not the last band")]
    OpenNotLast { code: String },
}

impl Default for AgeBands {
    /// The built-in bands: 0–3, 4–11, 12–17, 18–22, 23–26, 27–64, 65+.
    fn default() -> Self {
        Self::builtin()
    }
}

/// Why an organisation's age band file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgeBandsFileError {
    #[error("not a valid age band file: {0}")]
    Parse(String),
    #[error(transparent)]
    Invalid(#[from] AgeBandsError),
}

// `default_age_bands.json` as data, written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/age_bands_builtin.rs"));

impl AgeBands {
    /// The built-in bands (`default_age_bands.json`, data an organisation
    /// may replace): 0–3, 4–11, 12–17, 18–22, 23–26, 27–64, 65+. `build.rs`
    /// makes the file into data, so no app parses it; a test checks it.
    pub fn builtin() -> Self {
        AgeBands {
            bands: BUILTIN_AGE_BANDS
                .iter()
                .map(|&(from, to, code)| (from, to, code.to_owned()))
                .collect(),
        }
    }

    /// Parses and checks an organisation's age bands.
    pub fn from_json(text: &str) -> Result<Self, AgeBandsFileError> {
        let bands: AgeBands =
            serde_json::from_str(text).map_err(|e| AgeBandsFileError::Parse(e.to_string()))?;
        bands.validate()?;
        Ok(bands)
    }

    /// Bands must be in order, contiguous (each starts one after the previous
    /// ends) and non-overlapping, with unique non-empty codes; only the last
    /// may be open-ended.
    pub fn validate(&self) -> Result<(), AgeBandsError> {
        if self.bands.is_empty() {
            return Err(AgeBandsError::Empty);
        }
        // The end of the band before; only the last band can be open, so
        // every band before the current one has an end.
        let mut prev_to: Option<u8> = None;
        for (i, (from, to, code)) in self.bands.iter().enumerate() {
            let named = || code.clone();
            if code.trim().is_empty() {
                return Err(AgeBandsError::NoCode {
                    code: format!("#{}", i + 1),
                });
            }
            if self.bands[..i].iter().any(|(_, _, c)| c == code) {
                return Err(AgeBandsError::DuplicateCode { code: named() });
            }
            if matches!(to, Some(to) if to < from) {
                return Err(AgeBandsError::Reversed { code: named() });
            }
            match prev_to {
                Some(p) if *from <= p => return Err(AgeBandsError::Overlap { code: named() }),
                Some(p) if u16::from(*from) > u16::from(p) + 1 => {
                    return Err(AgeBandsError::Gap { code: named() })
                }
                _ => {}
            }
            match to {
                None if i + 1 != self.bands.len() => {
                    return Err(AgeBandsError::OpenNotLast { code: named() })
                }
                _ => prev_to = *to,
            }
        }
        Ok(())
    }

    /// The code of the band holding `age`.
    pub fn band_for(&self, age: u8) -> Option<&str> {
        self.bands
            .iter()
            .find(|(from, to, _)| age >= *from && to.is_none_or(|to| age <= to))
            .map(|(_, _, code)| code.as_str())
    }

    pub fn contains_code(&self, code: &str) -> bool {
        self.bands.iter().any(|(_, _, c)| c == code)
    }
}

// ---------------------------------------------------------------- pseudonym

/// The ZRM's own 13 domains (GGD Amsterdam, 2017), by their codes in the
/// built-in domain list.
pub const ZRM_DOMAINS: [&str; 13] = [
    "financien",
    "werk-opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke-relaties",
    "geestelijke-gezondheid",
    "lichamelijke-gezondheid",
    "middelengebruik",
    "basale-adl",
    "instrumentele-adl",
    "sociaal-netwerk",
    "maatschappelijke-participatie",
    "justitie",
];

/// "Anders": a domain for a contact's question, never scored.
pub const OTHER_DOMAIN: &str = "anders";

/// The rows of one ZRM measurement of a trajectory, in the order of the
/// organisation's domain list (`domains`):
///
/// * the ZRM's own 13 domains ([`ZRM_DOMAINS`]) that are still in use;
/// * a domain the organisation added (Beheer → Lijsten) only where the
///   trajectory names it as a main domain (`main_domains`): an
///   organisation's own ZRM domain, such as "Sociaal-emotionele
///   ondersteuning (Ouderschap)" in seed 002, is measured in the
///   trajectories it is the subject of, while a domain added for contacts'
///   questions never becomes a row of every measurement;
/// * every domain in `held` (those the trajectory scores already, at this
///   moment or the other), retired or added, so no score is ever hidden.
///
/// "Anders" ([`OTHER_DOMAIN`]) is never a row.
pub fn zrm_rows<'a>(
    domains: &'a [Term],
    main_domains: &[String],
    held: &[String],
) -> Vec<&'a Term> {
    let named = |list: &[String], code: &str| list.iter().any(|c| c == code);
    domains
        .iter()
        .filter(|d| d.code != OTHER_DOMAIN)
        .filter(|d| {
            named(held, &d.code)
                || named(main_domains, &d.code)
                || (!d.retired && ZRM_DOMAINS.contains(&d.code.as_str()))
        })
        .collect()
}

/// Characters of a pseudonym: digits and capitals without look-alikes
/// (no 0/O, 1/I/L); 31 symbols.
pub const PSEUDONYM_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

const PSEUDONYM_CHARS: usize = 6;

/// A pseudonymous trajectory code such as `TR-7K3M-Q9`, made from five random
/// bytes supplied by the caller. It is never derived from a name, birth date
/// or anything else about the resident.
///
/// The 40 random bits are read as a number and written in base 31 modulo
/// 31⁶ (about 8.9 × 10⁸ codes). That is not one-to-one over all inputs, but
/// two byte arrays that differ in a single byte always give different codes
/// (such a difference is never a multiple of 31⁶). The caller must still
/// check a new code against existing ones and draw again on a clash.
pub fn pseudonym(random: [u8; 5]) -> String {
    let mut n = random
        .iter()
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    let mut chars = [0u8; PSEUDONYM_CHARS];
    for c in chars.iter_mut().rev() {
        *c = PSEUDONYM_ALPHABET[(n % 31) as usize];
        n /= 31;
    }
    let text = |r: &[u8]| r.iter().map(|&b| char::from(b)).collect::<String>();
    format!("TR-{}-{}", text(&chars[..4]), text(&chars[4..]))
}

/// Whether `code` has the form `TR-XXXX-XX` with pseudonym characters.
pub fn is_pseudonym(code: &str) -> bool {
    let b = code.as_bytes();
    let ok = |r: &[u8]| r.iter().all(|c| PSEUDONYM_ALPHABET.contains(c));
    b.len() == 10 && b.starts_with(b"TR-") && b[7] == b'-' && ok(&b[3..7]) && ok(&b[8..])
}

// ---------------------------------------------------------------- fields

/// Household compositions a trajectory may record (optional), as codes;
/// labels come from i18n.
pub const HOUSEHOLDS: [&str; 5] = [
    "single",
    "couple",
    "family_with_children",
    "single_parent",
    "other",
];

/// Longest note of a contact moment, in characters.
pub const MAX_MOMENT_NOTE_CHARS: usize = 200;

/// A contact moment logged against the trajectory: when, by which channel
/// (a channel code of the taxonomy) and an optional short note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactMoment {
    #[serde(with = "ymd")]
    pub date: NaiveDate,
    pub channel: String,
    #[serde(default)]
    pub note: String,
}

/// A goal of the trajectory, in the life domain it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub text: String,
    /// A domain code of the taxonomy.
    pub domain: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosingReason {
    GoalsReached,
    ReferredOn,
    ResidentStopped,
    Moved,
    Other,
}

/// How a trajectory ended, with its end measurement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    #[serde(with = "ymd")]
    pub date: NaiveDate,
    pub reason: ClosingReason,
    pub end: ZrmMeasurement,
    /// Whether the resident was invited to the KTO (satisfaction survey).
    #[serde(default)]
    pub kto_invited: bool,
}

/// The content of a trajectory, without record bookkeeping. Field names do
/// not clash with `RecordMeta`, so both can be flattened into one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrajectoryFields {
    /// Pseudonym from [`pseudonym`].
    pub code: String,
    #[serde(with = "ymd")]
    pub start: NaiveDate,
    /// Referrer code (verwijzer), checked by the caller against its list.
    #[serde(default)]
    pub referrer: Option<String>,
    /// Code of an [`AgeBands`] band.
    pub age_band: String,
    /// Household composition code, checked by the caller against its list.
    #[serde(default)]
    pub household: Option<String>,
    /// Domain codes; the first is the main one.
    pub main_domains: Vec<String>,
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The begin measurement.
    pub intake: ZrmMeasurement,
    #[serde(default)]
    pub positive_health: Option<PositiveHealth>,
    /// Contact moments in the order they were logged.
    #[serde(default)]
    pub contact_moments: Vec<ContactMoment>,
    /// `None` while the trajectory runs.
    #[serde(default)]
    pub closing: Option<Closing>,
}

impl crate::domain::entry::EntryFields for TrajectoryFields {
    const KIND: crate::domain::record::RecordKind = crate::domain::record::RecordKind::Trajectory;
}

impl TrajectoryFields {
    pub fn is_closed(&self) -> bool {
        self.closing.is_some()
    }

    /// Growth from intake to end, for a closed trajectory.
    pub fn growth(&self) -> Option<Growth> {
        self.closing.as_ref().map(|c| growth(&self.intake, &c.end))
    }
}

// ---------------------------------------------------------------- validation

/// What is wrong with a trajectory; the UI turns it into a sentence. Goal
/// problems carry the goal's index in `goals`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrajectoryProblem {
    /// The code is not a pseudonym `TR-XXXX-XX`.
    CodeFormat,
    /// Another trajectory has this code already.
    CodeInUse,
    /// The start date is after `today`.
    StartInFuture,
    UnknownAgeBand,
    UnknownReferrer(String),
    UnknownHousehold(String),
    NoMainDomain,
    UnknownMainDomain(String),
    /// The text of goal `goal`.
    Goal {
        goal: usize,
        problem: TextProblem,
    },
    UnknownGoalDomain {
        goal: usize,
        code: String,
    },
    /// The intake measurement is dated before the start.
    IntakeBeforeStart,
    UnknownIntakeDomain(String),
    UnknownHealthDimension(String),
    HealthScoreOutOfRange {
        dimension: String,
        value: u8,
    },
    /// `validate_closing` on a trajectory that has no closing.
    NotClosed,
    /// The closing date is before the start.
    ClosingBeforeStart,
    /// The closing date is after `today`.
    ClosingInFuture,
    /// The end measurement is dated before the intake measurement.
    EndBeforeIntake,
    UnknownEndDomain(String),
    /// A contact moment dated before the start.
    MomentBeforeStart {
        moment: usize,
    },
    /// A contact moment dated after `today`.
    MomentInFuture {
        moment: usize,
    },
    UnknownMomentChannel {
        moment: usize,
        code: String,
    },
    /// The note of contact moment `moment`.
    MomentNote {
        moment: usize,
        problem: TextProblem,
    },
}

/// Checks the closing: dates in order and an end measurement of known
/// domains. `domains` is the organisation's domain list; an end measurement
/// may score a domain the intake did not (growth then ignores it).
pub fn validate_closing(
    fields: &TrajectoryFields,
    domains: &[Term],
) -> Result<(), Vec<TrajectoryProblem>> {
    let Some(closing) = &fields.closing else {
        return Err(vec![TrajectoryProblem::NotClosed]);
    };
    let mut problems = Vec::new();
    if closing.date < fields.start {
        problems.push(TrajectoryProblem::ClosingBeforeStart);
    }
    if closing.end.date < fields.intake.date {
        problems.push(TrajectoryProblem::EndBeforeIntake);
    }
    for code in closing.end.scores.keys() {
        if find(domains, code).is_none() {
            problems.push(TrajectoryProblem::UnknownEndDomain(code.clone()));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks a whole trajectory against the organisation's lists (domains,
/// referrers, channels) and collects every problem, the closing's included
/// when there is one.
pub fn validate_trajectory(
    fields: &TrajectoryFields,
    taxonomy: &Taxonomy,
    bands: &AgeBands,
    today: NaiveDate,
) -> Result<(), Vec<TrajectoryProblem>> {
    use TrajectoryProblem as P;
    let domains = &taxonomy.domains[..];
    let mut problems = Vec::new();

    if !is_pseudonym(&fields.code) {
        problems.push(P::CodeFormat);
    }
    if fields.start > today {
        problems.push(P::StartInFuture);
    }
    if !bands.contains_code(&fields.age_band) {
        problems.push(P::UnknownAgeBand);
    }
    if let Some(code) = &fields.referrer {
        if find(&taxonomy.referrers, code).is_none() {
            problems.push(P::UnknownReferrer(code.clone()));
        }
    }
    if let Some(code) = &fields.household {
        if !HOUSEHOLDS.contains(&code.as_str()) {
            problems.push(P::UnknownHousehold(code.clone()));
        }
    }
    if fields.main_domains.is_empty() {
        problems.push(P::NoMainDomain);
    }
    for code in &fields.main_domains {
        if find(domains, code).is_none() {
            problems.push(P::UnknownMainDomain(code.clone()));
        }
    }
    for (goal, g) in fields.goals.iter().enumerate() {
        if let Err(problem) = check_free_text(&g.text, MAX_GOAL_CHARS, true) {
            problems.push(P::Goal { goal, problem });
        }
        if find(domains, &g.domain).is_none() {
            problems.push(P::UnknownGoalDomain {
                goal,
                code: g.domain.clone(),
            });
        }
    }
    if fields.intake.date < fields.start {
        problems.push(P::IntakeBeforeStart);
    }
    for code in fields.intake.scores.keys() {
        if find(domains, code).is_none() {
            problems.push(P::UnknownIntakeDomain(code.clone()));
        }
    }
    if let Some(health) = &fields.positive_health {
        for (dimension, &value) in &health.dimensions {
            if !POSITIVE_HEALTH_DIMENSIONS.contains(&dimension.as_str()) {
                problems.push(P::UnknownHealthDimension(dimension.clone()));
            } else if value > MAX_HEALTH_SCORE {
                problems.push(P::HealthScoreOutOfRange {
                    dimension: dimension.clone(),
                    value,
                });
            }
        }
    }
    for (moment, m) in fields.contact_moments.iter().enumerate() {
        if m.date < fields.start {
            problems.push(P::MomentBeforeStart { moment });
        }
        if m.date > today {
            problems.push(P::MomentInFuture { moment });
        }
        if find(&taxonomy.channels, &m.channel).is_none() {
            problems.push(P::UnknownMomentChannel {
                moment,
                code: m.channel.clone(),
            });
        }
        if let Err(problem) = check_free_text(&m.note, MAX_MOMENT_NOTE_CHARS, false) {
            problems.push(P::MomentNote { moment, problem });
        }
    }
    if let Some(closing) = &fields.closing {
        if closing.date > today {
            problems.push(P::ClosingInFuture);
        }
        if let Err(more) = validate_closing(fields, domains) {
            problems.extend(more);
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

// ---------------------------------------------------------------- growth

/// Growth from the begin to the end measurement; see the module doc.
#[derive(Debug, Clone, PartialEq)]
pub struct Growth {
    /// `end - begin` per domain scored (1–5) at both moments.
    pub per_domain: BTreeMap<String, i8>,
    /// Mean begin score over the common domains; `None` without any.
    pub mean_begin: Option<f64>,
    /// Mean end score over the same domains; `None` without any.
    pub mean_end: Option<f64>,
    /// At least one common domain and the end mean strictly above the begin
    /// mean.
    pub grew: bool,
}

impl Growth {
    /// Whether any domain was scored at both moments.
    pub fn assessable(&self) -> bool {
        !self.per_domain.is_empty()
    }
}

/// Growth in self-reliance: a trajectory ended with growth when at least one
/// domain is scored (1–5, not `NotScored`) at both moments and the mean over
/// those domains is strictly higher at the end than at the start. Domains
/// scored at only one moment are left out of both means. No common domain:
/// `grew` is false, the means are `None`, and it is not assessable.
pub fn growth(intake: &ZrmMeasurement, end: &ZrmMeasurement) -> Growth {
    let ends: BTreeMap<&str, u8> = end.scored().collect();
    let mut per_domain = BTreeMap::new();
    let (mut sum_begin, mut sum_end) = (0u32, 0u32);
    for (domain, begin) in intake.scored() {
        if let Some(&after) = ends.get(domain) {
            per_domain.insert(domain.to_owned(), after as i8 - begin as i8);
            sum_begin += u32::from(begin);
            sum_end += u32::from(after);
        }
    }
    let n = per_domain.len();
    let mean = |sum: u32| (n > 0).then(|| f64::from(sum) / n as f64);
    Growth {
        mean_begin: mean(sum_begin),
        mean_end: mean(sum_end),
        // Same n on both sides, so comparing sums is comparing means, exactly.
        grew: n > 0 && sum_end > sum_begin,
        per_domain,
    }
}

/// The share of closed trajectories that ended with growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GrowthShare {
    /// Closed trajectories.
    pub closed: u32,
    /// Closed trajectories with at least one common scored domain.
    pub assessable: u32,
    /// Assessable trajectories that grew.
    pub with_growth: u32,
    /// `with_growth / assessable` in tenths of a percent, rounded half up
    /// (734 means 73.4%); `None` when nothing is assessable.
    pub tenths_of_percent: Option<u32>,
}

/// Growth share over the closed trajectories in `trajectories` (running ones
/// are skipped; leaving out deleted records is the caller's business).
pub fn growth_share(trajectories: &[TrajectoryFields]) -> GrowthShare {
    let mut share = GrowthShare::default();
    for g in trajectories.iter().filter_map(TrajectoryFields::growth) {
        share.closed += 1;
        if g.assessable() {
            share.assessable += 1;
            share.with_growth += u32::from(g.grew);
        }
    }
    if share.assessable > 0 {
        let (num, den) = (u64::from(share.with_growth), u64::from(share.assessable));
        // round(1000 * num / den) with halves up, in integers.
        share.tenths_of_percent = Some(((2000 * num + den) / (2 * den)) as u32);
    }
    share
}

/// Per domain, over closed trajectories that scored it at both moments:
/// `(mean begin, mean end, number of trajectories)`.
pub fn mean_per_domain(trajectories: &[TrajectoryFields]) -> BTreeMap<String, (f64, f64, u32)> {
    let mut sums: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    for t in trajectories {
        let Some(closing) = &t.closing else { continue };
        let ends: BTreeMap<&str, u8> = closing.end.scored().collect();
        for (domain, begin) in t.intake.scored() {
            if let Some(&after) = ends.get(domain) {
                let entry = sums.entry(domain.to_owned()).or_default();
                entry.0 += u32::from(begin);
                entry.1 += u32::from(after);
                entry.2 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|(d, (b, e, n))| {
            let n_f = f64::from(n);
            (d, (f64::from(b) / n_f, f64::from(e) / n_f, n))
        })
        .collect()
}
