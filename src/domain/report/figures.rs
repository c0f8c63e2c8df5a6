//! The aggregation: every figure of the jaarbeeld for a scope, and the same
//! figures for the period before (`compute`).
//!
//! The result holds codes, never labels (the page labels them from the
//! taxonomy and i18n), and is plain serde data: it crosses from the data
//! worker to the page as JSON.
//!
//! # Definitions
//!
//! - **Questions** (reach, seed 002): contacts whose support form is
//!   [`QUESTIONS_SUPPORT_FORM`]; every support form is counted as well.
//! - **Running trajectories**: started on or before the period's last day
//!   and not closed before its first day. *Started* and *closed* count the
//!   start and closing dates in the period.
//! - **Meetings and participants**: held meetings dated in the period, as
//!   `activity::activity_totals` counts them; an activity counts when one of
//!   its held meetings does.
//! - **Initiatives**: supported in the period (started in it or a support
//!   moment in it), as `initiative::initiative_totals` counts them.
//! - **Growth**: over trajectories closed in the period, as
//!   `trajectory::growth_share` counts it (share of the assessable ones).
//!   The mean ZRM per domain is over the same trajectories, per domain
//!   scored at both moments (`trajectory::mean_per_domain`).
//! - **Main domains**: of a contact its first domain; of a trajectory every
//!   domain in its `main_domains` (a trajectory may work on several main
//!   domains; each is a case in that domain), over trajectories running in
//!   the period.
//! - **Surveys**: responses dated in the period, scored with
//!   `survey::scoring::score`. The KTO's ([`KTO_SURVEY`]) invited are the
//!   trajectories closed in the period with `kto_invited`; another survey's
//!   invited is the `invited` of its newest published version (a number per
//!   version, typed by the coordinator, not per period).
//! - **Locations**: contacts, activities and survey responses have a
//!   location (a response without one takes its activity's) and are
//!   filtered; trajectories, initiatives and responses without any location
//!   count in every selection (`Report::unlocated_kinds` says which).
//! - **Small cells**: a count of 1–4 is small ([`is_small_count`]); a mean
//!   or share resting on fewer than `scoring::MIN_GROUP` responses or items
//!   is small. Zero is not small.

use super::data::{Code, ContactRow, ReportData, ResponseRow, TrajectoryRow};
use super::period::{Period, Scope};
use crate::domain::initiative::{InitiativeKind, InitiativeStatus};
use crate::domain::survey::edit::latest_published;
use crate::domain::survey::scoring::{score, Score, MIN_GROUP};
use crate::domain::survey::{Answer, QuestionKind, SurveyDefinition};
use crate::domain::taxonomy::{Taxonomy, Term};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The support form whose contacts are the "questions" (information and
/// advice) of the reach table.
pub const QUESTIONS_SUPPORT_FORM: &str = "informatie-advies";

/// The KTO template's survey id: its invitations come from trajectories.
pub const KTO_SURVEY: &str = "kto-traject";

/// How many domains the top list shows.
pub const TOP_DOMAINS: usize = 5;

/// Whether a count is small enough to identify people: 1 to 4.
pub fn is_small_count(n: u32) -> bool {
    (1..MIN_GROUP).contains(&n)
}

/// Whether a mean or share rests on too few responses or items: 1 to 4.
fn is_small_basis(n: u32) -> bool {
    (1..MIN_GROUP).contains(&n)
}

/// A count and whether it is a small cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Count {
    pub n: u32,
    pub small: bool,
}

impl Count {
    pub fn of(n: u32) -> Self {
        Self {
            n,
            small: is_small_count(n),
        }
    }
}

/// A count for one code of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeCount {
    pub code: String,
    pub n: u32,
    pub small: bool,
}

impl CodeCount {
    fn of(code: &str, n: u32) -> Self {
        Self {
            code: code.to_owned(),
            n,
            small: is_small_count(n),
        }
    }
}

/// Counts per code of one list: the list's terms in its order (retired
/// terms only when counted), then codes not in the list, by code; `none`
/// counts the records without any code here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Breakdown {
    pub rows: Vec<CodeCount>,
    pub none: Count,
}

