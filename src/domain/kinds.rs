//! Every kind of record by its `RecordKind`: where code that holds a
//! record's kind only as a value (an import file, a sync reply) reaches the
//! kind's own type.

use crate::domain::activity::ActivityFields;
use crate::domain::contact::{Contact, ContactFields};
use crate::domain::entry::{schema_version, Entry, EntryFields, Record};
use crate::domain::initiative::InitiativeFields;
use crate::domain::migrate::MigrationError;
use crate::domain::org_list::OrgListFields;
use crate::domain::record::{RecordKind, RecordMeta};
use crate::domain::survey::stored::SurveyVersion;
use crate::domain::survey::{ResponseContent, StoredSurvey, SurveyResponse};
use crate::domain::trajectory::TrajectoryFields;

/// Reads `text` as a live record of `kind` in a schema version this app
/// knows (its own type decodes it, older versions upgraded). Gives the
/// record's bookkeeping as decoded with it, or `None` for a record of an
/// older schema, whose upgrade rewrote it (its `schema_version` then is the
/// current one, not the one in `text`).
pub fn read_content(kind: RecordKind, text: &str) -> Result<Option<RecordMeta>, MigrationError> {
    fn read<R: Record>(text: &str) -> Result<Option<RecordMeta>, MigrationError> {
        let decoded = R::from_stored(text)?;
        Ok((!decoded.migrated).then(|| decoded.record.meta().clone()))
    }
    match kind {
        RecordKind::Contact => read::<Contact>(text),
        RecordKind::SurveyResponse => read::<SurveyResponse>(text),
        RecordKind::SurveyDefinition => read::<StoredSurvey>(text),
        RecordKind::Trajectory => read::<Entry<TrajectoryFields>>(text),
        RecordKind::Activity => read::<Entry<ActivityFields>>(text),
        RecordKind::Initiative => read::<Entry<InitiativeFields>>(text),
        RecordKind::OrgList => read::<Entry<OrgListFields>>(text),
    }
}

/// As [`read_content`] for a record already known (from its parsed tree) to
/// be live and of schema `version`: when that is the current schema of
/// `kind`, decoded straight by its own type, without first reading its text
/// for its schema version and deletion; `None` for another version.
pub fn read_current(
    kind: RecordKind,
    version: u64,
    text: &str,
) -> Option<Result<RecordMeta, MigrationError>> {
    fn read<F: EntryFields>(
        version: u64,
        text: &str,
    ) -> Option<Result<RecordMeta, MigrationError>> {
        (version == u64::from(schema_version::<F>())).then(|| {
            serde_json::from_str::<Entry<F>>(text)
                .map(|entry| entry.meta)
                .map_err(|e| MigrationError::Invalid(e.to_string()))
        })
    }
    match kind {
        RecordKind::Contact => read::<ContactFields>(version, text),
        RecordKind::SurveyResponse => read::<ResponseContent>(version, text),
        RecordKind::SurveyDefinition => read::<SurveyVersion>(version, text),
        RecordKind::Trajectory => read::<TrajectoryFields>(version, text),
        RecordKind::Activity => read::<ActivityFields>(version, text),
        RecordKind::Initiative => read::<InitiativeFields>(version, text),
        RecordKind::OrgList => read::<OrgListFields>(version, text),
    }
}
