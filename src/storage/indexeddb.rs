//! The IndexedDB `RecordStore` (over the `idb` crate), with schema versions.
//!
//! Durability: a write returns `Ok` only after its transaction's `complete`
//! event. What that promises depends on the transaction's durability:
//! - A save a person makes (`insert`, `update`: new, changed, deleted and
//!   undone records) asks for `durability: "strict"`. The browser then fires
//!   `complete` only once the operating system reports the data written to
//!   the device's storage, so a record shown as "opgeslagen" survives a
//!   crash of the tab, the browser or the system, and a power cut right
//!   after. (Still not against a disk that lies about its write cache, nor
//!   against the browser evicting the whole origin's storage, which only
//!   persistent storage prevents; the settings screen shows whether the
//!   browser granted it.) A browser that does not know the option ignores
//!   it and uses its own default.
//! - Batches that can be replayed keep the browser's default, which in
//!   Chromium (since version 121) is "relaxed": `complete` fires once the
//!   data is handed to the operating system, which survives a crash of the
//!   tab or the browser but not a power cut or a system crash. That is
//!   marking records shipped after an export (lost, they count as pending
//!   again and the next export carries them again) and the pass after a
//!   database upgrade (below; lost, it runs again). A later import or sync
//!   pull belongs here too: lost, it is fetched again.
//!
//! A failed request or an aborted transaction (a full disk among them) is
//! mapped to a `StorageError`; IndexedDB rolls the whole transaction back, so
//! stored data is untouched.
//!
//! Schema history (the database version):
//! - 1: object store `contacts`, key path `id`.
//! - 2: index `by_occurred_at` on `contacts`; contact records migrate from
//!   schema 1 to 2 (see `domain::migrate`).
//! - 3: object store `survey_responses` (key path `id`, index
//!   `by_occurred_at` on `created_at`, which for a response is its date).
//! - 4: object store `surveys`: the organisation's survey versions (key path
//!   `id`, index `by_occurred_at` on `created_at`).
//! - 5: object stores `trajectories`, `activities` and `initiatives`, the
//!   coordinator's records (key path `id`, index `by_occurred_at` on
//!   `created_at`, their time of entry).
//! - 6: index `by_pending` on every store, over a field `pending` (1 while
//!   the record has changes that did not leave the device, else 0) that
//!   every write keeps up to date; the header's "not yet synced" count is
//!   then an index count, not a read of every record.
//! - 7: no new store or index; the upgrade's record pass (below) also
//!   empties old tombstones.
//! - 8: object store `conflicts` (out-of-line keys `kind/id/revision/digest`):
//!   versions of a record that arrived by import or sync with the stored
//!   revision but other content, kept until a person picks one.
//! - 9: object store `sync_state` (out-of-line string keys, string values):
//!   where the sync's last pull ended and the server it talks to.
//! - 10: object store `org_lists`: the organisation's own lists (key path
//!   `id`, indexes `by_occurred_at` on `created_at` and `by_pending`).
//! - 11: index `by_tombstone` on every record store, over a field
//!   `tombstone` (1 on a deleted record, absent on a live one), and
//!   `pending` 2 on objects this version cannot read: the settings' counts
//!   are then store and index counts, not a read of every record
//!   (`kind_stats`);
//!   index `by_survey` on `survey_responses` over `[survey_id, pending]`
//!   (`response_count`, every survey card's figures) and `by_activity`
//!   over `activity` (`responses_at`, an activity's screen).
//!
//! Another tab that opens a newer version asks this one to let go
//! (`versionchange`): the connection is closed at once, so the other tab's
//! upgrade is not held up, and every later call here answers
//! `StorageError::Closed` (the app says: reload).
//!
//! Records are rewritten once per upgrade, never on an ordinary open (which
//! reads no record at all). When a database of an earlier version is opened,
//! the upgrade transaction itself, after changing stores and indexes, reads
//! every record of every kind once and writes back only those that change:
//! - a tombstone (`"deleted": true`) keeps its bookkeeping (`TOMBSTONE_FIELDS`)
//!   and loses all content: a deleted contact's note may hold a name;
//! - a live record stored in an older schema of its kind is decoded through
//!   the kind's own `Record` type and stored in the current one;
//! - a record whose index fields (`pending`, `tombstone`) are not what
//!   every write now sets gets them: from before version 6 every record,
//!   from before version 11 the tombstones and the records this version
//!   cannot read.
//!
//! Records this version cannot read keep their content (they only get
//! `pending` 2, so they are counted apart). Because the pass runs
//! inside the upgrade transaction, the new version number is stored only
//! together with the rewritten records: if the pass fails or the tab closes
//! half-way, the database stays at its old version, untouched, and the next
//! open upgrades again.

use super::memory::decode_live;
use super::{
    check_next_revision, conflict_key, conflict_prefix, later_server_rev, merge_step, removable,
    sort_by_time, KeptVersion, RawPage, RecordStore, StorageError, StoreStats,
};
use crate::domain::entry::Record;
use crate::domain::import::Incoming;
use crate::domain::merge::{judge, Verdict};
use crate::domain::record::{utc_millis, RecordId, RecordKind};
use chrono::{DateTime, Utc};
use idb::{
    Database, DatabaseEvent, Event, Factory, KeyPath, KeyRange, ObjectStore, ObjectStoreParams,
    Query, Request, Transaction, TransactionMode, TransactionResult,
};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

pub const DB_NAME: &str = "wijkpeil";
pub const DB_VERSION: u32 = 11;
pub const CONFLICTS_STORE: &str = "conflicts";
pub const SYNC_STATE_STORE: &str = "sync_state";
/// The `sync_state` key of the password's sealing key.
const SECRET_KEY: &str = "secret-key";
pub const TIME_INDEX: &str = "by_occurred_at";
pub const PENDING_INDEX: &str = "by_pending";
const PENDING_FIELD: &str = "pending";
pub const TOMBSTONE_INDEX: &str = "by_tombstone";
pub const SURVEY_INDEX: &str = "by_survey";
pub const ACTIVITY_INDEX: &str = "by_activity";
const TOMBSTONE_FIELD: &str = "tombstone";

/// What a tombstone keeps: the bookkeeping sync needs (`RecordMeta`'s
/// fields) and this device's index fields; no content.
pub const TOMBSTONE_FIELDS: [&str; 12] = [
    "id",
    "kind",
    "schema_version",
    "created_at",
    "updated_at",
    "device_id",
    "revision",
    "deleted",
    "shipped_revision",
    "server_rev",
    PENDING_FIELD,
    TOMBSTONE_FIELD,
];

#[wasm_bindgen]
extern "C" {
    /// The same `IDBDatabase` as the `idb` handle, bound only for
    /// `transaction(names, mode, options)`: `idb` 0.6 cannot pass options,
    /// and `web-sys` has them only behind `--cfg=web_sys_unstable_apis`.
    #[wasm_bindgen(js_name = IDBDatabase)]
    type DatabaseWithOptions;

    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction_with_options(
        this: &DatabaseWithOptions,
        store_names: &js_sys::Array,
        mode: &str,
        options: &js_sys::Object,
    ) -> Result<web_sys::IdbTransaction, JsValue>;
}

pub struct IdbStore {
    db: Database,
    /// The same connection, for transactions with options.
    with_options: DatabaseWithOptions,
    /// Set when another tab's upgrade made this connection close.
    closed: Rc<Cell<bool>>,
}

/// Deletes the whole database (wiping the device): every record, the
/// conflicts and the sync state. Other tabs that hold it open let go on
/// `versionchange`, as for an upgrade.
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    let unavailable = |e: idb::Error| StorageError::Unavailable(e.to_string());
    Factory::new()
        .map_err(unavailable)?
        .delete(name)
        .map_err(unavailable)?
        .await
        .map_err(unavailable)?;
    Ok(())
}

