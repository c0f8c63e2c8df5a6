//! The sync driver in the data worker: the only place with timers, the
//! network's online events and the login. It decides when `SyncService`
//! runs (on start, when the network returns, soon after a save, on a timer
//! that backs off after failures, on "Nu synchroniseren"), keeps one run
//! at a time in this tab and, with the Web Lock `wijkpeil-sync`, one per
//! device (another tab's run waits), and tells the page its status.
//!
//! Requests from the page (`[name, payload, language]`):
//! - `sync-status`: just the status;
//! - `sync-test` with `{server, database, user, password}`: tries them,
//!   stores nothing;
//! - `sync-save` with the same: checks, stores the settings and the sealed
//!   password (`secret`), then syncs; an empty password keeps the stored one;
//! - `sync-now`, `sync-saved` (a record was saved), `sync-forget`.
//!
//! Each reply is `{ stage: "sync", configured, server, database, user,
//! has_password, running, pending, conflicts, progress, last_ok, error,
//! outcome, changed, notice, notice_ok }`, every text in the person's
//! language; `changed` (records the runs since the last such reply changed
//! here) comes once, in the first reply after the runs ended.

use super::{fetch::FetchHttp, secret};
use crate::i18n::{self, fill, sync::sync_error, Key, Locale};
use crate::platform::BrowserEnv;
use crate::service::retention::RetentionService;
use crate::service::sync::{
    error_code, error_from_code, retry_delay_ms, NetError, PullScope, SettingsProblem, SyncError,
    SyncProgress, SyncReport, SyncService, SyncSettings, SyncTarget, AFTER_SAVE_MS, PERIOD_MS,
};
use crate::storage::indexeddb::IdbStore;
use crate::storage::RecordStore;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

const SETTINGS: &str = "settings";
const SECRET: &str = "secret";
const LAST_OK: &str = "last-ok";
const LAST_ERROR: &str = "last-error";
const DEVICE: &str = "device";
/// The residents' drop-off database on the sync server (docs/DEPLOY.md).
pub const DROPOFF: &str = "wijkpeil-enquete";

pub struct SyncDriver {
    scope: DedicatedWorkerGlobalScope,
    store: Rc<IdbStore>,
    locale: Cell<&'static Locale>,
    /// A coordinator's device pulls every record.
    pull_scope: Cell<PullScope>,
    running: Cell<bool>,
    /// Something asked for a sync while one ran: run once more after it.
    again: Cell<bool>,
    failures: Cell<u32>,
    timer: Cell<Option<i32>>,
    progress: RefCell<Option<SyncProgress>>,
    report: RefCell<Option<SyncReport>>,
    /// Records that runs changed here and the page was not told of yet:
    /// sent once, with the first status after the runs (the page then
    /// reads its lists again). Sent with every status, each answer would
    /// make the page read again and ask again, without end.
    unreported: Cell<u32>,
    /// The `BroadcastChannel` `wijkpeil-sync` to the data workers of the
    /// app's other tabs: a run here that changed records tells them, so
    /// their pages read their lists and counts again too.
    others: Option<JsValue>,
    /// A sentence for the person about what they just asked (test, save).
    notice: RefCell<Option<(bool, String)>>,
}

/// What the page sent with `sync-test` or `sync-save`.
struct Entered {
    server: String,
    database: String,
    user: String,
    password: String,
}