impl Breakdown {
    /// The count of `code` (0 when absent).
    pub fn get(&self, code: &str) -> u32 {
        self.rows.iter().find(|r| r.code == code).map_or(0, |r| r.n)
    }
}

/// `part` of `of`, in tenths of a percent rounded half up (734 is 73,4%);
/// `tenths` is `None` when `of` is 0. Small when `of` is 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Share {
    pub part: u32,
    pub of: u32,
    pub tenths: Option<u32>,
    pub small: bool,
}

impl Share {
    pub fn of(part: u32, of: u32) -> Self {
        let tenths = (of > 0).then(|| {
            let (p, o) = (u64::from(part), u64::from(of));
            u32::try_from((2000 * p + o) / (2 * o)).unwrap_or(u32::MAX)
        });
        Self {
            part,
            of,
            tenths,
            small: is_small_basis(of),
        }
    }
}

/// A mean and the number of responses (or items) it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mean {
    pub value: f64,
    pub n: u32,
    pub small: bool,
}

impl Mean {
    fn from_score(s: &Score) -> Self {
        Self {
            value: s.mark,
            n: s.responses,
            small: is_small_basis(s.responses),
        }
    }
}

/// A mean for one code (a theme, KPI, question, channel or location).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeMean {
    pub code: String,
    pub mean: Mean,
}

/// Contacts in one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub year: i32,
    pub month: u32,
    pub n: u32,
    pub small: bool,
}

/// Group activities in the period (see `activity::ActivityTotals`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityCounts {
    /// Activities with a held meeting in the period.
    pub activities: Count,
    /// Of those, linked to a questionnaire.
    pub with_survey: Count,
    pub meetings: Count,
    pub participants: Count,
    pub first_time: Count,
    pub volunteers: Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: InitiativeStatus,
    pub n: u32,
    pub small: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: InitiativeKind,
    pub n: u32,
    pub small: bool,
}

/// Initiatives supported in the period (see `initiative::InitiativeTotals`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InitiativeCounts {
    pub initiatives: Count,
    pub participants: Count,
    pub support_moments: Count,
    /// Every status, in `InitiativeStatus::ALL` order.
    pub by_status: Vec<StatusCount>,
    /// Every kind, in `InitiativeKind::ALL` order.
    pub by_kind: Vec<KindCount>,
}

/// Reach per support form (seed 002).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reach {
    /// Contacts with support form [`QUESTIONS_SUPPORT_FORM`].
    pub questions: Count,
    /// Contacts per support form.
    pub support_forms: Breakdown,
    /// Trajectories running in the period.
    pub trajectories: Count,
    pub activities: ActivityCounts,
    pub initiatives: InitiativeCounts,
}

/// Main domains: the top five, the full list (most first; equal counts in
/// the taxonomy's order), and the taxonomy's domain groups (Koo's six).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Domains {
    pub top: Vec<CodeCount>,
    pub all: Vec<CodeCount>,
    /// Every group of `Taxonomy::domain_groups`, in its order.
    pub groups: Vec<CodeCount>,
    /// Counted domains that no group lists.
    pub ungrouped: Count,
}

/// Contacts in the period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContactFigures {
    pub total: Count,
    /// Every month the period touches, zero-filled.
    pub per_month: Vec<MonthCount>,
    pub channels: Breakdown,
    pub locations: Breakdown,
    /// Seven rows, Monday first, of 24 hours (local time).
    pub weekday_hour: Vec<Vec<Count>>,
    /// Handled directly, of all contacts.
    pub direct: Share,
    /// Referred, of all contacts.
    pub referred: Share,
    /// Referred contacts per target.
    pub referral_targets: Breakdown,
    pub referrers: Breakdown,
    pub awareness: Breakdown,
    /// A contact counts once in each of its target groups; `none` counts
    /// contacts without any.
    pub target_groups: Breakdown,
    /// Over each contact's main (first) domain.
    pub domains: Domains,
}

/// Growth in self-reliance over the trajectories closed in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GrowthFigures {
    pub closed: Count,
    pub assessable: Count,
    pub with_growth: Count,
    /// `with_growth` of `assessable`.
    pub share: Share,
}

