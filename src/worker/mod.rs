//! The data worker: a dedicated Web Worker (`/data_worker_loader.js`, its
//! own wasm) where the heavy work on records runs, off the page's thread
//! and out of the apps' first load: today the import (reading and checking
//! a file of up to a million records, then merging it).
//!
//! It opens the same IndexedDB database as the page. A request is the array
//! `[name, file?, language, text key?]` (the tab's key for free text at
//! rest, `storage::at_rest`) (`ImportRequest::name`; the chosen `File` with
//! a preview). Each reply is a plain object the page reads field by field
//! (`app::data_worker`), with its sentences already in the person's
//! language, so the page carries no decoder for it:
//! `{ stage, done, total, tally: [6 counts], message, detail, lines }`,
//! `stage` one of `preview`, `refused`, `progress`, `done`, `failed`; and
//! once, when it listens, `{ stage: "ready" }`.
//! Requests are handled one at a time, in order.
//!
//! It also runs the sync with the organisation's server (`sync`: when, the
//! login, the status; `fetch`: the requests; `secret`: the sealed
//! password). Sync requests are named `sync-…` and are not queued behind
//! an import; nor is `seal-texts` (free text a device kept in the clear
//! before its text key, sealed once). The jaarbeeld (`report`) keeps the records it needs in memory
//! here and computes its figures for each filter the page sends.

mod fetch;
mod report;
mod secret;
mod sync;

use crate::domain::import::FileProblem;
use crate::domain::survey::sealed::SealedCopy;
use crate::i18n::{self, import as text, Locale};
use crate::sealing::KeyPair;
use crate::service::import::{ImportReply, ImportRequest, ImportSession};
use crate::storage::indexeddb::{IdbStore, DB_NAME};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

struct Job {
    request: ImportRequest,
    file: Option<web_sys::File>,
    locale: &'static Locale,
}

struct Worker {
    queue: RefCell<VecDeque<Job>>,
    busy: RefCell<bool>,
    session: RefCell<Option<ImportSession<IdbStore>>>,
    /// The database, opened once when the worker starts.
    store: Result<Rc<IdbStore>, crate::storage::StorageError>,
    sync: Option<Rc<sync::SyncDriver>>,
    report: Option<Rc<report::ReportDriver>>,
}

/// Starts listening for requests. Called once by the worker's `main`.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let store = IdbStore::open(DB_NAME).await.map(Rc::new);
        listen(store);
    });
}

fn listen(store: Result<Rc<IdbStore>, crate::storage::StorageError>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let sync = store
        .as_ref()
        .ok()
        .map(|store| sync::SyncDriver::new(scope.clone(), store.clone()));
    let report = store
        .as_ref()
        .ok()
        .map(|store| report::ReportDriver::new(scope.clone(), store.clone()));
    let worker = Rc::new(Worker {
        queue: RefCell::default(),
        busy: RefCell::default(),
        session: RefCell::default(),
        store,
        sync,
        report,
    });
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let message: js_sys::Array = event.data().unchecked_into();
        let name = message.get(0).as_string().unwrap_or_default();
        // The tab's text key comes with every request (`app::data_worker`):
        // records are sealed and opened with the latest.
        #[cfg(feature = "worker")]
        crate::storage::at_rest::set_worker_key(message.get(3).as_string());
        if name.starts_with("sync-") {
            if let Some(sync) = &worker.sync {
                let locale = i18n::locale(&message.get(2).as_string().unwrap_or_default());
                sync.handle(&name, message.get(1), locale);
            }
            return;
        }
        #[cfg(feature = "worker")]
        if name == crate::storage::at_rest::SEAL_TEXTS {
            let store = worker.store.clone().ok();
            wasm_bindgen_futures::spawn_local(seal_plain_texts(store, reply_scope.clone()));
            return;
        }
        if name == "report" {
            if let Some(report) = &worker.report {
                let locale = i18n::locale(&message.get(2).as_string().unwrap_or_default());
                report.handle(message.get(1), locale);
            }
            return;
        }
        let Some(request) = ImportRequest::from_name(&name) else {
            return;
        };
        let job = Job {
            request,
            file: message.get(1).dyn_into::<web_sys::File>().ok(),
            locale: i18n::locale(&message.get(2).as_string().unwrap_or_default()),
        };
        worker.queue.borrow_mut().push_back(job);
        if worker.busy.replace(true) {
            return; // the running loop takes it next
        }
        let (worker, scope) = (worker.clone(), reply_scope.clone());
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = worker.queue.borrow_mut().pop_front();
                let Some(job) = next else {
                    break;
                };
                worker.handle(&scope, job).await;
            }
            *worker.busy.borrow_mut() = false;
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before this point found no listener and are lost: the
    // page holds its requests until it hears this.
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &"stage".into(), &"ready".into());
    let _ = scope.post_message(&ready);
}

