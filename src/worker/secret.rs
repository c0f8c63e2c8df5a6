//! The sync password, sealed: encrypted with AES-GCM under a key that the
//! browser made for this origin as not extractable, so the key never
//! exists as bytes that script, an export or a copy of the database could
//! read. What is stored (`sync_state` "secret") is the nonce and the cipher
//! text; the password is opened in memory for a sync and never sent back
//! to the page.

use crate::domain::hex::{hex, unhex};
use crate::storage::indexeddb::IdbStore;
use crate::storage::StorageError;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, SubtleCrypto, WorkerGlobalScope};

fn subtle() -> Result<(web_sys::Crypto, SubtleCrypto), JsValue> {
    let crypto = js_sys::global()
        .unchecked_into::<WorkerGlobalScope>()
        .crypto()?;
    let subtle = crypto.subtle();
    Ok((crypto, subtle))
}

async fn key(store: &IdbStore) -> Result<CryptoKey, JsValue> {
    if let Some(key) = store.secret_key().await.map_err(storage)? {
        return Ok(key.unchecked_into());
    }
    let (_, subtle) = subtle()?;
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let params = AesKeyGenParams::new("AES-GCM", 256);
    let key = JsFuture::from(subtle.generate_key_with_object(&params, false, &usages)?).await?;
    store.set_secret_key(&key).await.map_err(storage)?;
    Ok(key.unchecked_into())
}

fn storage(error: StorageError) -> JsValue {
    JsValue::from_str(&error.to_string())
}

/// Encrypts `password`; the text to store.
pub async fn seal(store: &IdbStore, password: &str) -> Result<String, JsValue> {
    let key = key(store).await?;
    let (crypto, subtle) = subtle()?;
    let mut nonce = [0u8; 12];
    crypto.get_random_values_with_u8_array(&mut nonce)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&nonce[..]));
    let plain = password.as_bytes().to_vec();
    let sealed =
        JsFuture::from(subtle.encrypt_with_object_and_u8_array(&params, &key, &plain)?).await?;
    let sealed = Uint8Array::new(&sealed).to_vec();
    Ok(format!("{}:{}", hex(&nonce), hex(&sealed)))
}

/// Decrypts what `seal` stored.
pub async fn open(store: &IdbStore, sealed: &str) -> Result<String, JsValue> {
    let key = key(store).await?;
    let (_, subtle) = subtle()?;
    let (nonce, data) = sealed
        .split_once(':')
        .and_then(|(n, d)| Some((unhex(n)?, unhex(d)?)))
        .ok_or_else(|| JsValue::from_str("sealed password unreadable"))?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&nonce[..]));

    let plain =
        JsFuture::from(subtle.decrypt_with_object_and_u8_array(&params, &key, &data)?).await?;
    String::from_utf8(Uint8Array::new(&plain).to_vec())
        .map_err(|_| JsValue::from_str("sealed password unreadable"))
}