/// Mean ZRM score of one domain at begin and end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZrmMean {
    pub domain: String,
    pub begin: f64,
    pub end: f64,
    /// Trajectories that scored the domain at both moments.
    pub n: u32,
    pub small: bool,
}

/// Trajectories in the period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TrajectoryFigures {
    pub started: Count,
    pub running: Count,
    pub closed: Count,
    pub growth: GrowthFigures,
    /// Per domain in the taxonomy's order (others after, by code).
    pub zrm: Vec<ZrmMean>,
    /// Of running trajectories, by band code (the screen orders them by the
    /// organisation's age bands).
    pub age_bands: Breakdown,
    /// Of running trajectories.
    pub referrers: Breakdown,
    /// Over every main domain of the running trajectories.
    pub domains: Domains,
}

/// The 0–10 recommendation question's result (see `scoring::Recommendation`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendationFigure {
    pub question: String,
    pub answers: u32,
    pub mean: f64,
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
    pub nps: f64,
    pub small: bool,
}

/// An open answer to quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// `"<response id>/<question id>"`: stable, to mark it publishable.
    pub key: String,
    pub survey: String,
    pub question: String,
    pub text: String,
    /// The language the resident answered in (BCP 47, as the survey
    /// offered it), so the screen marks the quote's language (WCAG 3.1.2).
    #[serde(default)]
    pub lang: String,
    #[serde(with = "crate::domain::record::ymd")]
    pub date: NaiveDate,
    pub location: Option<String>,
}

/// One survey's figures over its responses in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyFigures {
    pub survey: String,
    /// Whether it is the KTO (invitations from closed trajectories).
    pub kto: bool,
    pub responses: Count,
    /// Responses to a version not on the device (counted, not scored).
    pub unknown_version: u32,
    /// Invited: for the KTO the trajectories closed in the period with
    /// `kto_invited`; otherwise the newest published version's `invited`,
    /// which is per version, not per period. 0 when unknown.
    pub invited: u32,
    /// `responses` of `invited`; `None` when nobody is known invited.
    pub response_rate: Option<Share>,
    /// Mean of the rapportcijfer answers (the team mark of seed 001).
    pub overall: Option<Mean>,
    pub per_channel: Vec<CodeMean>,
    pub per_location: Vec<CodeMean>,
    /// Per question id that gives marks, in survey order.
    pub questions: Vec<CodeMean>,
    pub themes: Vec<CodeMean>,
    pub kpis: Vec<CodeMean>,
    pub recommendations: Vec<RecommendationFigure>,
    /// Distinct activities the responses name.
    pub activities: Count,
    /// Responses that name an activity.
    pub at_activities: Count,
    /// Open answers, newest first.
    pub quotes: Vec<Quote>,
}

/// Every figure for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub period: Period,
    pub reach: Reach,
    pub contacts: ContactFigures,
    pub trajectories: TrajectoryFigures,
    /// Surveys with responses in the period, by survey id.
    pub surveys: Vec<SurveyFigures>,
}

impl Figures {
    /// The figures of survey `id`, when it has responses in the period.
    pub fn survey(&self, id: &str) -> Option<&SurveyFigures> {
        self.surveys.iter().find(|s| s.survey == id)
    }
}

/// Records without a location, which count in every selection of
/// locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unlocated {
    Trajectories,
    Initiatives,
    /// Survey responses that name neither a location nor an activity.
    SurveyResponses,
}

/// The report: the scope, its figures and the previous period's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub scope: Scope,
    pub current: Figures,
    /// The same figures over `scope.period.previous()`, same locations.
    pub previous: Figures,
    /// With some locations chosen: the kinds that count regardless
    /// (trajectories and initiatives always; survey responses when any
    /// without a location fall in either period). Empty for all locations.
    pub unlocated_kinds: Vec<Unlocated>,
    /// Sealed survey responses on this device that it could not open (it
    /// lacks the organisation's answer key): in no figure.
    #[serde(default)]
    pub unopened_answers: u32,
}