/// Seals the free text a device kept in the clear before its text key,
/// once (`sync_state` says when it was done), and answers
/// `{ stage: "sealed" }`, or `"sealed-failed"` (the lock page asks again
/// at the next unlock).
#[cfg(feature = "worker")]
async fn seal_plain_texts(store: Option<Rc<IdbStore>>, scope: DedicatedWorkerGlobalScope) {
    use crate::storage::indexeddb::{AT_REST_SEALED, AT_REST_STATE};
    use crate::storage::RecordStore;
    let done = match store {
        Some(store) => {
            let state = store.sync_state(AT_REST_STATE).await.ok().flatten();
            state.as_deref() == Some(AT_REST_SEALED)
                || (matches!(store.seal_plain_texts().await, Ok(Some(_)))
                    && store
                        .set_sync_state(AT_REST_STATE, Some(AT_REST_SEALED))
                        .await
                        .is_ok())
        }
        None => false,
    };
    let reply = js_sys::Object::new();
    let stage = if done { "sealed" } else { "sealed-failed" };
    let _ = js_sys::Reflect::set(&reply, &"stage".into(), &stage.into());
    let _ = scope.post_message(&reply);
}

impl Worker {
    async fn handle(&self, scope: &DedicatedWorkerGlobalScope, job: Job) {
        let locale = job.locale;
        let send = |reply: ImportReply| {
            let _ = scope.post_message(&encode(locale, &reply));
        };
        if self.session.borrow().is_none() {
            match &self.store {
                Ok(store) => *self.session.borrow_mut() = Some(ImportSession::new(store.clone())),
                Err(error) => return send(ImportReply::Failed(error.clone())),
            }
        }
        // Read as bytes, not as a JS string: a large file is then neither
        // decoded to UTF-16 nor encoded back into wasm, only copied.
        let text = match job.file {
            Some(file) => wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .ok()
                .map(|buffer| {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    // As `File.text()` reads it: without a byte order mark,
                    // a broken sequence as U+FFFD.
                    let mut text = match String::from_utf8(bytes) {
                        Ok(text) => text,
                        Err(broken) => String::from_utf8_lossy(broken.as_bytes()).into_owned(),
                    };
                    if text.starts_with('\u{feff}') {
                        text.drain(..'\u{feff}'.len_utf8());
                    }
                    text
                }),
            None => None,
        };
        // A sealed copy of a device (made on the lock page before a wipe)
        // is opened with this device's answer key first.
        let text = match text.as_deref().and_then(SealedCopy::read) {
            None => text,
            Some(copy) => match opened_copy(&copy).await {
                Ok(plain) => Some(plain),
                Err(problem) => return send(ImportReply::Refused(problem)),
            },
        };
        // Taken out while it works, so no borrow is held across an await;
        // jobs run one at a time, so no other needs it meanwhile.
        let Some(mut session) = self.session.borrow_mut().take() else {
            return;
        };
        session.handle(job.request, text, send).await;
        *self.session.borrow_mut() = Some(session);
    }
}

/// The export file in a sealed copy, opened with this device's answer key.
async fn opened_copy(copy: &SealedCopy) -> Result<String, FileProblem> {
    let pair = KeyPair::stored()
        .await
        .ok()
        .flatten()
        .filter(|pair| pair.public.id() == copy.key)
        .ok_or_else(|| FileProblem::SealedForOtherKey {
            key: copy.key.clone(),
        })?;
    pair.open_copy(copy)
        .await
        .map_err(|_| FileProblem::SealedDamaged)
}

/// A reply as the plain object the page reads.
fn encode(locale: &Locale, reply: &ImportReply) -> JsValue {
    let object = js_sys::Object::new();
    let set = |field: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(field), &value);
    };
    let tally = |tally: &crate::domain::merge::Tally| {
        tally
            .to_array()
            .iter()
            .map(|n| JsValue::from(*n))
            .collect::<js_sys::Array>()
            .into()
    };
    let stage = match reply {
        ImportReply::Preview(summary) => {
            set("tally", tally(&summary.tally));
            let lines: js_sys::Array = summary
                .invalid
                .iter()
                .map(|(position, problem)| {
                    JsValue::from_str(&text::invalid_record(locale, position, problem))
                })
                .collect();
            set("lines", lines.into());
            "preview"
        }
        ImportReply::Refused(problem) => {
            set(
                "message",
                JsValue::from_str(&text::file_problem(locale, problem)),
            );
            "refused"
        }
        ImportReply::Progress { done, total } => {
            set("done", JsValue::from(*done as u32));
            set("total", JsValue::from(*total as u32));
            "progress"
        }
        ImportReply::Done(counts) => {
            set("tally", tally(counts));
            "done"
        }
        ImportReply::Failed(error) => {
            set(
                "message",
                JsValue::from_str(&i18n::storage_message(locale, error)),
            );
            set("detail", JsValue::from_str(&error.to_string()));
            "failed"
        }
    };
    set("stage", JsValue::from_str(stage));
    object.into()
}
