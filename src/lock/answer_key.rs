//! The organisation's answer key on this device (`#sleutel`, for the
//! coordinator): make it, save it as a file protected by a password, take
//! it from such a file (with the password: the whole key, for a
//! coordinator's device that reads answers; without: only the public key,
//! for a kiosk tablet that seals them), with plain words on what a lost key
//! means. On the lock page, not in Beheer: its cryptography then weighs on
//! no app a person waits for, and the page opens no record.
//!
//! The private key is kept as the browser's `CryptoKey` object in the
//! database `wijkpeil-keys` (`storage::key_store`), the public key in
//! localStorage, where every survey link made on the device reads it.

use crate::domain::survey::sealed::{passphrase_ok, AnswerKey, KeyFile, KeyFileProblem};
use crate::i18n::{self, fill, I18n, Key};
use crate::platform;
use crate::sealing::{self, KeyPair};
use crate::storage::{settings_store, StorageError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// What this device holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum KeyState {
    Missing,
    /// Seals, cannot open: the key's id.
    PublicOnly(String),
    /// Seals and opens.
    Whole(String),
}

/// Why a key action did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum KeyProblem {
    ShortPassphrase,
    File(KeyFileProblem),
    WrongPassphrase,
    NoPrivateKey,
    /// The browser refused the cryptography or the download.
    Browser,
    Storage(StorageError),
}

