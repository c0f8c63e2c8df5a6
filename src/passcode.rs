//! The staff codes in the browser: PBKDF2-SHA-256 through WebCrypto, and a
//! try at a code with its wait after wrong tries (`domain::lock` has the
//! rules). Used by the lock page (`/ontgrendelen/`) and by the kiosk's
//! exit; the staff apps only read the session it leaves.

use crate::domain::hex::{hex, unhex};
#[cfg(feature = "lock")]
use crate::domain::lock::PBKDF2_ITERATIONS;
use crate::domain::lock::{same_hash, Credential, Role, Session};
use crate::storage::settings_store;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, Pbkdf2Params};

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
#[cfg(feature = "lock")]
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
#[cfg(feature = "lock")]
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
