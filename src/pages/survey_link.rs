//! A survey's link for residents' phones, shared by the surveys area and
//! the activities area (an activity's own survey, with its QR code).

use crate::app::SyncCx;
use crate::domain::survey::link::{dropoff_on, SurveyLink};
use crate::platform;
use leptos::prelude::*;

/// Where residents' phones deliver their answers: the drop-off database on
/// the sync server this device uses (tracked), none without one.
pub(crate) fn phone_dropoff() -> impl Fn() -> Option<String> + Copy {
    let sync = use_context::<SyncCx>();
    move || {
        sync?
            .status
            .with(|s| s.configured.then(|| dropoff_on(&s.server)))
            .flatten()
    }
}

/// The full address of a survey link on this origin.
pub(crate) fn link_to(link: SurveyLink) -> String {
    format!("{}/enquete/#{}", platform::origin(), link.to_fragment())
}
