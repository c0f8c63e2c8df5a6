//! The screens: one file per screen, and a folder per coordinator area
//! with a file per screen (`trajectories/{list,intake,detail,closing}.rs`)
//! over the shell they share (`area.rs`). The coordinator app is built once
//! per area (cargo features `area-…`, docs/ARCHITECTURE.md): each build
//! carries only its own area's screens.

#[cfg(feature = "area-activities")]
mod activities;
#[cfg(any(feature = "area-trajectories", feature = "area-activities"))]
mod area;
#[cfg(not(feature = "coordinator"))]
mod choose_location;
#[cfg(feature = "area-settings")]
mod conflicts;
#[cfg(all(
    staff_texts,
    any(not(feature = "coordinator"), feature = "area-settings")
))]
mod import;
#[cfg(feature = "area-activities")]
mod initiatives;
#[cfg(feature = "area-settings")]
mod org_lists;
#[cfg(feature = "area-settings")]
mod period_export;
#[cfg(not(feature = "coordinator"))]
mod register;
#[cfg(feature = "area-report")]
mod report;
#[cfg(any(not(feature = "coordinator"), feature = "area-settings"))]
mod settings;
#[cfg(feature = "area-surveys")]
mod survey_editor;
#[cfg(any(feature = "area-surveys", feature = "area-activities"))]
mod survey_link;
#[cfg(feature = "area-surveys")]
mod surveys;
#[cfg(all(
    staff_texts,
    any(not(feature = "coordinator"), feature = "area-settings")
))]
mod sync;
#[cfg(feature = "area-trajectories")]
mod trajectories;

#[cfg(not(feature = "coordinator"))]
pub use choose_location::ChooseLocationPage;
#[cfg(not(feature = "coordinator"))]
pub use register::RegisterPage;
#[cfg(any(not(feature = "coordinator"), feature = "area-settings"))]
pub use settings::SettingsPage;

#[cfg(feature = "area-activities")]
pub use activities::ActivitiesPage;
#[cfg(feature = "area-activities")]
pub use initiatives::InitiativesPage;
#[cfg(feature = "area-settings")]
pub use org_lists::ListsPage;
#[cfg(feature = "area-report")]
pub use report::ReportPage;
#[cfg(feature = "area-surveys")]
pub use surveys::SurveysPage;
#[cfg(feature = "area-trajectories")]
pub use trajectories::TrajectoriesPage;
