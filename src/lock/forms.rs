//! The lock page's forms: set up, unlock, forgotten code, change, wipe.

use super::{Screen, Target};
use crate::domain::lock::{check_new_code, CodeProblem, LockConfig, Role};
use crate::i18n::{self, I18n, Key};
use crate::passcode::{self, Attempt};
use crate::platform;
use crate::storage::{indexeddb, key_store, settings_store};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

fn problem_text(problem: CodeProblem) -> Key {
    match problem {
        CodeProblem::PinTooShort => Key::LockProblemPinShort,
        CodeProblem::PassphraseTooShort => Key::LockProblemPassphraseShort,
        CodeProblem::TooLong => Key::LockProblemTooLong,
        CodeProblem::Mismatch => Key::LockProblemMismatch,
        CodeProblem::SameAsCoordinator => Key::LockProblemSame,
    }
}

/// A code and its repetition as one form field pair's state.
#[derive(Clone, Copy)]
struct NewCode {
    code: RwSignal<String>,
    repeated: RwSignal<String>,
    error: RwSignal<Option<Key>>,
}

impl NewCode {
    fn new() -> Self {
        Self {
            code: RwSignal::new(String::new()),
            repeated: RwSignal::new(String::new()),
            error: RwSignal::new(None),
        }
    }
    fn is_empty(&self) -> bool {
        self.code.with_untracked(String::is_empty) && self.repeated.with_untracked(String::is_empty)
    }
    /// For a code that may stay empty: `Some(None)` when it is left empty,
    /// `Some(code)` when it may be used, `None` when its problem is shown.
    fn optional(&self) -> Option<Option<String>> {
        if self.is_empty() {
            Some(None)
        } else {
            self.checked().map(Some)
        }
    }
    /// The code when it may be used; else its problem is shown.
    fn checked(&self) -> Option<String> {
        let code = self.code.get_untracked();
        let result = check_new_code(&code, &self.repeated.get_untracked());
        self.error.set(result.err().map(problem_text));
        result.ok().map(|()| code)
    }
}

/// One code input with its label, hint and error, tied together for
/// screen readers.
#[component]
fn CodeField(
    id: &'static str,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
    value: RwSignal<String>,
    error: RwSignal<Option<Key>>,
    /// A code being chosen (the browser may offer to keep it) rather than
    /// one being typed to open.
    #[prop(optional)]
    new: bool,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="utrecht-form-field">
            <label class="utrecht-form-field__label" for=id>{move || i18n.t(label)}</label>
            {hint.map(|hint| view! { <p class="utrecht-form-field__description hint" id=hint_id.clone()>{move || i18n.t(hint)}</p> })}
            <input
                id=id
                type="password"
                autocomplete=if new { "new-password" } else { "off" }
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    error.set(None);
                    value.set(event_target_value(&ev));
                }
            />
            <p class="utrecht-form-field__error-message field-error" id=error_id>{move || error.get().map(|key| i18n.t(key))}</p>
        </div>
    }
}

/// A sentence about the form as a whole (wrong code, wait, failure).
#[component]
fn FormMessage(message: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="notice error" role="alert" hidden=move || message.with(Option::is_none)>
            {move || message.get()}
        </p>
    }
}

/// The seconds left before another try, counting down.
fn countdown(seconds: RwSignal<u32>) {
    let handle = set_interval_with_handle(
        move || {
            let left = passcode::wait_seconds();
            if seconds.get_untracked() != left {
                seconds.set(left);
            }
        },
        Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = handle {
            handle.clear();
        }
    });
}

/// The wait after wrong codes, while there is one.
#[component]
fn WaitNotice(wait: RwSignal<u32>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <p class="notice error" role="alert" hidden=move || wait.get() == 0>
            {move || i18n::count(i18n.locale(), Key::LockWait, wait.get())}
        </p>
    }
}

/// "Checking the code…" while PBKDF2 runs.
#[component]
fn Checking(busy: RwSignal<bool>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <p role="status" class="hint">{move || busy.get().then(|| i18n.t(Key::LockChecking))}</p>
    }
}

