//! The one record model: bookkeeping plus the content of one kind (a
//! contact, a survey response or version, a trajectory, a group activity, an
//! initiative), stored flat as one JSON object.
//!
//! The kinds differ only in their content and its schema history, so they
//! share this one wrapper, its revision rules and its decoding. A deleted
//! record (a tombstone) keeps only what sync needs: its bookkeeping, never
//! its content.

use crate::domain::migrate::{decode_with_history, Decoded, MigrationError, Upgrade};
use crate::domain::record::{RecordId, RecordKind, RecordMeta};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The content of a kind of record. Its field names must not clash with
/// [`RecordMeta`]'s, as both are stored in one object (and each is read
/// from it ignoring the other's fields).
pub trait EntryFields: Clone + PartialEq + Serialize + DeserializeOwned {
    const KIND: RecordKind;
    /// The kind's schema history: `HISTORY[n - 1]` turns version `n` into
    /// `n + 1`. The current schema version is `HISTORY.len() + 1`; add a
    /// step to change the stored shape, never change it in place.
    const HISTORY: &'static [Upgrade] = &[];
    /// The moment the record is about, for the time index. By default the
    /// time of entry; a contact says when it took place.
    fn occurred_at(&self, meta: &RecordMeta) -> DateTime<Utc> {
        meta.created_at
    }
}

/// The current schema version of a kind's content.
pub const fn schema_version<F: EntryFields>() -> u32 {
    F::HISTORY.len() as u32 + 1
}

/// A stored record: metadata and content.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<F> {
    pub meta: RecordMeta,
    pub fields: F,
}

/// Both halves are read from the record's own JSON text, each ignoring the
/// other's fields: serde's `flatten` would buffer every value first, with
/// 7.5 kB more wasm in the volunteer app (docs/PERFORMANCE.md).
impl<'de, F: DeserializeOwned> Deserialize<'de> for Entry<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        // The message names the place in the record's text.
        let half = |e: serde_json::Error| D::Error::custom(e);
        Ok(Self {
            meta: serde_json::from_str(raw.get()).map_err(half)?,
            fields: serde_json::from_str(raw.get()).map_err(half)?,
        })
    }
}

/// A live record is written whole; a tombstone as its bookkeeping only, so
/// a deleted note or name does not travel on in exports and syncs.
impl<F: Serialize> Serialize for Entry<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Whole<'a, F> {
            #[serde(flatten)]
            meta: &'a RecordMeta,
            #[serde(flatten)]
            fields: &'a F,
        }
        if self.meta.deleted {
            self.meta.serialize(s)
        } else {
            Whole {
                meta: &self.meta,
                fields: &self.fields,
            }
            .serialize(s)
        }
    }
}

impl<F: EntryFields> Entry<F> {
    pub fn new(id: RecordId, fields: F, now: DateTime<Utc>, device_id: &str) -> Self {
        Self {
            meta: RecordMeta::new(F::KIND, id, schema_version::<F>(), now, device_id),
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
        next.meta.schema_version = schema_version::<F>();
        next
    }

    /// The next revision as a tombstone, kept so the delete can sync. Its
    /// content stays in memory only (for Undo); it is never stored.
    pub fn deleted(&self, now: DateTime<Utc>) -> Self {
        let mut next = self.clone();
        next.meta.touch(now);
        next.meta.deleted = true;
        next
    }
}

/// A record that a store can keep: an [`Entry`] of some kind. Stores are
/// generic over this so they need no knowledge of any kind's content.
pub trait Record: Clone + Serialize + DeserializeOwned {
    const KIND: RecordKind;
    fn meta(&self) -> &RecordMeta;
    fn meta_mut(&mut self) -> &mut RecordMeta;
    /// The moment the record is about, used for the time index.
    fn occurred_at(&self) -> DateTime<Utc>;
    /// Reads a stored live record (JSON text) of any schema version this app
    /// knows; a tombstone is `MigrationError::Tombstone`.
    fn from_stored(stored: &str) -> Result<Decoded<Self>, MigrationError>;
}

impl<F: EntryFields> Record for Entry<F> {
    const KIND: RecordKind = F::KIND;
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
    fn occurred_at(&self) -> DateTime<Utc> {
        self.fields.occurred_at(&self.meta)
    }
    fn from_stored(stored: &str) -> Result<Decoded<Self>, MigrationError> {
        decode_with_history(stored, F::KIND, F::HISTORY)
    }
}
