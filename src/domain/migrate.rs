//! Reads stored records of any schema version a kind has had, generically.
//!
//! Every record carries its `schema_version`. Reading goes through here, so
//! an old record is readable even before the store has rewritten it (the
//! store rewrites old ones once, when the database is upgraded). Each kind
//! keeps its own history beside its definition (`EntryFields::HISTORY`):
//! this module only walks it. It knows no kind's content.

use crate::domain::record::RecordKind;
use serde_json::{Map, Value};

/// One step of a kind's schema history: turns a stored object of version
/// `n` into version `n + 1` (the caller sets `schema_version`).
pub type Upgrade = fn(&mut Map<String, Value>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    #[error("record is not an object")]
    NotAnObject,
    #[error("record has no schema version")]
    NoSchemaVersion,
    #[error(
        "{} record has schema version {found}, newer than this app knows ({known}); update the app",
        .kind.name()
    )]
    FromTheFuture {
        kind: RecordKind,
        found: u64,
        known: u32,
    },
    /// A deleted record: kept for sync with its bookkeeping only, so it has
    /// no content to decode. Not damage; stores skip it when listing.
    #[error("record is deleted")]
    Tombstone,
    #[error("record does not match its schema: {0}")]
    Invalid(String),
}

/// What decoding a stored record found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<R> {
    pub record: R,
    /// True when the stored form was older and should be written back.
    pub migrated: bool,
}

/// The bookkeeping read first, so that a current record is decoded straight
/// from its text (the common case: no intermediate `Value`).
#[derive(serde::Deserialize)]
struct Probe {
    #[serde(default)]
    schema_version: Value,
    #[serde(default)]
    deleted: bool,
}

fn probe(stored: &str) -> Result<Probe, MigrationError> {
    if !stored.trim_start().starts_with('{') {
        return Err(MigrationError::NotAnObject);
    }
    serde_json::from_str(stored).map_err(|e| MigrationError::Invalid(e.to_string()))
}

/// Decodes a stored record of `kind`, whose current schema is
/// `history.len() + 1`, upgrading older versions step by step. A newer
/// version is refused (the app needs an update), never guessed at; a
/// tombstone is reported as such.
pub fn decode_with_history<R: serde::de::DeserializeOwned>(
    stored: &str,
    kind: RecordKind,
    history: &[Upgrade],
) -> Result<Decoded<R>, MigrationError> {
    let invalid = |e: serde_json::Error| MigrationError::Invalid(e.to_string());
    let probe = probe(stored)?;
    if probe.deleted {
        return Err(MigrationError::Tombstone);
    }
    let version = probe
        .schema_version
        .as_u64()
        .ok_or(MigrationError::NoSchemaVersion)?;
    let current = history.len() as u64 + 1;
    if version > current {
        return Err(MigrationError::FromTheFuture {
            kind,
            found: version,
            known: current as u32,
        });
    }
    if version == current {
        return Ok(Decoded {
            record: serde_json::from_str(stored).map_err(invalid)?,
            migrated: false,
        });
    }
    let Value::Object(mut object) = serde_json::from_str(stored).map_err(invalid)? else {
        return Err(MigrationError::NotAnObject);
    };
    // Version 0 does not exist; a stored 0 is read as the first layout.
    for (step, upgrade) in history.iter().enumerate().skip(version.max(1) as usize - 1) {
        upgrade(&mut object);
        object.insert("schema_version".into(), Value::from(step as u64 + 2));
    }
    // Through text again rather than `from_value`, whose deserializer would
    // add about 14 kB of wasm for this rare path.
    let record = serde_json::from_str(&Value::Object(object).to_string()).map_err(invalid)?;
    Ok(Decoded {
        record,
        migrated: true,
    })
}