impl IdbStore {
    /// Opens the database, creating it or upgrading it from an earlier
    /// version (stores, indexes and, once, the stored records: see the
    /// module docs). An ordinary open reads no record.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        use std::cell::RefCell;
        use std::rc::Rc;
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(name, Some(DB_VERSION))
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        // Why the upgrade was aborted, if it was: the open request itself
        // only reports an AbortError.
        let pass_error: Rc<RefCell<Option<StorageError>>> = Rc::default();
        let seen = pass_error.clone();
        request.on_upgrade_needed(move |event| {
            let tx = event.target().ok().and_then(|r| r.transaction());
            if let Err(error) = upgrade(&event) {
                web_sys::console::error_1(&JsValue::from_str(&error.to_string()));
                if let Some(tx) = tx {
                    let _ = tx.abort();
                }
                return;
            }
            let old = event.old_version().unwrap_or(0);
            let Some(tx) = tx.filter(|_| old > 0) else {
                return; // a new database holds no records yet
            };
            // The transaction stays active while the pass has requests
            // pending, and commits only after its last write.
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(error) = rewrite_records(&tx).await {
                    web_sys::console::error_1(&JsValue::from_str(&error.to_string()));
                    *seen.borrow_mut() = Some(error);
                    let _ = tx.abort();
                }
            });
        });
        let db = match request.await {
            Ok(db) => db,
            Err(error) => return Err(pass_error.take().unwrap_or_else(|| classify_open(&error))),
        };
        let handle = JsValue::from(db);
        let mut db = Database::try_from(handle.clone())
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let closed = Rc::new(Cell::new(false));
        let (flag, connection) = (closed.clone(), handle.clone());
        db.on_version_change(move |_| {
            flag.set(true);
            connection.unchecked_into::<web_sys::IdbDatabase>().close();
        });
        Ok(Self {
            db,
            with_options: handle.unchecked_into(),
            closed,
        })
    }

    fn open_check(&self) -> Result<(), StorageError> {
        if self.closed.get() {
            Err(StorageError::Closed)
        } else {
            Ok(())
        }
    }

    /// A merge's transaction: the kind's store and the kept conflicts.
    /// Default durability: a batch lost in a power cut is merged again.
    fn begin_merge(
        &self,
        kind: RecordKind,
    ) -> Result<(Transaction, ObjectStore, ObjectStore), StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(
                &[kind.store_name(), CONFLICTS_STORE],
                TransactionMode::ReadWrite,
            )
            .map_err(|e| failed(&e))?;
        let store = tx.object_store(kind.store_name()).map_err(|e| failed(&e))?;
        let conflicts = tx.object_store(CONFLICTS_STORE).map_err(|e| failed(&e))?;
        Ok((tx, store, conflicts))
    }

    /// A transaction on one kind's store with the browser's default
    /// durability: reads, and writes that can be replayed.
    fn begin(
        &self,
        kind: RecordKind,
        mode: TransactionMode,
    ) -> Result<(Transaction, ObjectStore), StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(&[kind.store_name()], mode)
            .map_err(|e| failed(&e))?;
        let store = tx.object_store(kind.store_name()).map_err(|e| failed(&e))?;
        Ok((tx, store))
    }

    /// A read-write transaction on one kind's store that completes only
    /// once its data is on the device's storage: for a save a person makes.
    fn begin_save(&self, kind: RecordKind) -> Result<(Transaction, ObjectStore), StorageError> {
        let tx = self.begin_strict(&[kind.store_name()])?;
        let store = tx.object_store(kind.store_name()).map_err(|e| failed(&e))?;
        Ok((tx, store))
    }

    /// A read-write transaction over `names` with durability `strict`.
    fn begin_strict(&self, names: &[&str]) -> Result<Transaction, StorageError> {
        self.open_check()?;
        let names: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let options = js_sys::Object::new();
        js_sys::Reflect::set(
            &options,
            &JsValue::from_str("durability"),
            &JsValue::from_str("strict"),
        )
        .map_err(|_| StorageError::Failed("transaction options".into()))?;
        Ok(self
            .with_options
            .transaction_with_options(&names, "readwrite", &options)
            .map_err(|e| classify_js(&e))?
            .into())
    }

    /// The key that seals the sync password (`crate::worker`): a
    /// `CryptoKey` the browser keeps, not extractable, stored as the object
    /// itself in `sync_state`.
    pub async fn secret_key(&self) -> Result<Option<JsValue>, StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(&[SYNC_STATE_STORE], TransactionMode::ReadOnly)
            .map_err(|e| failed(&e))?;
        tx.object_store(SYNC_STATE_STORE)
            .map_err(|e| failed(&e))?
            .get(Query::Key(JsValue::from_str(SECRET_KEY)))
            .map_err(|e| failed(&e))?
            .await
            .map_err(|e| failed(&e))
    }

    pub async fn set_secret_key(&self, key: &JsValue) -> Result<(), StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(&[SYNC_STATE_STORE], TransactionMode::ReadWrite)
            .map_err(|e| failed(&e))?;
        let store = tx.object_store(SYNC_STATE_STORE).map_err(|e| failed(&e))?;
        let _ = store
            .put(key, Some(&JsValue::from_str(SECRET_KEY)))
            .map_err(|e| failed(&e))?;
        finish(tx, &store).await
    }

    /// Counts over the stores of `kinds` in one transaction, on the store
    /// and its indexes, never by reading records (`index_fields`): with
    /// `all`, per store its records, the pending ones, the unreadable ones
    /// (`pending` 2) and the tombstones; else the pending ones only
    /// (Chromium counts by walking the keys: the header, asked after every
    /// save, walks only the pending ones). One number per count, per store
    /// in order.
    async fn counts(&self, kinds: &[RecordKind], all: bool) -> Result<Vec<u32>, StorageError> {
        self.open_check()?;
        #[cfg(not(feature = "worker"))]
        {
            let names: js_sys::Array = kinds
                .iter()
                .map(|k| JsValue::from_str(k.store_name()))
                .collect();
            let promise =
                store_counts(&self.with_options, &names, all).map_err(|e| classify_js(&e))?;
            let counts = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(|e| classify_js(&e))?;
            Ok(js_sys::Array::from(&counts)
                .iter()
                .map(|n| n.as_f64().unwrap_or(0.0) as u32)
                .collect())
        }
        #[cfg(feature = "worker")]
        {
            let names: Vec<&str> = kinds.iter().map(|k| k.store_name()).collect();
            let tx = self
                .db
                .transaction(&names, TransactionMode::ReadOnly)
                .map_err(|e| failed(&e))?;
            let key = |n: u8| Some(Query::Key(JsValue::from(n)));
            let mut counts = vec![];
            for name in names {
                let store = tx.object_store(name).map_err(|e| failed(&e))?;
                let pending = store.index(PENDING_INDEX).map_err(|e| failed(&e))?;
                if !all {
                    counts.push(counted(pending.count(key(1))).await?);
                    continue;
                }
                let tombstones = store.index(TOMBSTONE_INDEX).map_err(|e| failed(&e))?;
                counts.push(counted(store.count(None)).await?);
                counts.push(counted(pending.count(key(1))).await?);
                counts.push(counted(pending.count(key(2))).await?);
                counts.push(counted(tombstones.count(None)).await?);
            }
            Ok(counts)
        }
    }

    /// `StoreStats` over the stores of `kinds` (`counts`).
    async fn stats_of(&self, kinds: &[RecordKind]) -> Result<StoreStats, StorageError> {
        let mut stats = StoreStats::default();
        for store in self.counts(kinds, true).await?.chunks_exact(4) {
            let [all, pending, unreadable, deleted] = [store[0], store[1], store[2], store[3]];
            stats.live += all.saturating_sub(deleted + unreadable);
            stats.deleted += deleted;
            stats.pending += pending;
            stats.unreadable += unreadable;
        }
        Ok(stats)
    }

    /// Closes the connection (tests, and before deleting the database).
    pub fn close(&self) {
        self.db.close();
    }
}

/// The record pass of an upgrade, in the upgrade transaction `tx`: every
/// store read once, changed records written back.
async fn rewrite_records(tx: &Transaction) -> Result<(), StorageError> {
    for kind in RecordKind::ALL {
        let store = tx.object_store(kind.store_name()).map_err(|e| failed(&e))?;
        for value in all_values(&store).await? {
            if let Some(value) = rewritten(kind, value)? {
                let _ = store.put(&value, None).map_err(|e| failed(&e))?;
            }
        }
    }
    Ok(())
}

/// What a stored value of `kind` becomes in an upgrade, or `None` when it
/// stays as it is.
fn rewritten(kind: RecordKind, value: JsValue) -> Result<Option<JsValue>, StorageError> {
    if !value.is_object() {
        return Ok(None); // unreadable: kept as it is
    }
    // Tombstones are emptied as plain objects, never decoded: a kind's
    // decoder need not read (and may refuse) a deleted record.
    let deleted = js_sys::Reflect::get(&value, &JsValue::from_str("deleted"))
        .ok()
        .and_then(|v| v.as_bool())
        == Some(true);
    let changed = if deleted {
        emptied(&value)
    } else {
        upgraded(kind, &value)?
    };
    let next = match changed {
        Some(next) => next,
        // No pending flag before version 6; no tombstone flag before 11.
        None if !index_fields(&value) => return Ok(Some(value)),
        None => return Ok(None),
    };
    index_fields(&next);
    Ok(Some(next))
}

/// A tombstone with its bookkeeping only, or `None` if it holds nothing
/// else already.
fn emptied(value: &JsValue) -> Option<JsValue> {
    let object: &js_sys::Object = value.unchecked_ref();
    let only_bookkeeping = js_sys::Object::keys(object).iter().all(|key| {
        key.as_string()
            .is_some_and(|key| TOMBSTONE_FIELDS.contains(&key.as_str()))
    });
    if only_bookkeeping {
        return None;
    }
    let kept = js_sys::Object::new();
    for field in TOMBSTONE_FIELDS {
        let field = JsValue::from_str(field);
        if let Ok(v) = js_sys::Reflect::get(value, &field) {
            if !v.is_undefined() {
                let _ = js_sys::Reflect::set(&kept, &field, &v);
            }
        }
    }
    Some(kept.into())
}

