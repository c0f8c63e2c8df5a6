//! Device settings and the device id in localStorage (gloo-storage).
//!
//! Small values only; records never go here. A missing or unreadable value
//! falls back to the default rather than failing the app.

use crate::domain::lock::{LockConfig, Session};
use crate::domain::settings::Settings;
use gloo_storage::{LocalStorage, SessionStorage, Storage};

const SETTINGS_KEY: &str = "wijkpeil.settings";
const DEVICE_ID_KEY: &str = "wijkpeil.device_id";

pub fn load() -> Settings {
    LocalStorage::get(SETTINGS_KEY).unwrap_or_default()
}

/// Saves the settings; false when localStorage refused (full or disabled).
pub fn save(settings: &Settings) -> bool {
    LocalStorage::set(SETTINGS_KEY, settings).is_ok()
}

/// The id this device puts on its records, made once. `make` supplies a new
/// one when none is stored yet.
pub fn device_id(make: impl FnOnce() -> String) -> String {
    match LocalStorage::get::<String>(DEVICE_ID_KEY) {
        Ok(id) if !id.is_empty() => id,
        _ => {
            let id = make();
            let _ = LocalStorage::set(DEVICE_ID_KEY, &id);
            id
        }
    }
}

/// The quotes (`"<response id>/<question id>"`) a coordinator marked as
/// publishable in the jaarbeeld. Kept on this device: a mark is an editorial
/// choice for one printed report, not data of the organisation.
#[cfg(feature = "coordinator")]
const PUBLISHABLE_QUOTES_KEY: &str = "wijkpeil.publishable_quotes";

#[cfg(feature = "coordinator")]
pub fn publishable_quotes() -> Vec<String> {
    LocalStorage::get(PUBLISHABLE_QUOTES_KEY).unwrap_or_default()
}

/// Saves the marks; false when localStorage refused.
#[cfg(feature = "coordinator")]
pub fn set_publishable_quotes(keys: &[String]) -> bool {
    LocalStorage::set(PUBLISHABLE_QUOTES_KEY, keys).is_ok()
}

/// The organisation's name as the printed jaarbeeld shows it.
#[cfg(feature = "coordinator")]
const REPORT_ORGANISATION_KEY: &str = "wijkpeil.report_organisation";

#[cfg(feature = "coordinator")]
pub fn report_organisation() -> String {
    LocalStorage::get(REPORT_ORGANISATION_KEY).unwrap_or_default()
}

#[cfg(feature = "coordinator")]
pub fn set_report_organisation(name: &str) -> bool {
    LocalStorage::set(REPORT_ORGANISATION_KEY, name).is_ok()
}

/// The staff lock of this device (`domain::lock`): the derived codes, the
/// idle time and the count of wrong tries.
const LOCK_KEY: &str = "wijkpeil.lock";
/// The unlocked staff app of this tab (sessionStorage).
const SESSION_KEY: &str = "wijkpeil.session";
/// The kiosk link this device runs while it is a kiosk, and the one it
/// last ran (which a volunteer may start again).
const KIOSK_KEY: &str = "wijkpeil.kiosk";
const KIOSK_LAST_KEY: &str = "wijkpeil.kiosk_last";
/// The organisation's public answer key (`answer_key`).
const ANSWER_KEY: &str = "wijkpeil.answer_key";

pub fn lock_config() -> LockConfig {
    LocalStorage::get(LOCK_KEY).unwrap_or_default()
}

/// Saves the lock; false when localStorage refused.
pub fn save_lock_config(config: &LockConfig) -> bool {
    LocalStorage::set(LOCK_KEY, config).is_ok()
}

/// This tab's session, read as plain text (no JSON: the staff apps read
/// it before anything else, and carry no decoder for it).
pub fn session() -> Option<Session> {
    Session::from_text(&session_item(SESSION_KEY)?)
}

/// An item of this tab's sessionStorage, as plain text.
fn session_item(name: &str) -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()??
        .get_item(name)
        .ok()?
}

