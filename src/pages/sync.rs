//! The sync settings of both staff apps: the server's address, database
//! and login, "Verbinding testen", "Nu synchroniseren", and the status:
//! what waits to be sent, the last successful sync, the last error, kept
//! conflicts.
//!
//! The screen only sends what was typed to the data worker (`SyncCx`),
//! which checks it, seals the password and syncs; the password field is
//! emptied after each request and the password is never shown again.

use crate::app::{Nav, SyncCx, Texts};
use crate::i18n::{fill, I18n, Key};
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn SyncSection() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let sync = expect_context::<SyncCx>();
    let status = sync.status;
    let server = RwSignal::new(String::new());
    let database = RwSignal::new("wijkpeil".to_owned());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // The stored settings fill the fields once they are known.
    Effect::new(move |filled: Option<bool>| {
        let filled = filled.unwrap_or(false);
        status.with(|s| {
            if s.configured && !filled {
                server.set(s.server.clone());
                database.set(s.database.clone());
                user.set(s.user.clone());
                return true;
            }
            filled
        })
    });
    let nav = expect_context::<Nav>();
    Effect::new(move |_| {
        if status.with(|s| s.notice.is_some()) {
            busy.set(false);
            // What was typed has been dealt with: leaving asks nothing.
            nav.forget_input();
        }
    });
    sync.request("sync-status", &[]);

    let send = move |name: &str| {
        busy.set(true);
        sync.request(
            name,
            &[
                ("server", server.get_untracked()),
                ("database", database.get_untracked()),
                ("user", user.get_untracked()),
                ("password", password.get_untracked()),
            ],
        );
        password.set(String::new());
    };

    // The login's fields say what they are (WCAG 1.3.5), so a password
    // manager can fill them; the address and database name are not kept.
    let field = move |id: &'static str,
                      key: Key,
                      kind: &'static str,
                      purpose: &'static str,
                      value: RwSignal<String>| {
        view! {
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for=id>{i18n.text(key)}</label>
                <input id=id type=kind autocomplete=purpose spellcheck="false" bind:value=value/>
            </div>
        }
    };
    let text = move |f: fn(&crate::app::SyncStatus) -> String| move || status.with(f);

    view! {
        <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::SyncTitle)}</h2>
        <p class="hint">{i18n.text(Key::SyncHint)}</p>
        <form class="sync-settings" on:submit=move |ev| {
            ev.prevent_default();
            send("sync-save");
        }>
            {field("sync-server", Key::SyncServer, "url", "off", server)}
            {field("sync-database", Key::SyncDatabase, "text", "off", database)}
            {field("sync-user", Key::SyncUser, "text", "username", user)}
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="sync-password">{i18n.text(Key::SyncPassword)}</label>
                <p class="utrecht-form-field__description hint" id="sync-password-hint">
                    {move || i18n.t(if status.with(|s| s.has_password) { Key::SyncPasswordKept } else { Key::SyncPasswordHint })}
                </p>
                <input
                    id="sync-password"
                    type="password"
                    autocomplete="current-password"
                    aria-describedby="sync-password-hint"
                    bind:value=password
                />
            </div>
            <div class="actions-row">
                <button type="button" class="nl-button nl-button--secondary" disabled=busy on:click=move |_| send("sync-test")>
                    {i18n.text(Key::SyncTest)}
                </button>
                <button type="submit" class="nl-button nl-button--primary" disabled=busy>{i18n.text(Key::SyncSave)}</button>
            </div>
        </form>
        <p
            data-testid="sync-notice"
            role=move || status.with(|s| matches!(s.notice, Some((false, _)))).then_some("alert")
            class=move || if status.with(|s| matches!(s.notice, Some((false, _)))) { "notice error" } else { "" }
        >
            {move || status.with(|s| s.notice.as_ref().map(|(_, n)| n.clone()))}
        </p>
        <div class="status" role="status" aria-live="polite" data-testid="sync-status" hidden=move || !status.with(|s| s.configured)>
            <p data-testid="sync-pending">{text(|s| s.pending_text.clone())}</p>
            <p data-testid="sync-last-ok">
                {move || status.with(|s| if s.last_ok_at.is_empty() {
                    i18n.t(Key::SyncNever).to_owned()
                } else {
                    fill(i18n.t(Key::SyncLastOk), &[("time", &platform::local_date_time(&s.last_ok_at, i18n.lang()))])
                })}
            </p>
            <p data-testid="sync-progress">
                {move || if status.with(|s| s.running) {
                    let progress = sync.progress.get();
                    if progress.is_empty() { i18n.t(Key::SyncRunning).to_owned() } else { progress }
                } else {
                    status.with(|s| s.outcome.clone())
                }}
            </p>
            <p data-testid="sync-error" class="field-error" hidden=move || status.with(|s| s.error.is_empty())>
                {text(|s| s.error.clone())}
            </p>
            <p data-testid="sync-refused" class="field-error" hidden=move || status.with(|s| s.refused.is_empty())>
                {text(|s| s.refused.clone())}
            </p>
            <p data-testid="sync-conflicts" hidden=move || status.with(|s| s.conflicts.is_empty())>
                {text(|s| s.conflicts.clone())}
            </p>
            <div class="actions-row">
                <button type="button" class="nl-button nl-button--primary" disabled=move || status.with(|s| s.running) on:click=move |_| sync.request("sync-now", &[])>
                    {i18n.text(Key::SyncNow)}
                </button>
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| {
                    sync.request("sync-forget", &[]);
                    server.set(String::new());
                    user.set(String::new());
                }>
                    {i18n.text(Key::SyncForget)}
                </button>
            </div>
        </div>
        <p class="hint" hidden=move || status.with(|s| s.configured)>{i18n.text(Key::SyncOff)}</p>
        {conflicts_section()}
    }
}

/// Choosing between two versions, on the coordinator's device.
#[cfg(feature = "coordinator")]
fn conflicts_section() -> impl IntoView {
    view! { <super::conflicts::ConflictsSection/> }
}

#[cfg(not(feature = "coordinator"))]
fn conflicts_section() -> impl IntoView {}
