//! The top bar: where this device is, what is not yet synced, navigation and
//! the language switch.

use super::LanguageButtons;
use crate::app::{CurrentScreen, DataVersion, I18n, Screen, Services, SettingsCx};
use crate::domain::taxonomy;
use crate::i18n::{fill, Key, LOCALES};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>();
    let screen = expect_context::<CurrentScreen>().0;
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>().0;

    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    let on = window_event_listener_untyped("online", move |_| online.set(true));
    let off = window_event_listener_untyped("offline", move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });

    let pending = LocalResource::new(move || {
        version.track();
        let contacts = services.contacts();
        async move { contacts.pending_count().await.unwrap_or(0) }
    });

    let location_name = move || {
        let contacts = services.contacts();
        settings.0.with(|s| {
            s.location
                .as_deref()
                .map(|code| {
                    taxonomy::label(&contacts.taxonomy().locations, code, i18n.lang()).to_owned()
                })
                .unwrap_or_default()
        })
    };

    let nav_button = move |target: Screen, key: Key| {
        view! {
            <button
                type="button"
                class="nav"
                aria-current=move || (screen.get() == target).then_some("page")
                on:click=move |_| screen.set(target)
            >
                {move || i18n.t(key)}
            </button>
        }
    };

    let languages = view! {
        <LanguageButtons
            locales=LOCALES.iter().filter(|l| l.complete).collect()
            class="lang"
            on_pick=Callback::new(move |code: &'static str| settings.update(|s| s.lang = code.to_owned()))
        />
    };

    view! {
        <header class="topbar">
            <a class="skip" href="#main">{move || i18n.t(Key::SkipToContent)}</a>
            <div class="brand">
                <span class="app-name">{move || i18n.t(Key::AppName)}</span>
                <span class="location">{location_name}</span>
            </div>
            <p class="sync-state" role="status">
                <span class=move || if online.get() { "online" } else { "offline" }>
                    {move || i18n.t(if online.get() { Key::Online } else { Key::Offline })}
                </span>
                " · "
                <span data-testid="pending">
                    {move || {
                        let n = pending.get().unwrap_or(0);
                        if n == 0 {
                            i18n.t(Key::AllShipped).to_owned()
                        } else {
                            fill(i18n.plural(Key::PendingCount, n), &[("n", &n.to_string())])
                        }
                    }}
                </span>
            </p>
            <nav aria-label=move || i18n.t(Key::NavLabel)>
                {coordinator_nav(nav_button)}
                {nav_button(Screen::Settings, Key::NavSettings)}
            </nav>
            <div class="languages" role="group" aria-label=move || i18n.t(Key::LanguageLabel)>
                {languages}
            </div>
        </header>
    }
}

/// The coordinator's screens: in the coordinator app tabs (and a link to
/// the volunteer's registration), in the volunteer's app registration and a
/// link to the coordinator app.
#[cfg(feature = "coordinator")]
fn coordinator_nav<V: IntoView>(nav_button: impl Fn(Screen, Key) -> V) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    (
        view! { <a class="nav" href="/">{move || i18n.t(Key::NavRegister)}</a> },
        nav_button(Screen::Surveys, Key::NavSurveys),
        nav_button(Screen::Trajectories, Key::NavTrajectories),
        nav_button(Screen::Activities, Key::NavActivities),
        nav_button(Screen::Initiatives, Key::NavInitiatives),
    )
}

#[cfg(not(feature = "coordinator"))]
fn coordinator_nav<V: IntoView>(nav_button: impl Fn(Screen, Key) -> V) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    (
        nav_button(Screen::Register, Key::NavRegister),
        view! { <a class="nav" href="/beheer/">{move || i18n.t(Key::NavCoordinator)}</a> },
    )
}
