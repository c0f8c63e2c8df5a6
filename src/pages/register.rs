//! Registering contacts: the form, the save status with undo, and today's
//! list. Validation and storage happen in the service; this page only holds
//! the form state and shows results.

use crate::app::{DataVersion, I18n, Services, SettingsCx};
use crate::components::{
    loaded, term_options, ChoiceGroup, ErrorNotice, FieldErrorText, Pictogram,
};
use crate::domain::contact::{
    Contact, ContactDraft, Field, FieldError, Outcome, MAX_DURATION_MINUTES, MAX_NOTE_CHARS,
};
use crate::domain::record::RecordKind;
use crate::domain::taxonomy::{self, Term};
use crate::domain::timefmt;
use crate::i18n::{self, fill, Key};
use crate::platform;
use crate::service::contacts::SavedContact as Saved;
use crate::service::entries::SaveError;
use crate::service::Env;
use crate::storage::StorageError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last action did, shown in the status line.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Saving,
    Saved(Saved),
    Deleted(Saved),
    Undone,
    Invalid,
    Failed(StorageError),
}

/// The id of the element to focus for a field with a problem.
fn field_anchor(field: Field) -> &'static str {
    match field {
        Field::Location => "location-missing",
        Field::OccurredAt => "occurred-at",
        Field::Channel => "channel-0",
        Field::SupportForm => "support-form-0",
        Field::Domains => "domain-group-0-0",
        Field::ReferralTarget => "referral-target-0",
        Field::Referrer => "referrer",
        Field::Awareness => "awareness",
        Field::TargetGroups => "target-groups-0",
        Field::Duration => "duration",
        Field::Note => "note",
        Field::Initials => "initials",
    }
}

/// Fields that live in the folded "more details" section.
fn is_detail(field: Field) -> bool {
    matches!(
        field,
        Field::OccurredAt
            | Field::Referrer
            | Field::Awareness
            | Field::TargetGroups
            | Field::Duration
            | Field::Note
            | Field::Initials
    )
}

