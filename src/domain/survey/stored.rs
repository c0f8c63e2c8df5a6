//! A survey version as a stored record: one record per (survey id, version),
//! so old versions stay beside the new ones and old responses stay readable.

use super::model::SurveyDefinition;
use crate::domain::migrate::{decode_current, Decoded, MigrationError};
use crate::domain::record::{Record, RecordId, RecordKind, RecordMeta};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const STORED_SURVEY_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSurvey {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub survey: SurveyDefinition,
}

impl StoredSurvey {
    pub fn new(
        survey: SurveyDefinition,
        id: RecordId,
        now: DateTime<Utc>,
        device_id: &str,
    ) -> Self {
        Self {
            meta: RecordMeta::new(
                RecordKind::SurveyDefinition,
                id,
                STORED_SURVEY_SCHEMA_VERSION,
                now,
                device_id,
            ),
            survey,
        }
    }
}

impl Record for StoredSurvey {
    const KIND: RecordKind = RecordKind::SurveyDefinition;
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
    fn occurred_at(&self) -> DateTime<Utc> {
        self.meta.created_at
    }
    fn from_stored(stored: &str) -> Result<Decoded<Self>, MigrationError> {
        decode_current(stored, STORED_SURVEY_SCHEMA_VERSION)
    }
}
