//! The shape of a survey definition: plain serde data, no behaviour beyond
//! small lookups.
//!
//! A definition is what a coordinator edits and what a tablet shows. Texts are
//! `Localized` data; ids and codes are stable and never shown. Fields added in
//! later versions of this format carry `#[serde(default)]`, so a definition
//! stored by an older app still reads.

use crate::domain::taxonomy::Localized;
use serde::{Deserialize, Serialize};

/// Whether a version can still change. A published version is frozen:
/// changing it makes the next version (see `edit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    #[default]
    Draft,
    Published,
}

/// One version of one survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDefinition {
    /// Stable over all versions of this survey.
    pub id: String,
    /// Starts at 1; grows by one for every edit of a published version.
    pub version: u32,
    #[serde(default)]
    pub status: SurveyStatus,
    /// Language codes the survey is offered in; the first is the default.
    /// Every text must exist in each of them.
    pub languages: Vec<String>,
    /// The languages whose texts nobody who speaks them natively has
    /// checked yet (a machine's or a learner's translation). The survey
    /// editor says so beside them until a coordinator marks them checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unchecked_languages: Vec<String>,
    pub title: Localized,
    #[serde(default, skip_serializing_if = "is_empty_text")]
    pub intro: Localized,
    /// Labels of the KPI codes that questions are tagged with (seed 002).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    pub sections: Vec<Section>,
    /// How many residents were invited; 0 when unknown. Gives the response
    /// rate ("18 ingevuld = 12,8% respons").
    #[serde(default)]
    pub invited: u32,
}

/// A KPI that questions can be tagged with, and its label for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kpi {
    pub code: String,
    pub label: Localized,
}

/// A group of questions shown together. With a `theme`, its statements are
/// scored as that theme (seed 001); the section title is the theme's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Unique within the survey, stable over versions: responses key their
    /// answers by it.
    pub id: String,
    pub text: Localized,
    pub kind: QuestionKind,
    #[serde(default)]
    pub required: bool,
    /// A KPI code from `SurveyDefinition::kpis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<String>,
    /// Shown only when an earlier question has this answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// What kind of answer a question takes. Numbers are stored as given; the
/// conversion to a mark lives in `scoring`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Rapportcijfer: a whole mark from 1 to 10.
    Mark,
    /// Five points from 1 "helemaal oneens" to 5 "helemaal eens", optionally
    /// with "weet niet / n.v.t.".
    Agree {
        #[serde(default)]
        dont_know: bool,
    },
    /// Smileys from 1 (sad) to `points` (happy); `points` is 3 or 5.
    Smiley {
        points: u8,
        #[serde(default)]
        dont_know: bool,
    },
    YesNo,
    Single {
        options: Vec<Choice>,
    },
    Multiple {
        options: Vec<Choice>,
    },
    /// "How likely is it that you recommend us?" from 0 to 10 (NPS).
    Recommend,
    Open,
}

impl QuestionKind {
    /// The range of a numeric answer, or `None` for kinds without numbers.
    pub fn number_range(&self) -> Option<(u8, u8)> {
        match self {
            QuestionKind::Mark => Some((1, 10)),
            QuestionKind::Agree { .. } => Some((1, 5)),
            QuestionKind::Smiley { points, .. } => Some((1, *points)),
            QuestionKind::Recommend => Some((0, 10)),
            _ => None,
        }
    }

    pub fn allows_dont_know(&self) -> bool {
        matches!(
            self,
            QuestionKind::Agree { dont_know: true }
                | QuestionKind::Smiley {
                    dont_know: true,
                    ..
                }
        )
    }

    pub fn options(&self) -> &[Choice] {
        match self {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => options,
            _ => &[],
        }
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub label: Localized,
    /// An emoji or icon name shown next to the label, for readers who lean on
    /// pictures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pictogram: Option<String>,
}

/// "Show this question only when question `question` was answered with
/// `equals`". For a multiple-choice question, `equals` is one code
/// (`Answer::Choice`) and matches when that code was among those ticked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub equals: super::response::Answer,
}

impl Condition {
    /// Whether `answer` (the answer given to `self.question`, if any) meets
    /// the condition. No answer never meets it.
    pub fn is_met(&self, answer: Option<&super::response::Answer>) -> bool {
        use super::response::Answer;
        match (&self.equals, answer) {
            (_, None) => false,
            (Answer::Choice(code), Some(Answer::Choices(given))) => given.contains(code),
            (wanted, Some(given)) => wanted == given,
        }
    }
}

