//! One trajectory (`#/trajecten/<id>`): its intake (referrer, household,
//! main domains, goals, the begin measurement, Positieve Gezondheid), its
//! contact moments with a form for the next, and once closed the begin
//! against the end as a chart.

use super::{domain_label, show_unreadable, Cx, REFUSED};
use crate::app::{I18n, Services, Sub};
use crate::components::{
    bind, entry_view, taxonomy_options, ChartRow, DateField, ProblemList, SelectField, TextField,
    ZrmChart,
};
use crate::domain::record::RecordId;
use crate::domain::taxonomy;
use crate::domain::trajectory::TrajectoryFields;
use crate::domain::trajectory_form::MomentForm;
use crate::i18n::{fill, trajectory as tr, Key};
use crate::pages::area::{delete_action, dispatch, save_action, FormProblems, RecordActions};
use crate::service::trajectories::Trajectory;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub(super) fn TrajectoryDetail(id: RecordId) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // The contact moment being typed lives outside the card: the card is
    // rebuilt when the record changes (a sync brought another device's
    // edit, another tab saved) and when the language changes, and a
    // half-typed moment must survive both.
    let moment = fresh_moment();
    let card = entry_view(id, true, Cx::get().href(Sub::List), move |t| {
        view! { <TrajectoryCard trajectory=t moment=moment/> }
    });
    move || {
        i18n.locale();
        card()
    }
}

