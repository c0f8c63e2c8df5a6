//! A stored survey response: the response content plus record bookkeeping.
//!
//! Anonymity reaches into the bookkeeping too: the id is a random UUID v4
//! (a v7 id would carry the exact time), and created/updated are the response
//! date at midnight UTC, never the moment of filling in. Nothing here may hold
//! a time of day.

use super::response::ResponseContent;
use crate::domain::migrate::{decode_current, Decoded, MigrationError};
use crate::domain::record::{Record, RecordId, RecordKind, RecordMeta};
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

pub const RESPONSE_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyResponse {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub content: ResponseContent,
}

impl SurveyResponse {
    /// A new response. `random` are sixteen random bytes for the v4 id.
    pub fn new(content: ResponseContent, random: [u8; 16], device_id: &str) -> Self {
        let id = RecordId(uuid::Builder::from_random_bytes(random).into_uuid());
        let day =
            DateTime::<Utc>::from_naive_utc_and_offset(content.date.and_time(NaiveTime::MIN), Utc);
        Self {
            meta: RecordMeta::new(
                RecordKind::SurveyResponse,
                id,
                RESPONSE_SCHEMA_VERSION,
                day,
                device_id,
            ),
            content,
        }
    }
}

impl Record for SurveyResponse {
    const KIND: RecordKind = RecordKind::SurveyResponse;
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
        decode_current(stored, RESPONSE_SCHEMA_VERSION)
    }
}
