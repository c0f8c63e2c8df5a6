//! Where records and settings live: the `RecordStore` trait, its in-memory
//! and IndexedDB implementations, and the settings in localStorage.
//!
//! A store keeps records as they are and reports every failure as a
//! `StorageError`; it never validates content (the domain does) and never
//! shows anything (the UI does). A failed write leaves stored data as it was.

pub mod contract;
pub mod memory;

#[cfg(target_arch = "wasm32")]
pub mod at_rest;
#[cfg(target_arch = "wasm32")]
pub mod indexeddb;
#[cfg(all(target_arch = "wasm32", any(feature = "lock", staff_texts)))]
pub mod key_store;
#[cfg(target_arch = "wasm32")]
pub mod settings_store;

use crate::domain::entry::Record;
use crate::domain::import::Incoming;
use crate::domain::merge::{judge, Verdict};
use crate::domain::record::{RecordId, RecordKind};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

/// Why a store operation failed. Each is shown to the user as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("the device's storage is full")]
    QuotaExceeded,
    #[error("this browser offers no local database here: {0}")]
    Unavailable(String),
    #[error("another tab holds an older version of the database open")]
    Blocked,
    #[error("the database was made by a newer version of Wijkpeil")]
    NewerVersion,
    #[error("another tab updated the database; this page must be reloaded")]
    Closed,
    #[error("the record was changed elsewhere in the meantime")]
    Conflict,
    #[error("the record does not exist")]
    NotFound,
    #[error("a stored record cannot be read: {0}")]
    Corrupt(String),
    #[error("the database refused the change: {0}")]
    Failed(String),
}

/// Counts for the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StoreStats {
    /// Records that are not tombstones.
    pub live: u32,
    /// Tombstones: deleted records kept (without content) so the delete
    /// can sync. An export holds `live + deleted + unreadable` records.
    pub deleted: u32,
    /// Records (tombstones included) with changes that have not left the
    /// device by export or sync.
    pub pending: u32,
    /// Stored records this version cannot read; kept, never deleted.
    pub unreadable: u32,
}

/// A store of records, one collection per `RecordKind`.
///
/// Futures are not `Send`: IndexedDB lives on the browser's one thread.
#[allow(async_fn_in_trait)]
pub trait RecordStore {
    /// Stores a new record. `Conflict` if its id exists already.
    async fn insert<R: Record>(&self, record: &R) -> Result<(), StorageError>;

    /// Stores the next revision of a record: its revision must be exactly one
    /// above the stored one, else `Conflict` (someone else changed it). The
    /// stored `shipped_revision` is kept when it is higher (an export may
    /// have happened since the caller read the record).
    async fn update<R: Record>(&self, record: &R) -> Result<(), StorageError>;

    async fn get<R: Record>(&self, id: RecordId) -> Result<Option<R>, StorageError>;

    /// Every record of a kind, tombstones included, oldest `occurred_at` first.
    /// Free text encrypted at rest stays so (`storage::at_rest`): read a
    /// record by its id (`get`) to show or edit its text. (`list_between`
    /// opens it.)
    async fn list<R: Record>(&self) -> Result<Vec<R>, StorageError>;

