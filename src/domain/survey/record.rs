//! A stored survey response: the response content in the one record model.
//!
//! Anonymity reaches into the bookkeeping too: the id is a random UUID v4
//! (a v7 id would carry the exact time), and created/updated are the response
//! date at midnight UTC, never the moment of filling in. Nothing here may hold
//! a time of day.

use super::response::ResponseContent;
use crate::domain::entry::{schema_version, Entry, EntryFields};
use crate::domain::record::{RecordId, RecordKind};
use chrono::{DateTime, NaiveTime, Utc};

pub const RESPONSE_SCHEMA_VERSION: u32 = schema_version::<ResponseContent>();

/// A stored response.
pub type SurveyResponse = Entry<ResponseContent>;

impl EntryFields for ResponseContent {
    const KIND: RecordKind = RecordKind::SurveyResponse;
}

/// A new response's id from sixteen random bytes (a v4 UUID).
pub fn response_id(random: [u8; 16]) -> RecordId {
    RecordId(uuid::Builder::from_random_bytes(random).into_uuid())
}

/// A new response. `random` are sixteen random bytes for the v4 id.
pub fn new_response(content: ResponseContent, random: [u8; 16], device_id: &str) -> SurveyResponse {
    response_with_id(response_id(random), content, device_id)
}

/// A new response under an id made by [`response_id`] (a sealed response
/// binds its id before it is stored).
pub fn response_with_id(id: RecordId, content: ResponseContent, device_id: &str) -> SurveyResponse {
    let day =
        DateTime::<Utc>::from_naive_utc_and_offset(content.date.and_time(NaiveTime::MIN), Utc);
    Entry::new(id, content, day, device_id)
}
