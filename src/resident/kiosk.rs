//! Kiosk mode: the tablet resets itself after a survey and after a resident
//! walks away (answers of an abandoned survey are not kept), and only staff
//! with the code from the settings (the `KioskCode` context) can leave it.

use super::state::{KioskCode, Stage};
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

/// The small staff button and the code dialog that leads back to the staff
/// app. Without a code set in the settings, the kiosk is not locked.
#[component]
pub fn KioskExit() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let code = expect_context::<KioskCode>();
    let open = RwSignal::new(false);
    let entered = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let try_exit = move || {
        if entered.with_untracked(|entered| code.opens(entered)) {
            platform::go_to_staff_app();
        } else {
            wrong.set(true);
            entered.set(String::new());
            platform::focus("kiosk-pin");
        }
    };
    view! {
        <div class="kiosk-exit">
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="button subtle" on:click=move |_| {
                        open.set(true);
                        request_animation_frame(|| platform::focus("kiosk-pin"));
                    }>
                        {move || i18n.t(Key::KioskExit)}
                    </button>
                }
            >
                <form
                    class="pin-dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="pin-title"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        try_exit();
                    }
                >
                    <h2 id="pin-title">{move || i18n.t(Key::KioskPinTitle)}</h2>
                    <label for="kiosk-pin">{move || i18n.t(Key::KioskPinLabel)}</label>
                    <input
                        id="kiosk-pin"
                        type="password"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-invalid=move || wrong.get().to_string()
                        aria-describedby="kiosk-pin-error"
                        prop:value=move || entered.get()
                        on:input=move |ev| {
                            wrong.set(false);
                            entered.set(event_target_value(&ev));
                        }
                    />
                    <p class="field-error" id="kiosk-pin-error" aria-live="polite" hidden=move || !wrong.get()>
                        {move || i18n.t(Key::KioskPinWrong)}
                    </p>
                    <div class="survey-nav">
                        <button type="button" class="button" on:click=move |_| {
                            open.set(false);
                            wrong.set(false);
                            entered.set(String::new());
                        }>
                            {move || i18n.t(Key::CancelEdit)}
                        </button>
                        <button type="submit" class="button primary">{move || i18n.t(Key::KioskPinOpen)}</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
