//! Publishing and editing rules for survey versions.
//!
//! A published version is frozen, because responses point at it: changing it
//! makes version + 1, a new draft, and every old version is kept so old
//! responses stay readable and scorable. Only the number of residents invited
//! may change on a published version (it is known after the fact). The store
//! calls `check_save` before writing; it must not write a version this refuses.

use super::model::{SurveyDefinition, SurveyStatus};
use super::validate::{validate_definition, DefinitionError};

/// Why a new or changed definition may not be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("a new version must keep the survey id")]
    IdChanged,
    #[error("version {0} is published and cannot change; edit a new version")]
    Frozen(u32),
    #[error("expected version {expected}, got {got}")]
    WrongVersion { expected: u32, got: u32 },
    #[error("the survey cannot be published: {} problem(s)", .0.len())]
    Invalid(Vec<DefinitionError>),
}

/// `def` marked published, when it is valid.
pub fn publish(def: &SurveyDefinition) -> Result<SurveyDefinition, Vec<DefinitionError>> {
    validate_definition(def)?;
    Ok(SurveyDefinition {
        status: SurveyStatus::Published,
        ..def.clone()
    })
}

/// The definition to edit: a draft is edited as it is; a published version
/// gives the next version as a new draft.
pub fn begin_edit(def: &SurveyDefinition) -> SurveyDefinition {
    match def.status {
        SurveyStatus::Draft => def.clone(),
        SurveyStatus::Published => SurveyDefinition {
            version: def.version.saturating_add(1),
            status: SurveyStatus::Draft,
            ..def.clone()
        },
    }
}

/// A copy as a new survey: a new id, version 1, a draft, nobody invited yet.
/// Also how a built-in template becomes an organisation's own survey.
pub fn duplicate(def: &SurveyDefinition, new_id: &str) -> SurveyDefinition {
    SurveyDefinition {
        id: new_id.to_owned(),
        version: 1,
        status: SurveyStatus::Draft,
        invited: 0,
        ..def.clone()
    }
}

/// The definition that a response to `survey_id` version `version` answered.
pub fn definition_for<'a>(
    versions: &'a [SurveyDefinition],
    survey_id: &str,
    version: u32,
) -> Option<&'a SurveyDefinition> {
    versions
        .iter()
        .find(|d| d.id == survey_id && d.version == version)
}

/// The newest version of `survey_id`, draft or not (what the editor opens).
pub fn latest<'a>(
    versions: &'a [SurveyDefinition],
    survey_id: &str,
) -> Option<&'a SurveyDefinition> {
    versions
        .iter()
        .filter(|d| d.id == survey_id)
        .max_by_key(|d| d.version)
}

/// The newest published version of `survey_id` (what residents answer).
pub fn latest_published<'a>(
    versions: &'a [SurveyDefinition],
    survey_id: &str,
) -> Option<&'a SurveyDefinition> {
    versions
        .iter()
        .filter(|d| d.id == survey_id && d.status == SurveyStatus::Published)
        .max_by_key(|d| d.version)
}

/// Whether `next` may be saved after `previous`, the newest stored version of
/// the same survey (`None` for a new survey):
/// - a new survey starts at version 1;
/// - a draft is saved over itself (same version);
/// - after a published version comes version + 1, or the same version with
///   only `invited` changed;
/// - anything saved as published must pass `validate_definition`.
pub fn check_save(
    previous: Option<&SurveyDefinition>,
    next: &SurveyDefinition,
) -> Result<(), EditError> {
    match previous {
        None if next.version != 1 => {
            return Err(EditError::WrongVersion {
                expected: 1,
                got: next.version,
            })
        }
        None => {}
        Some(prev) => {
            if prev.id != next.id {
                return Err(EditError::IdChanged);
            }
            match prev.status {
                SurveyStatus::Draft if next.version != prev.version => {
                    return Err(EditError::WrongVersion {
                        expected: prev.version,
                        got: next.version,
                    })
                }
                SurveyStatus::Published if next.version == prev.version => {
                    let same = SurveyDefinition {
                        invited: prev.invited,
                        ..next.clone()
                    };
                    if &same != prev {
                        return Err(EditError::Frozen(prev.version));
                    }
                }
                SurveyStatus::Published if next.version != prev.version.saturating_add(1) => {
                    return Err(EditError::WrongVersion {
                        expected: prev.version.saturating_add(1),
                        got: next.version,
                    })
                }
                _ => {}
            }
        }
    }
    if next.status == SurveyStatus::Published {
        validate_definition(next).map_err(EditError::Invalid)?;
    }
    Ok(())
}
