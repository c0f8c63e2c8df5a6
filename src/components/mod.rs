//! Reusable widgets: choice tiles, field errors, notices, header, banners.
//! They show state and turn input into calls; they hold no domain rules.

mod choice;
mod header;
mod notice;
#[cfg(feature = "coordinator")]
mod zrm_chart;

pub use choice::{term_options, ChoiceGroup, FieldErrorText, LanguageButtons};
pub use header::Header;
pub use notice::{ErrorNotice, UpdateBanner};
#[cfg(feature = "coordinator")]
pub use zrm_chart::{ChartRow, ZrmChart};
