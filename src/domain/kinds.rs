//! Every kind of record by its `RecordKind`: where code that holds a
//! record's kind only as a value (an import file, a sync reply) reaches the
//! kind's own type.

use crate::domain::activity::ActivityFields;
use crate::domain::contact::Contact;
use crate::domain::entry::{Entry, Record};
use crate::domain::initiative::InitiativeFields;
use crate::domain::migrate::MigrationError;
use crate::domain::record::{RecordKind, RecordMeta};
use crate::domain::survey::{StoredSurvey, SurveyResponse};
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
    }
}
