//! The coordinator's surveys: the built-in ones and the organisation's own,
//! each with its status, the link and QR code for a phone, the responses
//! stored here with the response rate, a kiosk start, copy and edit.

use super::survey_editor::SurveyEditor;
use super::survey_link::{link_to, phone_dropoff};
use crate::app::{DataVersion, I18n, Nav, Route, Services, SettingsCx};
use crate::components::{ErrorNotice, QrCode};
use crate::domain::survey::edit::{latest, latest_published};
use crate::domain::survey::link::SurveyLink;
use crate::domain::survey::public::is_builtin;
use crate::domain::survey::templates;
use crate::domain::survey::{response_rate_tenths, SurveyDefinition, SurveyStatus};
use crate::i18n::{self, fill, Key};
use crate::platform;
use crate::service::surveys::AdminError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The link that opens survey `survey_id` on this tablet as a kiosk (which
/// reads an own survey from its database, and sends answers by its sync).
fn kiosk_link(survey_id: &str, location: Option<String>) -> String {
    link_to(SurveyLink {
        survey: survey_id.to_owned(),
        location,
        kiosk: true,
        ..SurveyLink::default()
    })
}

/// The surveys (`#/enquetes`), or one version in the editor
/// (`#/enquetes/<id>/<version>`).
#[component]
pub fn SurveysPage() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let editing = Memo::new(move |_| match nav.route() {
        Route::SurveyEditor(id, version) => Some((id, version)),
        _ => None,
    });
    view! {
        <section class="surveys">
            {move || match editing.get() {
                Some((id, version)) => view! { <EditorScreen id=id version=version/> }.into_any(),
                None => view! { <SurveyList/> }.into_any(),
            }}
        </section>
    }
}

/// One survey version in the editor, read once when its address opens (a
/// reload or a link opens it too); closing goes back to the list.
#[component]
fn EditorScreen(id: String, version: u32) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let data = expect_context::<DataVersion>();
    let nav = expect_context::<Nav>();
    let loaded = crate::components::loaded(move || {
        let surveys = services.surveys();
        async move { surveys.versions().await }
    });
    let close = Callback::new(move |_| {
        data.bump();
        nav.finish(Route::Surveys);
    });
    move || {
        match loaded.get() {
        None => view! { <p role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorNotice message=i18n::storage_message(i18n.locale(), &error) detail=error.to_string()/>
        }
        .into_any(),
        Some(Ok(all)) => match all.into_iter().find(|d| d.id == id && d.version == version) {
            Some(draft) => view! { <SurveyEditor draft=draft on_close=close/> }.into_any(),
            None => view! {
                <p role="status">{move || i18n.t(Key::RecordGone)}</p>
                <p><a class="nl-button nl-button--secondary" href=Route::Surveys.href()>{move || i18n.t(Key::NavSurveys)}</a></p>
            }
            .into_any(),
        },
    }
    }
}

#[component]
fn SurveyList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let nav = expect_context::<Nav>();
    let problem = RwSignal::new(None::<String>);
    let versions = crate::components::loaded(move || {
        version.0.track();
        let surveys = services.surveys();
        async move { surveys.versions().await }
    });

    let open_editor = move |result: Result<SurveyDefinition, AdminError>| match result {
        Ok(definition) => {
            problem.set(None);
            version.bump();
            nav.go(Route::SurveyEditor(definition.id, definition.version));
        }
        Err(error) => problem.set(Some(i18n::survey::admin_message(i18n.locale(), &error))),
    };
    let copy = Callback::new(move |from: SurveyDefinition| {
        spawn_local(async move { open_editor(services.surveys().duplicate(&from).await) });
    });
    let edit = Callback::new(move |from: SurveyDefinition| {
        spawn_local(async move { open_editor(services.surveys().edit(&from).await) });
    });

    // Saving a card's invited count bumps the data version, which reloads
    // the surveys. The list itself stays (the phase is unchanged) and each
    // card is keyed by its versions, not its invited count, so the card
    // being typed in is not drawn anew: it keeps its place and the focus.
    let phase = Memo::new(move |_| match versions.get() {
        None => Phase::Loading,
        Some(Err(error)) => Phase::Failed(
            i18n::storage_message(i18n.locale(), &error),
            error.to_string(),
        ),
        Some(Ok(_)) => Phase::Ready,
    });
    let cards = Memo::new(move |_| {
        let Some(Ok(all)) = versions.get() else {
            return Vec::new();
        };
        let mut ids: Vec<String> = Vec::new();
        for d in &all {
            if !ids.contains(&d.id) {
                ids.push(d.id.clone());
            }
        }
        ids.into_iter()
            .filter_map(|id| {
                let newest = latest(&all, &id)?.clone();
                let published = latest_published(&all, &id).cloned();
                Some((newest, published))
            })
            .collect::<Vec<_>>()
    });
    let list = move || {
        match phase.get() {
        Phase::Loading => view! { <p role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
        Phase::Failed(message, detail) => {
            view! { <ErrorNotice message=message detail=detail/> }.into_any()
        }
        Phase::Ready => view! {
            <ul class="survey-list">
                <For
                    each=move || cards.get()
                    key=|(newest, published)| {
                        (
                            newest.id.clone(),
                            newest.version,
                            newest.status == SurveyStatus::Draft,
                            published.as_ref().map(|p| p.version),
                        )
                    }
                    children=move |(newest, published)| {
                        view! { <SurveyCard newest=newest published=published copy=copy edit=edit/> }
                    }
                />
            </ul>
        }
        .into_any(),
    }
    };

    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(Key::NavSurveys)}</h1>
        <p>{move || i18n.t(Key::SurveysIntro)}</p>
        {move || problem.get().map(|p| view! { <div class="notice error" role="alert"><p>{p}</p></div> })}
        {list}
    }
}

