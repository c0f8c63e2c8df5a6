//! The staff codes in the browser: PBKDF2-SHA-256 through WebCrypto, and a
//! try at a code with its wait after wrong tries (`domain::lock` has the
//! rules). Used by the lock page (`/ontgrendelen/`) only (a kiosk's staff
//! button leads there); the staff apps only read the session it leaves.

use crate::domain::at_rest::{EncryptedField, KEY_BYTES, NONCE_BYTES};
use crate::domain::base64url;
use crate::domain::hex::{hex, unhex};
use crate::domain::lock::{
    same_hash, wrap_context, Credential, LockConfig, Role, Session, TextKey, WrappedKey,
    PBKDF2_ITERATIONS,
};
use crate::storage::settings_store;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, Pbkdf2Params};

fn crypto() -> Result<web_sys::Crypto, JsValue> {
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .crypto()
}

/// The 32 bytes PBKDF2-SHA-256 derives from `code` and `salt`.
async fn derive(code: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, JsValue> {
    let subtle = crypto()?.subtle();
    let key = JsFuture::from(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(code.as_bytes()),
        "PBKDF2",
        false,
        &Array::of1(&"deriveBits".into()),
    )?)
    .await?
    .unchecked_into::<CryptoKey>();
    let params = Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    let bits = JsFuture::from(subtle.derive_bits_with_object(&params, &key, 256)?).await?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// A new credential for `code`, with a fresh random salt.
pub async fn credential(code: &str) -> Result<Credential, JsValue> {
    let mut salt = [0u8; 16];
    crypto()?.get_random_values_with_u8_array(&mut salt)?;
    let hash = derive(code, &salt, PBKDF2_ITERATIONS).await?;
    Ok(Credential {
        salt: hex(&salt),
        iterations: PBKDF2_ITERATIONS,
        hash: hex(&hash),
    })
}

fn random<const N: usize>() -> Result<[u8; N], JsValue> {
    let mut bytes = [0u8; N];
    crypto()?.get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

/// The AES-256-GCM key that wraps the text key for one code: PBKDF2 of the
/// code with the wrapping's own salt (not the code hash's).
async fn wrapping_key(code: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, JsValue> {
    let bits = derive(code, salt, iterations).await?;
    let subtle = crypto()?.subtle();
    Ok(JsFuture::from(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(bits.as_slice()),
        "AES-GCM",
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    )?)
    .await?
    .unchecked_into())
}

fn gcm(nonce: &[u8], role: Role) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(nonce));
    params.set_additional_data(&Uint8Array::from(wrap_context(role).as_bytes()));
    params
}

/// The text key `raw` wrapped under `code` of `role`.
pub async fn wrap_text_key(raw: &[u8], code: &str, role: Role) -> Result<WrappedKey, JsValue> {
    wrap_with(raw, code, role, PBKDF2_ITERATIONS).await
}

/// The text key `raw` wrapped for `role` until its first unlock, under
/// its stored code hash (`WrappedKey::from_hash`): one iteration, since
/// the hash is already a slow derivation of the code.
async fn wrap_from_hash(raw: &[u8], hash: &str, role: Role) -> Result<WrappedKey, JsValue> {
    let mut wrapped = wrap_with(raw, hash, role, 1).await?;
    wrapped.from_hash = true;
    Ok(wrapped)
}

async fn wrap_with(
    raw: &[u8],
    code: &str,
    role: Role,
    iterations: u32,
) -> Result<WrappedKey, JsValue> {
    let salt = random::<16>()?;
    let nonce = random::<NONCE_BYTES>()?;
    let key = wrapping_key(code, &salt, iterations).await?;
    let subtle = crypto()?.subtle();
    let data =
        JsFuture::from(subtle.encrypt_with_object_and_u8_array(&gcm(&nonce, role), &key, raw)?)
            .await?;
    Ok(WrappedKey {
        salt: hex(&salt),
        iterations,
        from_hash: false,
        wrapped: EncryptedField {
            nonce,
            data: Uint8Array::new(&data).to_vec(),
        }
        .to_text(),
    })
}

/// A new random text key (base64url, as the tab keeps it), wrapped under
/// the coordinator's code and, when there is one, the volunteers'.
pub async fn new_text_key(
    coordinator: &str,
    volunteer: Option<&str>,
) -> Result<(TextKey, String), JsValue> {
    let raw = random::<KEY_BYTES>()?;
    let mut key = TextKey {
        coordinator: Some(wrap_text_key(&raw, coordinator, Role::Coordinator).await?),
        volunteer: None,
    };
    if let Some(code) = volunteer {
        key.volunteer = Some(wrap_text_key(&raw, code, Role::Volunteer).await?);
    }
    Ok((key, base64url::encode(&raw)))
}

