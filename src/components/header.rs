//! The top bar: where this device is, what is not yet synced, navigation and
//! the language switch.

use super::{loaded, LanguageButtons};
use crate::app::{DataVersion, I18n, Nav, Route, Services, SettingsCx, Texts};
use crate::domain::taxonomy;
use crate::i18n::{Key, LOCALES};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>();
    let nav = expect_context::<Nav>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>().0;

    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    let on = window_event_listener_untyped("online", move |_| online.set(true));
    let off = window_event_listener_untyped("offline", move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });

    let pending = loaded(move || {
        version.track();
        let contacts = services.contacts();
        async move { contacts.pending_count().await.unwrap_or(0) }
    });

    let lists = expect_context::<crate::app::Lists>().0;
    let location_name = move || {
        // The organisation may rename the location.
        lists.track();
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

    // Links, each to its screen's address; `Nav` follows them in the app.
    let nav_link = move |target: Route, key: Key| {
        let area = target.area();
        view! {
            <a
                class="nav"
                href=target.href()
                aria-current=move || nav.with_route(|r| r.area() == area).then_some("page")
            >
                {i18n.text(key)}
            </a>
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
    <a class="nl-skip-link nl-skip-link--visible-on-focus" href="#main">{i18n.text(Key::SkipToContent)}</a>
                <div class="brand">
                    <span class="app-name">{i18n.text(Key::AppName)}</span>
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
                            // With a sync server, the count is what is not
                            // on the server (an export does not change it).
                            let synced = settings.0.with(|s| s.sync);
                            match (n, synced) {
                                (0, false) => i18n.t(Key::AllShipped).to_owned(),
                                (0, true) => i18n.t(Key::AllSynced).to_owned(),
                                (n, false) => crate::i18n::count(i18n.locale(), Key::PendingCount, n),
                                (n, true) => crate::i18n::count(i18n.locale(), Key::UnsyncedCount, n),
                            }
                        }}
                    </span>
                </p>
                <nav aria-label=i18n.text(Key::NavLabel)>
                    {app_nav(nav_link)}
                    {nav_link(Route::Settings, Key::NavSettings)}
                    <button type="button" class="nav lock-now" on:click=move |_| {
                        if nav.may_leave() {
                            crate::app::hand_over();
                        }
                    }>
                        {i18n.text(Key::LockNow)}
                    </button>
                </nav>
                <div class="languages" role="group" aria-label=i18n.text(Key::LanguageLabel)>
                    {languages}
                </div>
            </header>
        }
}

/// The coordinator app's areas and a link to the volunteer's registration;
/// in the volunteer's app registration and a link to the coordinator app.
#[cfg(feature = "coordinator")]
fn app_nav<V: IntoView>(nav_link: impl Fn(Route, Key) -> V) -> impl IntoView {
    use crate::app::Sub;
    let i18n = expect_context::<I18n>();
    (
        view! { <a class="nav" href="/" on:click=leave_guard()>{i18n.text(Key::NavRegister)}</a> },
        nav_link(Route::Surveys, Key::NavSurveys),
        nav_link(Route::Trajectories(Sub::List), Key::NavTrajectories),
        nav_link(Route::Activities(Sub::List), Key::NavActivities),
        nav_link(Route::Initiatives(Sub::List), Key::NavInitiatives),
        nav_link(Route::Lists, Key::NavLists),
        nav_link(Route::Report, Key::NavReport),
    )
}

#[cfg(not(feature = "coordinator"))]
fn app_nav<V: IntoView>(nav_link: impl Fn(Route, Key) -> V) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    (
        nav_link(Route::Register, Key::NavRegister),
        view! { <a class="nav" href="/beheer/" on:click=leave_guard()>{i18n.text(Key::NavCoordinator)}</a> },
    )
}

/// The other staff app is another page: a half-filled form asks first.
fn leave_guard() -> impl Fn(leptos::ev::MouseEvent) + 'static {
    let nav = expect_context::<Nav>();
    move |ev| {
        if !nav.may_leave() {
            ev.prevent_default();
        }
    }
}