/// A live record of `kind` stored in an older schema, decoded through the
/// kind's own `Record` type and ready to store again; `None` if it is
/// current, or unreadable (then it is kept as it is).
fn upgraded(kind: RecordKind, value: &JsValue) -> Result<Option<JsValue>, StorageError> {
    use crate::domain::activity::{ActivityFields, ACTIVITY_SCHEMA_VERSION};
    use crate::domain::contact::{Contact, CONTACT_SCHEMA_VERSION};
    use crate::domain::entry::Entry;
    use crate::domain::initiative::{InitiativeFields, INITIATIVE_SCHEMA_VERSION};
    use crate::domain::survey::record::RESPONSE_SCHEMA_VERSION;
    use crate::domain::survey::stored::STORED_SURVEY_SCHEMA_VERSION;
    use crate::domain::survey::{StoredSurvey, SurveyResponse};
    use crate::domain::trajectory::{TrajectoryFields, TRAJECTORY_SCHEMA_VERSION};
    match kind {
        RecordKind::Contact => upgraded_as::<Contact, { CONTACT_SCHEMA_VERSION }>(value),
        RecordKind::SurveyResponse => {
            upgraded_as::<SurveyResponse, { RESPONSE_SCHEMA_VERSION }>(value)
        }
        RecordKind::SurveyDefinition => {
            upgraded_as::<StoredSurvey, { STORED_SURVEY_SCHEMA_VERSION }>(value)
        }
        RecordKind::Trajectory => {
            upgraded_as::<Entry<TrajectoryFields>, { TRAJECTORY_SCHEMA_VERSION }>(value)
        }
        RecordKind::Activity => {
            upgraded_as::<Entry<ActivityFields>, { ACTIVITY_SCHEMA_VERSION }>(value)
        }
        RecordKind::Initiative => {
            upgraded_as::<Entry<InitiativeFields>, { INITIATIVE_SCHEMA_VERSION }>(value)
        }
        RecordKind::OrgList => upgraded_as::<
            Entry<crate::domain::org_list::OrgListFields>,
            { crate::domain::org_list::ORG_LIST_SCHEMA_VERSION },
        >(value),
    }
}

fn upgraded_as<R: Record, const CURRENT: u32>(
    value: &JsValue,
) -> Result<Option<JsValue>, StorageError> {
    // A kind that has had one schema only has nothing to upgrade; being a
    // constant, this test also keeps its decoder out of the wasm.
    if CURRENT <= 1 || number(value, "schema_version").unwrap_or(0) >= CURRENT {
        return Ok(None);
    }
    match R::from_stored(&js_text(value)?) {
        Ok(decoded) if decoded.migrated => with_index_fields(&decoded.record).map(Some),
        _ => Ok(None),
    }
}

fn upgrade(event: &idb::event::VersionChangeEvent) -> Result<(), idb::Error> {
    let db = event.database()?;
    let old = event.old_version()?;
    if old < 1 {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        db.create_object_store(RecordKind::Contact.store_name(), params)?;
    }
    if old < 2 {
        let tx = event
            .target()?
            .transaction()
            .ok_or(idb::Error::EventTargetNotFound)?;
        let contacts = tx.object_store(RecordKind::Contact.store_name())?;
        contacts.create_index(TIME_INDEX, KeyPath::new_single("occurred_at"), None)?;
    }
    if old < 3 {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        let responses = db.create_object_store(RecordKind::SurveyResponse.store_name(), params)?;
        // Responses have no time of day; their index is on the date.
        responses.create_index(TIME_INDEX, KeyPath::new_single("created_at"), None)?;
    }
    if old < 4 {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        let surveys = db.create_object_store(RecordKind::SurveyDefinition.store_name(), params)?;
        surveys.create_index(TIME_INDEX, KeyPath::new_single("created_at"), None)?;
    }
    if old < 5 {
        for kind in [
            RecordKind::Trajectory,
            RecordKind::Activity,
            RecordKind::Initiative,
        ] {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("id")));
            let store = db.create_object_store(kind.store_name(), params)?;
            store.create_index(TIME_INDEX, KeyPath::new_single("created_at"), None)?;
        }
    }
    if old < 6 {
        // Every store, old or just made, gets the pending index (the
        // stores of later versions are made with it).
        let tx = event
            .target()?
            .transaction()
            .ok_or(idb::Error::EventTargetNotFound)?;
        for kind in RecordKind::ALL
            .into_iter()
            .filter(|k| *k != RecordKind::OrgList)
        {
            let store = tx.object_store(kind.store_name())?;
            if !store.index_names().iter().any(|n| n == PENDING_INDEX) {
                store.create_index(PENDING_INDEX, KeyPath::new_single(PENDING_FIELD), None)?;
            }
        }
    }
    // Version 7 changes no store or index, only records: the pass that
    // `open` starts after this (`rewrite_records`).
    if old < 8 {
        db.create_object_store(CONFLICTS_STORE, ObjectStoreParams::new())?;
    }
    if old < 9 {
        db.create_object_store(SYNC_STATE_STORE, ObjectStoreParams::new())?;
    }
    if old < 10 {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        let store = db.create_object_store(RecordKind::OrgList.store_name(), params)?;
        store.create_index(TIME_INDEX, KeyPath::new_single("created_at"), None)?;
        store.create_index(PENDING_INDEX, KeyPath::new_single(PENDING_FIELD), None)?;
    }
    if old < 11 {
        let tx = event
            .target()?
            .transaction()
            .ok_or(idb::Error::EventTargetNotFound)?;
        for kind in RecordKind::ALL {
            tx.object_store(kind.store_name())?.create_index(
                TOMBSTONE_INDEX,
                KeyPath::new_single(TOMBSTONE_FIELD),
                None,
            )?;
        }
        let responses = tx.object_store(RecordKind::SurveyResponse.store_name())?;
        responses.create_index(
            SURVEY_INDEX,
            KeyPath::new_array(["survey_id", PENDING_FIELD]),
            None,
        )?;
        responses.create_index(ACTIVITY_INDEX, KeyPath::new_single("activity"), None)?;
    }
    Ok(())
}

/// Waits until the transaction is durable, or says why it is not.
async fn finish(tx: Transaction, store: &ObjectStore) -> Result<(), StorageError> {
    // `store.transaction()` is a second handle on the same transaction, kept
    // to read its error after the first one is consumed by awaiting.
    let handle = store.transaction();
    match tx.await {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) | Err(_) => Err(handle
            .error()
            .map(|e| classify_dom(&e))
            .unwrap_or_else(|| StorageError::Failed("transaction aborted".into()))),
    }
}

fn classify_dom(error: &web_sys::DomException) -> StorageError {
    match error.name().as_str() {
        "QuotaExceededError" => StorageError::QuotaExceeded,
        "ConstraintError" => StorageError::Conflict,
        "VersionError" => StorageError::NewerVersion,
        _ => StorageError::Failed(format!("{}: {}", error.name(), error.message())),
    }
}

fn classify_open(error: &idb::Error) -> StorageError {
    match dom_exception(error) {
        Some(dom) => match classify_dom(&dom) {
            StorageError::Failed(text) => StorageError::Unavailable(text),
            other => other,
        },
        None => StorageError::Unavailable(error.to_string()),
    }
}

/// The DOMException inside an idb error, where there is one.
fn dom_exception(error: &idb::Error) -> Option<web_sys::DomException> {
    use idb::Error as E;
    match error {
        E::DomException(dom) => Some(dom.clone()),
        E::AddFailed(v)
        | E::UpdateFailed(v)
        | E::GetFailed(v)
        | E::GetAllFailed(v)
        | E::GetAllKeysFailed(v)
        | E::CountFailed(v)
        | E::IndexedDbOpenFailed(v)
        | E::TransactionOpenFailed(v)
        | E::UnexpectedJsType(_, v) => v.clone().dyn_into().ok(),
        _ => None,
    }
}

/// A JS exception (from a call outside `idb`) as a `StorageError`.
fn classify_js(error: &JsValue) -> StorageError {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(classify_dom)
        .unwrap_or_else(|| StorageError::Failed("transaction refused".into()))
}

fn failed(error: &idb::Error) -> StorageError {
    dom_exception(error)
        .map(|dom| classify_dom(&dom))
        .unwrap_or_else(|| StorageError::Failed(error.to_string()))
}

