//! Device settings and the device id in localStorage (gloo-storage).
//!
//! Small values only; records never go here. A missing or unreadable value
//! falls back to the default rather than failing the app.

use crate::domain::settings::Settings;
use gloo_storage::{LocalStorage, Storage};

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
