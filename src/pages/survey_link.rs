//! A survey's link for residents' phones, shared by the surveys area and
//! the activities area (an activity's own survey, with its QR code).

use crate::app::SyncCx;
use crate::domain::survey::link::{dropoff_on, SurveyLink};
use crate::platform;
use crate::storage::settings_store;
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

/// The full address of a survey link on this origin. With the
/// organisation's answer key on this device (Instellingen), the link
/// carries it, and the phone or kiosk seals each response with it.
pub(crate) fn link_to(link: SurveyLink) -> String {
    let link = SurveyLink {
        key: settings_store::answer_key(),
        ..link
    };
    format!("{}/enquete/#{}", platform::origin(), link.to_fragment())
}
