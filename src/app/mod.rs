//! The root component: opens the store, provides the contexts, picks the
//! screen for the address (`route`, `nav`). Contexts are newtypes, provided
//! once, read with `expect_context`.

mod data_worker;
#[cfg(feature = "coordinator")]
pub use data_worker::ReportUpdate;
pub use data_worker::{ImportUpdate, SyncStatus};
mod sync;
pub use sync::SyncCx;
mod lists;
pub use lists::Lists;
mod lock;
#[cfg(not(feature = "coordinator"))]
pub use lock::last_kiosk;
pub use lock::{hand_over, start_kiosk};
#[cfg(feature = "coordinator")]
pub use lock::{idle_minutes, set_idle_minutes};
mod nav;
mod route;

pub use nav::Nav;
pub use route::{Area, Route};
#[cfg(feature = "coordinator")]
pub use route::{Bundle, Sub};

use crate::components::{loaded, ErrorNotice, Header, UpdateBanner};
use crate::domain::settings::Settings;
use crate::domain::taxonomy::Taxonomy;
#[cfg(feature = "coordinator")]
use crate::domain::trajectory::AgeBands;
use crate::i18n::{self, Key};
#[cfg(not(feature = "coordinator"))]
use crate::pages::{ChooseLocationPage, RegisterPage, SettingsPage};
use crate::platform::{self, BrowserEnv};
use crate::service::contacts::ContactService;
use crate::service::export::ExportService;
#[cfg(feature = "coordinator")]
use crate::service::surveys::SurveyService;
use crate::storage::indexeddb::{IdbStore, DB_NAME};
use crate::storage::{settings_store, RecordStore, StorageError};
use leptos::context::Provider;
use leptos::prelude::*;
use std::rc::Rc;

pub type AppContacts = ContactService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppSurveys = SurveyService<IdbStore, BrowserEnv>;
pub type AppExport = crate::service::export::ExportService<IdbStore, BrowserEnv>;
/// The data worker (import, sync), started on first use.
pub type AppImport = data_worker::DataWorker;
#[cfg(feature = "coordinator")]
pub type AppEntries = crate::service::entries::Entries<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppTrajectories = crate::service::trajectories::TrajectoryService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppActivities = crate::service::activities::ActivityService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppInitiatives = crate::service::initiatives::InitiativeService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppConflicts = crate::service::conflicts::ConflictService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppOrgLists = crate::service::org_lists::OrgListService<IdbStore, BrowserEnv>;
#[cfg(feature = "coordinator")]
pub type AppRetention = crate::service::retention::RetentionService<IdbStore, BrowserEnv>;

struct UseCases {
    /// Kept to read the organisation's lists again and to build the use
    /// cases anew when they change (`app::lists`).
    store: Rc<IdbStore>,
    device_id: String,
    /// The stored lists as last read (their texts, so a change is seen
    /// without comparing the lists themselves).
    lists_read: Vec<String>,
    /// The lists (channels, domains, locations, …) in effect, one for every
    /// screen.
    taxonomy: Rc<Taxonomy>,
    /// The age bands in effect (trajectories).
    #[cfg(feature = "coordinator")]
    bands: AgeBands,
    contacts: Rc<AppContacts>,
    /// Survey links, kiosk and editor: the coordinator's (the resident app
    /// has its own).
    #[cfg(feature = "coordinator")]
    surveys: Rc<AppSurveys>,
    export: Rc<AppExport>,
    import: Rc<AppImport>,
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
    conflicts: Rc<AppConflicts>,
    org_lists: Rc<AppOrgLists>,
    retention: Rc<AppRetention>,
}

#[cfg(feature = "coordinator")]
impl CoordinatorCases {
    fn new(
        store: &Rc<IdbStore>,
        taxonomy: &Rc<Taxonomy>,
        bands: &AgeBands,
        device_id: &str,
    ) -> Self {
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
            trajectories: Rc::new(
                TrajectoryService::new(
                    store.clone(),
                    BrowserEnv,
                    taxonomy.clone(),
                    device_id.to_owned(),
                )
                .with_age_bands(bands.clone()),
            ),
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
            conflicts: Rc::new(crate::service::conflicts::ConflictService::new(
                store.clone(),
                BrowserEnv,
            )),
            org_lists: Rc::new(crate::service::org_lists::OrgListService::new(
                store.clone(),
                BrowserEnv,
                device_id.to_owned(),
            )),
            retention: Rc::new(crate::service::retention::RetentionService::new(
                store.clone(),
                BrowserEnv,
            )),
        }
    }
}

