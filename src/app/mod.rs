//! The root component: opens the store, provides the contexts, picks the
//! screen. Contexts are newtypes, provided once, read with `expect_context`.

use crate::components::{ErrorNotice, Header, UpdateBanner};
use crate::domain::settings::Settings;
use crate::domain::taxonomy::Taxonomy;
use crate::i18n::{self, Key, Locale};
use crate::pages::{ChooseLocationPage, RegisterPage, SettingsPage};
use crate::platform::{self, BrowserEnv};
use crate::service::contacts::ContactService;
use crate::storage::indexeddb::{IdbStore, DB_NAME};
use crate::storage::{settings_store, StorageError};
use leptos::context::Provider;
use leptos::prelude::*;
use std::rc::Rc;

pub type AppContacts = ContactService<IdbStore, BrowserEnv>;

/// The use cases, for components to call (never the store itself).
#[derive(Clone, Copy)]
pub struct Services(StoredValue<Rc<AppContacts>, LocalStorage>);

impl Services {
    pub fn contacts(&self) -> Rc<AppContacts> {
        self.0.get_value()
    }
}

/// The device settings; writing through `SettingsCx::update` persists them.
#[derive(Clone, Copy)]
pub struct SettingsCx(pub RwSignal<Settings>);

impl SettingsCx {
    pub fn update(&self, change: impl FnOnce(&mut Settings)) {
        self.0.update(change);
        // localStorage failing (disabled, full) only loses the preference,
        // never a record; the value stays in effect for this session.
        let _ = settings_store::save(&self.0.get_untracked());
    }
}

/// Translations for the current language.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Settings>);

impl I18n {
    pub fn locale(&self) -> &'static Locale {
        self.0.with(|s| i18n::locale(&s.lang))
    }
    pub fn t(&self, key: Key) -> &'static str {
        self.locale().text(key)
    }
    pub fn lang(&self) -> &'static str {
        self.locale().code
    }
}

/// Bumped after every write, so lists and counters refetch.
#[derive(Clone, Copy)]
pub struct DataVersion(pub RwSignal<u32>);

impl DataVersion {
    pub fn bump(&self) {
        self.0.update(|v| *v += 1);
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Screen {
    Register,
    Settings,
}

#[derive(Clone, Copy)]
pub struct CurrentScreen(pub RwSignal<Screen>);

#[component]
pub fn App() -> impl IntoView {
    let settings = RwSignal::new(settings_store::load());
    provide_context(SettingsCx(settings));
    let i18n = I18n(settings);
    provide_context(i18n);
    provide_context(DataVersion(RwSignal::new(0)));
    provide_context(CurrentScreen(RwSignal::new(Screen::Register)));

    Effect::new(move |_| {
        let locale = i18n.locale();
        platform::set_document_language(locale.code, locale.dir);
    });

    let opened: LocalResource<Result<Services, StorageError>> = LocalResource::new(|| async {
        let store = IdbStore::open(DB_NAME).await?;
        // Ask once; the settings screen shows the answer.
        let _ = platform::request_persistence().await;
        let device_id = settings_store::device_id(platform::new_device_id);
        let contacts = ContactService::new(
            Rc::new(store),
            BrowserEnv,
            Rc::new(Taxonomy::builtin()),
            device_id,
        );
        Ok(Services(StoredValue::new_local(Rc::new(contacts))))
    });

    view! {
        <UpdateBanner/>
        {move || match opened.get() {
            None => view! { <p class="loading" role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! {
                <main id="main">
                    <ErrorNotice message=i18n::storage_message(i18n.locale(), &error) detail=error.to_string()/>
                </main>
            }.into_any(),
            Some(Ok(services)) => view! {
                <Provider value=services><Shell/></Provider>
            }.into_any(),
        }}
    }
}

#[component]
fn Shell() -> impl IntoView {
    let settings = expect_context::<SettingsCx>().0;
    let screen = expect_context::<CurrentScreen>().0;
    view! {
        <Header/>
        <main id="main" tabindex="-1">
            {move || {
                let has_location = settings.with(|s| s.location.is_some());
                match (has_location, screen.get()) {
                    (_, Screen::Settings) => view! { <SettingsPage/> }.into_any(),
                    (false, Screen::Register) => view! { <ChooseLocationPage/> }.into_any(),
                    (true, Screen::Register) => view! { <RegisterPage/> }.into_any(),
                }
            }}
        </main>
    }
}
