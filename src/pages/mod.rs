//! One file per screen.

mod choose_location;
mod register;
mod settings;

pub use choose_location::ChooseLocationPage;
pub use register::RegisterPage;
pub use settings::SettingsPage;
