//! The page's side of the data worker (`crate::worker`): started on first
//! use, sends requests, hands each reply to the screen that listens.
//! Components reach it through `Services::import`, never directly.
//!
//! Replies are read field by field from the plain object the worker posts
//! (its shape is in `crate::worker`'s docs): no decoder weighs on the apps.

use crate::domain::merge::Tally;
use crate::service::import::ImportRequest;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the worker's loader is, for every app (the volunteer app's build
/// puts it at the root; the others are on the same origin).
const WORKER_URL: &str = "/data_worker_loader.js";

/// A reply of the worker, its sentences in the person's language.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportUpdate {
    /// What the file would change, and the records left out, named.
    Preview {
        tally: Tally,
        lines: Vec<String>,
    },
    Refused(String),
    Progress {
        done: u32,
        total: u32,
    },
    Done(Tally),
    /// The sentence, and the technical detail.
    Failed(String, String),
}

type Listener = Rc<RefCell<Option<Box<dyn FnMut(ImportUpdate)>>>>;
type SyncListener = Rc<RefCell<Option<Box<dyn FnMut(SyncUpdate)>>>>;
type ReportListener = Rc<RefCell<Option<Box<dyn FnMut(ReportUpdate)>>>>;

/// The jaarbeeld's answer (`crate::worker::report`): the `Report` as JSON,
/// or the sentence saying why there is none.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "coordinator"), allow(dead_code))]
pub enum ReportUpdate {
    Ready(String),
    Failed(String),
}

/// The sync's status as the worker reports it, every sentence in the
/// person's language (empty when there is nothing to say).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    pub configured: bool,
    pub server: String,
    pub database: String,
    pub user: String,
    pub has_password: bool,
    pub running: bool,
    pub pending: u32,
    pub pending_text: String,
    pub conflicts: String,
    /// When the last sync succeeded (RFC 3339), empty if never.
    pub last_ok_at: String,
    pub error: String,
    /// What the last run did.
    pub outcome: String,
    /// Records the last run pushed or pulled.
    pub changed: u32,
    pub refused: String,
    /// The answer to what the person just asked (test, save), and whether
    /// it is good news.
    pub notice: Option<(bool, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SyncUpdate {
    Status(SyncStatus),
    /// How far a running sync is, as a sentence.
    Progress(String),
}

#[derive(Default)]
pub struct DataWorker {
    worker: RefCell<Option<web_sys::Worker>>,
    listener: Listener,
    sync_listener: SyncListener,
    report_listener: ReportListener,
    /// Requests waiting for the worker to listen (its wasm still loading);
    /// `None` once it said it is ready.
    waiting: Rc<RefCell<Option<Vec<js_sys::Array>>>>,
}

impl DataWorker {
    /// The screen that gets the replies from now on (one at a time).
    pub fn listen(&self, on_reply: impl FnMut(ImportUpdate) + 'static) {
        *self.listener.borrow_mut() = Some(Box::new(on_reply));
    }

    /// No screen listens any more.
    pub fn stop_listening(&self) {
        self.listener.borrow_mut().take();
    }

    /// Sends a request (with the chosen file for a preview); the worker
    /// answers in the language `lang`.
    pub fn send(&self, request: ImportRequest, file: Option<&web_sys::File>, lang: &str) {
        let message = js_sys::Array::of3(
            &JsValue::from_str(request.name()),
            &file.map_or(JsValue::UNDEFINED, JsValue::from),
            &JsValue::from_str(lang),
        );
        if !self.post(message) {
            deliver(&self.listener, unavailable());
        }
    }

    /// Posts `message` with this tab's text key (`storage::at_rest`) as
    /// its fourth element, or holds it until the worker listens; false
    /// when there is no worker or it refused.
    fn post(&self, message: js_sys::Array) -> bool {
        let key = crate::storage::at_rest::tab_key();
        message.push(&key.map_or(JsValue::UNDEFINED, |key| JsValue::from_str(&key)));
        let Some(worker) = self.worker() else {
            return false;
        };
        if let Some(waiting) = self.waiting.borrow_mut().as_mut() {
            waiting.push(message);
            return true;
        }
        worker.post_message(&message).is_ok()
    }

    /// Where the sync's status goes (the app's `SyncCx`).
    pub fn listen_sync(&self, on_update: impl FnMut(SyncUpdate) + 'static) {
        *self.sync_listener.borrow_mut() = Some(Box::new(on_update));
    }

    /// Sends a sync request (`crate::worker`'s `sync-…` names) with its
    /// payload, a plain object.
    pub fn send_sync(&self, name: &str, payload: &js_sys::Object, lang: &str) {
        let message =
            js_sys::Array::of3(&JsValue::from_str(name), payload, &JsValue::from_str(lang));
        let _ = self.post(message);
    }

    /// Where the jaarbeeld's answers go (the report screen).
    #[cfg(feature = "coordinator")]
    pub fn listen_report(&self, on_update: impl FnMut(ReportUpdate) + 'static) {
        *self.report_listener.borrow_mut() = Some(Box::new(on_update));
    }

    /// Asks for the figures of `scope` (a `Scope` as JSON); `fresh` when
    /// the records may have changed since the worker last read them.
    #[cfg(feature = "coordinator")]
    pub fn send_report(&self, scope: &str, fresh: bool, lang: &str) {
        let payload = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&payload, &"scope".into(), &JsValue::from_str(scope));
        let _ = js_sys::Reflect::set(&payload, &"fresh".into(), &JsValue::from_bool(fresh));
        self.send_sync("report", &payload, lang);
    }

    fn worker(&self) -> Option<web_sys::Worker> {
        if let Some(worker) = self.worker.borrow().as_ref() {
            return Some(worker.clone());
        }
        let worker = web_sys::Worker::new(WORKER_URL).ok()?;
        *self.waiting.borrow_mut() = Some(Vec::new());
        let (listener, waiting, ready) =
            (self.listener.clone(), self.waiting.clone(), worker.clone());
        let sync_listener = self.sync_listener.clone();
        let report_listener = self.report_listener.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                if let Some(update) = decode_report(&data) {
                    if let Some(on_update) = report_listener.borrow_mut().as_mut() {
                        on_update(update);
                    }
                } else if let Some(update) = decode_sync(&data) {
                    if let Some(on_update) = sync_listener.borrow_mut().as_mut() {
                        on_update(update);
                    }
                } else if let Some(update) = decode_import(&data) {
                    deliver(&listener, update);
                } else if is_ready(&data) {
                    for message in waiting.borrow_mut().take().unwrap_or_default() {
                        let _ = ready.post_message(&message);
                    }
                }
            },
        );
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        #[cfg(staff_texts)]
        {
            let listener = self.listener.clone();
            let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                deliver(&listener, unavailable());
            });
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            on_error.forget();
        }
        *self.worker.borrow_mut() = Some(worker.clone());
        Some(worker)
    }
}