impl SyncDriver {
    pub fn new(scope: DedicatedWorkerGlobalScope, store: Rc<IdbStore>) -> Rc<Self> {
        let driver = Rc::new(Self {
            scope,
            store,
            locale: Cell::new(i18n::locale("nl")),
            pull_scope: Cell::new(PullScope::Shared),
            running: Cell::new(false),
            again: Cell::new(false),
            failures: Cell::new(0),
            timer: Cell::new(None),
            progress: RefCell::new(None),
            report: RefCell::new(None),
            unreported: Cell::new(0),
            others: broadcast_channel(SYNC_LOCK),
            notice: RefCell::new(None),
        });
        if let Some(channel) = &driver.others {
            let told = driver.clone();
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |event: web_sys::MessageEvent| {
                    let changed = event.data().as_f64().unwrap_or(1.0).max(1.0) as u32;
                    told.unreported.set(told.unreported.get() + changed);
                    let told = told.clone();
                    wasm_bindgen_futures::spawn_local(async move { told.send_status().await });
                },
            );
            let _ = js_sys::Reflect::set(
                channel,
                &JsValue::from_str("onmessage"),
                on_message.as_ref(),
            );
            on_message.forget();
        }
        let online = driver.clone();
        let on_online = Closure::<dyn FnMut()>::new(move || online.trigger(0));
        driver
            .scope
            .set_ononline(Some(on_online.as_ref().unchecked_ref()));
        on_online.forget();
        driver
    }

    /// Handles a request of the page.
    pub fn handle(self: &Rc<Self>, name: &str, payload: JsValue, locale: &'static Locale) {
        self.locale.set(locale);
        if field(&payload, "coordinator").as_deref() == Some("1") {
            self.pull_scope.set(PullScope::All);
        }
        let driver = self.clone();
        let name = name.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            match name.as_str() {
                "sync-start" => driver.trigger(0),
                "sync-now" => driver.trigger(0),
                "sync-saved" => driver.trigger(AFTER_SAVE_MS),
                "sync-test" => driver.test(entered(&payload)).await,
                "sync-save" => driver.save(entered(&payload)).await,
                "sync-forget" => driver.forget().await,
                _ => {}
            }
            driver.send_status().await;
        });
    }

    async fn settings(&self) -> Option<SyncSettings> {
        let text = self.store.sync_state(SETTINGS).await.ok()??;
        serde_json::from_str(&text).ok()
    }

    async fn target_and_login(&self) -> Result<(SyncTarget, FetchHttp), SyncError> {
        let settings = self.settings().await.ok_or(SyncError::WrongLogin)?;
        let sealed = self
            .store
            .sync_state(SECRET)
            .await?
            .ok_or(SyncError::WrongLogin)?;
        let password = secret::open(&self.store, &sealed)
            .await
            .map_err(|_| SyncError::WrongLogin)?;
        Ok((
            self.target(&settings).await,
            FetchHttp::new(&settings.user, &password),
        ))
    }

    async fn target(&self, settings: &SyncSettings) -> SyncTarget {
        SyncTarget {
            server: settings.server.clone(),
            database: settings.database.clone(),
            device_id: self.device_id().await,
            scope: self.pull_scope.get(),
            dropoff: (self.pull_scope.get() == PullScope::All).then(|| DROPOFF.to_string()),
        }
    }

    /// This device's name for its checkpoint: random, made once.
    async fn device_id(&self) -> String {
        if let Ok(Some(id)) = self.store.sync_state(DEVICE).await {
            return id;
        }
        let id = format!("{:08x}{:08x}", random_u32(), random_u32());
        let _ = self.store.set_sync_state(DEVICE, Some(&id)).await;
        id
    }

    /// Reads what the person entered; `Err` with the sentence to show.
    fn read(&self, entered: &Entered) -> Result<SyncSettings, String> {
        let locale = self.locale.get();
        SyncSettings::read(&entered.server, &entered.database, &entered.user).map_err(|problem| {
            locale
                .text(match problem {
                    SettingsProblem::BadUrl => Key::SyncBadUrl,
                    SettingsProblem::BadDatabase => Key::SyncBadDatabase,
                    SettingsProblem::MissingLogin => Key::SyncMissingLogin,
                })
                .to_owned()
        })
    }

    /// The password entered, or the stored one when the field was left
    /// empty.
    async fn password(&self, entered: &Entered) -> Option<String> {
        if !entered.password.is_empty() {
            return Some(entered.password.clone());
        }
        let sealed = self.store.sync_state(SECRET).await.ok()??;
        secret::open(&self.store, &sealed).await.ok()
    }

    async fn test(&self, entered: Entered) {
        let locale = self.locale.get();
        let notice = match self.read(&entered) {
            Err(sentence) => (false, sentence),
            Ok(settings) => match self.password(&entered).await {
                None => (false, locale.text(Key::SyncMissingLogin).to_owned()),
                Some(password) => {
                    let target = self.target(&settings).await;
                    let http = FetchHttp::new(&settings.user, &password);
                    match SyncService::new(&*self.store, &http, &target).check().await {
                        Ok(()) => (true, locale.text(Key::SyncTestOk).to_owned()),
                        Err(error) => (false, sync_error(locale, &error)),
                    }
                }
            },
        };
        *self.notice.borrow_mut() = Some(notice);
    }

    async fn save(self: &Rc<Self>, entered: Entered) {
        let locale = self.locale.get();
        let settings = match self.read(&entered) {
            Ok(settings) => settings,
            Err(sentence) => {
                *self.notice.borrow_mut() = Some((false, sentence));
                return;
            }
        };
        let Some(password) = self.password(&entered).await else {
            *self.notice.borrow_mut() =
                Some((false, locale.text(Key::SyncMissingLogin).to_owned()));
            return;
        };
        let stored = async {
            let sealed = secret::seal(&self.store, &password)
                .await
                .map_err(|_| crate::storage::StorageError::Failed("seal".into()))?;
            let text = serde_json::to_string(&settings).unwrap_or_default();
            self.store.set_sync_state(SETTINGS, Some(&text)).await?;
            self.store.set_sync_state(SECRET, Some(&sealed)).await?;
            self.store.set_sync_state(LAST_ERROR, None).await
        };
        match stored.await {
            Ok(()) => {
                self.failures.set(0);
                *self.notice.borrow_mut() = Some((true, locale.text(Key::SyncSaved).to_owned()));
                self.trigger(0);
            }
            Err(error) => {
                *self.notice.borrow_mut() = Some((false, i18n::storage_message(locale, &error)));
            }
        }
    }

    async fn forget(&self) {
        for key in [SETTINGS, SECRET, LAST_OK, LAST_ERROR] {
            let _ = self.store.set_sync_state(key, None).await;
        }
        if let Some(timer) = self.timer.take() {
            self.scope.clear_timeout_with_handle(timer);
        }
        *self.notice.borrow_mut() =
            Some((true, self.locale.get().text(Key::SyncForgotten).to_owned()));
    }

    /// Asks for a sync in `delay_ms` (0: now). One runs at a time; a
    /// request during a run makes one more run after it.
    pub fn trigger(self: &Rc<Self>, delay_ms: u32) {
        if let Some(timer) = self.timer.take() {
            self.scope.clear_timeout_with_handle(timer);
        }
        if delay_ms > 0 {
            let driver = self.clone();
            let run = Closure::once_into_js(move || driver.trigger(0));
            self.timer.set(
                self.scope
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        run.unchecked_ref(),
                        delay_ms as i32,
                    )
                    .ok(),
            );
            return;
        }
        if self.running.replace(true) {
            self.again.set(true);
            return;
        }
        let driver = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                driver.run_once().await;
                if !driver.again.replace(false) {
                    break;
                }
            }
            driver.running.set(false);
            driver.send_status().await;
        });
    }

    async fn run_once(self: &Rc<Self>) {
        if self.settings().await.is_none() {
            return;
        }
        *self.report.borrow_mut() = None;
        self.send_status().await;
        timing::start();
        let outcome = match self.target_and_login().await {
            Ok((target, http)) => {
                let driver = self.clone();
                let progress = move |p: SyncProgress| {
                    if matches!(p, SyncProgress::Pushing { .. }) {
                        timing::pushed();
                    }
                    *driver.progress.borrow_mut() = Some(p);
                    driver.post_progress();
                };
                let store = self.store.clone();
                one_sync_per_device(async move {
                    SyncService::new(&*store, &http, &target)
                        .run(&progress)
                        .await
                })
                .await
            }
            Err(error) => Err(error),
        };
        timing::end();
        *self.progress.borrow_mut() = None;
        let next = match outcome {
            Ok(report) => {
                self.failures.set(0);
                let now = js_sys::Date::new_0().to_iso_string().as_string();
                let _ = self.store.set_sync_state(LAST_OK, now.as_deref()).await;
                let _ = self.store.set_sync_state(LAST_ERROR, None).await;
                // What the server now keeps may leave the device (the
                // retention the coordinator chose; none: nothing goes).
                let removed = RetentionService::new(self.store.clone(), BrowserEnv)
                    .prune()
                    .await
                    .unwrap_or(0);
                let changed = report.pushed + report.pulled + report.conflicts + removed;
                self.unreported.set(self.unreported.get() + changed);
                if changed > 0 {
                    self.tell_others(changed);
                }
                *self.report.borrow_mut() = Some(report);
                Some(PERIOD_MS)
            }
            Err(error) => {
                let _ = self
                    .store
                    .set_sync_state(LAST_ERROR, Some(&error_code(&error)))
                    .await;
                if error.is_passing() && error != SyncError::Net(NetError::Offline) {
                    self.failures.set(self.failures.get() + 1);
                    Some(retry_delay_ms(self.failures.get()))
                } else {
                    // Offline waits for `online`; a wrong setting for a
                    // person to change it (or "Nu synchroniseren").
                    None
                }
            }
        };
        if let Some(delay) = next {
            let driver = self.clone();
            let run = Closure::once_into_js(move || driver.trigger(0));
            self.timer.set(
                self.scope
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        run.unchecked_ref(),
                        delay as i32,
                    )
                    .ok(),
            );
        }
    }

    /// Tells the other tabs' data workers that a run here changed records.
    fn tell_others(&self, changed: u32) {
        let Some(channel) = &self.others else {
            return;
        };
        if let Some(post) = js_sys::Reflect::get(channel, &JsValue::from_str("postMessage"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = post.call1(channel, &changed.into());
        }
    }

    /// A progress reply without reading the store (many per sync).
    fn post_progress(&self) {
        let object = js_sys::Object::new();
        set(&object, "stage", "sync-progress".into());
        if let Some(progress) = *self.progress.borrow() {
            set(
                &object,
                "progress",
                progress_text(self.locale.get(), progress).into(),
            );
        }
        let _ = self.scope.post_message(&object);
    }

    /// The whole status, read from the store.
    pub async fn send_status(&self) {
        let locale = self.locale.get();
        let object = js_sys::Object::new();
        let settings = self.settings().await;
        set(&object, "stage", "sync".into());
        set(&object, "configured", settings.is_some().into());
        if let Some(settings) = &settings {
            set(&object, "server", settings.server.as_str().into());
            set(&object, "database", settings.database.as_str().into());
            set(&object, "user", settings.user.as_str().into());
        }
        let has_password = matches!(self.store.sync_state(SECRET).await, Ok(Some(_)));
        set(&object, "has_password", has_password.into());
        set(&object, "running", self.running.get().into());
        let pending = self.store.pending_count().await.unwrap_or(0);
        set(&object, "pending", pending.into());
        set(
            &object,
            "pending_text",
            if pending == 0 {
                locale.text(Key::SyncAllSent).into()
            } else {
                count(locale, Key::SyncWaiting, pending, &[]).into()
            },
        );
        let conflicts = self.store.conflict_count().await.unwrap_or(0);
        if conflicts > 0 {
            set(
                &object,
                "conflicts",
                count(locale, Key::SyncConflicts, conflicts, &[]).into(),
            );
        }
        if let Ok(Some(when)) = self.store.sync_state(LAST_OK).await {
            set(&object, "last_ok_at", when.as_str().into());
        }
        if let Some(error) = self
            .store
            .sync_state(LAST_ERROR)
            .await
            .ok()
            .flatten()
            .and_then(|code| error_from_code(&code))
        {
            set(
                &object,
                "error",
                fill(
                    locale.text(Key::SyncLastError),
                    &[("message", &sync_error(locale, &error))],
                )
                .into(),
            );
        }
        if let Some(report) = &*self.report.borrow() {
            set(
                &object,
                "outcome",
                fill(
                    locale.text(Key::SyncDone),
                    &[
                        ("pushed", &report.pushed.to_string()),
                        ("pulled", &report.pulled.to_string()),
                    ],
                )
                .into(),
            );
            if let Some((_, reason)) = report.refused.first() {
                set(
                    &object,
                    "refused",
                    count(
                        locale,
                        Key::SyncRefused,
                        report.refused.len() as u32,
                        &[("reason", reason)],
                    )
                    .into(),
                );
            }
        }
        // Kept versions change what the conflicts list shows, too.
        if !self.running.get() {
            set(&object, "changed", self.unreported.take().into());
        }
        if let Some((ok, notice)) = self.notice.borrow_mut().take() {
            set(&object, "notice", notice.as_str().into());
            set(&object, "notice_ok", ok.into());
        }
        let _ = self.scope.post_message(&object);
    }
}

