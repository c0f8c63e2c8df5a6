//! A small database of its own, `wijkpeil-keys`, for the organisation's
//! answer key on a coordinator's device (`crate::sealing`): the private key
//! as the browser's `CryptoKey` object with its public key. Apart from the
//! records' database so that the lock page, which manages the key, opens
//! no record store, and so that no export, import or sync touches it.
//! Wiping the device deletes it too.

use super::StorageError;
use idb::{DatabaseEvent, Factory, ObjectStoreParams, Query, TransactionMode, TransactionResult};
use wasm_bindgen::JsValue;

pub const KEYS_DB: &str = "wijkpeil-keys";
const STORE: &str = "keys";
/// Under this name: `{ private: CryptoKey, public: <base64url> }`.
pub const ANSWER_KEY: &str = "answer-key";

fn failed(error: impl std::fmt::Display) -> StorageError {
    StorageError::Failed(error.to_string())
}

async fn open() -> Result<idb::Database, StorageError> {
    let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
    let mut request = factory
        .open(KEYS_DB, Some(1))
        .map_err(|e| StorageError::Unavailable(e.to_string()))?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let _ = db.create_object_store(STORE, ObjectStoreParams::new());
        }
    });
    request.await.map_err(failed)
}

/// The value kept under `name`, if any.
pub async fn get(name: &str) -> Result<Option<JsValue>, StorageError> {
    let db = open().await?;
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadOnly)
        .map_err(failed)?;
    let value = tx
        .object_store(STORE)
        .map_err(failed)?
        .get(Query::Key(JsValue::from_str(name)))
        .map_err(failed)?
        .await
        .map_err(failed);
    db.close();
    value
}

/// Keeps `value` under `name`; Ok once the transaction has committed.
pub async fn put(name: &str, value: &JsValue) -> Result<(), StorageError> {
    let db = open().await?;
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadWrite)
        .map_err(failed)?;
    let store = tx.object_store(STORE).map_err(failed)?;
    let _ = store
        .put(value, Some(&JsValue::from_str(name)))
        .map_err(failed)?;
    let done = tx.await;
    db.close();
    match done {
        Ok(TransactionResult::Committed) => Ok(()),
        _ => Err(StorageError::Failed("the key was not kept".into())),
    }
}
