//! The yearly report (`#/jaarbeeld`, issue 10): every figure of a chosen
//! period over all records on this device. Its own build of the coordinator
//! app (cargo feature `area-report`), so its charts and tables weigh on no
//! other area's first load. A placeholder screen for now.

use crate::app::{I18n, Texts};
use crate::i18n::Key;
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <section class="report">
            <h1>{i18n.text(Key::ReportTitle)}</h1>
            <p class="hint">{i18n.text(Key::ReportPlaceholder)}</p>
        </section>
    }
}
