//! The JSON export file: a full, self-describing copy of a device's records
//! of every kind, tombstones included, so a coordinator can keep or merge it
//! elsewhere.
//!
//! Pure: builds the file text from the stored records' JSON and says which
//! revisions it contains; the caller saves the file and then marks those
//! revisions as shipped. Records are copied as stored, not decoded, so the
//! export needs no knowledge of each kind and carries even records this
//! version cannot read.
//!
//! Format history: version 1 held `contacts` only; version 2 has one list
//! per record kind, named after its store (`contacts`, `survey_responses`,
//! `surveys`, `trajectories`, `activities`, `initiatives`).

use crate::domain::record::{utc_millis, RecordId, RecordKind};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const EXPORT_FORMAT: &str = "wijkpeil-export";
pub const EXPORT_FORMAT_VERSION: u32 = 2;

/// The head of an export file; the lists follow, one per record kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportHead {
    pub format: String,
    pub format_version: u32,
    #[serde(with = "utc_millis")]
    pub exported_at: DateTime<Utc>,
    pub device_id: String,
}

/// A finished export: the file name, its text, and the revisions it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub file_name: String,
    pub text: String,
    pub shipped: Vec<(RecordKind, RecordId, u32)>,
}

impl Export {
    /// The shipped revisions of one kind, for `RecordStore::mark_shipped`.
    pub fn shipped_of(&self, kind: RecordKind) -> Vec<(RecordId, u32)> {
        self.shipped
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, revision)| (*id, *revision))
            .collect()
    }
}

/// The id and revision of a stored record, when it has them.
fn id_and_revision(record: &Value) -> Option<(RecordId, u32)> {
    let id = record.get("id")?.as_str()?.parse().ok()?;
    let revision = u32::try_from(record.get("revision")?.as_u64()?).ok()?;
    Some((RecordId(id), revision))
}

/// Builds the export of `stored`: each kind with its records as JSON text.
/// A record text that is not JSON at all is carried as a string, so the
/// copy stays complete; only records with an id and a revision count as
/// shipped.
pub fn build_export(
    stored: Vec<(RecordKind, Vec<String>)>,
    device_id: &str,
    now: DateTime<Utc>,
) -> Result<Export, serde_json::Error> {
    let head = ExportHead {
        format: EXPORT_FORMAT.to_owned(),
        format_version: EXPORT_FORMAT_VERSION,
        exported_at: now,
        device_id: device_id.to_owned(),
    };
    let Value::Object(mut file) = serde_json::to_value(&head)? else {
        unreachable!("a struct serialises to an object")
    };
    let mut shipped = Vec::new();
    for kind in RecordKind::ALL {
        let texts = stored
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, texts)| texts.iter());
        let mut records = Vec::new();
        for text in texts {
            let record: Value =
                serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()));
            if let Some((id, revision)) = id_and_revision(&record) {
                shipped.push((kind, id, revision));
            }
            records.push(record);
        }
        file.insert(kind.store_name().to_owned(), Value::Array(records));
    }
    let text = serde_json::to_string_pretty(&Value::Object(file))?;
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

/// Reads the head and the lists of an export file (version 1 or 2), for
/// checks and, later, import.
pub fn read_export(text: &str) -> Result<(ExportHead, Map<String, Value>), serde_json::Error> {
    let head: ExportHead = serde_json::from_str(text)?;
    let Value::Object(all) = serde_json::from_str(text)? else {
        unreachable!("the head parsed, so it is an object")
    };
    Ok((head, all))
}
