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
use super::validate::validate_definition;

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

/// The definition a phone may show for a link that names `survey`: a
/// published, valid version of that very survey. Anything else (another
/// survey, a draft, a damaged or hostile text) counts as not found.
pub fn accept_for_link(text: &str, survey: &str) -> Option<SurveyDefinition> {
    let definition: SurveyDefinition = serde_json::from_str(text).ok()?;
    (definition.id == survey
        && definition.status == SurveyStatus::Published
        && validate_definition(&definition).is_ok())
    .then_some(definition)
}
