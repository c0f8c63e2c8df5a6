//! The jaarbeeld (coordinator app, `#/jaarbeeld`): the filter (period,
//! locations, hiding small cells), then every block of figures with its
//! charts and tables, a CSV per table, and a print layout (A4 through the
//! browser's print to PDF) with the organisation, the period and the date
//! it was made.
//!
//! The figures come from the data worker (`crate::worker::report`): it
//! reads the records once into a compact form and computes each scope the
//! filter names, so the page neither reads the database nor freezes while
//! a large year is counted. The screen asks again, with `fresh`, after any
//! change of data (`DataVersion`). Marks `wijkpeil-report-asked` and
//! `wijkpeil-report-shown` give the measure `wijkpeil-report-update`
//! (`bench/report.mjs`).

mod chart;
mod filters;
mod quotes;
mod sections;
mod table_view;

use crate::app::ReportUpdate;
use crate::app::{DataVersion, I18n, Services};
use crate::components::{loaded, Bound, TextField};
use crate::domain::report::figures::Report;
use crate::domain::report::form::ScopeForm;
use crate::domain::timefmt::dutch_date;
use crate::i18n::{fill, Key};
use crate::platform;
use crate::service::Env;
use crate::storage::settings_store;
use filters::Filters;
use leptos::prelude::*;
use sections::{sections, Section};
use table_view::TableView;

/// What the screen shows below the filter.
#[derive(Clone)]
enum Shown {
    Waiting,
    Figures(Box<Report>),
    Failed(String),
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let today = platform::BrowserEnv
        .to_local(platform::BrowserEnv.now())
        .date();
    let form = RwSignal::new(ScopeForm::for_today(today));
    let hide_small = RwSignal::new(true);
    let shown = RwSignal::new(Shown::Waiting);
    let seq = RwSignal::new(0u32);

    // The surveys' titles, themes, KPIs and questions, to label their figures.
    let definitions = {
        let surveys = services.surveys();
        loaded(move || {
            version.0.track();
            let surveys = surveys.clone();
            async move { surveys.versions().await.unwrap_or_default() }
        })
    };

    let worker = services.import();
    worker.listen_report(move |update| {
        let next = match update {
            ReportUpdate::Ready(json) => match serde_json::from_str::<Report>(&json) {
                Ok(report) => Shown::Figures(Box::new(report)),
                Err(_) => Shown::Failed(i18n.t(Key::ReportNotReadable).to_owned()),
            },
            ReportUpdate::Failed(text) => Shown::Failed(text),
        };
        shown.set(next);
        seq.update(|n| *n += 1);
        platform::mark("wijkpeil-report-shown");
        platform::measure(
            "wijkpeil-report-update",
            "wijkpeil-report-asked",
            "wijkpeil-report-shown",
        );
    });

    // Ask for the figures whenever the filter names another scope, and
    // afresh (the worker reads the records again) when the data changed.
    let scope = Memo::new(move |_| form.with(|f| f.read()));
    let asked = services.import();
    Effect::new(move |seen: Option<u32>| {
        let data = version.0.get();
        if let Ok(scope) = scope.get() {
            if let Ok(json) = serde_json::to_string(&scope) {
                platform::mark("wijkpeil-report-asked");
                asked.send_report(&json, seen != Some(data), i18n.lang());
            }
        }
        data
    });

    let period_slug = Memo::new(move |_| match scope.get() {
        Ok(scope) => sections::period_slug(&scope.period),
        Err(_) => String::new(),
    });
    let blocks = move || match shown.get() {
        Shown::Waiting => {
            view! { <p class="status" role="status">{i18n.t(Key::ReportLoading)}</p> }.into_any()
        }
        Shown::Failed(text) => view! { <p class="field-error" role="alert">{text}</p> }.into_any(),
        Shown::Figures(report) => {
            let taxonomy = services.taxonomy();
            let made = fill(i18n.t(Key::ReportMadeOn), &[("date", &dutch_date(today))]);
            let period = sections::period_text(i18n, &report.scope.period);
            let slug = period_slug.get_untracked();
            let definitions = definitions.get().unwrap_or_default();
            let age_bands = services.trajectories().age_bands().clone();
            let blocks = sections(&report, i18n, &taxonomy, &definitions, &age_bands)
                .into_iter()
                .map(|section| section_view(section, hide_small.into(), slug.clone()))
                .collect_view();
            view! {
                <div data-testid="report-figures" data-report-seq=move || seq.get()>
                    <p class="report-period">{period}</p>
                    <p class="print-only">{made}</p>
                    {blocks}
                </div>
            }
            .into_any()
        }
    };
    let organisation = RwSignal::new(settings_store::report_organisation());
    let organisation_bound = Bound::new(
        organisation.into(),
        Callback::new(move |name: String| {
            settings_store::set_report_organisation(&name);
            organisation.set(name);
        }),
    );
    let print = move |_| platform::print();
    view! {
        <section class="report" class:hide-small=move || hide_small.get() aria-labelledby="report-title">
            <p class="print-only report-organisation">{move || organisation.get()}</p>
            <h1 class="nl-heading nl-heading--level-1" id="report-title">{move || i18n.t(Key::ReportTitle)}</h1>
            <p class="no-print">{move || i18n.t(Key::ReportIntro)}</p>
            <Filters form=form hide_small=hide_small/>
            <div class="no-print">
                <TextField id="report-organisation" label=Key::ReportOrganisation
                    hint=Key::ReportOrganisationHint bound=organisation_bound/>
            </div>
            <p class="no-print">
                <button type="button" on:click=print>{move || i18n.t(Key::ReportPrint)}</button>
            </p>
            {blocks}
        </section>
    }
}

fn section_view(section: Section, hide_small: Signal<bool>, slug: String) -> impl IntoView {
    let Section {
        id,
        title,
        intro,
        charts,
        tables,
        after,
    } = section;
    let heading = format!("report-{id}");
    let labelled_by = heading.clone();
    let tables = tables
        .into_iter()
        .map(|table| view! { <TableView table=table hide_small=hide_small period_slug=slug.clone()/> })
        .collect_view();
    view! {
        <section class="report-block" aria-labelledby=labelled_by>
            <h2 class="nl-heading nl-heading--level-2" id=heading>{title}</h2>
            {intro.map(|text| view! { <p>{text}</p> })}
            {charts}
            {tables}
            {after}
        </section>
    }
}
