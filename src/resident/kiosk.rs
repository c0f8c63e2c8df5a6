//! Kiosk mode: the tablet resets itself after a survey and after a resident
//! walks away (answers of an abandoned survey are not kept), and only staff
//! with their code (the staff lock's, `passcode`) can leave it.

use super::state::Stage;
use crate::domain::lock::Role;
use crate::i18n::{self, I18n, Key};
use crate::passcode::{self, Attempt};
use crate::platform;
use crate::storage::settings_store;
use leptos::prelude::*;
use leptos::task::spawn_local;
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
/// app: the coordinator's surveys for the coordinator's code, the
/// registration for a volunteer's. Wrong codes wait as on the lock page.
#[component]
pub fn KioskExit() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let open = RwSignal::new(false);
    let entered = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let wait = RwSignal::new(0u32);
    let try_exit = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let code = entered.get_untracked();
        spawn_local(async move {
            match passcode::try_code(&code, Role::Volunteer).await {
                Attempt::Opened(role) => {
                    settings_store::end_kiosk();
                    platform::replace_location(match role {
                        Role::Coordinator => "/beheer/#/enquetes",
                        Role::Volunteer => "/",
                    });
                }
                Attempt::Wrong(seconds) | Attempt::Wait(seconds) => {
                    busy.set(false);
                    wrong.set(true);
                    wait.set(seconds);
                    entered.set(String::new());
                    platform::focus("kiosk-pin");
                }
            }
        });
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
                        {move || (wait.get() > 0).then(|| format!(" {}", i18n::count(i18n.locale(), Key::LockWait, wait.get())))}
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
