//! Checks a survey definition before it is published, and a response against
//! the definition it answers.
//!
//! Both collect every problem at once, each naming the section or question
//! and the reason as an enum; the UI turns those into sentences. Nothing here
//! fixes a definition silently. A response is normalised instead: answers to
//! hidden questions are dropped and empty answers count as unanswered.

use super::model::{Question, QuestionKind, SurveyDefinition};
use super::response::{Answer, ResponseContent};
use crate::domain::privacy::{self, PersonalData};
use crate::domain::taxonomy::Localized;
use std::collections::{BTreeMap, BTreeSet};

/// The longest answer to an open question, in characters.
pub const MAX_OPEN_CHARS: usize = 1000;

/// How large a definition may be: far above any real survey (the built-in
/// ones have 3 languages and at most 7 sections, 18 questions, 9 KPIs, 6
/// options and texts under 300 characters), low enough that a hostile one
/// (a link's, the drop-off's, an imported or synced one) cannot exhaust a
/// phone or make its check take long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefinitionLimits {
    /// The definition as text (a link's or the drop-off's), in bytes: a
    /// survey version is a record, so a record's limit.
    pub bytes: usize,
    pub languages: usize,
    pub sections: usize,
    /// Questions in the whole survey.
    pub questions: usize,
    /// Options of one question.
    pub options: usize,
    pub kpis: usize,
    /// One text in one language, in characters.
    pub text_chars: usize,
    /// An id, code, language, theme or pictogram, in bytes.
    pub code_bytes: usize,
}

pub const DEFINITION_LIMITS: DefinitionLimits = DefinitionLimits {
    bytes: crate::domain::import::LIMITS.record_bytes,
    languages: 30,
    sections: 100,
    questions: 500,
    options: 100,
    kpis: 100,
    text_chars: 5000,
    code_bytes: 64,
};

/// The most problems listed for one definition; the rest are not named
/// (the definition is refused all the same).
pub const MAX_PROBLEMS: usize = 100;

/// What a definition holds too many of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Languages,
    Sections,
    Questions,
    Options,
    Kpis,
}

impl std::fmt::Display for Counted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Counted::Languages => "languages",
            Counted::Sections => "sections",
            Counted::Questions => "questions",
            Counted::Options => "options",
            Counted::Kpis => "KPIs",
        })
    }
}

/// Where in a definition a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Survey,
    Section(String),
    Question(String),
    Kpi(String),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Survey => f.write_str("survey"),
            Place::Section(id) => write!(f, "section {id}"),
            Place::Question(id) => write!(f, "question {id}"),
            Place::Kpi(code) => write!(f, "KPI {code}"),
        }
    }
}

/// Which text of a place lacks a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPart {
    /// The survey's or a section's title.
    Title,
    Intro,
    /// A question's text.
    Text,
    /// A KPI's label.
    Label,
    /// The label of the option with this code.
    Option(String),
}

impl std::fmt::Display for TextPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextPart::Title => f.write_str("the title"),
            TextPart::Intro => f.write_str("the intro"),
            TextPart::Text => f.write_str("the text"),
            TextPart::Label => f.write_str("the label"),
            TextPart::Option(code) => write!(f, "the label of option {code}"),
        }
    }
}