fn deliver(listener: &Listener, update: ImportUpdate) {
    if let Some(on_reply) = listener.borrow_mut().as_mut() {
        on_reply(update);
    }
}

/// The worker could not be started or stopped working (its files missing
/// from an old cache, say).
fn unavailable() -> ImportUpdate {
    ImportUpdate::Failed(String::new(), "data worker unavailable".into())
}

fn is_ready(data: &JsValue) -> bool {
    js_sys::Reflect::get(data, &JsValue::from_str("stage"))
        .ok()
        .and_then(|v| v.as_string())
        .as_deref()
        == Some("ready")
}

/// The import's replies, read only by the apps with the import screen (the
/// volunteer's app links to the coordinator app's).
#[cfg(not(staff_texts))]
fn decode_import(_: &JsValue) -> Option<ImportUpdate> {
    None
}

#[cfg(staff_texts)]
fn decode_import(data: &JsValue) -> Option<ImportUpdate> {
    let field = |name: &str| js_sys::Reflect::get(data, &JsValue::from_str(name)).ok();
    let text = |name: &str| field(name).and_then(|v| v.as_string()).unwrap_or_default();
    let number = |name: &str| field(name).and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
    let tally = || {
        let counts: js_sys::Array = field("tally")?.dyn_into().ok()?;
        let mut array = [0u32; 6];
        for (i, slot) in array.iter_mut().enumerate() {
            *slot = counts.get(i as u32).as_f64()? as u32;
        }
        Some(Tally::from_array(array))
    };
    Some(match text("stage").as_str() {
        "preview" => ImportUpdate::Preview {
            tally: tally()?,
            lines: field("lines")
                .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
                .map(|lines| lines.iter().filter_map(|l| l.as_string()).collect())
                .unwrap_or_default(),
        },
        "refused" => ImportUpdate::Refused(text("message")),
        "progress" => ImportUpdate::Progress {
            done: number("done"),
            total: number("total"),
        },
        "done" => ImportUpdate::Done(tally()?),
        "failed" => ImportUpdate::Failed(text("message"), text("detail")),
        _ => return None,
    })
}

/// The jaarbeeld's answers, read only by the coordinator app.
#[cfg(not(feature = "coordinator"))]
fn decode_report(_: &JsValue) -> Option<ReportUpdate> {
    None
}

#[cfg(feature = "coordinator")]
fn decode_report(data: &JsValue) -> Option<ReportUpdate> {
    let field = |name: &str| {
        js_sys::Reflect::get(data, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    if field("stage").as_deref() != Some("report") {
        return None;
    }
    Some(match field("report") {
        Some(json) => ReportUpdate::Ready(json),
        None => ReportUpdate::Failed(field("failed").unwrap_or_default()),
    })
}

fn decode_sync(data: &JsValue) -> Option<SyncUpdate> {
    let field = |name: &str| js_sys::Reflect::get(data, &JsValue::from_str(name)).ok();
    let text = |name: &str| field(name).and_then(|v| v.as_string()).unwrap_or_default();
    let flag = |name: &str| field(name).and_then(|v| v.as_bool()).unwrap_or(false);
    let number = |name: &str| field(name).and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
    match text("stage").as_str() {
        "sync-progress" => Some(SyncUpdate::Progress(text("progress"))),
        "sync" => {
            #[cfg_attr(not(staff_texts), allow(unused_mut))]
            let mut status = SyncStatus {
                configured: flag("configured"),
                running: flag("running"),
                changed: number("changed"),
                ..SyncStatus::default()
            };
            // The survey links' drop-off is on the server (every area
            // of the coordinator app that hands out links).
            #[cfg(any(staff_texts, feature = "coordinator"))]
            {
                status.server = text("server");
            }
            // The rest is for the sync screen, which only the apps with
            // the staff texts have.
            #[cfg(staff_texts)]
            {
                status.database = text("database");
                status.user = text("user");
                status.has_password = flag("has_password");
                status.pending = number("pending");
                status.pending_text = text("pending_text");
                status.conflicts = text("conflicts");
                status.last_ok_at = text("last_ok_at");
                status.error = text("error");
                status.outcome = text("outcome");
                status.refused = text("refused");
                status.notice = field("notice")
                    .and_then(|v| v.as_string())
                    .map(|notice| (flag("notice_ok"), notice));
            }
            Some(SyncUpdate::Status(status))
        }
        _ => None,
    }
}
