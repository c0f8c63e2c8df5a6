//! The organisation's own lists (coordinator app, `#/lijsten`): per list,
//! its items with their names; rename, take out of use, use again, add;
//! and the age bands, typed as `0-3, 4-11, …, 65+` and checked.
//! Each change is saved at once as the list's next revision and syncs like
//! any record (`service::org_lists`). The screen reads the stored lists
//! itself, after every change of data, so a sync that brings a newer
//! revision shows here too.

use crate::app::{DataVersion, I18n, Services, Texts};
use crate::domain::org_list::{
    add_term, bands_text, parse_bands, rename_term, set_retired, BandsTextError, ListEditError,
    ListName, OrgListFields, MAX_LABEL_CHARS,
};
use crate::domain::taxonomy::Term;
use crate::domain::trajectory::AgeBandsError;
use crate::i18n::{self, fill, Key};
use crate::service::org_lists::{age_bands_in_effect, taxonomy_in_effect, OrgList};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn list_key(list: ListName) -> Key {
    match list {
        ListName::Locations => Key::ListsLocations,
        ListName::ReferralTargets => Key::ListsReferralTargets,
        ListName::Referrers => Key::ListsReferrers,
        _ => Key::ListsDomains,
    }
}

fn edit_message(i18n: I18n, error: &ListEditError) -> String {
    match error {
        ListEditError::EmptyLabel => i18n.t(Key::ListsErrorEmpty).to_owned(),
        ListEditError::TooLong => fill(
            i18n.t(Key::ListsErrorTooLong),
            &[("max", &MAX_LABEL_CHARS.to_string())],
        ),
        ListEditError::DuplicateLabel => i18n.t(Key::ListsErrorDuplicate).to_owned(),
        ListEditError::Full => i18n.t(Key::ListsErrorFull).to_owned(),
        ListEditError::LastActive => i18n.t(Key::ListsErrorLast).to_owned(),
        ListEditError::UnknownCode(_) => i18n.t(Key::ListsErrorUnknown).to_owned(),
    }
}

/// One edit of a list's terms.
type Edit = Box<dyn FnOnce(&mut Vec<Term>) -> Result<(), ListEditError>>;

/// What the last change did: saved, or why not.
#[derive(Clone)]
enum Outcome {
    Saved,
    Refused(String),
}

impl Outcome {
    /// The class of the line that announces `outcome`.
    fn class(outcome: &Option<Outcome>) -> &'static str {
        match outcome {
            Some(Outcome::Refused(_)) => "field-error",
            _ => "status",
        }
    }

    /// What the line says.
    fn text(outcome: &Option<Outcome>, i18n: I18n) -> String {
        match outcome {
            Some(Outcome::Saved) => i18n.t(Key::ListsSaved).to_owned(),
            Some(Outcome::Refused(text)) => text.clone(),
            None => String::new(),
        }
    }
}

/// Saves `fields` as the next revision of `record` (or as the list's first
/// record), then says how it went in `outcome` and tells every screen that
/// the data changed; `on_saved` clears what was typed.
fn save_list(
    (i18n, services, version): (I18n, Services, DataVersion),
    fields: OrgListFields,
    record: Option<OrgList>,
    outcome: RwSignal<Option<Outcome>>,
    on_saved: impl FnOnce() + 'static,
) {
    spawn_local(async move {
        let saved = services.org_lists().save(fields, record.as_ref()).await;
        outcome.set(Some(match saved {
            Ok(_) => {
                on_saved();
                Outcome::Saved
            }
            Err(error) => Outcome::Refused(i18n::storage_message(i18n.locale(), &error)),
        }));
        version.bump();
    });
}