#[component]
fn TrajectoryCard(trajectory: Trajectory, moment: RwSignal<MomentForm>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let cx = Cx::get();
    let taxonomy = services.taxonomy();
    let fields = trajectory.fields.clone();
    let id = trajectory.meta.id;
    let code = fields.code.clone();
    let heading = fill(i18n.t(Key::TrajDetailHeading), &[("code", &code)]);
    let status = i18n.t(if fields.is_closed() {
        Key::TrajClosed
    } else {
        Key::TrajRunning
    });
    let status_line = fill(
        i18n.t(Key::TrajStatusLine),
        &[
            ("status", status),
            ("date", &tr::date(i18n.locale(), fields.start)),
            ("band", &fields.age_band),
        ],
    );
    let domains_line = fields
        .main_domains
        .iter()
        .map(|d| domain_label(i18n, &taxonomy.domains, d))
        .collect::<Vec<_>>()
        .join(", ");
    let goals = fields
        .goals
        .iter()
        .map(|g| {
            let domain = domain_label(i18n, &taxonomy.domains, &g.domain);
            view! { <li>{g.text.clone()}" ("{domain}")"</li> }
        })
        .collect_view();
    let moments = fields
        .contact_moments
        .iter()
        .rev()
        .map(|m| {
            let channel = taxonomy::label(&taxonomy.channels, &m.channel, i18n.lang()).to_owned();
            let note = (!m.note.is_empty()).then(|| format!(" — {}", m.note));
            view! { <li>{tr::date(i18n.locale(), m.date)}" · "{channel}{note}</li> }
        })
        .collect_view();
    let has_moments = !fields.contact_moments.is_empty();

    let problems = FormProblems::new();
    let stored = StoredValue::new(trajectory.clone());
    let delete = delete_action(problems, tr::problem, move |_: &Trajectory| {
        i18n.t(Key::DeletedNotice).to_owned()
    });
    let reopen = save_action(
        problems,
        REFUSED,
        move |t: Trajectory| async move { services.trajectories().reopen(&t).await },
        move |_, saved| {
            fill(
                i18n.t(Key::TrajReopened),
                &[("code", &saved.entry.fields.code)],
            )
        },
        |_| {},
    );

    let outcome = fields.closing.as_ref().map(|closing| {
        let reason = tr::closing_reason(i18n.locale(), closing.reason);
        let closed_line = fill(
            i18n.t(Key::TrajClosedLine),
            &[
                ("date", &tr::date(i18n.locale(), closing.date)),
                ("reason", reason),
            ],
        );
        let growth = fields.growth();
        let sentence = match growth
            .as_ref()
            .and_then(|g| Some((g.grew, g.mean_begin?, g.mean_end?)))
        {
            Some((grew, begin, end)) => fill(
                i18n.t(if grew {
                    Key::TrajGrew
                } else {
                    Key::TrajNotGrew
                }),
                &[
                    ("begin", &tr::decimal(i18n.locale(), begin, 1)),
                    ("end", &tr::decimal(i18n.locale(), end, 1)),
                ],
            ),
            None => i18n.t(Key::TrajNotAssessable).to_owned(),
        };
        let ends: BTreeMap<&str, u8> = closing.end.scored().collect();
        let rows: Vec<ChartRow> = services
            .trajectories()
            .zrm_domains()
            .filter_map(|d| {
                let begin = fields.intake.scores.get(&d.code)?.value()?;
                let end = *ends.get(d.code.as_str())?;
                Some(ChartRow {
                    label: d.label.get(i18n.lang()).to_owned(),
                    begin: f64::from(begin),
                    end: f64::from(end),
                    count: None,
                })
            })
            .collect();
        let chart = (!rows.is_empty()).then(
            || view! { <ZrmChart caption=i18n.t(Key::ChartCaptionOne).to_owned() rows=rows/> },
        );
        view! {
            <section class="growth">
                <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::TrajGrowthHeading)}</h2>
                <p>{closed_line}</p>
                <p class="headline" data-testid="trajectory-growth">{sentence}</p>
                {chart}
                <button type="button" class="nl-button nl-button--secondary" disabled=move || reopen.pending().get()
                    on:click=move |_| dispatch(reopen, stored.get_value())>
                    {move || i18n.t(Key::TrajReopen)}
                </button>
            </section>
        }
    });
    let running = !fields.is_closed();

    view! {
        <a class="nl-button nl-button--subtle" href=cx.href(Sub::List)>{move || i18n.t(Key::BackToList)}</a>
        <h1 class="nl-heading nl-heading--level-1">{heading}</h1>
        <p class="status-line">{status_line}</p>
        <p>{domains_line}</p>
        <ul class="goal-list">{goals}</ul>
        <RecordActions edit_href=cx.href(Sub::Edit(id)) edit=Key::TrajEdit delete=delete record=stored>
            {running.then(|| view! {
                <a class="nl-button nl-button--primary" href=cx.href(Sub::Close(id))>{move || i18n.t(Key::TrajCloseHeading)}</a>
            })}
        </RecordActions>
        <ProblemList problems=problems.summary/>
        <IntakeSummary fields=fields.clone()/>
        {outcome}
        <section class="moments">
            <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::TrajMomentsHeading)}</h2>
            {if has_moments {
                view! { <ul>{moments}</ul> }.into_any()
            } else {
                view! { <p>{move || i18n.t(Key::TrajMomentsNone)}</p> }.into_any()
            }}
            <MomentFormView trajectory=trajectory form=moment/>
        </section>
    }
}

