//! Individual trajectories, one screen per file: the year's growth and the
//! list (`list`), a new trajectory or a change to its intake (`intake`),
//! one trajectory with its intake, begin measurement, contact moments and
//! begin-against-end chart (`detail`), and its closing with the end
//! measurement (`closing`). Each has its address (`#/trajecten/…`).

mod closing;
mod detail;
mod intake;
mod list;

use super::area::area_page;
use crate::app::{Area, I18n, Services, Sub};
use crate::domain::taxonomy::{self, Term};
use crate::domain::trajectory::{TrajectoryFields, TrajectoryProblem, ZrmScore};
use crate::domain::trajectory_form::{DateField as DateOf, FormProblem};
use crate::i18n::{trajectory as tr, Key};
use crate::pages::area::{FormProblems, Refused};
use leptos::prelude::*;
use std::collections::BTreeMap;

type Cx = super::area::AreaCx<TrajectoryFields>;

#[component]
pub fn TrajectoriesPage() -> impl IntoView {
    area_page::<TrajectoryFields>(Area::Trajectories, "trajectories", |sub| match sub {
        Sub::List => view! { <list::TrajectoryList/> }.into_any(),
        Sub::New => view! { <intake::IntakeForm editing=None/> }.into_any(),
        Sub::Edit(id) => view! { <intake::EditIntake id=id/> }.into_any(),
        Sub::Detail(id) => view! { <detail::TrajectoryDetail id=id/> }.into_any(),
        Sub::Close(id) => view! { <closing::ClosingScreen id=id/> }.into_any(),
    })
}

/// Shows what could not be read in a trajectory form: in the summary,
/// and beside its field.
fn show_unreadable(i18n: I18n, problems: FormProblems, found: &[FormProblem]) {
    let locale = i18n.locale();
    problems.show(found, |p| tr::form_problem(locale, p), unreadable_field);
}

/// The field of a trajectory form (intake, closing, contact moment) whose
/// text could not be read.
fn unreadable_field(problem: &FormProblem) -> Option<String> {
    let id = match problem {
        FormProblem::NotADate(DateOf::Start) => "traj-start",
        FormProblem::NotADate(DateOf::Intake) => "intake-date",
        FormProblem::NotADate(DateOf::Closing) => "closing-date",
        FormProblem::NotADate(DateOf::End) => "end-date",
        FormProblem::NotADate(DateOf::Moment) => "moment-date",
        FormProblem::HealthNotANumber(dimension) => return Some(format!("health-{dimension}")),
        FormProblem::UnknownReason => "closing-reason",
        FormProblem::UnknownScore(_) => return None,
    };
    Some(id.to_owned())
}

/// The words and the field of a refused trajectory save, for `save_action`.
const REFUSED: Refused<TrajectoryProblem> = (tr::problem, problem_field);

/// The field of a trajectory form a refused save's problem belongs to
/// (each id is on one of the forms: intake, closing or contact moment).
fn problem_field(problem: &TrajectoryProblem) -> Option<String> {
    use TrajectoryProblem as P;
    let id = match problem {
        P::CodeFormat | P::CodeInUse => "traj-code",
        P::StartInFuture => "traj-start",
        P::UnknownAgeBand => "traj-age",
        P::UnknownReferrer(_) => "traj-referrer",
        P::UnknownHousehold(_) => "traj-household",
        P::NoMainDomain | P::UnknownMainDomain(_) => "traj-domains",
        P::Goal { goal, .. } => return Some(format!("goal-{goal}")),
        P::UnknownGoalDomain { goal, .. } => return Some(format!("goal-{goal}-domain")),
        P::IntakeBeforeStart => "intake-date",
        P::UnknownIntakeDomain(code) => return Some(format!("intake-{code}")),
        P::HealthScoreOutOfRange { dimension, .. } => return Some(format!("health-{dimension}")),
        P::ClosingBeforeStart | P::ClosingInFuture => "closing-date",
        P::EndBeforeIntake => "end-date",
        P::UnknownEndDomain(code) => return Some(format!("end-{code}")),
        P::MomentBeforeStart { .. } | P::MomentInFuture { .. } => "moment-date",
        P::UnknownMomentChannel { .. } => "moment-channel",
        P::MomentNote { .. } => "moment-note",
        P::UnknownHealthDimension(_) | P::NotClosed => return None,
    };
    Some(id.to_owned())
}

