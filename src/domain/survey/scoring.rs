//! Survey scores as the jaarbeeld reports them: marks per question, theme and
//! KPI, the overall mark, the recommendation score (NPS) and the response
//! rate. Pure arithmetic over responses; no texts, no storage.
//!
//! The formulas (also in docs/SURVEYS.md):
//!
//! - **An answer as a mark (1–10).** A point `v` on an `n`-point scale becomes
//!   `1 + 9·(v − 1)/(n − 1)`:
//!   - agree-5 and smiley-5: `1 + 9·(v − 1)/4` → 1, 3.25, 5.5, 7.75, 10, so
//!     the neutral middle is 5.5, the Dutch pass mark;
//!   - smiley-3: `1 + 9·(v − 1)/2` → 1, 5.5, 10;
//!   - a rapportcijfer (1–10) is a mark as it is.
//!
//!   "Weet niet / n.v.t." is no mark and is left out of every mean. Yes/no,
//!   choices, open texts and the 0–10 recommendation give no mark.
//! - **Question score** = mean of its marks.
//! - **Theme score** (seed 001, "per thema een gemiddelde over alle stellingen
//!   behorende tot het thema") = mean of the question scores of the theme's
//!   statements; a statement nobody answered is left out. Each statement
//!   weighs the same, however many answered it.
//! - **KPI score** (seed 002) = mean of all marks of all questions tagged with
//!   the KPI, pooled: each answer weighs the same.
//! - **Overall mark** = mean of all answers to rapportcijfer questions, pooled.
//! - **Recommendation** (0–10), per question, kept apart from the marks: the
//!   mean as it is, and NPS = `100·(promoters − detractors)/answers`, where
//!   promoters answered 9–10 and detractors 0–6.
//! - **Response rate** = responses / invited, as a percentage rounded half up
//!   to one decimal: 18 of 141 → 12,8%.
//! - **Small groups**: a score that fewer than `MIN_GROUP` (5) responses
//!   contributed to is marked `small`, so the report can hide or flag it.
//!
//! Responses are scored with the definition version they answered (looked up
//! with `edit::definition_for`), so a statement moved to another theme in a
//! later version still counts where it was asked. Responses whose version is
//! not in the list are counted in `unknown_version` and otherwise skipped.

use super::edit::definition_for;
use super::model::{QuestionKind, SurveyDefinition};
use super::response::{Answer, ResponseContent};

/// Results from fewer responses than this are marked `small` (privacy: small
/// groups in published tables can identify people).
pub const MIN_GROUP: u32 = 5;

/// A point `value` on a scale of `points` points (1..=points) as a mark 1–10:
/// `1 + 9·(value − 1)/(points − 1)`.
pub fn scale_to_mark(value: u8, points: u8) -> f64 {
    if points < 2 {
        return 1.0;
    }
    let v = f64::from(value.clamp(1, points) - 1);
    1.0 + 9.0 * v / f64::from(points - 1)
}

/// The mark (1–10) an answer gives, or `None` when it gives none: "weet
/// niet", yes/no, choices, open text and the 0–10 recommendation.
pub fn as_mark(kind: &QuestionKind, answer: &Answer) -> Option<f64> {
    let Answer::Number(v) = answer else {
        return None;
    };
    match kind {
        QuestionKind::Mark if (1..=10).contains(v) => Some(f64::from(*v)),
        QuestionKind::Agree { .. } if (1..=5).contains(v) => Some(scale_to_mark(*v, 5)),
        QuestionKind::Smiley { points, .. } if (1..=*points).contains(v) => {
            Some(scale_to_mark(*v, *points))
        }
        _ => None,
    }
}

/// A mean mark and how many responses it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub mark: f64,
    /// Responses that gave at least one mark to this score.
    pub responses: u32,
    /// Fewer than `MIN_GROUP` responses.
    pub small: bool,
}

/// The 0–10 recommendation question's result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recommendation {
    pub answers: u32,
    /// Mean of the answers on their own 0–10 scale.
    pub mean: f64,
    /// Answered 9 or 10.
    pub promoters: u32,
    /// Answered 7 or 8.
    pub passives: u32,
    /// Answered 0 to 6.
    pub detractors: u32,
    /// `100·(promoters − detractors)/answers`, from −100 to 100.
    pub nps: f64,
    pub small: bool,
}

