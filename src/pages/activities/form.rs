//! A new activity (`#/activiteiten/nieuw`: one meeting, or a series planned
//! from the first date), or a correction of a stored one
//! (`#/activiteiten/<id>/wijzigen`): its meetings stay as they are, so the
//! series fields are left out.

use super::{field_of, questionnaires, Cx};
use crate::app::{I18n, Services, SettingsCx, Sub};
use crate::components::{
    bind, entry_view, taxonomy_options, DateField, NumberField, ProblemList, SelectField, TextField,
};
use crate::domain::activity::{ActivityDraft, ActivityKind};
use crate::domain::record::RecordId;
use crate::domain::survey::templates::Template;
use crate::domain::taxonomy;
use crate::i18n::{activity as ac, Key};
use crate::pages::area::{EntryForm, FormTexts};
use crate::service::activities::Activity;
use leptos::prelude::*;

#[component]
pub(super) fn EditActivity(id: RecordId) -> impl IntoView {
    entry_view(id, false, Cx::get().href(Sub::List), move |a| {
        view! { <ActivityForm editing=Some(a)/> }
    })
}

#[component]
pub(super) fn ActivityForm(editing: Option<Activity>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let settings = expect_context::<SettingsCx>();
    let activities = services.activities();
    // The device's location is where most activities take place.
    let location = settings
        .0
        .with_untracked(|s| s.location.clone())
        .map(|code| taxonomy::label(&services.taxonomy().locations, &code, i18n.lang()).to_owned())
        .unwrap_or_default();
    let draft = match &editing {
        Some(a) => ActivityDraft::from_fields(&a.fields),
        None => {
            let mut draft = ActivityDraft::fresh(activities.today(), &location);
            draft.survey = Template::GroupActivity.id().to_owned();
            draft
        }
    };
    let form = RwSignal::new(draft);
    let is_new = editing.is_none();
    // The theme of the activity being changed, offered even when retired.
    let held_theme: Vec<String> = editing.iter().map(|a| a.fields.theme.clone()).collect();
    let entry = EntryForm::new(
        editing,
        FormTexts {
            saved: Key::ActSaved,
            changed: Key::ActChanged,
            new_heading: Key::ActNew,
            edit_heading: Key::ActEditHeading,
            name: ("title", |f| &f.title),
        },
        (ac::problem, field_of),
        move |fields, editing| async move { services.activities().save(fields, editing.as_ref()).await },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = services.activities().today();
        let domains = &services.taxonomy().domains;
        let parsed = entry.editing.with_value(|editing| {
            form.with_untracked(|f| match editing {
                Some(old) => f.revise(&old.fields, domains, today),
                None => f.parse(domains, today),
            })
        });
        let locale = i18n.locale();
        entry.submit(parsed, |p| ac::problem(locale, p), field_of);
    };

    let kind_options = move || {
        ActivityKind::ALL
            .iter()
            .map(|k| view! { <option value=k.code()>{ac::kind(i18n.locale(), *k)}</option> })
            .collect_view()
    };
    let survey_options = move || {
        questionnaires(i18n.lang())
            .into_iter()
            .map(|(id, title)| view! { <option value=id>{title}</option> })
            .collect_view()
    };

    // The meetings of a stored activity stay as they are: they are filled
    // in one by one on its page, never planned again from here.
    let series = if is_new {
        view! {
            <DateField id="act-first-date" label=Key::ActFirstDateLabel error=entry.error("act-first-date")
                bound=bind(form, |f| &f.first_date, |f| &mut f.first_date)/>
            <NumberField id="act-count" label=Key::ActCountLabel hint=Key::ActCountHint size=4 error=entry.error("act-count")
                bound=bind(form, |f| &f.meeting_count, |f| &mut f.meeting_count)/>
            <NumberField id="act-every" label=Key::ActEveryLabel hint=Key::ActEveryHint size=4 error=entry.error("act-every")
                bound=bind(form, |f| &f.every_days, |f| &mut f.every_days)/>
        }
        .into_any()
    } else {
        view! { <p class="hint">{move || i18n.t(Key::ActEditMeetingsNote)}</p> }.into_any()
    };

    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || entry.heading()}</h1>
        <ProblemList problems=entry.problems.summary/>
        <form class="record-form" on:submit=submit novalidate>
            <TextField id="act-title" label=Key::ActTitleLabel hint=Key::ActTitleHint error=entry.error("act-title")
                bound=bind(form, |f| &f.title, |f| &mut f.title)/>
            <SelectField id="act-kind" label=Key::ActKindLabel error=entry.error("act-kind")
                bound=bind(form, |f| &f.activity_kind, |f| &mut f.activity_kind)>
                {kind_options}
            </SelectField>
            <SelectField id="act-theme" label=Key::ActThemeLabel error=entry.error("act-theme") bound=bind(form, |f| &f.theme, |f| &mut f.theme)>
                <option value="">{move || i18n.t(Key::ActThemeChoose)}</option>
                {taxonomy_options(i18n, services, |t| &t.domains, held_theme)}
            </SelectField>
            <TextField id="act-location" label=Key::ActLocationLabel hint=Key::ActLocationHint error=entry.error("act-location")
                bound=bind(form, |f| &f.location, |f| &mut f.location)/>
            <SelectField id="act-survey" label=Key::ActSurveyLabel error=entry.error("act-survey") bound=bind(form, |f| &f.survey, |f| &mut f.survey)>
                <option value="">{move || i18n.t(Key::ActSurveyNone)}</option>
                {survey_options}
            </SelectField>
            {series}
            <div class="row-actions">
                <button type="submit" class="nl-button nl-button--primary big" disabled=move || entry.save.pending().get()>
                    {move || i18n.t(Key::ActSave)}
                </button>
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| entry.cancel()>
                    {move || i18n.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}