/// Records go in as plain JS objects (so indexes can read their fields),
/// through JSON: cheaper in wasm size than a second serde backend.
fn to_js<R: Record>(record: &R) -> Result<JsValue, StorageError> {
    let text = serde_json::to_string(record).map_err(|e| StorageError::Failed(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| StorageError::Failed("JSON.parse".into()))
}

/// A number field of a stored JS object (revisions, schema version), if it
/// has one.
fn number(value: &JsValue, field: &str) -> Option<u32> {
    js_sys::Reflect::get(value, &JsValue::from_str(field))
        .ok()?
        .as_f64()
        .map(|n| n as u32)
}

// Small helpers in JavaScript, where a few property writes and requests
// cost less than through `Reflect` and request futures from wasm (the
// volunteer app's first load counts every byte). One module: each one is
// a file of its own on the first load. The data worker is built without
// JS modules (`--target no-modules`), so it has the same in Rust.
#[cfg(not(feature = "worker"))]
#[wasm_bindgen(inline_js = "export function indexFields(v) {
  const ok = typeof v.revision == 'number' && typeof v.schema_version == 'number';
  const p = ok ? +(v.revision > (v.shipped_revision || 0)) : 2;
  const t = ok && v.deleted === true ? 1 : undefined;
  const same = v.pending === p && v.tombstone === t;
  v.pending = p;
  t === undefined ? delete v.tombstone : (v.tombstone = t);
  return same;
}
export function storeCounts(db, names, all) {
  return new Promise((done, fail) => {
    const tx = db.transaction(names, 'readonly');
    const out = [];
    for (const name of names) {
      const store = tx.objectStore(name);
      const pending = store.index('by_pending');
      const counts = all ? [store.count(), pending.count(1), pending.count(2), store.index('by_tombstone').count()] : [pending.count(1)];
      for (const r of counts) r.onsuccess = () => out.push(r.result);
    }
    tx.oncomplete = () => done(out);
    tx.onabort = () => fail(tx.error);
  });
}
export function readPage(db, name, last, limit) {
  return new Promise((done, fail) => {
    const r = db.transaction(name).objectStore(name).getAll(last && IDBKeyRange.lowerBound(last.id, true), limit);
    r.onsuccess = () => done(r.result);
    r.onerror = () => fail(r.error);
  });
}
export function atRest(m, ...a) { return import('/at-rest.js').then((x) => x[m](...a)); }")]
extern "C" {
    /// Sets the fields the indexes read on a stored object: `pending` (1
    /// while `revision` is above `shipped_revision`, else 0; 2 on an
    /// object this version cannot read, no numeric revision and schema
    /// version) and `tombstone` (1 on a deleted record, else absent). True
    /// when the fields were already so.
    #[wasm_bindgen(js_name = indexFields)]
    fn index_fields(value: &JsValue) -> bool;

    /// Per store of `names`, in one read-only transaction: with `all`, its
    /// record count, then on its indexes the pending records, the
    /// unreadable ones and the tombstones (four numbers per store, in
    /// order); else the pending records only (one number per store).
    /// Chromium counts by walking the keys, so the header's count walks
    /// only the pending ones.
    #[wasm_bindgen(catch, js_name = storeCounts)]
    fn store_counts(
        db: &DatabaseWithOptions,
        names: &js_sys::Array,
        all: bool,
    ) -> Result<js_sys::Promise, JsValue>;

    /// Up to `limit` stored objects of store `name` with ids above the id
    /// of `last` (from the first when it is undefined), in a read-only
    /// transaction of their own.
    #[wasm_bindgen(catch, js_name = readPage)]
    fn read_page(
        db: &DatabaseWithOptions,
        name: &str,
        last: &JsValue,
        limit: u32,
    ) -> Result<js_sys::Promise, JsValue>;

    /// Runs `at-rest.js`'s `method(key, paths, records)`, which changes
    /// the records in place. `at-rest.js` is imported at the first record
    /// that needs it, so it is no part of any app's first load (the data
    /// worker has its own cipher).
    #[wasm_bindgen(catch, js_name = atRest)]
    pub(super) fn at_rest_js(
        method: &str,
        key: &str,
        paths: &str,
        records: &js_sys::Array,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// `indexFields` of the apps' helpers, in the data worker.
#[cfg(feature = "worker")]
fn index_fields(value: &JsValue) -> bool {
    let get = |field: &str| js_sys::Reflect::get(value, &JsValue::from_str(field)).ok();
    let number = |field: &str| get(field).and_then(|v| v.as_f64());
    let readable = number("revision").is_some() && number("schema_version").is_some();
    let pending = number("revision").unwrap_or(0.0) > number("shipped_revision").unwrap_or(0.0);
    let deleted = get("deleted").and_then(|v| v.as_bool()) == Some(true);
    let wanted = [
        (
            PENDING_FIELD,
            Some(if readable {
                f64::from(u8::from(pending))
            } else {
                2.0
            }),
        ),
        (TOMBSTONE_FIELD, (readable && deleted).then_some(1.0)),
    ];
    let mut same = true;
    for (field, flag) in wanted {
        same &= number(field) == flag;
        let name = JsValue::from_str(field);
        let _ = match flag {
            Some(flag) => js_sys::Reflect::set(value, &name, &JsValue::from(flag)),
            None => {
                js_sys::Reflect::delete_property(value.unchecked_ref::<js_sys::Object>(), &name)
            }
        };
    }
    same
}

/// The result of a count request.
async fn counted(
    request: Result<idb::request::CountStoreRequest, idb::Error>,
) -> Result<u32, StorageError> {
    request
        .map_err(|e| failed(&e))?
        .await
        .map_err(|e| failed(&e))
}

/// A record as a JS object with its index fields, ready to store.
fn with_index_fields<R: Record>(record: &R) -> Result<JsValue, StorageError> {
    let value = to_js(record)?;
    index_fields(&value);
    Ok(value)
}

/// `value` (a stored object of `kind`) with its free text encrypted in
/// place when this tab holds the text key (`storage::at_rest`). Asked for
/// before the caller's transaction begins: a transaction that waits on
/// anything but its own requests commits.
async fn seal_value(kind: RecordKind, value: &JsValue) -> Result<(), StorageError> {
    match super::at_rest::key_for(kind) {
        Some(key) => super::at_rest::seal(kind, &key, value).await,
        None => Ok(()),
    }
}

/// `values` (stored objects of `kind`, as read) with their free text
/// decrypted in place when this tab holds the text key: a record read by
/// its id, today's contacts (`list_between`) and what leaves the device (an
/// export); `list` does not.
async fn open_values(kind: RecordKind, values: &[JsValue]) {
    if let Some(key) = super::at_rest::key_for(kind) {
        super::at_rest::open(kind, &key, values).await;
    }
}

/// Stored objects of `kind` as the JSON text they travel as (export, sync),
/// without this device's index fields (bookkeeping, not data). The
/// apps open the objects' free text before (`open_values`); the data
/// worker opens the texts here, and only those that hold an encrypted
/// field (one parse each, not a second copy of every record).
fn travelling_texts(kind: RecordKind, values: &[JsValue]) -> Result<Vec<String>, StorageError> {
    let texts: Result<Vec<String>, _> = values
        .iter()
        .map(|value| {
            for field in [PENDING_FIELD, TOMBSTONE_FIELD] {
                let _ = js_sys::Reflect::delete_property(
                    value.unchecked_ref::<js_sys::Object>(),
                    &JsValue::from_str(field),
                );
            }
            js_text(value)
        })
        .collect();
    #[cfg(feature = "worker")]
    let texts = texts.map(|mut texts| {
        if let Some(cipher) = super::at_rest::cipher_for(kind) {
            super::at_rest::open_texts(kind, &cipher, &mut texts);
        }
        texts
    });
    let _ = kind;
    texts
}

/// `record` (stored, of `kind`) with its free text opened when this tab
/// holds the key.
async fn opened_map(
    kind: RecordKind,
    record: Map<String, Value>,
) -> Result<Map<String, Value>, StorageError> {
    if super::at_rest::key_for(kind).is_none() {
        return Ok(record);
    }
    let value = object_to_js(&record)?;
    open_values(kind, std::slice::from_ref(&value)).await;
    match from_js(&value)? {
        Value::Object(opened) => Ok(opened),
        _ => Ok(record),
    }
}

/// Opens the free text of records read inside a transaction, in the data
/// worker (its cipher is synchronous); elsewhere there is none to open
/// (imports and the sync run in the worker).
fn open_stored(kind: RecordKind, stored: &mut [Option<Map<String, Value>>]) {
    #[cfg(feature = "worker")]
    if let Some(cipher) = super::at_rest::cipher_for(kind) {
        for record in stored.iter_mut().flatten() {
            cipher.open_record(kind, record);
        }
    }
    let _ = (kind, stored);
}

/// Seals the free text of the records one transaction writes, in the
/// data worker (elsewhere imports and the sync do not run); made once per
/// transaction, so the key is expanded once.
struct RecordSealer {
    #[cfg(feature = "worker")]
    kind: RecordKind,
    #[cfg(feature = "worker")]
    cipher: Option<crate::domain::at_rest::cipher::TextCipher>,
}

impl RecordSealer {
    fn new(kind: RecordKind) -> Self {
        #[cfg(feature = "worker")]
        return Self {
            kind,
            cipher: super::at_rest::cipher_for(kind),
        };
        #[cfg(not(feature = "worker"))]
        {
            let _ = kind;
            Self {}
        }
    }

    /// What writes `record`s: `seal` on each; false when one failed.
    fn sealing(&self) -> impl FnMut(&mut Map<String, Value>) -> bool + '_ {
        #[cfg(feature = "worker")]
        let mut sealer = self
            .cipher
            .as_ref()
            .map(|cipher| super::at_rest::Sealer::new(self.kind, cipher));
        move |record| {
            #[cfg(feature = "worker")]
            if let Some(sealer) = sealer.as_mut() {
                return sealer.seal(record);
            }
            let _ = record;
            true
        }
    }
}

/// One batch of a merge: its records, and how the taken ones are sealed.
struct MergeBatch<'a> {
    kind: RecordKind,
    incoming: &'a [Incoming],
    from_server: bool,
    sealer: &'a RecordSealer,
}