/// Computes the report for `scope`: the figures of its period and of the
/// period before, over the same locations.
pub fn compute(data: &ReportData, scope: &Scope, taxonomy: &Taxonomy) -> Report {
    let cx = Cx::new(data, scope, taxonomy);
    let current = cx.figures(scope.period);
    let previous = cx.figures(scope.period.previous());
    let mut unlocated_kinds = Vec::new();
    if scope.is_filtered() {
        unlocated_kinds.extend([Unlocated::Trajectories, Unlocated::Initiatives]);
        let periods = [scope.period, scope.period.previous()];
        if data.responses.iter().any(|r| {
            periods.iter().any(|p| p.contains(r.content.date)) && cx.location_of(r).is_none()
        }) {
            unlocated_kinds.push(Unlocated::SurveyResponses);
        }
    }
    Report {
        scope: scope.clone(),
        current,
        previous,
        unlocated_kinds,
        unopened_answers: data.unopened,
    }
}

/// What every figure shares: the data, the chosen locations as codes, the
/// taxonomy.
struct Cx<'a> {
    data: &'a ReportData,
    taxonomy: &'a Taxonomy,
    scope: &'a Scope,
    /// Per code index: chosen (all true when no locations are chosen).
    chosen: Vec<bool>,
    /// Activity id (in `ReportData::ids`) → its location code.
    activity_location: BTreeMap<Code, Code>,
}

/// Counts per code index.
struct Tally(Vec<u32>);

impl Tally {
    fn new(data: &ReportData) -> Self {
        Self(vec![0; data.codes.len() + 1])
    }

    fn add(&mut self, code: Code) {
        self.0[index(code)] += 1;
    }

    fn get(&self, code: Option<Code>) -> u32 {
        code.map_or(0, |c| self.0[index(c)])
    }
}

fn index(code: Code) -> usize {
    code.index()
}

impl<'a> Cx<'a> {
    fn new(data: &'a ReportData, scope: &'a Scope, taxonomy: &'a Taxonomy) -> Self {
        let mut chosen = vec![!scope.is_filtered(); data.codes.len() + 1];
        for location in &scope.locations {
            if let Some(code) = data.codes.get(location) {
                chosen[index(code)] = true;
            }
        }
        let activity_location = data.activities.iter().map(|a| (a.id, a.location)).collect();
        Self {
            data,
            taxonomy,
            scope,
            chosen,
            activity_location,
        }
    }

    fn chosen(&self, location: Code) -> bool {
        self.chosen[index(location)]
    }

    /// A response's location: its own, else its activity's.
    fn location_of(&self, response: &ResponseRow) -> Option<String> {
        let c = &response.content;
        c.location.clone().or_else(|| {
            let id = self.data.ids.get(c.activity.as_deref()?)?;
            let at = self.activity_location.get(&id)?;
            Some(self.data.codes.name(*at).to_owned())
        })
    }

    fn response_in_scope(&self, response: &ResponseRow) -> bool {
        self.location_of(response)
            .is_none_or(|l| self.scope.includes(&l))
    }

    fn figures(&self, period: Period) -> Figures {
        let trajectories = self.trajectories(period);
        let running = trajectories.running;
        Figures {
            period,
            reach: Reach {
                trajectories: running,
                ..self.reach(period)
            },
            contacts: self.contacts(period),
            trajectories,
            surveys: self.surveys(period),
        }
    }

    // ------------------------------------------------------------ reach

    fn reach(&self, period: Period) -> Reach {
        let data = self.data;
        let mut forms = Tally::new(data);
        for c in self.contacts_in(period) {
            forms.add(c.support_form);
        }
        let questions = forms.get(data.codes.get(QUESTIONS_SUPPORT_FORM));
        Reach {
            questions: Count::of(questions),
            support_forms: self.breakdown(&forms, Some(&self.taxonomy.support_forms), 0),
            trajectories: Count::default(),
            activities: self.activities(period),
            initiatives: self.initiatives(period),
        }
    }

