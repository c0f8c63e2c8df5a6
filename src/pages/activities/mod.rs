//! Group activities, one screen per file: the year's meetings and
//! participants and the list (`list`), a new activity (one meeting or a
//! planned series such as a course) or a correction of one, its meetings
//! untouched (`form`), and one activity's meetings, filled in one by one as
//! they take place (`detail`). Each has its address (`#/activiteiten/…`).

mod detail;
mod form;
mod list;

use super::area::area_page;
use crate::app::{Area, Sub};
use crate::domain::activity::{ActivityFields, ActivityProblem, MeetingField, MeetingProblem};
use crate::domain::survey::templates::Template;
use leptos::prelude::*;

type Cx = super::area::AreaCx<ActivityFields>;

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    area_page::<ActivityFields>(Area::Activities, "activities", |sub| match sub {
        Sub::List => view! { <list::ActivityList/> }.into_any(),
        Sub::New => view! { <form::ActivityForm editing=None/> }.into_any(),
        Sub::Edit(id) => view! { <form::EditActivity id=id/> }.into_any(),
        // An activity has no closing: its own page.
        Sub::Detail(id) | Sub::Close(id) => view! { <detail::ActivityDetail id=id/> }.into_any(),
    })
}

/// The field of the activity form, or of a meeting's form, that a problem
/// belongs to, to show it there as well as in the summary.
fn field_of(problem: &ActivityProblem) -> Option<String> {
    use ActivityProblem as P;
    let id = match problem {
        P::Title(_) => "act-title",
        P::Location(_) => "act-location",
        P::NoTheme | P::UnknownTheme(_) => "act-theme",
        P::SurveyEmpty => "act-survey",
        P::UnknownKind(_) => "act-kind",
        P::FirstDateInvalid => "act-first-date",
        P::NoMeetings | P::TooManyMeetings { .. } | P::MeetingCountInvalid { .. } => "act-count",
        P::EveryDaysInvalid { .. } => "act-every",
        P::Meeting { problem, .. } => match problem {
            MeetingProblem::HeldInFuture => return None,
            MeetingProblem::TooManyParticipants { .. } => "meeting-participants",
            MeetingProblem::FirstTimeAboveParticipants => "meeting-first-time",
            MeetingProblem::TooManyVolunteers { .. } => "meeting-volunteers",
        },
        P::NoSuchMeeting { .. } => return None,
    };
    Some(id.to_owned())
}

/// The field of a meeting's form whose count could not be read.
fn meeting_field(field: &MeetingField) -> Option<String> {
    let id = match field {
        MeetingField::Participants => "meeting-participants",
        MeetingField::FirstTime => "meeting-first-time",
        MeetingField::Volunteers => "meeting-volunteers",
    };
    Some(id.to_owned())
}

/// The built-in questionnaires an activity can be linked to: id and title.
fn questionnaires(lang: &str) -> Vec<(&'static str, String)> {
    Template::ALL
        .iter()
        .map(|t| (t.id(), t.title(lang).to_owned()))
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
