//! The sync as the page sees it: a context with the worker's latest status
//! (`SyncCx`), the requests the screens make, and the page's two triggers:
//! on opening (when a server is set) and after every save. The sync itself
//! runs in the data worker (`crate::worker`); the page never talks to the
//! server.

use super::data_worker::{SyncStatus, SyncUpdate};
use super::{DataVersion, I18n, Services, SettingsCx};
use leptos::prelude::*;

/// The latest status, and a running sync's progress sentence.
#[derive(Clone, Copy)]
pub struct SyncCx {
    pub status: RwSignal<SyncStatus, LocalStorage>,
    pub progress: RwSignal<String>,
    services: Services,
    i18n: I18n,
}

impl SyncCx {
    /// Sends a request (`sync-now`, `sync-test`, `sync-save`, …) with the
    /// fields the screen gives (`(name, value)`).
    pub fn request(&self, name: &str, fields: &[(&str, String)]) {
        if matches!(name, "sync-test" | "sync-save" | "sync-forget") {
            // The answer to this request replaces the last one.
            self.status.update(|s| s.notice = None);
        }
        let payload = js_sys::Object::new();
        for (field, value) in fields {
            let _ = js_sys::Reflect::set(&payload, &(*field).into(), &value.as_str().into());
        }
        // A coordinator's device pulls every record; a volunteer's only
        // what every device shares.
        if cfg!(feature = "coordinator") {
            let _ = js_sys::Reflect::set(&payload, &"coordinator".into(), &"1".into());
        }
        self.services
            .import()
            .send_sync(name, &payload, self.i18n.lang());
    }
}

/// Provides `SyncCx`, listens to the worker, and starts the sync when a
/// server is set: now, and soon after each save.
pub fn provide_sync(services: Services) {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>();
    let version = expect_context::<DataVersion>();
    let cx = SyncCx {
        status: RwSignal::new_local(SyncStatus::default()),
        progress: RwSignal::new(String::new()),
        services,
        i18n,
    };
    provide_context(cx);
    services.import().listen_sync(move |update| match update {
        SyncUpdate::Progress(text) => {
            cx.progress.try_set(text);
        }
        SyncUpdate::Status(mut status) => {
            // An answer stays until the person asks something else.
            if status.notice.is_none() {
                status.notice = cx.status.with_untracked(|s| s.notice.clone());
            }
            if !status.running {
                cx.progress.try_set(String::new());
            }
            if status.configured != settings.0.with_untracked(|s| s.sync) {
                let on = status.configured;
                settings.update(|s| s.sync = on);
            }
            // Records came or went: lists and counts read again.
            if !status.running && status.changed > 0 {
                version.bump();
            }
            cx.status.try_set(status);
        }
    });
    // Each save (a bump of `DataVersion`) asks for a sync soon; the first
    // run of this effect is the app opening.
    Effect::new(move |opened: Option<()>| {
        version.0.track();
        if settings.0.with_untracked(|s| s.sync) {
            cx.request(
                if opened.is_some() {
                    "sync-saved"
                } else {
                    "sync-start"
                },
                &[],
            );
        }
    });
}
