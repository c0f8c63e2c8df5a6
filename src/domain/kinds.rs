//! Every kind of record by its `RecordKind`: where code that holds a
//! record's kind only as a value (an import file, a sync reply) reaches the
//! kind's own type.

use crate::domain::activity::ActivityFields;
use crate::domain::contact::Contact;
use crate::domain::entry::{Entry, Record};
use crate::domain::initiative::InitiativeFields;
use crate::domain::migrate::MigrationError;
use crate::domain::record::RecordKind;
use crate::domain::survey::{StoredSurvey, SurveyResponse};
use crate::domain::trajectory::TrajectoryFields;

/// Whether `text` reads as a live record of `kind` in a schema version this
/// app knows (its own type decodes it, older versions upgraded).
pub fn check_content(kind: RecordKind, text: &str) -> Result<(), MigrationError> {
    fn check<R: Record>(text: &str) -> Result<(), MigrationError> {
        R::from_stored(text).map(|_| ())
    }
    match kind {
        RecordKind::Contact => check::<Contact>(text),
        RecordKind::SurveyResponse => check::<SurveyResponse>(text),
        RecordKind::SurveyDefinition => check::<StoredSurvey>(text),
        RecordKind::Trajectory => check::<Entry<TrajectoryFields>>(text),
        RecordKind::Activity => check::<Entry<ActivityFields>>(text),
        RecordKind::Initiative => check::<Entry<InitiativeFields>>(text),
    }
}
