//! The four built-in surveys, ready to use, as JSON data in `templates/`.
//!
//! Each is complete in Dutch (B1), English and Arabic. An organisation takes
//! one with `edit::duplicate` (a new id) and may publish it as it is or adapt
//! it first. The files are part of the build and a test validates each, so a
//! failure to read one is a build defect, not a user error.
//!
//! - `Kto`: at the close of a trajectory: a mark, five statements of the Wmo
//!   client-experience survey, two open questions.
//! - `ClientSurvey`: seed 001's six themes with sixteen statements, a mark for
//!   the team as a whole and an open question.
//! - `GroupActivity`: after a group activity: one statement per KPI of seed
//!   002 (nine, tagged), a mark and an open question.
//! - `WijkpleinVisit`: a mark, "Weet u nu wat u kunt doen?" and "Hoe heeft u
//!   ons gevonden?" (the awareness codes of the contact taxonomy).

use super::model::SurveyDefinition;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Kto,
    ClientSurvey,
    GroupActivity,
    WijkpleinVisit,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Kto,
        Template::ClientSurvey,
        Template::GroupActivity,
        Template::WijkpleinVisit,
    ];

    /// The template's survey id (an organisation's copy gets its own).
    pub fn id(self) -> &'static str {
        match self {
            Template::Kto => "kto-traject",
            Template::ClientSurvey => "clientenonderzoek",
            Template::GroupActivity => "groepsactiviteit",
            Template::WijkpleinVisit => "wijkplein-bezoek",
        }
    }

    fn json(self) -> &'static str {
        match self {
            Template::Kto => include_str!("templates/kto.json"),
            Template::ClientSurvey => include_str!("templates/client.json"),
            Template::GroupActivity => include_str!("templates/group.json"),
            Template::WijkpleinVisit => include_str!("templates/visit.json"),
        }
    }

    /// The template's definition (version 1, published).
    pub fn definition(self) -> SurveyDefinition {
        serde_json::from_str(self.json()).expect("a built-in survey template is valid JSON")
    }
}

/// All four templates, in the order of `Template::ALL`.
pub fn builtin() -> Vec<SurveyDefinition> {
    Template::ALL.iter().map(|t| t.definition()).collect()
}
