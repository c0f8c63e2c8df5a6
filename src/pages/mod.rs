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
#[cfg(not(feature = "coordinator"))]
pub use settings::SettingsPage;

/// The screen of a coordinator area, when this build carries it. Another
/// area's address loads the page anew with that area's build (`app::Nav`),
/// so the last arm shows only while that load starts.
#[cfg(feature = "coordinator")]
pub fn area_screen(area: crate::app::Area) -> leptos::prelude::AnyView {
    use crate::app::Area;
    use leptos::prelude::*;
    match area {
        #[cfg(feature = "area-surveys")]
        Area::Surveys => view! { <surveys::SurveysPage/> }.into_any(),
        #[cfg(feature = "area-trajectories")]
        Area::Trajectories => view! { <trajectories::TrajectoriesPage/> }.into_any(),
        #[cfg(feature = "area-activities")]
        Area::Activities => view! { <activities::ActivitiesPage/> }.into_any(),
        #[cfg(feature = "area-activities")]
        Area::Initiatives => view! { <initiatives::InitiativesPage/> }.into_any(),
        #[cfg(feature = "area-settings")]
        Area::Settings => view! { <settings::SettingsPage/> }.into_any(),
        #[cfg(feature = "area-settings")]
        Area::Lists => view! { <org_lists::ListsPage/> }.into_any(),
        #[cfg(feature = "area-report")]
        Area::Report => view! { <report::ReportPage/> }.into_any(),
        #[allow(unreachable_patterns)]
        _ => {
            let i18n = expect_context::<crate::app::I18n>();
            view! { <p class="loading" role="status">{i18n.t(crate::i18n::Key::Loading)}</p> }
                .into_any()
        }
    }
}
