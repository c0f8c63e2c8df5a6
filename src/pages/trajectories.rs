//! Individual trajectories: the year's growth, the list, a new trajectory
//! with its intake (ZRM begin measurement, optional Positieve Gezondheid),
//! and one trajectory's contact moments, closing with the end measurement
//! and its begin-against-end chart.

use crate::app::{DataVersion, I18n, Services};
use crate::components::{
    entry_view, loaded_view, save_messages, term_options, ChartRow, ChoiceGroup, DoneNotice,
    ProblemList, ZrmChart,
};
use crate::domain::record::RecordId;
use crate::domain::taxonomy::{self, Term};
use crate::domain::trajectory::{
    ClosingReason, TrajectoryProblem, ZrmScore, HOUSEHOLDS, POSITIVE_HEALTH_DIMENSIONS,
};
use crate::domain::trajectory_form::{ClosingForm, FormProblem, MomentForm, TrajectoryForm};
use crate::i18n::{self, fill, trajectory as tr, Key};
use crate::service::entries::SaveError;
use crate::service::trajectories::{GrowthReport, Trajectory};
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

type Fields = crate::domain::trajectory::TrajectoryFields;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum View {
    List,
    New,
    Detail(RecordId),
    Edit(RecordId),
}

type Done = crate::components::Done<Fields>;

/// The sentences for a refused save: form text that could not be read, or
/// the domain's problems.
enum Refusal {
    Form(Vec<FormProblem>),
    Save(SaveError<TrajectoryProblem>),
}

fn refusal_messages(i18n: I18n, refusal: &Refusal) -> Vec<String> {
    let locale = i18n.locale();
    match refusal {
        Refusal::Form(problems) => problems
            .iter()
            .map(|p| tr::form_problem(locale, p))
            .collect(),
        Refusal::Save(error) => save_messages(i18n, error, tr::problem),
    }
}

#[component]
pub fn TrajectoriesPage() -> impl IntoView {
    let view = RwSignal::new(View::List);
    let done = RwSignal::new(None::<Done>);
    view! {
        <section class="trajectories">
            <DoneNotice done=done on_undone=Callback::new(move |back: Trajectory| view.set(if back.meta.deleted { View::List } else { View::Detail(back.meta.id) }))/>
            {move || match view.get() {
                View::List => view! { <TrajectoryList view=view/> }.into_any(),
                View::New => view! { <IntakeForm view=view done=done editing=None/> }.into_any(),
                View::Edit(id) => view! { <EditIntake id=id view=view done=done/> }.into_any(),
                View::Detail(id) => view! { <TrajectoryDetail id=id view=view done=done/> }.into_any(),
            }}
        </section>
    }
}

fn domain_label(i18n: I18n, domains: &[Term], code: &str) -> String {
    taxonomy::label(domains, code, i18n.lang()).to_owned()
}

