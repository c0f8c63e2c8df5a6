//! Settings: location, initials, language, and how safe the data is (storage
//! persistence, usage, records not yet synced or exported).

use crate::app::{DataVersion, I18n, Services, SettingsCx, Texts};
use crate::components::{loaded, term_options, ErrorNotice};
use crate::domain::settings::is_valid_pin;
use crate::i18n::{self, fill, Key, LOCALES};
use crate::platform;
use crate::storage::StorageError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last export did.
#[derive(Clone, Debug, PartialEq)]
enum ExportStatus {
    Idle,
    Busy,
    Done { count: usize, file_name: String },
    Failed(StorageError),
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>().0;
    let locations = services.contacts().taxonomy().locations.clone();

    let storage = loaded(move || {
        version.track();
        let contacts = services.contacts();
        async move {
            let persisted = platform::is_persisted().await;
            let estimate = platform::storage_estimate().await;
            (persisted, estimate, contacts.stats().await)
        }
    });

    // The device's location stays shown when it was retired since.
    let current = settings
        .0
        .with_untracked(|s| s.location.iter().cloned().collect::<Vec<_>>());
    let location_options = term_options(i18n, locations, Signal::derive(move || current.clone()));
    let language_options = LOCALES
        .iter()
        .filter(|l| l.complete)
        .map(|l| view! { <option value=l.code lang=l.code>{l.name}</option> })
        .collect_view();

    let storage_rows = move || {
        let t = |k| i18n.t(k);
        storage.get().map(|(persisted, estimate, stats)| {
            let persisted = t(match persisted {
                Some(true) => Key::Yes,
                Some(false) => Key::PersistDenied,
                None => Key::Unknown,
            });
            let usage = estimate.map_or_else(
                || t(Key::Unknown).to_owned(),
                |(used, quota)| {
                    fill(
                        t(Key::UsageOf),
                        &[("used", &human_bytes(used)), ("quota", &human_bytes(quota))],
                    )
                },
            );
            let counts = match stats {
                Ok(stats) => view! {
                    <dt>{t(Key::RecordsStored)}</dt>
                    <dd data-testid="records-stored">{stats.live}</dd>
                    <dt>{t(Key::RecordsDeleted)}</dt>
                    <dd data-testid="records-deleted">{stats.deleted}</dd>
                    <dt>{t(Key::RecordsPending)}</dt>
                    <dd data-testid="records-pending">{stats.pending}</dd>
                    {(stats.unreadable > 0).then(|| view! {
                        <dt>{t(Key::RecordsUnreadable)}</dt>
                        <dd>{stats.unreadable}</dd>
                    })}
                }
                .into_any(),
                Err(error) => view! {
                    <dt>{t(Key::RecordsStored)}</dt>
                    <dd>{i18n::storage_message(i18n.locale(), &error)}</dd>
                }
                .into_any(),
            };
            view! {
                <dl class="facts">
                    <dt>{t(Key::Persisted)}</dt>
                    <dd data-testid="persisted">{persisted}</dd>
                    <dt>{t(Key::StorageUsage)}</dt>
                    <dd>{usage}</dd>
                    {counts}
                </dl>
            }
        })
    };

    let pin_status = RwSignal::new(None::<bool>);
    let export_status = RwSignal::new(ExportStatus::Idle);
    let export = move |_| {
        if export_status.get_untracked() == ExportStatus::Busy {
            return;
        }
        export_status.set(ExportStatus::Busy);
        spawn_local(async move {
            let export = services.export();
            let result = match export.export().await {
                Ok(file) => {
                    if platform::download_text(&file.file_name, &file.text, "application/json") {
                        // With a sync server, "not yet synced" means not on
                        // the server: a file does not change that.
                        if settings.0.with_untracked(|s| s.sync) {
                            Ok(file)
                        } else {
                            export.mark_exported(&file).await.map(|_| file)
                        }
                    } else {
                        Err(StorageError::Failed("download refused".into()))
                    }
                }
                Err(error) => Err(error),
            };
            export_status.set(match result {
                Ok(file) => ExportStatus::Done {
                    count: file.shipped.len(),
                    file_name: file.file_name,
                },
                Err(error) => ExportStatus::Failed(error),
            });
            version.update(|v| *v += 1);
        });
    };
    let export_line = move || {
        match export_status.get() {
        ExportStatus::Idle => ().into_any(),
        ExportStatus::Busy => view! { <p>{i18n.t(Key::Exporting)}</p> }.into_any(),
        ExportStatus::Done { count, file_name } => view! {
            <p class="saved">
                {fill(i18n.plural(Key::Exported, count as u32), &[("n", &i18n::num(i18n.locale(), count as u64)), ("file", &file_name)])}
            </p>
        }
        .into_any(),
        ExportStatus::Failed(error) => view! {
            <ErrorNotice message=i18n::storage_message(i18n.locale(), &error) detail=error.to_string()/>
        }
        .into_any(),
    }
    };