    /// Records with `from <= occurred_at < to`, tombstones included, in time
    /// order.
    async fn list_between<R: Record>(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<R>, StorageError>;

    /// Every stored record of a kind as JSON text, tombstones and records
    /// this version cannot read included: an export is a full copy.
    async fn list_raw(&self, kind: RecordKind) -> Result<Vec<String>, StorageError>;

    /// Every stored record of a kind in one JSON array text with only the
    /// members named in `fields` (at every level, as `JSON.stringify`'s
    /// list of names keeps them), tombstones and unreadable records
    /// included, free text as stored: for a reader that keeps a few fields
    /// of every record (the report), one short text instead of a whole
    /// text per record.
    async fn stored_array(&self, kind: RecordKind, fields: &[&str])
        -> Result<String, StorageError>;

    /// Records that these revisions have left the device (export, sync).
    /// A record changed since keeps counting as pending. In lots of a
    /// transaction each: a failure half-way leaves the lots before it
    /// marked (they did leave), the rest pending.
    async fn mark_shipped(
        &self,
        kind: RecordKind,
        shipped: &[(RecordId, u32)],
    ) -> Result<(), StorageError>;

    /// Records that these revisions are on the sync server, as these
    /// CouchDB `_rev`s (`(id, revision, rev)`): `shipped_revision` is raised
    /// as by `mark_shipped`, and the `_rev` becomes the record's
    /// `server_rev` unless it knows a later one. Default durability: lost in
    /// a power cut, the records are pushed again, which the server ignores.
    async fn mark_synced(
        &self,
        kind: RecordKind,
        synced: &[(RecordId, u32, String)],
    ) -> Result<(), StorageError>;

    /// Removes records of `kind` from this device because the sync server
    /// keeps them (the retention of `service::retention`): each only while
    /// it is still at the given revision, on the server and without a
    /// change since. Not a delete: no tombstone, nothing to sync. Returns
    /// how many were removed.
    async fn remove_synced(
        &self,
        kind: RecordKind,
        records: &[(RecordId, u32)],
    ) -> Result<u32, StorageError>;

    /// Stored records of `kind` as JSON text (as `list_raw`), a page at a
    /// time: the records with changes that did not leave the device, or
    /// every record in id order after a given id.
    async fn raw_page(
        &self,
        kind: RecordKind,
        page: RawPage<'_>,
    ) -> Result<Vec<String>, StorageError>;

    /// A value the sync keeps between runs (where a pull ended, the
    /// server's settings), by key; `None` when never set.
    async fn sync_state(&self, key: &str) -> Result<Option<String>, StorageError>;

    /// Sets (or with `None` removes) a sync value.
    async fn set_sync_state(&self, key: &str, value: Option<&str>) -> Result<(), StorageError>;

    /// Counts for one kind of record.
    async fn kind_stats(&self, kind: RecordKind) -> Result<StoreStats, StorageError>;

    /// Live survey responses stored here that were handed out at the group
    /// activity `activity` (its id): an activity's screen asks.
    async fn responses_at(&self, activity: &str) -> Result<u32, StorageError> {
        let responses: Vec<crate::domain::survey::SurveyResponse> = self.list().await?;
        Ok(responses
            .iter()
            .filter(|r| r.fields.activity.as_deref() == Some(activity))
            .count() as u32)
    }

    /// Live survey responses stored here for `survey_id`, and how many of
    /// them have changes that did not leave the device: every survey card
    /// asks, after every change, so stores make it cheap.
    async fn response_count(&self, survey_id: &str) -> Result<(u32, u32), StorageError> {
        let responses: Vec<crate::domain::survey::SurveyResponse> = self.list().await?;
        // `list` reads live records only.
        let of_survey = responses.iter().filter(|r| r.fields.survey_id == survey_id);
        Ok(of_survey.fold((0, 0), |(stored, pending), r| {
            (stored + 1, pending + u32::from(r.meta.is_pending()))
        }))
    }

    /// What the merge rule (`domain::merge`) decides for each incoming
    /// record of `kind` against what is stored, in order; writes nothing
    /// (an import's preview).
    async fn judge(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
    ) -> Result<Vec<Verdict>, StorageError>;

    /// Merges incoming records of `kind` in one transaction, each by the
    /// merge rule decided inside that transaction: new and newer ones are
    /// written, conflicting ones are kept aside (`conflict_count`), the
    /// rest is left. All or nothing: a failure writes none of the batch.
    /// With `from_server`, taken records count as synced, else as pending.
    /// Written with the default durability: a batch that is lost in a power
    /// cut is imported or pulled again.
    async fn merge(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
        from_server: bool,
    ) -> Result<Vec<Verdict>, StorageError>;

    /// `merge` of `incoming` in batches of `batch` records, one after the
    /// other, each in its own transaction, all or nothing; `merged` hears
    /// each batch's verdicts once that batch is stored. A failure stops
    /// there: the batches before it are stored, the failed one is not. A
    /// store may make the next batch ready while the one before is being
    /// stored.
    async fn merge_batches(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
        batch: usize,
        from_server: bool,
        merged: &mut dyn FnMut(Vec<Verdict>),
    ) -> Result<(), StorageError> {
        for records in incoming.chunks(batch.max(1)) {
            merged(self.merge(kind, records, from_server).await?);
        }
        Ok(())
    }

    /// Versions kept aside by `merge` because they conflict with the stored
    /// record (same revision, other content), waiting for a person to pick.
    async fn conflict_count(&self) -> Result<u32, StorageError>;

    /// Every version kept aside, with the stored record it conflicts with,
    /// for a person to choose between.
    async fn kept_versions(&self) -> Result<Vec<KeptVersion>, StorageError>;

    /// Settles a conflict: stores `chosen` (the stored version's content or
    /// a kept one's) as the next revision of the record (`merge::resolution`,
    /// pending, durable as a save) and removes every version of it kept
    /// aside, in one transaction. `Conflict` when the stored record changed
    /// since it was shown (`stored_revision`).
    async fn resolve(
        &self,
        kind: RecordKind,
        id: RecordId,
        stored_revision: u32,
        chosen: &Map<String, Value>,
        updated_at: &str,
    ) -> Result<(), StorageError>;

    /// Records of every kind with changes that did not leave the device:
    /// the header's count, asked after every save, so stores make it cheap.
    async fn pending_count(&self) -> Result<u32, StorageError> {
        Ok(self.stats().await?.pending)
    }

    /// Counts over every kind of record.
    async fn stats(&self) -> Result<StoreStats, StorageError> {
        let mut total = StoreStats::default();
        for kind in RecordKind::ALL {
            let stats = self.kind_stats(kind).await?;
            total.live += stats.live;
            total.deleted += stats.deleted;
            total.pending += stats.pending;
            total.unreadable += stats.unreadable;
        }
        Ok(total)
    }
}

/// A version of a record kept aside by `merge`, beside the stored one.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptVersion {
    pub kind: RecordKind,
    pub id: RecordId,
    /// The stored record (as JSON), `None` if it is no longer there.
    pub stored: Option<Map<String, Value>>,
    /// The version kept aside.
    pub kept: Map<String, Value>,
}