    fn activities(&self, period: Period) -> ActivityCounts {
        let (mut activities, mut with_survey, mut meetings) = (0u32, 0u32, 0u32);
        let (mut participants, mut first_time, mut volunteers) = (0u32, 0u32, 0u32);
        for a in self
            .data
            .activities
            .iter()
            .filter(|a| self.chosen(a.location))
        {
            let mut any = false;
            for m in a.meetings.iter().filter(|m| period.contains(m.date)) {
                any = true;
                meetings = meetings.saturating_add(1);
                participants = participants.saturating_add(m.participants);
                first_time = first_time.saturating_add(m.first_time);
                volunteers = volunteers.saturating_add(m.volunteers);
            }
            if any {
                activities += 1;
                with_survey += u32::from(a.survey.is_some());
            }
        }
        ActivityCounts {
            activities: Count::of(activities),
            with_survey: Count::of(with_survey),
            meetings: Count::of(meetings),
            participants: Count::of(participants),
            first_time: Count::of(first_time),
            volunteers: Count::of(volunteers),
        }
    }

    fn initiatives(&self, period: Period) -> InitiativeCounts {
        let (mut initiatives, mut participants, mut moments) = (0u32, 0u32, 0u32);
        let mut by_status = [0u32; InitiativeStatus::ALL.len()];
        let mut by_kind = [0u32; InitiativeKind::ALL.len()];
        for i in &self.data.initiatives {
            let in_period = i.support.iter().filter(|d| period.contains(**d)).count() as u32;
            if !period.contains(i.start) && in_period == 0 {
                continue;
            }
            initiatives += 1;
            participants = participants.saturating_add(i.participants);
            moments = moments.saturating_add(in_period);
            if let Some(at) = InitiativeStatus::ALL.iter().position(|s| *s == i.status) {
                by_status[at] += 1;
            }
            if let Some(at) = InitiativeKind::ALL.iter().position(|k| *k == i.kind) {
                by_kind[at] += 1;
            }
        }
        InitiativeCounts {
            initiatives: Count::of(initiatives),
            participants: Count::of(participants),
            support_moments: Count::of(moments),
            by_status: InitiativeStatus::ALL
                .iter()
                .zip(by_status)
                .map(|(&status, n)| StatusCount {
                    status,
                    n,
                    small: is_small_count(n),
                })
                .collect(),
            by_kind: InitiativeKind::ALL
                .iter()
                .zip(by_kind)
                .map(|(&kind, n)| KindCount {
                    kind,
                    n,
                    small: is_small_count(n),
                })
                .collect(),
        }
    }

    // ------------------------------------------------------------ lists

    /// Rows for `tally`: the terms of `terms` in order (retired ones and,
    /// for locations, unchosen ones only when counted), then counted codes
    /// not in `terms`, by code.
    fn breakdown(&self, tally: &Tally, terms: Option<&[Term]>, none: u32) -> Breakdown {
        let codes = &self.data.codes;
        let is_locations =
            terms.is_some_and(|t| std::ptr::eq(t, self.taxonomy.locations.as_slice()));
        let mut rows = Vec::new();
        let mut listed = vec![false; tally.0.len()];
        for term in terms.unwrap_or(&[]) {
            let code = codes.get(&term.code);
            let n = tally.get(code);
            if let Some(code) = code {
                listed[index(code)] = true;
            }
            let offered = !term.retired && (!is_locations || self.scope.includes(&term.code));
            if n > 0 || offered {
                rows.push(CodeCount::of(&term.code, n));
            }
        }
        let mut others: Vec<CodeCount> = (1..tally.0.len())
            .filter(|&i| tally.0[i] > 0 && !listed[i])
            .map(|i| CodeCount::of(codes.name(Code::from_index(i)), tally.0[i]))
            .collect();
        others.sort_by(|a, b| a.code.cmp(&b.code));
        rows.extend(others);
        Breakdown {
            rows,
            none: Count::of(none),
        }
    }

