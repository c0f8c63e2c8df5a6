//! The trajectories screen: the year's growth (share closed with growth,
//! counts, mean begin and end per domain) and the list.

use super::{domain_label, Cx};
use crate::app::{I18n, Services, Sub};
use crate::components::{ChartRow, ZrmChart};
use crate::domain::trajectory::TrajectoryFields;
use crate::i18n::{self, fill, trajectory as tr, Key};
use crate::pages::area::{list_screen, paged_list};
use crate::service::trajectories::{GrowthReport, Trajectory};
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub(super) fn TrajectoryList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    list_screen::<TrajectoryFields, _, _>(
        Key::NavTrajectories,
        Key::TrajIntro,
        Key::TrajNew,
        |services| async move {
            let trajectories = services.trajectories();
            let year = trajectories.today().year();
            trajectories.overview(year).await
        },
        move |(list, report)| {
            view! {
                <GrowthSummary report=report/>
                <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::TrajListHeading)}</h2>
                <TrajectoryItems list=list/>
            }
            .into_any()
        },
    )
}

#[component]
fn GrowthSummary(report: GrowthReport) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let year = report.year.to_string();
    let share = report.share;
    let headline = {
        let year = year.clone();
        move || match share.tenths_of_percent {
            Some(tenths) => fill(
                i18n.plural(Key::TrajGrowthShare, share.assessable),
                &[
                    ("pct", &i18n::percent(i18n.locale(), tenths)),
                    ("with", &i18n::num(i18n.locale(), share.with_growth)),
                    ("of", &i18n::num(i18n.locale(), share.assessable)),
                ],
            ),
            None => fill(i18n.t(Key::TrajGrowthNone), &[("year", &year)]),
        }
    };
    let counts = {
        let year = year.clone();
        move || {
            fill(
                i18n.t(Key::TrajCounts),
                &[
                    ("running", &i18n::num(i18n.locale(), report.running)),
                    ("closed", &i18n::num(i18n.locale(), share.closed)),
                    ("year", &year),
                    ("invited", &i18n::num(i18n.locale(), report.kto_invited)),
                ],
            )
        }
    };
    let taxonomy = services.taxonomy();
    let rows: Vec<ChartRow> = services
        .trajectories()
        .zrm_domains()
        .filter_map(|d| {
            let (begin, end, n) = report.per_domain.get(&d.code)?;
            Some(ChartRow {
                label: domain_label(i18n, &taxonomy.domains, &d.code),
                begin: *begin,
                end: *end,
                count: Some(*n),
            })
        })
        .collect();
    let chart = (!rows.is_empty()).then(|| {
        let caption = fill(i18n.t(Key::ChartCaptionYear), &[("year", &year)]);
        view! { <ZrmChart caption=caption rows=rows/> }
    });
    let heading = fill(
        i18n.t(Key::TrajSummaryHeading),
        &[("year", &report.year.to_string())],
    );
    view! {
        <div class="growth-summary">
            <h2 class="nl-heading nl-heading--level-2">{heading}</h2>
            <p class="headline" data-testid="growth-share">{headline}</p>
            <p>{counts}</p>
            {chart}
        </div>
    }
}

#[component]
fn TrajectoryItems(list: Vec<Trajectory>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let cx = Cx::get();
    if list.is_empty() {
        return view! { <p>{move || i18n.t(Key::TrajEmpty)}</p> }.into_any();
    }
    let row = move |t: Trajectory| {
        let code = t.fields.code.clone();
        let status = if t.fields.is_closed() {
            Key::TrajClosed
        } else {
            Key::TrajRunning
        };
        let start = t.fields.start;
        let open_label = fill(i18n.t(Key::TrajOpen), &[("code", &code)]);
        view! {
            <li class="trajectory-item">
                <strong class="code">{code.clone()}</strong>
                <span>{move || i18n.t(status)}</span>
                <span>{move || fill(i18n.t(Key::TrajStarted), &[("date", &tr::date(i18n.locale(), start))])}</span>
                <a class="nl-button nl-button--secondary" aria-label=open_label href=cx.href(Sub::Detail(t.meta.id))>
                    {move || i18n.t(Key::TrajOpenShort)}
                </a>
            </li>
        }
    };
    paged_list("trajectory-list", &list, row)
}
