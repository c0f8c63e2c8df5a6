//! Reading an export file for import: the whole file is checked before
//! anything is written.
//!
//! A file that is not a Wijkpeil export, is cut off, is of a format version
//! this app does not know, or breaks a limit (size, number of records,
//! nesting) is refused as a whole, with a [`FileProblem`]. Within a good
//! file, each record is checked on its own: one that cannot be read is
//! reported with its position and reason ([`RecordProblem`]) and left out,
//! and the others can still be merged. A record's id and times must be
//! written as this app writes them, and members named with a leading `_`
//! (CouchDB's own) are left out of it.
//!
//! Formats read: 1 (`contacts` only), 2 and 3 (one list per record kind;
//! 3 may name the period it covers). See `docs/export-format.md`.
//!
//! Pure: the lists are borrowed from the file text (no copy of a large file
//! as a tree), and each record's text is read when it is checked: into the
//! tree that is stored, and by its kind's own type, which checks it and
//! gives its bookkeeping (a tombstone, an older schema and a record with a
//! problem take a pass more).

use crate::domain::export::{ExportHead, EXPORT_FORMAT, EXPORT_FORMAT_VERSION};
use crate::domain::kinds::{read_content, read_current};
use crate::domain::merge::without_local_fields;
use crate::domain::migrate::MigrationError;
use crate::domain::record::{utc_millis, RecordKind, RecordMeta};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// What a file may hold at most; a file over a limit is refused (a record
/// over a limit is left out), so a hostile file cannot exhaust the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole file, in bytes: about four times a large organisation's
    /// year.
    pub file_bytes: usize,
    /// Records in the file.
    pub records: usize,
    /// One record, in bytes (a survey version in many languages is far
    /// below this).
    pub record_bytes: usize,
    /// Nesting of objects and lists within one record.
    pub depth: usize,
}

pub const LIMITS: Limits = Limits {
    file_bytes: 256 * 1024 * 1024,
    records: 1_000_000,
    record_bytes: 512 * 1024,
    depth: 12,
};

/// Why a whole file is refused. Nothing is written then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Larger than the limit.
    TooLarge { bytes: usize },
    /// Empty, or not text.
    Empty,
    /// The text ends before the JSON does: a download or copy was cut off.
    Truncated,
    /// Not JSON at all, or broken at a place.
    NotJson { line: usize, column: usize },
    /// JSON, but not a Wijkpeil export (no or another `format`).
    NotAnExport,
    /// An export of a format version this app does not read.
    UnknownVersion { found: u64, known: u32 },
    /// A record list is not a list.
    BadList { list: String },
    /// More records than the limit.
    TooManyRecords { count: usize },
    /// A sealed copy of a device (`survey::sealed::SealedCopy`) for the
    /// key with this id, which this device does not hold.
    SealedForOtherKey { key: String },
    /// A sealed copy that does not open with this device's key: changed or
    /// damaged.
    SealedDamaged,
}

/// Why one record of a good file is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    NotAnObject,
    TooLarge,
    TooDeep,
    /// Its `kind` is not the kind of the list it is in.
    WrongKind,
    /// Its bookkeeping (id, revision, times, …) is missing or malformed.
    BadBookkeeping(String),
    /// Its content does not read as its kind (schema, values), or is of a
    /// newer schema than this app knows.
    Unreadable(MigrationError),
}

/// A record's place in the file: its list and position (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub kind: RecordKind,
    pub number: usize,
}

/// A record of the file that passed its checks, ready for the merge rule:
/// the whole record, without any device's local bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub meta: RecordMeta,
    pub record: Map<String, Value>,
}

/// A checked file: its head and, per kind, the records that passed and the
/// ones left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    pub head: ExportHead,
    pub records: Vec<(RecordKind, Vec<Incoming>)>,
    pub invalid: Vec<(Position, RecordProblem)>,
}

impl ImportFile {
    /// Records that passed, of every kind.
    pub fn len(&self) -> usize {
        self.records.iter().map(|(_, r)| r.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A member of the file's top level as the reader needs it: a list split
/// into its items, each left as text; text (the head's); a whole number
/// (the format version); anything else only noted.
enum Member<'a> {
    List(Vec<&'a RawValue>),
    Text(Cow<'a, str>),
    Number(u64),
    Other,
}

impl<'de> Deserialize<'de> for Member<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Member<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Member<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<&'de RawValue>()? {
                    items.push(item);
                }
                Ok(Member::List(items))
            }

            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Member<'de>, E> {
                Ok(Member::Text(Cow::Borrowed(text)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Member<'de>, E> {
                Ok(Member::Text(Cow::Owned(text.to_owned())))
            }

            fn visit_u64<E>(self, number: u64) -> Result<Member<'de>, E> {
                Ok(Member::Number(number))
            }

            fn visit_i64<E>(self, _: i64) -> Result<Member<'de>, E> {
                Ok(Member::Other)
            }

