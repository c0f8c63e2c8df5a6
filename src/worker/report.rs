//! The jaarbeeld in the data worker: the records are read once into the
//! compact `ReportData` (`service::report`), kept here, and the figures are
//! computed from them for each scope the page asks for, so a filter change
//! costs a computation, not a read of the database.
//!
//! Request `["report", { scope, fresh }, language]`: `scope` the JSON of a
//! `Scope`; `fresh` true when the page knows the records changed (a save,
//! an import, a sync) or opens the report. Reply `{ stage: "report",
//! report }` with the `Report` as JSON, or `{ stage: "report", failed }`
//! with the sentence. Only the newest request waiting is answered: a
//! coordinator clicking through filters gets the last one.
//!
//! Performance measures for `bench/report.mjs` (docs/PERFORMANCE.md):
//! `wijkpeil-report-load` (reading the records into memory) and
//! `wijkpeil-report-compute` (the figures of one scope).

use crate::domain::report::period::Scope;
use crate::i18n::{self, Locale};
use crate::platform::BrowserEnv;
use crate::sealing::KeyPair;
use crate::service::answers::NoKey;
use crate::service::report::ReportSource;
use crate::storage::indexeddb::IdbStore;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::DedicatedWorkerGlobalScope;

struct Request {
    scope: String,
    fresh: bool,
    locale: &'static Locale,
}

pub struct ReportDriver {
    scope: DedicatedWorkerGlobalScope,
    store: Rc<IdbStore>,
    source: RefCell<Option<Rc<ReportSource>>>,
    waiting: RefCell<Option<Request>>,
    running: Cell<bool>,
}

impl ReportDriver {
    pub fn new(scope: DedicatedWorkerGlobalScope, store: Rc<IdbStore>) -> Rc<Self> {
        Rc::new(Self {
            scope,
            store,
            source: RefCell::default(),
            waiting: RefCell::default(),
            running: Cell::new(false),
        })
    }

    /// Takes a request; the newest waiting one replaces an older one (a
    /// `fresh` request stays fresh).
    pub fn handle(self: &Rc<Self>, payload: JsValue, locale: &'static Locale) {
        let field = |name: &str| js_sys::Reflect::get(&payload, &JsValue::from_str(name)).ok();
        let scope = field("scope")
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let fresh = field("fresh").and_then(|v| v.as_bool()).unwrap_or(false);
        let fresh = fresh || self.waiting.borrow().as_ref().is_some_and(|r| r.fresh);
        *self.waiting.borrow_mut() = Some(Request {
            scope,
            fresh,
            locale,
        });
        if self.running.replace(true) {
            return; // the running loop takes it next
        }
        let driver = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = driver.waiting.borrow_mut().take();
                let Some(request) = next else { break };
                driver.answer(request).await;
            }
            driver.running.set(false);
        });
    }

    async fn answer(&self, request: Request) {
        let reply = js_sys::Object::new();
        let set = |field: &str, value: &str| {
            let _ = js_sys::Reflect::set(&reply, &field.into(), &JsValue::from_str(value));
        };
        set("stage", "report");
        let Ok(scope) = serde_json::from_str::<Scope>(&request.scope) else {
            set("failed", request.locale.text(i18n::Key::ReportFailed));
            let _ = self.scope.post_message(&reply);
            return;
        };
        let stale = self.source.borrow().is_none() || request.fresh;
        if stale {
            timing::start(timing::LOAD);
            // Sealed answers open with this device's answer key, if it
            // has one (`crate::sealing`); without it they are counted apart.
            let opened = match KeyPair::stored().await {
                Ok(Some(pair)) => ReportSource::load(&*self.store, &BrowserEnv, &pair).await,
                Ok(None) => ReportSource::load(&*self.store, &BrowserEnv, &NoKey).await,
                Err(error) => Err(error),
            };
            match opened {
                Ok(source) => *self.source.borrow_mut() = Some(Rc::new(source)),
                Err(error) => {
                    set("failed", &i18n::storage_message(request.locale, &error));
                    let _ = self.scope.post_message(&reply);
                    return;
                }
            }
            timing::end(timing::LOAD);
        }
        let Some(source) = self.source.borrow().clone() else {
            return;
        };
        timing::start(timing::COMPUTE);
        let report = source.compute(&scope);
        timing::end(timing::COMPUTE);
        match serde_json::to_string(&report) {
            Ok(json) => set("report", &json),
            Err(_) => set("failed", request.locale.text(i18n::Key::ReportFailed)),
        }
        let _ = self.scope.post_message(&reply);
    }
}

/// The last load's and the last computation's durations in the worker's
/// performance timeline (each replaces the one before).
mod timing {
    use wasm_bindgen::JsCast;

    pub const LOAD: &str = "wijkpeil-report-load";
    pub const COMPUTE: &str = "wijkpeil-report-compute";

    fn performance() -> Option<web_sys::Performance> {
        js_sys::global()
            .unchecked_into::<web_sys::WorkerGlobalScope>()
            .performance()
    }

    pub fn start(name: &str) {
        if let Some(p) = performance() {
            p.clear_marks_with_mark_name(&format!("{name}-start"));
            p.clear_measures_with_measure_name(name);
            let _ = p.mark(&format!("{name}-start"));
        }
    }

    pub fn end(name: &str) {
        if let Some(p) = performance() {
            let _ = p.measure_with_start_mark(name, &format!("{name}-start"));
        }
    }
}
