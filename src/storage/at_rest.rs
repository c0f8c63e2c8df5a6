//! Free text at rest in the browser (docs/SECURITY.md; `domain::at_rest`
//! has the fields and the format): the IndexedDB store encrypts a record's
//! free text before it writes it and decrypts it after it reads it, when
//! this tab holds the device's text key (sessionStorage, put there by the
//! lock page on unlock and removed on lock).
//!
//! In the apps the AES-256-GCM is WebCrypto's, called through
//! `public/at-rest.js` (plain JavaScript beside the wasm: the volunteer
//! app's wasm has no room for the bindings, nor for a JSON tree of each
//! record), which walks the stored JS objects at
//! `domain::at_rest::free_text_paths` and changes them in place, one call
//! per record or per list. A loader of a few bytes imports the module at
//! the first record that needs it, so it is no part of any app's first
//! load (the service worker keeps it for offline use). Without it a save that
//! must encrypt fails and a read leaves the text encrypted.
//!
//! The data worker gets the tab's key with every request
//! (`app::data_worker`, `set_worker_key`) and uses the Rust cipher
//! (`domain::at_rest::cipher`), which works inside a transaction.

use super::StorageError;
use crate::domain::at_rest::has_free_text;
use crate::domain::record::RecordKind;
#[cfg(not(feature = "worker"))]
use {crate::domain::at_rest::free_text_paths_joined, js_sys::Array, wasm_bindgen::JsValue};

/// The data worker's request to seal the free text a device kept in the
/// clear before its text key (`IdbStore::seal_plain_texts`); an app sends
/// it when its tab holds the key and the store does not say it was done
/// (`indexeddb::AT_REST_STATE`).
pub const SEAL_TEXTS: &str = "seal-texts";

/// Why a save failed when its free text could not be encrypted.
pub const NOT_SEALED: &str = "the free text could not be encrypted";

/// The key a record of `kind` is sealed and opened with here: this tab's
/// (the data worker's: the one its last request came with), when records
/// of `kind` hold free text. The survey app holds none (a kiosk runs
/// locked, and it writes responses only), so it carries none of this.
pub fn key_for(kind: RecordKind) -> Option<String> {
    if cfg!(feature = "resident") || !has_free_text(kind) {
        return None;
    }
    tab_key()
}

/// This tab's text key (base64url), whatever the kind.
#[cfg(not(feature = "worker"))]
pub fn tab_key() -> Option<String> {
    super::settings_store::text_key()
}

#[cfg(feature = "worker")]
thread_local! {
    static WORKER_KEY: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The key of the page's request the worker handles now (none when the
/// tab that sent it holds none).
#[cfg(feature = "worker")]
pub fn set_worker_key(key: Option<String>) {
    WORKER_KEY.with(|cell| *cell.borrow_mut() = key.filter(|k| !k.is_empty()));
}

#[cfg(feature = "worker")]
pub fn tab_key() -> Option<String> {
    WORKER_KEY.with(|cell| cell.borrow().clone())
}

/// The worker's cipher for records of `kind`, when it holds a key.
#[cfg(feature = "worker")]
pub fn cipher_for(kind: RecordKind) -> Option<crate::domain::at_rest::cipher::TextCipher> {
    key_for(kind).and_then(|key| crate::domain::at_rest::cipher::TextCipher::from_text(&key))
}

/// Nonces drawn from the browser's `crypto` a few dozen at a time: each
/// is random and used once; one call for many saves the calls across the
/// wasm boundary that an import of 100,000 records made one by one.
#[cfg(feature = "worker")]
struct NoncePool {
    crypto: Option<web_sys::Crypto>,
    bytes: [u8; NONCE_POOL * crate::domain::at_rest::NONCE_BYTES],
    used: usize,
}

/// Nonces per draw from `crypto`.
#[cfg(feature = "worker")]
const NONCE_POOL: usize = 64;

#[cfg(feature = "worker")]
impl NoncePool {
    fn new() -> Self {
        use wasm_bindgen::JsCast;
        let crypto = js_sys::global()
            .unchecked_into::<web_sys::WorkerGlobalScope>()
            .crypto()
            .ok();
        Self {
            crypto,
            bytes: [0; NONCE_POOL * crate::domain::at_rest::NONCE_BYTES],
            used: NONCE_POOL,
        }
    }

    /// A fresh nonce; `None` when the browser gave no random bytes.
    fn next(&mut self) -> Option<[u8; crate::domain::at_rest::NONCE_BYTES]> {
        const N: usize = crate::domain::at_rest::NONCE_BYTES;
        if self.used == NONCE_POOL {
            self.crypto
                .as_ref()?
                .get_random_values_with_u8_array(&mut self.bytes)
                .ok()?;
            self.used = 0;
        }
        let at = self.used * N;
        self.used += 1;
        self.bytes[at..at + N].try_into().ok()
    }
}

/// Seals the free text of the records one transaction writes: the key is
/// expanded once (`cipher`), not for every record, and the nonces come
/// from one pool.
#[cfg(feature = "worker")]
pub struct Sealer<'c> {
    kind: RecordKind,
    cipher: &'c crate::domain::at_rest::cipher::TextCipher,
    nonces: NoncePool,
}