            fn visit_f64<E>(self, _: f64) -> Result<Member<'de>, E> {
                Ok(Member::Other)
            }

            fn visit_bool<E>(self, _: bool) -> Result<Member<'de>, E> {
                Ok(Member::Other)
            }

            fn visit_unit<E>(self) -> Result<Member<'de>, E> {
                Ok(Member::Other)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Member<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Member::Other)
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// Reads and checks a whole export file within [`LIMITS`].
pub fn read_import(text: &str) -> Result<ImportFile, FileProblem> {
    read_import_within(text, &LIMITS)
}

/// Reads and checks a whole export file within `limits`.
pub fn read_import_within(text: &str, limits: &Limits) -> Result<ImportFile, FileProblem> {
    if text.len() > limits.file_bytes {
        return Err(FileProblem::TooLarge { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    // The top level in one pass, each list split into its records left as
    // text: a large file is neither turned into a tree nor read twice.
    let parsed: HashMap<&str, Member> = serde_json::from_str(text).map_err(|e| json_problem(&e))?;
    let text_of = |name: &str| match parsed.get(name) {
        Some(Member::Text(text)) => Some(text.as_ref()),
        _ => None,
    };
    if text_of("format") != Some(EXPORT_FORMAT) {
        return Err(FileProblem::NotAnExport);
    }
    let Some(Member::Number(version)) = parsed.get("format_version") else {
        return Err(FileProblem::NotAnExport);
    };
    let version = *version;
    if version == 0 || version > u64::from(EXPORT_FORMAT_VERSION) {
        return Err(FileProblem::UnknownVersion {
            found: version,
            known: EXPORT_FORMAT_VERSION,
        });
    }
    let string = |name: &str| text_of(name).ok_or(FileProblem::NotAnExport);
    let head = ExportHead {
        format: EXPORT_FORMAT.to_owned(),
        format_version: version as u32,
        exported_at: chrono::DateTime::parse_from_rfc3339(string("exported_at")?)
            .map_err(|_| FileProblem::NotAnExport)?
            .with_timezone(&chrono::Utc),
        device_id: string("device_id")?.to_owned(),
    };

    let kinds: &[RecordKind] = if version == 1 {
        &[RecordKind::Contact]
    } else {
        &RecordKind::ALL
    };
    let mut lists = Vec::new();
    let mut count = 0;
    for &kind in kinds {
        let items = match parsed.get(kind.store_name()) {
            None => continue,
            Some(Member::List(items)) => items,
            Some(_) => {
                return Err(FileProblem::BadList {
                    list: kind.store_name().to_owned(),
                })
            }
        };
        count += items.len();
        if count > limits.records {
            return Err(FileProblem::TooManyRecords { count });
        }
        lists.push((kind, items));
    }

    let mut file = ImportFile {
        head,
        records: Vec::new(),
        invalid: Vec::new(),
    };
    for (kind, items) in lists {
        let mut passed = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            match check_record(kind, item.get(), limits) {
                Ok(incoming) => passed.push(incoming),
                Err(problem) => file.invalid.push((
                    Position {
                        kind,
                        number: n + 1,
                    },
                    problem,
                )),
            }
        }
        file.records.push((kind, passed));
    }
    Ok(file)
}

/// Checks one record of a `kind` list.
pub fn check_record(
    kind: RecordKind,
    text: &str,
    limits: &Limits,
) -> Result<Incoming, RecordProblem> {
    if text.len() > limits.record_bytes {
        return Err(RecordProblem::TooLarge);
    }
    let record = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(record)) => record,
        // serde_json stops at 128 levels, far past the limit, before its
        // stack could run out.
        Err(error) if is_recursion_limit(&error) => return Err(RecordProblem::TooDeep),
        _ => return Err(RecordProblem::NotAnObject),
    };
    let mut fraction = false;
    if depth(&record, &mut fraction) > limits.depth {
        return Err(RecordProblem::TooDeep);
    }
    if fraction {
        return Err(RecordProblem::Unreadable(MigrationError::Invalid(
            "a number that is not whole".into(),
        )));
    }
    if record.get("kind").and_then(Value::as_str) != Some(kind.name()) {
        return Err(RecordProblem::WrongKind);
    }
    // A live record is read by its kind's own type, bookkeeping included: a
    // record in the current schema that reads is then done, without a
    // second pass over its text for the bookkeeping alone. Every other one
    // (a tombstone, an older schema, a record with a problem) goes on below,
    // so its problem is found and named in the same order as ever.
    let live = match (record.get("deleted") != Some(&Value::Bool(true))).then(|| {
        record
            .get("schema_version")
            .and_then(Value::as_u64)
            .and_then(|version| read_current(kind, version, text))
            .map(|read| read.map(Some))
            .unwrap_or_else(|| read_content(kind, text))
    }) {
        Some(Ok(Some(meta))) if meta.revision != 0 => {
            written_as_usual(&meta, &record)?;
            return Ok(travelling(meta, record));
        }
        other => other,
    };
    let meta: RecordMeta =
        serde_json::from_str(text).map_err(|e| RecordProblem::BadBookkeeping(e.to_string()))?;
    if meta.revision == 0 {
        return Err(RecordProblem::BadBookkeeping("revision 0".into()));
    }
    written_as_usual(&meta, &record)?;
    let record = if meta.deleted {
        // A tombstone travels as its bookkeeping only, whatever an older
        // export carried with it.
        // Through text: `to_value`'s serializer would add wasm for this
        // one use.
        let text = serde_json::to_string(&meta).unwrap_or_default();
        let Ok(Value::Object(bookkeeping)) = serde_json::from_str(&text) else {
            return Err(RecordProblem::NotAnObject);
        };
        bookkeeping
    } else {
        live.unwrap_or_else(|| read_content(kind, text))
            .map_err(RecordProblem::Unreadable)?;
        record
    };
    Ok(travelling(meta, record))
}