#[component]
pub fn ListsPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let list = RwSignal::new(ListName::Locations);
    let outcome = RwSignal::new(None::<Outcome>);
    let renaming = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let added = RwSignal::new(String::new());

    let stored = crate::components::loaded(move || {
        version.0.track();
        let service = services.org_lists();
        async move { service.lists().await.unwrap_or_default() }
    });

    // The list as stored, or as in effect (built-in) before its first save.
    let current = move |lists: &[OrgList], which: ListName| -> (Option<OrgList>, OrgListFields) {
        let record = lists.iter().find(|l| l.fields.list == which).cloned();
        let stored: Vec<OrgListFields> = lists.iter().map(|l| l.fields.clone()).collect();
        let fields = OrgListFields::current(
            which,
            &taxonomy_in_effect(&stored),
            &age_bands_in_effect(&stored),
        );
        (record, fields)
    };

    // One change: applied to the list as it is now, then saved as its next
    // revision (the first save makes the list's record).
    let change = move |edit: Edit| {
        let Some(lists) = stored.get_untracked() else {
            return;
        };
        let (record, mut fields) = current(&lists, list.get_untracked());
        if let Err(error) = edit(&mut fields.terms) {
            outcome.set(Some(Outcome::Refused(edit_message(i18n, &error))));
            return;
        }
        save_list(
            (i18n, services, version),
            fields,
            record,
            outcome,
            move || {
                renaming.set(None);
                added.set(String::new());
            },
        );
    };

    let list_options = ListName::TERM_LISTS
        .into_iter()
        .map(|l| view! { <option value=l.code()>{i18n.text(list_key(l))}</option> })
        .collect_view();

    let rows = move || {
        let lists = stored.get()?;
        let (_, fields) = current(&lists, list.get());
        let lang = i18n.lang();
        let items = fields
            .terms
            .into_iter()
            .map(|term| {
                let label = term.label.get(lang).to_owned();
                let code = term.code.clone();
                let retired = term.retired;
                let input_id = format!("rename-{code}");
                let (rename_code, retire_code, save_code, edit_code) =
                    (code.clone(), code.clone(), code.clone(), code.clone());
                let is_renaming = move || renaming.with(|r| r.as_deref() == Some(&edit_code));
                let named = |key: Key| fill(i18n.t(key), &[("label", &label)]);
                let (rename_named, retire_named, restore_named, new_name_label) = (
                    named(Key::ListsRenameNamed),
                    named(Key::ListsRetireNamed),
                    named(Key::ListsRestoreNamed),
                    named(Key::ListsNewName),
                );
                let start_label = label.clone();
                let rename_form = move || {
                    let save_code = save_code.clone();
                    view! {
                        <form class="rename" on:submit=move |ev| {
                            ev.prevent_default();
                            let code = save_code.clone();
                            let name = new_name.get_untracked();
                            change(Box::new(move |terms| rename_term(terms, &code, &name)));
                        }>
                            <label for=input_id.clone()>{new_name_label.clone()}</label>
                            <input
                                id=input_id.clone()
                                type="text"
                                autocomplete="off"
                                maxlength=MAX_LABEL_CHARS.to_string()
                                prop:value=move || new_name.get()
                                on:input=move |ev| new_name.set(event_target_value(&ev))
                            />
                            <button type="submit" class="nl-button nl-button--primary">{i18n.text(Key::ListsSaveName)}</button>
                            <button type="button" class="nl-button nl-button--secondary" on:click=move |_| renaming.set(None)>
                                {i18n.text(Key::Cancel)}
                            </button>
                        </form>
                    }
                };
                view! {
                    <li class=if retired { "term retired" } else { "term" }>
                        <span class="term-label">{label.clone()}</span>
                        " "
                        <span class="hint">{fill(i18n.t(Key::ListsCode), &[("code", &code)])}</span>
                        {retired.then(|| view! { " " <span class="badge">{i18n.t(Key::ListsRetiredMark)}</span> })}
                        <div class="actions-row">
                            <button type="button" class="nl-button nl-button--secondary" aria-label=rename_named on:click=move |_| {
                                new_name.set(start_label.clone());
                                renaming.set(Some(rename_code.clone()));
                            }>
                                {i18n.text(Key::ListsRename)}
                            </button>
                            {if retired {
                                view! {
                                    <button type="button" class="nl-button nl-button--secondary" aria-label=restore_named on:click=move |_| {
                                        let code = retire_code.clone();
                                        change(Box::new(move |terms| set_retired(terms, &code, false)));
                                    }>
                                        {i18n.text(Key::ListsRestore)}
                                    </button>
                                }.into_any()
                            } else {
                                view! {
                                    <button type="button" class="nl-button nl-button--secondary" aria-label=retire_named on:click=move |_| {
                                        let code = retire_code.clone();
                                        change(Box::new(move |terms| set_retired(terms, &code, true)));
                                    }>
                                        {i18n.text(Key::ListsRetire)}
                                    </button>
                                }.into_any()
                            }}
                        </div>
                        <Show when=is_renaming>{rename_form.clone()}</Show>
                    </li>
                }
            })
            .collect_view();
        let heading = fill(
            i18n.t(Key::ListsItems),
            &[("list", i18n.t(list_key(list.get())))],
        );
        Some(view! {
            <h2 class="nl-heading nl-heading--level-2" id="list-items">{heading}</h2>
            <ul class="term-list" aria-labelledby="list-items">{items}</ul>
        })
    };

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = added.get_untracked();
        change(Box::new(move |terms| add_term(terms, &name).map(|_| ())));
    };

    view! {
        <section class="org-lists">
            <h1 class="nl-heading nl-heading--level-1">{i18n.text(Key::NavLists)}</h1>
            <p>{i18n.text(Key::ListsIntro)}</p>
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="which-list">{i18n.text(Key::ListsWhich)}</label>
                <select
                    id="which-list"
                    on:change=move |ev| {
                        if let Some(which) = ListName::from_code(&event_target_value(&ev)) {
                            renaming.set(None);
                            outcome.set(None);
                            list.set(which);
                        }
                    }
                >
                    {list_options}
                </select>
            </div>
            <p role="status" aria-live="polite" data-testid="lists-status" class=move || outcome.with(Outcome::class)>
                {move || outcome.with(|o| Outcome::text(o, i18n))}
            </p>
            {rows}
            <form class="add-term" on:submit=add>
                <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::ListsAddTitle)}</h2>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-field__label" for="new-term">{i18n.text(Key::ListsAddLabel)}</label>
                    <p class="utrecht-form-field__description hint" id="new-term-hint">{i18n.text(Key::ListsAddHint)}</p>
                    <input
                        id="new-term"
                        type="text"
                        autocomplete="off"
                        maxlength=MAX_LABEL_CHARS.to_string()
                        aria-describedby="new-term-hint"
                        prop:value=move || added.get()
                        on:input=move |ev| added.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="nl-button nl-button--primary">{i18n.text(Key::ListsAdd)}</button>
            </form>
            <AgeBandsForm/>
        </section>
    }
}

