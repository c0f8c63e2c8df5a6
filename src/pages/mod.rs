//! One file per screen.

#[cfg(feature = "coordinator")]
mod activities;
#[cfg(not(feature = "coordinator"))]
mod choose_location;
#[cfg(feature = "coordinator")]
mod initiatives;
#[cfg(not(feature = "coordinator"))]
mod register;
mod settings;
#[cfg(feature = "coordinator")]
mod survey_editor;
#[cfg(feature = "coordinator")]
mod surveys;
#[cfg(feature = "coordinator")]
mod trajectories;

#[cfg(feature = "coordinator")]
pub use activities::ActivitiesPage;
#[cfg(not(feature = "coordinator"))]
pub use choose_location::ChooseLocationPage;
#[cfg(feature = "coordinator")]
pub use initiatives::InitiativesPage;
#[cfg(not(feature = "coordinator"))]
pub use register::RegisterPage;
pub use settings::SettingsPage;
#[cfg(feature = "coordinator")]
pub use surveys::SurveysPage;
#[cfg(feature = "coordinator")]
pub use trajectories::TrajectoriesPage;
