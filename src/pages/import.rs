//! Import on the settings screen of both staff apps: choose an export file,
//! see what it would change, confirm, watch the progress.
//!
//! The file is read, checked and merged in the data worker (`app::data_worker`),
//! so a large file neither freezes the page nor weighs on its first load.
//! Nothing is written before the person confirms the preview; a refused
//! file says why and changes nothing (`service::import`).

use crate::app::{DataVersion, ImportUpdate, Services, Texts};
use crate::domain::merge::Tally;
use crate::i18n::{self, fill, I18n, Key};
use crate::platform;
use crate::service::import::ImportRequest;
use leptos::prelude::*;
use std::rc::Rc;

/// Where the import stands, as the screen shows it.
#[derive(Clone, Default)]
struct ImportState {
    /// A sentence: checking, refused, progress, done or failed.
    message: String,
    /// Whether `message` is an error (then it is an alert).
    error: bool,
    /// The preview's counts, while it waits for a choice.
    preview: Option<(Tally, Rc<Vec<String>>)>,
    /// Records merged so far, and of how many.
    progress: Option<(u32, u32)>,
}

#[component]
pub fn ImportSection() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>().0;
    let state = RwSignal::new_local(ImportState::default());
    let input = NodeRef::<leptos::html::Input>::new();
    let say = move |message: String, error: bool| {
        state.try_set(ImportState {
            message,
            error,
            ..ImportState::default()
        });
    };

    services.import().listen(move |update| match update {
        ImportUpdate::Preview { tally, lines } => {
            state.try_set(ImportState {
                preview: Some((tally, Rc::new(lines))),
                ..ImportState::default()
            });
        }
        ImportUpdate::Refused(message) => say(message, true),
        ImportUpdate::Progress { done, total } => {
            state.try_set(ImportState {
                message: progress_sentence(i18n, done, total),
                progress: Some((done, total)),
                ..ImportState::default()
            });
        }
        ImportUpdate::Done(tally) => {
            version.update(|v| *v += 1);
            say(done_sentence(i18n, &tally), false);
        }
        ImportUpdate::Failed(message, detail) => {
            let message = if message.is_empty() {
                i18n.t(Key::StorageUnavailable).to_owned()
            } else {
                message
            };
            say(format!("{message} ({detail})"), true);
        }
    });
    on_cleanup(move || services.import().stop_listening());

    let send = move |request, file: Option<&web_sys::File>| {
        services.import().send(request, file, i18n.lang());
    };
    let choose = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        if let Some(file) = platform::chosen_file(&element) {
            say(i18n.t(Key::ImportChecking).to_owned(), false);
            send(ImportRequest::Preview, Some(&file));
        }
        // The same file can be chosen again (a second import).
        element.set_value("");
    };
    let confirm = move |_| {
        if let Some((tally, _)) = state.get_untracked().preview {
            let total = tally.changes();
            state.set(ImportState {
                message: progress_sentence(i18n, 0, total),
                progress: Some((0, total)),
                ..ImportState::default()
            });
            send(ImportRequest::Apply, None);
        }
    };
    let cancel = move |_| {
        send(ImportRequest::Forget, None);
        state.set(ImportState::default());
    };

    let preview = move || {
        state.with(|s| s.preview.clone()).map(|(tally, lines)| {
            let t = |key| i18n.t(key);
            let rows = [
                (Key::ImportNew, tally.new),
                (Key::ImportNewer, tally.newer),
                (Key::ImportIdentical, tally.identical),
                (Key::ImportOlder, tally.older),
                (Key::ImportConflict, tally.conflict),
                (Key::ImportInvalid, tally.invalid),
            ]
            .into_iter()
            .map(|(key, n)| view! { <dt>{t(key)}</dt><dd>{n}</dd> })
            .collect_view();
            let more = tally.invalid.saturating_sub(lines.len() as u32);
            let mut named: Vec<String> = lines.to_vec();
            if more > 0 {
                named.push(i18n::count(i18n.locale(), Key::ImportInvalidMore, more));
            }
            let changes = tally.changes();
            view! {
                <h3 class="nl-heading nl-heading--level-3">{t(Key::ImportPreviewTitle)}</h3>
                <dl class="facts" data-testid="import-preview">{rows}</dl>
                <ul class="problems">{named.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                <p>{(changes == 0).then(|| t(Key::ImportNothing))}</p>
                <div class="actions-row">
                    <button type="button" class="nl-button nl-button--primary" hidden=changes == 0 on:click=confirm>
                        {fill(i18n.plural(Key::ImportConfirm, changes), &[("n", &i18n::num(i18n.locale(), changes))])}
                    </button>
                    <button type="button" class="nl-button nl-button--secondary" on:click=cancel>{t(Key::ImportCancel)}</button>
                </div>
            }
        })
    };

    view! {
        <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::ImportTitle)}</h2>
        <p class="hint" id="import-hint">{i18n.text(Key::ImportHint)}</p>
        <div class="utrecht-form-field">
            <label class="utrecht-form-field__label" for="import-file">{i18n.text(Key::ImportChoose)}</label>
            <input
                id="import-file"
                type="file"
                accept=".json,application/json"
                aria-describedby="import-hint"
                node_ref=input
                on:change=choose
            />
        </div>
        <div class="status" role="status" aria-live="polite">
            <p
                data-testid="import-message"
                class=move || if state.with(|s| s.error) { "notice error" } else { "" }
                role=move || state.with(|s| s.error).then_some("alert")
            >
                {move || state.with(|s| s.message.clone())}
            </p>
            <progress
                aria-label=move || state.with(|s| s.message.clone())
                hidden=move || state.with(|s| s.progress.is_none())
                max=move || state.with(|s| s.progress.map_or(0, |p| p.1))
                value=move || state.with(|s| s.progress.map_or(0, |p| p.0))
            ></progress>
            {preview}
        </div>
    }
}

fn progress_sentence(i18n: I18n, done: u32, total: u32) -> String {
    fill(
        i18n.t(Key::ImportProgress),
        &[
            ("done", &i18n::num(i18n.locale(), done)),
            ("total", &i18n::num(i18n.locale(), total)),
        ],
    )
}

fn done_sentence(i18n: I18n, tally: &Tally) -> String {
    fill(
        i18n.t(Key::ImportDone),
        &[
            ("new", &i18n::num(i18n.locale(), tally.new as u64)),
            ("newer", &i18n::num(i18n.locale(), tally.newer as u64)),
            ("conflict", &i18n::num(i18n.locale(), tally.conflict as u64)),
            (
                "unchanged",
                &i18n::num(i18n.locale(), (tally.identical + tally.older) as u64),
            ),
            ("invalid", &i18n::num(i18n.locale(), tally.invalid as u64)),
        ],
    )
}