/// Where the list of surveys is.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    /// The message and its detail.
    Failed(String, String),
    Ready,
}

#[component]
fn SurveyCard(
    newest: SurveyDefinition,
    published: Option<SurveyDefinition>,
    copy: Callback<SurveyDefinition>,
    edit: Callback<SurveyDefinition>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = expect_context::<SettingsCx>().0;
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let counted_id = newest.id.clone();
    let count = crate::components::loaded(move || {
        version.0.track();
        let surveys = services.surveys();
        let id = counted_id.clone();
        async move { surveys.count(&id).await.unwrap_or_default() }
    });
    // The KTO is handed out when a trajectory closes: those invitations
    // count by themselves, on top of the number typed in.
    let is_kto = newest.id == templates::Template::Kto.id();
    let from_trajectories = crate::components::loaded(move || {
        version.0.track();
        let trajectories = services.trajectories();
        async move {
            if is_kto {
                trajectories.kto_invitations().await.unwrap_or(0)
            } else {
                0
            }
        }
    });
    let dropoff = phone_dropoff();
    let id = newest.id.clone();
    let shown = published.clone().unwrap_or_else(|| newest.clone());
    let title = shown.title.get(i18n.lang()).to_owned();
    let status = match (&published, newest.status) {
        (Some(p), SurveyStatus::Draft) => fill(
            i18n.t(Key::SurveyStatusPublishedDraft),
            &[
                ("n", &p.version.to_string()),
                ("draft", &newest.version.to_string()),
            ],
        ),
        (Some(p), _) => fill(
            i18n.t(Key::SurveyStatusPublished),
            &[("n", &p.version.to_string())],
        ),
        (None, _) => fill(
            i18n.t(Key::SurveyStatusDraft),
            &[("n", &newest.version.to_string())],
        ),
    };
    let questions = i18n::count(
        i18n.locale(),
        Key::SurveyQuestionCount,
        shown.questions().count() as u32,
    );
    let stored = move || count.get().unwrap_or_default();
    let count_line = {
        move || {
            let c = stored();
            fill(
                i18n.plural(Key::SurveyResponseCount, c.waiting),
                &[
                    ("stored", &i18n::num(i18n.locale(), c.stored)),
                    ("waiting", &i18n::num(i18n.locale(), c.waiting)),
                ],
            )
        }
    };
    let for_copy = newest.clone();
    let for_edit = newest.clone();
    let publication = published.map(|published| {
        let id = id.clone();
        // The count as typed and saved here (the card is not drawn anew
        // when it is saved, see `SurveyList`).
        let invited = RwSignal::new(published.invited);
        let rate = move || {
            let n = stored().stored;
            let invited = invited.get() + from_trajectories.get().unwrap_or(0);
            response_rate_tenths(n, invited).map(|tenths| {
                fill(
                    i18n.t(Key::SurveyResponseRate),
                    &[("n", &i18n::num(i18n.locale(), n)), ("rate", &i18n::percent(i18n.locale(), tenths))],
                )
            })
        };
        // A built-in survey is part of every phone's app. An own survey
        // travels in its link, packed (public/codec.js), unless there is a
        // sync server: then the phone fetches it from the drop-off, where
        // this device's sync puts it (`domain::survey::public`), and the
        // link stays short.
        let builtin = is_builtin(&id);
        let json = serde_json::to_string(&published).unwrap_or_default();
        let packed = crate::components::loaded(move || {
            let json = json.clone();
            async move {
                if builtin {
                    None
                } else {
                    platform::pack(&json).await
                }
            }
        });
        let phone_link = {
            let id = id.clone();
            move || {
                let dropoff = dropoff();
                link_to(SurveyLink {
                    survey: id.clone(),
                    location: settings.with(|s| s.location.clone()),
                    packed: match dropoff {
                        Some(_) => None,
                        None => packed.get().flatten(),
                    },
                    dropoff,
                    ..SurveyLink::default()
                })
            }
        };
        let qr_title = title.clone();
        let qr = {
            let phone_link = phone_link.clone();
            view! {
                <QrCode
                    link=Signal::derive(phone_link)
                    label=Signal::derive(move || fill(i18n.t(Key::SurveyQrLabel), &[("title", &qr_title)]))
                />
            }
        };
        let href = phone_link.clone();
        let kiosk_id = id.clone();
        let start_kiosk = move |_| {
            let location = settings.with_untracked(|s| s.location.clone());
            crate::app::start_kiosk(&kiosk_link(&kiosk_id, location));
        };
        let invited_id = format!("invited-{id}");
        let invited_for = invited_id.clone();
        let hint_id = format!("{invited_id}-hint");
        let hint_for = hint_id.clone();
        let set_invited = move |ev: leptos::ev::Event| {
            let Ok(n) = event_target_value(&ev).trim().parse::<u32>() else {
                return;
            };
            let published = published.clone();
            spawn_local(async move {
                if services.surveys().set_invited(&published, n).await.is_ok() {
                    invited.set(n);
                    version.bump();
                }
            });
        };
        view! {
            <div class="utrecht-form-field">
                <label class="utrecht-form-field__label" for=invited_for>{move || i18n.t(Key::SurveyInvitedLabel)}</label>
                <p class="utrecht-form-field__description hint" id=hint_for>
                    {move || i18n.t(Key::SurveyInvitedHint)}
                    {move || {
                        // "Plus 0 …" says nothing: only a count that adds something.
                        let n = from_trajectories.get().unwrap_or(0);
                        (is_kto && n > 0).then(|| format!(" {}", fill(i18n.t(Key::SurveyKtoFromTrajectories), &[("n", &i18n::num(i18n.locale(), n))])))
                    }}
                </p>
                <input type="text" inputmode="numeric" id=invited_id aria-describedby=hint_id
                    prop:value=invited.get_untracked().to_string() on:change=set_invited/>
            </div>
            <p data-testid="response-rate">{rate}</p>
            <p>
                <strong>{move || i18n.t(Key::SurveyLinkLabel)}</strong>
                <br/>
                <a class="nl-link link" href=href target="_blank" rel="noopener">{phone_link}</a>
            </p>
            <button type="button" class="nl-button nl-button--primary" aria-describedby=format!("{id}-kiosk-hint") on:click=start_kiosk>
                {move || i18n.t(Key::KioskStartButton)}
            </button>
            <p class="hint" id=format!("{id}-kiosk-hint")>{move || i18n.t(Key::KioskPinning)}</p>
            {qr}
        }
    });
    let not_published = publication.is_none();
    // Translations nobody with that mother tongue has read yet, by name.
    let unchecked = (!newest.unchecked_languages.is_empty()).then(|| {
        let names = newest
            .unchecked_languages
            .iter()
            .map(|l| i18n::survey::language_in(i18n.locale(), l))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="hint" data-testid="unchecked-languages">{fill(i18n.t(Key::SurveyUncheckedLanguages), &[("languages", &names)])}</p> }
    });
    view! {
        <li class="survey-card">
            <div>
                <h2 class="nl-heading nl-heading--level-2">{title.clone()}</h2>
                <p class="status-line">{status}" · "{questions}</p>
                <p data-testid="response-count">{count_line}</p>
                {not_published.then(|| view! { <p class="hint">{move || i18n.t(Key::SurveyNotPublished)}</p> })}
                {unchecked}
                <div class="row-actions">
                    <button type="button" class="nl-button nl-button--secondary" on:click=move |_| copy.run(for_copy.clone())>
                        {move || i18n.t(Key::SurveyCopy)}
                    </button>
                    <button type="button" class="nl-button nl-button--secondary" on:click=move |_| edit.run(for_edit.clone())>
                        {move || i18n.t(Key::SurveyEdit)}
                    </button>
                </div>
                {publication}
            </div>
        </li>
    }
}