/// Whether `record`'s id and times are written as this app writes them: a
/// store keys a record by its id's text and orders it by its times' text,
/// so another spelling of the same value (capitals or braces in the id, a
/// time with an offset or more digits) would be another record or out of
/// place, and a tombstone, kept as its bookkeeping written anew, would
/// differ from the record it came from.
fn written_as_usual(meta: &RecordMeta, record: &Map<String, Value>) -> Result<(), RecordProblem> {
    let text = |field| record.get(field).and_then(Value::as_str);
    if text("id") != Some(meta.id.to_string().as_str()) {
        return Err(RecordProblem::BadBookkeeping("id not as written".into()));
    }
    for field in ["created_at", "updated_at", "occurred_at"] {
        let Some(time) = text(field) else { continue };
        if let Ok(parsed) = chrono::DateTime::parse_from_rfc3339(time) {
            if utc_millis::format(&parsed.with_timezone(&chrono::Utc)) != time {
                return Err(RecordProblem::BadBookkeeping(format!(
                    "{field} not as written"
                )));
            }
        }
    }
    Ok(())
}

/// A checked record as it travels on: without any device's local
/// bookkeeping (its `meta` still says what the file said), and without
/// members whose names begin with `_` (CouchDB's own: a server refuses a
/// document with one it does not know, and a sync leaves them out of what
/// it reads), so a record reads the same from a file and from a server.
fn travelling(meta: RecordMeta, mut record: Map<String, Value>) -> Incoming {
    record.retain(|name, _| !name.starts_with('_'));
    Incoming {
        meta,
        record: without_local_fields(record),
    }
}

/// Whether serde_json gave up on `error` because the text nests deeper
/// than its recursion limit (128).
pub(crate) fn is_recursion_limit(error: &serde_json::Error) -> bool {
    error.to_string().starts_with("recursion limit exceeded")
}

/// How deeply objects and lists nest in `record` (the record itself is 1).
/// Also notes a number that is not whole: no record holds one, and
/// serde_json does not write every fraction back as it read it, so such a
/// record would read differently each time it travels.
fn depth(record: &Map<String, Value>, fraction: &mut bool) -> usize {
    fn of(value: &Value, fraction: &mut bool) -> usize {
        match value {
            Value::Object(map) => 1 + map.values().map(|v| of(v, fraction)).max().unwrap_or(0),
            Value::Array(list) => 1 + list.iter().map(|v| of(v, fraction)).max().unwrap_or(0),
            Value::Number(number) => {
                *fraction |= number.is_f64();
                0
            }
            _ => 0,
        }
    }
    1 + record.values().map(|v| of(v, fraction)).max().unwrap_or(0)
}

fn json_problem(error: &serde_json::Error) -> FileProblem {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => FileProblem::Truncated,
        Category::Syntax | Category::Io => FileProblem::NotJson {
            line: error.line(),
            column: error.column(),
        },
        Category::Data => FileProblem::NotAnExport,
    }
}