/// The objects to store for a batch's records as if none of them were
/// stored here (`merge_step` against nothing), sealed, made in one
/// `JSON.parse`: per record its verdict and object, `None` when it would
/// not be taken or could not be sealed (it is then made as usual).
type NewRecords = Vec<Option<(Verdict, JsValue)>>;

impl MergeBatch<'_> {
    fn new_records(&self) -> Result<NewRecords, StorageError> {
        let mut seal = self.sealer.sealing();
        let mut batch = JsBatch::new();
        let mut at = Vec::with_capacity(self.incoming.len());
        let mut count = 0;
        for incoming in self.incoming {
            let (verdict, taken) = merge_step(None, incoming, self.from_server);
            let ready = match taken {
                Some(mut record) => seal(&mut record).then_some(record),
                None => None,
            };
            at.push(match ready {
                Some(record) => {
                    batch.push(&record)?;
                    count += 1;
                    Some((verdict, count - 1))
                }
                None => None,
            });
        }
        let values = batch.into_values()?;
        Ok(at
            .into_iter()
            .map(|at| at.map(|(verdict, n)| (verdict, values.get(n))))
            .collect())
    }

    /// Judges each record against `stored` (what this transaction read)
    /// and writes what the merge rule takes, `new_records` where a record
    /// is not stored here; the verdicts, in order.
    fn write(
        &self,
        store: &ObjectStore,
        conflicts: &ObjectStore,
        mut stored: Vec<Option<Map<String, Value>>>,
        mut new_records: Option<NewRecords>,
    ) -> Result<Vec<Verdict>, StorageError> {
        let kind = self.kind;
        // Judged on the texts, not on their cipher texts (whose nonces
        // differ); what is written is sealed again (`domain::at_rest`).
        open_stored(kind, &mut stored);
        let mut seal = self.sealer.sealing();
        let mut sealed = |mut record: Map<String, Value>| {
            if seal(&mut record) {
                Ok(record)
            } else {
                Err(StorageError::Failed(super::at_rest::NOT_SEALED.into()))
            }
        };
        let put = |value: &JsValue| -> Result<(), StorageError> {
            index_fields(value);
            store.put(value, None).map_err(|e| failed(&e))?;
            Ok(())
        };
        let mut verdicts = Vec::with_capacity(self.incoming.len());
        // Written a hundred at a time: the browser stores one lot while the
        // next is made ready here.
        let mut n = 0;
        for (incoming, stored) in self
            .incoming
            .chunks(PUT_CHUNK)
            .zip(stored.chunks(PUT_CHUNK))
        {
            let mut taken_records = JsBatch::new();
            for (i, here) in incoming.iter().zip(stored) {
                let ready = new_records.as_mut().and_then(|r| r[n].take());
                n += 1;
                if let (None, Some((verdict, value))) = (here, ready) {
                    put(&value)?;
                    verdicts.push(verdict);
                    continue;
                }
                let (verdict, taken) = merge_step(here.as_ref(), i, self.from_server);
                if let Some(record) = taken {
                    taken_records.push(&sealed(record)?)?;
                    if verdict == Verdict::Newer {
                        // A newer revision settles what was kept of older
                        // ones (a new record has none kept).
                        let _ = conflicts
                            .delete(Query::KeyRange(conflict_range(kind, i.meta.id)?))
                            .map_err(|e| failed(&e))?;
                    }
                } else if verdict == Verdict::Conflict {
                    let value = object_to_js(&sealed(i.record.clone())?)?;
                    let key = JsValue::from_str(&conflict_key(kind, i));
                    let _ = conflicts.put(&value, Some(&key)).map_err(|e| failed(&e))?;
                }
                verdicts.push(verdict);
            }
            for value in taken_records.into_values()?.iter() {
                put(&value)?;
            }
        }
        Ok(verdicts)
    }
}

/// The end of a transaction whose end was awaited later than its last
/// request (`handle`: the same transaction, to read its error).
async fn ended(
    done: idb::TransactionFuture,
    handle: &idb::Transaction,
) -> Result<(), StorageError> {
    match done.await {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) | Err(_) => Err(handle
            .error()
            .map(|e| classify_dom(&e))
            .unwrap_or_else(|| StorageError::Failed("transaction aborted".into()))),
    }
}

/// `raise_synced` on a stored object as it came out of IndexedDB: its
/// `shipped_revision` raised to `revision` (never lowered) and its known
/// server `_rev` to the later of `rev` and the one it had.
fn raise_synced_in_place(value: &JsValue, revision: u32, rev: &str) {
    use crate::domain::couch::SERVER_REV;
    use js_sys::Reflect;
    let shipped_name = JsValue::from_str("shipped_revision");
    let shipped = Reflect::get(value, &shipped_name)
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|n| *n >= 0.0 && n.fract() == 0.0)
        .unwrap_or(0.0);
    let _ = Reflect::set(
        value,
        &shipped_name,
        &JsValue::from(shipped.max(f64::from(revision))),
    );
    let rev_name = JsValue::from_str(SERVER_REV);
    let known = Reflect::get(value, &rev_name)
        .ok()
        .and_then(|v| v.as_string());
    if let Some(later) = later_server_rev(known, Some(rev.to_string())) {
        let _ = Reflect::set(value, &rev_name, &JsValue::from_str(&later));
    }
}

fn js_text(value: &JsValue) -> Result<String, StorageError> {
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| StorageError::Corrupt("JSON.stringify".into()))
}