#[cfg(feature = "worker")]
impl<'c> Sealer<'c> {
    pub fn new(kind: RecordKind, cipher: &'c crate::domain::at_rest::cipher::TextCipher) -> Self {
        Self {
            kind,
            cipher,
            nonces: NoncePool::new(),
        }
    }

    /// Seals the free text of the stored record `map` (fields already
    /// sealed stay); false when it failed.
    pub fn seal(&mut self, map: &mut serde_json::Map<String, serde_json::Value>) -> bool {
        let nonces = &mut self.nonces;
        self.cipher.seal_record(self.kind, map, || nonces.next())
    }
}

/// Seals the free text of the stored record `map` of `kind` with `cipher`
/// (fields already sealed stay); false when it failed.
#[cfg(feature = "worker")]
pub fn seal_map(
    kind: RecordKind,
    cipher: &crate::domain::at_rest::cipher::TextCipher,
    map: &mut serde_json::Map<String, serde_json::Value>,
) -> bool {
    Sealer::new(kind, cipher).seal(map)
}

/// Encrypts the free text of the stored object `record` (of `kind`) in
/// place with `key`; a text already encrypted stays as it is. An error,
/// and nothing to store, when it failed: free text is never stored in the
/// clear by mistake.
#[cfg(feature = "worker")]
pub async fn seal(
    kind: RecordKind,
    key: &str,
    record: &wasm_bindgen::JsValue,
) -> Result<(), StorageError> {
    let failed = || StorageError::Failed(NOT_SEALED.into());
    let cipher = crate::domain::at_rest::cipher::TextCipher::from_text(key).ok_or_else(failed)?;
    rewrite(kind, record, |map| seal_map(kind, &cipher, map)).ok_or_else(failed)
}

/// Decrypts the free text of the stored objects `records` in place; a
/// field that does not open stays encrypted.
#[cfg(feature = "worker")]
pub async fn open(kind: RecordKind, key: &str, records: &[wasm_bindgen::JsValue]) {
    if let Some(cipher) = crate::domain::at_rest::cipher::TextCipher::from_text(key) {
        for record in records {
            let _ = rewrite(kind, record, |map| {
                cipher.open_record(kind, map);
                true
            });
        }
    }
}

/// Opens the free text of stored records of `kind` given as JSON text;
/// a text without an encrypted field is left as it is, unparsed, and so is
/// one that does not read as a JSON object.
#[cfg(feature = "worker")]
pub fn open_texts(
    kind: RecordKind,
    cipher: &crate::domain::at_rest::cipher::TextCipher,
    texts: &mut [String],
) {
    for text in texts
        .iter_mut()
        .filter(|text| text.contains(crate::domain::at_rest::PREFIX))
    {
        let Ok(mut map) = serde_json::from_str::<serde_json::Map<_, _>>(text) else {
            continue;
        };
        cipher.open_record(kind, &mut map);
        if let Ok(opened) = serde_json::to_string(&map) {
            *text = opened;
        }
    }
}

/// Applies `change` to the JSON of the stored object `record` of `kind`
/// and writes its free-text members back into the object; `None` when
/// `change` said no or `record` is no object.
#[cfg(feature = "worker")]
fn rewrite(
    kind: RecordKind,
    record: &wasm_bindgen::JsValue,
    change: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>) -> bool,
) -> Option<()> {
    use wasm_bindgen::JsValue;
    let text = js_sys::JSON::stringify(record).ok()?.as_string()?;
    let mut map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).ok()?;
    if !change(&mut map) {
        return None;
    }
    for path in crate::domain::at_rest::free_text_paths(kind) {
        let name = path.split('.').next().unwrap_or(path);
        if let Some(value) = map.get(name) {
            let value = js_sys::JSON::parse(&value.to_string()).ok()?;
            js_sys::Reflect::set(record, &JsValue::from_str(name), &value).ok()?;
        }
    }
    Some(())
}

/// Calls `at-rest.js`'s `method` on `records` (stored objects of `kind`);
/// false when the script is missing or failed (offline before the service
/// worker kept it, say).
#[cfg(not(feature = "worker"))]
async fn call(method: &str, kind: RecordKind, key: &str, records: &Array) -> bool {
    match super::indexeddb::at_rest_js(method, key, free_text_paths_joined(kind), records) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Encrypts the free text of the stored object `record` in place (a
/// text already encrypted, one this tab could not open, stays as it is).
/// An error, and nothing to store, when it failed: free text is never
/// stored in the clear by mistake.
#[cfg(not(feature = "worker"))]
pub async fn seal(kind: RecordKind, key: &str, record: &JsValue) -> Result<(), StorageError> {
    if call("seal", kind, key, &Array::of1(record)).await {
        Ok(())
    } else {
        Err(StorageError::Failed(NOT_SEALED.into()))
    }
}

/// Decrypts the free text of the stored objects `records` in place; a
/// field that does not open stays encrypted (never shown as its text).
#[cfg(not(feature = "worker"))]
pub async fn open(kind: RecordKind, key: &str, records: &[JsValue]) {
    let records: Array = records.iter().collect();
    let _ = call("open", kind, key, &records).await;
}
