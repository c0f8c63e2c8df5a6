//! The screens: one file per screen, and a folder per coordinator area
//! with a file per screen (`trajectories/{list,intake,detail,closing}.rs`)
//! over the shell they share (`area.rs`).

#[cfg(feature = "coordinator")]
mod activities;
#[cfg(feature = "coordinator")]
mod area;
#[cfg(not(feature = "coordinator"))]
mod choose_location;
#[cfg(feature = "coordinator")]
mod conflicts;
#[cfg(staff_texts)]
mod import;
#[cfg(feature = "coordinator")]
mod initiatives;
#[cfg(feature = "coordinator")]
mod org_lists;
#[cfg(feature = "coordinator")]
mod period_export;
#[cfg(not(feature = "coordinator"))]
mod register;
#[cfg(feature = "coordinator")]
mod report;
mod settings;
#[cfg(feature = "coordinator")]
mod survey_editor;
#[cfg(feature = "coordinator")]
mod surveys;
#[cfg(staff_texts)]
mod sync;
#[cfg(feature = "coordinator")]
mod trajectories;

#[cfg(feature = "coordinator")]
pub use activities::ActivitiesPage;
#[cfg(not(feature = "coordinator"))]
pub use choose_location::ChooseLocationPage;
#[cfg(feature = "coordinator")]
pub use initiatives::InitiativesPage;
#[cfg(feature = "coordinator")]
pub use org_lists::ListsPage;
#[cfg(not(feature = "coordinator"))]
pub use register::RegisterPage;
#[cfg(feature = "coordinator")]
pub use report::ReportPage;
pub use settings::SettingsPage;
#[cfg(feature = "coordinator")]
pub use surveys::SurveysPage;
#[cfg(feature = "coordinator")]
pub use trajectories::TrajectoriesPage;