/// The range of `conflict_key`s of one record: every version of it kept.
pub(crate) fn conflict_prefix(kind: RecordKind, id: RecordId) -> String {
    format!("{}/{id}/", kind.name())
}

/// Which stored records `raw_page` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawPage<'a> {
    /// Records with changes that did not leave the device: of the first
    /// `limit` of them, those not in `leaving_out` (a batch still on its
    /// way to the server, left out before anything is made of it).
    Pending {
        limit: u32,
        leaving_out: &'a std::collections::HashSet<RecordId>,
    },
    /// Every record with an id above `after` (from the first when `None`),
    /// in id order, at most `limit`.
    After { after: Option<RecordId>, limit: u32 },
}

/// Whether a stored record (JSON) is pending: changed since it last left
/// the device.
pub(crate) fn is_pending(object: &Map<String, Value>) -> bool {
    let number = |key: &str| object.get(key).and_then(Value::as_u64).unwrap_or(0);
    number("revision") > number("shipped_revision")
}

/// Whether a stored record may leave this device for retention: still at
/// `revision`, not pending, and known to be on the sync server.
pub(crate) fn removable(object: &Map<String, Value>, revision: u32) -> bool {
    object.get("revision").and_then(Value::as_u64) == Some(u64::from(revision))
        && !is_pending(object)
        && object.get("server_rev").is_some_and(Value::is_string)
}

/// The later of two known server `_rev`s of one record (by revision
/// number; the first on a tie).
pub(crate) fn later_server_rev(a: Option<String>, b: Option<String>) -> Option<String> {
    use crate::domain::couch::Rev;
    let number = |rev: &Option<String>| {
        rev.as_deref()
            .and_then(Rev::parse)
            .map_or(0, |r| r.revision)
    };
    if number(&b) > number(&a) {
        b
    } else {
        a.or(b)
    }
}

/// `mark_synced` on one stored record in its JSON form; shared by both
/// stores.
pub(crate) fn raise_synced(object: &mut Map<String, Value>, revision: u32, rev: &str) {
    use crate::domain::couch::SERVER_REV;
    raise_shipped(object, revision);
    let known = object
        .get(SERVER_REV)
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(rev) = later_server_rev(known, Some(rev.to_string())) {
        object.insert(SERVER_REV.into(), Value::from(rev));
    }
}

/// The checks `update` makes, shared by both stores so they agree.
pub(crate) fn check_next_revision(stored: Option<u32>, next: u32) -> Result<(), StorageError> {
    match stored {
        None => Err(StorageError::NotFound),
        Some(current) if next == current + 1 => Ok(()),
        Some(_) => Err(StorageError::Conflict),
    }
}

/// Sorts by `occurred_at`, then id, so both stores list in the same order.
pub(crate) fn sort_by_time<R: Record>(records: &mut [R]) {
    records.sort_by_key(|r| (r.occurred_at(), r.meta().id));
}

/// Raises a stored record's `shipped_revision` to `revision` (never lowers
/// it), in its JSON form; both stores mark exports this way.
pub(crate) fn raise_shipped(
    object: &mut serde_json::Map<String, serde_json::Value>,
    revision: u32,
) {
    let current = object
        .get("shipped_revision")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    object.insert(
        "shipped_revision".into(),
        serde_json::Value::from(current.max(u64::from(revision))),
    );
}

/// What `merge` does with one incoming record against the stored one
/// (`None`: not on this device): the verdict, and the object to store when
/// the record is taken. Shared by both stores so they agree.
pub(crate) fn merge_step(
    stored: Option<&Map<String, Value>>,
    incoming: &Incoming,
    from_server: bool,
) -> (Verdict, Option<Map<String, Value>>) {
    let verdict = judge(stored, &incoming.record);
    if !verdict.is_taken() {
        return (verdict, None);
    }
    let mut record = incoming.record.clone();
    let here = stored
        .and_then(|s| s.get("shipped_revision"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let shipped = if from_server {
        u64::from(incoming.meta.revision)
    } else {
        here
    };
    record.insert("shipped_revision".into(), Value::from(shipped));
    (verdict, Some(record))
}

/// The key a kept conflicting version is stored under: the record's kind,
/// id and revision and a digest of its content, so the same version kept
/// twice (a file imported twice) is one entry.
pub(crate) fn conflict_key(kind: RecordKind, incoming: &Incoming) -> String {
    // FNV-1a over the record's text; the map's keys are sorted, so equal
    // content gives equal text.
    let text = Value::Object(incoming.record.clone()).to_string();
    let digest = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!(
        "{}/{}/{}/{digest:016x}",
        kind.name(),
        incoming.meta.id,
        incoming.meta.revision
    )
}