impl UseCases {
    /// The use cases that hold the lists, built anew over `taxonomy` (the
    /// data worker and the survey and export cases stay).
    fn with_lists(&mut self, read: Vec<String>) {
        let stored = crate::service::org_lists::read_lists(&read);
        self.lists_read = read;
        let taxonomy = Rc::new(crate::service::org_lists::taxonomy_in_effect(&stored));
        #[cfg(feature = "coordinator")]
        let bands = crate::service::org_lists::age_bands_in_effect(&stored);
        self.contacts = Rc::new(ContactService::new(
            self.store.clone(),
            BrowserEnv,
            taxonomy.clone(),
            self.device_id.clone(),
        ));
        #[cfg(feature = "coordinator")]
        {
            self.coordinator =
                CoordinatorCases::new(&self.store, &taxonomy, &bands, &self.device_id);
            self.bands = bands;
        }
        self.taxonomy = taxonomy;
    }
}

/// The use cases, for components to call (never the store itself).
#[derive(Clone, Copy)]
pub struct Services(StoredValue<UseCases, LocalStorage>);

impl Services {
    /// The shared lists; screens keep this `Rc`, never a copy of the lists.
    pub fn taxonomy(&self) -> Rc<Taxonomy> {
        self.0.with_value(|u| u.taxonomy.clone())
    }
    pub fn contacts(&self) -> Rc<AppContacts> {
        self.0.with_value(|u| u.contacts.clone())
    }
    #[cfg(feature = "coordinator")]
    pub fn surveys(&self) -> Rc<AppSurveys> {
        self.0.with_value(|u| u.surveys.clone())
    }
    pub fn export(&self) -> Rc<AppExport> {
        self.0.with_value(|u| u.export.clone())
    }
    pub fn import(&self) -> Rc<AppImport> {
        self.0.with_value(|u| u.import.clone())
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
    /// Two versions of one record, and the choice between them.
    pub fn conflicts(&self) -> Rc<AppConflicts> {
        self.0.with_value(|u| u.coordinator.conflicts.clone())
    }
    /// The organisation's lists, to edit.
    pub fn org_lists(&self) -> Rc<AppOrgLists> {
        self.0.with_value(|u| u.coordinator.org_lists.clone())
    }
    /// How long this device keeps what the server keeps.
    pub fn retention(&self) -> Rc<AppRetention> {
        self.0.with_value(|u| u.coordinator.retention.clone())
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

/// Texts in staff views.
pub trait Texts {
    /// The text of `key` as a view child or attribute that follows the
    /// language, in place of `move || i18n.t(key)`: one closure type for
    /// every key, so its rendering code is in the wasm once, not once per
    /// text (docs/PERFORMANCE.md).
    fn text(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static;
}

impl Texts for I18n {
    fn text(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
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

/// Opens the store and sets up the use cases over it.
async fn open_services() -> Result<Services, StorageError> {
    let store = IdbStore::open(DB_NAME).await?;
    // Ask once; the settings screen shows the answer.
    let _ = platform::request_persistence().await;
    let device_id = settings_store::device_id(platform::new_device_id);
    let store = Rc::new(store);
    // The organisation's lists as stored; the built-in ones where none
    // is (or the store cannot read them).
    let lists_read = store
        .list_raw(crate::domain::record::RecordKind::OrgList)
        .await
        .unwrap_or_default();
    let stored = crate::service::org_lists::read_lists(&lists_read);
    let taxonomy = Rc::new(crate::service::org_lists::taxonomy_in_effect(&stored));
    #[cfg(feature = "coordinator")]
    let bands = crate::service::org_lists::age_bands_in_effect(&stored);
    let contacts = ContactService::new(
        store.clone(),
        BrowserEnv,
        taxonomy.clone(),
        device_id.clone(),
    );
    #[cfg(feature = "coordinator")]
    let coordinator = CoordinatorCases::new(&store, &taxonomy, &bands, &device_id);
    let export = ExportService::new(store.clone(), BrowserEnv, device_id.clone());
    #[cfg(feature = "coordinator")]
    let surveys = SurveyService::new(store.clone(), BrowserEnv, device_id.clone());
    Ok(Services(StoredValue::new_local(UseCases {
        store,
        device_id,
        lists_read,
        taxonomy,
        #[cfg(feature = "coordinator")]
        bands,
        contacts: Rc::new(contacts),
        #[cfg(feature = "coordinator")]
        surveys: Rc::new(surveys),
        export: Rc::new(export),
        import: Rc::default(),
        #[cfg(feature = "coordinator")]
        coordinator,
    })))
}

#[component]
pub fn App() -> impl IntoView {
    // A locked tab reads nothing and draws nothing: the lock page is on
    // its way.
    if !lock::admitted() {
        return ().into_any();
    }
    let settings = RwSignal::new(settings_store::load());
    provide_context(SettingsCx(settings));
    let i18n = I18n::new(move || settings.with(|s| i18n::locale(&s.lang)));
    provide_context(i18n);
    let version = DataVersion(RwSignal::new(0));
    provide_context(version);
    // The volunteer app cannot register before the device has a location:
    // its first screen is then the chooser, at its own address.
    provide_context(Nav::start(i18n, version, move |route| {
        #[cfg(not(feature = "coordinator"))]
        if route == Route::Register && settings.with_untracked(|s| s.location.is_none()) {
            return Route::ChooseLocation;
        }
        route
    }));

    Effect::new(move |_| {
        let locale = i18n.locale();
        platform::set_document_language(locale.code, locale.dir);
    });

    let opened = loaded(open_services);

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
    .into_any()
}

#[component]
fn Shell() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let services = expect_context::<Services>();
    sync::provide_sync(services);
    // The organisation's lists, read again after every change of data.
    let lists = lists::watch_lists(services);
    provide_context(lists);
    // Only the area rebuilds the screen; moving within an area (list,
    // record, form) is the area page's own, so its notice stays.
    #[cfg(feature = "coordinator")]
    let area = {
        let area = Memo::new(move |_| nav.with_route(Route::area));
        move || area.get()
    };
    // Every route of the volunteer app is an area of its own.
    #[cfg(not(feature = "coordinator"))]
    let area = move || nav.with_route(Route::area);
    #[cfg(not(feature = "coordinator"))]
    let has_location = {
        let settings = expect_context::<SettingsCx>().0;
        // Only whether a location is set matters here; reading all settings
        // would rebuild the screen (and lose a half-filled form) whenever
        // the language, initials or kiosk code change.
        Memo::new(move |_| settings.with(|s| s.location.is_some()))
    };
    let screen_of = move |area: Area| match area {
        #[cfg(not(feature = "coordinator"))]
        Area::Settings => view! { <SettingsPage/> }.into_any(),
        // The screens of the areas this build carries (`area-…` features).
        #[cfg(feature = "coordinator")]
        area => area_screen(area),
        #[cfg(not(feature = "coordinator"))]
        Area::ChooseLocation => view! { <ChooseLocationPage/> }.into_any(),
        #[cfg(not(feature = "coordinator"))]
        Area::Register => {
            if has_location.get() {
                view! { <RegisterPage/> }.into_any()
            } else {
                view! { <ChooseLocationPage/> }.into_any()
            }
        }
    };
    let screen = move || {
        // A volunteer's screen keeps the lists it was built with: when a
        // sync or an import changes them, it is built again. (The
        // coordinator's screens read them when opened; the lists screen
        // reads the stored lists itself.)
        #[cfg(not(feature = "coordinator"))]
        lists.0.track();
        screen_of(area())
    };
    view! {
        <Header/>
        <lock::IdleLock/>
        <main id="main" tabindex="-1" on:input=move |ev| nav.note_input(ev)>{screen}</main>
    }
}

/// The screen of a coordinator area, when this build carries it. Another
/// area's address loads the page anew with that area's build (`app::Nav`),
/// so the last arm shows only while that load starts.
#[cfg(feature = "coordinator")]
fn area_screen(area: Area) -> AnyView {
    #[cfg(feature = "area-report")]
    use crate::pages::ReportPage;
    #[cfg(feature = "area-surveys")]
    use crate::pages::SurveysPage;
    #[cfg(feature = "area-trajectories")]
    use crate::pages::TrajectoriesPage;
    #[cfg(feature = "area-activities")]
    use crate::pages::{ActivitiesPage, InitiativesPage};
    #[cfg(feature = "area-settings")]
    use crate::pages::{ListsPage, SettingsPage};
    match area {
        #[cfg(feature = "area-surveys")]
        Area::Surveys => view! { <SurveysPage/> }.into_any(),
        #[cfg(feature = "area-trajectories")]
        Area::Trajectories => view! { <TrajectoriesPage/> }.into_any(),
        #[cfg(feature = "area-activities")]
        Area::Activities => view! { <ActivitiesPage/> }.into_any(),
        #[cfg(feature = "area-activities")]
        Area::Initiatives => view! { <InitiativesPage/> }.into_any(),
        #[cfg(feature = "area-settings")]
        Area::Settings => view! { <SettingsPage/> }.into_any(),
        #[cfg(feature = "area-settings")]
        Area::Lists => view! { <ListsPage/> }.into_any(),
        #[cfg(feature = "area-report")]
        Area::Report => view! { <ReportPage/> }.into_any(),
        #[allow(unreachable_patterns)]
        _ => {
            let i18n = expect_context::<I18n>();
            view! { <p class="loading" role="status">{i18n.t(Key::Loading)}</p> }.into_any()
        }
    }
}
