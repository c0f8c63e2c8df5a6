//! Kiosk mode: the tablet resets itself after a survey and after a resident
//! walks away (answers of an abandoned survey are not kept), and only staff
//! with their code (the staff lock's, `passcode`) can leave it.

use super::state::Stage;
use crate::domain::lock::{idle_state, Idle};
use crate::i18n::{I18n, Key};
use crate::platform;
use leptos::prelude::*;
use std::time::Duration;

/// After the thank-you, the next resident should not wait long.
const THANKS_SECONDS: u32 = 10;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Starts the survey anew once nobody has touched it for `idle_seconds`
/// (a resident walked away), and a little earlier asks whether someone
/// is still there (WCAG 2.2.1): any touch or key keeps the answers. The
/// thank-you screen ends without asking: nothing is lost there.
#[component]
pub fn KioskTimer(
    stage: RwSignal<Stage>,
    idle_seconds: u32,
    on_reset: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let last_activity = StoredValue::new(now_ms());
    let warning = RwSignal::new(false);
    let touch = move || {
        last_activity.set_value(now_ms());
        if warning.get_untracked() {
            warning.set(false);
        }
    };
    Effect::new(move |_| {
        stage.track();
        touch();
    });
    let listeners: Vec<_> = ["pointerdown", "keydown", "input"]
        .into_iter()
        .map(|event| window_event_listener_untyped(event, move |_| touch()))
        .collect();
    let history = platform::hold_history();
    let timer = set_interval_with_handle(
        move || {
            let (limit, warns) = match stage.get_untracked() {
                Stage::Start => return,
                Stage::Question(_) => (idle_seconds, true),
                Stage::Thanks => (idle_seconds.min(THANKS_SECONDS), false),
            };
            let idle_for = (now_ms() - last_activity.get_value()).max(0.0) as u64;
            match idle_state(u64::from(limit) * 1000, idle_for) {
                Idle::Over => {
                    warning.set(false);
                    on_reset.run(());
                }
                Idle::Warning(_) if warns && !warning.get_untracked() => warning.set(true),
                _ => {}
            }
        },
        Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
        if let Some(history) = history {
            history.remove();
        }
        if let Some(timer) = timer {
            timer.clear();
        }
    });
    view! {
        <div class="notice idle-warning" role="alert" hidden=move || !warning.get()>
            <p>{move || i18n.t(Key::KioskIdleWarning)}</p>
            <button type="button" class="nl-button nl-button--primary big">{move || i18n.t(Key::KioskIdleStay)}</button>
        </div>
    }
}

/// The small staff button: to the lock page, where a staff code ends the
/// kiosk (the volunteers' code leads to the registration, the
/// coordinator's to Beheer). Codes are typed in one place only, which
/// also opens the device's text key for the staff app (`passcode`); while
/// the kiosk runs, the lock page offers no way to wipe the device.
#[component]
pub fn KioskExit() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <div class="kiosk-exit">
            <button type="button" class="nl-button nl-button--subtle"
                on:click=move |_| platform::replace_location(UNLOCK_PAGE)>
                {move || i18n.t(Key::KioskExit)}
            </button>
        </div>
    }
}

/// The lock page, without a wanted address: either staff code opens it.
const UNLOCK_PAGE: &str = "/ontgrendelen/";