/// The text key for a tab that `code` of `role` just unlocked (raw
/// bytes), and the device's wrapped keys when they changed:
/// - on a device set up before the text key, the first unlock makes it,
///   wraps it under the code and, until the other role's first unlock,
///   under that role's stored hash;
/// - a key still wrapped under this role's hash is wrapped under the code
///   now;
/// - otherwise the code unwraps it (none when the device has no key for
///   this role).
async fn open_text_key(
    config: &LockConfig,
    code: &str,
    role: Role,
) -> Option<(Vec<u8>, Option<TextKey>)> {
    let Some(key) = config.text_key.as_ref() else {
        let raw = random::<KEY_BYTES>().ok()?;
        let mut key = TextKey::default();
        *key.slot_mut(role) = Some(wrap_text_key(&raw, code, role).await.ok()?);
        if let Some(other) = config.credential(role.other()) {
            let wrapped = wrap_from_hash(&raw, &other.hash, role.other()).await.ok()?;
            *key.slot_mut(role.other()) = Some(wrapped);
        }
        return Some((raw.to_vec(), Some(key)));
    };
    let wrapped = key.for_role(role)?;
    if !wrapped.from_hash {
        return Some((unwrap_text_key(wrapped, code, role).await?, None));
    }
    let raw = unwrap_text_key(wrapped, &config.credential(role)?.hash, role).await?;
    let mut key = key.clone();
    *key.slot_mut(role) = Some(wrap_text_key(&raw, code, role).await.ok()?);
    Some((raw, Some(key)))
}

/// The text key that `code` opens in `wrapped` (of `role`).
async fn unwrap_text_key(wrapped: &WrappedKey, code: &str, role: Role) -> Option<Vec<u8>> {
    if !wrapped.well_formed() {
        return None;
    }
    let field = EncryptedField::parse(&wrapped.wrapped)?;
    let key = wrapping_key(code, &unhex(&wrapped.salt)?, wrapped.iterations)
        .await
        .ok()?;
    let plain = JsFuture::from(
        crypto()
            .ok()?
            .subtle()
            .decrypt_with_object_and_u8_array(&gcm(&field.nonce, role), &key, &field.data)
            .ok()?,
    )
    .await
    .ok()?;
    let raw = Uint8Array::new(&plain).to_vec();
    (raw.len() == KEY_BYTES).then_some(raw)
}

/// Whether `code` is the one `credential` was made from.
pub async fn matches(code: &str, credential: &Credential) -> bool {
    let Some(salt) = unhex(&credential.salt) else {
        return false;
    };
    match derive(code, &salt, credential.iterations.max(1)).await {
        Ok(hash) => same_hash(&hex(&hash), &credential.hash),
        Err(_) => false,
    }
}

/// What a try at a code came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The code opens the app as this role; the tab is unlocked.
    Opened(Role),
    /// Wrong; the next try waits this many seconds (0: at once).
    Wrong(u32),
    /// Too soon after wrong tries: nothing was tried.
    Wait(u32),
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Seconds before the next try is allowed.
pub fn wait_seconds() -> u32 {
    settings_store::lock_config().wait_seconds(now_ms())
}

/// Tries `code` for an app that needs `needed`; on success this tab's
/// session starts, and the count of wrong tries is reset.
pub async fn try_code(code: &str, needed: Role) -> Attempt {
    let config = settings_store::lock_config();
    let wait = config.wait_seconds(now_ms());
    if wait > 0 {
        return Attempt::Wait(wait);
    }
    let mut opened = None;
    for (role, credential) in config.candidates(needed) {
        if matches(code, credential).await {
            opened = Some(role);
            break;
        }
    }
    // Read again: another tab may have counted a failure meanwhile.
    let mut config = settings_store::lock_config();
    match opened {
        Some(role) => {
            config.record_success();
            // The text key for this tab (made at the first unlock on a
            // device set up before it).
            if let Some((raw, changed)) = open_text_key(&config, code, role).await {
                if let Some(key) = changed {
                    config.text_key = Some(key);
                }
                settings_store::set_text_key(&base64url::encode(&raw));
            }
            settings_store::save_lock_config(&config);
            start_session(role);
            Attempt::Opened(role)
        }
        None => {
            config.record_failure(now_ms());
            settings_store::save_lock_config(&config);
            Attempt::Wrong(config.wait_seconds(now_ms()))
        }
    }
}

/// Unlocks this tab as `role` from now.
pub fn start_session(role: Role) {
    settings_store::save_session(&Session {
        role,
        last_active_ms: now_ms(),
        idle_minutes: settings_store::idle_minutes(),
    });
}