    view! {
        <section class="settings">
            <h1>{i18n.text(Key::NavSettings)}</h1>
            <div class="field">
                <label for="setting-location">{i18n.text(Key::Location)}</label>
                <select
                    id="setting-location"
                    prop:value=move || settings.0.with(|s| s.location.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        settings.update(|s| s.location = (!code.is_empty()).then_some(code));
                    }
                >
                    {location_options}
                </select>
            </div>
            <div class="field">
                <label for="setting-initials">{i18n.text(Key::Initials)}</label>
                <p class="hint" id="setting-initials-hint">{i18n.text(Key::InitialsHint)}</p>
                <input
                    id="setting-initials"
                    type="text"
                    maxlength="8"
                    autocomplete="off"
                    aria-describedby="setting-initials-hint"
                    prop:value=move || settings.0.with(|s| s.initials.clone())
                    on:change=move |ev| {
                        let initials = event_target_value(&ev).trim().to_owned();
                        settings.update(|s| s.initials = initials);
                    }
                />
            </div>
            <div class="field">
                <label for="setting-language">{i18n.text(Key::LanguageLabel)}</label>
                <select
                    id="setting-language"
                    prop:value=move || i18n.lang()
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        settings.update(|s| s.lang = code);
                    }
                >
                    {language_options}
                </select>
            </div>
            <div class="field">
                <label for="setting-kiosk-pin">{i18n.text(Key::KioskPinSetting)}</label>
                <p class="hint" id="setting-kiosk-pin-hint">{i18n.text(Key::KioskPinSettingHint)}</p>
                <input
                    id="setting-kiosk-pin"
                    type="password"
                    inputmode="numeric"
                    autocomplete="new-password"
                    maxlength="8"
                    aria-describedby="setting-kiosk-pin-hint setting-kiosk-pin-status"
                    aria-invalid=move || (pin_status.get() == Some(false)).to_string()
                    on:change=move |ev| {
                        let pin = event_target_value(&ev);
                        if is_valid_pin(&pin) {
                            settings.update(|s| s.kiosk_pin = pin);
                            pin_status.set(Some(true));
                        } else {
                            pin_status.set(Some(false));
                        }
                    }
                />
                <p id="setting-kiosk-pin-status" aria-live="polite" class=move || match pin_status.get() {
                    Some(false) => "field-error",
                    _ => "hint",
                }>
                    {move || match pin_status.get() {
                        Some(true) => i18n.t(Key::KioskPinSaved),
                        Some(false) => i18n.t(Key::KioskPinInvalid),
                        None => "",
                    }}
                </p>
            </div>
            <h2>{i18n.text(Key::StorageTitle)}</h2>
            {storage_rows}
            <h2>{i18n.text(Key::ExportTitle)}</h2>
            <p class="hint">{i18n.text(Key::ExportHint)}</p>
            <button type="button" class="button primary" on:click=export>
                {i18n.text(Key::ExportButton)}
            </button>
            <div class="status" role="status" aria-live="polite">{export_line}</div>
            {import_section()}
            {sync_section()}
        </section>
    }
}

/// Import, in the builds that carry its texts (every staff app).
#[cfg(all(staff_texts, not(feature = "coordinator")))]
fn import_section() -> impl IntoView {
    view! { <super::import::ImportSection/> }
}

/// The volunteer's app carries no screens for import and sync (its size
/// budget): it links to the coordinator app's settings on this device,
/// which share its database and its data worker.
#[cfg(not(staff_texts))]
fn import_section() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <h2>{i18n.text(Key::DataElsewhereTitle)}</h2>
        <p class="hint">{i18n.text(Key::DataElsewhereHint)}</p>
        <a class="button" href="/beheer/#/instellingen">{i18n.text(Key::DataElsewhereLink)}</a>
    }
}

/// The sync settings and status, in every staff app.
#[cfg(staff_texts)]
fn sync_section() -> impl IntoView {
    view! { <super::sync::SyncSection/> }
}

#[cfg(not(staff_texts))]
fn sync_section() -> impl IntoView {}

/// "1,5 MB": sizes as a person reads them, with a decimal comma. Integer
/// arithmetic: float formatting would add about 10 kB of wasm.
fn human_bytes(bytes: f64) -> String {
    let bytes = bytes.max(0.0) as u64;
    let (tenths, unit) = if bytes >= 1_000_000_000 {
        (bytes / 100_000_000, "GB")
    } else if bytes >= 1_000_000 {
        (bytes / 100_000, "MB")
    } else {
        (bytes / 100, "kB")
    };
    format!("{},{} {unit}", tenths / 10, tenths % 10)
}

/// In the coordinator app, the export of one period comes first, right
/// below "Alles exporteren", then import. (A function of its own would add
/// an empty child to the volunteer app's view, which must not grow; and it
/// comes last in this file, so the volunteer app's code keeps its line
/// numbers and its wasm stays byte for byte the same.)
#[cfg(feature = "coordinator")]
fn import_section() -> impl IntoView {
    view! {
        <super::period_export::PeriodExport/>
        <super::import::ImportSection/>
    }
}