#[component]
fn TrajectoryList(view: RwSignal<View>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let data = LocalResource::new(move || {
        version.0.track();
        let trajectories = services.trajectories();
        async move {
            let year = trajectories.today().year();
            trajectories.overview(year).await
        }
    });
    // Display only: rebuilt when the language changes, so every label follows.
    let content = move || {
        i18n.locale();
        loaded_view(i18n, data.get(), |(list, report)| {
            view! {
                <GrowthSummary report=report/>
                <h2>{move || i18n.t(Key::TrajListHeading)}</h2>
                <TrajectoryItems list=list view=view/>
            }
            .into_any()
        })
    };
    view! {
        <h1>{move || i18n.t(Key::NavTrajectories)}</h1>
        <p>{move || i18n.t(Key::TrajIntro)}</p>
        <button type="button" class="button primary big" on:click=move |_| view.set(View::New)>
            {move || i18n.t(Key::TrajNew)}
        </button>
        {content}
    }
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
                i18n.t(Key::TrajGrowthShare),
                &[
                    (
                        "pct",
                        &format!(
                            "{}%",
                            tr::decimal(i18n.locale(), f64::from(tenths) / 10.0, 1)
                        ),
                    ),
                    ("with", &share.with_growth.to_string()),
                    ("of", &share.assessable.to_string()),
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
                    ("running", &report.running.to_string()),
                    ("closed", &share.closed.to_string()),
                    ("year", &year),
                    ("invited", &report.kto_invited.to_string()),
                ],
            )
        }
    };
    let trajectories = services.trajectories();
    let domains = trajectories.taxonomy().domains.clone();
    let rows: Vec<ChartRow> = trajectories
        .zrm_domains()
        .filter_map(|d| {
            let (begin, end, n) = report.per_domain.get(&d.code)?;
            Some(ChartRow {
                label: domain_label(i18n, &domains, &d.code),
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
            <h2>{heading}</h2>
            <p class="headline" data-testid="growth-share">{headline}</p>
            <p>{counts}</p>
            {chart}
        </div>
    }
}

#[component]
fn TrajectoryItems(list: Vec<Trajectory>, view: RwSignal<View>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    if list.is_empty() {
        return view! { <p>{move || i18n.t(Key::TrajEmpty)}</p> }.into_any();
    }
    let items = list
        .into_iter()
        .map(|t| {
            let id = t.meta.id;
            let code = t.fields.code.clone();
            let status = if t.fields.is_closed() { Key::TrajClosed } else { Key::TrajRunning };
            let start = t.fields.start;
            let open_label = fill(i18n.t(Key::TrajOpen), &[("code", &code)]);
            view! {
                <li class="trajectory-item">
                    <strong class="code">{code.clone()}</strong>
                    <span>{move || i18n.t(status)}</span>
                    <span>{move || fill(i18n.t(Key::TrajStarted), &[("date", &tr::date(i18n.locale(), start))])}</span>
                    <button type="button" class="button" aria-label=open_label on:click=move |_| view.set(View::Detail(id))>
                        {move || i18n.t(Key::TrajOpenShort)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="trajectory-list">{items}</ul> }.into_any()
}

/// The select of one ZRM domain: "niet gescoord" or 1–5 with their labels.
#[component]
fn ZrmSelect(
    id: String,
    label: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let options = move || {
        std::iter::once(ZrmScore::NotScored)
            .chain(ZrmScore::ALL.into_iter().filter(|s| s.value().is_some()))
            .map(|s| view! { <option value=s.code()>{tr::zrm_score(i18n.locale(), s)}</option> })
            .collect_view()
    };
    let label_for = id.clone();
    view! {
        <div class="zrm-row">
            <label for=label_for>{label}</label>
            <select id=id prop:value=value on:change=move |ev| on_change.run(event_target_value(&ev))>
                {options}
            </select>
        </div>
    }
}

/// A ZRM measurement: its date and a select per domain.
#[component]
fn ZrmMeasurementFields(
    prefix: &'static str,
    #[prop(into)] heading: Signal<String>,
    #[prop(into)] date: Signal<String>,
    on_date: Callback<String>,
    scores: Signal<BTreeMap<String, String>>,
    on_score: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let trajectories = services.trajectories();
    let domains: Vec<Term> = trajectories.zrm_domains().cloned().collect();
    let rows = domains
        .into_iter()
        .map(|d| {
            let code = d.code.clone();
            let code_for_change = d.code.clone();
            let value = Signal::derive(move || {
                scores.with(|s| {
                    s.get(&code)
                        .cloned()
                        .unwrap_or_else(|| "not_scored".to_owned())
                })
            });
            view! {
                <ZrmSelect
                    id=format!("{prefix}-{}", d.code)
                    label=d.label.get(i18n.lang()).to_owned()
                    value=value
                    on_change=Callback::new(move |v| on_score.run((code_for_change.clone(), v)))
                />
            }
        })
        .collect_view();
    let date_id = format!("{prefix}-date");
    let hint_id = format!("{prefix}-hint");
    let described = hint_id.clone();
    let date_for = date_id.clone();
    view! {
        <fieldset class="zrm" aria-describedby=described>
            <legend>{heading}</legend>
            <p class="hint" id=hint_id>{move || i18n.t(Key::TrajZrmHint)}</p>
            <div class="field">
                <label for=date_for>{move || i18n.t(Key::TrajMeasurementDate)}</label>
                <input type="date" id=date_id prop:value=date on:input=move |ev| on_date.run(event_target_value(&ev))/>
            </div>
            <div class="zrm-grid">{rows}</div>
        </fieldset>
    }
}

#[component]
fn EditIntake(id: RecordId, view: RwSignal<View>, done: RwSignal<Option<Done>>) -> impl IntoView {
    entry_view(
        id,
        false,
        move || view.set(View::List),
        move |t| {
            view! { <IntakeForm view=view done=done editing=Some(t)/> }
        },
    )
}

/// The intake: a new trajectory, or a change to a stored one's intake.
#[component]
fn IntakeForm(
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
    editing: Option<Trajectory>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let trajectories = services.trajectories();
    let taxonomy = trajectories.taxonomy().clone();
    let bands = trajectories.age_bands().clone();
    let form = RwSignal::new(match &editing {
        Some(t) => TrajectoryForm::from_fields(&t.fields),
        None => TrajectoryForm::fresh(String::new(), trajectories.today()),
    });
    let problems = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);
    if editing.is_none() {
        spawn_local(async move {
            match services.trajectories().new_code().await {
                Ok(code) => form.update(|f| f.code = code),
                Err(error) => problems.set(vec![i18n::storage_message(i18n.locale(), &error)]),
            }
        });
    }
    let editing = StoredValue::new(editing);
    let heading = move || match editing.with_value(|e| e.as_ref().map(|t| t.fields.code.clone())) {
        Some(code) => fill(i18n.t(Key::TrajEditHeading), &[("code", &code)]),
        None => i18n.t(Key::TrajFormHeading).to_owned(),
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let editing = editing.get_value();
        let fields = match form.with_untracked(|f| f.read(editing.as_ref().map(|t| &t.fields))) {
            Ok(fields) => fields,
            Err(p) => {
                problems.set(refusal_messages(i18n, &Refusal::Form(p)));
                return;
            }
        };
        saving.set(true);
        spawn_local(async move {
            let result = services.trajectories().save(fields, editing.as_ref()).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    problems.set(Vec::new());
                    let code = saved.entry.fields.code.clone();
                    view.set(View::Detail(saved.entry.meta.id));
                    done.set(Some(Done {
                        text: fill(i18n.t(Key::TrajSaved), &[("code", &code)]),
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => problems.set(refusal_messages(i18n, &Refusal::Save(error))),
            }
        });
    };

    let referrer_options = term_options(i18n, taxonomy.referrers.clone());
    let band_options = move || {
        bands
            .bands
            .iter()
            .map(|(_, _, code)| {
                let text = fill(i18n.t(Key::TrajAgeBandOption), &[("band", code)]);
                view! { <option value=code.clone()>{text}</option> }
            })
            .collect_view()
    };
    let household_options = move || {
        HOUSEHOLDS
            .iter()
            .map(|code| view! { <option value=*code>{tr::household(i18n.locale(), code)}</option> })
            .collect_view()
    };
    let domains = taxonomy.domains.clone();
    let goal_domains = taxonomy.domains.clone();
    let first_domain = taxonomy.domains.first().map(|d| d.code.clone());
    let goals = move || {
        let count = form.with(|f| f.goals.len());
        (0..count)
            .map(|index| {
                let n = (index + 1).to_string();
                let text_id = format!("goal-{index}");
                let domain_id = format!("goal-{index}-domain");
                let options = term_options(i18n, goal_domains.clone());
                view! {
                    <div class="goal">
                        <div class="field">
                            <label for=text_id.clone()>{fill(i18n.t(Key::TrajGoalTextLabel), &[("n", &n)])}</label>
                            <input type="text" id=text_id autocomplete="off"
                                prop:value=move || form.with(|f| f.goals.get(index).map(|g| g.0.clone()).unwrap_or_default())
                                on:input=move |ev| form.update(|f| if let Some(g) = f.goals.get_mut(index) { g.0 = event_target_value(&ev) })/>
                        </div>
                        <div class="field">
                            <label for=domain_id.clone()>{fill(i18n.t(Key::TrajGoalDomainLabel), &[("n", &n)])}</label>
                            <select id=domain_id
                                prop:value=move || form.with(|f| f.goals.get(index).map(|g| g.1.clone()).unwrap_or_default())
                                on:change=move |ev| form.update(|f| if let Some(g) = f.goals.get_mut(index) { g.1 = event_target_value(&ev) })>
                                {options}
                            </select>
                        </div>
                        <button type="button" class="button subtle" on:click=move |_| form.update(|f| { f.goals.remove(index); })>
                            {fill(i18n.t(Key::TrajRemoveGoal), &[("n", &n)])}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let health = POSITIVE_HEALTH_DIMENSIONS
        .iter()
        .map(|dimension| {
            let id = format!("health-{dimension}");
            view! {
                <div class="field health">
                    <label for=id.clone()>{move || tr::health_dimension(i18n.locale(), dimension)}</label>
                    <input type="text" inputmode="numeric" id=id autocomplete="off" size="3"
                        prop:value=move || form.with(|f| f.health.get(*dimension).cloned().unwrap_or_default())
                        on:input=move |ev| form.update(|f| { f.health.insert((*dimension).to_owned(), event_target_value(&ev)); })/>
                </div>
            }
        })
        .collect_view();
    let cancel = move |_| {
        view.set(
            match editing.with_value(|e| e.as_ref().map(|t| t.meta.id)) {
                Some(id) => View::Detail(id),
                None => View::List,
            },
        )
    };

    view! {
        <h1>{heading}</h1>
        <ProblemList problems=problems/>
        <form class="trajectory-form" on:submit=save novalidate>
            <div class="field">
                <label for="traj-code">{move || i18n.t(Key::TrajCodeLabel)}</label>
                <p class="hint" id="traj-code-hint">{move || i18n.t(Key::TrajCodeHint)}</p>
                <input type="text" id="traj-code" class="code" readonly aria-describedby="traj-code-hint"
                    prop:value=move || form.with(|f| f.code.clone())/>
            </div>
            <div class="field">
                <label for="traj-start">{move || i18n.t(Key::TrajStartLabel)}</label>
                <input type="date" id="traj-start" prop:value=move || form.with(|f| f.start.clone())
                    on:input=move |ev| form.update(|f| f.start = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="traj-referrer">{move || i18n.t(Key::TrajReferrerLabel)}</label>
                <select id="traj-referrer" prop:value=move || form.with(|f| f.referrer.clone())
                    on:change=move |ev| form.update(|f| f.referrer = event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::NotRecordedOption)}</option>
                    {referrer_options}
                </select>
            </div>
            <div class="field">
                <label for="traj-age">{move || i18n.t(Key::TrajAgeBandLabel)}</label>
                <select id="traj-age" prop:value=move || form.with(|f| f.age_band.clone())
                    on:change=move |ev| form.update(|f| f.age_band = event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::TrajAgeBandChoose)}</option>
                    {band_options}
                </select>
            </div>
            <div class="field">
                <label for="traj-household">{move || i18n.t(Key::TrajHouseholdLabel)}</label>
                <select id="traj-household" prop:value=move || form.with(|f| f.household.clone())
                    on:change=move |ev| form.update(|f| f.household = event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::NotRecordedOption)}</option>
                    {household_options}
                </select>
            </div>
            <ChoiceGroup
                id="traj-domains"
                legend=Signal::derive(move || i18n.t(Key::TrajMainDomainsLabel).to_owned())
                terms=domains
                multiple=true
                is_selected=Callback::new(move |code: String| form.with(|f| f.main_domains.contains(&code)))
                on_toggle=Callback::new(move |code: String| form.update(|f| {
                    if let Some(at) = f.main_domains.iter().position(|c| *c == code) {
                        f.main_domains.remove(at);
                    } else {
                        f.main_domains.push(code);
                    }
                }))
                class="compact"
            />
            <fieldset class="goals">
                <legend>{move || i18n.t(Key::TrajGoalsHeading)}</legend>
                {goals}
                <button type="button" class="button" on:click=move |_| form.update(|f| {
                    let domain = f.main_domains.first().cloned().or_else(|| first_domain.clone()).unwrap_or_default();
                    f.goals.push((String::new(), domain));
                })>
                    {move || i18n.t(Key::TrajAddGoal)}
                </button>
            </fieldset>
            <ZrmMeasurementFields
                prefix="intake"
                heading=Signal::derive(move || i18n.t(Key::TrajIntakeHeading).to_owned())
                date=Signal::derive(move || form.with(|f| f.intake_date.clone()))
                on_date=Callback::new(move |v| form.update(|f| f.intake_date = v))
                scores=Signal::derive(move || form.with(|f| f.intake.clone()))
                on_score=Callback::new(move |(d, v): (String, String)| form.update(|f| { f.intake.insert(d, v); }))
            />
            <details class="health-section">
                <summary>{move || i18n.t(Key::TrajHealthHeading)}</summary>
                <p class="hint">{move || i18n.t(Key::TrajHealthHint)}</p>
                <div class="health-grid">{health}</div>
            </details>
            <div class="row-actions">
                <button type="submit" class="button primary big" disabled=move || saving.get()>
                    {move || i18n.t(Key::TrajSave)}
                </button>
                <button type="button" class="button" on:click=cancel>{move || i18n.t(Key::Cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn TrajectoryDetail(
    id: RecordId,
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let card = entry_view(
        id,
        true,
        move || view.set(View::List),
        move |t| {
            view! { <TrajectoryCard trajectory=t view=view done=done/> }
        },
    );
    // Rebuilt when the language changes, so every label follows (a
    // half-filled contact moment or closing starts over then).
    move || {
        i18n.locale();
        card()
    }
}

#[component]
fn TrajectoryCard(
    trajectory: Trajectory,
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let trajectories = services.trajectories();
    let taxonomy = trajectories.taxonomy().clone();
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

    let stored = StoredValue::new(trajectory.clone());
    let delete = move |_| {
        let t = stored.get_value();
        spawn_local(async move {
            match services.trajectories().delete(&t).await {
                Ok(saved) => {
                    view.set(View::List);
                    done.set(Some(Done {
                        text: i18n.t(Key::DeletedNotice).to_owned(),
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => done.set(Some(Done {
                    text: i18n::storage_message(i18n.locale(), &error),
                    undo: None,
                })),
            }
        });
    };

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
        let rows: Vec<ChartRow> = trajectories
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
        let reopen = move |_| {
            let t = stored.get_value();
            spawn_local(async move {
                match services.trajectories().reopen(&t).await {
                    Ok(saved) => {
                        let code = saved.entry.fields.code.clone();
                        done.set(Some(Done {
                            text: fill(i18n.t(Key::TrajReopened), &[("code", &code)]),
                            undo: Some(saved),
                        }));
                        version.bump();
                    }
                    Err(error) => done.set(Some(Done::say(
                        refusal_messages(i18n, &Refusal::Save(error)).join(" "),
                    ))),
                }
            });
        };
        let chart = (!rows.is_empty()).then(
            || view! { <ZrmChart caption=i18n.t(Key::ChartCaptionOne).to_owned() rows=rows/> },
        );
        view! {
            <section class="growth">
                <h2>{move || i18n.t(Key::TrajGrowthHeading)}</h2>
                <p>{closed_line}</p>
                <p class="headline" data-testid="trajectory-growth">{sentence}</p>
                {chart}
                <button type="button" class="button" on:click=reopen>{move || i18n.t(Key::TrajReopen)}</button>
            </section>
        }
    });
    let running = !fields.is_closed();

    view! {
        <button type="button" class="button subtle" on:click=move |_| view.set(View::List)>
            {move || i18n.t(Key::BackToList)}
        </button>
        <h1>{heading}</h1>
        <p class="status-line">{status_line}</p>
        <p>{domains_line}</p>
        <ul class="goal-list">{goals}</ul>
        <div class="row-actions">
            <button type="button" class="button" on:click=move |_| view.set(View::Edit(id))>
                {move || i18n.t(Key::TrajEdit)}
            </button>
            <button type="button" class="button danger" on:click=delete>{move || i18n.t(Key::Delete)}</button>
        </div>
        {outcome}
        <section class="moments">
            <h2>{move || i18n.t(Key::TrajMomentsHeading)}</h2>
            {if has_moments {
                view! { <ul>{moments}</ul> }.into_any()
            } else {
                view! { <p>{move || i18n.t(Key::TrajMomentsNone)}</p> }.into_any()
            }}
            <MomentFormView trajectory=trajectory.clone() done=done/>
        </section>
        {running.then(|| view! { <ClosingFormView trajectory=trajectory done=done/> })}
    }
}

#[component]
fn MomentFormView(trajectory: Trajectory, done: RwSignal<Option<Done>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let trajectories = services.trajectories();
    let taxonomy = trajectories.taxonomy().clone();
    let first_channel = taxonomy.default_channel.clone();
    let form = RwSignal::new(MomentForm::fresh(trajectories.today(), &first_channel));
    let problems = RwSignal::new(Vec::<String>::new());
    let stored = StoredValue::new(trajectory);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let moment = match form.with_untracked(MomentForm::read) {
            Ok(m) => m,
            Err(p) => return problems.set(refusal_messages(i18n, &Refusal::Form(p))),
        };
        let t = stored.get_value();
        spawn_local(async move {
            match services.trajectories().log_moment(&t, moment).await {
                Ok(saved) => {
                    problems.set(Vec::new());
                    done.set(Some(Done {
                        text: i18n.t(Key::TrajMomentSaved).to_owned(),
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => problems.set(refusal_messages(i18n, &Refusal::Save(error))),
            }
        });
    };
    let channel_options = term_options(i18n, taxonomy.channels.clone());
    view! {
        <form class="moment-form" on:submit=add novalidate>
            <ProblemList problems=problems/>
            <div class="field">
                <label for="moment-date">{move || i18n.t(Key::TrajMomentDate)}</label>
                <input type="date" id="moment-date" prop:value=move || form.with(|f| f.date.clone())
                    on:input=move |ev| form.update(|f| f.date = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="moment-channel">{move || i18n.t(Key::TrajMomentChannel)}</label>
                <select id="moment-channel" prop:value=move || form.with(|f| f.channel.clone())
                    on:change=move |ev| form.update(|f| f.channel = event_target_value(&ev))>
                    {channel_options}
                </select>
            </div>
            <div class="field">
                <label for="moment-note">{move || i18n.t(Key::TrajMomentNote)}</label>
                <input type="text" id="moment-note" autocomplete="off" prop:value=move || form.with(|f| f.note.clone())
                    on:input=move |ev| form.update(|f| f.note = event_target_value(&ev))/>
            </div>
            <button type="submit" class="button">{move || i18n.t(Key::TrajAddMoment)}</button>
        </form>
    }
}

#[component]
fn ClosingFormView(trajectory: Trajectory, done: RwSignal<Option<Done>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let form = RwSignal::new(ClosingForm::fresh(services.trajectories().today()));
    let problems = RwSignal::new(Vec::<String>::new());
    let stored = StoredValue::new(trajectory);
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let closing = match form.with_untracked(ClosingForm::read) {
            Ok(c) => c,
            Err(p) => return problems.set(refusal_messages(i18n, &Refusal::Form(p))),
        };
        let t = stored.get_value();
        spawn_local(async move {
            match services.trajectories().close(&t, closing).await {
                Ok(saved) => {
                    problems.set(Vec::new());
                    let code = saved.entry.fields.code.clone();
                    done.set(Some(Done {
                        text: fill(i18n.t(Key::TrajClosedNotice), &[("code", &code)]),
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => problems.set(refusal_messages(i18n, &Refusal::Save(error))),
            }
        });
    };
    let reasons = move || {
        ClosingReason::ALL
            .iter()
            .map(|r| view! { <option value=r.code()>{tr::closing_reason(i18n.locale(), *r)}</option> })
            .collect_view()
    };
    view! {
        <section class="closing">
            <h2>{move || i18n.t(Key::TrajCloseHeading)}</h2>
            <ProblemList problems=problems/>
            <form on:submit=close novalidate>
                <div class="field">
                    <label for="closing-date">{move || i18n.t(Key::TrajClosingDate)}</label>
                    <input type="date" id="closing-date" prop:value=move || form.with(|f| f.date.clone())
                        on:input=move |ev| form.update(|f| f.date = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="closing-reason">{move || i18n.t(Key::TrajClosingReason)}</label>
                    <select id="closing-reason" prop:value=move || form.with(|f| f.reason.clone())
                        on:change=move |ev| form.update(|f| f.reason = event_target_value(&ev))>
                        {reasons}
                    </select>
                </div>
                <ZrmMeasurementFields
                    prefix="end"
                    heading=Signal::derive(move || i18n.t(Key::TrajEndHeading).to_owned())
                    date=Signal::derive(move || form.with(|f| f.end_date.clone()))
                    on_date=Callback::new(move |v| form.update(|f| f.end_date = v))
                    scores=Signal::derive(move || form.with(|f| f.end.clone()))
                    on_score=Callback::new(move |(d, v): (String, String)| form.update(|f| { f.end.insert(d, v); }))
                />
                <label class="check">
                    <input type="checkbox" prop:checked=move || form.with(|f| f.kto_invited)
                        on:change=move |ev| form.update(|f| f.kto_invited = event_target_checked(&ev))/>
                    {move || i18n.t(Key::TrajKtoInvited)}
                </label>
                <button type="submit" class="button primary big">{move || i18n.t(Key::TrajCloseButton)}</button>
            </form>
        </section>
    }
}