/// Why a definition is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionProblem {
    #[error("version must be 1 or more")]
    BadVersion,
    #[error("the id is empty")]
    EmptyId,
    #[error("no language is listed")]
    NoLanguages,
    #[error("language {0} is listed twice")]
    DuplicateLanguage(String),
    #[error("{text} has no translation for listed language {lang}")]
    MissingTranslation { text: TextPart, lang: String },
    #[error("the survey has no questions")]
    NoQuestions,
    #[error("the section has no questions")]
    EmptySection,
    #[error("another section has the same id")]
    DuplicateSectionId,
    #[error("another question has the same id")]
    DuplicateQuestionId,
    #[error("another KPI has the same code")]
    DuplicateKpi,
    #[error("a choice question needs options")]
    NoOptions,
    #[error("an option has an empty code")]
    EmptyOptionCode,
    #[error("option code {0} appears twice")]
    DuplicateOptionCode(String),
    #[error("a smiley scale has 3 or 5 points, not {0}")]
    SmileyPoints(u8),
    #[error("KPI {0} is not in the survey's KPI list")]
    UnknownKpi(String),
    #[error("the condition refers to question {0}, which does not come before it")]
    ConditionOnLaterQuestion(String),
    #[error("the condition refers to question {0}, which does not exist")]
    ConditionOnUnknownQuestion(String),
    #[error("the condition asks for an answer that question {0} cannot have")]
    ConditionValueNotPossible(String),
    #[error("more than {max} {what}")]
    TooMany { what: Counted, max: usize },
    #[error("{text} is longer than {max} characters")]
    TooLong { text: TextPart, max: usize },
    #[error("an id or code is longer than {max} bytes")]
    CodeTooLong { max: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {problem}")]
pub struct DefinitionError {
    pub at: Place,
    pub problem: DefinitionProblem,
}

/// Checks `def` and returns every problem (up to [`MAX_PROBLEMS`]), so the
/// editor can show them all.
pub fn validate_definition(def: &SurveyDefinition) -> Result<(), Vec<DefinitionError>> {
    validate_definition_within(def, &DEFINITION_LIMITS)
}

/// As [`validate_definition`], within `limits`. A definition over a limit
/// is refused with those problems only: the other checks do not run on it.
pub fn validate_definition_within(
    def: &SurveyDefinition,
    limits: &DefinitionLimits,
) -> Result<(), Vec<DefinitionError>> {
    let too_large = size_problems(def, limits);
    if !too_large.is_empty() {
        return Err(too_large);
    }
    let mut errors = Vec::new();
    let survey = Place::Survey;
    let mut fail = |at: &Place, problem| {
        if errors.len() < MAX_PROBLEMS {
            errors.push(DefinitionError {
                at: at.clone(),
                problem,
            })
        }
    };

    if def.id.trim().is_empty() {
        fail(&survey, DefinitionProblem::EmptyId);
    }
    if def.version == 0 {
        fail(&survey, DefinitionProblem::BadVersion);
    }
    if def.languages.is_empty() {
        fail(&survey, DefinitionProblem::NoLanguages);
    }
    let mut langs = BTreeSet::new();
    for lang in &def.languages {
        if !langs.insert(lang.as_str()) {
            fail(&survey, DefinitionProblem::DuplicateLanguage(lang.clone()));
        }
    }
    // The intro may be left out, but not in some languages only.
    let intro_given = def.languages.iter().any(|l| !blank(&def.intro, l));
    for (part, text) in [(TextPart::Title, &def.title), (TextPart::Intro, &def.intro)] {
        if part == TextPart::Intro && !intro_given {
            continue;
        }
        for lang in missing(def, text) {
            fail(&survey, untranslated(part.clone(), lang));
        }
    }

    let mut kpis = BTreeSet::new();
    for kpi in &def.kpis {
        let at = Place::Kpi(kpi.code.clone());
        if kpi.code.trim().is_empty() {
            fail(&at, DefinitionProblem::EmptyId);
        }
        if !kpis.insert(kpi.code.as_str()) {
            fail(&at, DefinitionProblem::DuplicateKpi);
        }
        for lang in missing(def, &kpi.label) {
            fail(&at, untranslated(TextPart::Label, lang));
        }
    }

    if def.questions().next().is_none() {
        fail(&survey, DefinitionProblem::NoQuestions);
    }
    let mut sections = BTreeSet::new();
    // Questions seen so far, in order: a condition may only look back.
    let mut earlier: Vec<&Question> = Vec::new();
    for section in &def.sections {
        let at = Place::Section(section.id.clone());
        if section.id.trim().is_empty() {
            fail(&at, DefinitionProblem::EmptyId);
        }
        if !sections.insert(section.id.as_str()) {
            fail(&at, DefinitionProblem::DuplicateSectionId);
        }
        if section.questions.is_empty() {
            fail(&at, DefinitionProblem::EmptySection);
        }
        for lang in missing(def, &section.title) {
            fail(&at, untranslated(TextPart::Title, lang));
        }
        for question in &section.questions {
            let at = Place::Question(question.id.clone());
            for problem in question_problems(def, question, &earlier, &kpis) {
                fail(&at, problem);
            }
            earlier.push(question);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What in `def` is over `limits`: counts first, then every id, code and
/// text; at most [`MAX_PROBLEMS`], each place's id cut to the code limit.
fn size_problems(def: &SurveyDefinition, limits: &DefinitionLimits) -> Vec<DefinitionError> {
    let mut errors = Vec::new();
    let mut fail = |at: &Place, problem| {
        if errors.len() < MAX_PROBLEMS {
            errors.push(DefinitionError {
                at: at.clone(),
                problem,
            })
        }
    };
    let survey = Place::Survey;
    let too_many = |what, count: usize, max: usize| {
        (count > max).then_some(DefinitionProblem::TooMany { what, max })
    };
    let counts = [
        (Counted::Languages, def.languages.len(), limits.languages),
        (
            Counted::Languages,
            def.unchecked_languages.len(),
            limits.languages,
        ),
        (Counted::Sections, def.sections.len(), limits.sections),
        (
            Counted::Questions,
            def.questions().count(),
            limits.questions,
        ),
        (Counted::Kpis, def.kpis.len(), limits.kpis),
    ];
    for (what, count, max) in counts {
        if let Some(problem) = too_many(what, count, max) {
            fail(&survey, problem);
        }
    }
    let long = |code: &str| code.len() > limits.code_bytes;
    let clip = |id: &str| {
        let mut end = id.len().min(limits.code_bytes);
        while !id.is_char_boundary(end) {
            end -= 1;
        }
        id[..end].to_owned()
    };
    let code_too_long = DefinitionProblem::CodeTooLong {
        max: limits.code_bytes,
    };
    // Every text of a place: not too many translations, none too long.
    let texts = |at: &Place,
                 part: TextPart,
                 text: &Localized,
                 fail: &mut dyn FnMut(&Place, DefinitionProblem)| {
        if let Some(problem) = too_many(Counted::Languages, text.0.len(), limits.languages) {
            fail(at, problem);
        }
        if text.0.keys().any(|lang| long(lang)) {
            fail(at, code_too_long.clone());
        }
        if text
            .0
            .values()
            .any(|t| t.chars().count() > limits.text_chars)
        {
            fail(
                at,
                DefinitionProblem::TooLong {
                    text: part,
                    max: limits.text_chars,
                },
            );
        }
    };
    if long(&def.id)
        || def
            .languages
            .iter()
            .chain(&def.unchecked_languages)
            .any(|lang| long(lang))
    {
        fail(&survey, code_too_long.clone());
    }
    texts(&survey, TextPart::Title, &def.title, &mut fail);
    texts(&survey, TextPart::Intro, &def.intro, &mut fail);
    for kpi in &def.kpis {
        let at = Place::Kpi(clip(&kpi.code));
        if long(&kpi.code) {
            fail(&at, code_too_long.clone());
        }
        texts(&at, TextPart::Label, &kpi.label, &mut fail);
    }
    for section in &def.sections {
        let at = Place::Section(clip(&section.id));
        if long(&section.id) || section.theme.as_deref().is_some_and(long) {
            fail(&at, code_too_long.clone());
        }
        texts(&at, TextPart::Title, &section.title, &mut fail);
        for question in &section.questions {
            let at = Place::Question(clip(&question.id));
            let options = question.kind.options();
            if let Some(problem) = too_many(Counted::Options, options.len(), limits.options) {
                fail(&at, problem);
            }
            let condition = question.show_if.as_ref();
            if long(&question.id)
                || question.kpi.as_deref().is_some_and(long)
                || condition
                    .is_some_and(|c| long(&c.question) || !answer_is_small(&c.equals, limits))
                || options
                    .iter()
                    .any(|o| long(&o.code) || o.pictogram.as_deref().is_some_and(long))
            {
                fail(&at, code_too_long.clone());
            }
            texts(&at, TextPart::Text, &question.text, &mut fail);
            for option in options {
                texts(
                    &at,
                    TextPart::Option(clip(&option.code)),
                    &option.label,
                    &mut fail,
                );
            }
        }
    }
    errors
}

/// Whether a condition's answer holds only short codes (a condition can
/// ask for one code; a longer text is never an option's).
fn answer_is_small(answer: &Answer, limits: &DefinitionLimits) -> bool {
    match answer {
        Answer::Choice(code) | Answer::Text(code) => code.len() <= limits.code_bytes,
        Answer::Choices(codes) => {
            codes.len() <= limits.options && codes.iter().all(|c| c.len() <= limits.code_bytes)
        }
        Answer::Number(_) | Answer::DontKnow | Answer::YesNo(_) => true,
    }
}

fn blank(text: &Localized, lang: &str) -> bool {
    text.0.get(lang).is_none_or(|t| t.trim().is_empty())
}

/// The listed languages that `text` lacks.
fn missing<'a>(def: &'a SurveyDefinition, text: &'a Localized) -> impl Iterator<Item = &'a String> {
    def.languages.iter().filter(move |l| blank(text, l))
}

fn untranslated(text: TextPart, lang: &str) -> DefinitionProblem {
    DefinitionProblem::MissingTranslation {
        text,
        lang: lang.to_owned(),
    }
}

fn question_problems(
    def: &SurveyDefinition,
    question: &Question,
    earlier: &[&Question],
    kpis: &BTreeSet<&str>,
) -> Vec<DefinitionProblem> {
    let mut problems = Vec::new();
    if question.id.trim().is_empty() {
        problems.push(DefinitionProblem::EmptyId);
    }
    if earlier.iter().any(|q| q.id == question.id) {
        problems.push(DefinitionProblem::DuplicateQuestionId);
    }
    for lang in missing(def, &question.text) {
        problems.push(untranslated(TextPart::Text, lang));
    }
    match &question.kind {
        QuestionKind::Smiley { points, .. } if *points != 3 && *points != 5 => {
            problems.push(DefinitionProblem::SmileyPoints(*points));
        }
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            if options.is_empty() {
                problems.push(DefinitionProblem::NoOptions);
            }
            let mut codes = BTreeSet::new();
            for option in options {
                if option.code.trim().is_empty() {
                    problems.push(DefinitionProblem::EmptyOptionCode);
                } else if !codes.insert(option.code.as_str()) {
                    problems.push(DefinitionProblem::DuplicateOptionCode(option.code.clone()));
                }
                for lang in missing(def, &option.label) {
                    problems.push(untranslated(TextPart::Option(option.code.clone()), lang));
                }
            }
        }
        _ => {}
    }
    if let Some(kpi) = &question.kpi {
        if !kpis.contains(kpi.as_str()) {
            problems.push(DefinitionProblem::UnknownKpi(kpi.clone()));
        }
    }
    if let Some(condition) = &question.show_if {
        let target = &condition.question;
        match earlier.iter().find(|q| &q.id == target) {
            Some(before) if !answer_fits(&before.kind, &condition.equals) => {
                problems.push(DefinitionProblem::ConditionValueNotPossible(target.clone()));
            }
            Some(_) => {}
            None if def.question(target).is_some() => {
                problems.push(DefinitionProblem::ConditionOnLaterQuestion(target.clone()));
            }
            None => problems.push(DefinitionProblem::ConditionOnUnknownQuestion(
                target.clone(),
            )),
        }
    }
    problems
}

/// Whether a condition may ask for `value` as the answer of a question of
/// `kind`. Several ticked codes or a text cannot be asked for.
fn answer_fits(kind: &QuestionKind, value: &Answer) -> bool {
    match value {
        Answer::Number(n) => kind
            .number_range()
            .is_some_and(|(min, max)| (min..=max).contains(n)),
        Answer::DontKnow => kind.allows_dont_know(),
        Answer::YesNo(_) => *kind == QuestionKind::YesNo,
        Answer::Choice(code) => kind.options().iter().any(|o| &o.code == code),
        Answer::Choices(_) | Answer::Text(_) => false,
    }
}

/// What is wrong with one answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerProblem {
    #[error("an answer is required")]
    Required,
    #[error("the survey has no such question")]
    UnknownQuestion,
    #[error("this kind of answer does not fit the question")]
    WrongKind,
    #[error("the answer must be from {min} to {max}")]
    OutOfRange { min: u8, max: u8 },
    #[error("'don't know' is not an option here")]
    DontKnowNotAllowed,
    #[error("option {0} does not exist")]
    UnknownCode(String),
    #[error("the text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("the text holds personal data ({0:?})")]
    PersonalData(PersonalData),
}

/// Why a response is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    #[error("the response answers another survey or version")]
    WrongSurvey,
    #[error("the survey is not offered in language {0}")]
    UnknownLanguage(String),
    #[error("question {question}: {problem}")]
    Answer {
        question: String,
        problem: AnswerProblem,
    },
}

/// Checks `response` against the definition it answers and returns it
/// cleaned: answers to questions hidden by their condition are dropped, open
/// texts are trimmed, an empty text or an empty set of ticks counts as no
/// answer, and ticked codes follow the order of the options.
pub fn validate_response(
    def: &SurveyDefinition,
    response: &ResponseContent,
) -> Result<ResponseContent, Vec<ResponseError>> {
    let mut errors = Vec::new();
    if response.survey_id != def.id || response.survey_version != def.version {
        errors.push(ResponseError::WrongSurvey);
    }
    if !def.languages.contains(&response.lang) {
        errors.push(ResponseError::UnknownLanguage(response.lang.clone()));
    }
    let mut kept: BTreeMap<String, Answer> = BTreeMap::new();
    for question in def.questions() {
        if !is_shown(question, &kept) {
            continue;
        }
        let fail = |problem| ResponseError::Answer {
            question: question.id.clone(),
            problem,
        };
        match response
            .answers
            .get(&question.id)
            .map(|a| clean(question, a))
        {
            Some(Ok(Some(answer))) => {
                kept.insert(question.id.clone(), answer);
            }
            Some(Err(problem)) => errors.push(fail(problem)),
            None | Some(Ok(None)) if question.required => {
                errors.push(fail(AnswerProblem::Required));
            }
            None | Some(Ok(None)) => {}
        }
    }
    for id in response.answers.keys() {
        if def.question(id).is_none() {
            errors.push(ResponseError::Answer {
                question: id.clone(),
                problem: AnswerProblem::UnknownQuestion,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ResponseContent {
        answers: kept,
        ..response.clone()
    })
}

/// The questions to show for the answers given so far, in order. A question
/// whose condition looks at a hidden question is hidden too.
pub fn shown_questions<'a>(
    def: &'a SurveyDefinition,
    answers: &BTreeMap<String, Answer>,
) -> Vec<&'a Question> {
    let mut shown = Vec::new();
    let mut visible: BTreeMap<String, Answer> = BTreeMap::new();
    for question in def.questions() {
        if is_shown(question, &visible) {
            if let Some(answer) = answers.get(&question.id) {
                visible.insert(question.id.clone(), answer.clone());
            }
            shown.push(question);
        }
    }
    shown
}

fn is_shown(question: &Question, earlier: &BTreeMap<String, Answer>) -> bool {
    question
        .show_if
        .as_ref()
        .is_none_or(|c| c.is_met(earlier.get(&c.question)))
}

/// The answer in its stored form; `Ok(None)` for an empty one.
fn clean(question: &Question, answer: &Answer) -> Result<Option<Answer>, AnswerProblem> {
    let kind = &question.kind;
    match (kind, answer) {
        (_, Answer::DontKnow) if kind.allows_dont_know() => Ok(Some(Answer::DontKnow)),
        (_, Answer::DontKnow) if kind.number_range().is_some() => {
            Err(AnswerProblem::DontKnowNotAllowed)
        }
        (_, Answer::Number(n)) => match kind.number_range() {
            Some((min, max)) if (min..=max).contains(n) => Ok(Some(answer.clone())),
            Some((min, max)) => Err(AnswerProblem::OutOfRange { min, max }),
            None => Err(AnswerProblem::WrongKind),
        },
        (QuestionKind::YesNo, Answer::YesNo(_)) => Ok(Some(answer.clone())),
        (QuestionKind::Single { options }, Answer::Choice(code)) => {
            if options.iter().any(|o| &o.code == code) {
                Ok(Some(answer.clone()))
            } else {
                Err(AnswerProblem::UnknownCode(code.clone()))
            }
        }
        (QuestionKind::Multiple { options }, Answer::Choices(codes)) => {
            if let Some(unknown) = codes
                .iter()
                .find(|c| !options.iter().any(|o| &o.code == *c))
            {
                return Err(AnswerProblem::UnknownCode(unknown.clone()));
            }
            let ticked: Vec<String> = options
                .iter()
                .filter(|o| codes.contains(&o.code))
                .map(|o| o.code.clone())
                .collect();
            Ok((!ticked.is_empty()).then_some(Answer::Choices(ticked)))
        }
        (QuestionKind::Open, Answer::Text(text)) => {
            let text = text.trim();
            if text.chars().count() > MAX_OPEN_CHARS {
                Err(AnswerProblem::TooLong {
                    max: MAX_OPEN_CHARS,
                })
            } else if let Some(kind) = privacy::find_personal_data(text) {
                // Quotes from open questions get published (seed 002).
                Err(AnswerProblem::PersonalData(kind))
            } else {
                Ok((!text.is_empty()).then(|| Answer::Text(text.to_owned())))
            }
        }
        _ => Err(AnswerProblem::WrongKind),
    }
}
