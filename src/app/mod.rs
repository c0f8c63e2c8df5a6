//! The root component: opens the store, provides the contexts, picks the
//! screen. Contexts are newtypes, provided once, read with `expect_context`.

use crate::components::{ErrorNotice, Header, UpdateBanner};
use crate::domain::settings::Settings;
use crate::domain::taxonomy::Taxonomy;
use crate::i18n::{self, Key};
use crate::pages::SettingsPage;
#[cfg(feature = "coordinator")]
use crate::pages::{ActivitiesPage, InitiativesPage, SurveysPage, TrajectoriesPage};
#[cfg(not(feature = "coordinator"))]
use crate::pages::{ChooseLocationPage, RegisterPage};
use crate::platform::{self, BrowserEnv};
use crate::service::contacts::ContactService;
use crate::service::export::ExportService;
use crate::service::surveys::SurveyService;
use crate::storage::indexeddb::{IdbStore, DB_NAME};
use crate::storage::{settings_store, StorageError};
use leptos::context::Provider;
use leptos::prelude::*;
use std::rc::Rc;

pub type AppContacts = ContactService<IdbStore, BrowserEnv>;
pub type AppSurveys = SurveyService<IdbStore, BrowserEnv>;
pub type AppExport = crate::service::export::ExportService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppEntries = crate::service::entries::Entries<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppTrajectories = crate::service::trajectories::TrajectoryService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppActivities = crate::service::activities::ActivityService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppInitiatives = crate::service::initiatives::InitiativeService<IdbStore, BrowserEnv>;

struct UseCases {
    contacts: Rc<AppContacts>,
    surveys: Rc<AppSurveys>,
    export: Rc<AppExport>,
    #[cfg(feature = "coordinator")]
    coordinator: CoordinatorCases,
}

/// The coordinator's use cases, only in the coordinator app.
#[cfg(feature = "coordinator")]
struct CoordinatorCases {
    entries: Rc<AppEntries>,
    trajectories: Rc<AppTrajectories>,
    activities: Rc<AppActivities>,
    initiatives: Rc<AppInitiatives>,
}

#[cfg(feature = "coordinator")]
impl CoordinatorCases {
    fn new(store: &Rc<IdbStore>, taxonomy: &Rc<Taxonomy>, device_id: &str) -> Self {
        use crate::service::{
            activities::ActivityService, initiatives::InitiativeService,
            trajectories::TrajectoryService,
        };
        Self {
            entries: Rc::new(crate::service::entries::Entries::new(
                store.clone(),
                BrowserEnv,
                device_id.to_owned(),
            )),
            trajectories: Rc::new(TrajectoryService::new(
                store.clone(),
                BrowserEnv,
                taxonomy.clone(),
                device_id.to_owned(),
            )),
            activities: Rc::new(ActivityService::new(
                store.clone(),
                BrowserEnv,
                taxonomy.clone(),
                device_id.to_owned(),
            )),
            initiatives: Rc::new(InitiativeService::new(
                store.clone(),
                BrowserEnv,
                device_id.to_owned(),
            )),
        }
    }
}

/// The use cases, for components to call (never the store itself).
#[derive(Clone, Copy)]
pub struct Services(StoredValue<UseCases, LocalStorage>);

impl Services {
    pub fn contacts(&self) -> Rc<AppContacts> {
        self.0.with_value(|u| u.contacts.clone())
    }
    pub fn surveys(&self) -> Rc<AppSurveys> {
        self.0.with_value(|u| u.surveys.clone())
    }
    pub fn export(&self) -> Rc<AppExport> {
        self.0.with_value(|u| u.export.clone())
    }
}

