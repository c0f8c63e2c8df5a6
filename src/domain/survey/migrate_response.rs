//! Reads stored survey responses of every known schema version (only 1 so
//! far). Kept beside the contact migrations' pattern: a future version adds a
//! step here and bumps `RESPONSE_SCHEMA_VERSION`.

use super::record::{SurveyResponse, RESPONSE_SCHEMA_VERSION};
use crate::domain::migrate::{Decoded, MigrationError};

pub fn decode_response(stored: &str) -> Result<Decoded<SurveyResponse>, MigrationError> {
    let version = crate::domain::migrate::schema_version(stored)?;
    if version > u64::from(RESPONSE_SCHEMA_VERSION) {
        return Err(MigrationError::FromTheFuture(version));
    }
    let record: SurveyResponse =
        serde_json::from_str(stored).map_err(|e| MigrationError::Invalid(e.to_string()))?;
    Ok(Decoded {
        record,
        migrated: false,
    })
}
