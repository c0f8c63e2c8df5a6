//! A new initiative (`#/initiatieven/nieuw`), or a correction of a stored
//! one's name, kind and start (`#/initiatieven/<id>/wijzigen`): its status,
//! participants and support log have their own controls on its page, so the
//! correction leaves them out.

use super::{kind_options, status_options, unreadable_field, Cx, REFUSED};
use crate::app::{I18n, Services, Sub};
use crate::components::{
    bind, entry_view, DateField, NumberField, ProblemList, SelectField, TextField,
};
use crate::domain::initiative::InitiativeForm as Form;
use crate::domain::record::RecordId;
use crate::i18n::{initiative as ini, Key};
use crate::pages::area::{EntryForm, FormTexts};
use crate::service::initiatives::Initiative;
use leptos::prelude::*;

#[component]
pub(super) fn EditInitiative(id: RecordId) -> impl IntoView {
    entry_view(id, false, Cx::get().href(Sub::List), move |i| {
        view! { <InitiativeForm editing=Some(i)/> }
    })
}

#[component]
pub(super) fn InitiativeForm(editing: Option<Initiative>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    // The form as typed (the domain's form, not this component).
    let form = RwSignal::new(match &editing {
        Some(i) => Form::from_fields(&i.fields),
        None => Form::fresh(services.initiatives().today()),
    });
    let is_new = editing.is_none();
    let entry = EntryForm::new(
        editing,
        FormTexts {
            saved: Key::IniSaved,
            changed: Key::IniChanged,
            new_heading: Key::IniNew,
            edit_heading: Key::IniEditHeading,
            name: ("name", |f| &f.name),
        },
        REFUSED,
        move |fields, editing| async move {
            services.initiatives().save(fields, editing.as_ref()).await
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = entry.editing.with_value(|editing| {
            form.with_untracked(|f| match editing {
                Some(old) => f.revise(&old.fields),
                None => f.read(),
            })
        });
        let locale = i18n.locale();
        entry.submit(read, |f| ini::unreadable(locale, *f), unreadable_field);
    };

    // A stored initiative's status and participants are changed on its page.
    let current = if is_new {
        view! {
            <SelectField id="ini-status" label=Key::IniStatusLabel bound=bind(form, |f| &f.status, |f| &mut f.status)>
                {status_options(i18n)}
            </SelectField>
            <NumberField id="ini-participants" label=Key::IniParticipantsLabel hint=Key::IniParticipantsHint size=6
                error=entry.error("ini-participants") bound=bind(form, |f| &f.participants, |f| &mut f.participants)/>
        }
        .into_any()
    } else {
        view! { <p class="hint">{move || i18n.t(Key::IniEditNote)}</p> }.into_any()
    };

    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || entry.heading()}</h1>
        <ProblemList problems=entry.problems.summary/>
        <form class="record-form" on:submit=submit novalidate>
            <TextField id="ini-name" label=Key::IniNameLabel hint=Key::IniNameHint error=entry.error("ini-name")
                bound=bind(form, |f| &f.name, |f| &mut f.name)/>
            <SelectField id="ini-kind" label=Key::IniKindLabel bound=bind(form, |f| &f.kind, |f| &mut f.kind)>
                {kind_options(i18n)}
            </SelectField>
            <DateField id="ini-start" label=Key::IniStartLabel error=entry.error("ini-start") bound=bind(form, |f| &f.start, |f| &mut f.start)/>
            {current}
            <div class="row-actions">
                <button type="submit" class="nl-button nl-button--primary big" disabled=move || entry.save.pending().get()>
                    {move || i18n.t(Key::IniSave)}
                </button>
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| entry.cancel()>
                    {move || i18n.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}