/// What the intake recorded: referrer, household, the begin measurement
/// per scored domain and Positieve Gezondheid, so a running trajectory
/// shows where it started.
#[component]
fn IntakeSummary(fields: TrajectoryFields) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let taxonomy = services.taxonomy();
    let locale = i18n.locale();
    let not_recorded = i18n.t(Key::NotRecordedOption);
    let referrer = fields.referrer.as_deref().map_or(not_recorded, |code| {
        taxonomy::label(&taxonomy.referrers, code, i18n.lang())
    });
    let referrer = referrer.to_owned();
    let household = fields
        .household
        .as_deref()
        .map_or(not_recorded, |code| tr::household(locale, code));
    let scores = services
        .trajectories()
        .zrm_domains()
        .filter_map(|d| {
            let score = *fields.intake.scores.get(&d.code)?;
            score.value()?;
            let line = format!(
                "{}: {}",
                d.label.get(i18n.lang()),
                tr::zrm_score(locale, score)
            );
            Some(view! { <li>{line}</li> })
        })
        .collect::<Vec<_>>();
    let scores = if scores.is_empty() {
        view! { <p>{i18n.t(Key::TrajBeginNone)}</p> }.into_any()
    } else {
        view! { <ul class="begin-scores" data-testid="begin-scores">{scores}</ul> }.into_any()
    };
    let measured = fill(
        i18n.t(Key::TrajBeginMeasured),
        &[("date", &tr::date(locale, fields.intake.date))],
    );
    let health = fields
        .positive_health
        .as_ref()
        .filter(|h| !h.dimensions.is_empty())
        .map(|h| {
            let items = h
                .dimensions
                .iter()
                .map(|(dimension, score)| {
                    let line = fill(
                        i18n.t(Key::TrajHealthValue),
                        &[
                            ("dimension", tr::health_dimension(locale, dimension)),
                            ("score", &score.to_string()),
                        ],
                    );
                    view! { <li>{line}</li> }
                })
                .collect_view();
            view! {
                <h3 class="nl-heading nl-heading--level-3">{i18n.t(Key::TrajHealthSummary)}</h3>
                <ul class="begin-scores">{items}</ul>
            }
        });
    view! {
        <section class="intake-summary">
            <h2 class="nl-heading nl-heading--level-2">{i18n.t(Key::TrajIntakeSummaryHeading)}</h2>
            <dl class="facts">
                <dt>{i18n.t(Key::TrajReferrerLabel)}</dt>
                <dd data-testid="trajectory-referrer">{referrer}</dd>
                <dt>{i18n.t(Key::TrajHouseholdLabel)}</dt>
                <dd data-testid="trajectory-household">{household}</dd>
            </dl>
            <h3 class="nl-heading nl-heading--level-3">{measured}</h3>
            {scores}
            {health}
        </section>
    }
}

#[component]
fn MomentFormView(trajectory: Trajectory, form: RwSignal<MomentForm>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let problems = FormProblems::new();
    let stored = StoredValue::new(trajectory);
    let add = save_action(
        problems,
        REFUSED,
        move |moment| {
            let t = stored.get_value();
            async move { services.trajectories().log_moment(&t, moment).await }
        },
        move |_, _| i18n.t(Key::TrajMomentSaved).to_owned(),
        move |_| form.set(fresh_moment_form(services)),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.with_untracked(MomentForm::read) {
            Ok(moment) => dispatch(add, moment),
            Err(found) => show_unreadable(i18n, problems, &found),
        }
    };
    view! {
        <form class="moment-form" on:submit=submit novalidate>
            <ProblemList problems=problems.summary/>
            <DateField id="moment-date" label=Key::TrajMomentDate error=problems.beside("moment-date") bound=bind(form, |f| &f.date, |f| &mut f.date)/>
            <SelectField id="moment-channel" label=Key::TrajMomentChannel error=problems.beside("moment-channel") bound=bind(form, |f| &f.channel, |f| &mut f.channel)>
                {taxonomy_options(i18n, services, |t| &t.channels, Vec::new())}
            </SelectField>
            <TextField id="moment-note" label=Key::TrajMomentNote error=problems.beside("moment-note") bound=bind(form, |f| &f.note, |f| &mut f.note)/>
            <button type="submit" class="nl-button nl-button--secondary" disabled=move || add.pending().get()>{move || i18n.t(Key::TrajAddMoment)}</button>
        </form>
    }
}

/// An empty contact moment: today, by the usual channel.
fn fresh_moment_form(services: Services) -> MomentForm {
    MomentForm::fresh(
        services.trajectories().today(),
        &services.taxonomy().default_channel,
    )
}

fn fresh_moment() -> RwSignal<MomentForm> {
    RwSignal::new(fresh_moment_form(expect_context::<Services>()))
}
