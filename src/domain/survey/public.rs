//! The organisation's own surveys where residents' phones can read them: a
//! copy of each survey's newest published version in the drop-off database,
//! as the document `survey:<survey id>`.
//!
//! With it a survey link can be short (`#s=<survey>&to=<drop-off>`): the
//! phone fetches the definition once, without a login, and keeps it for
//! offline use, instead of carrying the whole definition in the link. The
//! coordinator's device writes these copies when it syncs; the reverse proxy
//! lets a phone read only these documents (docs/DEPLOY.md).
//!
//! The document is the definition itself plus CouchDB's `_id` and `_rev`,
//! so a phone reads it with the same code as a definition packed in a link.

use super::model::{SurveyDefinition, SurveyStatus};
use super::templates::Template;
use super::validate::{validate_definition, DefinitionError, DEFINITION_LIMITS};

/// The drop-off document that holds `survey`'s copy for phones.
pub fn public_doc_id(survey: &str) -> String {
    format!("survey:{survey}")
}

/// Whether `survey` is built in: every phone's app has it already.
pub fn is_builtin(survey: &str) -> bool {
    Template::ALL.iter().any(|t| t.id() == survey)
}

/// The newest published version of each of the organisation's own surveys
/// among `versions` (built-in surveys travel in the app), by survey id.
pub fn own_published(versions: &[SurveyDefinition]) -> Vec<&SurveyDefinition> {
    let mut newest: Vec<&SurveyDefinition> = Vec::new();
    for definition in versions {
        if definition.status != SurveyStatus::Published || is_builtin(&definition.id) {
            continue;
        }
        match newest.iter_mut().find(|d| d.id == definition.id) {
            Some(kept) if kept.version < definition.version => *kept = definition,
            Some(_) => {}
            None => newest.push(definition),
        }
    }
    newest
}

/// Why a definition from a link or the drop-off is not shown. The survey
/// app says "not found" for each: a resident cannot repair it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicProblem {
    /// Longer than a definition may be (`DEFINITION_LIMITS.bytes`); not
    /// read at all.
    TooLarge { bytes: usize },
    /// Not a survey definition (damaged, cut off, nested too deeply).
    Unreadable,
    /// Another survey than the link names.
    OtherSurvey,
    /// A draft.
    NotPublished,
    /// Over a limit or broken (`validate_definition`).
    Invalid(Vec<DefinitionError>),
}

/// The definition a phone may show for a link that names `survey`: a
/// published, valid version of that very survey. Anything else (another
/// survey, a draft, a damaged or hostile text) counts as not found.
pub fn accept_for_link(text: &str, survey: &str) -> Option<SurveyDefinition> {
    check_for_link(text, survey).ok()
}

/// As [`accept_for_link`], saying why a text is not shown.
pub fn check_for_link(text: &str, survey: &str) -> Result<SurveyDefinition, PublicProblem> {
    if text.len() > DEFINITION_LIMITS.bytes {
        return Err(PublicProblem::TooLarge { bytes: text.len() });
    }
    let definition: SurveyDefinition =
        serde_json::from_str(text).map_err(|_| PublicProblem::Unreadable)?;
    if definition.id != survey {
        return Err(PublicProblem::OtherSurvey);
    }
    if definition.status != SurveyStatus::Published {
        return Err(PublicProblem::NotPublished);
    }
    validate_definition(&definition).map_err(PublicProblem::Invalid)?;
    Ok(definition)
}
