//! Help with self-organisation, one screen per file: the year's initiatives
//! and participants and the list (`list`), a new initiative or a
//! correction of one's name, kind and start (`form`), and one initiative's
//! status, participants and log of support moments (`detail`). Each has its
//! address (`#/initiatieven/…`).

mod detail;
mod form;
mod list;

use super::area::area_page;
use crate::app::{Area, I18n, Sub};
use crate::domain::initiative::{
    InitiativeField, InitiativeFields, InitiativeKind, InitiativeStatus,
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

fn unreadable_messages(i18n: I18n, found: &[InitiativeField]) -> Vec<String> {
    let locale = i18n.locale();
    found.iter().map(|f| ini::unreadable(locale, *f)).collect()
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
