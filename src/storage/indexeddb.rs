//! The IndexedDB `RecordStore` (over the `idb` crate), with schema versions.
//!
//! Durability: every write awaits the transaction's `complete` event, so when
//! a method returns `Ok` the data is on disk and the UI may say "opgeslagen".
//! A failed request or an aborted transaction (a full disk among them) is
//! mapped to a `StorageError`; IndexedDB rolls the whole transaction back, so
//! stored data is untouched.
//!
//! Schema history (the database version):
//! - 1: object store `contacts`, key path `id`.
//! - 2: index `by_occurred_at` on `contacts`; contact records migrate from
//!   schema 1 to 2 (see `domain::migrate`) right after opening.
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
//!   then an index count, not a read of every record. Records stored before
//!   get the field once, right after the upgrade.

use super::memory::{decode_live, tally};
use super::{
    check_next_revision, raise_shipped, sort_by_time, RecordStore, StorageError, StoreStats,
};
use crate::domain::entry::Record;
use crate::domain::record::{utc_millis, RecordId, RecordKind};
use chrono::{DateTime, Utc};
use idb::{
    Database, DatabaseEvent, Event, Factory, KeyPath, KeyRange, ObjectStore, ObjectStoreParams,
    Query, Request, Transaction, TransactionMode, TransactionResult,
};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

pub const DB_NAME: &str = "wijkpeil";
pub const DB_VERSION: u32 = 6;
pub const TIME_INDEX: &str = "by_occurred_at";
pub const PENDING_INDEX: &str = "by_pending";
const PENDING_FIELD: &str = "pending";

pub struct IdbStore {
    db: Database,
}

impl IdbStore {
    /// Opens (creating or upgrading) the database, then rewrites records
    /// that are stored in an older schema.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(name, Some(DB_VERSION))
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let from_version = std::rc::Rc::new(std::cell::Cell::new(None));
        let seen = from_version.clone();
        request.on_upgrade_needed(move |event| {
            seen.set(event.old_version().ok());
            if let Err(error) = upgrade(&event) {
                web_sys::console::error_1(&JsValue::from_str(&error.to_string()));
                if let Some(tx) = event.target().ok().and_then(|r| r.transaction()) {
                    let _ = tx.abort();
                }
            }
        });
        let db = request.await.map_err(|e| classify_open(&e))?;
        let store = Self { db };
        store
            .migrate_records::<crate::domain::contact::Contact>()
            .await?;
        if matches!(from_version.get(), Some(old) if old > 0 && old < 6) {
            store.backfill_pending().await?;
        }
        Ok(store)
    }

    /// Gives every stored record its `pending` field (after the upgrade to
    /// version 6), in one transaction over all stores.
    async fn backfill_pending(&self) -> Result<(), StorageError> {
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.store_name()).collect();
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadWrite)
            .map_err(|e| failed(&e))?;
        let mut last = None;
        for name in names {
            let store = tx.object_store(name).map_err(|e| failed(&e))?;
            let values = all_values(&store).await?;
            for value in values {
                if value.is_object() {
                    set_pending_flag(&value)?;
                    let _ = store.put(&value, None).map_err(|e| failed(&e))?;
                }
            }
            last = Some(store);
        }
        match last {
            Some(store) => finish(tx, &store).await,
            None => Ok(()),
        }
    }

    /// Rewrites every record of kind `R` that decoded from an older schema,
    /// all in one transaction. Unreadable records are left as they are.
    async fn migrate_records<R: Record>(&self) -> Result<(), StorageError> {
        let (tx, store) = self.begin(R::KIND, TransactionMode::ReadWrite)?;
        let values = all_values(&store).await?;
        for value in values {
            if let Ok(decoded) = R::from_stored(&js_text(&value)?) {
                if decoded.migrated {
                    let _ = store
                        .put(&with_pending_flag(&decoded.record)?, None)
                        .map_err(|e| failed(&e))?;
                }
            }
        }
        finish(tx, &store).await
    }

    fn begin(
        &self,
        kind: RecordKind,
        mode: TransactionMode,
    ) -> Result<(Transaction, ObjectStore), StorageError> {
        let tx = self
            .db
            .transaction(&[kind.store_name()], mode)
            .map_err(|e| failed(&e))?;
        let store = tx.object_store(kind.store_name()).map_err(|e| failed(&e))?;
        Ok((tx, store))
    }

    /// Closes the connection (tests, and before deleting the database).
    pub fn close(&self) {
        self.db.close();
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
        // Every store, old or just made, gets the pending index.
        let tx = event
            .target()?
            .transaction()
            .ok_or(idb::Error::EventTargetNotFound)?;
        for kind in RecordKind::ALL {
            let store = tx.object_store(kind.store_name())?;
            if !store.index_names().iter().any(|n| n == PENDING_INDEX) {
                store.create_index(PENDING_INDEX, KeyPath::new_single(PENDING_FIELD), None)?;
            }
        }
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

/// Sets the `pending` field of a stored JS object from its revisions.
fn set_pending_flag(value: &JsValue) -> Result<(), StorageError> {
    let number = |field: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(field))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    let pending = u8::from(number("revision") > number("shipped_revision"));
    js_sys::Reflect::set(
        value,
        &JsValue::from_str(PENDING_FIELD),
        &JsValue::from(pending),
    )
    .map(|_| ())
    .map_err(|_| StorageError::Failed("set pending".into()))
}