    /// Top five, full list and groups from a tally of domains.
    fn domains(&self, tally: &Tally) -> Domains {
        let codes = &self.data.codes;
        let order = |code: &str| {
            self.taxonomy
                .domains
                .iter()
                .position(|t| t.code == code)
                .unwrap_or(usize::MAX)
        };
        let mut all: Vec<CodeCount> = (1..tally.0.len())
            .filter(|&i| tally.0[i] > 0)
            .map(|i| CodeCount::of(codes.name(Code::from_index(i)), tally.0[i]))
            .collect();
        all.sort_by(|a, b| {
            b.n.cmp(&a.n)
                .then_with(|| order(&a.code).cmp(&order(&b.code)))
                .then_with(|| a.code.cmp(&b.code))
        });
        let groups: Vec<CodeCount> = self
            .taxonomy
            .domain_groups
            .iter()
            .map(|g| {
                let n = g.domains.iter().map(|d| tally.get(codes.get(d))).sum();
                CodeCount::of(&g.code, n)
            })
            .collect();
        let ungrouped = all
            .iter()
            .filter(|d| {
                !self
                    .taxonomy
                    .domain_groups
                    .iter()
                    .any(|g| g.domains.contains(&d.code))
            })
            .map(|d| d.n)
            .sum();
        Domains {
            top: all.iter().take(TOP_DOMAINS).cloned().collect(),
            all,
            groups,
            ungrouped: Count::of(ungrouped),
        }
    }

    // ------------------------------------------------------------ contacts

    fn contacts_in(&self, period: Period) -> impl Iterator<Item = &'a ContactRow> + '_ {
        self.data
            .contacts
            .iter()
            .filter(move |c| period.contains(c.day) && self.chosen(c.location))
    }

    fn contacts(&self, period: Period) -> ContactFigures {
        let data = self.data;
        let months = period.months();
        let first = months
            .first()
            .map_or(0, |(y, m)| i64::from(*y) * 12 + i64::from(*m));
        let mut per_month = vec![0u32; months.len()];
        let mut grid = [[0u32; 24]; 7];
        let (mut total, mut direct) = (0u32, 0u32);
        let (mut no_referrer, mut no_awareness, mut no_group) = (0u32, 0u32, 0u32);
        let mut channels = Tally::new(data);
        let mut locations = Tally::new(data);
        let mut targets = Tally::new(data);
        let mut referrers = Tally::new(data);
        let mut awareness = Tally::new(data);
        let mut groups = Tally::new(data);
        let mut domains = Tally::new(data);
        for c in self.contacts_in(period) {
            total += 1;
            let month = i64::from(c.day.year()) * 12 + i64::from(c.day.month()) - first;
            if let Some(slot) = usize::try_from(month)
                .ok()
                .and_then(|m| per_month.get_mut(m))
            {
                *slot += 1;
            }
            let weekday = c.day.weekday().num_days_from_monday() as usize;
            grid[weekday][usize::from(c.hour.min(23))] += 1;
            channels.add(c.channel);
            locations.add(c.location);
            match c.referred_to {
                Some(to) => targets.add(to),
                None => direct += 1,
            }
            match c.referrer {
                Some(r) => referrers.add(r),
                None => no_referrer += 1,
            }
            match c.awareness {
                Some(a) => awareness.add(a),
                None => no_awareness += 1,
            }
            let tg = data.target_groups(c);
            if tg.is_empty() {
                no_group += 1;
            }
            for g in tg {
                groups.add(*g);
            }
            if let Some(main) = data.domains(c).first() {
                domains.add(*main);
            }
        }
        let tax = self.taxonomy;
        ContactFigures {
            total: Count::of(total),
            per_month: months
                .iter()
                .zip(per_month)
                .map(|(&(year, month), n)| MonthCount {
                    year,
                    month,
                    n,
                    small: is_small_count(n),
                })
                .collect(),
            channels: self.breakdown(&channels, Some(&tax.channels), 0),
            locations: self.breakdown(&locations, Some(&tax.locations), 0),
            weekday_hour: grid
                .iter()
                .map(|row| row.iter().map(|&n| Count::of(n)).collect())
                .collect(),
            direct: Share::of(direct, total),
            referred: Share::of(total - direct, total),
            referral_targets: self.breakdown(&targets, Some(&tax.referral_targets), 0),
            referrers: self.breakdown(&referrers, Some(&tax.referrers), no_referrer),
            awareness: self.breakdown(&awareness, Some(&tax.awareness), no_awareness),
            target_groups: self.breakdown(&groups, Some(&tax.target_groups), no_group),
            domains: self.domains(&domains),
        }
    }

