//! The intake: a new trajectory (`#/trajecten/nieuw`), or a change to a
//! stored one's intake (`#/trajecten/<id>/wijzigen`): code, start, referrer,
//! age band, household, main domains, goals, the ZRM begin measurement and
//! optionally Positieve Gezondheid.

use super::{unreadable_field, Cx, ZrmMeasurementFields, REFUSED};
use crate::app::{I18n, Services, Sub};
use crate::components::{
    bind, entry_view, taxonomy_options, Bound, ChoiceGroup, DateField, NumberField, ProblemList,
    SelectField, Text, TextField,
};
use crate::domain::record::RecordId;
use crate::domain::trajectory::{HOUSEHOLDS, POSITIVE_HEALTH_DIMENSIONS};
use crate::domain::trajectory_form::{FormProblem, TrajectoryForm};
use crate::i18n::{self, fill, trajectory as tr, Key};
use crate::pages::area::{EntryForm, FormProblems, FormTexts};
use crate::service::trajectories::Trajectory;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn EditIntake(id: RecordId) -> impl IntoView {
    entry_view(id, false, Cx::get().href(Sub::List), move |t| {
        view! { <IntakeForm editing=Some(t)/> }
    })
}

/// The intake: a new trajectory, or a change to a stored one's intake.
#[component]
pub(super) fn IntakeForm(editing: Option<Trajectory>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let trajectories = services.trajectories();
    let form = RwSignal::new(match &editing {
        Some(t) => TrajectoryForm::from_fields(&t.fields),
        None => TrajectoryForm::fresh(String::new(), trajectories.today()),
    });
    let is_new = editing.is_none();
    // What the trajectory being changed holds: offered (and shown) even
    // when retired since.
    let held_referrer: Vec<String> = editing
        .iter()
        .filter_map(|t| t.fields.referrer.clone())
        .collect();
    let held_domains: Vec<String> = editing
        .iter()
        .flat_map(|t| {
            let goals = t.fields.goals.iter().map(|g| g.domain.clone());
            t.fields.main_domains.iter().cloned().chain(goals)
        })
        .collect();
    let entry = EntryForm::new(
        editing,
        FormTexts {
            saved: Key::TrajSaved,
            changed: Key::TrajSaved,
            new_heading: Key::TrajFormHeading,
            edit_heading: Key::TrajEditHeading,
            name: ("code", |f| &f.code),
        },
        REFUSED,
        move |fields, editing| async move {
            services.trajectories().save(fields, editing.as_ref()).await
        },
    );
    let problems = entry.problems;
    if is_new {
        spawn_local(async move {
            match services.trajectories().new_code().await {
                Ok(code) => form.update(|f| f.code = code),
                Err(error) => problems.say(vec![i18n::storage_message(i18n.locale(), &error)]),
            }
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = entry
            .editing
            .with_value(|e| form.with_untracked(|f| f.read(e.as_ref().map(|t| &t.fields))));
        // A score that is not a number is in the folded-away Positieve
        // Gezondheid: unfold it, so the error beside the field is seen.
        if let Err(found) = &read {
            if found
                .iter()
                .any(|p| matches!(p, FormProblem::HealthNotANumber(_)))
            {
                crate::platform::open_details("health-section");
            }
        }
        let locale = i18n.locale();
        entry.submit(read, |p| tr::form_problem(locale, p), unreadable_field);
    };

    let bands = trajectories.age_bands().bands.clone();
    let band_options = move || {
        bands
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
    let domains = services.taxonomy().domains.clone();
    // Only adding or taking out a goal rebuilds the goals; typing does not.
    let goal_count = Memo::new(move |_| form.with(|f| f.goals.len()));
    let held_main = Signal::derive({
        let held = held_domains.clone();
        move || held.clone()
    });
    let goals = move || {
        (0..goal_count.get())
            .map(|index| view! { <GoalFields form=form index=index held=held_domains.clone() problems=problems/> })
            .collect_view()
    };
    let health = POSITIVE_HEALTH_DIMENSIONS
        .iter()
        .map(|dimension| {
            let label = Signal::derive(move || tr::health_dimension(i18n.locale(), dimension).to_owned());
            let bound = Bound::new(
                Signal::derive(move || form.with(|f| f.health.get(*dimension).cloned().unwrap_or_default())),
                Callback::new(move |v| form.update(|f| { f.health.insert((*dimension).to_owned(), v); })),
            );
            view! {
                <NumberField id=format!("health-{dimension}") label=label bound=bound size=3 class="health"
                    error=entry.error(format!("health-{dimension}"))/>
            }
        })
        .collect_view();

    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || entry.heading()}</h1>
        <ProblemList problems=problems.summary/>
        <form class="trajectory-form" on:submit=submit novalidate>
            <TextField id="traj-code" label=Key::TrajCodeLabel hint=Key::TrajCodeHint readonly=true error=entry.error("traj-code")
                bound=bind(form, |f| &f.code, |f| &mut f.code)/>
            <DateField id="traj-start" label=Key::TrajStartLabel error=entry.error("traj-start") bound=bind(form, |f| &f.start, |f| &mut f.start)/>
            <SelectField id="traj-referrer" error=entry.error("traj-referrer") label=Key::TrajReferrerLabel bound=bind(form, |f| &f.referrer, |f| &mut f.referrer)>
                <option value="">{move || i18n.t(Key::NotRecordedOption)}</option>
                {taxonomy_options(i18n, services, |t| &t.referrers, held_referrer)}
            </SelectField>
            <SelectField id="traj-age" error=entry.error("traj-age") label=Key::TrajAgeBandLabel bound=bind(form, |f| &f.age_band, |f| &mut f.age_band)>
                <option value="">{move || i18n.t(Key::TrajAgeBandChoose)}</option>
                {band_options}
            </SelectField>
            <SelectField id="traj-household" error=entry.error("traj-household") label=Key::TrajHouseholdLabel bound=bind(form, |f| &f.household, |f| &mut f.household)>
                <option value="">{move || i18n.t(Key::NotRecordedOption)}</option>
                {household_options}
            </SelectField>
            <ChoiceGroup
                id="traj-domains"
                error=entry.error("traj-domains")
                legend=Signal::derive(move || i18n.t(Key::TrajMainDomainsLabel).to_owned())
                terms=domains
                keep=held_main
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
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| form.update(|f| {
                    let domain = f.main_domains.first().cloned()
                        .or_else(|| services.taxonomy().domains.first().map(|d| d.code.clone()))
                        .unwrap_or_default();
                    f.goals.push((String::new(), domain));
                })>
                    {move || i18n.t(Key::TrajAddGoal)}
                </button>
            </fieldset>
            <ZrmMeasurementFields
                prefix="intake"
                heading=Key::TrajIntakeHeading
                date_error=entry.error("intake-date")
                date=bind(form, |f| &f.intake_date, |f| &mut f.intake_date)
                scores=Signal::derive(move || form.with(|f| f.intake.clone()))
                on_score=Callback::new(move |(d, v): (String, String)| form.update(|f| { f.intake.insert(d, v); }))
                main_domains=Signal::derive(move || form.with(|f| f.main_domains.clone()))
            />
            <details class="health-section" id="health-section">
                <summary>{move || i18n.t(Key::TrajHealthHeading)}</summary>
                <p class="hint">{move || i18n.t(Key::TrajHealthHint)}</p>
                <div class="health-grid">{health}</div>
            </details>
            <div class="row-actions">
                <button type="submit" class="nl-button nl-button--primary big" disabled=move || entry.save.pending().get()>
                    {move || i18n.t(Key::TrajSave)}
                </button>
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| entry.cancel()>{move || i18n.t(Key::Cancel)}</button>
            </div>
        </form>
    }
}

/// One goal: its text, its domain, and the button that takes it out.
#[component]
fn GoalFields(
    form: RwSignal<TrajectoryForm>,
    index: usize,
    held: Vec<String>,
    problems: FormProblems,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let n = (index + 1).to_string();
    let label = |key: Key| {
        let n = n.clone();
        Text::from(Signal::derive(move || fill(i18n.t(key), &[("n", &n)])))
    };
    let part = move |second: bool| {
        Bound::new(
            Signal::derive(move || {
                form.with(|f| {
                    f.goals
                        .get(index)
                        .map(|g| if second { g.1.clone() } else { g.0.clone() })
                        .unwrap_or_default()
                })
            }),
            Callback::new(move |v| {
                form.update(|f| {
                    if let Some(g) = f.goals.get_mut(index) {
                        if second {
                            g.1 = v;
                        } else {
                            g.0 = v;
                        }
                    }
                })
            }),
        )
    };
    let remove = {
        let n = n.clone();
        move || fill(i18n.t(Key::TrajRemoveGoal), &[("n", &n)])
    };
    view! {
        <div class="goal">
            <TextField id=format!("goal-{index}") label=label(Key::TrajGoalTextLabel)
                error=problems.beside(format!("goal-{index}")) bound=part(false)/>
            <SelectField id=format!("goal-{index}-domain") label=label(Key::TrajGoalDomainLabel)
                error=problems.beside(format!("goal-{index}-domain")) bound=part(true)>
                {taxonomy_options(i18n, services, |t| &t.domains, held)}
            </SelectField>
            <button type="button" class="nl-button nl-button--subtle" on:click=move |_| form.update(|f| { f.goals.remove(index); })>
                {remove}
            </button>
        </div>
    }
}