/// A record as a JS object with its `pending` field, ready to store.
fn with_pending_flag<R: Record>(record: &R) -> Result<JsValue, StorageError> {
    let value = to_js(record)?;
    set_pending_flag(&value)?;
    Ok(value)
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

async fn get_raw(store: &ObjectStore, id: RecordId) -> Result<Option<Value>, StorageError> {
    get_js(store, id).await?.map(|v| from_js(&v)).transpose()
}

impl RecordStore for IdbStore {
    async fn insert<R: Record>(&self, record: &R) -> Result<(), StorageError> {
        let (tx, store) = self.begin(R::KIND, TransactionMode::ReadWrite)?;
        // Checked in the same transaction, so nothing can slip in between;
        // `add` would also refuse, but its abort does not say why.
        if get_raw(&store, record.meta().id).await?.is_some() {
            let _ = tx.abort();
            return Err(StorageError::Conflict);
        }
        let _ = store
            .add(&with_pending_flag(record)?, None)
            .map_err(|e| failed(&e))?;
        finish(tx, &store).await
    }

    async fn update<R: Record>(&self, record: &R) -> Result<(), StorageError> {
        let (tx, store) = self.begin(R::KIND, TransactionMode::ReadWrite)?;
        let stored = get_raw(&store, record.meta().id).await?;
        let number = |key: &str| {
            stored
                .as_ref()
                .and_then(|v| v.get(key))
                .and_then(Value::as_u64)
                .map(|n| n as u32)
        };
        if let Err(error) = check_next_revision(number("revision"), record.meta().revision) {
            let _ = tx.abort();
            return Err(error);
        }
        let mut record = record.clone();
        let meta = record.meta_mut();
        meta.shipped_revision = meta
            .shipped_revision
            .max(number("shipped_revision").unwrap_or(0));
        let _ = store
            .put(&with_pending_flag(&record)?, None)
            .map_err(|e| failed(&e))?;
        finish(tx, &store).await
    }

    async fn get<R: Record>(&self, id: RecordId) -> Result<Option<R>, StorageError> {
        let (_tx, store) = self.begin(R::KIND, TransactionMode::ReadOnly)?;
        match get_js(&store, id).await? {
            Some(value) => decode_live(&js_text(&value)?),
            None => Ok(None),
        }
    }

    async fn list<R: Record>(&self) -> Result<Vec<R>, StorageError> {
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
        let mut records = decode_readable(&values);
        sort_by_time(&mut records);
        Ok(records)
    }

    async fn list_raw(&self, kind: RecordKind) -> Result<Vec<String>, StorageError> {
        let (_tx, store) = self.begin(kind, TransactionMode::ReadOnly)?;
        let values = all_values(&store).await?;
        // The pending flag is this device's index bookkeeping, not data.
        values
            .iter()
            .map(|value| {
                let _ = js_sys::Reflect::delete_property(
                    value.unchecked_ref::<js_sys::Object>(),
                    &JsValue::from_str(PENDING_FIELD),
                );
                js_text(value)
            })
            .collect()
    }

    async fn mark_shipped(
        &self,
        kind: RecordKind,
        shipped: &[(RecordId, u32)],
    ) -> Result<(), StorageError> {
        let (tx, store) = self.begin(kind, TransactionMode::ReadWrite)?;
        for (id, revision) in shipped {
            if let Some(Value::Object(mut object)) = get_raw(&store, *id).await? {
                raise_shipped(&mut object, *revision);
                let text = Value::Object(object).to_string();
                let value = js_sys::JSON::parse(&text)
                    .map_err(|_| StorageError::Failed("JSON.parse".into()))?;
                set_pending_flag(&value)?;
                let _ = store.put(&value, None).map_err(|e| failed(&e))?;
            }
        }
        finish(tx, &store).await
    }

    /// Counted on the pending index: no record is read or decoded.
    async fn pending_count(&self) -> Result<u32, StorageError> {
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.store_name()).collect();
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadOnly)
            .map_err(|e| failed(&e))?;
        let mut total = 0;
        for name in names {
            total += tx
                .object_store(name)
                .map_err(|e| failed(&e))?
                .index(PENDING_INDEX)
                .map_err(|e| failed(&e))?
                .count(Some(Query::Key(JsValue::from(1u8))))
                .map_err(|e| failed(&e))?
                .await
                .map_err(|e| failed(&e))?;
        }
        Ok(total)
    }

    async fn kind_stats(&self, kind: RecordKind) -> Result<StoreStats, StorageError> {
        let mut stats = StoreStats::default();
        let (_tx, store) = self.begin(kind, TransactionMode::ReadOnly)?;
        let values = all_values(&store).await?;
        for value in &values {
            tally(&mut stats, &from_js(value)?);
        }
        Ok(stats)
    }
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