#[component]
pub fn SetupForm() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let target = expect_context::<Target>();
    // A device that had a kiosk code before the lock: whoever sets the
    // codes must know it, so a resident at an upgraded kiosk cannot.
    let old_kiosk_code = settings_store::load().kiosk_pin;
    let needs_old = !old_kiosk_code.is_empty();
    let old = RwSignal::new(String::new());
    let old_error = RwSignal::new(None::<Key>);
    let coordinator = NewCode::new();
    let volunteer = NewCode::new();
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let old_ok = !needs_old || old.with_untracked(|o| *o == old_kiosk_code);
        old_error.set((!old_ok).then_some(Key::LockOldKioskCodeWrong));
        let coordinator_code = coordinator.checked();
        let volunteer_code = volunteer.optional();
        let (Some(coordinator_code), Some(volunteer_code)) = (coordinator_code, volunteer_code)
        else {
            return;
        };
        if volunteer_code.as_deref() == Some(coordinator_code.as_str()) {
            volunteer
                .error
                .set(Some(problem_text(CodeProblem::SameAsCoordinator)));
            return;
        }
        if !old_ok {
            return;
        }
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let coordinator_credential = passcode::credential(&coordinator_code).await;
            let volunteer_credential = match &volunteer_code {
                Some(code) => passcode::credential(code).await.map(Some),
                None => Ok(None),
            };
            // The device's text key for free text at rest, wrapped under
            // both codes (`domain::at_rest`).
            let text_key =
                passcode::new_text_key(&coordinator_code, volunteer_code.as_deref()).await;
            let (Ok(coordinator_credential), Ok(volunteer_credential), Ok((text_key, raw_key))) =
                (coordinator_credential, volunteer_credential, text_key)
            else {
                busy.set(false);
                message.set(Some(i18n.t(Key::LockCryptoFailed).to_owned()));
                return;
            };
            let config = LockConfig {
                coordinator: Some(coordinator_credential),
                volunteer: volunteer_credential,
                text_key: Some(text_key),
                ..settings_store::lock_config()
            };
            if !settings_store::save_lock_config(&config) {
                busy.set(false);
                message.set(Some(i18n.t(Key::LockSaveFailed).to_owned()));
                return;
            }
            // The kiosk code is the staff codes' job now.
            let mut settings = settings_store::load();
            settings.kiosk_pin.clear();
            let _ = settings_store::save(&settings);
            settings_store::set_text_key(&raw_key);
            passcode::start_session(Role::Coordinator);
            // Set up at a tablet: to the registration, unless the person
            // was on the way to Beheer.
            target.go(Role::Volunteer).await;
        });
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(Key::LockTitleSetup)}</h1>
        <p>{move || i18n.t(Key::LockSetupIntro)}</p>
        <form class="lock-form" on:submit=submit novalidate>
            {needs_old.then(|| view! {
                <CodeField id="lock-old-kiosk" label=Key::LockOldKioskCode hint=Key::LockOldKioskCodeHint value=old error=old_error/>
            })}
            <CodeField id="lock-coordinator" label=Key::LockCoordinatorCode hint=Key::LockCoordinatorCodeHint
                value=coordinator.code error=coordinator.error new=true/>
            <CodeField id="lock-coordinator-repeat" label=Key::LockCoordinatorRepeat
                value=coordinator.repeated error=coordinator.error new=true/>
            <CodeField id="lock-volunteer" label=Key::LockVolunteerCode hint=Key::LockVolunteerCodeHint
                value=volunteer.code error=volunteer.error new=true/>
            <CodeField id="lock-volunteer-repeat" label=Key::LockVolunteerRepeat
                value=volunteer.repeated error=volunteer.error new=true/>
            <FormMessage message=message/>
            <Checking busy=busy/>
            <button type="submit" class="nl-button nl-button--primary" aria-disabled=move || busy.get().to_string()>
                {move || i18n.t(Key::LockSetupSave)}
            </button>
        </form>
    }
}

