//! The JSON export file: a full, self-describing copy of a device's records,
//! tombstones included, so a coordinator can keep or merge it elsewhere.
//!
//! Pure: builds the file text and says which revisions it contains; the
//! caller saves the file and then marks those revisions as shipped.

use crate::domain::contact::Contact;
use crate::domain::record::{utc_millis, RecordId};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

pub const EXPORT_FORMAT: &str = "wijkpeil-export";
pub const EXPORT_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub format_version: u32,
    #[serde(with = "utc_millis")]
    pub exported_at: DateTime<Utc>,
    pub device_id: String,
    pub contacts: Vec<Contact>,
}

/// A finished export: the file name, its text, and the revisions it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub file_name: String,
    pub text: String,
    pub shipped: Vec<(RecordId, u32)>,
}

pub fn export_contacts(
    contacts: Vec<Contact>,
    device_id: &str,
    now: DateTime<Utc>,
) -> Result<Export, serde_json::Error> {
    let shipped = contacts
        .iter()
        .map(|c| (c.meta.id, c.meta.revision))
        .collect();
    let file = ExportFile {
        format: EXPORT_FORMAT.to_owned(),
        format_version: EXPORT_FORMAT_VERSION,
        exported_at: now,
        device_id: device_id.to_owned(),
        contacts,
    };
    let text = serde_json::to_string_pretty(&file)?;
    let file_name = format!(
        "wijkpeil-{device_id}-{:04}-{:02}-{:02}.json",
        now.year(),
        now.month(),
        now.day()
    );
    Ok(Export {
        file_name,
        text,
        shipped,
    })
}
