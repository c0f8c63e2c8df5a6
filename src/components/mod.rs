//! Reusable widgets: choice tiles, field errors, notices, header, banners.
//! They show state and turn input into calls; they hold no domain rules.
// One build of the coordinator app carries one area's screens (cargo
// features `area-…`): the widgets only other areas use are unused there.
// The build with every area (`--all-features`, clippy) still finds any
// widget no screen uses.
#![cfg_attr(
    all(
        feature = "coordinator",
        not(all(
            feature = "area-surveys",
            feature = "area-trajectories",
            feature = "area-activities",
            feature = "area-settings",
            feature = "area-report"
        ))
    ),
    allow(dead_code, unused_imports)
)]

mod choice;
#[cfg(feature = "coordinator")]
mod done;
#[cfg(feature = "coordinator")]
mod field;
mod header;
mod loaded;
mod notice;
mod pictogram;
#[cfg(feature = "coordinator")]
mod qr;
#[cfg(any(feature = "area-trajectories", feature = "area-report"))]
mod zrm_chart;

pub use choice::{term_options, ChoiceGroup, FieldErrorText, LanguageButtons};
#[cfg(feature = "coordinator")]
pub use done::{entry_view, Done, DoneNotice, FormProblems, ProblemList};
#[cfg(feature = "coordinator")]
pub use field::{
    bind, taxonomy_options, Bound, DateField, NumberField, SelectField, Text, TextField,
};
pub use header::Header;
pub use loaded::loaded;
#[cfg(feature = "coordinator")]
pub use notice::loaded_view;
pub use notice::{ErrorNotice, UpdateBanner};
pub use pictogram::Pictogram;
#[cfg(feature = "coordinator")]
pub use qr::QrCode;
#[cfg(any(feature = "area-trajectories", feature = "area-report"))]
pub use zrm_chart::{ChartRow, ZrmChart};
