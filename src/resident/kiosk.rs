//! Kiosk mode: the tablet resets itself after a survey and after a resident
//! walks away (answers of an abandoned survey are not kept), and only staff
//! with their code (the staff lock's, `passcode`) can leave it.

use super::state::Stage;
use crate::i18n::{I18n, Key};
use crate::platform;
use leptos::prelude::*;
use std::time::Duration;

/// After the thank-you, the next resident should not wait long.
const THANKS_SECONDS: u32 = 10;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[component]
pub fn KioskTimer(
    stage: RwSignal<Stage>,
    idle_seconds: u32,
    on_reset: Callback<()>,
) -> impl IntoView {
    let last_activity = StoredValue::new(now_ms());
    let touch = move || last_activity.set_value(now_ms());
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
            let limit = match stage.get_untracked() {
                Stage::Start => return,
                Stage::Question(_) => idle_seconds,
                Stage::Thanks => idle_seconds.min(THANKS_SECONDS),
            };
            if now_ms() - last_activity.get_value() > f64::from(limit) * 1000.0 {
                on_reset.run(());
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
            <button type="button" class="button subtle"
                on:click=move |_| platform::replace_location(UNLOCK_PAGE)>
                {move || i18n.t(Key::KioskExit)}
            </button>
        </div>
    }
}

/// The lock page, without a wanted address: either staff code opens it.
const UNLOCK_PAGE: &str = "/ontgrendelen/";
