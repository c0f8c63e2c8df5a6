//! Satisfaction surveys: definitions as versioned data, anonymous responses,
//! validation, scoring and the built-in templates.
//!
//! What it is for: a coordinator picks or edits a survey (`model`, `edit`,
//! `templates`); a resident fills it in on a tablet (`validate`,
//! `response`); the jaarbeeld reports marks per theme and KPI, NPS and the
//! response rate (`scoring`, formulas in its module doc and docs/SURVEYS.md).
//!
//! What it must not do: touch the browser or storage, hold user texts in code
//! (texts are `Localized` data in the definition, the rest belongs to i18n),
//! or keep anything that identifies a resident: a response has no name,
//! contact detail, trajectory code or time of day, only the date.

pub mod edit;
pub mod link;
pub mod model;
pub mod public;
pub mod record;
pub mod response;
pub mod scoring;
pub mod sealed;
pub mod stored;
pub mod templates;
pub mod validate;

pub use edit::{
    begin_edit, check_save, definition_for, duplicate, latest, latest_published, publish, EditError,
};
pub use model::{
    Choice, Condition, Kpi, Question, QuestionKind, Section, SurveyDefinition, SurveyStatus,
};
pub use record::{new_response, SurveyResponse};
pub use response::{Answer, ResponseContent};
pub use scoring::{
    as_mark, format_decimal_nl, format_percent_nl, response_rate_tenths, score, Recommendation,
    Score, SurveyScores, MIN_GROUP,
};
pub use stored::{StoredSurvey, SurveyVersion};
pub use templates::Template;
pub use validate::{
    shown_questions, validate_definition, validate_definition_within, validate_response,
    AnswerProblem, Counted, DefinitionError, DefinitionLimits, DefinitionProblem, Place,
    ResponseError, TextPart, DEFINITION_LIMITS, MAX_OPEN_CHARS, MAX_PROBLEMS,
};