impl SurveyDefinition {
    /// The default language: the first listed, else Dutch.
    pub fn default_lang(&self) -> &str {
        self.languages.first().map_or("nl", String::as_str)
    }

    /// Whether `lang`'s texts were checked by a native speaker (the default
    /// language is the original, never a translation).
    pub fn is_checked(&self, lang: &str) -> bool {
        lang == self.default_lang() || !self.unchecked_languages.iter().any(|l| l == lang)
    }

    /// Marks `lang`'s texts checked or not, keeping the list in the order of
    /// `languages` and holding only languages the survey has.
    pub fn set_checked(&mut self, lang: &str, checked: bool) {
        self.unchecked_languages.retain(|l| l != lang);
        if !checked && lang != self.default_lang() && self.languages.iter().any(|l| l == lang) {
            self.unchecked_languages.push(lang.to_owned());
        }
        let order = &self.languages;
        self.unchecked_languages
            .sort_by_key(|l| order.iter().position(|o| o == l));
    }

    /// Every text of the survey with where it is ("title", "q:<id>",
    /// "o:<question>:<code>"), to change all of them in one language.
    fn texts_mut(&mut self) -> Vec<(String, &mut Localized)> {
        let mut all = vec![
            ("title".to_owned(), &mut self.title),
            ("intro".to_owned(), &mut self.intro),
        ];
        all.extend(
            self.kpis
                .iter_mut()
                .map(|k| (format!("k:{}", k.code), &mut k.label)),
        );
        for section in &mut self.sections {
            all.push((format!("s:{}", section.id), &mut section.title));
            for question in &mut section.questions {
                let id = question.id.clone();
                all.push((format!("q:{id}"), &mut question.text));
                if let QuestionKind::Single { options } | QuestionKind::Multiple { options } =
                    &mut question.kind
                {
                    all.extend(
                        options
                            .iter_mut()
                            .map(|o| (format!("o:{id}:{}", o.code), &mut o.label)),
                    );
                }
            }
        }
        all
    }

    /// Stops offering `lang` (never the survey's own, the first): it leaves
    /// the list and its texts leave the survey, so a link that carries the
    /// survey is shorter (a QR code holds only so much).
    pub fn drop_language(&mut self, lang: &str) {
        if lang == self.default_lang() {
            return;
        }
        self.languages.retain(|l| l != lang);
        self.unchecked_languages.retain(|l| l != lang);
        for (_, text) in self.texts_mut() {
            text.0.remove(lang);
        }
    }

    /// Offers `lang` again with its texts as `from` has them (the survey as
    /// it was before `drop_language`), in `from`'s place in the list and
    /// as checked as it was there; texts `from` lacks stay missing, for
    /// validation to name.
    pub fn restore_language(&mut self, lang: &str, from: &SurveyDefinition) {
        if self.languages.iter().any(|l| l == lang) {
            return;
        }
        self.languages.push(lang.to_owned());
        let order = &from.languages;
        self.languages
            .sort_by_key(|l| order.iter().position(|o| o == l).unwrap_or(usize::MAX));
        let mut theirs = from.clone();
        let source: std::collections::BTreeMap<String, &mut Localized> =
            theirs.texts_mut().into_iter().collect();
        for (place, target) in self.texts_mut() {
            if let Some(value) = source.get(&place).and_then(|t| t.0.get(lang)) {
                target.0.insert(lang.to_owned(), value.clone());
            }
        }
        self.set_checked(lang, from.is_checked(lang));
    }

    /// `text` in `lang` when the survey offers it, else in the survey's
    /// default language.
    pub fn text<'a>(&self, text: &'a Localized, lang: &str) -> &'a str {
        let lang = if self.languages.iter().any(|l| l == lang) {
            lang
        } else {
            self.default_lang()
        };
        text.0
            .get(lang)
            .filter(|t| !t.is_empty())
            .map_or_else(|| text.get(self.default_lang()), String::as_str)
    }

    /// Every question in the order shown.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// The theme of the section holding question `id`.
    pub fn theme_of(&self, id: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.questions.iter().any(|q| q.id == id))
            .and_then(|s| s.theme.as_deref())
    }

    /// The label of a theme: the title of the first section with it.
    pub fn theme_label(&self, theme: &str) -> Option<&Localized> {
        self.sections
            .iter()
            .find(|s| s.theme.as_deref() == Some(theme))
            .map(|s| &s.title)
    }

    pub fn kpi_label(&self, code: &str) -> Option<&Localized> {
        self.kpis.iter().find(|k| k.code == code).map(|k| &k.label)
    }
}

fn is_empty_text(text: &Localized) -> bool {
    text.0.values().all(|t| t.trim().is_empty())
}
