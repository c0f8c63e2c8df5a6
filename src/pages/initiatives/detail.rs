//! One initiative (`#/initiatieven/<id>`): its kind and start, its status
//! and participants (each changed in place), and its log of support
//! moments with a form for the next.

use super::{show_unreadable, status_options, Cx, REFUSED};
use crate::app::{I18n, Services, Sub};
use crate::components::{
    bind, entry_view, Bound, DateField, NumberField, ProblemList, SelectField, TextField,
};
use crate::domain::initiative::{InitiativeStatus, ParticipantsForm, SupportForm, SupportMoment};
use crate::domain::record::RecordId;
use crate::i18n::{fill, format::date, initiative as ini, Key};
use crate::pages::area::{delete_action, dispatch, save_action, FormProblems, RecordActions};
use crate::service::initiatives::Initiative;
use leptos::prelude::*;

#[component]
pub(super) fn InitiativeDetail(id: RecordId) -> impl IntoView {
    entry_view(id, true, Cx::get().href(Sub::List), move |i| {
        view! { <InitiativeCard initiative=i/> }
    })
}

/// A change to a stored initiative made on its page.
#[derive(Clone, Debug)]
enum Change {
    Status(InitiativeStatus),
    Participants(u32),
    Moment(SupportMoment),
}

#[component]
fn InitiativeCard(initiative: Initiative) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let cx = Cx::get();
    let fields = initiative.fields.clone();
    let name = fields.name.clone();
    let kind = fields.initiative_kind;
    let start = fields.start;
    let status = fields.status;
    let participants = fields.participants;
    let line = move || {
        fill(
            i18n.t(Key::IniDetailLine),
            &[
                ("kind", ini::kind(i18n.locale(), kind)),
                ("date", &date(i18n.locale(), start)),
            ],
        )
    };
    let status_line = move || {
        fill(
            i18n.plural(Key::IniDetailStatus, participants),
            &[
                ("status", ini::status(i18n.locale(), status)),
                (
                    "participants",
                    &crate::i18n::num(i18n.locale(), participants),
                ),
            ],
        )
    };
    let delete_label = fill(i18n.t(Key::IniDeleteLabel), &[("name", &name)]);
    let edit_label = fill(i18n.t(Key::IniEditLabel), &[("name", &name)]);
    let id = initiative.meta.id;
    let moments = fields
        .support
        .iter()
        .rev()
        .map(|m| {
            let day = m.date;
            let note = (!m.note.is_empty()).then(|| format!(" — {}", m.note));
            view! { <li>{move || date(i18n.locale(), day)}{note}</li> }
        })
        .collect_view();
    let has_moments = !fields.support.is_empty();

    let stored = StoredValue::new(initiative);
    let problems = FormProblems::new();

    // Every change on this page: store it, then say so with Undo.
    let apply = save_action(
        problems,
        REFUSED,
        move |change: Change| {
            let current = stored.get_value();
            async move {
                let initiatives = services.initiatives();
                match change {
                    Change::Status(s) => initiatives.set_status(&current, s).await,
                    Change::Participants(n) => {
                        let mut fields = current.fields.clone();
                        fields.participants = n;
                        initiatives.save(fields, Some(&current)).await
                    }
                    Change::Moment(m) => initiatives.add_support_moment(&current, m).await,
                }
            }
        },
        move |change, saved| {
            let name = saved.entry.fields.name.as_str();
            match change {
                Change::Status(s) => fill(
                    i18n.t(Key::IniStatusSaved),
                    &[("name", name), ("status", ini::status(i18n.locale(), *s))],
                ),
                Change::Participants(n) => fill(
                    i18n.plural(Key::IniParticipantsSaved, *n),
                    &[
                        ("name", name),
                        ("participants", &crate::i18n::num(i18n.locale(), *n)),
                    ],
                ),
                Change::Moment(_) => fill(i18n.t(Key::IniSupportSaved), &[("name", name)]),
            }
        },
        |_| {},
    );
    let delete = delete_action(problems, ini::problem, move |i: &Initiative| {
        fill(i18n.t(Key::IniDeleted), &[("name", &i.fields.name)])
    });
    let busy = move || apply.pending().get();

    let status_choice = RwSignal::new(status.code().to_owned());
    let change_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(s) = status_choice.with_untracked(|c| InitiativeStatus::from_code(c)) {
            dispatch(apply, Change::Status(s));
        }
    };
    let participants_form = RwSignal::new(ParticipantsForm::of(&fields));
    let update_participants = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match participants_form.with_untracked(ParticipantsForm::read) {
            Ok(n) => dispatch(apply, Change::Participants(n)),
            Err(found) => show_unreadable(i18n, problems, &found),
        }
    };
    let moment_form = RwSignal::new(SupportForm::fresh(services.initiatives().today()));
    let add_moment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match moment_form.with_untracked(SupportForm::read) {
            Ok(moment) => dispatch(apply, Change::Moment(moment)),
            Err(found) => show_unreadable(i18n, problems, &found),
        }
    };

    view! {
        <a class="nl-button nl-button--subtle" href=cx.href(Sub::List)>{move || i18n.t(Key::BackToList)}</a>
        <h1 class="nl-heading nl-heading--level-1">{name.clone()}</h1>
        <p class="status-line">{line}</p>
        <p class="headline" data-testid="initiative-status">{status_line}</p>
        <RecordActions edit_href=cx.href(Sub::Edit(id)) edit=Key::IniEdit edit_label=edit_label
            delete=delete delete_label=delete_label record=stored/>
        <ProblemList problems=problems.summary/>
        <div class="inline-forms">
            <form class="record-form inline-form" on:submit=change_status novalidate>
                <SelectField id="ini-detail-status" label=Key::IniStatusLabel
                    bound=Bound::new(status_choice.into(), Callback::new(move |v| status_choice.set(v)))>
                    {status_options(i18n)}
                </SelectField>
                <button type="submit" class="nl-button nl-button--secondary" disabled=busy>
                    {move || i18n.t(Key::IniStatusChange)}
                </button>
            </form>
            <form class="record-form inline-form" on:submit=update_participants novalidate>
                <NumberField id="ini-detail-participants" label=Key::IniParticipantsLabel size=6
                    error=problems.beside("ini-participants")
                    bound=bind(participants_form, |f| &f.participants, |f| &mut f.participants)/>
                <button type="submit" class="nl-button nl-button--secondary" disabled=busy>
                    {move || i18n.t(Key::IniParticipantsUpdate)}
                </button>
            </form>
        </div>
        <section class="support-moments">
            <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::IniSupportHeading)}</h2>
            {if has_moments {
                view! { <ul class="support-list">{moments}</ul> }.into_any()
            } else {
                view! { <p>{move || i18n.t(Key::IniSupportNone)}</p> }.into_any()
            }}
            <form class="record-form" on:submit=add_moment novalidate>
                <DateField id="support-date" label=Key::IniSupportDate error=problems.beside("support-date")
                    bound=bind(moment_form, |f| &f.date, |f| &mut f.date)/>
                <TextField id="support-note" label=Key::IniSupportNote error=problems.beside("support-note")
                    bound=bind(moment_form, |f| &f.note, |f| &mut f.note)/>
                <button type="submit" class="nl-button nl-button--secondary" disabled=busy>
                    {move || i18n.t(Key::IniSupportAdd)}
                </button>
            </form>
        </section>
    }
}
