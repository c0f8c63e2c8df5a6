//! Help with self-organisation: the year's initiatives and participants,
//! the list, a new initiative, a correction of one's name, kind and start,
//! and one initiative's status, participants and log of support moments.

use crate::app::{DataVersion, I18n, Services};
use crate::components::{entry_view, loaded_view, save_messages, DoneNotice, ProblemList};
use crate::domain::initiative::{
    InitiativeField, InitiativeFields, InitiativeKind, InitiativeStatus, InitiativeTotals,
    ParticipantsForm, SupportForm, SupportMoment,
};
use crate::domain::record::RecordId;
use crate::i18n::{self, fill, initiative as ini, trajectory::date, Key};
use crate::service::initiatives::Initiative;
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum View {
    List,
    New,
    Edit(RecordId),
    Detail(RecordId),
}

type Done = crate::components::Done<InitiativeFields>;

fn unreadable_messages(i18n: I18n, found: &[InitiativeField]) -> Vec<String> {
    let locale = i18n.locale();
    found.iter().map(|f| ini::unreadable(locale, *f)).collect()
}

#[component]
pub fn InitiativesPage() -> impl IntoView {
    let view = RwSignal::new(View::List);
    let done = RwSignal::new(None::<Done>);
    view! {
        <section class="initiatives">
            <DoneNotice done=done on_undone=Callback::new(move |back: Initiative| view.set(if back.meta.deleted { View::List } else { View::Detail(back.meta.id) }))/>
            {move || match view.get() {
                View::List => view! { <InitiativeList view=view/> }.into_any(),
                View::New => view! { <InitiativeForm view=view done=done editing=None/> }.into_any(),
                View::Edit(id) => view! { <EditInitiative id=id view=view done=done/> }.into_any(),
                View::Detail(id) => view! { <InitiativeDetail id=id view=view done=done/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn InitiativeList(view: RwSignal<View>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let data = LocalResource::new(move || {
        version.0.track();
        let initiatives = services.initiatives();
        async move {
            let year = initiatives.today().year();
            let (list, totals) = initiatives.overview(year).await?;
            Ok::<_, crate::storage::StorageError>((list, year, totals))
        }
    });
    let content = move || {
        loaded_view(i18n, data.get(), |(list, year, totals)| {
            view! {
                <YearTotals year=year totals=totals/>
                <h2>{move || i18n.t(Key::IniListHeading)}</h2>
                <InitiativeItems list=list view=view/>
            }
            .into_any()
        })
    };
    view! {
        <h1>{move || i18n.t(Key::NavInitiatives)}</h1>
        <p>{move || i18n.t(Key::IniIntro)}</p>
        <button type="button" class="button primary big" on:click=move |_| view.set(View::New)>
            {move || i18n.t(Key::IniNew)}
        </button>
        {content}
    }
}

#[component]
fn YearTotals(year: i32, totals: InitiativeTotals) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year.to_string();
    let heading = move || fill(i18n.t(Key::IniTotalsHeading), &[("year", &year)]);
    let counts = {
        let totals = totals.clone();
        move || {
            fill(
                i18n.t(Key::IniTotals),
                &[
                    ("initiatives", &totals.initiatives.to_string()),
                    ("participants", &totals.participants.to_string()),
                    ("moments", &totals.support_moments.to_string()),
                ],
            )
        }
    };
    let per_status = move || {
        let locale = i18n.locale();
        let list = InitiativeStatus::ALL
            .iter()
            .map(|s| format!("{} {}", ini::status(locale, *s), totals.with_status(*s)))
            .collect::<Vec<_>>()
            .join(" · ");
        fill(i18n.t(Key::IniTotalsStatus), &[("list", &list)])
    };
    view! {
        <div class="growth-summary year-totals">
            <h2>{heading}</h2>
            <p class="headline" data-testid="initiative-totals">{counts}</p>
            <p data-testid="initiative-status-totals">{per_status}</p>
        </div>
    }
}

#[component]
fn InitiativeItems(list: Vec<Initiative>, view: RwSignal<View>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    if list.is_empty() {
        return view! { <p>{move || i18n.t(Key::IniEmpty)}</p> }.into_any();
    }
    let items = list
        .into_iter()
        .map(|i| {
            let id = i.meta.id;
            let name = i.fields.name.clone();
            let kind = i.fields.initiative_kind;
            let status = i.fields.status;
            let open_label = fill(i18n.t(Key::IniOpen), &[("name", &name)]);
            view! {
                <li class="record-item">
                    <strong>{name.clone()}</strong>
                    <span>{move || ini::kind(i18n.locale(), kind)}</span>
                    <span>{move || ini::status(i18n.locale(), status)}</span>
                    <button type="button" class="button" aria-label=open_label on:click=move |_| view.set(View::Detail(id))>
                        {move || i18n.t(Key::IniOpenShort)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="record-list">{items}</ul> }.into_any()
}

fn kind_options(i18n: I18n) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || {
        InitiativeKind::ALL
            .iter()
            .map(|k| view! { <option value=k.code()>{ini::kind(i18n.locale(), *k)}</option> })
            .collect_view()
            .into_any()
    }
}

fn status_options(i18n: I18n) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || {
        InitiativeStatus::ALL
            .iter()
            .map(|s| view! { <option value=s.code()>{ini::status(i18n.locale(), *s)}</option> })
            .collect_view()
            .into_any()
    }
}

#[component]
fn EditInitiative(
    id: RecordId,
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    entry_view(
        id,
        false,
        move || view.set(View::List),
        move |i| {
            view! { <InitiativeForm view=view done=done editing=Some(i)/> }
        },
    )
}

/// A new initiative, or a correction of a stored one's name, kind and start:
/// its status, participants and support log have their own controls on the
/// card, so the correction leaves them out.
#[component]
fn InitiativeForm(
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
    editing: Option<Initiative>,
) -> impl IntoView {
    use crate::domain::initiative::InitiativeForm as Form;
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    // The form as typed (the domain's form, not this component).
    let form = RwSignal::new(match &editing {
        Some(i) => Form::from_fields(&i.fields),
        None => Form::fresh(services.initiatives().today()),
    });
    let problems = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);
    let is_new = editing.is_none();
    let editing = StoredValue::new(editing);
    let heading = move || match editing.with_value(|e| e.as_ref().map(|i| i.fields.name.clone())) {
        Some(name) => fill(i18n.t(Key::IniEditHeading), &[("name", &name)]),
        None => i18n.t(Key::IniNew).to_owned(),
    };
    let cancel = move |_| {
        view.set(
            match editing.with_value(|e| e.as_ref().map(|i| i.meta.id)) {
                Some(id) => View::Detail(id),
                None => View::List,
            },
        )
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let editing = editing.get_value();
        let read = form.with_untracked(|f| match &editing {
            Some(old) => f.revise(&old.fields),
            None => f.read(),
        });
        let fields = match read {
            Ok(fields) => fields,
            Err(found) => return problems.set(unreadable_messages(i18n, &found)),
        };
        saving.set(true);
        spawn_local(async move {
            let result = services.initiatives().save(fields, editing.as_ref()).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    problems.set(Vec::new());
                    let name = saved.entry.fields.name.clone();
                    let said = if editing.is_some() {
                        Key::IniChanged
                    } else {
                        Key::IniSaved
                    };
                    view.set(View::Detail(saved.entry.meta.id));
                    done.set(Some(Done {
                        text: fill(i18n.t(said), &[("name", &name)]),
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => problems.set(save_messages(i18n, &error, ini::problem)),
            }
        });
    };

    // A stored initiative's status and participants are changed on its card.
    let current = if is_new {
        view! {
            <div class="field">
                <label for="ini-status">{move || i18n.t(Key::IniStatusLabel)}</label>
                <select id="ini-status" prop:value=move || form.with(|f| f.status.clone())
                    on:change=move |ev| form.update(|f| f.status = event_target_value(&ev))>
                    {status_options(i18n)}
                </select>
            </div>
            <div class="field">
                <label for="ini-participants">{move || i18n.t(Key::IniParticipantsLabel)}</label>
                <p class="hint" id="ini-participants-hint">{move || i18n.t(Key::IniParticipantsHint)}</p>
                <input type="text" inputmode="numeric" id="ini-participants" autocomplete="off" size="6"
                    aria-describedby="ini-participants-hint"
                    prop:value=move || form.with(|f| f.participants.clone())
                    on:input=move |ev| form.update(|f| f.participants = event_target_value(&ev))/>
            </div>
        }
        .into_any()
    } else {
        view! { <p class="hint">{move || i18n.t(Key::IniEditNote)}</p> }.into_any()
    };

    view! {
        <h1>{heading}</h1>
        <ProblemList problems=problems/>
        <form class="record-form" on:submit=save novalidate>
            <div class="field">
                <label for="ini-name">{move || i18n.t(Key::IniNameLabel)}</label>
                <p class="hint" id="ini-name-hint">{move || i18n.t(Key::IniNameHint)}</p>
                <input type="text" id="ini-name" autocomplete="off" aria-describedby="ini-name-hint"
                    prop:value=move || form.with(|f| f.name.clone())
                    on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="ini-kind">{move || i18n.t(Key::IniKindLabel)}</label>
                <select id="ini-kind" prop:value=move || form.with(|f| f.kind.clone())
                    on:change=move |ev| form.update(|f| f.kind = event_target_value(&ev))>
                    {kind_options(i18n)}
                </select>
            </div>
            <div class="field">
                <label for="ini-start">{move || i18n.t(Key::IniStartLabel)}</label>
                <input type="date" id="ini-start" prop:value=move || form.with(|f| f.start.clone())
                    on:input=move |ev| form.update(|f| f.start = event_target_value(&ev))/>
            </div>
            {current}
            <div class="row-actions">
                <button type="submit" class="button primary big" disabled=move || saving.get()>
                    {move || i18n.t(Key::IniSave)}
                </button>
                <button type="button" class="button" on:click=cancel>
                    {move || i18n.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn InitiativeDetail(
    id: RecordId,
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    entry_view(
        id,
        true,
        move || view.set(View::List),
        move |i| {
            view! { <InitiativeCard initiative=i view=view done=done/> }
        },
    )
}

#[component]
fn InitiativeCard(
    initiative: Initiative,
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
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
            i18n.t(Key::IniDetailStatus),
            &[
                ("status", ini::status(i18n.locale(), status)),
                ("participants", &participants.to_string()),
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
    let problems = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);

    // Every change on this card: store it, then say so with Undo.
    let apply = move |change: Change| {
        if saving.get_untracked() {
            return;
        }
        let current = stored.get_value();
        saving.set(true);
        spawn_local(async move {
            let initiatives = services.initiatives();
            let result = match &change {
                Change::Status(s) => initiatives.set_status(&current, *s).await,
                Change::Participants(n) => {
                    let mut fields = current.fields.clone();
                    fields.participants = *n;
                    initiatives.save(fields, Some(&current)).await
                }
                Change::Moment(m) => initiatives.add_support_moment(&current, m.clone()).await,
            };
            saving.set(false);
            match result {
                Ok(saved) => {
                    let fields = &saved.entry.fields;
                    let name = fields.name.as_str();
                    let text = match change {
                        Change::Status(s) => fill(
                            i18n.t(Key::IniStatusSaved),
                            &[("name", name), ("status", ini::status(i18n.locale(), s))],
                        ),
                        Change::Participants(n) => fill(
                            i18n.t(Key::IniParticipantsSaved),
                            &[("name", name), ("participants", &n.to_string())],
                        ),
                        Change::Moment(_) => fill(i18n.t(Key::IniSupportSaved), &[("name", name)]),
                    };
                    problems.set(Vec::new());
                    done.set(Some(Done {
                        text,
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => problems.set(save_messages(i18n, &error, ini::problem)),
            }
        });
    };

    let status_choice = RwSignal::new(status.code().to_owned());
    let change_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(s) = status_choice.with_untracked(|c| InitiativeStatus::from_code(c)) {
            apply(Change::Status(s));
        }
    };
    let participants_form = RwSignal::new(ParticipantsForm::of(&fields));
    let update_participants = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match participants_form.with_untracked(ParticipantsForm::read) {
            Ok(n) => apply(Change::Participants(n)),
            Err(found) => problems.set(unreadable_messages(i18n, &found)),
        }
    };
    let moment_form = RwSignal::new(SupportForm::fresh(services.initiatives().today()));
    let add_moment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match moment_form.with_untracked(SupportForm::read) {
            Ok(moment) => apply(Change::Moment(moment)),
            Err(found) => problems.set(unreadable_messages(i18n, &found)),
        }
    };

    let delete = move |_| {
        let i = stored.get_value();
        spawn_local(async move {
            match services.initiatives().delete(&i).await {
                Ok(saved) => {
                    view.set(View::List);
                    let name = saved.entry.fields.name.clone();
                    done.set(Some(Done {
                        text: fill(i18n.t(Key::IniDeleted), &[("name", &name)]),
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

    view! {
        <button type="button" class="button subtle" on:click=move |_| view.set(View::List)>
            {move || i18n.t(Key::BackToList)}
        </button>
        <h1>{name.clone()}</h1>
        <p class="status-line">{line}</p>
        <p class="headline" data-testid="initiative-status">{status_line}</p>
        <div class="row-actions">
            <button type="button" class="button" aria-label=edit_label on:click=move |_| view.set(View::Edit(id))>
                {move || i18n.t(Key::IniEdit)}
            </button>
            <button type="button" class="button danger" aria-label=delete_label on:click=delete>
                {move || i18n.t(Key::Delete)}
            </button>
        </div>
        <ProblemList problems=problems/>
        <div class="inline-forms">
            <form class="record-form inline-form" on:submit=change_status novalidate>
                <div class="field">
                    <label for="ini-detail-status">{move || i18n.t(Key::IniStatusLabel)}</label>
                    <select id="ini-detail-status" prop:value=move || status_choice.get()
                        on:change=move |ev| status_choice.set(event_target_value(&ev))>
                        {status_options(i18n)}
                    </select>
                </div>
                <button type="submit" class="button" disabled=move || saving.get()>
                    {move || i18n.t(Key::IniStatusChange)}
                </button>
            </form>
            <form class="record-form inline-form" on:submit=update_participants novalidate>
                <div class="field">
                    <label for="ini-detail-participants">{move || i18n.t(Key::IniParticipantsLabel)}</label>
                    <input type="text" inputmode="numeric" id="ini-detail-participants" autocomplete="off" size="6"
                        prop:value=move || participants_form.with(|f| f.participants.clone())
                        on:input=move |ev| participants_form.update(|f| f.participants = event_target_value(&ev))/>
                </div>
                <button type="submit" class="button" disabled=move || saving.get()>
                    {move || i18n.t(Key::IniParticipantsUpdate)}
                </button>
            </form>
        </div>
        <section class="support-moments">
            <h2>{move || i18n.t(Key::IniSupportHeading)}</h2>
            {if has_moments {
                view! { <ul class="support-list">{moments}</ul> }.into_any()
            } else {
                view! { <p>{move || i18n.t(Key::IniSupportNone)}</p> }.into_any()
            }}
            <form class="record-form" on:submit=add_moment novalidate>
                <div class="field">
                    <label for="support-date">{move || i18n.t(Key::IniSupportDate)}</label>
                    <input type="date" id="support-date" prop:value=move || moment_form.with(|f| f.date.clone())
                        on:input=move |ev| moment_form.update(|f| f.date = event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="support-note">{move || i18n.t(Key::IniSupportNote)}</label>
                    <input type="text" id="support-note" autocomplete="off"
                        prop:value=move || moment_form.with(|f| f.note.clone())
                        on:input=move |ev| moment_form.update(|f| f.note = event_target_value(&ev))/>
                </div>
                <button type="submit" class="button" disabled=move || saving.get()>
                    {move || i18n.t(Key::IniSupportAdd)}
                </button>
            </form>
        </section>
    }
}

/// A change to a stored initiative made on its card.
#[derive(Clone, Debug)]
enum Change {
    Status(InitiativeStatus),
    Participants(u32),
    Moment(SupportMoment),
}
