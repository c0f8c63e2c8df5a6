//! One resident's filled-in survey, as plain data.
//!
//! Responses are anonymous: there is no field for a name, a contact detail, a
//! trajectory code or a device, and only the date is kept, not the time, so a
//! response cannot be matched to a visit by its timestamp. A response names the
//! survey id and version it answered, so it stays readable after the survey
//! changes. Record bookkeeping (id, revision) is added by the store.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The content of one response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseContent {
    pub survey_id: String,
    pub survey_version: u32,
    #[serde(with = "crate::domain::record::ymd")]
    pub date: NaiveDate,
    /// The language the resident answered in.
    pub lang: String,
    /// Answers by question id. Unanswered questions are absent.
    pub answers: BTreeMap<String, Answer>,
    /// Where the survey was taken (a location code), so that the report can
    /// give marks per location, as the jaarbeeld does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// How the resident was helped (a channel code), for marks per channel
    /// (seed 000: phone callers 8, wijkplein visitors 9.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The group activity the questionnaire was handed out at (its record
    /// id), for "questionnaires per activity" (seed 002: 416 from 30
    /// activities). It names a meeting series, never a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// The answers and language, encrypted for the organisation
    /// (`super::sealed`); then `answers` is empty and `lang` too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<super::sealed::Sealed>,
}

impl ResponseContent {
    /// An empty response to `survey_id` version `survey_version`.
    pub fn new(survey_id: &str, survey_version: u32, date: NaiveDate, lang: &str) -> Self {
        Self {
            survey_id: survey_id.to_owned(),
            survey_version,
            date,
            lang: lang.to_owned(),
            answers: BTreeMap::new(),
            location: None,
            channel: None,
            activity: None,
            sealed: None,
        }
    }
}

/// One answer. What a number means depends on the question's kind: a mark
/// 1–10, an agree point 1–5, a smiley 1–3 or 1–5, a recommendation 0–10.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Number(u8),
    /// "Weet niet / n.v.t.": answered, but left out of every mean.
    DontKnow,
    YesNo(bool),
    /// The code of the option chosen.
    Choice(String),
    /// The codes of the options ticked, in the order of the options.
    Choices(Vec<String>),
    Text(String),
}
