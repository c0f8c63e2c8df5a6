//! The four built-in surveys, ready to use, as JSON data in `templates/`.
//!
//! Each is complete in Dutch, simple Dutch (`nl-x-b1`), English, Arabic,
//! Turkish, Polish and Ukrainian: the languages most spoken by residents who
//! need a wijkplein. Every translation is listed in `unchecked_languages`
//! until a native speaker has read it (the survey editor shows it, and a
//! coordinator ticks it off). An organisation takes
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

include!(concat!(env!("OUT_DIR"), "/template_titles.rs"));

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

    /// The template's title in a staff language (English for "en", else
    /// Dutch), without reading the template.
    pub fn title(self, lang: &str) -> &'static str {
        let (_, dutch, english) = TITLES[self as usize];
        if lang == "en" {
            english
        } else {
            dutch
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

/// The file the browser's apps read the templates from
/// (`/enquete/survey-templates.json`, written by `scripts/build` from the
/// files in `templates/`): the four definitions in the order of
/// `Template::ALL`. `None` when the text is not exactly that.
pub fn from_file(json: &str) -> Option<Vec<SurveyDefinition>> {
    let all: Vec<SurveyDefinition> = serde_json::from_str(json).ok()?;
    let in_order = all.len() == Template::ALL.len()
        && all.iter().zip(Template::ALL).all(|(d, t)| d.id == t.id());
    in_order.then_some(all)
}

/// All four templates, in the order of `Template::ALL`.
pub fn builtin() -> Vec<SurveyDefinition> {
    Template::ALL.iter().map(|t| t.definition()).collect()
}
