//! One file per screen.

#[cfg(feature = "coordinator")]
mod activities;
mod choose_location;
#[cfg(feature = "coordinator")]
mod initiatives;
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
pub use choose_location::ChooseLocationPage;
#[cfg(feature = "coordinator")]
pub use initiatives::InitiativesPage;
pub use register::RegisterPage;
pub use settings::SettingsPage;
#[cfg(feature = "coordinator")]
pub use surveys::SurveysPage;
#[cfg(feature = "coordinator")]
pub use trajectories::TrajectoriesPage;
