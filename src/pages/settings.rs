//! Settings: location, initials, language, and how safe the data is (storage
//! persistence, usage, records not yet synced or exported).

use crate::app::{DataVersion, I18n, Services, SettingsCx, Texts};
use crate::components::{loaded, term_options, ErrorNotice};
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
                    count: file.records,
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
            <h1 class="nl-heading nl-heading--level-1">{i18n.text(Key::NavSettings)}</h1>
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="setting-location">{i18n.text(Key::Location)}</label>
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
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="setting-initials">{i18n.text(Key::Initials)}</label>
                <p class="utrecht-form-field__description hint" id="setting-initials-hint">{i18n.text(Key::InitialsHint)}</p>
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
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="setting-language">{i18n.text(Key::LanguageLabel)}</label>
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
            {lock_section()}
            <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::StorageTitle)}</h2>
            {storage_rows}
            <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::ExportTitle)}</h2>
            <p class="hint">{i18n.text(Key::ExportHint)}</p>
            <button type="button" class="nl-button nl-button--primary" on:click=export>
                {i18n.text(Key::ExportButton)}
            </button>
            <div class="status" role="status" aria-live="polite">{export_line}</div>
            {import_section()}
            {sync_section()}
            <p><a class="nl-link link" href="/enquete/toegankelijkheid.html" hreflang="nl">{i18n.text(Key::AccessibilityStatement)}</a></p>
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
        <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::DataElsewhereTitle)}</h2>
        <p class="hint">{i18n.text(Key::DataElsewhereHint)}</p>
        <a class="nl-button nl-button--secondary" href="/beheer/#/instellingen">{i18n.text(Key::DataElsewhereLink)}</a>
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

/// The coordinator's side of the lock: the idle time and the codes.
#[cfg(feature = "coordinator")]
fn lock_section() -> impl IntoView {
    use crate::domain::lock::IDLE_CHOICES;
    let i18n = expect_context::<I18n>();
    let saved = RwSignal::new(None::<bool>);
    let options = IDLE_CHOICES.map(|minutes| {
        view! {
            <option value=minutes.to_string() selected=crate::app::idle_minutes() == minutes>
                {move || i18n::count(i18n.locale(), Key::LockIdleMinutes, minutes)}
            </option>
        }
    });
    view! {
        <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::LockSettingsTitle)}</h2>
        <div class="utrecht-form-field">
            <label class="utrecht-form-field__label" for="setting-idle">{i18n.text(Key::LockIdleLabel)}</label>
            <p class="utrecht-form-field__description hint" id="setting-idle-hint">{i18n.text(Key::LockIdleHint)}</p>
            <select id="setting-idle" aria-describedby="setting-idle-hint setting-idle-status"
                on:change=move |ev| {
                    let minutes = event_target_value(&ev).parse().unwrap_or_default();
                    saved.set(Some(crate::app::set_idle_minutes(minutes)));
                }>
                {options}
            </select>
            <p id="setting-idle-status" role="status" class="hint">
                {move || saved.get().map(|ok| i18n.t(if ok { Key::LockIdleSaved } else { Key::LockIdleNotSaved }))}
            </p>
        </div>
        <p class="hint">{i18n.text(Key::LockCodesHint)}</p>
        <a class="nl-button nl-button--secondary" href="/ontgrendelen/#wijzigen">{i18n.text(Key::LockChangeCodes)}</a>
        {retention_field()}
        <h3 class="nl-heading nl-heading--level-3">{i18n.text(Key::WipeTitle)}</h3>
        <p class="hint">{i18n.text(Key::WipeHint)}</p>
        <a class="nl-button nl-button--secondary nl-button--negative" href="/ontgrendelen/#wissen">{i18n.text(Key::WipeLink)}</a>
        <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::AnswerKeySettingsTitle)}</h2>
        <p class="hint">{i18n.text(Key::AnswerKeySettingsHint)}</p>
        <a class="nl-button nl-button--secondary" href="/ontgrendelen/#sleutel">{i18n.text(Key::AnswerKeyManage)}</a>
    }
}

/// A volunteer may start again the kiosk the coordinator set up here.
#[cfg(not(feature = "coordinator"))]
fn lock_section() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    crate::app::last_kiosk().map(|link| {
        view! {
            <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::KioskRestartTitle)}</h2>
            <p class="hint" id="kiosk-restart-hint">{i18n.text(Key::KioskRestartHint)}</p>
            <button type="button" class="nl-button nl-button--secondary" aria-describedby="kiosk-restart-hint"
                on:click=move |_| crate::app::start_kiosk(&link)>
                {i18n.text(Key::KioskRestart)}
            </button>
        }
    })
}

/// How long this device keeps what the sync server keeps.
#[cfg(feature = "coordinator")]
fn retention_field() -> impl IntoView {
    use crate::domain::retention::RETENTION_CHOICES;
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let chosen = loaded(move || {
        let retention = services.retention();
        async move { retention.months().await.ok().flatten() }
    });
    let sync = expect_context::<crate::app::SyncCx>();
    let status = RwSignal::new(None::<String>);
    // Only the choice is written here; the data worker removes what it
    // allows after the sync this starts (and after every later one), so
    // this screen carries no code that reads contacts or answers.
    let change = move |ev: leptos::ev::Event| {
        let months = event_target_value(&ev).parse::<u32>().ok();
        let retention = services.retention();
        spawn_local(async move {
            status.set(Some(match retention.set_months(months).await {
                Ok(()) => {
                    sync.request("sync-now", &[]);
                    i18n.t(Key::RetentionSaved).to_owned()
                }
                Err(error) => i18n::storage_message(i18n.locale(), &error),
            }));
        });
    };
    move || {
        chosen.get().map(|chosen| {
            let options = RETENTION_CHOICES.map(|months| {
                view! {
                    <option value=months.to_string() selected=chosen == Some(months)>
                        {move || i18n::count(i18n.locale(), Key::RetentionMonths, months)}
                    </option>
                }
            });
            view! {
                <div class="utrecht-form-field">
                    <label class="utrecht-form-field__label" for="setting-retention">{i18n.text(Key::RetentionLabel)}</label>
                    <p class="utrecht-form-field__description hint" id="setting-retention-hint">{i18n.text(Key::RetentionHint)}</p>
                    <select id="setting-retention" aria-describedby="setting-retention-hint setting-retention-status" on:change=change>
                        <option value="" selected=chosen.is_none()>{i18n.text(Key::RetentionKeepAll)}</option>
                        {options}
                    </select>
                    <p id="setting-retention-status" role="status" class="hint">{move || status.get()}</p>
                </div>
            }
        })
    }
}
