//! The initiatives screen: the year's totals and the list.

use super::Cx;
use crate::app::{I18n, Sub};
use crate::domain::initiative::{InitiativeFields, InitiativeStatus, InitiativeTotals};
use crate::i18n::{fill, initiative as ini, Key};
use crate::pages::area::{list_screen, paged_list};
use crate::service::initiatives::Initiative;
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub(super) fn InitiativeList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    list_screen::<InitiativeFields, _, _>(
        Key::NavInitiatives,
        Key::IniIntro,
        Key::IniNew,
        |services| async move {
            let initiatives = services.initiatives();
            let year = initiatives.today().year();
            let (list, totals) = initiatives.overview(year).await?;
            Ok((list, year, totals))
        },
        move |(list, year, totals)| {
            view! {
                <YearTotals year=year totals=totals/>
                <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::IniListHeading)}</h2>
                <InitiativeItems list=list/>
            }
            .into_any()
        },
    )
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
                    (
                        "initiatives",
                        &crate::i18n::num(i18n.locale(), totals.initiatives),
                    ),
                    (
                        "participants",
                        &crate::i18n::num(i18n.locale(), totals.participants),
                    ),
                    (
                        "moments",
                        &crate::i18n::num(i18n.locale(), totals.support_moments),
                    ),
                ],
            )
        }
    };
    let per_status = move || {
        let locale = i18n.locale();
        let list = InitiativeStatus::ALL
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    ini::status(locale, *s),
                    crate::i18n::num(locale, totals.with_status(*s))
                )
            })
            .collect::<Vec<_>>()
            .join(" · ");
        fill(i18n.t(Key::IniTotalsStatus), &[("list", &list)])
    };
    view! {
        <div class="growth-summary year-totals">
            <h2 class="nl-heading nl-heading--level-2">{heading}</h2>
            <p class="headline" data-testid="initiative-totals">{counts}</p>
            <p data-testid="initiative-status-totals">{per_status}</p>
        </div>
    }
}

#[component]
fn InitiativeItems(list: Vec<Initiative>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let cx = Cx::get();
    if list.is_empty() {
        return view! { <p>{move || i18n.t(Key::IniEmpty)}</p> }.into_any();
    }
    let row = move |i: Initiative| {
        let name = i.fields.name.clone();
        let kind = i.fields.initiative_kind;
        let status = i.fields.status;
        let open_label = fill(i18n.t(Key::IniOpen), &[("name", &name)]);
        view! {
            <li class="record-item">
                <strong>{name.clone()}</strong>
                <span>{move || ini::kind(i18n.locale(), kind)}</span>
                <span>{move || ini::status(i18n.locale(), status)}</span>
                <a class="nl-button nl-button--secondary" aria-label=open_label href=cx.href(Sub::Detail(i.meta.id))>
                    {move || i18n.t(Key::IniOpenShort)}
                </a>
            </li>
        }
    };
    paged_list("record-list", &list, row)
}