#[component]
pub fn UnlockForm(screen: RwSignal<Screen>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let target = expect_context::<Target>();
    let needed = target.needs();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let wait = RwSignal::new(passcode::wait_seconds());
    countdown(wait);
    let kiosk = settings_store::kiosk();
    let no_kiosk = kiosk.is_none();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || wait.get_untracked() > 0 {
            return;
        }
        busy.set(true);
        let entered = code.get_untracked();
        spawn_local(async move {
            match passcode::try_code(&entered, needed).await {
                Attempt::Opened(role) => target.go(role).await,
                Attempt::Wrong(seconds) | Attempt::Wait(seconds) => {
                    busy.set(false);
                    code.set(String::new());
                    error.set(Some(Key::LockWrong));
                    wait.set(seconds);
                    platform::focus("lock-code");
                }
            }
        });
    };
    let (title, intro) = match needed {
        Role::Coordinator => (Key::LockTitleCoordinator, Key::LockCoordinatorIntro),
        Role::Volunteer => (Key::LockTitleLocked, Key::LockLockedIntro),
    };
    request_animation_frame(|| platform::focus("lock-code"));
    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(title)}</h1>
        <p>{move || i18n.t(intro)}</p>
        <form class="lock-form" on:submit=submit novalidate>
            <CodeField id="lock-code" label=Key::LockCode value=code error=error/>
            <WaitNotice wait=wait/>
            <Checking busy=busy/>
            <button type="submit" class="nl-button nl-button--primary"
                aria-disabled=move || (busy.get() || wait.get() > 0).to_string()>
                {move || i18n.t(Key::LockOpen)}
            </button>
        </form>
        <p class="lock-links">
            {kiosk.map(|link| view! {
                <a class="nl-button nl-button--secondary" href=link>{move || i18n.t(Key::LockBackToKiosk)}</a>
            })}
            {(needed == Role::Coordinator).then(|| view! {
                <a class="nl-button nl-button--secondary" href="/">{move || i18n.t(Key::LockBackToRegistration)}</a>
            })}
            // Not at a kiosk, where a resident may stand: no way to wipe.
            {no_kiosk.then(|| view! {
                <button type="button" class="nl-button nl-button--subtle" on:click=move |_| screen.set(Screen::Forgot)>
                    {move || i18n.t(Key::LockForgot)}
                </button>
            })}
        </p>
    }
}

#[component]
pub fn ForgotPanel(screen: RwSignal<Screen>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(Key::LockTitleForgot)}</h1>
        <p>{move || i18n.t(Key::LockForgotVolunteer)}</p>
        <p>
            <button type="button" class="nl-button nl-button--secondary" on:click=move |_| screen.set(Screen::Change)>
                {move || i18n.t(Key::LockToChange)}
            </button>
        </p>
        <p>{move || i18n.t(Key::LockForgotCoordinator)}</p>
        <p class="lock-links">
            <button type="button" class="nl-button nl-button--secondary nl-button--negative" on:click=move |_| screen.set(Screen::Wipe)>
                {move || i18n.t(Key::LockToWipe)}
            </button>
            <button type="button" class="nl-button nl-button--subtle" on:click=move |_| screen.set(Screen::Unlock)>
                {move || i18n.t(Key::LockBack)}
            </button>
        </p>
    }
}

#[component]
pub fn ChangeForm(screen: RwSignal<Screen>, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let current = RwSignal::new(String::new());
    let current_error = RwSignal::new(None::<Key>);
    let coordinator = NewCode::new();
    let volunteer = NewCode::new();
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let wait = RwSignal::new(passcode::wait_seconds());
    countdown(wait);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || wait.get_untracked() > 0 {
            return;
        }
        let (new_coordinator, new_volunteer) = (coordinator.optional(), volunteer.optional());
        let (Some(new_coordinator), Some(new_volunteer)) = (new_coordinator, new_volunteer) else {
            return;
        };
        let entered = current.get_untracked();
        let coordinator_after = new_coordinator.clone().unwrap_or_else(|| entered.clone());
        if new_volunteer.as_deref() == Some(coordinator_after.as_str()) {
            volunteer
                .error
                .set(Some(problem_text(CodeProblem::SameAsCoordinator)));
            return;
        }
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            match passcode::try_code(&entered, Role::Coordinator).await {
                Attempt::Opened(_) => {}
                Attempt::Wrong(seconds) | Attempt::Wait(seconds) => {
                    busy.set(false);
                    current.set(String::new());
                    current_error.set(Some(Key::LockWrong));
                    wait.set(seconds);
                    return;
                }
            }
            let mut config = settings_store::lock_config();
            // The text key follows the codes: wrapped again under each new
            // one. The unlock above opened it for this tab (and made it on
            // a device set up before it); without it, the wrapped keys stay
            // as they are.
            let raw = settings_store::text_key()
                .and_then(|key| crate::domain::base64url::decode(&key))
                .filter(|raw| raw.len() == crate::domain::at_rest::KEY_BYTES);
            if let (Some(mut key), Some(raw)) = (config.text_key.clone(), raw) {
                for (code, role) in [
                    (&new_coordinator, Role::Coordinator),
                    (&new_volunteer, Role::Volunteer),
                ] {
                    let Some(code) = code else { continue };
                    match passcode::wrap_text_key(&raw, code, role).await {
                        Ok(wrapped) => *key.slot_mut(role) = Some(wrapped),
                        Err(_) => {
                            busy.set(false);
                            message.set(Some(i18n.t(Key::LockCryptoFailed).to_owned()));
                            return;
                        }
                    }
                }
                config.text_key = Some(key);
            }
            for (code, slot) in [
                (new_coordinator, &mut config.coordinator),
                (new_volunteer, &mut config.volunteer),
            ] {
                let Some(code) = code else { continue };
                match passcode::credential(&code).await {
                    Ok(credential) => *slot = Some(credential),
                    Err(_) => {
                        busy.set(false);
                        message.set(Some(i18n.t(Key::LockCryptoFailed).to_owned()));
                        return;
                    }
                }
            }
            busy.set(false);
            if settings_store::save_lock_config(&config) {
                coordinator.code.set(String::new());
                coordinator.repeated.set(String::new());
                volunteer.code.set(String::new());
                volunteer.repeated.set(String::new());
                current.set(String::new());
                notice.set(Some(Key::LockSaved));
                screen.set(Screen::Unlock);
            } else {
                message.set(Some(i18n.t(Key::LockSaveFailed).to_owned()));
            }
        });
    };
    request_animation_frame(|| platform::focus("lock-current"));
    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(Key::LockTitleChange)}</h1>
        <p>{move || i18n.t(Key::LockChangeIntro)}</p>
        <form class="lock-form" on:submit=submit novalidate>
            <CodeField id="lock-current" label=Key::LockCurrentCoordinatorCode value=current error=current_error/>
            <WaitNotice wait=wait/>
            <CodeField id="lock-new-coordinator" label=Key::LockNewCoordinatorCode hint=Key::LockCoordinatorCodeHint
                value=coordinator.code error=coordinator.error new=true/>
            <CodeField id="lock-new-coordinator-repeat" label=Key::LockNewCoordinatorRepeat
                value=coordinator.repeated error=coordinator.error new=true/>
            <CodeField id="lock-new-volunteer" label=Key::LockNewVolunteerCode hint=Key::LockVolunteerCodeHint
                value=volunteer.code error=volunteer.error new=true/>
            <CodeField id="lock-new-volunteer-repeat" label=Key::LockNewVolunteerRepeat
                value=volunteer.repeated error=volunteer.error new=true/>
            <FormMessage message=message/>
            <Checking busy=busy/>
            <p class="lock-links">
                <button type="submit" class="nl-button nl-button--primary"
                    aria-disabled=move || (busy.get() || wait.get() > 0).to_string()>
                    {move || i18n.t(Key::LockChangeSave)}
                </button>
                <button type="button" class="nl-button nl-button--subtle" on:click=move |_| screen.set(Screen::Unlock)>
                    {move || i18n.t(Key::LockBack)}
                </button>
            </p>
        </form>
    }
}