fn from_js(value: &JsValue) -> Result<Value, StorageError> {
    serde_json::from_str(&js_text(value)?).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn key(id: RecordId) -> JsValue {
    JsValue::from_str(&id.to_string())
}

fn object_to_js(object: &Map<String, Value>) -> Result<JsValue, StorageError> {
    let text = serde_json::to_string(object).map_err(|e| StorageError::Failed(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| StorageError::Failed("JSON.parse".into()))
}

/// Records the apps' `list_raw` reads per transaction.
#[cfg(not(feature = "worker"))]
const READ_PAGE: u32 = 2_000;

/// Records `mark_shipped` marks per transaction.
const MARK_LOT: usize = 500;

/// Records a merge writes per lot (`JsBatch`).
const PUT_CHUNK: usize = 100;

/// Records to store, collected as the text of one JSON array and turned
/// into JS objects by a single `JSON.parse`, not one call (and one copy of
/// a string out of wasm) per record.
struct JsBatch(Vec<u8>);

impl JsBatch {
    fn new() -> Self {
        Self(vec![b'['])
    }

    /// Adds `record` as it is: its index fields are set where the batch
    /// is written (`index_fields`, the rule every write follows).
    fn push(&mut self, record: &Map<String, Value>) -> Result<(), StorageError> {
        if self.0.len() > 1 {
            self.0.push(b',');
        }
        serde_json::to_writer(&mut self.0, record).map_err(|e| StorageError::Failed(e.to_string()))
    }

    fn into_values(mut self) -> Result<js_sys::Array, StorageError> {
        self.0.push(b']');
        let text = String::from_utf8(self.0).map_err(|e| StorageError::Failed(e.to_string()))?;
        js_sys::JSON::parse(&text)
            .map(JsValue::unchecked_into)
            .map_err(|_| StorageError::Failed("JSON.parse".into()))
    }
}

/// The stored records with the ids of `incoming`, in order (None where
/// there is none). Which of them are stored is asked first (`stored_keys`),
/// and only those are read: an import onto a device that has none of its
/// records reads nothing. Every read is asked for before the first is
/// awaited, so they run as one batch, not one round trip each.
async fn stored_objects(
    store: &ObjectStore,
    incoming: &[Incoming],
) -> Result<Vec<Option<Map<String, Value>>>, StorageError> {
    let keys: Vec<String> = incoming.iter().map(|i| i.meta.id.to_string()).collect();
    let present = stored_keys(store, &keys).await?;
    let requests = keys
        .iter()
        .map(|k| match &present {
            Some(present) if !present.contains(k) => Ok(None),
            _ => store
                .get(Query::Key(JsValue::from_str(k)))
                .map(Some)
                .map_err(|e| failed(&e)),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut stored = Vec::with_capacity(requests.len());
    for request in requests {
        let value = match request {
            Some(request) => request.await.map_err(|e| failed(&e))?,
            None => None,
        };
        stored.push(match value {
            Some(value) if value.is_object() => match from_js(&value)? {
                Value::Object(object) => Some(object),
                _ => None,
            },
            _ => None,
        });
    }
    Ok(stored)
}

/// Which of `keys` are stored, from one request for the keys between the
/// lowest and the highest of them; `None` (read them all) when that range
/// holds more than twice as many stored keys as `keys`, as it can for
/// random ids (survey responses) in a full store. Ids are ASCII, so Rust's
/// order of them is IndexedDB's.
async fn stored_keys(
    store: &ObjectStore,
    keys: &[String],
) -> Result<Option<std::collections::HashSet<String>>, StorageError> {
    let (Some(lowest), Some(highest)) = (keys.iter().min(), keys.iter().max()) else {
        return Ok(Some(Default::default()));
    };
    let range = KeyRange::bound(
        &JsValue::from_str(lowest),
        &JsValue::from_str(highest),
        Some(false),
        Some(false),
    )
    .map_err(|e| failed(&e))?;
    let limit = 2 * keys.len() as u32;
    let found = store
        .get_all_keys(Some(Query::KeyRange(range)), Some(limit + 1))
        .map_err(|e| failed(&e))?
        .await
        .map_err(|e| failed(&e))?;
    if found.len() > limit as usize {
        return Ok(None);
    }
    Ok(Some(found.iter().filter_map(JsValue::as_string).collect()))
}

/// Every stored value of `store`, as the JS objects IndexedDB keeps.
async fn all_values(store: &ObjectStore) -> Result<Vec<JsValue>, StorageError> {
    store
        .get_all(None, None)
        .map_err(|e| failed(&e))?
        .await
        .map_err(|e| failed(&e))
}

async fn get_js(store: &ObjectStore, id: RecordId) -> Result<Option<JsValue>, StorageError> {
    store
        .get(Query::Key(key(id)))
        .map_err(|e| failed(&e))?
        .await
        .map_err(|e| failed(&e))
}

/// The `sync_state` key that says the free text stored before the text key
/// was sealed (`IdbStore::seal_plain_texts`).
pub const AT_REST_STATE: &str = "at_rest";
/// Its value once every record was sealed.
pub const AT_REST_SEALED: &str = "sealed";

#[cfg(feature = "worker")]
impl IdbStore {
    /// Seals the free text still stored in the clear (on a device that had
    /// records before its text key) with the worker's key, a batch of
    /// records per transaction, so a person's save never waits long.
    /// Nothing else of a record changes: it does not count as changed, and
    /// nothing syncs. Returns how many records were sealed; `None` when
    /// the worker holds no key.
    pub async fn seal_plain_texts(&self) -> Result<Option<u32>, StorageError> {
        use crate::domain::at_rest::{has_free_text, has_plain_text};
        let mut sealed = 0;
        for kind in RecordKind::ALL.into_iter().filter(|k| has_free_text(*k)) {
            let Some(cipher) = super::at_rest::cipher_for(kind) else {
                return Ok(None);
            };
            let keys = {
                let (_tx, store) = self.begin(kind, TransactionMode::ReadOnly)?;
                store
                    .get_all_keys(None, None)
                    .map_err(|e| failed(&e))?
                    .await
                    .map_err(|e| failed(&e))?
            };
            for batch in keys.chunks(SEAL_BATCH) {
                let mut sealer = super::at_rest::Sealer::new(kind, &cipher);
                let (tx, store) = self.begin(kind, TransactionMode::ReadWrite)?;
                let requests = batch
                    .iter()
                    .map(|key| store.get(Query::Key(key.clone())).map_err(|e| failed(&e)))
                    .collect::<Result<Vec<_>, _>>()?;
                for request in requests {
                    let Some(value) = request.await.map_err(|e| failed(&e))? else {
                        continue; // deleted meanwhile
                    };
                    let Value::Object(mut record) = from_js(&value)? else {
                        continue;
                    };
                    if !has_plain_text(kind, &mut record) {
                        continue;
                    }
                    if !sealer.seal(&mut record) {
                        let _ = tx.abort();
                        return Err(StorageError::Failed(super::at_rest::NOT_SEALED.into()));
                    }
                    let _ = store
                        .put(&object_to_js(&record)?, None)
                        .map_err(|e| failed(&e))?;
                    sealed += 1;
                }
                finish(tx, &store).await?;
            }
        }
        Ok(Some(sealed))
    }
}

/// Records per transaction of `seal_plain_texts`.
#[cfg(feature = "worker")]
const SEAL_BATCH: usize = 200;

impl RecordStore for IdbStore {
    async fn insert<R: Record>(&self, record: &R) -> Result<(), StorageError> {
        let value = with_index_fields(record)?;
        seal_value(R::KIND, &value).await?;
        let (tx, store) = self.begin_save(R::KIND)?;
        // Checked in the same transaction, so nothing can slip in between;
        // `add` would also refuse, but its abort does not say why.
        if get_js(&store, record.meta().id).await?.is_some() {
            let _ = tx.abort();
            return Err(StorageError::Conflict);
        }
        let _ = store.add(&value, None).map_err(|e| failed(&e))?;
        finish(tx, &store).await
    }

    async fn update<R: Record>(&self, record: &R) -> Result<(), StorageError> {
        // Encrypted before the transaction; the bookkeeping that a sync or
        // an export may have raised since the caller read the record is
        // set on it inside.
        let value = to_js(record)?;
        seal_value(R::KIND, &value).await?;
        let meta = record.meta();
        let (tx, store) = self.begin_save(R::KIND)?;
        let stored = get_js(&store, meta.id).await?;
        let number = |field: &str| stored.as_ref().and_then(|v| number(v, field));
        if let Err(error) = check_next_revision(number("revision"), meta.revision) {
            let _ = tx.abort();
            return Err(error);
        }
        let stored_rev = stored
            .as_ref()
            .and_then(|v| js_sys::Reflect::get(v, &JsValue::from_str("server_rev")).ok())
            .and_then(|v| v.as_string());
        let set = |field: &str, to: JsValue| {
            js_sys::Reflect::set(&value, &JsValue::from_str(field), &to)
                .map_err(|_| StorageError::Failed("set bookkeeping".into()))
        };
        let shipped = number("shipped_revision").unwrap_or(0);
        if shipped > meta.shipped_revision {
            set("shipped_revision", JsValue::from(shipped))?;
        }
        // A sync may have marked the record since the caller read it.
        match later_server_rev(meta.server_rev.clone(), stored_rev) {
            Some(rev) if Some(&rev) != meta.server_rev.as_ref() => {
                set("server_rev", JsValue::from_str(&rev))?;
            }
            _ => {}
        }
        index_fields(&value);
        let _ = store.put(&value, None).map_err(|e| failed(&e))?;
        finish(tx, &store).await
    }

    async fn get<R: Record>(&self, id: RecordId) -> Result<Option<R>, StorageError> {
        let (_tx, store) = self.begin(R::KIND, TransactionMode::ReadOnly)?;
        match get_js(&store, id).await? {
            Some(value) => {
                open_values(R::KIND, std::slice::from_ref(&value)).await;
                decode_live(&js_text(&value)?)
            }
            None => Ok(None),
        }
    }

    async fn list<R: Record>(&self) -> Result<Vec<R>, StorageError> {
        // Lists leave free text sealed (`open_values`): every screen that
        // lists records shows codes, dates and names, and a record is
        // opened when it is read by its id (`get`), where every edit
        // starts. Opening a year's trajectories for their list was 10,000
        // decryptions.
        let (_tx, store) = self.begin(R::KIND, TransactionMode::ReadOnly)?;
        let values = all_values(&store).await?;
        let mut records = decode_readable(&values);
        sort_by_time(&mut records);
        Ok(records)
    }

    async fn list_between<R: Record>(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<R>, StorageError> {
        let (_tx, store) = self.begin(R::KIND, TransactionMode::ReadOnly)?;
        let range = KeyRange::bound(
            &JsValue::from_str(&utc_millis::format(&from)),
            &JsValue::from_str(&utc_millis::format(&to)),
            Some(false),
            Some(true),
        )
        .map_err(|e| failed(&e))?;
        let values = store
            .index(TIME_INDEX)
            .map_err(|e| failed(&e))?
            .get_all(Some(Query::KeyRange(range)), None)
            .map_err(|e| failed(&e))?
            .await
            .map_err(|e| failed(&e))?;
        // Opened, unlike `list`: today's contacts, whose edit starts from
        // the listed record (reading it by its id instead cost the
        // volunteer app's first load 0.9 kB it does not have).
        #[cfg(not(feature = "worker"))]
        open_values(R::KIND, &values).await;
        let mut records = decode_readable(&values);
        sort_by_time(&mut records);
        Ok(records)
    }

    async fn stored_array(
        &self,
        kind: RecordKind,
        fields: &[&str],
    ) -> Result<String, StorageError> {
        let (_tx, store) = self.begin(kind, TransactionMode::ReadOnly)?;
        let values: js_sys::Array = all_values(&store).await?.into_iter().collect();
        let names: js_sys::Array = fields.iter().map(|f| JsValue::from_str(f)).collect();
        js_sys::JSON::stringify_with_replacer(&values, &names)
            .map(String::from)
            .map_err(|_| StorageError::Corrupt("JSON.stringify".into()))
    }

    async fn list_raw(&self, kind: RecordKind) -> Result<Vec<String>, StorageError> {
        // The apps read in pages by id, a read-only transaction each: a
        // save to the same store waits for one page, not for the read of
        // every record (0.8 s with a year stored, 3 s with five).
        #[cfg(not(feature = "worker"))]
        {
            self.open_check()?;
            let mut texts = Vec::new();
            let mut last = JsValue::UNDEFINED;
            loop {
                let page = read_page(&self.with_options, kind.store_name(), &last, READ_PAGE)
                    .map_err(|e| classify_js(&e))?;
                let page = wasm_bindgen_futures::JsFuture::from(page)
                    .await
                    .map_err(|e| classify_js(&e))?;
                let values: Vec<JsValue> = js_sys::Array::from(&page).to_vec();
                let full = values.len() == READ_PAGE as usize;
                last = values.last().cloned().unwrap_or_default();
                open_values(kind, &values).await;
                texts.extend(travelling_texts(kind, &values)?);
                if !full {
                    return Ok(texts);
                }
            }
        }
        #[cfg(feature = "worker")]
        {
            let (_tx, store) = self.begin(kind, TransactionMode::ReadOnly)?;
            travelling_texts(kind, &all_values(&store).await?)
        }
    }

    async fn mark_shipped(
        &self,
        kind: RecordKind,
        shipped: &[(RecordId, u32)],
    ) -> Result<(), StorageError> {
        // Default durability: lost in a power cut, the records count as
        // pending again and the next export carries them again. In lots,
        // a transaction each: a save a person makes meanwhile waits for
        // one lot at most, not for the marking of a whole year (it waited
        // 15 s behind 38,788 records).
        for lot in shipped.chunks(MARK_LOT) {
            let (tx, store) = self.begin(kind, TransactionMode::ReadWrite)?;
            for (id, revision) in lot {
                let Some(value) = get_js(&store, *id).await?.filter(JsValue::is_object) else {
                    continue;
                };
                // Raised, never lowered, as `raise_shipped` does in JSON.
                let raised = number(&value, "shipped_revision")
                    .unwrap_or(0)
                    .max(*revision);
                js_sys::Reflect::set(
                    &value,
                    &JsValue::from_str("shipped_revision"),
                    &JsValue::from(raised),
                )
                .map_err(|_| StorageError::Failed("set shipped_revision".into()))?;
                index_fields(&value);
                let _ = store.put(&value, None).map_err(|e| failed(&e))?;
            }
            finish(tx, &store).await?;
        }
        Ok(())
    }

    async fn mark_synced(
        &self,
        kind: RecordKind,
        synced: &[(RecordId, u32, String)],
    ) -> Result<(), StorageError> {
        let (tx, store) = self.begin(kind, TransactionMode::ReadWrite)?;
        let requests: Vec<_> = synced
            .iter()
            .map(|(id, _, _)| store.get(Query::Key(key(*id))).map_err(|e| failed(&e)))
            .collect::<Result<_, _>>()?;
        for ((_, revision, rev), request) in synced.iter().zip(requests) {
            let value = request.await.map_err(|e| failed(&e))?;
            let Some(value) = value.filter(JsValue::is_object) else {
                continue;
            };
            // In place: the record is not copied into wasm and back.
            raise_synced_in_place(&value, *revision, rev);
            index_fields(&value);
            let _ = store.put(&value, None).map_err(|e| failed(&e))?;
        }
        finish(tx, &store).await
    }

    async fn remove_synced(
        &self,
        kind: RecordKind,
        records: &[(RecordId, u32)],
    ) -> Result<u32, StorageError> {
        // Default durability: lost in a power cut, the records are still
        // here and the next pass removes them.
        let (tx, store) = self.begin(kind, TransactionMode::ReadWrite)?;
        let mut removed = 0;
        for (id, revision) in records {
            let Some(value) = get_js(&store, *id).await?.filter(JsValue::is_object) else {
                continue;
            };
            let Value::Object(object) = from_js(&value)? else {
                continue;
            };
            if removable(&object, *revision) {
                store
                    .delete(Query::Key(key(*id)))
                    .map_err(|e| failed(&e))?
                    .await
                    .map_err(|e| failed(&e))?;
                removed += 1;
            }
        }
        finish(tx, &store).await?;
        Ok(removed)
    }

    async fn raw_page(
        &self,
        kind: RecordKind,
        page: RawPage<'_>,
    ) -> Result<Vec<String>, StorageError> {
        let (_tx, store) = self.begin(kind, TransactionMode::ReadOnly)?;
        let values = match page {
            RawPage::Pending { limit, leaving_out } => {
                let values = store
                    .index(PENDING_INDEX)
                    .map_err(|e| failed(&e))?
                    .get_all(Some(Query::Key(JsValue::from(1u8))), Some(limit))
                    .map_err(|e| failed(&e))?
                    .await
                    .map_err(|e| failed(&e))?;
                // Left out before they are opened, copied or read.
                let leaving: std::collections::HashSet<String> =
                    leaving_out.iter().map(ToString::to_string).collect();
                let id = JsValue::from_str("id");
                values
                    .into_iter()
                    .filter(|value| {
                        leaving.is_empty()
                            || js_sys::Reflect::get(value, &id)
                                .ok()
                                .and_then(|id| id.as_string())
                                .is_none_or(|id| !leaving.contains(&id))
                    })
                    .collect()
            }
            RawPage::After { after, limit } => {
                let query = match after {
                    Some(after) => Some(Query::KeyRange(
                        KeyRange::lower_bound(&key(after), Some(true)).map_err(|e| failed(&e))?,
                    )),
                    None => None,
                };
                store
                    .get_all(query, Some(limit))
                    .map_err(|e| failed(&e))?
                    .await
                    .map_err(|e| failed(&e))?
            }
        };
        #[cfg(not(feature = "worker"))]
        open_values(kind, &values).await;
        travelling_texts(kind, &values)
    }

    async fn sync_state(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(&[SYNC_STATE_STORE], TransactionMode::ReadOnly)
            .map_err(|e| failed(&e))?;
        let value = tx
            .object_store(SYNC_STATE_STORE)
            .map_err(|e| failed(&e))?
            .get(Query::Key(JsValue::from_str(key)))
            .map_err(|e| failed(&e))?
            .await
            .map_err(|e| failed(&e))?;
        Ok(value.and_then(|v| v.as_string()))
    }

    async fn set_sync_state(&self, key: &str, value: Option<&str>) -> Result<(), StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(&[SYNC_STATE_STORE], TransactionMode::ReadWrite)
            .map_err(|e| failed(&e))?;
        let store = tx.object_store(SYNC_STATE_STORE).map_err(|e| failed(&e))?;
        let key = JsValue::from_str(key);
        let _ = match value {
            Some(value) => store
                .put(&JsValue::from_str(value), Some(&key))
                .map_err(|e| failed(&e))?,
            None => {
                store.delete(Query::Key(key)).map_err(|e| failed(&e))?;
                return finish(tx, &store).await;
            }
        };
        finish(tx, &store).await
    }

    async fn judge(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
    ) -> Result<Vec<Verdict>, StorageError> {
        let (_tx, store) = self.begin(kind, TransactionMode::ReadOnly)?;
        let mut stored = stored_objects(&store, incoming).await?;
        open_stored(kind, &mut stored);
        Ok(incoming
            .iter()
            .zip(&stored)
            .map(|(i, here)| judge(here.as_ref(), &i.record))
            .collect())
    }

    async fn merge(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
        from_server: bool,
    ) -> Result<Vec<Verdict>, StorageError> {
        let sealer = RecordSealer::new(kind);
        let (tx, store, conflicts) = self.begin_merge(kind)?;
        let stored = stored_objects(&store, incoming).await?;
        let merge = MergeBatch {
            kind,
            incoming,
            from_server,
            sealer: &sealer,
        };
        // A failure part way (a text that would not seal) writes nothing.
        let verdicts = merge
            .write(&store, &conflicts, stored, None)
            .inspect_err(|_| {
                let _ = store.transaction().abort();
            })?;
        finish(tx, &store).await?;
        Ok(verdicts)
    }

    async fn merge_batches(
        &self,
        kind: RecordKind,
        incoming: &[Incoming],
        batch: usize,
        from_server: bool,
        merged: &mut dyn FnMut(Vec<Verdict>),
    ) -> Result<(), StorageError> {
        // While the browser stores one batch (most of an import's time is
        // the commit), this thread makes the next batch's records ready as
        // if none of them were stored here yet (`MergeBatch::new_records`);
        // each is judged again against what its own transaction reads, and
        // one that is stored is made again. A batch's transaction starts
        // only when the one before has ended (same store), so its reads see
        // everything written before it.
        let sealer = RecordSealer::new(kind);
        let batches: Vec<MergeBatch> = incoming
            .chunks(batch.max(1))
            .map(|incoming| MergeBatch {
                kind,
                incoming,
                from_server,
                sealer: &sealer,
            })
            .collect();
        let mut ready = batches.first().map(MergeBatch::new_records).transpose()?;
        let mut storing: Option<(idb::TransactionFuture, idb::Transaction, Vec<Verdict>)> = None;
        for (n, merge) in batches.iter().enumerate() {
            let (tx, store, conflicts) = self.begin_merge(kind)?;
            let stored = stored_objects(&store, merge.incoming).await;
            if let Some((done, handle, verdicts)) = storing.take() {
                // Its transaction has ended: this one's reads were answered.
                if let Err(error) = ended(done, &handle).await {
                    let _ = tx.abort();
                    return Err(error);
                }
                merged(verdicts);
            }
            let stored = stored?;
            let all_new = stored.iter().all(Option::is_none);
            // A failure part way (a text that would not seal) writes
            // nothing of this batch.
            let verdicts = merge
                .write(&store, &conflicts, stored, ready.take())
                .inspect_err(|_| {
                    let _ = store.transaction().abort();
                })?;
            let handle = store.transaction();
            storing = Some((std::future::IntoFuture::into_future(tx), handle, verdicts));
            // Made ready while that batch is stored; not when this one held
            // stored records (an import done twice would make every record
            // twice).
            if all_new {
                ready = batches
                    .get(n + 1)
                    .map(MergeBatch::new_records)
                    .transpose()?;
            }
        }
        if let Some((done, handle, verdicts)) = storing {
            ended(done, &handle).await?;
            merged(verdicts);
        }
        Ok(())
    }

    async fn kept_versions(&self) -> Result<Vec<KeptVersion>, StorageError> {
        self.open_check()?;
        let mut names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.store_name()).collect();
        names.push(CONFLICTS_STORE);
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadOnly)
            .map_err(|e| failed(&e))?;
        let kept = all_values(&tx.object_store(CONFLICTS_STORE).map_err(|e| failed(&e))?).await?;
        let mut out = Vec::with_capacity(kept.len());
        for value in kept {
            let Value::Object(kept) = from_js(&value)? else {
                continue;
            };
            let Some(kind) = super::memory::kind_of(&kept) else {
                continue;
            };
            let Some(id) = kept
                .get("id")
                .and_then(Value::as_str)
                .and_then(|t| uuid::Uuid::parse_str(t).ok())
                .map(RecordId)
            else {
                continue;
            };
            let store = tx.object_store(kind.store_name()).map_err(|e| failed(&e))?;
            let stored = match get_js(&store, id).await? {
                Some(value) => match from_js(&value)? {
                    Value::Object(mut object) => {
                        object.remove(PENDING_FIELD);
                        object.remove(TOMBSTONE_FIELD);
                        Some(object)
                    }
                    _ => None,
                },
                None => None,
            };
            out.push(KeptVersion {
                kind,
                id,
                stored,
                kept,
            });
        }
        // Shown side by side: opened after the transaction.
        for version in &mut out {
            version.kept = opened_map(version.kind, std::mem::take(&mut version.kept)).await?;
            if let Some(stored) = version.stored.take() {
                version.stored = Some(opened_map(version.kind, stored).await?);
            }
        }
        Ok(out)
    }

    async fn resolve(
        &self,
        kind: RecordKind,
        id: RecordId,
        stored_revision: u32,
        chosen: &Map<String, Value>,
        updated_at: &str,
    ) -> Result<(), StorageError> {
        // Sealed before the transaction, as a save is.
        let chosen = &{
            let value = object_to_js(chosen)?;
            seal_value(kind, &value).await?;
            match from_js(&value)? {
                Value::Object(sealed) => sealed,
                _ => return Err(StorageError::Failed("the chosen version".into())),
            }
        };
        let tx = self.begin_strict(&[kind.store_name(), CONFLICTS_STORE])?;
        let store = tx.object_store(kind.store_name()).map_err(|e| failed(&e))?;
        let conflicts = tx.object_store(CONFLICTS_STORE).map_err(|e| failed(&e))?;
        let stored = match get_js(&store, id).await? {
            Some(value) => from_js(&value)?,
            None => {
                let _ = tx.abort();
                return Err(StorageError::NotFound);
            }
        };
        let Value::Object(stored) = stored else {
            let _ = tx.abort();
            return Err(StorageError::NotFound);
        };
        if stored.get("revision").and_then(Value::as_u64) != Some(u64::from(stored_revision)) {
            let _ = tx.abort();
            return Err(StorageError::Conflict);
        }
        let record = crate::domain::merge::resolution(&stored, chosen, updated_at);
        let value = object_to_js(&record)?;
        index_fields(&value);
        let _ = store.put(&value, None).map_err(|e| failed(&e))?;
        let _ = conflicts
            .delete(Query::KeyRange(conflict_range(kind, id)?))
            .map_err(|e| failed(&e))?;
        finish(tx, &store).await
    }

    async fn conflict_count(&self) -> Result<u32, StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(&[CONFLICTS_STORE], TransactionMode::ReadOnly)
            .map_err(|e| failed(&e))?;
        tx.object_store(CONFLICTS_STORE)
            .map_err(|e| failed(&e))?
            .count(None)
            .map_err(|e| failed(&e))?
            .await
            .map_err(|e| failed(&e))
    }

    /// Counted on the pending index: no record is read or decoded.
    async fn pending_count(&self) -> Result<u32, StorageError> {
        Ok(self.counts(&RecordKind::ALL, false).await?.iter().sum())
    }

    async fn stats(&self) -> Result<StoreStats, StorageError> {
        self.stats_of(&RecordKind::ALL).await
    }

    async fn kind_stats(&self, kind: RecordKind) -> Result<StoreStats, StorageError> {
        self.stats_of(&[kind]).await
    }

    async fn responses_at(&self, activity: &str) -> Result<u32, StorageError> {
        // A response's `activity` is indexed where it has one; tombstones
        // have none.
        let (_tx, store) = self.begin(RecordKind::SurveyResponse, TransactionMode::ReadOnly)?;
        let index = store.index(ACTIVITY_INDEX).map_err(|e| failed(&e))?;
        counted(index.count(Some(Query::Key(JsValue::from_str(activity))))).await
    }

    async fn response_count(&self, survey_id: &str) -> Result<(u32, u32), StorageError> {
        // On the survey index: keys `[survey_id, pending]`, one per live
        // response this version can read (a tombstone has no survey id).
        let (_tx, store) = self.begin(RecordKind::SurveyResponse, TransactionMode::ReadOnly)?;
        let index = store.index(SURVEY_INDEX).map_err(|e| failed(&e))?;
        let key = |pending: u8| {
            let key = js_sys::Array::of2(&JsValue::from_str(survey_id), &JsValue::from(pending));
            JsValue::from(key)
        };
        let all =
            KeyRange::bound(&key(0), &key(1), Some(false), Some(false)).map_err(|e| failed(&e))?;
        let stored = counted(index.count(Some(Query::KeyRange(all)))).await?;
        let pending = counted(index.count(Some(Query::Key(key(1))))).await?;
        Ok((stored, pending))
    }
}

/// The keys of every kept version of one record.
fn conflict_range(kind: RecordKind, id: RecordId) -> Result<KeyRange, StorageError> {
    let prefix = conflict_prefix(kind, id);
    KeyRange::bound(
        &JsValue::from_str(&prefix),
        &JsValue::from_str(&format!("{prefix}\u{ffff}")),
        Some(false),
        Some(false),
    )
    .map_err(|e| failed(&e))
}

/// Decodes the live records this version can read; tombstones (no content)
/// and unreadable records stay stored, untouched, and are counted by `stats`.
fn decode_readable<R: Record>(values: &[JsValue]) -> Vec<R> {
    values
        .iter()
        .filter_map(|v| js_text(v).ok())
        .filter_map(|text| decode_live(&text).ok().flatten())
        .collect()
}
