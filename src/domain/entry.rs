//! A coordinator's record: bookkeeping plus the content of one kind
//! (a trajectory, a group activity, an initiative), stored flat as one JSON
//! object. The kinds differ only in their content, so they share this one
//! wrapper and its revision rules instead of each writing its own.

use crate::domain::migrate::{decode_current, Decoded, MigrationError};
use crate::domain::record::{Record, RecordId, RecordKind, RecordMeta};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The content of a kind of record kept as an [`Entry`]. Its field names
/// must not clash with [`RecordMeta`]'s, as both are flattened into one
/// object.
pub trait EntryFields: Clone + PartialEq + Serialize + DeserializeOwned {
    const KIND: RecordKind;
    /// Schema version of the stored content; a newer stored version is
    /// refused (the app needs an update), never guessed at.
    const SCHEMA_VERSION: u32;
}

/// A stored record: metadata and content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "F: Serialize", deserialize = "F: DeserializeOwned"))]
pub struct Entry<F> {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub fields: F,
}

impl<F: EntryFields> Entry<F> {
    pub fn new(id: RecordId, fields: F, now: DateTime<Utc>, device_id: &str) -> Self {
        Self {
            meta: RecordMeta::new(F::KIND, id, F::SCHEMA_VERSION, now, device_id),
            fields,
        }
    }

    /// The next revision with new content.
    pub fn revised(&self, fields: F, now: DateTime<Utc>) -> Self {
        let mut next = Self {
            meta: self.meta.clone(),
            fields,
        };
        next.meta.touch(now);
        next
    }

    /// The next revision as a tombstone (kept so the delete can sync).
    pub fn deleted(&self, now: DateTime<Utc>) -> Self {
        let mut next = self.clone();
        next.meta.touch(now);
        next.meta.deleted = true;
        next
    }
}

impl<F: EntryFields> Record for Entry<F> {
    const KIND: RecordKind = F::KIND;
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
    /// The time of entry: these records carry their own dates (start,
    /// meetings) in their content, which reports filter on.
    fn occurred_at(&self) -> DateTime<Utc> {
        self.meta.created_at
    }
    fn from_stored(stored: &str) -> Result<Decoded<Self>, MigrationError> {
        decode_current(stored, F::SCHEMA_VERSION)
    }
}