    // ------------------------------------------------------------ trajectories

    fn trajectories(&self, period: Period) -> TrajectoryFigures {
        let data = self.data;
        let running_in = |t: &TrajectoryRow| {
            t.start <= period.to && t.closed.is_none_or(|closed| closed >= period.from)
        };
        let (mut started, mut running, mut closed) = (0u32, 0u32, 0u32);
        let (mut assessable, mut grew) = (0u32, 0u32);
        let mut bands = Tally::new(data);
        let mut referrers = Tally::new(data);
        let mut no_referrer = 0u32;
        let mut domains = Tally::new(data);
        // Per domain code index: (sum begin, sum end, n).
        let mut zrm: BTreeMap<Code, (u32, u32, u32)> = BTreeMap::new();
        for t in &data.trajectories {
            started += u32::from(period.contains(t.start));
            if t.closed.is_some_and(|d| period.contains(d)) {
                closed += 1;
                if t.assessable {
                    assessable += 1;
                    grew += u32::from(t.grew);
                }
                for &(domain, begin, end) in t.scores.iter() {
                    let e = zrm.entry(domain).or_default();
                    e.0 += u32::from(begin);
                    e.1 += u32::from(end);
                    e.2 += 1;
                }
            }
            if running_in(t) {
                running += 1;
                bands.add(t.age_band);
                match t.referrer {
                    Some(r) => referrers.add(r),
                    None => no_referrer += 1,
                }
                for d in t.main_domains.iter() {
                    domains.add(*d);
                }
            }
        }
        let codes = &data.codes;
        let order = |code: &str| {
            self.taxonomy
                .domains
                .iter()
                .position(|t| t.code == code)
                .unwrap_or(usize::MAX)
        };
        let mut zrm: Vec<ZrmMean> = zrm
            .into_iter()
            .map(|(code, (b, e, n))| ZrmMean {
                domain: codes.name(code).to_owned(),
                begin: f64::from(b) / f64::from(n),
                end: f64::from(e) / f64::from(n),
                n,
                small: is_small_basis(n),
            })
            .collect();
        zrm.sort_by(|a, b| {
            order(&a.domain)
                .cmp(&order(&b.domain))
                .then_with(|| a.domain.cmp(&b.domain))
        });
        TrajectoryFigures {
            started: Count::of(started),
            running: Count::of(running),
            closed: Count::of(closed),
            growth: GrowthFigures {
                closed: Count::of(closed),
                assessable: Count::of(assessable),
                with_growth: Count::of(grew),
                share: Share::of(grew, assessable),
            },
            zrm,
            age_bands: self.breakdown(&bands, None, 0),
            referrers: self.breakdown(&referrers, Some(&self.taxonomy.referrers), no_referrer),
            domains: self.domains(&domains),
        }
    }

    /// Trajectories closed in `period` whose resident was invited to the KTO.
    fn kto_invited(&self, period: Period) -> u32 {
        self.data
            .trajectories
            .iter()
            .filter(|t| t.kto_invited && t.closed.is_some_and(|d| period.contains(d)))
            .count() as u32
    }

    // ------------------------------------------------------------ surveys

    fn surveys(&self, period: Period) -> Vec<SurveyFigures> {
        let mut by_survey: BTreeMap<&str, Vec<&ResponseRow>> = BTreeMap::new();
        for r in &self.data.responses {
            if period.contains(r.content.date) && self.response_in_scope(r) {
                by_survey
                    .entry(r.content.survey_id.as_str())
                    .or_default()
                    .push(r);
            }
        }
        by_survey
            .into_iter()
            .map(|(id, responses)| self.survey(period, id, &responses))
            .collect()
    }