impl From<StorageError> for KeyProblem {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

async fn state() -> Result<KeyState, StorageError> {
    if let Some(pair) = KeyPair::stored().await? {
        return Ok(KeyState::Whole(pair.public.id()));
    }
    Ok(settings_store::answer_key()
        .and_then(|key| AnswerKey::parse(&key))
        .map_or(KeyState::Missing, |key| KeyState::PublicOnly(key.id())))
}

/// Saves `pair` as a key file under `passphrase`; the file's name.
async fn save_file(pair: &KeyPair, passphrase: &str) -> Result<String, KeyProblem> {
    let file = sealing::export_file(pair, passphrase)
        .await
        .map_err(|_| KeyProblem::Browser)?;
    let name = format!("wijkpeil-sleutel-{}.json", pair.public.id());
    let text = serde_json::to_string(&file).unwrap_or_default();
    if platform::download_text(&name, &text, "application/json") {
        Ok(name)
    } else {
        Err(KeyProblem::Browser)
    }
}

async fn keep(pair: &KeyPair) -> Result<(), KeyProblem> {
    pair.keep().await?;
    if !settings_store::set_answer_key(pair.public.as_str()) {
        return Err(KeyProblem::Storage(StorageError::QuotaExceeded));
    }
    Ok(())
}

/// A new key: its file is saved first, and only then is the key kept here.
async fn create(passphrase: &str) -> Result<String, KeyProblem> {
    if !passphrase_ok(passphrase) {
        return Err(KeyProblem::ShortPassphrase);
    }
    let pair = sealing::generate().await.map_err(|_| KeyProblem::Browser)?;
    let name = save_file(&pair, passphrase).await?;
    keep(&pair).await?;
    Ok(name)
}

async fn export(passphrase: &str) -> Result<String, KeyProblem> {
    if !passphrase_ok(passphrase) {
        return Err(KeyProblem::ShortPassphrase);
    }
    let pair = KeyPair::stored().await?.ok_or(KeyProblem::NoPrivateKey)?;
    save_file(&pair, passphrase).await
}

/// The key of a key file: whole with its passphrase, the public key alone
/// when `passphrase` is empty.
async fn import(file: Option<web_sys::File>, passphrase: &str) -> Result<(), KeyProblem> {
    let not_a_file = KeyProblem::File(KeyFileProblem::NotAKeyFile);
    let file = file.ok_or(not_a_file.clone())?;
    let text = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(not_a_file)?;
    let (file, public) = KeyFile::read(&text).map_err(KeyProblem::File)?;
    if passphrase.is_empty() {
        if !settings_store::set_answer_key(public.as_str()) {
            return Err(KeyProblem::Storage(StorageError::QuotaExceeded));
        }
        return Ok(());
    }
    let pair = sealing::import_file(&file, public, passphrase)
        .await
        .map_err(|_| KeyProblem::Browser)?
        .ok_or(KeyProblem::WrongPassphrase)?;
    keep(&pair).await
}

fn problem_text(i18n: I18n, problem: &KeyProblem) -> String {
    let key = match problem {
        KeyProblem::ShortPassphrase => Key::AnswerKeyShortPassphrase,
        KeyProblem::File(KeyFileProblem::TooLarge | KeyFileProblem::NotAKeyFile) => {
            Key::AnswerKeyNotAFile
        }
        KeyProblem::File(KeyFileProblem::NewerVersion) => Key::AnswerKeyNewerFile,
        KeyProblem::WrongPassphrase => Key::AnswerKeyWrongPassphrase,
        KeyProblem::NoPrivateKey => Key::AnswerKeyNoPrivate,
        KeyProblem::Browser => Key::AnswerKeyBrowser,
        KeyProblem::Storage(error) => return i18n::storage_message(i18n.locale(), error),
    };
    i18n.t(key).to_owned()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Create,
    Export,
    Import,
}

#[component]
pub fn AnswerKeyScreen() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let shown = RwSignal::new(None::<Result<KeyState, StorageError>>);
    let refresh = move || spawn_local(async move { shown.set(Some(state().await)) });
    refresh();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<Result<String, String>>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let run = move |action: Action| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set(None);
        let words = passphrase.get_untracked();
        let file = file_input
            .get_untracked()
            .and_then(|input| platform::chosen_file(&input));
        spawn_local(async move {
            let outcome = match action {
                Action::Create => create(&words).await.map(|name| (Key::AnswerKeySaved, name)),
                Action::Export => export(&words).await.map(|name| (Key::AnswerKeySaved, name)),
                Action::Import => import(file, &words)
                    .await
                    .map(|()| (Key::AnswerKeyImported, String::new())),
            };
            status.set(Some(match outcome {
                Ok((key, name)) => Ok(fill(i18n.t(key), &[("file", &name)])),
                Err(problem) => Err(problem_text(i18n, &problem)),
            }));
            passphrase.set(String::new());
            busy.set(false);
            refresh();
        });
    };

    let state_line = move || {
        shown.get().map(|state| match state {
            Ok(KeyState::Missing) => i18n.t(Key::AnswerKeyMissing).to_owned(),
            Ok(KeyState::PublicOnly(id)) => fill(i18n.t(Key::AnswerKeyPublicOnly), &[("id", &id)]),
            Ok(KeyState::Whole(id)) => fill(i18n.t(Key::AnswerKeyWhole), &[("id", &id)]),
            Err(error) => i18n::storage_message(i18n.locale(), &error),
        })
    };
    let whole = move || matches!(shown.get(), Some(Ok(KeyState::Whole(_))));
    let disabled = move || busy.get().to_string();

    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(Key::AnswerKeyTitle)}</h1>
        <p>{move || i18n.t(Key::AnswerKeyIntro)}</p>
        <p data-testid="answer-key-state" role="status">{state_line}</p>
        <div class="notice warning" id="answer-key-warning">
            <p>{move || i18n.t(Key::AnswerKeyWarning)}</p>
        </div>
        <div class="lock-form">
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="answer-key-passphrase">{move || i18n.t(Key::AnswerKeyPassphrase)}</label>
                <p class="utrecht-form-field__description hint" id="answer-key-passphrase-hint">{move || i18n.t(Key::AnswerKeyPassphraseHint)}</p>
                <input id="answer-key-passphrase" type="password" autocomplete="new-password"
                    aria-describedby="answer-key-passphrase-hint"
                    prop:value=move || passphrase.get()
                    on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            </div>
            <p class="lock-links">
                <button type="button" class="nl-button nl-button--secondary" aria-describedby="answer-key-warning"
                    aria-disabled=disabled on:click=move |_| run(Action::Create)>
                    {move || i18n.t(Key::AnswerKeyCreate)}
                </button>
                {move || whole().then(|| view! {
                    <button type="button" class="nl-button nl-button--secondary" aria-disabled=disabled
                        on:click=move |_| run(Action::Export)>
                        {move || i18n.t(Key::AnswerKeyExport)}
                    </button>
                })}
            </p>
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="answer-key-file">{move || i18n.t(Key::AnswerKeyFile)}</label>
                <p class="utrecht-form-field__description hint" id="answer-key-file-hint">{move || i18n.t(Key::AnswerKeyFileHint)}</p>
                <input id="answer-key-file" type="file" accept=".json,application/json"
                    aria-describedby="answer-key-file-hint" node_ref=file_input/>
            </div>
            <p class="lock-links">
                <button type="button" class="nl-button nl-button--secondary" aria-disabled=disabled
                    on:click=move |_| run(Action::Import)>
                    {move || i18n.t(Key::AnswerKeyImport)}
                </button>
            </p>
        </div>
        <div aria-live="polite" data-testid="answer-key-status">
            {move || status.get().map(|outcome| match outcome {
                Ok(text) => view! { <p class="notice ok">{text}</p> }.into_any(),
                Err(text) => view! { <p class="notice error">{text}</p> }.into_any(),
            })}
        </div>
        <p class="lock-links">
            <a class="nl-button nl-button--secondary" href="/beheer/#/instellingen">{move || i18n.t(Key::AnswerKeyBack)}</a>
        </p>
    }
}

