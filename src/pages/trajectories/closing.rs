//! Closing a trajectory (`#/trajecten/<id>/afsluiten`): the date, the
//! reason, the end measurement with each domain's begin score beside its
//! select, and whether the resident was invited to the KTO.

use super::{show_unreadable, Cx, ZrmMeasurementFields, REFUSED};
use crate::app::{I18n, Nav, Services, Sub};
use crate::components::{bind, entry_view, DateField, ProblemList, SelectField};
use crate::domain::record::RecordId;
use crate::domain::trajectory::ClosingReason;
use crate::domain::trajectory_form::ClosingForm;
use crate::i18n::{fill, trajectory as tr, Key};
use crate::pages::area::{dispatch, save_action, FormProblems};
use crate::service::trajectories::Trajectory;
use leptos::prelude::*;

#[component]
pub(super) fn ClosingScreen(id: RecordId) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let cx = Cx::get();
    entry_view(id, false, cx.href(Sub::List), move |t: Trajectory| {
        let heading = fill(
            i18n.t(Key::TrajClosePageHeading),
            &[("code", &t.fields.code)],
        );
        let back = fill(i18n.t(Key::TrajDetailHeading), &[("code", &t.fields.code)]);
        let body = if t.fields.is_closed() {
            // An old address: this trajectory has been closed since.
            view! { <p role="status">{i18n.t(Key::TrajClosed)}</p> }.into_any()
        } else {
            view! { <ClosingFormView trajectory=t/> }.into_any()
        };
        view! {
            <a class="nl-button nl-button--subtle" href=cx.href(Sub::Detail(id))>{back}</a>
            <h1 class="nl-heading nl-heading--level-1">{heading}</h1>
            {body}
        }
    })
}

#[component]
fn ClosingFormView(trajectory: Trajectory) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let nav = expect_context::<Nav>();
    let cx = Cx::get();
    let form = RwSignal::new(ClosingForm::fresh(services.trajectories().today()));
    let problems = FormProblems::new();
    let id = trajectory.meta.id;
    let begin = trajectory.fields.intake.scores.clone();
    let main_domains = trajectory.fields.main_domains.clone();
    let stored = StoredValue::new(trajectory);
    let close = save_action(
        problems,
        REFUSED,
        move |closing| {
            let t = stored.get_value();
            async move { services.trajectories().close(&t, closing).await }
        },
        move |_, saved| {
            fill(
                i18n.t(Key::TrajClosedNotice),
                &[("code", &saved.entry.fields.code)],
            )
        },
        move |_| nav.finish(cx.route(Sub::Detail(id))),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.with_untracked(ClosingForm::read) {
            Ok(closing) => dispatch(close, closing),
            Err(found) => show_unreadable(i18n, problems, &found),
        }
    };
    let reasons = move || {
        ClosingReason::ALL
            .iter()
            .map(|r| view! { <option value=r.code()>{tr::closing_reason(i18n.locale(), *r)}</option> })
            .collect_view()
    };
    view! {
        <section class="closing">
            <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::TrajCloseHeading)}</h2>
            <ProblemList problems=problems.summary/>
            <form on:submit=submit novalidate>
                <DateField id="closing-date" label=Key::TrajClosingDate
                    error=problems.beside("closing-date") bound=bind(form, |f| &f.date, |f| &mut f.date)/>
                <SelectField id="closing-reason" label=Key::TrajClosingReason
                    error=problems.beside("closing-reason") bound=bind(form, |f| &f.reason, |f| &mut f.reason)>
                    {reasons}
                </SelectField>
                <ZrmMeasurementFields
                    prefix="end"
                    heading=Key::TrajEndHeading
                    date_error=problems.beside("end-date")
                    date=bind(form, |f| &f.end_date, |f| &mut f.end_date)
                    scores=Signal::derive(move || form.with(|f| f.end.clone()))
                    on_score=Callback::new(move |(d, v): (String, String)| form.update(|f| { f.end.insert(d, v); }))
                    main_domains=Signal::derive(move || main_domains.clone())
                    begin=Some(begin)
                />
                <label class="check">
                    <input type="checkbox" prop:checked=move || form.with(|f| f.kto_invited)
                        on:change=move |ev| form.update(|f| f.kto_invited = event_target_checked(&ev))/>
                    {move || i18n.t(Key::TrajKtoInvited)}
                </label>
                <button type="submit" class="nl-button nl-button--primary big" disabled=move || close.pending().get()>
                    {move || i18n.t(Key::TrajCloseButton)}
                </button>
            </form>
        </section>
    }
}