/// Everything that `score` computes for one survey.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SurveyScores {
    /// Responses scored.
    pub responses: u32,
    /// Responses left out because their survey version is not known.
    pub unknown_version: u32,
    /// Mean of the rapportcijfer answers.
    pub overall: Option<Score>,
    /// By question id, in survey order; only questions that give marks.
    pub questions: Vec<(String, Score)>,
    /// By theme code, in survey order.
    pub themes: Vec<(String, Score)>,
    /// By KPI code, in survey order.
    pub kpis: Vec<(String, Score)>,
    /// By question id of each 0–10 recommendation question.
    pub recommendations: Vec<(String, Recommendation)>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Mean {
    sum: f64,
    count: u32,
    responses: u32,
}

impl Mean {
    fn add(&mut self, value: f64) {
        self.sum += value;
        self.count += 1;
    }

    fn score(&self) -> Option<Score> {
        (self.count > 0).then(|| score_of(self.sum / f64::from(self.count), self.responses))
    }
}

fn score_of(mark: f64, responses: u32) -> Score {
    Score {
        mark,
        responses,
        small: responses < MIN_GROUP,
    }
}

#[derive(Debug, Clone, Default)]
struct Theme {
    statements: Vec<(String, Mean)>,
    responses: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Nps {
    sum: u32,
    count: u32,
    promoters: u32,
    passives: u32,
    detractors: u32,
}

/// The entry for `key`, added at the end when new (lists stay in survey
/// order; they are short, so a scan beats a map here).
fn slot<'a, T: Default>(list: &'a mut Vec<(String, T)>, key: &str) -> &'a mut T {
    let at = match list.iter().position(|(k, _)| k == key) {
        Some(at) => at,
        None => {
            list.push((key.to_owned(), T::default()));
            list.len() - 1
        }
    };
    &mut list[at].1
}

/// Adds one to the response count of `key` once per response.
fn count_once(touched: &mut Vec<String>, key: &str) -> bool {
    if touched.iter().any(|k| k == key) {
        false
    } else {
        touched.push(key.to_owned());
        true
    }
}

/// Scores `responses` (of one survey) against `versions` (that survey's
/// definitions; any order). See the module doc for the formulas.
pub fn score<'a>(
    versions: &[SurveyDefinition],
    responses: impl IntoIterator<Item = &'a ResponseContent>,
) -> SurveyScores {
    let responses: Vec<&ResponseContent> = responses.into_iter().collect();
    score_all(versions, &responses)
}