/// Before a wipe: every record of the device as one file, sealed for the
/// organisation's answer key, so that whoever holds the locked device (and
/// does not know the coordinator's code) gets nothing readable from it, and
/// a coordinator's device with the key imports it as an export. Without a
/// key on the device no copy can be made safely, and the page says so.
#[component]
pub fn SealedCopy() -> impl IntoView {
    use crate::platform::BrowserEnv;
    use crate::service::export::ExportService;
    use crate::storage::indexeddb::{IdbStore, DB_NAME};
    use std::rc::Rc;
    let i18n = expect_context::<I18n>();
    let key = settings_store::answer_key().and_then(|key| AnswerKey::parse(&key));
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<Result<String, String>>);
    let Some(key) = key else {
        return view! { <p class="hint" data-testid="sealed-copy">{move || i18n.t(Key::SealedCopyNoKey)}</p> }
            .into_any();
    };
    let key = StoredValue::new(key);
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let made = async {
                let store = Rc::new(IdbStore::open(DB_NAME).await.map_err(|_| ())?);
                let device = settings_store::device_id(platform::new_device_id);
                let export = ExportService::new(store.clone(), BrowserEnv, device)
                    .export()
                    .await;
                // Let go of the database at once: the wipe deletes it next.
                store.close();
                let export = export.map_err(|_| ())?;
                let copy = sealing::seal_copy(&key.get_value(), &export.text)
                    .await
                    .map_err(|_| ())?;
                let name = export.file_name.replace(".json", "-versleuteld.json");
                let text = serde_json::to_string(&copy).map_err(|_| ())?;
                if platform::download_text(&name, &text, "application/json") {
                    Ok((name, export.records))
                } else {
                    Err(())
                }
            };
            status.set(Some(match made.await {
                Ok((name, count)) => Ok(fill(
                    i18n.t(Key::SealedCopySaved),
                    &[("file", &name), ("count", &count.to_string())],
                )),
                Err(()) => Err(i18n.t(Key::SealedCopyFailed).to_owned()),
            }));
            busy.set(false);
        });
    };
    view! {
        <div data-testid="sealed-copy">
            <p class="hint" id="sealed-copy-hint">{move || i18n.t(Key::SealedCopyHint)}</p>
            <p class="lock-links">
                <button type="button" class="nl-button nl-button--secondary" aria-describedby="sealed-copy-hint"
                    aria-disabled=move || busy.get().to_string() on:click=save>
                    {move || i18n.t(Key::SealedCopyButton)}
                </button>
            </p>
            <div aria-live="polite">
                {move || status.get().map(|outcome| match outcome {
                    Ok(text) => view! { <p class="notice ok">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="notice error">{text}</p> }.into_any(),
                })}
            </div>
        </div>
    }
    .into_any()
}