const SAVE_BUTTON: &str = "save-contact";
const UNDO_BUTTON: &str = "undo-last";
/// The form's heading, focused when the page first shows after the
/// location was chosen (the chooser's buttons are gone by then).
pub const NEW_CONTACT_TITLE: &str = "contact-form-title";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>().0;
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let tax = services.contacts().shared_taxonomy();

    let fresh = move || {
        let s = settings.get_untracked();
        services
            .contacts()
            .fresh_draft(s.location.as_deref().unwrap_or_default(), &s.initials)
    };
    let draft = RwSignal::new(fresh());
    let editing = RwSignal::new(None::<Contact>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(Status::Idle);
    let details_open = RwSignal::new(false);
    // The empty form shown after the last save: Undo puts the saved values
    // back only while the volunteer has not started on the next contact.
    let form_after_save = StoredValue::new(None::<ContactDraft>);

    let today = loaded(move || {
        version.0.track();
        let contacts = services.contacts();
        async move { contacts.today().await }
    });

    let error_for = move |field: Field| {
        Signal::derive(move || {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field == field)
                    .map(|e| i18n::problem_message(i18n.locale(), e))
            })
        })
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if status.get_untracked() == Status::Saving {
            return;
        }
        let current = draft.get_untracked();
        let previous = editing.get_untracked();
        status.set(Status::Saving);
        platform::mark("save-start");
        spawn_local(async move {
            let result = services.contacts().save(&current, previous.as_ref()).await;
            match result {
                Ok(saved) => {
                    platform::mark("save-durable");
                    platform::measure("save", "save-start", "save-durable");
                    errors.set(Vec::new());
                    editing.set(None);
                    let next = fresh();
                    form_after_save.set_value(Some(next.clone()));
                    draft.set(next);
                    status.set(Status::Saved(saved));
                    version.bump();
                }
                Err(SaveError::Invalid(found)) => {
                    if found.iter().any(|e| is_detail(e.field)) {
                        details_open.set(true);
                    }
                    let first = found.first().map(|e| field_anchor(e.field));
                    errors.set(found);
                    status.set(Status::Invalid);
                    if let Some(anchor) = first {
                        // After the error texts render and <details> opens.
                        request_animation_frame(move || platform::focus(anchor));
                    }
                }
                Err(SaveError::Storage(error)) => status.set(Status::Failed(error)),
            }
        });
    };

    let undo = move |_| {
        let last = match status.get_untracked() {
            Status::Saved(saved) | Status::Deleted(saved) => saved,
            _ => return,
        };
        spawn_local(async move {
            let contacts = services.contacts();
            match contacts.undo(&last).await {
                Ok(reverted) => {
                    let was_save = !last.entry.meta.deleted;
                    let untouched =
                        form_after_save.with_value(|f| f.as_ref() == Some(&draft.get_untracked()));
                    if was_save && untouched {
                        // Back in the form, so it can be corrected and saved
                        // again: a new contact as a new one (the undone one
                        // is a tombstone), an edit as an edit.
                        draft.set(contacts.edit_draft(&last.entry.fields));
                        editing.set(last.previous.is_some().then_some(reverted));
                    }
                    form_after_save.set_value(None);
                    status.set(Status::Undone);
                    version.bump();
                    // The Undo button is gone; keep focus in the action bar.
                    request_animation_frame(|| platform::focus(SAVE_BUTTON));
                }
                Err(error) => status.set(Status::Failed(error)),
            }
        });
    };

    let start_edit = move |contact: Contact| {
        // The record first: the options that keep its retired values are
        // there before the selects take the draft's values.
        let next = services.contacts().edit_draft(&contact.fields);
        editing.set(Some(contact));
        draft.set(next);
        errors.set(Vec::new());
        status.set(Status::Idle);
        platform::focus("channel-0");
    };

    let delete = move |contact: Contact| {
        spawn_local(async move {
            match services.contacts().delete(&contact).await {
                Ok(saved) => {
                    if editing.with_untracked(|e| {
                        e.as_ref().is_some_and(|e| e.meta.id == contact.meta.id)
                    }) {
                        editing.set(None);
                        draft.set(fresh());
                    }
                    status.set(Status::Deleted(saved));
                    version.bump();
                    // The row is gone; focus goes to its Undo, not the page.
                    request_animation_frame(|| platform::focus(UNDO_BUTTON));
                }
                Err(error) => status.set(Status::Failed(error)),
            }
        });
    };

    let cancel_edit = move |_| {
        editing.set(None);
        errors.set(Vec::new());
        draft.set(fresh());
    };

    // The codes the contact being changed holds, so a value retired since
    // is still offered (and shown) in its form; none for a new contact.
    let held = move |codes: fn(&Contact) -> Vec<String>| {
        Signal::derive(move || editing.with(|e| e.as_ref().map(codes).unwrap_or_default()))
    };

    let radio = move |select: fn(&ContactDraft) -> &String| {
        Callback::new(move |code: String| draft.with(|d| *select(d) == code))
    };

    let domain_groups = {
        let lang_tax = tax.clone();
        tax.domain_groups
            .iter()
            .enumerate()
            .map(|(index, group)| {
                let terms: Vec<Term> = group
                    .domains
                    .iter()
                    .filter_map(|code| taxonomy::find(&lang_tax.domains, code).cloned())
                    .collect();
                let group = group.clone();
                let id = format!("domain-group-{index}");
                let legend_icon = group.icon.clone();
                let legend = Signal::derive(move || group.label.get(i18n.lang()).to_owned());
                view! {
                    <ChoiceGroup
                        id=id
                        legend=legend
                        legend_icon=legend_icon
                        terms=terms
                        multiple=true
                        class="domain-group"
                        keep=held(|c| c.fields.domains.clone())
                        is_selected=Callback::new(move |code: String| draft.with(|d| d.domains.contains(&code)))
                        on_toggle=Callback::new(move |code: String| draft.update(|d| d.toggle_domain(&code)))
                    />
                }
            })
            .collect_view()
    };

    let referral_terms = tax.referral_targets.clone();
    let referrer_options = term_options(
        i18n,
        tax.referrers.clone(),
        held(|c| c.fields.referrer.iter().cloned().collect()),
    );
    let awareness_options = term_options(
        i18n,
        tax.awareness.clone(),
        held(|c| c.fields.awareness.iter().cloned().collect()),
    );

    let status_line = move || {
        let t = |k| i18n.t(k);
        match status.get() {
            Status::Idle => ().into_any(),
            Status::Saving => view! { <p>{t(Key::Saving)}</p> }.into_any(),
            Status::Saved(saved) | Status::Deleted(saved) => {
                let key = if saved.entry.meta.deleted { Key::Deleted } else { Key::Saved };
                let time = timefmt::clock(
                    services.contacts().env().to_local(saved.entry.meta.updated_at),
                );
                view! {
                    <p class="saved">
                        <span>{fill(t(key), &[("time", &time)])}</span>
                        <button type="button" class="nl-button nl-button--secondary" id=UNDO_BUTTON on:click=undo>{t(Key::Undo)}</button>
                    </p>
                }
                .into_any()
            }
            Status::Undone => view! { <p>{t(Key::Undone)}</p> }.into_any(),
            Status::Invalid => view! { <p class="invalid">{t(Key::CheckFields)}</p> }.into_any(),
            Status::Failed(error) => view! {
                <ErrorNotice message=i18n::record_storage_message(i18n.locale(), &error, RecordKind::Contact) detail=error.to_string()/>
            }
            .into_any(),
        }
    };

    let note_error = error_for(Field::Note);
    let duration_error = error_for(Field::Duration);
    let initials_error = error_for(Field::Initials);
    let occurred_error = error_for(Field::OccurredAt);
    let referrer_error = error_for(Field::Referrer);
    let awareness_error = error_for(Field::Awareness);
    let described = |base: &'static str, error: Signal<Option<String>>| {
        move || {
            if error.with(Option::is_some) {
                format!("{base}-hint {base}-error")
            } else {
                format!("{base}-hint")
            }
        }
    };

    view! {
        <div class="register">
            <form class="contact-form" on:submit=submit novalidate>
                <h1 class="nl-heading nl-heading--level-1" id=NEW_CONTACT_TITLE tabindex="-1">
                    {move || i18n.t(if editing.with(Option::is_some) { Key::EditContactTitle } else { Key::NewContactTitle })}
                </h1>
                <FieldErrorText id="location-missing".into() error=error_for(Field::Location)/>
                <ChoiceGroup
                    id="channel"
                    legend=Signal::derive(move || i18n.t(Key::Channel).to_owned())
                    terms=tax.channels.clone()
                    keep=held(|c| vec![c.fields.channel.clone()])
                    is_selected=radio(|d| &d.channel)
                    on_toggle=Callback::new(move |code| draft.update(|d| d.channel = code))
                    error=error_for(Field::Channel)
                />
                <fieldset class="domains" aria-describedby=move || error_for(Field::Domains).with(|e| e.as_ref().map(|_| "domains-error"))>
                    <legend>{move || i18n.t(Key::Domains)}</legend>
                    <p class="hint">{move || i18n.t(Key::DomainsHint)}</p>
                    <div class="domain-groups">{domain_groups}</div>
                    <FieldErrorText id="domains-error".into() error=error_for(Field::Domains)/>
                </fieldset>
                <ChoiceGroup
                    id="outcome"
                    legend=Signal::derive(move || i18n.t(Key::Outcome).to_owned())
                    terms=vec![
                        Term { code: "direct".into(), label: outcome_label(Key::OutcomeDirect), icon: Some("check".into()), retired: false },
                        Term { code: "referred".into(), label: outcome_label(Key::OutcomeReferred), icon: Some("arrow".into()), retired: false },
                    ]
                    is_selected=Callback::new(move |code: String| draft.with(|d| d.referred == (code == "referred")))
                    on_toggle=Callback::new(move |code: String| draft.update(|d| d.referred = code == "referred"))
                />
                <Show when=move || draft.with(|d| d.referred)>
                    <ChoiceGroup
                        id="referral-target"
                        legend=Signal::derive(move || i18n.t(Key::ReferralTarget).to_owned())
                        terms=referral_terms.clone()
                        keep=held(|c| match &c.fields.outcome {
                            Outcome::Referred { to } => vec![to.clone()],
                            Outcome::Direct => Vec::new(),
                        })
                        is_selected=radio(|d| &d.referral_target)
                        on_toggle=Callback::new(move |code| draft.update(|d| d.referral_target = code))
                        error=error_for(Field::ReferralTarget)
                    />
                </Show>
                <ChoiceGroup
                    id="support-form"
                    legend=Signal::derive(move || i18n.t(Key::SupportForm).to_owned())
                    terms=tax.support_forms.clone()
                    keep=held(|c| vec![c.fields.support_form.clone()])
                    is_selected=radio(|d| &d.support_form)
                    on_toggle=Callback::new(move |code| draft.update(|d| d.support_form = code))
                    error=error_for(Field::SupportForm)
                    class="compact"
                />
                <details class="more" prop:open=move || details_open.get() on:toggle=move |ev| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    details_open.set(open);
                }>
                    <summary>{move || i18n.t(Key::MoreDetails)}</summary>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-field__label" for="occurred-at">{move || i18n.t(Key::OccurredAt)}</label>
                        <p class="utrecht-form-field__description hint" id="occurred-at-hint">{move || i18n.t(Key::OccurredAtHint)}</p>
                        <input
                            type="datetime-local"
                            id="occurred-at"
                            aria-describedby=described("occurred-at", occurred_error)
                            aria-invalid=move || occurred_error.with(Option::is_some).to_string()
                            prop:value=move || draft.with(|d| d.occurred_at_local.clone())
                            on:input=move |ev| draft.update(|d| d.occurred_at_local = event_target_value(&ev))
                        />
                        <FieldErrorText id="occurred-at-error".into() error=occurred_error/>
                    </div>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-field__label" for="referrer">{move || i18n.t(Key::Referrer)}</label>
                        <p class="utrecht-form-field__description hint" id="referrer-hint">{move || i18n.t(Key::ReferrerHint)}</p>
                        <select
                            id="referrer"
                            aria-describedby=described("referrer", referrer_error)
                            prop:value=move || draft.with(|d| d.referrer.clone())
                            on:change=move |ev| draft.update(|d| d.referrer = event_target_value(&ev))
                        >
                            <option value="">{move || i18n.t(Key::NotRecorded)}</option>
                            {referrer_options}
                        </select>
                        <FieldErrorText id="referrer-error".into() error=referrer_error/>
                    </div>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-field__label" for="awareness">{move || i18n.t(Key::Awareness)}</label>
                        <p class="utrecht-form-field__description hint" id="awareness-hint">{move || i18n.t(Key::AwarenessHint)}</p>
                        <select
                            id="awareness"
                            aria-describedby=described("awareness", awareness_error)
                            prop:value=move || draft.with(|d| d.awareness.clone())
                            on:change=move |ev| draft.update(|d| d.awareness = event_target_value(&ev))
                        >
                            <option value="">{move || i18n.t(Key::NotRecorded)}</option>
                            {awareness_options}
                        </select>
                        <FieldErrorText id="awareness-error".into() error=awareness_error/>
                    </div>
                    <ChoiceGroup
                        id="target-groups"
                        legend=Signal::derive(move || i18n.t(Key::TargetGroups).to_owned())
                        terms=tax.target_groups.clone()
                        keep=held(|c| c.fields.target_groups.clone())
                        multiple=true
                        class="compact"
                        is_selected=Callback::new(move |code: String| draft.with(|d| d.target_groups.contains(&code)))
                        on_toggle=Callback::new(move |code: String| draft.update(|d| d.toggle_target_group(&code)))
                        error=error_for(Field::TargetGroups)
                    />
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-field__label" for="duration">{move || i18n.t(Key::Duration)}</label>
                        <p class="utrecht-form-field__description hint" id="duration-hint">
                            {move || fill(i18n.t(Key::DurationHint), &[("max", &MAX_DURATION_MINUTES.to_string())])}
                        </p>
                        <input
                            type="text"
                            inputmode="numeric"
                            id="duration"
                            autocomplete="off"
                            aria-describedby=described("duration", duration_error)
                            aria-invalid=move || duration_error.with(Option::is_some).to_string()
                            prop:value=move || draft.with(|d| d.duration_minutes.clone())
                            on:input=move |ev| draft.update(|d| d.duration_minutes = event_target_value(&ev))
                        />
                        <FieldErrorText id="duration-error".into() error=duration_error/>
                    </div>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-field__label" for="note">{move || i18n.t(Key::Note)}</label>
                        <p class="utrecht-form-field__description hint warning" id="note-hint">
                            <Pictogram icon="warning".to_owned()/>" "
                            {move || fill(i18n.t(Key::NoteWarning), &[("max", &MAX_NOTE_CHARS.to_string())])}
                        </p>
                        <textarea
                            id="note"
                            rows="2"
                            autocomplete="off"
                            aria-describedby=described("note", note_error)
                            aria-invalid=move || note_error.with(Option::is_some).to_string()
                            prop:value=move || draft.with(|d| d.note.clone())
                            on:input=move |ev| draft.update(|d| d.note = event_target_value(&ev))
                        ></textarea>
                        <FieldErrorText id="note-error".into() error=note_error/>
                    </div>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-field__label" for="initials">{move || i18n.t(Key::Initials)}</label>
                        <p class="utrecht-form-field__description hint" id="initials-hint">{move || i18n.t(Key::InitialsHint)}</p>
                        <input
                            type="text"
                            id="initials"
                            autocomplete="off"
                            maxlength="8"
                            aria-describedby=described("initials", initials_error)
                            aria-invalid=move || initials_error.with(Option::is_some).to_string()
                            prop:value=move || draft.with(|d| d.initials.clone())
                            on:input=move |ev| draft.update(|d| d.initials = event_target_value(&ev))
                        />
                        <FieldErrorText id="initials-error".into() error=initials_error/>
                    </div>
                </details>
                // The action bar sticks to the bottom of the screen, and the
                // save notice with its Undo is in it: where the volunteer just
                // tapped, whatever the form's length. The button is never
                // disabled (focus would fall to the page); `submit` ignores a
                // second tap while saving.
                <div class="actions">
                    <button
                        type="submit"
                        id=SAVE_BUTTON
                        class="nl-button nl-button--primary big"
                        aria-disabled=move || (status.get() == Status::Saving).to_string()
                    >
                        {move || i18n.t(if editing.with(Option::is_some) { Key::SaveChanges } else { Key::Save })}
                    </button>
                    <Show when=move || editing.with(Option::is_some)>
                        <button type="button" class="nl-button nl-button--secondary" on:click=cancel_edit>{move || i18n.t(Key::CancelEdit)}</button>
                    </Show>
                    <div class="status" role="status" aria-live="polite">{status_line}</div>
                </div>
            </form>
            <TodayList today=today on_edit=Callback::new(start_edit) on_delete=Callback::new(delete)/>
        </div>
    }
}

