//! One activity (`#/activiteiten/<id>`): its kind, theme and place, the
//! questionnaire to hand out with its QR code, and its meetings, each
//! filled in (or corrected) when it has taken place.

use super::{field_of, meeting_field, questionnaire_title, Cx};
use crate::app::{DataVersion, I18n, Nav, Services, SettingsCx, Sub};
use crate::components::{bind, entry_view, NumberField, ProblemList, QrCode};
use crate::domain::activity::Meeting;
use crate::domain::record::RecordId;
use crate::domain::survey::link::SurveyLink;
use crate::domain::survey::templates::Template;
use crate::domain::taxonomy;
use crate::i18n::{activity as ac, fill, format::date, Key};
use crate::pages::area::{delete_action, dispatch, save_action, FormProblems, RecordActions};
use crate::pages::survey_link::{link_to, phone_dropoff};
use crate::service::activities::Activity;
use leptos::prelude::*;

#[component]
pub(super) fn ActivityDetail(id: RecordId) -> impl IntoView {
    entry_view(id, true, Cx::get().href(Sub::List), move |a| {
        view! { <ActivityCard activity=a/> }
    })
}

#[component]
fn ActivityCard(activity: Activity) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let cx = Cx::get();
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
                    taxonomy::label(&services.taxonomy().domains, &theme, i18n.lang()),
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
    let dropoff = phone_dropoff();
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
                        dropoff: dropoff(),
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
            let filled = crate::components::loaded(move || {
                version.0.track();
                let surveys = services.surveys();
                let activity = activity_id.to_string();
                async move { surveys.responses_at(&activity).await.unwrap_or(0) }
            });
            let filled_line = move || {
                fill(
                    i18n.t(Key::ActSurveyFilled),
                    &[(
                        "n",
                        &crate::i18n::num(i18n.locale(), filled.get().unwrap_or(0)),
                    )],
                )
            };
            view! {
                <div class="handout">
                    <p data-testid="questionnaires-filled">{filled_line}</p>
                    <p>{move || i18n.t(Key::ActSurveyHandout)}</p>
                    <p><a class="nl-link link" href=link target="_blank" rel="noopener">{link}</a></p>
                    <QrCode link=link label=label/>
                </div>
            }
        });
    let delete_label = fill(i18n.t(Key::ActDeleteLabel), &[("title", &title)]);
    let edit_label = fill(i18n.t(Key::ActEditLabel), &[("title", &title)]);

    let problems = FormProblems::new();
    let stored = StoredValue::new(activity);
    let delete = delete_action(problems, ac::problem, move |a: &Activity| {
        fill(i18n.t(Key::ActDeleted), &[("title", &a.fields.title)])
    });

    // The one meeting whose form is open; one at a time keeps the labels
    // unique on the page.
    let open = RwSignal::new(None::<usize>);
    let of = fields.meetings.len();
    let meetings = fields
        .meetings
        .iter()
        .enumerate()
        .map(|(index, meeting)| {
            view! { <MeetingRow activity=stored index=index of=of meeting=meeting.clone() open=open/> }
        })
        .collect_view();

    view! {
        <a class="nl-button nl-button--subtle" href=cx.href(Sub::List)>{move || i18n.t(Key::BackToList)}</a>
        <h1 class="nl-heading nl-heading--level-1">{title.clone()}</h1>
        <p class="status-line">{line}</p>
        <p>{survey_line}</p>
        {handout}
        <RecordActions edit_href=cx.href(Sub::Edit(activity_id)) edit=Key::ActEdit edit_label=edit_label
            delete=delete delete_label=delete_label record=stored/>
        <ProblemList problems=problems.summary/>
        <section class="meetings">
            <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::ActMeetingsHeading)}</h2>
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
                crate::i18n::activity::meeting_counts(
                    i18n.locale(),
                    meeting.participants,
                    meeting.first_time,
                    meeting.volunteers,
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
            <button type="button" class="nl-button nl-button--secondary" aria-label=button_label aria-expanded=move || is_open().to_string()
                on:click=move |_| open.set(Some(index))>
                {move || i18n.t(short)}
            </button>
            {move || is_open().then(|| view! {
                <MeetingForm activity=activity index=index meeting=meeting.get_value() open=open/>
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
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let nav = expect_context::<Nav>();
    // The counts as typed (the domain's form, not this component).
    let form = RwSignal::new(crate::domain::activity::MeetingForm::of(&meeting));
    let problems = FormProblems::new();
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
        save_action(
            problems,
            (ac::problem, field_of),
            move |meeting: Meeting| {
                let a = activity.get_value();
                async move {
                    services
                        .activities()
                        .record_meeting(&a, index, meeting)
                        .await
                }
            },
            move |_, saved| {
                fill(
                    i18n.t(Key::ActMeetingSaved),
                    &[("n", &n), ("title", &saved.entry.fields.title)],
                )
            },
            move |_| open.set(None),
        )
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.with_untracked(|f| f.read(day)) {
            Ok(meeting) => dispatch(save, meeting),
            Err(fields) => {
                let locale = i18n.locale();
                problems.show(&fields, |f| ac::unreadable_count(locale, *f), meeting_field);
            }
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
        <form class="record-form meeting-form" on:submit=submit novalidate>
            <ProblemList problems=problems.summary/>
            <fieldset>
                <legend>{legend}</legend>
                <div class="count-fields">
                    <NumberField id="meeting-participants" error=problems.beside("meeting-participants") label=Key::ActParticipantsLabel size=5
                        node_ref=first_input bound=bind(form, |f| &f.participants, |f| &mut f.participants)/>
                    <NumberField id="meeting-first-time" error=problems.beside("meeting-first-time") label=Key::ActFirstTimeLabel size=5
                        bound=bind(form, |f| &f.first_time, |f| &mut f.first_time)/>
                    <NumberField id="meeting-volunteers" error=problems.beside("meeting-volunteers") label=Key::ActVolunteersLabel size=5
                        bound=bind(form, |f| &f.volunteers, |f| &mut f.volunteers)/>
                </div>
            </fieldset>
            <div class="row-actions">
                <button type="submit" class="nl-button nl-button--primary" aria-label=save_label disabled=move || save.pending().get()>
                    {move || i18n.t(Key::ActMeetingSave)}
                </button>
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| { nav.forget_input(); open.set(None) }>
                    {move || i18n.t(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}