pub fn save_session(session: &Session) {
    set_session_item(SESSION_KEY, &session.to_text());
}

/// Sets an item of this tab's sessionStorage (plain text).
fn set_session_item(name: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.session_storage()) {
        let _ = storage.set_item(name, value);
    }
}

/// Locks this tab's staff apps; the text key leaves the tab with the
/// session.
pub fn end_session() {
    for name in [SESSION_KEY, crate::domain::at_rest::SESSION_KEY_ITEM] {
        SessionStorage::delete(name);
    }
}

/// The device's text key (base64url) while this tab is unlocked with a
/// code that opens it (`domain::at_rest`); `None` in a worker, which has
/// no sessionStorage. Plain text, no JSON: every store read asks.
pub fn text_key() -> Option<String> {
    session_item(crate::domain::at_rest::SESSION_KEY_ITEM)
}

/// Whether the free text this device kept in the clear before its text key
/// was sealed (`lock::seal_texts`); cleared with everything by a wipe.
#[cfg(feature = "lock")]
pub fn texts_sealed() -> bool {
    LocalStorage::raw()
        .get_item(TEXTS_SEALED_KEY)
        .ok()
        .flatten()
        .is_some()
}

#[cfg(feature = "lock")]
pub fn set_texts_sealed() {
    let _ = LocalStorage::raw().set_item(TEXTS_SEALED_KEY, "1");
}

#[cfg(feature = "lock")]
const TEXTS_SEALED_KEY: &str = "wijkpeil.texts_sealed";

/// Keeps the unwrapped text key for this tab (the lock page).
#[cfg(feature = "lock")]
pub fn set_text_key(key: &str) {
    set_session_item(crate::domain::at_rest::SESSION_KEY_ITEM, key);
}

/// The idle time the coordinator set, in minutes (plain text in
/// localStorage; `domain::lock::idle_minutes` reads it).
const IDLE_KEY: &str = "wijkpeil.lock_idle";

pub fn idle_minutes() -> u32 {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|storage| storage.get_item(IDLE_KEY).ok().flatten());
    crate::domain::lock::idle_minutes(stored.as_deref())
}

/// Sets the idle time; false when localStorage refused.
pub fn set_idle_minutes(minutes: u32) -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|storage| storage.set_item(IDLE_KEY, &minutes.to_string()).is_ok())
}

/// The organisation's public answer key on this device
/// (`domain::survey::sealed::AnswerKey`): survey links made here carry it.
pub fn answer_key() -> Option<String> {
    LocalStorage::get::<String>(ANSWER_KEY)
        .ok()
        .filter(|key| crate::domain::survey::sealed::AnswerKey::parse(key).is_some())
}

/// Keeps `key` as this device's public answer key; false when the
/// browser's storage refuses.
pub fn set_answer_key(key: &str) -> bool {
    LocalStorage::set(ANSWER_KEY, key).is_ok()
}

/// The kiosk link, while this device is a kiosk.
pub fn kiosk() -> Option<String> {
    LocalStorage::get::<String>(KIOSK_KEY)
        .ok()
        .filter(|link| !link.is_empty())
}

/// Makes this device a kiosk of `link` (also remembered as the last one).
pub fn start_kiosk(link: &str) {
    let _ = LocalStorage::set(KIOSK_KEY, link);
    let _ = LocalStorage::set(KIOSK_LAST_KEY, link);
}

/// Staff unlocked: the device is no longer a kiosk.
pub fn end_kiosk() {
    LocalStorage::delete(KIOSK_KEY);
}

/// The kiosk link this device last ran.
pub fn last_kiosk() -> Option<String> {
    LocalStorage::get::<String>(KIOSK_LAST_KEY)
        .ok()
        .filter(|link| !link.is_empty())
}

/// Removes every setting of this device and this tab (wiping the device).
pub fn clear_all() {
    LocalStorage::clear();
    SessionStorage::clear();
}