/// The Web Lock every tab's data worker takes around a sync: one sync per
/// device at a time (docs/SYNC.md).
pub const SYNC_LOCK: &str = "wijkpeil-sync";

/// A `BroadcastChannel` by name, when the browser has them.
fn broadcast_channel(name: &str) -> Option<JsValue> {
    let class = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("BroadcastChannel"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    js_sys::Reflect::construct(&class, &js_sys::Array::of1(&JsValue::from_str(name))).ok()
}

/// Runs `work` while holding the device's sync lock (`navigator.locks`,
/// shared by every tab and worker of this origin): another tab's sync
/// waits until this one is done, and this one for another's. A browser
/// without Web Locks runs it at once (two tabs then sync side by side,
/// which is safe: a record sent twice is stored once).
async fn one_sync_per_device<T: 'static>(work: impl Future<Output = T> + 'static) -> T {
    let work = Rc::new(RefCell::new(Some(work)));
    let out: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let lock_request = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")))
        .ok()
        .filter(|locks| locks.is_object())
        .and_then(|locks| {
            let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request")).ok()?;
            Some((locks, request.dyn_into::<js_sys::Function>().ok()?))
        });
    if let Some((locks, request)) = lock_request {
        let (held_work, held_out) = (work.clone(), out.clone());
        let callback = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
            wasm_bindgen_futures::future_to_promise(async move {
                let work = held_work.borrow_mut().take();
                if let Some(work) = work {
                    let value = work.await;
                    *held_out.borrow_mut() = Some(value);
                }
                Ok(JsValue::UNDEFINED)
            })
        });
        if let Ok(promise) = request.call2(&locks, &JsValue::from_str(SYNC_LOCK), &callback) {
            let _ =
                wasm_bindgen_futures::JsFuture::from(promise.unchecked_into::<js_sys::Promise>())
                    .await;
        }
    }
    if let Some(value) = out.borrow_mut().take() {
        return value;
    }
    // No Web Locks, or the request failed before it ran the work.
    let work = work.borrow_mut().take();
    match work {
        Some(work) => work.await,
        None => unreachable!("the lock's callback took the work and finished it"),
    }
}

