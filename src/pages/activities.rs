//! Group activities: the year's meetings and participants, the list, a new
//! activity (one meeting or a planned series such as a course), a correction
//! of one (its meetings untouched), and one activity's meetings, filled in
//! one by one as they take place.

use crate::app::{DataVersion, I18n, Services, SettingsCx};
use crate::components::{entry_view, loaded_view, save_messages, DoneNotice, ProblemList, QrCode};
use crate::domain::activity::{
    ActivityDraft, ActivityFields, ActivityKind, ActivityTotals, Meeting,
};
use crate::domain::record::RecordId;
use crate::domain::survey::link::SurveyLink;
use crate::domain::survey::templates::Template;
use crate::domain::taxonomy::{self, Term};
use crate::i18n::{self, activity as ac, fill, trajectory::date, Key};
use crate::pages::surveys::link_to;
use crate::service::activities::Activity;
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

type Done = crate::components::Done<ActivityFields>;

/// The built-in questionnaires an activity can be linked to: id and title.
fn questionnaires(lang: &str) -> Vec<(&'static str, String)> {
    Template::ALL
        .iter()
        .map(|t| {
            let definition = t.definition();
            (t.id(), definition.text(&definition.title, lang).to_owned())
        })
        .collect()
}

/// The title of questionnaire `id`, or the id itself for one this app does
/// not know (an organisation's own survey).
fn questionnaire_title(id: &str, lang: &str) -> String {
    questionnaires(lang)
        .into_iter()
        .find(|(known, _)| *known == id)
        .map_or_else(|| id.to_owned(), |(_, title)| title)
}

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let view = RwSignal::new(View::List);
    let done = RwSignal::new(None::<Done>);
    view! {
        <section class="activities">
            <DoneNotice done=done on_undone=Callback::new(move |back: Activity| view.set(if back.meta.deleted { View::List } else { View::Detail(back.meta.id) }))/>
            {move || match view.get() {
                View::List => view! { <ActivityList view=view/> }.into_any(),
                View::New => view! { <ActivityForm view=view done=done editing=None/> }.into_any(),
                View::Edit(id) => view! { <EditActivity id=id view=view done=done/> }.into_any(),
                View::Detail(id) => view! { <ActivityDetail id=id view=view done=done/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ActivityList(view: RwSignal<View>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let data = LocalResource::new(move || {
        version.0.track();
        let activities = services.activities();
        async move {
            let year = activities.today().year();
            let (list, totals) = activities.overview(year).await?;
            Ok::<_, crate::storage::StorageError>((list, year, totals))
        }
    });
    let content = move || {
        loaded_view(i18n, data.get(), |(list, year, totals)| {
            view! {
                <YearTotals year=year totals=totals/>
                <h2>{move || i18n.t(Key::ActListHeading)}</h2>
                <ActivityItems list=list view=view/>
            }
            .into_any()
        })
    };
    view! {
        <h1>{move || i18n.t(Key::NavActivities)}</h1>
        <p>{move || i18n.t(Key::ActIntro)}</p>
        <button type="button" class="button primary big" on:click=move |_| view.set(View::New)>
            {move || i18n.t(Key::ActNew)}
        </button>
        {content}
    }
}

#[component]
fn YearTotals(year: i32, totals: ActivityTotals) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year.to_string();
    let heading = {
        let year = year.clone();
        move || fill(i18n.t(Key::ActTotalsHeading), &[("year", &year)])
    };
    let meetings = move || {
        fill(
            i18n.t(Key::ActTotalsMeetings),
            &[
                ("meetings", &totals.meetings.to_string()),
                ("participants", &totals.participants.to_string()),
                ("first", &totals.first_time.to_string()),
                ("volunteers", &totals.volunteers.to_string()),
            ],
        )
    };
    let activities = move || {
        fill(
            i18n.t(Key::ActTotalsActivities),
            &[
                ("activities", &totals.activities.to_string()),
                ("with_survey", &totals.with_survey.to_string()),
            ],
        )
    };
    view! {
        <div class="growth-summary year-totals">
            <h2>{heading}</h2>
            <p class="headline" data-testid="activity-totals">{meetings}</p>
            <p data-testid="activity-count">{activities}</p>
        </div>
    }
}

#[component]
fn ActivityItems(list: Vec<Activity>, view: RwSignal<View>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    if list.is_empty() {
        return view! { <p>{move || i18n.t(Key::ActEmpty)}</p> }.into_any();
    }
    let items = list
        .into_iter()
        .map(|a| {
            let id = a.meta.id;
            let title = a.fields.title.clone();
            let kind = a.fields.activity_kind;
            let next = a
                .fields
                .next_planned()
                .and_then(|i| a.fields.meetings.get(i))
                .map(|m| m.date);
            let held = a.fields.meetings.iter().filter(|m| m.held).count().to_string();
            let of = a.fields.meetings.len().to_string();
            let open_label = fill(i18n.t(Key::ActOpen), &[("title", &title)]);
            view! {
                <li class="record-item">
                    <strong>{title.clone()}</strong>
                    <span>{move || ac::kind(i18n.locale(), kind)}</span>
                    <span>{move || match next {
                        Some(day) => fill(i18n.t(Key::ActNextMeeting), &[("date", &date(i18n.locale(), day))]),
                        None => i18n.t(Key::ActAllHeld).to_owned(),
                    }}</span>
                    <span>{move || fill(i18n.t(Key::ActHeldCount), &[("held", &held), ("of", &of)])}</span>
                    <button type="button" class="button" aria-label=open_label on:click=move |_| view.set(View::Detail(id))>
                        {move || i18n.t(Key::ActOpenShort)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="record-list">{items}</ul> }.into_any()
}

#[component]
fn EditActivity(id: RecordId, view: RwSignal<View>, done: RwSignal<Option<Done>>) -> impl IntoView {
    entry_view(
        id,
        false,
        move || view.set(View::List),
        move |a| {
            view! { <ActivityForm view=view done=done editing=Some(a)/> }
        },
    )
}

/// A new activity (one meeting, or a series planned from the first date),
/// or a correction of a stored one: its meetings stay as they are, so the
/// series fields are left out.
#[component]
fn ActivityForm(
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
    editing: Option<Activity>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let settings = expect_context::<SettingsCx>();
    let activities = services.activities();
    let taxonomy = activities.taxonomy();
    // The device's location is where most activities take place.
    let location = settings
        .0
        .with_untracked(|s| s.location.clone())
        .map(|code| taxonomy::label(&taxonomy.locations, &code, i18n.lang()).to_owned())
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
    let editing = StoredValue::new(editing);
    let heading = move || match editing.with_value(|e| e.as_ref().map(|a| a.fields.title.clone())) {
        Some(title) => fill(i18n.t(Key::ActEditHeading), &[("title", &title)]),
        None => i18n.t(Key::ActNew).to_owned(),
    };
    let cancel = move |_| {
        view.set(
            match editing.with_value(|e| e.as_ref().map(|a| a.meta.id)) {
                Some(id) => View::Detail(id),
                None => View::List,
            },
        )
    };
    let problems = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);
    let domains: Vec<Term> = taxonomy.domains.clone();
    let domains_for_parse = StoredValue::new(domains.clone());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let activities = services.activities();
        let editing = editing.get_value();
        let today = activities.today();
        let parsed = form.with_untracked(|f| {
            domains_for_parse.with_value(|d| match &editing {
                Some(old) => f.revise(&old.fields, d, today),
                None => f.parse(d, today),
            })
        });
        let fields = match parsed {
            Ok(fields) => fields,
            Err(found) => {
                let locale = i18n.locale();
                problems.set(found.iter().map(|p| ac::problem(locale, p)).collect());
                return;
            }
        };
        saving.set(true);
        spawn_local(async move {
            let result = activities.save(fields, editing.as_ref()).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    problems.set(Vec::new());
                    let title = saved.entry.fields.title.clone();
                    let said = if editing.is_some() {
                        Key::ActChanged
                    } else {
                        Key::ActSaved
                    };
                    view.set(View::Detail(saved.entry.meta.id));
                    done.set(Some(Done {
                        text: fill(i18n.t(said), &[("title", &title)]),
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => problems.set(save_messages(i18n, &error, ac::problem)),
            }
        });
    };

    let kind_options = move || {
        ActivityKind::ALL
            .iter()
            .map(|k| view! { <option value=k.code()>{ac::kind(i18n.locale(), *k)}</option> })
            .collect_view()
    };
    let theme_options = move || {
        domains
            .iter()
            .map(|t| view! { <option value=t.code.clone()>{t.label.get(i18n.lang()).to_owned()}</option> })
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
            <div class="field">
                <label for="act-first-date">{move || i18n.t(Key::ActFirstDateLabel)}</label>
                <input type="date" id="act-first-date" prop:value=move || form.with(|f| f.first_date.clone())
                    on:input=move |ev| form.update(|f| f.first_date = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="act-count">{move || i18n.t(Key::ActCountLabel)}</label>
                <p class="hint" id="act-count-hint">{move || i18n.t(Key::ActCountHint)}</p>
                <input type="text" inputmode="numeric" id="act-count" autocomplete="off" size="4"
                    aria-describedby="act-count-hint"
                    prop:value=move || form.with(|f| f.meeting_count.clone())
                    on:input=move |ev| form.update(|f| f.meeting_count = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="act-every">{move || i18n.t(Key::ActEveryLabel)}</label>
                <p class="hint" id="act-every-hint">{move || i18n.t(Key::ActEveryHint)}</p>
                <input type="text" inputmode="numeric" id="act-every" autocomplete="off" size="4"
                    aria-describedby="act-every-hint"
                    prop:value=move || form.with(|f| f.every_days.clone())
                    on:input=move |ev| form.update(|f| f.every_days = event_target_value(&ev))/>
            </div>
        }
        .into_any()
    } else {
        view! { <p class="hint">{move || i18n.t(Key::ActEditMeetingsNote)}</p> }.into_any()
    };

    view! {
        <h1>{heading}</h1>
        <ProblemList problems=problems/>
        <form class="record-form" on:submit=save novalidate>
            <div class="field">
                <label for="act-title">{move || i18n.t(Key::ActTitleLabel)}</label>
                <p class="hint" id="act-title-hint">{move || i18n.t(Key::ActTitleHint)}</p>
                <input type="text" id="act-title" autocomplete="off" aria-describedby="act-title-hint"
                    prop:value=move || form.with(|f| f.title.clone())
                    on:input=move |ev| form.update(|f| f.title = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="act-kind">{move || i18n.t(Key::ActKindLabel)}</label>
                <select id="act-kind" prop:value=move || form.with(|f| f.activity_kind.clone())
                    on:change=move |ev| form.update(|f| f.activity_kind = event_target_value(&ev))>
                    {kind_options}
                </select>
            </div>
            <div class="field">
                <label for="act-theme">{move || i18n.t(Key::ActThemeLabel)}</label>
                <select id="act-theme" prop:value=move || form.with(|f| f.theme.clone())
                    on:change=move |ev| form.update(|f| f.theme = event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::ActThemeChoose)}</option>
                    {theme_options}
                </select>
            </div>
            <div class="field">
                <label for="act-location">{move || i18n.t(Key::ActLocationLabel)}</label>
                <p class="hint" id="act-location-hint">{move || i18n.t(Key::ActLocationHint)}</p>
                <input type="text" id="act-location" autocomplete="off" aria-describedby="act-location-hint"
                    prop:value=move || form.with(|f| f.location.clone())
                    on:input=move |ev| form.update(|f| f.location = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="act-survey">{move || i18n.t(Key::ActSurveyLabel)}</label>
                <select id="act-survey" prop:value=move || form.with(|f| f.survey.clone())
                    on:change=move |ev| form.update(|f| f.survey = event_target_value(&ev))>
                    <option value="">{move || i18n.t(Key::ActSurveyNone)}</option>
                    {survey_options}
                </select>
            </div>
            {series}
            <div class="row-actions">
                <button type="submit" class="button primary big" disabled=move || saving.get()>
                    {move || i18n.t(Key::ActSave)}
                </button>
                <button type="button" class="button" on:click=cancel>
                    {move || i18n.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn ActivityDetail(
    id: RecordId,
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    entry_view(
        id,
        true,
        move || view.set(View::List),
        move |a| {
            view! { <ActivityCard activity=a view=view done=done/> }
        },
    )
}

#[component]
fn ActivityCard(
    activity: Activity,
    view: RwSignal<View>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let taxonomy = services.activities().taxonomy().clone();
    let fields = activity.fields.clone();
    let title = fields.title.clone();
    let kind = fields.activity_kind;
    let theme = fields.theme.clone();
    let location = fields.location.clone();
    let line = move || {
        fill(
            i18n.t(Key::ActDetailLine),
            &[
                ("kind", ac::kind(i18n.locale(), kind)),
                (
                    "theme",
                    taxonomy::label(&taxonomy.domains, &theme, i18n.lang()),
                ),
                ("location", &location),
            ],
        )
    };
    let survey = fields.survey.clone();
    let survey_line = move || match &survey {
        Some(id) => fill(
            i18n.t(Key::ActSurveyLine),
            &[("survey", &questionnaire_title(id, i18n.lang()))],
        ),
        None => i18n.t(Key::ActNoSurveyLine).to_owned(),
    };
    // A built-in questionnaire is part of every phone's survey app, so its
    // link and QR code can be handed out right here, at the meeting.
    let settings = expect_context::<SettingsCx>().0;
    let activity_id = activity.meta.id;
    let handout = fields
        .survey
        .clone()
        .filter(|id| Template::ALL.iter().any(|t| t.id() == id))
        .map(|id| {
            let link = {
                let id = id.clone();
                let activity = activity_id.to_string();
                Signal::derive(move || {
                    link_to(SurveyLink {
                        survey: id.clone(),
                        location: settings.with(|s| s.location.clone()),
                        activity: Some(activity.clone()),
                        ..SurveyLink::default()
                    })
                })
            };
            let label = Signal::derive(move || {
                fill(
                    i18n.t(Key::ActSurveyQrLabel),
                    &[("survey", &questionnaire_title(&id, i18n.lang()))],
                )
            });
            let filled = LocalResource::new(move || {
                version.0.track();
                let surveys = services.surveys();
                let activity = activity_id.to_string();
                async move {
                    surveys
                        .responses_per_activity()
                        .await
                        .map(|counts| counts.get(&activity).copied().unwrap_or(0))
                        .unwrap_or(0)
                }
            });
            let filled_line = move || {
                fill(
                    i18n.t(Key::ActSurveyFilled),
                    &[("n", &filled.get().unwrap_or(0).to_string())],
                )
            };
            view! {
                <div class="handout">
                    <p data-testid="questionnaires-filled">{filled_line}</p>
                    <p>{move || i18n.t(Key::ActSurveyHandout)}</p>
                    <p><a class="link" href=link target="_blank" rel="noopener">{link}</a></p>
                    <QrCode link=link label=label/>
                </div>
            }
        });
    let delete_label = fill(i18n.t(Key::ActDeleteLabel), &[("title", &title)]);
    let edit_label = fill(i18n.t(Key::ActEditLabel), &[("title", &title)]);

    let stored = StoredValue::new(activity);
    let delete = move |_| {
        let a = stored.get_value();
        spawn_local(async move {
            match services.activities().delete(&a).await {
                Ok(saved) => {
                    view.set(View::List);
                    let title = saved.entry.fields.title.clone();
                    done.set(Some(Done {
                        text: fill(i18n.t(Key::ActDeleted), &[("title", &title)]),
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

    // The one meeting whose form is open; one at a time keeps the labels
    // unique on the page.
    let open = RwSignal::new(None::<usize>);
    let of = fields.meetings.len();
    let meetings = fields
        .meetings
        .iter()
        .enumerate()
        .map(|(index, meeting)| {
            view! { <MeetingRow activity=stored index=index of=of meeting=meeting.clone() open=open done=done/> }
        })
        .collect_view();

    view! {
        <button type="button" class="button subtle" on:click=move |_| view.set(View::List)>
            {move || i18n.t(Key::BackToList)}
        </button>
        <h1>{title.clone()}</h1>
        <p class="status-line">{line}</p>
        <p>{survey_line}</p>
        {handout}
        <div class="row-actions">
            <button type="button" class="button" aria-label=edit_label
                on:click=move |_| view.set(View::Edit(activity_id))>
                {move || i18n.t(Key::ActEdit)}
            </button>
            <button type="button" class="button danger" aria-label=delete_label on:click=delete>
                {move || i18n.t(Key::Delete)}
            </button>
        </div>
        <section class="meetings">
            <h2>{move || i18n.t(Key::ActMeetingsHeading)}</h2>
            <ol class="record-list meeting-list">{meetings}</ol>
        </section>
    }
}

/// One meeting: its date and figures, and the button that opens its form.
#[component]
fn MeetingRow(
    activity: StoredValue<Activity>,
    index: usize,
    of: usize,
    meeting: Meeting,
    open: RwSignal<Option<usize>>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let n = (index + 1).to_string();
    let day = meeting.date;
    let heading = {
        let n = n.clone();
        move || {
            fill(
                i18n.t(Key::ActMeetingHeading),
                &[
                    ("n", &n),
                    ("of", &of.to_string()),
                    ("date", &date(i18n.locale(), day)),
                ],
            )
        }
    };
    let held = meeting.held;
    let figures = {
        let meeting = meeting.clone();
        move || {
            if meeting.held {
                fill(
                    i18n.t(Key::ActMeetingHeld),
                    &[
                        ("participants", &meeting.participants.to_string()),
                        ("first", &meeting.first_time.to_string()),
                        ("volunteers", &meeting.volunteers.to_string()),
                    ],
                )
            } else {
                i18n.t(Key::ActMeetingPlanned).to_owned()
            }
        }
    };
    let (short, long) = if held {
        (Key::ActCorrect, Key::ActCorrectLabel)
    } else {
        (Key::ActFillIn, Key::ActFillInLabel)
    };
    let button_label = {
        let n = n.clone();
        move || fill(i18n.t(long), &[("n", &n)])
    };
    let is_open = move || open.get() == Some(index);
    let meeting = StoredValue::new(meeting);
    view! {
        <li class="record-item meeting-item" class:held=held data-testid=format!("meeting-{}", index + 1)>
            <strong>{heading}</strong>
            <span>{figures}</span>
            <button type="button" class="button" aria-label=button_label aria-expanded=move || is_open().to_string()
                on:click=move |_| open.set(Some(index))>
                {move || i18n.t(short)}
            </button>
            {move || is_open().then(|| view! {
                <MeetingForm activity=activity index=index meeting=meeting.get_value() open=open done=done/>
            })}
        </li>
    }
}

/// Fills in (or corrects) one meeting as held.
#[component]
fn MeetingForm(
    activity: StoredValue<Activity>,
    index: usize,
    meeting: Meeting,
    open: RwSignal<Option<usize>>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    // The counts as typed (the domain's form, not this component).
    let form = RwSignal::new(crate::domain::activity::MeetingForm::of(&meeting));
    let problems = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);
    let day = meeting.date;
    let n = (index + 1).to_string();
    let first_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = first_input.get() {
            let _ = el.focus();
        }
    });

    let save = {
        let n = n.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let meeting = match form.with_untracked(|f| f.read(day)) {
                Ok(m) => m,
                Err(fields) => {
                    let locale = i18n.locale();
                    problems.set(
                        fields
                            .into_iter()
                            .map(|field| ac::unreadable_count(locale, field))
                            .collect(),
                    );
                    return;
                }
            };
            let a = activity.get_value();
            let n = n.clone();
            saving.set(true);
            spawn_local(async move {
                let result = services
                    .activities()
                    .record_meeting(&a, index, meeting)
                    .await;
                saving.set(false);
                match result {
                    Ok(saved) => {
                        let title = saved.entry.fields.title.clone();
                        open.set(None);
                        done.set(Some(Done {
                            text: fill(
                                i18n.t(Key::ActMeetingSaved),
                                &[("n", &n), ("title", &title)],
                            ),
                            undo: Some(saved),
                        }));
                        version.bump();
                    }
                    Err(error) => problems.set(save_messages(i18n, &error, ac::problem)),
                }
            });
        }
    };
    let legend = {
        let n = n.clone();
        move || {
            fill(
                i18n.t(Key::ActMeetingFormLegend),
                &[("n", &n), ("date", &date(i18n.locale(), day))],
            )
        }
    };
    let save_label = move || fill(i18n.t(Key::ActMeetingSaveLabel), &[("n", &n)]);
    view! {
        <form class="record-form meeting-form" on:submit=save novalidate>
            <ProblemList problems=problems/>
            <fieldset>
                <legend>{legend}</legend>
                <div class="count-fields">
                    <div class="field">
                        <label for="meeting-participants">{move || i18n.t(Key::ActParticipantsLabel)}</label>
                        <input type="text" inputmode="numeric" id="meeting-participants" autocomplete="off" size="5"
                            node_ref=first_input
                            prop:value=move || form.with(|f| f.participants.clone())
                            on:input=move |ev| form.update(|f| f.participants = event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="meeting-first-time">{move || i18n.t(Key::ActFirstTimeLabel)}</label>
                        <input type="text" inputmode="numeric" id="meeting-first-time" autocomplete="off" size="5"
                            prop:value=move || form.with(|f| f.first_time.clone())
                            on:input=move |ev| form.update(|f| f.first_time = event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="meeting-volunteers">{move || i18n.t(Key::ActVolunteersLabel)}</label>
                        <input type="text" inputmode="numeric" id="meeting-volunteers" autocomplete="off" size="5"
                            prop:value=move || form.with(|f| f.volunteers.clone())
                            on:input=move |ev| form.update(|f| f.volunteers = event_target_value(&ev))/>
                    </div>
                </div>
            </fieldset>
            <div class="row-actions">
                <button type="submit" class="button primary" aria-label=save_label disabled=move || saving.get()>
                    {move || i18n.t(Key::ActMeetingSave)}
                </button>
                <button type="button" class="button" on:click=move |_| open.set(None)>
                    {move || i18n.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}
