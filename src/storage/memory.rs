//! An in-memory `RecordStore`: the reference the IndexedDB store is held to
//! by the shared contract tests, and a fast store for native tests.
//!
//! Records are kept as serialized JSON, as in IndexedDB, so serde round trips
//! and migrations run here too. `fail_next_write` injects a storage fault.

use super::conflict_prefix;
use super::{
    check_next_revision, conflict_key, is_pending, later_server_rev, merge_step, raise_shipped,
    raise_synced, removable, sort_by_time, KeptVersion, RawPage, RecordStore, StorageError,
    StoreStats,
};
use crate::domain::entry::Record;
use crate::domain::import::Incoming;
use crate::domain::merge::resolution;
use crate::domain::merge::{judge, Verdict};
use crate::domain::migrate::MigrationError;
use crate::domain::record::{RecordId, RecordKind};
use chrono::{DateTime, Utc};
use serde_json::Map;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct MemoryStore {
    records: RefCell<BTreeMap<(&'static str, RecordId), Value>>,
    conflicts: RefCell<BTreeMap<String, Value>>,
    sync_state: RefCell<BTreeMap<String, String>>,
    next_write_fails: RefCell<Option<StorageError>>,
    writes: Cell<u32>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the next write fail with `error`, as a full disk would.
    pub fn fail_next_write(&self, error: StorageError) {
        *self.next_write_fails.borrow_mut() = Some(error);
    }

    /// Stores a raw value as an older app version would have written it.
    pub fn put_raw(&self, kind: RecordKind, id: RecordId, value: Value) {
        self.records
            .borrow_mut()
            .insert((kind.store_name(), id), value);
    }

    /// How many writes succeeded (for tests that prove nothing was written).
    pub fn successful_writes(&self) -> u32 {
        self.writes.get()
    }

    fn injected_fault(&self) -> Result<(), StorageError> {
        match self.next_write_fails.borrow_mut().take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    fn decode_all<R: Record>(&self) -> Vec<R> {
        let mut out: Vec<R> = self
            .records
            .borrow()
            .iter()
            .filter(|((store, _), _)| *store == R::KIND.store_name())
            .filter_map(|(_, value)| R::from_stored(&value.to_string()).ok())
            .map(|decoded| decoded.record)
            .collect();
        sort_by_time(&mut out);
        out
    }

    fn write<R: Record>(&self, record: &R) -> Result<(), StorageError> {
        let value =
            serde_json::to_value(record).map_err(|e| StorageError::Failed(e.to_string()))?;
        self.records
            .borrow_mut()
            .insert((R::KIND.store_name(), record.meta().id), value);
        self.writes.set(self.writes.get() + 1);
        Ok(())
    }
}

impl RecordStore for MemoryStore {
    async fn insert<R: Record>(&self, record: &R) -> Result<(), StorageError> {
        self.injected_fault()?;
        let key = (R::KIND.store_name(), record.meta().id);
        if self.records.borrow().contains_key(&key) {
            return Err(StorageError::Conflict);
        }
        self.write(record)
    }

    async fn update<R: Record>(&self, record: &R) -> Result<(), StorageError> {
        self.injected_fault()?;
        // Read as stored, not decoded: a tombstone has no content to decode.
        let stored = self
            .records
            .borrow()
            .get(&(R::KIND.store_name(), record.meta().id))
            .cloned();
        let number = |key: &str| {
            stored
                .as_ref()
                .and_then(|v| v.get(key))
                .and_then(Value::as_u64)
                .map(|n| n as u32)
        };
        let shipped = number("shipped_revision").unwrap_or(0);
        check_next_revision(number("revision"), record.meta().revision)?;
        let stored_rev = stored
            .as_ref()
            .and_then(|v| v.get("server_rev"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let mut record = record.clone();
        let meta = record.meta_mut();
        meta.shipped_revision = meta.shipped_revision.max(shipped);
        meta.server_rev = later_server_rev(meta.server_rev.take(), stored_rev);
        self.write(&record)
    }

    async fn get<R: Record>(&self, id: RecordId) -> Result<Option<R>, StorageError> {
        let value = self
            .records
            .borrow()
            .get(&(R::KIND.store_name(), id))
            .cloned();
        match value {
            Some(v) => decode_live(&v.to_string()),
            None => Ok(None),
        }
    }

    async fn list<R: Record>(&self) -> Result<Vec<R>, StorageError> {
        Ok(self.decode_all())
    }

    async fn list_between<R: Record>(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<R>, StorageError> {
        let mut all: Vec<R> = self.decode_all();
        all.retain(|r| r.occurred_at() >= from && r.occurred_at() < to);
        Ok(all)
    }

    async fn list_raw(&self, kind: RecordKind) -> Result<Vec<String>, StorageError> {
        Ok(self
            .records
            .borrow()
            .iter()
            .filter(|((store, _), _)| *store == kind.store_name())
            .map(|(_, value)| value.to_string())
            .collect())
    }

    async fn stored_array(
        &self,
        kind: RecordKind,
        fields: &[&str],
    ) -> Result<String, StorageError> {
        fn keep(value: &Value, fields: &[&str]) -> Value {
            match value {
                Value::Object(object) => Value::Object(
                    object
                        .iter()
                        .filter(|(name, _)| fields.contains(&name.as_str()))
                        .map(|(name, value)| (name.clone(), keep(value, fields)))
                        .collect(),
                ),
                Value::Array(items) => {
                    Value::Array(items.iter().map(|v| keep(v, fields)).collect())
                }
                other => other.clone(),
            }
        }
        let records = self.records.borrow();
        let kept: Vec<Value> = records
            .iter()
            .filter(|((store, _), _)| *store == kind.store_name())
            .map(|(_, value)| keep(value, fields))
            .collect();
        Ok(Value::Array(kept).to_string())
    }

    async fn mark_shipped(
        &self,
        kind: RecordKind,
        shipped: &[(RecordId, u32)],
    ) -> Result<(), StorageError> {
        self.injected_fault()?;
        let mut records = self.records.borrow_mut();
        for (id, revision) in shipped {
            if let Some(Value::Object(object)) = records.get_mut(&(kind.store_name(), *id)) {
                raise_shipped(object, *revision);
            }
        }
        Ok(())
    }

    async fn mark_synced(
        &self,
        kind: RecordKind,
        synced: &[(RecordId, u32, String)],
    ) -> Result<(), StorageError> {
        self.injected_fault()?;
        let mut records = self.records.borrow_mut();
        for (id, revision, rev) in synced {
            if let Some(Value::Object(object)) = records.get_mut(&(kind.store_name(), *id)) {
                raise_synced(object, *revision, rev);
            }
        }
        Ok(())
    }

    async fn remove_synced(
        &self,
        kind: RecordKind,
        records: &[(RecordId, u32)],
    ) -> Result<u32, StorageError> {
        self.injected_fault()?;
        let mut stored = self.records.borrow_mut();
        let mut removed = 0;
        for (id, revision) in records {
            let key = (kind.store_name(), *id);
            if let Some(Value::Object(object)) = stored.get(&key) {
                if removable(object, *revision) {
                    stored.remove(&key);
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }

    async fn raw_page(
        &self,
        kind: RecordKind,
        page: RawPage<'_>,
    ) -> Result<Vec<String>, StorageError> {
        let records = self.records.borrow();
        let of_kind = records
            .iter()
            .filter(|((store, _), _)| *store == kind.store_name());
        Ok(match page {
            RawPage::Pending { limit, leaving_out } => of_kind
                .filter(|(_, v)| v.as_object().is_some_and(is_pending))
                .take(limit as usize)
                .filter(|((_, id), _)| !leaving_out.contains(id))
                .map(|(_, v)| v.to_string())
                .collect(),
            RawPage::After { after, limit } => of_kind
                .filter(|((_, id), _)| after.is_none_or(|after| *id > after))
                .take(limit as usize)
                .map(|(_, v)| v.to_string())
                .collect(),
        })
    }

    async fn sync_state(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.sync_state.borrow().get(key).cloned())
    }

    async fn set_sync_state(&self, key: &str, value: Option<&str>) -> Result<(), StorageError> {
        self.injected_fault()?;
        let mut state = self.sync_state.borrow_mut();
        match value {
            Some(value) => state.insert(key.to_string(), value.to_string()),
            None => state.remove(key),
        };
        Ok(())
    }

    async fn judge(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
    ) -> Result<Vec<Verdict>, StorageError> {
        let records = self.records.borrow();
        Ok(incoming
            .iter()
            .map(|i| {
                let stored = records.get(&(kind.store_name(), i.meta.id));
                judge(stored.and_then(Value::as_object), &i.record)
            })
            .collect())
    }

    async fn merge(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
        from_server: bool,
    ) -> Result<Vec<Verdict>, StorageError> {
        self.injected_fault()?;
        // All or nothing, as one IndexedDB transaction: decided on a copy.
        let mut records = self.records.borrow().clone();
        let mut conflicts = self.conflicts.borrow().clone();
        let mut verdicts = Vec::with_capacity(incoming.len());
        for i in incoming {
            let key = (kind.store_name(), i.meta.id);
            let (verdict, taken) =
                merge_step(records.get(&key).and_then(Value::as_object), i, from_server);
            if let Some(record) = taken {
                records.insert(key, Value::Object(record));
                // A newer revision settles what was kept of older ones.
                let prefix = conflict_prefix(kind, i.meta.id);
                conflicts.retain(|k, _| !k.starts_with(&prefix));
            } else if verdict == Verdict::Conflict {
                conflicts.insert(conflict_key(kind, i), Value::Object(i.record.clone()));
            }
            verdicts.push(verdict);
        }
        *self.records.borrow_mut() = records;
        *self.conflicts.borrow_mut() = conflicts;
        self.writes.set(self.writes.get() + 1);
        Ok(verdicts)
    }

    async fn kept_versions(&self) -> Result<Vec<KeptVersion>, StorageError> {
        let records = self.records.borrow();
        Ok(self
            .conflicts
            .borrow()
            .values()
            .filter_map(|kept| {
                let kept = kept.as_object()?.clone();
                let incoming = crate::domain::import::check_record(
                    kind_of(&kept)?,
                    &Value::Object(kept.clone()).to_string(),
                    &crate::domain::import::LIMITS,
                )
                .ok()?;
                let kind = kind_of(&kept)?;
                Some(KeptVersion {
                    kind,
                    id: incoming.meta.id,
                    stored: records
                        .get(&(kind.store_name(), incoming.meta.id))
                        .and_then(Value::as_object)
                        .cloned(),
                    kept,
                })
            })
            .collect())
    }

    async fn resolve(
        &self,
        kind: RecordKind,
        id: RecordId,
        stored_revision: u32,
        chosen: &Map<String, Value>,
        updated_at: &str,
    ) -> Result<(), StorageError> {
        self.injected_fault()?;
        let key = (kind.store_name(), id);
        let stored = self
            .records
            .borrow()
            .get(&key)
            .and_then(Value::as_object)
            .cloned()
            .ok_or(StorageError::NotFound)?;
        if stored.get("revision").and_then(Value::as_u64) != Some(u64::from(stored_revision)) {
            return Err(StorageError::Conflict);
        }
        let record = resolution(&stored, chosen, updated_at);
        self.records.borrow_mut().insert(key, Value::Object(record));
        let prefix = conflict_prefix(kind, id);
        self.conflicts
            .borrow_mut()
            .retain(|k, _| !k.starts_with(&prefix));
        self.writes.set(self.writes.get() + 1);
        Ok(())
    }

    async fn conflict_count(&self) -> Result<u32, StorageError> {
        Ok(self.conflicts.borrow().len() as u32)
    }

    async fn kind_stats(&self, kind: RecordKind) -> Result<StoreStats, StorageError> {
        let mut stats = StoreStats::default();
        for ((store, _), value) in self.records.borrow().iter() {
            if *store == kind.store_name() {
                tally(&mut stats, value);
            }
        }
        Ok(stats)
    }
}

/// Decodes a stored live record; a tombstone reads as no record (it keeps
/// no content), anything else unreadable is `Corrupt`. Shared with the
/// IndexedDB store.
pub(crate) fn decode_live<R: Record>(text: &str) -> Result<Option<R>, StorageError> {
    match R::from_stored(text) {
        Ok(decoded) => Ok(Some(decoded.record)),
        Err(MigrationError::Tombstone) => Ok(None),
        Err(error) => Err(StorageError::Corrupt(error.to_string())),
    }
}

/// Adds one stored value to the counts (the IndexedDB store counts the
/// same on its indexes).
fn tally(stats: &mut StoreStats, value: &Value) {
    let number = |key: &str| value.get(key).and_then(Value::as_u64);
    match (number("revision"), number("schema_version")) {
        (Some(revision), Some(_)) => {
            if value.get("deleted").and_then(Value::as_bool) == Some(true) {
                stats.deleted += 1;
            } else {
                stats.live += 1;
            }
            if revision > number("shipped_revision").unwrap_or(0) {
                stats.pending += 1;
            }
        }
        _ => stats.unreadable += 1,
    }
}

/// The kind a record (JSON) names.
pub(crate) fn kind_of(record: &Map<String, Value>) -> Option<RecordKind> {
    let name = record.get("kind")?.as_str()?;
    RecordKind::ALL.into_iter().find(|k| k.name() == name)
}
