//! Help with self-organisation, one screen per file: the year's initiatives
//! and participants and the list (`list`), a new initiative or a
//! correction of one's name, kind and start (`form`), and one initiative's
//! status, participants and log of support moments (`detail`). Each has its
//! address (`#/initiatieven/…`).

mod detail;
mod form;
mod list;

use super::area::{area_page, FormProblems, Refused};
use crate::app::{Area, I18n, Sub};
use crate::domain::initiative::{
    InitiativeField, InitiativeFields, InitiativeKind, InitiativeProblem, InitiativeStatus,
};
use crate::i18n::initiative as ini;
use leptos::prelude::*;

type Cx = super::area::AreaCx<InitiativeFields>;

#[component]
pub fn InitiativesPage() -> impl IntoView {
    area_page::<InitiativeFields>(Area::Initiatives, "initiatives", |sub| match sub {
        Sub::List => view! { <list::InitiativeList/> }.into_any(),
        Sub::New => view! { <form::InitiativeForm editing=None/> }.into_any(),
        Sub::Edit(id) => view! { <form::EditInitiative id=id/> }.into_any(),
        // An initiative has no closing: its own page.
        Sub::Detail(id) | Sub::Close(id) => view! { <detail::InitiativeDetail id=id/> }.into_any(),
    })
}

/// Shows what could not be read in an initiative's forms: in the summary,
/// and beside its field.
fn show_unreadable(i18n: I18n, problems: FormProblems, found: &[InitiativeField]) {
    let locale = i18n.locale();
    problems.show(found, |f| ini::unreadable(locale, *f), unreadable_field);
}

/// The field (its problem key) whose text could not be read.
fn unreadable_field(field: &InitiativeField) -> Option<String> {
    let id = match field {
        InitiativeField::Start => "ini-start",
        InitiativeField::Participants => "ini-participants",
        InitiativeField::SupportDate => "support-date",
    };
    Some(id.to_owned())
}

/// The words and the field of a refused initiative save, for `save_action`.
const REFUSED: Refused<InitiativeProblem> = (ini::problem, problem_field);

/// The field (its problem key) a refused save's problem belongs to: the
/// initiative's form, or on its page the participants and the support
/// moment's form.
fn problem_field(problem: &InitiativeProblem) -> Option<String> {
    use InitiativeProblem as P;
    let id = match problem {
        P::Name(_) => "ini-name",
        P::StartInFuture => "ini-start",
        P::TooManyParticipants { .. } => "ini-participants",
        P::SupportBeforeStart { .. } | P::SupportInFuture { .. } => "support-date",
        P::Note { .. } => "support-note",
    };
    Some(id.to_owned())
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
