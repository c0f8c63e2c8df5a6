//! A survey version as a stored record: one record per (survey id, version),
//! so old versions stay beside the new ones and old responses stay readable.

use super::model::SurveyDefinition;
use crate::domain::entry::{schema_version, Entry, EntryFields};
use crate::domain::record::RecordKind;
use serde::{Deserialize, Serialize};

pub const STORED_SURVEY_SCHEMA_VERSION: u32 = schema_version::<SurveyVersion>();

/// The content of a stored survey version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyVersion {
    pub survey: SurveyDefinition,
}

impl EntryFields for SurveyVersion {
    const KIND: RecordKind = RecordKind::SurveyDefinition;
}

/// A stored survey version.
pub type StoredSurvey = Entry<SurveyVersion>;
