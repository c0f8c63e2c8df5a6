//! Exporting one period (coordinator app only, under Instellingen →
//! Exporteren): a from- and a to-day, this calendar year so far to begin
//! with, and a file with the records of every kind in those days
//! (`ExportService::export_period`).
//!
//! Like "Alles exporteren", the file marks what it holds as shipped, unless
//! a sync server is set: then nothing is marked, because "not yet synced"
//! means not on the server. Records outside the period stay pending.

use crate::app::{DataVersion, I18n, Services, SettingsCx, Texts};
use crate::components::Bound;
use crate::components::{DateField, ErrorNotice};
use crate::domain::export_period::{Period, PeriodErrors, PeriodProblem};
use crate::domain::record::ymd;
use crate::i18n::period::{period_exported, period_problem};
use crate::i18n::{self, Key};
use crate::platform;
use crate::storage::StorageError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last export of a period did.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Busy,
    Done {
        period: Period,
        count: u32,
        file_name: String,
    },
    Failed(StorageError),
}

#[component]
pub fn PeriodExport() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();

    let first = services.export().default_period();
    let from = RwSignal::new(ymd::format(&first.from));
    let to = RwSignal::new(ymd::format(&first.to));
    // Shown after a press of the button, until the next one.
    let errors = RwSignal::new(PeriodErrors::default());
    let status = RwSignal::new(Status::Idle);

    let bound = |day: RwSignal<String>| {
        Bound::new(day.into(), Callback::new(move |text: String| day.set(text)))
    };
    let error = move |pick: fn(&PeriodErrors) -> Option<PeriodProblem>| {
        Signal::derive(move || {
            errors
                .with(pick)
                .map(|problem| period_problem(i18n.locale(), problem).to_owned())
        })
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if status.get_untracked() == Status::Busy {
            return;
        }
        let period = match Period::parse(&from.get_untracked(), &to.get_untracked()) {
            Ok(period) => period,
            Err(found) => {
                errors.set(found);
                status.set(Status::Idle);
                platform::focus(if found.from.is_some() {
                    "period-from"
                } else {
                    "period-to"
                });
                return;
            }
        };
        errors.set(PeriodErrors::default());
        status.set(Status::Busy);
        spawn_local(async move {
            let export = services.export();
            let result = match export.export_period(period).await {
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
            status.set(match result {
                Ok(file) => Status::Done {
                    period,
                    count: file.records as u32,
                    file_name: file.file_name,
                },
                Err(error) => Status::Failed(error),
            });
            version.bump();
        });
    };

    let line = move || {
        match status.get() {
        Status::Idle => ().into_any(),
        Status::Busy => view! { <p>{i18n.t(Key::Exporting)}</p> }.into_any(),
        Status::Done {
            period,
            count,
            file_name,
        } => view! {
            <p class="saved">{period_exported(i18n.locale(), period, count, &file_name)}</p>
        }
        .into_any(),
        Status::Failed(error) => view! {
            <ErrorNotice message=i18n::storage_message(i18n.locale(), &error) detail=error.to_string()/>
        }
        .into_any(),
    }
    };

    view! {
        <form class="period-export" on:submit=submit novalidate aria-labelledby="period-export-title">
            <h3 class="nl-heading nl-heading--level-3" id="period-export-title">{i18n.text(Key::PeriodExportTitle)}</h3>
            <p class="hint">{i18n.text(Key::PeriodExportHint)}</p>
            <DateField id="period-from" label=Key::PeriodFrom bound=bound(from)
                error=error(|e| e.from)/>
            <DateField id="period-to" label=Key::PeriodTo bound=bound(to)
                error=error(|e| e.to)/>
            <button type="submit" class="nl-button nl-button--secondary">{i18n.text(Key::PeriodExportButton)}</button>
            <div class="status" role="status" aria-live="polite" data-testid="period-export-status">
                {line}
            </div>
        </form>
    }
}
