//! Record identity and bookkeeping shared by every kind of record.
//!
//! The metadata is what makes a later sync idempotent: a stable id made on
//! the device, a revision counter that only grows, and tombstones instead of
//! deletes. It must not know where records are stored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Identifier of a record: a UUID v7, so ids sort roughly by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Uuid);

impl RecordId {
    /// Builds a v7 id from the creation time and ten random bytes, both
    /// supplied by the caller so this stays deterministic under test.
    pub fn new_v7(unix_millis: u64, random: [u8; 10]) -> Self {
        Self(uuid::Builder::from_unix_timestamp_millis(unix_millis, &random).into_uuid())
    }
}

impl std::fmt::Display for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The kinds of record Wijkpeil stores; each has its own object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Contact,
    SurveyResponse,
    SurveyDefinition,
    Trajectory,
    Activity,
    Initiative,
    /// One of the organisation's own lists (`domain::org_list`).
    OrgList,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Contact,
        RecordKind::SurveyResponse,
        RecordKind::SurveyDefinition,
        RecordKind::Trajectory,
        RecordKind::Activity,
        RecordKind::Initiative,
        RecordKind::OrgList,
    ];

    /// The kind's name as stored in each record's `kind` field.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Contact => "contact",
            RecordKind::SurveyResponse => "survey_response",
            RecordKind::SurveyDefinition => "survey_definition",
            RecordKind::Trajectory => "trajectory",
            RecordKind::Activity => "activity",
            RecordKind::Initiative => "initiative",
            RecordKind::OrgList => "org_list",
        }
    }

    /// Name of the object store (and of the CouchDB doc type later on).
    pub fn store_name(self) -> &'static str {
        match self {
            RecordKind::Contact => "contacts",
            RecordKind::SurveyResponse => "survey_responses",
            RecordKind::SurveyDefinition => "surveys",
            RecordKind::Trajectory => "trajectories",
            RecordKind::Activity => "activities",
            RecordKind::Initiative => "initiatives",
            RecordKind::OrgList => "org_lists",
        }
    }
}

/// Bookkeeping carried by every record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    pub id: RecordId,
    pub kind: RecordKind,
    pub schema_version: u32,
    #[serde(with = "utc_millis")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "utc_millis")]
    pub updated_at: DateTime<Utc>,
    pub device_id: String,
    /// Starts at 1 and grows by one with every change, the delete included.
    pub revision: u32,
    /// A tombstone: the record is deleted but kept so the delete can sync.
    #[serde(default)]
    pub deleted: bool,
    /// The highest revision that left this device (export or sync). Local
    /// bookkeeping only: a record is pending while `revision` is above it.
    #[serde(default)]
    pub shipped_revision: u32,
    /// The last CouchDB `_rev` of this record that the server is known to
    /// hold (`domain::couch`), so a push can name its ancestry. Local
    /// bookkeeping only; absent until the record met a server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_rev: Option<String>,
}

impl RecordMeta {
    pub fn new(
        kind: RecordKind,
        id: RecordId,
        schema_version: u32,
        now: DateTime<Utc>,
        device_id: &str,
    ) -> Self {
        Self {
            id,
            kind,
            schema_version,
            created_at: now,
            updated_at: now,
            device_id: device_id.to_owned(),
            revision: 1,
            deleted: false,
            shipped_revision: 0,
            server_rev: None,
        }
    }

    /// Marks a change: the next revision, stamped with `now`.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.revision += 1;
        self.updated_at = now;
    }

    pub fn is_pending(&self) -> bool {
        self.revision > self.shipped_revision
    }
}

/// Timestamps as RFC 3339 in UTC with exactly three decimals, so that their
/// text sorts in time order (IndexedDB indexes compare the strings).
pub mod utc_millis {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn format(value: &DateTime<Utc>) -> String {
        value.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    pub fn serialize<S: Serializer>(value: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }
}

/// Dates as "2026-11-23", read by hand: chrono's own parser costs about 6 kB
/// of wasm, and survey responses keep nothing finer than a date.
pub mod ymd {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn format(date: &NaiveDate) -> String {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    }

    pub fn parse(text: &str) -> Option<NaiveDate> {
        let mut parts = text.split('-');
        let mut number = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
        };
        let (year, month, day) = (number(4)?, number(2)?, number(2)?);
        if parts.next().is_some() {
            return None;
        }
        NaiveDate::from_ymd_opt(year as i32, month, day)
    }

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom("not a date YYYY-MM-DD"))
    }
}
