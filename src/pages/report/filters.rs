//! The jaarbeeld's filter: the period (year, quarter, month, or from–to),
//! the locations (none ticked is every location), and whether small cells
//! are hidden in print and CSV. Every change names a new scope at once; the
//! page asks the worker for it. What the inputs mean is
//! `domain::report::form`.

use super::sections;
use crate::app::{I18n, Services};
use crate::components::{bind, Bound, DateField, NumberField, SelectField};
use crate::domain::report::form::{
    kind_code, kind_from_code, ScopeForm, ScopeProblem, PERIOD_KINDS,
};
use crate::domain::report::period::PeriodKind;
use crate::i18n::Key;
use leptos::prelude::*;

fn kind_key(kind: PeriodKind) -> Key {
    match kind {
        PeriodKind::Year => Key::ReportPeriodYear,
        PeriodKind::Quarter => Key::ReportPeriodQuarter,
        PeriodKind::Month => Key::ReportPeriodMonth,
        PeriodKind::Custom => Key::ReportPeriodCustom,
    }
}

fn problem_key(problem: ScopeProblem) -> Key {
    match problem {
        ScopeProblem::Year => Key::ReportProblemYear,
        ScopeProblem::Month => Key::ReportProblemMonth,
        ScopeProblem::Quarter => Key::ReportProblemQuarter,
        ScopeProblem::Date => Key::ReportProblemDate,
        ScopeProblem::Order => Key::ReportProblemOrder,
    }
}

#[component]
pub fn Filters(form: RwSignal<ScopeForm>, hide_small: RwSignal<bool>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let kind = Memo::new(move |_| form.with(|f| f.kind));
    let kind_bound = Bound::new(
        Signal::derive(move || kind_code(kind.get()).to_owned()),
        Callback::new(move |code: String| form.update(|f| f.kind = kind_from_code(&code))),
    );
    let problem = Memo::new(move |_| form.with(|f| f.read().err()));
    let error_for = move |wanted: &'static [ScopeProblem]| {
        Signal::derive(move || {
            problem
                .get()
                .filter(|p| wanted.contains(p))
                .map(|p| i18n.t(problem_key(p)).to_owned())
        })
    };
    let kinds = move || {
        PERIOD_KINDS
            .iter()
            .map(|(kind, code)| view! { <option value=*code>{i18n.t(kind_key(*kind))}</option> })
            .collect_view()
    };
    let months = move || {
        (1..=12u32)
            .map(|m| view! { <option value=m.to_string()>{sections::month_name(i18n, m)}</option> })
            .collect_view()
    };
    let quarters = move || {
        (1..=4u32)
            .map(|q| view! { <option value=q.to_string()>{format!("K{q}")}</option> })
            .collect_view()
    };
    let year_field = move || {
        view! {
            <NumberField id="report-year" label=Key::ReportYear size=6
                bound=bind(form, |f| &f.year, |f| &mut f.year)
                error=error_for(&[ScopeProblem::Year])/>
        }
    };
    let period_fields = move || match kind.get() {
        PeriodKind::Year => year_field().into_any(),
        PeriodKind::Quarter => view! {
            {year_field()}
            <SelectField id="report-quarter" label=Key::ReportQuarter
                bound=bind(form, |f| &f.quarter, |f| &mut f.quarter)
                error=error_for(&[ScopeProblem::Quarter])>{quarters()}</SelectField>
        }
        .into_any(),
        PeriodKind::Month => view! {
            {year_field()}
            <SelectField id="report-month" label=Key::ReportMonth
                bound=bind(form, |f| &f.month, |f| &mut f.month)
                error=error_for(&[ScopeProblem::Month])>{months()}</SelectField>
        }
        .into_any(),
        PeriodKind::Custom => view! {
            <DateField id="report-from" label=Key::ReportFrom
                bound=bind(form, |f| &f.from, |f| &mut f.from)
                error=error_for(&[ScopeProblem::Date])/>
            <DateField id="report-to" label=Key::ReportTo
                bound=bind(form, |f| &f.to, |f| &mut f.to)
                error=error_for(&[ScopeProblem::Order])/>
        }
        .into_any(),
    };
    let locations = move || {
        let taxonomy = services.taxonomy();
        taxonomy
            .locations
            .iter()
            .map(|term| {
                let code = term.code.clone();
                let id = format!("report-location-{code}");
                let label_for = id.clone();
                let (checked_code, toggle_code) = (code.clone(), code);
                let label = term.label.get(i18n.lang()).to_owned();
                view! {
                    <label class="check" for=label_for>
                        <input type="checkbox" id=id
                            prop:checked=move || form.with(|f| f.locations.contains(&checked_code))
                            on:change=move |_| form.update(|f| f.toggle_location(&toggle_code))/>
                        {label}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <form class="report-filters no-print" on:submit=|ev| ev.prevent_default()>
            <SelectField id="report-kind" label=Key::ReportPeriod bound=kind_bound>{kinds()}</SelectField>
            {period_fields}
            <fieldset>
                <legend>{move || i18n.t(Key::ReportLocations)}</legend>
                <p class="hint">{move || i18n.t(Key::ReportLocationsHint)}</p>
                {locations}
            </fieldset>
            <label class="check" for="report-hide-small">
                <input type="checkbox" id="report-hide-small" aria-describedby="report-hide-small-hint"
                    prop:checked=move || hide_small.get()
                    on:change=move |ev| hide_small.set(event_target_checked(&ev))/>
                {move || i18n.t(Key::ReportHideSmall)}
            </label>
            <p class="hint" id="report-hide-small-hint">{move || i18n.t(Key::ReportHideSmallHint)}</p>
        </form>
    }
}
