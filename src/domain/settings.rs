//! Device settings: which location this tablet serves, its language, the
//! volunteer's initials and the device id. Small values, kept in localStorage
//! by the storage layer; this module only says what they are and what is valid.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Code of the location this device registers for; chosen once.
    #[serde(default)]
    pub location: Option<String>,
    /// Interface language code ("nl", "en"); see `i18n`.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// The volunteer's initials, prefilled in every contact. Never a name.
    #[serde(default)]
    pub initials: String,
    /// The kiosk code of a device from before the staff lock (empty on
    /// every other): setting up the lock there asks for it, so a resident
    /// at an upgraded kiosk cannot set the codes; then it is cleared. The
    /// staff codes (`domain::lock`) leave the kiosk now.
    #[serde(default)]
    pub kiosk_pin: String,
    /// Whether a sync server is set (its address and login are kept by the
    /// data worker, not here): the app then starts the sync on opening.
    #[serde(default)]
    pub sync: bool,
}

fn default_lang() -> String {
    "nl".to_owned()
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            location: None,
            lang: default_lang(),
            initials: String::new(),
            kiosk_pin: String::new(),
            sync: false,
        }
    }
}
