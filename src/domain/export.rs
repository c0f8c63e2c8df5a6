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
//! Format history: version 1 held `contacts` only; version 2 one list per
//! record kind, named after its store (`contacts`, `surveys`, …); version 3
//! may name the `period` the file covers (`export_period`).

use crate::domain::record::{utc_millis, RecordId, RecordKind};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const EXPORT_FORMAT: &str = "wijkpeil-export";
pub const EXPORT_FORMAT_VERSION: u32 = 3;

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
    /// How many records the file holds (tombstones included).
    pub records: usize,
    /// The records whose revision had not left the device before
    /// (`shipped_revision` below it), with that revision: the only ones an
    /// export marks, so an export of records that left already rewrites
    /// none of them.
    pub shipped: Vec<(RecordKind, RecordId, u32)>,
}

impl Export {
    /// The revisions of one kind this export ships first, for
    /// `RecordStore::mark_shipped` (which never lowers a mark, so the
    /// records left out would not change).
    pub fn shipped_of(&self, kind: RecordKind) -> Vec<(RecordId, u32)> {
        self.shipped
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, revision)| (*id, *revision))
            .collect()
    }
}

/// The id, revision and shipped revision of a stored record, read without
/// decoding the rest.
#[derive(Deserialize)]
struct Shipped {
    id: RecordId,
    revision: u32,
    #[serde(default)]
    shipped_revision: u32,
}

/// Builds the export of `stored`: each kind with its records as the JSON
/// text the store holds, copied in as they are (no decoding, so records of
/// a newer schema travel too). Only records with an id and a revision count
/// as shipped; text that is not a JSON object is carried as a string.
pub fn build_export(
    stored: Vec<(RecordKind, Vec<String>)>,
    device_id: &str,
    now: DateTime<Utc>,
) -> Result<Export, serde_json::Error> {
    let head = serde_json::to_string(&ExportHead {
        format: EXPORT_FORMAT.to_owned(),
        format_version: EXPORT_FORMAT_VERSION,
        exported_at: now,
        device_id: device_id.to_owned(),
    })?;
    // The head without its closing brace, then one list per kind.
    let mut text = head[..head.len() - 1].to_owned();
    let mut shipped = Vec::new();
    let mut records = 0;
    for kind in RecordKind::ALL {
        text.push_str(&format!(",\n\"{}\":[", kind.store_name()));
        let texts = stored
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, texts)| texts.iter());
        for (n, record) in texts.enumerate() {
            records += 1;
            text.push_str(if n == 0 { "\n" } else { ",\n" });
            let is_object = record.trim_start().starts_with('{')
                && serde_json::from_str::<serde::de::IgnoredAny>(record).is_ok();
            if is_object {
                if let Ok(s) = serde_json::from_str::<Shipped>(record) {
                    if s.shipped_revision < s.revision {
                        shipped.push((kind, s.id, s.revision));
                    }
                }
                text.push_str(record.trim());
            } else {
                // Kept as a string, so the copy stays complete and the file
                // stays JSON.
                text.push_str(&serde_json::to_string(record)?);
            }
        }
        text.push(']');
    }
    text.push_str("\n}\n");
    let file_name = format!(
        "wijkpeil-{device_id}-{:04}-{:02}-{:02}.json",
        now.year(),
        now.month(),
        now.day()
    );
    Ok(Export {
        file_name,
        text,
        records,
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
