//! Surveys for residents: each with the link and QR code for a phone, the
//! responses stored here, and the button that turns this tablet into a kiosk.

use crate::app::{DataVersion, I18n, Services, SettingsCx};
use crate::domain::qr::qr_svg;
use crate::domain::settings::is_valid_pin;
use crate::domain::survey::link::SurveyLink;
use crate::domain::survey::templates::{self, Summary};
use crate::i18n::{self, fill, Key};
use crate::platform;
use leptos::prelude::*;

fn link_for(summary: &Summary, location: Option<String>, kiosk: bool) -> String {
    let link = SurveyLink {
        survey: summary.id.to_owned(),
        location,
        kiosk,
        ..SurveyLink::default()
    };
    format!("{}/enquete/#{}", platform::origin(), link.to_fragment())
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>().0;
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>().0;
    let counts = LocalResource::new(move || {
        version.track();
        let surveys = services.surveys();
        async move { surveys.counts().await.unwrap_or_default() }
    });
    let has_pin = move || settings.with(|s| is_valid_pin(&s.kiosk_pin));

    let cards = templates::summaries()
        .iter()
        .map(|summary| {
            let title = move || summary.title(i18n.lang()).to_owned();
            let phone_link = move || {
                let location = settings.with(|s| s.location.clone());
                link_for(summary, location, false)
            };
            let qr = move || {
                let link = phone_link();
                qr_svg(&link).map(|qr| {
                    let label = fill(i18n.t(Key::SurveyQrLabel), &[("title", &title())]);
                    view! {
                        <svg class="qr" viewBox=format!("0 0 {0} {0}", qr.size) role="img" aria-label=label shape-rendering="crispEdges">
                            <rect width="100%" height="100%" fill="#fff"/>
                            <path d=qr.path fill="#000"/>
                        </svg>
                    }
                })
            };
            let id = summary.id;
            let question_count = summary.questions;
            let languages = summary
                .languages
                .iter()
                .map(|code| i18n::LOCALES.iter().find(|l| l.code == *code).map_or(*code, |l| l.name))
                .collect::<Vec<_>>()
                .join(", ");
            let count = move || {
                let (stored, waiting) = counts
                    .get()
                    .and_then(|c| c.get(id).copied())
                    .map_or((0, 0), |c| (c.stored, c.waiting));
                fill(
                    i18n.t(Key::SurveyResponseCount),
                    &[("stored", &stored.to_string()), ("waiting", &waiting.to_string())],
                )
            };
            let start_kiosk = move |_| {
                let location = settings.with_untracked(|s| s.location.clone());
                let url = link_for(summary, location, true);
                platform::replace_location(&url);
            };
            view! {
                <li class="survey-card">
                    <div>
                        <h2>{title}</h2>
                        <p>
                            {move || fill(i18n.t(Key::SurveyQuestionCount), &[("n", &question_count.to_string())])}
                            " · "
                            {move || fill(i18n.t(Key::SurveyLanguageList), &[("langs", &languages)])}
                        </p>
                        <p data-testid="response-count">{count}</p>
                        <p>
                            <strong>{move || i18n.t(Key::SurveyLinkLabel)}</strong>
                            <br/>
                            <a class="link" href=phone_link target="_blank" rel="noopener">{phone_link}</a>
                        </p>
                        <button type="button" class="button primary" disabled=move || !has_pin() on:click=start_kiosk>
                            {move || i18n.t(Key::KioskStartButton)}
                        </button>
                        <Show when=move || !has_pin()>
                            <p class="hint">{move || i18n.t(Key::KioskNeedsPin)}</p>
                        </Show>
                    </div>
                    {qr}
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="surveys">
            <h1>{move || i18n.t(Key::NavSurveys)}</h1>
            <p>{move || i18n.t(Key::SurveysIntro)}</p>
            <ul class="survey-list">{cards}</ul>
        </section>
    }
}
