//! First run: which location does this device register for? Asked once.

use super::register::NEW_CONTACT_TITLE;
use crate::app::{I18n, Nav, Route, Services, SettingsCx, Texts};
use crate::i18n::Key;
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn ChooseLocationPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>();
    let nav = expect_context::<Nav>();
    let locations = expect_context::<Services>()
        .contacts()
        .taxonomy()
        .locations
        .clone();
    let buttons = locations
        .into_iter()
        .filter(|term| !term.retired)
        .map(|term| {
            let code = term.code.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="nl-button nl-button--secondary big"
                        on:click=move |_| {
                            settings.update(|s| s.location = Some(code.clone()));
                            nav.finish(Route::Register);
                            // This page is replaced by the form: focus its
                            // heading rather than letting focus fall to the page.
                            request_animation_frame(|| platform::focus(NEW_CONTACT_TITLE));
                        }
                    >
                        {move || term.label.get(i18n.lang()).to_owned()}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="choose-location">
            <h1 class="nl-heading nl-heading--level-1">{i18n.text(Key::ChooseLocationTitle)}</h1>
            <p>{i18n.text(Key::ChooseLocationIntro)}</p>
            <ul class="location-list">{buttons}</ul>
        </section>
    }
}
