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
    /// The code that lets staff leave kiosk mode; empty until set. It keeps
    /// residents on the survey, it is not a password for data (this tablet's
    /// data is readable to whoever holds it unlocked).
    #[serde(default)]
    pub kiosk_pin: String,
    /// Whether a sync server is set (its address and login are kept by the
    /// data worker, not here): the app then starts the sync on opening.
    #[serde(default)]
    pub sync: bool,
}

/// A kiosk code is 4 to 8 digits: easy to type, hard to guess by a passer-by.
pub fn is_valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
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