#[cfg(feature = "coordinator")]
impl Services {
    /// Undo and delete, the same for every coordinator record.
    pub fn entries(&self) -> Rc<AppEntries> {
        self.0.with_value(|u| u.coordinator.entries.clone())
    }
    pub fn trajectories(&self) -> Rc<AppTrajectories> {
        self.0.with_value(|u| u.coordinator.trajectories.clone())
    }
    pub fn activities(&self) -> Rc<AppActivities> {
        self.0.with_value(|u| u.coordinator.activities.clone())
    }
    pub fn initiatives(&self) -> Rc<AppInitiatives> {
        self.0.with_value(|u| u.coordinator.initiatives.clone())
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

/// The language context; it lives in `i18n`, which the survey app shares.
pub use crate::i18n::I18n;

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
    /// The volunteer's registration; the coordinator app links to it.
    #[cfg(not(feature = "coordinator"))]
    Register,
    #[cfg(feature = "coordinator")]
    Surveys,
    #[cfg(feature = "coordinator")]
    Trajectories,
    #[cfg(feature = "coordinator")]
    Activities,
    #[cfg(feature = "coordinator")]
    Initiatives,
    Settings,
}

impl Screen {
    /// Where each app opens: the coordinator's at its surveys.
    pub const START: Screen = {
        #[cfg(feature = "coordinator")]
        {
            Screen::Surveys
        }
        #[cfg(not(feature = "coordinator"))]
        {
            Screen::Register
        }
    };
}

#[derive(Clone, Copy)]
pub struct CurrentScreen(pub RwSignal<Screen>);

#[component]
pub fn App() -> impl IntoView {
    let settings = RwSignal::new(settings_store::load());
    provide_context(SettingsCx(settings));
    let i18n = I18n::new(move || settings.with(|s| i18n::locale(&s.lang)));
    provide_context(i18n);
    provide_context(DataVersion(RwSignal::new(0)));
    provide_context(CurrentScreen(RwSignal::new(Screen::START)));

    Effect::new(move |_| {
        let locale = i18n.locale();
        platform::set_document_language(locale.code, locale.dir);
    });

    let opened: LocalResource<Result<Services, StorageError>> = LocalResource::new(|| async {
        let store = IdbStore::open(DB_NAME).await?;
        // Ask once; the settings screen shows the answer.
        let _ = platform::request_persistence().await;
        let device_id = settings_store::device_id(platform::new_device_id);
        let store = Rc::new(store);
        let taxonomy = Rc::new(Taxonomy::builtin());
        let contacts = ContactService::new(
            store.clone(),
            BrowserEnv,
            taxonomy.clone(),
            device_id.clone(),
        );
        #[cfg(feature = "coordinator")]
        let coordinator = CoordinatorCases::new(&store, &taxonomy, &device_id);
        let export = ExportService::new(store.clone(), BrowserEnv, device_id.clone());
        let surveys = SurveyService::new(store, BrowserEnv, device_id);
        Ok(Services(StoredValue::new_local(UseCases {
            contacts: Rc::new(contacts),
            surveys: Rc::new(surveys),
            export: Rc::new(export),
            #[cfg(feature = "coordinator")]
            coordinator,
        })))
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
    // Only whether a location is set picks the screen; reading all settings
    // here would rebuild the screen (and lose a half-filled form) whenever
    // the language, initials or kiosk code change.
    let has_location = Memo::new(move |_| settings.with(|s| s.location.is_some()));
    view! {
        <Header/>
        <main id="main" tabindex="-1">
            {move || {
                match (has_location.get(), screen.get()) {
                    (_, Screen::Settings) => view! { <SettingsPage/> }.into_any(),
                    #[cfg(feature = "coordinator")]
                    (_, Screen::Surveys) => view! { <SurveysPage/> }.into_any(),
                    #[cfg(feature = "coordinator")]
                    (_, Screen::Trajectories) => view! { <TrajectoriesPage/> }.into_any(),
                    #[cfg(feature = "coordinator")]
                    (_, Screen::Activities) => view! { <ActivitiesPage/> }.into_any(),
                    #[cfg(feature = "coordinator")]
                    (_, Screen::Initiatives) => view! { <InitiativesPage/> }.into_any(),
                    #[cfg(not(feature = "coordinator"))]
                    (false, Screen::Register) => view! { <ChooseLocationPage/> }.into_any(),
                    #[cfg(not(feature = "coordinator"))]
                    (true, Screen::Register) => view! { <RegisterPage/> }.into_any(),
                }
            }}
        </main>
    }
}
