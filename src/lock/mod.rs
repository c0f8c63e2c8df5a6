//! The lock page (`/ontgrendelen/`): a small app of its own, so no record
//! and no count is in the page while a staff app is locked. It sets up the
//! device's codes on first use, unlocks this tab as volunteer or
//! coordinator (`domain::lock`, `passcode`), changes the codes, and wipes
//! the device when the coordinator's code is lost. The staff apps send a
//! person here (`app::lock`) with `#naar=<the address they wanted>`.

mod answer_key;
mod forms;
mod seal_texts;

use crate::components::LanguageButtons;
use crate::domain::lock::{return_path, role_needed, Role, KEY_PAGE};
use crate::i18n::{self, I18n, Key, LOCALES};
use crate::platform;
use crate::storage::settings_store;
use forms::{ChangeForm, ForgotPanel, SetupForm, UnlockForm, WipeForm};
use leptos::prelude::*;

/// What the lock page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Setup,
    Unlock,
    Forgot,
    Change,
    Wipe,
    /// The organisation's answer key (`#sleutel`), for the coordinator.
    AnswerKey,
}

/// Where to go after unlocking, and what that needs.
#[derive(Clone, Copy)]
pub struct Target {
    path: StoredValue<Option<String>>,
    /// While the data worker seals the notes of a device from before the
    /// text key (`seal_texts`), after the unlock.
    sealing: RwSignal<bool>,
}

impl Target {
    fn from_hash(hash: &str) -> Self {
        let wanted = hash
            .strip_prefix("#naar=")
            .and_then(|encoded| js_sys::decode_uri_component(encoded).ok())
            .and_then(|decoded| decoded.as_string())
            .map(|path| return_path(&path).to_owned());
        Self {
            path: StoredValue::new(wanted),
            sealing: RwSignal::new(false),
        }
    }
    /// Back to the answer key's screen after the coordinator's code.
    fn key_page() -> Self {
        Self {
            path: StoredValue::new(Some(KEY_PAGE.to_owned())),
            sealing: RwSignal::new(false),
        }
    }
    /// The role the wanted app needs (the volunteer's app when none).
    pub fn needs(&self) -> Role {
        self.path
            .with_value(|p| p.as_deref().map_or(Role::Volunteer, role_needed))
    }
    /// Leaves the lock page for the wanted address, or the app of `role`,
    /// once the notes a device kept in the clear are sealed.
    pub async fn go(&self, role: Role) {
        if seal_texts::needed() {
            self.sealing.set(true);
            seal_texts::seal().await;
        }
        // Left a kiosk: the coordinator to its surveys, where kiosks start.
        let kiosk = settings_store::kiosk().is_some();
        settings_store::end_kiosk();
        let path = self.path.get_value().unwrap_or_else(|| {
            match role {
                Role::Coordinator if kiosk => "/beheer/#/enquetes",
                Role::Coordinator => "/beheer/",
                Role::Volunteer => "/",
            }
            .to_owned()
        });
        platform::replace_location(&path);
        if path == KEY_PAGE {
            // This very page, with the same fragment: start it again.
            platform::reload();
        }
    }
}

#[component]
pub fn LockApp() -> impl IntoView {
    let lang = RwSignal::new(settings_store::load().lang);
    let i18n = I18n::new(move || i18n::locale(&lang.get()));
    provide_context(i18n);
    Effect::new(move |_| {
        let locale = i18n.locale();
        platform::set_document_language(locale.code, locale.dir);
        platform::set_title(i18n.t(Key::LockPageTitle));
    });
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    // Another screen's address in the same tab (`#wissen` → `#sleutel`):
    // the page starts again on it.
    let _ = window_event_listener_untyped("hashchange", |_| platform::reload());
    let coordinator = settings_store::session()
        .and_then(|s| s.role_at(crate::passcode::now_ms()))
        .is_some_and(|role| role.opens(Role::Coordinator));
    let key_page = hash == "#sleutel";
    let target = if key_page {
        Target::key_page()
    } else {
        Target::from_hash(&hash)
    };
    provide_context(target);
    let first = if !settings_store::lock_config().is_set_up() {
        Screen::Setup
    } else if key_page && coordinator {
        Screen::AnswerKey
    } else if hash == "#wijzigen" {
        Screen::Change
    } else if hash == "#wissen" && settings_store::kiosk().is_none() {
        // Not at a kiosk: whoever stands there is a resident.
        Screen::Wipe
    } else {
        Screen::Unlock
    };
    let screen = RwSignal::new(first);
    // A notice that outlives the screen it came from ("wiped", "saved").
    let notice = RwSignal::new(None::<Key>);
    let languages = view! {
        <LanguageButtons
            locales=LOCALES.iter().filter(|l| l.complete).collect()
            class="lang"
            on_pick=Callback::new(move |code: &'static str| {
                let mut settings = settings_store::load();
                settings.lang = code.to_owned();
                let _ = settings_store::save(&settings);
                lang.set(code.to_owned());
            })
        />
    };
    view! {
        <header class="topbar">
            <div class="brand"><span class="app-name">{move || i18n.t(Key::AppName)}</span></div>
            <div class="languages" role="group" aria-label=move || i18n.t(Key::LanguageLabel)>
                {languages}
            </div>
        </header>
        <main id="main" class="lock">
            {move || notice.get().map(|key| view! {
                <p class="notice ok" role="status">{move || i18n.t(key)}</p>
            })}
            <p class="notice" role="status" hidden=move || !target.sealing.get()>
                {move || i18n.t(Key::LockSealingTexts)}
            </p>
            {move || match screen.get() {
                Screen::Setup => view! { <SetupForm/> }.into_any(),
                Screen::Unlock => view! { <UnlockForm screen=screen/> }.into_any(),
                Screen::Forgot => view! { <ForgotPanel screen=screen/> }.into_any(),
                Screen::Change => view! { <ChangeForm screen=screen notice=notice/> }.into_any(),
                Screen::Wipe => view! { <WipeForm screen=screen notice=notice/> }.into_any(),
                Screen::AnswerKey => view! { <answer_key::AnswerKeyScreen/> }.into_any(),
            }}
        </main>
    }
}