#[component]
pub fn WipeForm(screen: RwSignal<Screen>, notice: RwSignal<Option<Key>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let word = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if word.with_untracked(|w| w.trim() != i18n.t(Key::LockWipeWord)) {
            error.set(Some(Key::LockWipeWrongWord));
            platform::focus("lock-wipe-word");
            return;
        }
        busy.set(true);
        spawn_local(async move {
            // The records, then the answer key (`storage::key_store`).
            let records = indexeddb::delete_database(indexeddb::DB_NAME).await;
            let keys = match records {
                Ok(()) => indexeddb::delete_database(key_store::KEYS_DB).await,
                failed => failed,
            };
            match keys {
                Ok(()) => {
                    settings_store::clear_all();
                    busy.set(false);
                    notice.set(Some(Key::LockWiped));
                    screen.set(Screen::Setup);
                }
                Err(_) => {
                    busy.set(false);
                    message.set(Some(i18n.t(Key::LockWipeFailed).to_owned()));
                }
            }
        });
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(Key::LockTitleWipe)}</h1>
        <p>{move || i18n.t(Key::LockWipeIntro)}</p>
        <super::answer_key::SealedCopy/>
        <form class="lock-form" on:submit=submit novalidate>
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="lock-wipe-word">{move || i18n.t(Key::LockWipeConfirm)}</label>
                <input id="lock-wipe-word" type="text" autocomplete="off"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="lock-wipe-word-error"
                    prop:value=move || word.get()
                    on:input=move |ev| { error.set(None); word.set(event_target_value(&ev)); }/>
                <p class="utrecht-form-field__error-message field-error" id="lock-wipe-word-error">{move || error.get().map(|key| i18n.t(key))}</p>
            </div>
            <FormMessage message=message/>
            <p class="lock-links">
                <button type="submit" class="nl-button nl-button--secondary nl-button--negative" aria-disabled=move || busy.get().to_string()>
                    {move || i18n.t(Key::LockWipeButton)}
                </button>
                <button type="button" class="nl-button nl-button--subtle" on:click=move |_| screen.set(Screen::Forgot)>
                    {move || i18n.t(Key::LockBack)}
                </button>
            </p>
        </form>
    }
}
