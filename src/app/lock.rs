//! The staff lock in the staff apps: an app opens only in a tab unlocked
//! for its role (`domain::lock::Session`, set by the lock page); otherwise,
//! before the database is opened or anything is drawn, it hands over to
//! the lock page (`/ontgrendelen/`). Unlocked, it locks again after the
//! idle time the coordinator set, on "Vergrendelen", and when a page the
//! browser kept (Back, a tab woken up) is shown after that time.

use crate::domain::lock::{Idle, Role};
use crate::i18n::{I18n, Key};
use crate::platform;
use crate::storage::settings_store;
use leptos::prelude::*;
use std::time::Duration;

/// The role this app needs: the coordinator's for `/beheer/`.
const NEEDED: Role = if cfg!(feature = "coordinator") {
    Role::Coordinator
} else {
    Role::Volunteer
};

/// How often the session's last activity is written (a touch or key
/// between two writes counts from the first).
const TOUCH_EVERY_MS: u64 = 5_000;

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Whether this tab is unlocked for this app now. (A session exists only
/// after a code opened it on the lock page or at the kiosk.)
fn unlocked() -> bool {
    settings_store::session()
        .and_then(|session| session.role_at(now_ms()))
        .is_some_and(|role| role.opens(NEEDED))
}

/// The address of this page, for the lock page to come back to.
fn here() -> String {
    web_sys::window()
        .map(|w| {
            let location = w.location();
            format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.hash().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// Hands over to the lock page, which comes back here after unlocking.
fn to_lock_page() {
    platform::blank_page();
    let back = js_sys::encode_uri_component(&here());
    platform::replace_location(&format!("/ontgrendelen/#naar={back}"));
}

/// Locks this tab now (the idle time, a page shown after it).
pub fn lock_now() {
    settings_store::end_session();
    to_lock_page();
}

/// "Vergrendelen": the person hands the tablet over. Their initials, which
/// every new contact is signed with, go too, so the next volunteer's
/// contacts are not signed with them. (The idle lock keeps them: mostly the
/// same person comes back.)
pub fn hand_over() {
    let mut settings = settings_store::load();
    if !settings.initials.is_empty() {
        settings.initials.clear();
        let _ = settings_store::save(&settings);
    }
    lock_now();
}

/// Whether the app may open; when not, the lock page is on its way.
pub fn admitted() -> bool {
    if unlocked() {
        touch();
        true
    } else {
        to_lock_page();
        false
    }
}

/// Counts a touch or key as activity (the idle time starts again).
fn touch() {
    if let Some(mut session) = settings_store::session() {
        let now = now_ms();
        if now.saturating_sub(session.last_active_ms) >= TOUCH_EVERY_MS {
            session.last_active_ms = now;
            settings_store::save_session(&session);
        }
    }
}

/// While the app is open: activity keeps it unlocked, the idle time locks
/// it, and so does a page shown again after that time. Half a minute
/// before it locks, a warning says so (WCAG 2.2.1); a touch or key keeps
/// the app open. Shows that warning.
#[component]
pub fn IdleLock() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let warning = RwSignal::new(false);
    let check = move || {
        if !unlocked() {
            lock_now();
            return;
        }
        let warn = settings_store::session()
            .is_some_and(|s| matches!(s.idle_at(now_ms()), Idle::Warning(_)));
        if warning.get_untracked() != warn {
            warning.set(warn);
        }
    };
    let active = move || {
        touch();
        if warning.get_untracked() {
            check();
        }
    };
    let mut listeners: Vec<_> = ["pointerdown", "keydown"]
        .into_iter()
        .map(|event| window_event_listener_untyped(event, move |_| active()))
        .collect();
    listeners.push(window_event_listener_untyped("pageshow", move |_| check()));
    listeners.push(window_event_listener_untyped("focus", move |_| check()));
    let timer = set_interval_with_handle(check, Duration::from_secs(5)).ok();
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
        if let Some(timer) = timer {
            timer.clear();
        }
    });
    view! {
        <div class="notice idle-warning" role="alert" hidden=move || !warning.get()>
            <p>{move || i18n.t(Key::IdleWarning)}</p>
            <button type="button" class="nl-button nl-button--primary">{move || i18n.t(Key::IdleStay)}</button>
        </div>
    }
}

/// Makes this device a kiosk of `link`: the staff app locks, and the
/// survey app keeps to that link until staff unlock (`resident`).
pub fn start_kiosk(link: &str) {
    settings_store::start_kiosk(link);
    settings_store::end_session();
    platform::replace_location(link);
}

/// The kiosk this device last ran, for a volunteer to start again.
#[cfg(not(feature = "coordinator"))]
pub fn last_kiosk() -> Option<String> {
    settings_store::last_kiosk()
}

/// The idle time in minutes after which a staff app locks.
#[cfg(feature = "coordinator")]
pub fn idle_minutes() -> u32 {
    settings_store::idle_minutes()
}

/// Sets the idle time, for this tab at once; false when localStorage
/// refused.
#[cfg(feature = "coordinator")]
pub fn set_idle_minutes(minutes: u32) -> bool {
    if let Some(mut session) = settings_store::session() {
        session.idle_minutes = minutes;
        settings_store::save_session(&session);
    }
    settings_store::set_idle_minutes(minutes)
}