fn bands_message(i18n: I18n, error: &BandsTextError) -> String {
    let named = |key: Key, code: &str| fill(i18n.t(key), &[("code", code)]);
    match error {
        BandsTextError::Unreadable(part) => {
            fill(i18n.t(Key::ListsBandsErrorUnreadable), &[("part", part)])
        }
        BandsTextError::Invalid(error) => match error {
            AgeBandsError::Empty | AgeBandsError::NoCode { .. } => {
                i18n.t(Key::ListsBandsErrorEmpty).to_owned()
            }
            AgeBandsError::Gap { code } => named(Key::ListsBandsErrorGap, code),
            AgeBandsError::Overlap { code } => named(Key::ListsBandsErrorOverlap, code),
            AgeBandsError::Reversed { code } => named(Key::ListsBandsErrorReversed, code),
            AgeBandsError::OpenNotLast { code } => named(Key::ListsBandsErrorOpen, code),
            AgeBandsError::DuplicateCode { code } => named(Key::ListsBandsErrorTwice, code),
        },
    }
}

/// The age bands, typed as a coordinator reads them (`0-3, 4-11, …, 65+`),
/// checked and saved as the age band list's next revision.
#[component]
fn AgeBandsForm() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let typed = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<Outcome>);
    let stored = crate::components::loaded(move || {
        version.0.track();
        let service = services.org_lists();
        async move { service.lists().await.unwrap_or_default() }
    });
    // What the field shows: what is being typed, else the bands in effect.
    let shown = move || {
        typed.get().or_else(|| {
            stored.get().map(|lists| {
                let fields: Vec<OrgListFields> = lists.iter().map(|l| l.fields.clone()).collect();
                bands_text(&age_bands_in_effect(&fields))
            })
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(lists) = stored.get_untracked() else {
            return;
        };
        let text = shown().unwrap_or_default();
        let bands = match parse_bands(&text) {
            Ok(bands) => bands,
            Err(error) => {
                outcome.set(Some(Outcome::Refused(bands_message(i18n, &error))));
                return;
            }
        };
        let record = lists
            .into_iter()
            .find(|l| l.fields.list == ListName::AgeBands);
        let fields = OrgListFields {
            list: ListName::AgeBands,
            terms: Vec::new(),
            bands,
        };
        save_list(
            (i18n, services, version),
            fields,
            record,
            outcome,
            move || typed.set(None),
        );
    };
    view! {
        <form class="age-bands" on:submit=save>
            <h2 class="nl-heading nl-heading--level-2">{i18n.text(Key::ListsBandsTitle)}</h2>
            <p>{i18n.text(Key::ListsBandsIntro)}</p>
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for="age-bands">{i18n.text(Key::ListsBandsLabel)}</label>
                <p class="utrecht-form-field__description hint" id="age-bands-hint">{i18n.text(Key::ListsBandsHint)}</p>
                <input
                    id="age-bands"
                    type="text"
                    autocomplete="off"
                    maxlength="400"
                    aria-describedby="age-bands-hint age-bands-status"
                    prop:value=move || shown().unwrap_or_default()
                    on:input=move |ev| typed.set(Some(event_target_value(&ev)))
                />
            </div>
            <p id="age-bands-status" role="status" aria-live="polite" data-testid="bands-status"
                class=move || outcome.with(Outcome::class)>
                {move || outcome.with(|o| Outcome::text(o, i18n))}
            </p>
            <button type="submit" class="nl-button nl-button--primary">{i18n.text(Key::ListsBandsSave)}</button>
        </form>
    }
}