fn domain_label(i18n: I18n, domains: &[Term], code: &str) -> String {
    taxonomy::label(domains, code, i18n.lang()).to_owned()
}

/// The select of one ZRM domain: "niet gescoord" or 1–5 with their labels,
/// and beside it, when closing, the score at the begin to compare with.
#[component]
fn ZrmSelect(
    id: String,
    label: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    /// The begin measurement's score for this domain (closing only).
    #[prop(optional_no_strip)]
    begin: Option<ZrmScore>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let options = move || {
        std::iter::once(ZrmScore::NotScored)
            .chain(ZrmScore::ALL.into_iter().filter(|s| s.value().is_some()))
            .map(|s| view! { <option value=s.code()>{tr::zrm_score(i18n.locale(), s)}</option> })
            .collect_view()
    };
    let label_for = id.clone();
    let begin_id = format!("{id}-begin");
    let described = begin.map(|_| begin_id.clone());
    let begin = begin.map(|score| {
        view! {
            <span class="begin-score" id=begin_id>
                {move || crate::i18n::fill(i18n.t(Key::TrajBeginScore), &[("score", tr::zrm_score(i18n.locale(), score))])}
            </span>
        }
    });
    view! {
        <div class="zrm-row">
            <label for=label_for>{label}</label>
            {begin}
            <select id=id aria-describedby=described prop:value=value on:change=move |ev| on_change.run(event_target_value(&ev))>
                {options}
            </select>
        </div>
    }
}

/// A ZRM measurement: its date and a select per row (with the begin
/// scores beside them when `begin` is given). The rows follow the
/// trajectory's `main_domains` and what it scores (`zrm_rows`): the ZRM's
/// own domains, an organisation's own domain where it is a main domain, and
/// every domain scored already.
#[component]
fn ZrmMeasurementFields(
    prefix: &'static str,
    heading: Key,
    date: crate::components::Bound,
    scores: Signal<BTreeMap<String, String>>,
    on_score: Callback<(String, String)>,
    main_domains: Signal<Vec<String>>,
    #[prop(optional_no_strip)] begin: Option<BTreeMap<String, ZrmScore>>,
    /// A problem with the date, shown beside it.
    #[prop(optional, into)]
    date_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let begin_held: Vec<String> = begin
        .iter()
        .flat_map(|b| {
            b.iter()
                .filter(|(_, s)| s.value().is_some())
                .map(|(d, _)| d.clone())
        })
        .collect();
    // The rows' codes; the rows themselves are kept by code, so a row that
    // stays keeps its select (and focus) when another comes or goes.
    let rows = Memo::new(move |_| {
        let mut held = begin_held.clone();
        scores.with(|s| {
            held.extend(
                s.iter()
                    .filter(|(_, v)| ZrmScore::from_code(v).is_some_and(|s| s.value().is_some()))
                    .map(|(d, _)| d.clone()),
            );
        });
        main_domains.with(|main| {
            services
                .trajectories()
                .zrm_rows(main, &held)
                .into_iter()
                .map(|d| (d.code.clone(), d.label.clone()))
                .collect::<Vec<_>>()
        })
    });
    let row = move |(code, label): (String, crate::domain::taxonomy::Localized)| {
        let code_for_value = code.clone();
        let code_for_change = code.clone();
        let value = Signal::derive(move || {
            scores.with(|s| {
                s.get(&code_for_value)
                    .cloned()
                    .unwrap_or_else(|| ZrmScore::NotScored.code().to_owned())
            })
        });
        let begin = begin
            .as_ref()
            .map(|b| b.get(&code).copied().unwrap_or(ZrmScore::NotScored));
        view! {
            <ZrmSelect
                id=format!("{prefix}-{code}")
                label=label.get(i18n.lang()).to_owned()
                value=value
                on_change=Callback::new(move |v| on_score.run((code_for_change.clone(), v)))
                begin=begin
            />
        }
    };
    let rows = view! {
        <For each=move || rows.get() key=|(code, _)| code.clone() children=row/>
    };
    let hint_id = format!("{prefix}-hint");
    let described = hint_id.clone();
    view! {
        <fieldset class="zrm" aria-describedby=described>
            <legend>{move || i18n.t(heading)}</legend>
            <p class="hint" id=hint_id>{move || i18n.t(Key::TrajZrmHint)}</p>
            <crate::components::DateField id=format!("{prefix}-date") label=Key::TrajMeasurementDate bound=date error=date_error/>
            <div class="zrm-grid">{rows}</div>
        </fieldset>
    }
}