/// A label for the two outcome tiles, built from the interface texts so the
/// tiles can reuse `ChoiceGroup`.
fn outcome_label(key: Key) -> taxonomy::Localized {
    taxonomy::Localized(
        i18n::LOCALES
            .iter()
            .map(|l| (l.code.to_owned(), l.text(key).to_owned()))
            .collect(),
    )
}

#[component]
fn TodayList(
    today: ReadSignal<Option<Result<Vec<Contact>, StorageError>>, LocalStorage>,
    on_edit: Callback<Contact>,
    on_delete: Callback<Contact>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let rows = move || {
        let contacts = services.contacts();
        let tax = contacts.taxonomy();
        let lang = i18n.lang();
        match today.get() {
            None => view! { <p>{i18n.t(Key::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! {
                <ErrorNotice message=i18n::storage_message(i18n.locale(), &error) detail=error.to_string()/>
            }
            .into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="empty">{i18n.t(Key::TodayEmpty)}</p> }.into_any()
            }
            Some(Ok(list)) => {
                let items = list
                    .into_iter()
                    .map(|contact| {
                        let time = timefmt::clock(contacts.env().to_local(contact.fields.occurred_at));
                        let channel = taxonomy::label(&tax.channels, &contact.fields.channel, lang).to_owned();
                        let domains = contact
                            .fields
                            .domains
                            .iter()
                            .map(|d| taxonomy::label(&tax.domains, d, lang))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let outcome = match &contact.fields.outcome {
                            Outcome::Direct => i18n.t(Key::OutcomeDirect).to_owned(),
                            Outcome::Referred { to } => fill(
                                i18n.t(Key::ReferredTo),
                                &[("to", taxonomy::label(&tax.referral_targets, to, lang))],
                            ),
                        };
                        let about = [("time", time.as_str()), ("domains", domains.as_str())];
                        let edit_label = fill(i18n.t(Key::EditContactAt), &about);
                        let delete_label = fill(i18n.t(Key::DeleteContactAt), &about);
                        let confirm_label = fill(i18n.t(Key::ConfirmDeleteContactAt), &about);
                        let for_edit = contact.clone();
                        // Asked with the browser's own dialog: modal, focused
                        // and read out by screen readers, and no weight in the
                        // volunteer app.
                        let delete = move |_| {
                            if platform::confirm(&confirm_label) {
                                on_delete.run(contact.clone());
                            }
                        };
                        view! {
                            <li class="contact-row">
                                <div class="summary">
                                    <strong class="time">{time}</strong>
                                    <span>{channel}</span>
                                    <span>{domains}</span>
                                    <span class="outcome">{outcome}</span>
                                </div>
                                <div class="row-actions">
                                    <button type="button" class="nl-button nl-button--secondary" aria-label=edit_label on:click=move |_| on_edit.run(for_edit.clone())>
                                        {i18n.t(Key::Edit)}
                                    </button>
                                    <button type="button" class="nl-button nl-button--secondary nl-button--negative" aria-label=delete_label on:click=delete>
                                        {i18n.t(Key::Delete)}
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="today-list">{items}</ul> }.into_any()
            }
        }
    };
    let count = move || today.get().and_then(Result::ok).map_or(0, |l| l.len());
    view! {
        <section class="today" aria-labelledby="today-title">
            <h2 class="nl-heading nl-heading--level-2" id="today-title">
                {move || fill(i18n.t(Key::TodayTitle), &[("n", &crate::i18n::num(i18n.locale(), count() as u64))])}
            </h2>
            {rows}
        </section>
    }
}
