//! Reusable widgets: choice tiles, field errors, notices, header, banners.
//! They show state and turn input into calls; they hold no domain rules.

mod choice;
mod header;
mod notice;

pub use choice::{term_options, ChoiceGroup, FieldErrorText, LanguageButtons};
pub use header::Header;
pub use notice::{ErrorNotice, UpdateBanner};
