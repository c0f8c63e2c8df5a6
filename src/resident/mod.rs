//! The resident survey app (`/enquete/`): a separate, small wasm over the
//! same library, so a resident's phone never downloads staff screens and no
//! staff data can be shown in resident mode.
//!
//! It reads the survey link from the URL fragment, lets the resident choose a
//! language, asks one question per screen, and stores the response through
//! `SurveyService`. In kiosk mode it resets itself and only staff with the
//! code from the settings can leave it.

mod answer;
mod fill;
mod kiosk;
mod state;

use crate::domain::survey::edit::{definition_for, latest_published};
use crate::domain::survey::link::SurveyLink;
use crate::domain::survey::public::{accept_for_link, public_doc_id};
use crate::domain::survey::SurveyDefinition;
use crate::i18n::{self, I18n, Key};
use crate::platform::{self, BrowserEnv};
use crate::service::surveys::SurveyService;
use crate::storage::indexeddb::{IdbStore, DB_NAME};
use crate::storage::{settings_store, StorageError};
use leptos::context::Provider;
use leptos::prelude::*;
use state::{ResidentLang, ResidentServices};
use std::rc::Rc;

/// The survey a link carries: only a published, valid definition with the
/// id the link names is shown; anything else counts as not found.
async fn unpacked_definition(packed: &str, survey_id: &str) -> Option<SurveyDefinition> {
    accept_for_link(&platform::unpack(packed).await?, survey_id)
}

/// An own survey behind a short link: the newest published version from
/// the organisation's drop-off, or offline the copy this phone kept
/// (public/codec.js).
async fn fetched_definition(survey_id: &str, dropoff: &str) -> Option<SurveyDefinition> {
    let address = format!("{dropoff}/{}", public_doc_id(survey_id));
    accept_for_link(&platform::fetch_public(&address).await?, survey_id)
}

/// While this device is a kiosk, the survey app shows the kiosk's link
/// whatever the address says: taking `&kiosk=1` off the address, or
/// another survey's link, does not leave the kiosk. Returns whether the
/// page is being sent there.
fn keep_to_kiosk() -> bool {
    let Some(kiosk) = settings_store::kiosk() else {
        return false;
    };
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    if here == kiosk {
        return false;
    }
    // The same page with another fragment is not loaded anew by itself.
    window_event_listener_untyped("hashchange", |_| platform::reload());
    platform::replace_location(&kiosk);
    true
}

#[component]
pub fn SurveyApp() -> impl IntoView {
    if keep_to_kiosk() {
        return ().into_any();
    }
    let link = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|hash| SurveyLink::parse(&hash));
    // Another QR code opened in the same tab: start that survey afresh
    // (answers in progress belong to the survey they were given for).
    let on_new_link = window_event_listener_untyped("hashchange", |_| platform::reload());
    on_cleanup(move || on_new_link.remove());
    // The survey: a built-in one, or the organisation's own from this
    // device's database (a kiosk, or a coordinator's preview).
    let wanted = link.clone();
    let opened: LocalResource<Result<(ResidentServices, Option<SurveyDefinition>), StorageError>> =
        LocalResource::new(move || {
            let wanted = wanted.clone();
            async move {
                let store = IdbStore::open(DB_NAME).await?;
                let _ = platform::request_persistence().await;
                let device_id = settings_store::device_id(platform::new_device_id);
                let surveys = SurveyService::new(Rc::new(store), BrowserEnv, device_id);
                let versions = surveys.versions().await?;
                let definition = match wanted {
                    None => None,
                    Some(link) => match (&link.packed, link.version) {
                        (Some(packed), _) => unpacked_definition(packed, &link.survey).await,
                        (None, Some(version)) => {
                            definition_for(&versions, &link.survey, version).cloned()
                        }
                        (None, None) => match latest_published(&versions, &link.survey) {
                            Some(definition) => Some(definition.clone()),
                            None => match &link.dropoff {
                                Some(dropoff) => fetched_definition(&link.survey, dropoff).await,
                                None => None,
                            },
                        },
                    },
                };
                Ok((ResidentServices::new(surveys), definition))
            }
        });

    // The link's language, else the survey's own first one once it is
    // loaded, else Dutch: derived, not set while rendering.
    let survey_lang = Signal::derive(move || {
        opened.with(|o| match o {
            Some(Ok((_, Some(definition)))) => Some(definition.default_lang().to_owned()),
            _ => None,
        })
    });
    let lang = ResidentLang::new(link.as_ref().and_then(|l| l.lang.clone()), survey_lang);
    provide_context(lang);
    let i18n = I18n::new(move || i18n::locale(&lang.get()));
    provide_context(i18n);
    Effect::new(move |_| {
        let locale = i18n.locale();
        platform::set_document_language(locale.code, locale.dir);
    });

    let Some(link) = link else {
        return view! {
            <main id="main" class="resident">
                <div class="notice error" role="alert">
                    <p>{move || i18n.t(Key::SurveyNotFound)}</p>
                </div>
            </main>
        }
        .into_any();
    };
    let link = StoredValue::new(link);
    view! {
        <main id="main" class="resident">
            {move || match opened.get() {
                None => view! { <p class="loading" role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! {
                    <div class="notice error" role="alert">
                        <p>{i18n::storage_message(i18n.locale(), &error)}</p>
                    </div>
                }
                .into_any(),
                Some(Ok((_, None))) => view! {
                    <div class="notice error" role="alert">
                        <p>{i18n.t(Key::SurveyNotFound)}</p>
                    </div>
                }
                .into_any(),
                Some(Ok((services, Some(definition)))) => view! {
                    <Provider value=services>
                        <fill::SurveyFlow definition=definition link=link.get_value()/>
                    </Provider>
                }
                .into_any(),
            }}
        </main>
    }
    .into_any()
}
