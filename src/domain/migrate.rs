//! Upgrades stored records from older schema versions to the current one.
//!
//! Every record carries its `schema_version`. Reading goes through here, so an
//! old record is readable even before the store has rewritten it; the store
//! rewrites migrated records once, in one transaction, after opening.
//!
//! Contact schema history:
//! - v1 (the first layout): one `domain` string, `referred_to` as an optional
//!   code, no support form.
//! - v2 (current): `domains` list (main domain first), `outcome` as
//!   direct/referred, `support_form`.

use crate::domain::contact::{Contact, CONTACT_SCHEMA_VERSION};
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    #[error("record is not an object")]
    NotAnObject,
    #[error("record has no schema version")]
    NoSchemaVersion,
    #[error("record has schema version {0}, newer than this app knows ({CONTACT_SCHEMA_VERSION}); update the app")]
    FromTheFuture(u64),
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

/// Only the version number, read first so that a current record is decoded
/// straight from its text (the common case: no intermediate `Value`).
#[derive(serde::Deserialize)]
struct VersionProbe {
    #[serde(default)]
    schema_version: Value,
}

/// The `schema_version` of a stored record, read without decoding the rest.
pub fn schema_version(stored: &str) -> Result<u64, MigrationError> {
    if !stored.trim_start().starts_with('{') {
        return Err(MigrationError::NotAnObject);
    }
    let probe: VersionProbe =
        serde_json::from_str(stored).map_err(|e| MigrationError::Invalid(e.to_string()))?;
    probe
        .schema_version
        .as_u64()
        .ok_or(MigrationError::NoSchemaVersion)
}

/// Decodes a record kind that has had one schema so far (`current`): no
/// migration steps yet, only a refusal of records from a newer app.
pub fn decode_current<R: serde::de::DeserializeOwned>(
    stored: &str,
    current: u32,
) -> Result<Decoded<R>, MigrationError> {
    let version = schema_version(stored)?;
    if version > u64::from(current) {
        return Err(MigrationError::FromTheFuture(version));
    }
    let record =
        serde_json::from_str(stored).map_err(|e| MigrationError::Invalid(e.to_string()))?;
    Ok(Decoded {
        record,
        migrated: false,
    })
}

/// Decodes a stored contact (JSON text) of any known schema version.
pub fn decode_contact(stored: &str) -> Result<Decoded<Contact>, MigrationError> {
    let invalid = |e: serde_json::Error| MigrationError::Invalid(e.to_string());
    let version = schema_version(stored)?;
    if version > u64::from(CONTACT_SCHEMA_VERSION) {
        return Err(MigrationError::FromTheFuture(version));
    }
    if version == u64::from(CONTACT_SCHEMA_VERSION) {
        let contact: Contact = serde_json::from_str(stored).map_err(invalid)?;
        return Ok(Decoded {
            record: contact,
            migrated: false,
        });
    }
    let Value::Object(mut object) = serde_json::from_str(stored).map_err(invalid)? else {
        return Err(MigrationError::NotAnObject);
    };
    if version < 2 {
        contact_v1_to_v2(&mut object);
    }
    // Through text again rather than `from_value`, whose deserializer would
    // add about 14 kB of wasm for this rare path.
    let migrated = Value::Object(object).to_string();
    let contact: Contact = serde_json::from_str(&migrated).map_err(invalid)?;
    Ok(Decoded {
        record: contact,
        migrated: true,
    })
}

fn contact_v1_to_v2(object: &mut Map<String, Value>) {
    let domain = object.remove("domain");
    let domains = match domain {
        Some(Value::String(code)) if !code.is_empty() => vec![Value::String(code)],
        _ => vec![Value::String("anders".into())],
    };
    object.insert("domains".into(), Value::Array(domains));
    let outcome = match object.remove("referred_to") {
        Some(Value::String(to)) if !to.is_empty() => json!({ "kind": "referred", "to": to }),
        _ => json!({ "kind": "direct" }),
    };
    object.insert("outcome".into(), outcome);
    // v1 registered information-and-advice questions only.
    object
        .entry("support_form")
        .or_insert_with(|| Value::String("informatie-advies".into()));
    object.insert("schema_version".into(), Value::from(2));
}
