//! One file per screen.

mod choose_location;
mod register;
mod settings;
#[cfg(feature = "coordinator")]
mod survey_editor;
#[cfg(feature = "coordinator")]
mod surveys;

pub use choose_location::ChooseLocationPage;
pub use register::RegisterPage;
pub use settings::SettingsPage;
#[cfg(feature = "coordinator")]
pub use surveys::SurveysPage;
