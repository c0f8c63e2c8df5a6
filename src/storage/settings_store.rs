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