/// Performance marks of the last sync run in the worker's timeline, for
/// `bench/push.mjs` (docs/PERFORMANCE.md): the measure `wijkpeil-sync-push`
/// runs from the start of a run (reading the login, the connection check
/// included) to the last push progress (every pending record answered by
/// the server and marked as synced, before the pull); `wijkpeil-sync` to the
/// end of the run. Each run clears the previous run's entries, so a device
/// that syncs for days keeps only one set.
mod timing {
    use wasm_bindgen::JsCast;

    const START: &str = "wijkpeil-sync-start";
    const PUSHED: &str = "wijkpeil-sync-pushed";
    const END: &str = "wijkpeil-sync-end";

    fn performance() -> Option<web_sys::Performance> {
        js_sys::global()
            .unchecked_into::<web_sys::WorkerGlobalScope>()
            .performance()
    }

    pub fn start() {
        if let Some(p) = performance() {
            for mark in [START, PUSHED, END] {
                p.clear_marks_with_mark_name(mark);
            }
            for measure in ["wijkpeil-sync-push", "wijkpeil-sync"] {
                p.clear_measures_with_measure_name(measure);
            }
            let _ = p.mark(START);
        }
    }

    pub fn pushed() {
        if let Some(p) = performance() {
            p.clear_marks_with_mark_name(PUSHED);
            let _ = p.mark(PUSHED);
        }
    }

