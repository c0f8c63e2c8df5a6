//! The merge rule: what happens when a record arrives from elsewhere (an
//! import file, later a sync pull) and this device may hold the same record.
//!
//! Written once, here, for every kind and every way records travel:
//! - a record this device does not have is **new**, and is taken;
//! - a higher revision is **newer**, and wins;
//! - a lower revision is **older**, and is left out;
//! - the same revision with the same content is **identical**: nothing to do
//!   (so importing or pulling the same thing twice changes nothing);
//! - the same revision as a tombstone against a live record: the **tombstone
//!   wins** (a delete is never undone by an edit that did not see it);
//! - the same revision with other content is a **conflict**: two devices
//!   changed the record independently. It is kept beside the stored record,
//!   never written over it, until a person picks one.
//!
//! Pure: it compares the JSON of two records and knows no store.

use crate::domain::record::RecordId;
use serde::Deserialize;
use serde_json::{Map, Value};

/// What the merge rule decides for one incoming record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Not on this device: taken.
    New,
    /// A higher revision than the one here (or a delete of the same one):
    /// taken, replacing it.
    Newer,
    /// The same revision and content: nothing to do.
    Identical,
    /// A lower revision than the one here (or an edit of a deleted one):
    /// left out.
    Older,
    /// The same revision with other content: kept aside, not written over.
    Conflict,
}

impl Verdict {
    /// Whether the incoming record replaces (or becomes) the stored one.
    pub fn is_taken(self) -> bool {
        matches!(self, Verdict::New | Verdict::Newer)
    }
}

/// Fields that are one device's own bookkeeping, not the record's content:
/// left out when two versions are compared, and never carried over from
/// elsewhere (`pending` and `tombstone` are the store's index flags,
/// `server_rev` what this device knows the sync server holds).
pub const LOCAL_FIELDS: [&str; 4] = ["shipped_revision", "pending", "tombstone", "server_rev"];

/// The bookkeeping the rule reads of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Revision {
    pub id: RecordId,
    pub revision: u32,
    #[serde(default)]
    pub deleted: bool,
}

/// Decides for `incoming` against `stored` (None when this device has no
/// record with its id). Both are whole records as JSON objects.
pub fn judge(stored: Option<&Map<String, Value>>, incoming: &Map<String, Value>) -> Verdict {
    let Some(stored) = stored else {
        return Verdict::New;
    };
    let (here, there) = (revision_of(stored), revision_of(incoming));
    if there > here {
        return Verdict::Newer;
    }
    if there < here {
        return Verdict::Older;
    }
    match (deleted(stored), deleted(incoming)) {
        (true, true) => Verdict::Identical,
        (false, true) => Verdict::Newer,
        (true, false) => Verdict::Older,
        (false, false) if same_content(stored, incoming) => Verdict::Identical,
        (false, false) => Verdict::Conflict,
    }
}

/// Whether two records hold the same content, this device's bookkeeping
/// aside.
pub fn same_content(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    let shared = |m: &Map<String, Value>| m.keys().filter(|k| !is_local(k)).count();
    shared(a) == shared(b)
        && a.iter()
            .filter(|(k, _)| !is_local(k))
            .all(|(k, v)| b.get(k) == Some(v))
}

/// The record as it travels: without this device's own bookkeeping.
pub fn without_local_fields(mut record: Map<String, Value>) -> Map<String, Value> {
    for field in LOCAL_FIELDS {
        record.remove(field);
    }
    record
}

fn is_local(key: &str) -> bool {
    LOCAL_FIELDS.contains(&key)
}

fn revision_of(record: &Map<String, Value>) -> u64 {
    record.get("revision").and_then(Value::as_u64).unwrap_or(0)
}

fn deleted(record: &Map<String, Value>) -> bool {
    record
        .get("deleted")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// How many incoming records got each verdict (and how many were invalid),
/// for a preview and for the summary after a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub new: u32,
    pub newer: u32,
    pub identical: u32,
    pub older: u32,
    pub conflict: u32,
    pub invalid: u32,
}

impl Tally {
    pub fn count(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::New => self.new += 1,
            Verdict::Newer => self.newer += 1,
            Verdict::Identical => self.identical += 1,
            Verdict::Older => self.older += 1,
            Verdict::Conflict => self.conflict += 1,
        }
    }

    /// The counts in a fixed order (new, newer, identical, older, conflict,
    /// invalid), to pass between threads.
    pub fn to_array(self) -> [u32; 6] {
        [
            self.new,
            self.newer,
            self.identical,
            self.older,
            self.conflict,
            self.invalid,
        ]
    }

    pub fn from_array([new, newer, identical, older, conflict, invalid]: [u32; 6]) -> Self {
        Self {
            new,
            newer,
            identical,
            older,
            conflict,
            invalid,
        }
    }

    /// Records a merge would write: taken ones and kept conflicts.
    pub fn changes(&self) -> u32 {
        self.new + self.newer + self.conflict
    }
}

/// The record that settles a conflict: the content a person chose (the
/// stored version or one kept aside), as the next revision of the stored
/// record, so it wins over both versions on every device and on the
/// server. Its bookkeeping is the stored record's, one revision on.
pub fn resolution(
    stored: &Map<String, Value>,
    chosen: &Map<String, Value>,
    updated_at: &str,
) -> Map<String, Value> {
    let mut record: Map<String, Value> = chosen
        .iter()
        .filter(|(key, _)| !is_local(key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    for field in LOCAL_FIELDS {
        if let Some(value) = stored.get(field) {
            record.insert(field.into(), value.clone());
        }
    }
    record.insert("revision".into(), Value::from(revision_of(stored) + 1));
    record.insert("updated_at".into(), Value::from(updated_at));
    record
}

/// The time a settled conflict was last changed: the latest `updated_at`
/// of the versions a person chose between (timestamps are stored in one
/// format whose text sorts in time order), not the moment of choosing. So
/// two devices that settle the same conflict apart with the same choice
/// store the same record (same revision, same content), which meets as
/// identical, not as a new conflict. `None` when no version has a time.
pub fn settled_at<'a>(
    versions: impl IntoIterator<Item = &'a Map<String, Value>>,
) -> Option<String> {
    versions
        .into_iter()
        .filter_map(|v| v.get("updated_at").and_then(Value::as_str))
        .max()
        .map(str::to_owned)
}

/// The fields in which two versions of a record differ, for a person to
/// compare, in key order: the content fields, and when each was last
/// changed (`updated_at`), which helps to choose and is all that differs
/// when both devices made the same change.
pub fn differing_fields(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    const BOOKKEEPING: [&str; 7] = [
        "id",
        "kind",
        "schema_version",
        "created_at",
        "device_id",
        "revision",
        "deleted",
    ];
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !is_local(k) && !BOOKKEEPING.contains(&k.as_str()))
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}
