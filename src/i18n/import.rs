//! Sentences of the import (staff apps only): why a file is refused, why a
//! record is left out, and the names of the record lists.

use super::{fill, Key, Locale};
use crate::domain::import::{FileProblem, Position, RecordProblem};
use crate::domain::migrate::MigrationError;
use crate::domain::record::RecordKind;

/// Why the whole file was refused; each sentence says nothing was imported.
pub fn file_problem(locale: &Locale, problem: &FileProblem) -> String {
    let text = |key| locale.text(key);
    match problem {
        FileProblem::TooLarge { bytes } => fill(
            text(Key::ImportTooLarge),
            &[("size", &format!("{} MB", bytes / 1_000_000))],
        ),
        FileProblem::Empty => text(Key::ImportEmpty).to_owned(),
        FileProblem::Truncated => text(Key::ImportTruncated).to_owned(),
        FileProblem::NotJson { line, column } => fill(
            text(Key::ImportNotJson),
            &[("line", &line.to_string()), ("column", &column.to_string())],
        ),
        FileProblem::NotAnExport => text(Key::ImportNotExport).to_owned(),
        FileProblem::UnknownVersion { found, known } => fill(
            text(Key::ImportUnknownVersion),
            &[("found", &found.to_string()), ("known", &known.to_string())],
        ),
        FileProblem::BadList { list } => fill(text(Key::ImportBadList), &[("list", list.as_str())]),
        FileProblem::TooManyRecords { count } => {
            fill(text(Key::ImportTooMany), &[("count", &count.to_string())])
        }
        FileProblem::SealedForOtherKey { key } => {
            fill(text(Key::ImportSealedOtherKey), &[("key", key.as_str())])
        }
        FileProblem::SealedDamaged => text(Key::ImportSealedDamaged).to_owned(),
    }
}

/// "Contacten, record 3: hoort niet in deze lijst".
pub fn invalid_record(locale: &Locale, position: &Position, problem: &RecordProblem) -> String {
    let reason = locale.text(match problem {
        RecordProblem::NotAnObject => Key::ImportRecNotObject,
        RecordProblem::TooLarge => Key::ImportRecTooLarge,
        RecordProblem::TooDeep => Key::ImportRecTooDeep,
        RecordProblem::WrongKind => Key::ImportRecWrongKind,
        RecordProblem::BadBookkeeping(_) => Key::ImportRecBookkeeping,
        RecordProblem::Unreadable(MigrationError::FromTheFuture { .. }) => Key::ImportRecFuture,
        RecordProblem::Unreadable(_) => Key::ImportRecUnreadable,
    });
    fill(
        locale.text(Key::ImportInvalidItem),
        &[
            ("list", list_name(locale, position.kind)),
            ("n", &position.number.to_string()),
            ("reason", reason),
        ],
    )
}

/// The name of a kind's list, as a person calls it.
pub fn list_name(locale: &Locale, kind: RecordKind) -> &'static str {
    locale.text(match kind {
        RecordKind::Contact => Key::ListContacts,
        RecordKind::SurveyResponse => Key::ListSurveyResponses,
        RecordKind::SurveyDefinition => Key::ListSurveys,
        RecordKind::Trajectory => Key::ListTrajectories,
        RecordKind::Activity => Key::ListActivities,
        RecordKind::Initiative => Key::ListInitiatives,
        RecordKind::OrgList => Key::ListOrgLists,
    })
}