    fn survey(&self, period: Period, id: &str, responses: &[&ResponseRow]) -> SurveyFigures {
        let versions: &[SurveyDefinition] = self.data.surveys.get(id).map_or(&[], Vec::as_slice);
        let scores = score(versions, responses.iter().map(|r| &r.content));
        let kto = id == KTO_SURVEY;
        let invited = if kto {
            self.kto_invited(period)
        } else {
            latest_published(versions, id)
                .or_else(|| versions.iter().max_by_key(|d| d.version))
                .map_or(0, |d| d.invited)
        };
        let n = responses.len() as u32;
        let means = |list: &[(String, Score)]| -> Vec<CodeMean> {
            list.iter()
                .map(|(code, s)| CodeMean {
                    code: code.clone(),
                    mean: Mean::from_score(s),
                })
                .collect()
        };
        // Marks per channel and per location: the overall mark of each
        // group, in the taxonomy's order, then other codes.
        let per = |key: &dyn Fn(&ResponseRow) -> Option<String>, terms: &[Term]| {
            let mut groups: BTreeMap<String, Vec<&ResponseRow>> = BTreeMap::new();
            for r in responses {
                if let Some(k) = key(r) {
                    groups.entry(k).or_default().push(r);
                }
            }
            let rank = |code: &str| {
                terms
                    .iter()
                    .position(|t| t.code == code)
                    .unwrap_or(usize::MAX)
            };
            let mut out: Vec<CodeMean> = groups
                .into_iter()
                .filter_map(|(code, rs)| {
                    let s = score(versions, rs.iter().map(|r| &r.content)).overall?;
                    Some(CodeMean {
                        code,
                        mean: Mean::from_score(&s),
                    })
                })
                .collect();
            out.sort_by(|a, b| rank(&a.code).cmp(&rank(&b.code)).then(a.code.cmp(&b.code)));
            out
        };
        let per_channel = per(&|r| r.content.channel.clone(), &self.taxonomy.channels);
        let per_location = per(&|r| self.location_of(r), &self.taxonomy.locations);
        let mut activities: Vec<&str> = responses
            .iter()
            .filter_map(|r| r.content.activity.as_deref())
            .collect();
        let at_activities = activities.len() as u32;
        activities.sort_unstable();
        activities.dedup();
        SurveyFigures {
            survey: id.to_owned(),
            kto,
            responses: Count::of(n),
            unknown_version: scores.unknown_version,
            invited,
            response_rate: (invited > 0).then(|| Share::of(n, invited)),
            overall: scores.overall.as_ref().map(Mean::from_score),
            per_channel,
            per_location,
            questions: means(&scores.questions),
            themes: means(&scores.themes),
            kpis: means(&scores.kpis),
            recommendations: scores
                .recommendations
                .iter()
                .map(|(q, r)| RecommendationFigure {
                    question: q.clone(),
                    answers: r.answers,
                    mean: r.mean,
                    promoters: r.promoters,
                    passives: r.passives,
                    detractors: r.detractors,
                    nps: r.nps,
                    small: r.small,
                })
                .collect(),
            activities: Count::of(activities.len() as u32),
            at_activities: Count::of(at_activities),
            quotes: self.quotes(versions, responses),
        }
    }

    /// The answers to open questions, newest first (equal dates by key).
    fn quotes(&self, versions: &[SurveyDefinition], responses: &[&ResponseRow]) -> Vec<Quote> {
        let mut quotes = Vec::new();
        for r in responses {
            let c = &r.content;
            let def = versions.iter().find(|d| d.version == c.survey_version);
            for (question, answer) in &c.answers {
                let Answer::Text(text) = answer else { continue };
                let open = def
                    .and_then(|d| d.question(question))
                    .is_none_or(|q| q.kind == QuestionKind::Open);
                if !open || text.trim().is_empty() {
                    continue;
                }
                quotes.push(Quote {
                    key: format!("{}/{}", r.id, question),
                    survey: c.survey_id.clone(),
                    question: question.clone(),
                    text: text.clone(),
                    lang: c.lang.clone(),
                    date: c.date,
                    location: self.location_of(r),
                });
            }
        }
        quotes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.key.cmp(&b.key)));
        quotes
    }
}