fn score_all(versions: &[SurveyDefinition], responses: &[&ResponseContent]) -> SurveyScores {
    let mut out = SurveyScores::default();
    let mut overall = Mean::default();
    let mut questions: Vec<(String, Mean)> = Vec::new();
    let mut themes: Vec<(String, Theme)> = Vec::new();
    let mut kpis: Vec<(String, Mean)> = Vec::new();
    let mut nps: Vec<(String, Nps)> = Vec::new();

    // Seed the order from the newest version, so reports follow the survey.
    if let Some(newest) = versions.iter().max_by_key(|d| d.version) {
        for section in &newest.sections {
            for q in &section.questions {
                match q.kind {
                    QuestionKind::Mark
                    | QuestionKind::Agree { .. }
                    | QuestionKind::Smiley { .. } => {
                        slot(&mut questions, &q.id);
                        if let Some(theme) = &section.theme {
                            slot(&mut slot(&mut themes, theme).statements, &q.id);
                        }
                        if let Some(kpi) = &q.kpi {
                            slot(&mut kpis, kpi);
                        }
                    }
                    QuestionKind::Recommend => {
                        slot(&mut nps, &q.id);
                    }
                    _ => {}
                }
            }
        }
    }

    for response in responses {
        let Some(def) = definition_for(versions, &response.survey_id, response.survey_version)
        else {
            out.unknown_version += 1;
            continue;
        };
        out.responses += 1;
        let mut touched_themes = Vec::new();
        let mut touched_kpis = Vec::new();
        let mut gave_mark = false;
        for section in &def.sections {
            for q in &section.questions {
                let Some(answer) = response.answers.get(&q.id) else {
                    continue;
                };
                if let (QuestionKind::Recommend, Answer::Number(v)) = (&q.kind, answer) {
                    if *v <= 10 {
                        let n = slot(&mut nps, &q.id);
                        n.sum += u32::from(*v);
                        n.count += 1;
                        match v {
                            9.. => n.promoters += 1,
                            7 | 8 => n.passives += 1,
                            _ => n.detractors += 1,
                        }
                    }
                    continue;
                }
                let Some(mark) = as_mark(&q.kind, answer) else {
                    continue;
                };
                let question = slot(&mut questions, &q.id);
                question.add(mark);
                question.responses += 1;
                if q.kind == QuestionKind::Mark {
                    overall.add(mark);
                    gave_mark = true;
                }
                if let Some(theme) = &section.theme {
                    let t = slot(&mut themes, theme);
                    slot(&mut t.statements, &q.id).add(mark);
                    if count_once(&mut touched_themes, theme) {
                        t.responses += 1;
                    }
                }
                if let Some(kpi) = &q.kpi {
                    let k = slot(&mut kpis, kpi);
                    k.add(mark);
                    if count_once(&mut touched_kpis, kpi) {
                        k.responses += 1;
                    }
                }
            }
        }
        if gave_mark {
            overall.responses += 1;
        }
    }

    out.overall = overall.score();
    out.questions = questions
        .into_iter()
        .filter_map(|(id, m)| m.score().map(|s| (id, s)))
        .collect();
    out.themes = themes
        .into_iter()
        .filter_map(|(theme, t)| {
            let means: Vec<f64> = t
                .statements
                .iter()
                .filter_map(|(_, m)| m.score().map(|s| s.mark))
                .collect();
            (!means.is_empty()).then(|| {
                let mark = means.iter().sum::<f64>() / means.len() as f64;
                (theme, score_of(mark, t.responses))
            })
        })
        .collect();
    out.kpis = kpis
        .into_iter()
        .filter_map(|(kpi, m)| m.score().map(|s| (kpi, s)))
        .collect();
    out.recommendations = nps
        .into_iter()
        .filter(|(_, n)| n.count > 0)
        .map(|(id, n)| {
            let count = f64::from(n.count);
            let net = f64::from(n.promoters) - f64::from(n.detractors);
            let r = Recommendation {
                answers: n.count,
                mean: f64::from(n.sum) / count,
                promoters: n.promoters,
                passives: n.passives,
                detractors: n.detractors,
                nps: 100.0 * net / count,
                small: n.count < MIN_GROUP,
            };
            (id, r)
        })
        .collect();
    out
}

/// How often each answer was given to question `question_id`, for yes/no
/// ("yes", "no"), single and multiple choice (option codes) and "weet niet"
/// ("dont_know"), plus how many responses answered it. Marks are in `score`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub answered: u32,
    pub counts: Vec<(String, u32)>,
}

pub fn tally<'a>(
    question_id: &str,
    responses: impl IntoIterator<Item = &'a ResponseContent>,
) -> Tally {
    let mut out = Tally::default();
    for response in responses {
        let Some(answer) = response.answers.get(question_id) else {
            continue;
        };
        out.answered += 1;
        let mut add = |code: &str| *slot(&mut out.counts, code) += 1;
        match answer {
            Answer::YesNo(true) => add("yes"),
            Answer::YesNo(false) => add("no"),
            Answer::DontKnow => add("dont_know"),
            Answer::Choice(code) => add(code),
            Answer::Choices(codes) => codes.iter().for_each(|c| add(c)),
            Answer::Number(_) | Answer::Text(_) => {}
        }
    }
    out
}

/// The answers to an open question, for quoting (they are anonymous and were
/// checked for personal data when saved).
pub fn open_answers<'a>(
    question_id: &str,
    responses: impl IntoIterator<Item = &'a ResponseContent>,
) -> Vec<&'a str> {
    responses
        .into_iter()
        .filter_map(|r| match r.answers.get(question_id) {
            Some(Answer::Text(text)) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// The response rate in tenths of a percent, rounded half up:
/// `round(1000 · responses / invited)`; 18 of 141 → 128 (12,8%). `None` when
/// the number invited is unknown (0).
pub fn response_rate_tenths(responses: u32, invited: u32) -> Option<u32> {
    if invited == 0 {
        return None;
    }
    let (r, i) = (u64::from(responses), u64::from(invited));
    u32::try_from((2000 * r + i) / (2 * i)).ok()
}

// One implementation of Dutch numbers and the half-up rule for every
// screen, print and file: `domain::number`.
pub use crate::domain::number::{format_decimal_nl, format_percent_nl};
