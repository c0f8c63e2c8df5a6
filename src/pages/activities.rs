//! Placeholder until the screen lands.

use crate::app::I18n;
use crate::i18n::Key;
use leptos::prelude::*;

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! { <h1>{move || i18n.t(Key::NavActivities)}</h1> }
}
