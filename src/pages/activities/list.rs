//! The activities screen: the year's totals and the list.

use super::Cx;
use crate::app::{I18n, Sub};
use crate::domain::activity::{ActivityFields, ActivityTotals};
use crate::i18n::{activity as ac, fill, format::date, Key};
use crate::pages::area::{list_screen, paged_list};
use crate::service::activities::Activity;
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub(super) fn ActivityList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    list_screen::<ActivityFields, _, _>(
        Key::NavActivities,
        Key::ActIntro,
        Key::ActNew,
        |services| async move {
            let activities = services.activities();
            let year = activities.today().year();
            let (list, totals) = activities.overview(year).await?;
            Ok((list, year, totals))
        },
        move |(list, year, totals)| {
            view! {
                <YearTotals year=year totals=totals/>
                <h2 class="nl-heading nl-heading--level-2">{move || i18n.t(Key::ActListHeading)}</h2>
                <ActivityItems list=list/>
            }
            .into_any()
        },
    )
}

#[component]
fn YearTotals(year: i32, totals: ActivityTotals) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year.to_string();
    let heading = {
        let year = year.clone();
        move || fill(i18n.t(Key::ActTotalsHeading), &[("year", &year)])
    };
    let meetings = move || crate::i18n::activity::totals_counts(i18n.locale(), &totals);
    let activities = move || {
        fill(
            i18n.t(Key::ActTotalsActivities),
            &[
                (
                    "activities",
                    &crate::i18n::num(i18n.locale(), totals.activities),
                ),
                (
                    "with_survey",
                    &crate::i18n::num(i18n.locale(), totals.with_survey),
                ),
            ],
        )
    };
    view! {
        <div class="growth-summary year-totals">
            <h2 class="nl-heading nl-heading--level-2">{heading}</h2>
            <p class="headline" data-testid="activity-totals">{meetings}</p>
            <p data-testid="activity-count">{activities}</p>
        </div>
    }
}

#[component]
fn ActivityItems(list: Vec<Activity>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let cx = Cx::get();
    if list.is_empty() {
        return view! { <p>{move || i18n.t(Key::ActEmpty)}</p> }.into_any();
    }
    let row = move |a: Activity| {
        let title = a.fields.title.clone();
        let kind = a.fields.activity_kind;
        let next = a
            .fields
            .next_planned()
            .and_then(|i| a.fields.meetings.get(i))
            .map(|m| m.date);
        let held = a
            .fields
            .meetings
            .iter()
            .filter(|m| m.held)
            .count()
            .to_string();
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
                <a class="nl-button nl-button--secondary" aria-label=open_label href=cx.href(Sub::Detail(a.meta.id))>
                    {move || i18n.t(Key::ActOpenShort)}
                </a>
            </li>
        }
    };
    paged_list("record-list", &list, row)
}