    pub fn end() {
        if let Some(p) = performance() {
            let _ = p.mark(END);
            let _ = p.measure_with_start_mark_and_end_mark("wijkpeil-sync-push", START, PUSHED);
            let _ = p.measure_with_start_mark_and_end_mark("wijkpeil-sync", START, END);
        }
    }
}

fn progress_text(locale: &Locale, progress: SyncProgress) -> String {
    match progress {
        SyncProgress::Pushing { done, total } => fill(
            locale.text(Key::SyncPushing),
            &[("done", &done.to_string()), ("total", &total.to_string())],
        ),
        SyncProgress::Pulling { done } => fill(
            locale.text(Key::SyncPulling),
            &[("done", &done.to_string())],
        ),
    }
}

fn count(locale: &Locale, key: Key, n: u32, more: &[(&str, &str)]) -> String {
    let n_text = n.to_string();
    let mut values = vec![("n", n_text.as_str())];
    values.extend_from_slice(more);
    fill(locale.plural(key, n), &values)
}

fn set(object: &js_sys::Object, field: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(field), &value);
}

fn field(payload: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(payload, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
}

fn entered(payload: &JsValue) -> Entered {
    let text = |name: &str| field(payload, name).unwrap_or_default();
    Entered {
        server: text("server"),
        database: text("database"),
        user: text("user"),
        password: text("password"),
    }
}

fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}
