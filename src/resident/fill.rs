//! The survey flow: start screen with language choice, one question per
//! screen, submit, thank-you. Answers live in memory until submit; the
//! service validates and stores them.

use super::answer::{spoken_options, AnswerInput};
use super::kiosk::{KioskExit, KioskTimer};
use super::state::{ResidentLang, ResidentServices, Stage};
use crate::components::{LanguageButtons, Pictogram};
use crate::domain::survey::link::SurveyLink;
use crate::domain::survey::sealed::AnswerKey;
use crate::domain::survey::{shown_questions, Answer, ResponseError, SurveyDefinition};
use crate::i18n::{self, fill, I18n, Key};
use crate::platform;
use crate::service::surveys::SubmitError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// The interface languages a survey can be filled in, in the survey's order:
/// those it has and the interface has a translation for.
fn offered_languages(definition: &SurveyDefinition) -> Vec<&'static i18n::Locale> {
    definition
        .languages
        .iter()
        .filter_map(|code| i18n::LOCALES.iter().find(|l| l.code == code))
        .collect()
}

#[component]
pub fn SurveyFlow(definition: SurveyDefinition, link: SurveyLink) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<ResidentServices>();
    let lang = expect_context::<ResidentLang>();
    let kiosk = link.kiosk;
    let idle_seconds = link.idle_seconds();
    let location = link.location.clone();
    let activity = link.activity.clone();
    // A phone delivers to the drop-off; a kiosk is a staff device, whose
    // own sync carries its answers.
    let dropoff = link.dropoff.filter(|_| !kiosk);
    let delivers = dropoff.is_some();
    let dropoff = StoredValue::new(dropoff);
    // The organisation's key: each response is sealed before it is stored.
    let key = link.key.as_deref().and_then(AnswerKey::parse);
    let sealed = key.is_some();
    let key = StoredValue::new(key);
    let definition = StoredValue::new(definition);

    let fresh = move || {
        let mut content =
            definition.with_value(|d| services.surveys().start(d, &lang.get_untracked()));
        content.location = location.clone();
        content.activity = activity.clone();
        content
    };
    let content = RwSignal::new(fresh());
    let stage = RwSignal::new(Stage::Start);
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // Whether nothing waits on this phone any more, as the service worker
    // said after its last try; `None` until its first try after a save.
    let sent = RwSignal::new(None::<bool>);
    let voices = RwSignal::new(0u32);
    platform::on_voices_changed(move || voices.update(|v| *v += 1));

    let shown = Memo::new(move |_| {
        content.with(|c| {
            definition.with_value(|d| {
                shown_questions(d, &c.answers)
                    .into_iter()
                    .map(|q| q.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });

    let reset = {
        let fresh = fresh.clone();
        move || {
            content.set(fresh());
            problem.set(None);
            stage.set(Stage::Start);
        }
    };

    let go_to = move |index: usize| {
        problem.set(None);
        stage.set(Stage::Question(index));
        request_animation_frame(|| platform::focus("q-text"));
    };

    let submit = move || {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        // The language is the one on screen when sending.
        let mut current = content.get_untracked();
        current.lang = lang.get_untracked();
        spawn_local(async move {
            let surveys = services.surveys();
            let result = definition.with_value(|d| d.clone());
            let sealer = key.get_value().map(platform::Sealer);
            let submitted = surveys
                .submit_sealed(&result, &current, sealer.as_ref())
                .await;
            match submitted {
                Ok(_) => {
                    stage.set(Stage::Thanks);
                    request_animation_frame(|| platform::focus("thanks-title"));
                    sending.set(false);
                    // A phone: its service worker delivers (public/sw.js)
                    // and says after each of its tries how many answers
                    // still wait here. The last try counts: one that began
                    // before this save may answer first.
                    if let Some(mut to) = dropoff.get_value() {
                        while let Ok(left) = JsFuture::from(platform::deliver(&to)).await {
                            sent.set(Some(left.is_falsy()));
                            to.clear(); // from now on, only hear the next try
                        }
                    }
                }
                Err(SubmitError::Invalid(errors)) => {
                    // Send the resident to the first question with a
                    // problem, and say what it is.
                    let first = errors.iter().find_map(|e| match e {
                        ResponseError::Answer { question, problem } => Some((question, problem)),
                        _ => None,
                    });
                    let index = first
                        .and_then(|(q, _)| {
                            shown.with_untracked(|ids| ids.iter().position(|id| id == q))
                        })
                        .unwrap_or(0);
                    go_to(index);
                    problem.set(Some(match first {
                        Some((_, p)) => i18n::answer_message(i18n.locale(), p),
                        None => i18n.t(Key::AnswerRequired).to_owned(),
                    }));
                }
                // Nothing was kept; the answers stay on the screen.
                Err(SubmitError::Sealing) => {
                    problem.set(Some(i18n.t(Key::StorageFailed).to_owned()))
                }
                Err(SubmitError::Storage(error)) => {
                    problem.set(Some(i18n::storage_message(i18n.locale(), &error)));
                }
            }
            sending.set(false);
        });
    };

    let next = move |_| {
        let Stage::Question(index) = stage.get_untracked() else {
            return;
        };
        let ids = shown.get_untracked();
        let Some(id) = ids.get(index) else {
            return;
        };
        let required = definition.with_value(|d| d.question(id).is_some_and(|q| q.required));
        if required && content.with_untracked(|c| !c.answers.contains_key(id)) {
            problem.set(Some(i18n.t(Key::AnswerRequired).to_owned()));
            platform::focus("answer-problem");
            return;
        }
        if index + 1 < ids.len() {
            go_to(index + 1);
        } else {
            submit();
        }
    };
    let back = move |_| {
        if let Stage::Question(index) = stage.get_untracked() {
            if index == 0 {
                stage.set(Stage::Start);
            } else {
                go_to(index - 1);
            }
        }
    };

    let languages = definition.with_value(offered_languages);
    let language_buttons = move || {
        view! {
            <LanguageButtons
                locales=languages.clone()
                class="nl-button nl-button--secondary lang-choice"
                on_pick=Callback::new(move |code: &'static str| lang.choose(code))
            />
        }
    };

    let title = move || definition.with_value(|d| d.text(&d.title, &lang.get()).to_owned());
    let intro = move || definition.with_value(|d| d.text(&d.intro, &lang.get()).to_owned());

    let start_screen = move || {
        view! {
            <section class="survey-start" aria-labelledby="survey-title">
                <h1 class="nl-heading nl-heading--level-1" id="survey-title">{title}</h1>
                <div class="languages-choice" role="group" aria-label=move || i18n.t(Key::ChooseLanguage)>
                    {language_buttons.clone()}
                </div>
                <ReadAloud voices=voices lang=lang text=move || spoken_start(&title(), &intro())/>
                <p class="intro">{intro}</p>
                <p class="hint">{move || i18n.t(Key::SurveyAnonymous)}</p>
                <details class="privacy">
                    <summary>{move || i18n.t(Key::PrivacyTitle)}</summary>
                    <p>{move || i18n.t(Key::PrivacyStored)}</p>
                    <p>{move || i18n.t(Key::PrivacyKept)}</p>
                    {sealed.then(|| view! { <p>{move || i18n.t(Key::PrivacySealed)}</p> })}
                    <p>{move || i18n.t(Key::PrivacyStop)}</p>
                </details>
                <button type="button" class="nl-button nl-button--primary big" on:click=move |_| go_to(0)>
                    {move || i18n.t(Key::SurveyStart)}
                </button>
                <p class="statement"><a class="nl-link link" href="/enquete/toegankelijkheid.html" hreflang="nl">{move || i18n.t(Key::AccessibilityStatement)}</a></p>
            </section>
        }
    };

    let question_screen = move |index: usize| {
        let ids = shown.get();
        let total = ids.len();
        let Some(id) = ids.get(index).cloned() else {
            return ().into_any();
        };
        let Some((question, section)) = definition.with_value(|d| {
            d.sections.iter().find_map(|s| {
                s.questions.iter().find(|q| q.id == id).map(|q| {
                    (
                        q.clone(),
                        d.text(&s.title, &lang.get_untracked()).to_owned(),
                    )
                })
            })
        }) else {
            return ().into_any();
        };
        let text = {
            let question = question.clone();
            move || definition.with_value(|d| d.text(&question.text, &lang.get()).to_owned())
        };
        // The question, then its answers: a resident who cannot read them
        // hears what there is to choose.
        let spoken = {
            let text = text.clone();
            let question = question.clone();
            move || {
                let options = definition
                    .with_value(|d| spoken_options(i18n, d, &question, &lang.get_untracked()));
                if options.is_empty() {
                    text()
                } else {
                    format!("{} {options}.", text())
                }
            }
        };
        let answer_id = id.clone();
        let value = Signal::derive(move || content.with(|c| c.answers.get(&answer_id).cloned()));
        let change_id = id.clone();
        let on_change = Callback::new(move |answer: Option<Answer>| {
            problem.set(None);
            content.update(|c| match answer {
                Some(answer) => {
                    c.answers.insert(change_id.clone(), answer);
                }
                None => {
                    c.answers.remove(&change_id);
                }
            });
        });
        let last = index + 1 == total;
        let required = question.required;
        view! {
            <section class="question-screen">
                <p class="progress">
                    {move || fill(i18n.t(Key::QuestionProgress), &[("n", &(index + 1).to_string()), ("total", &total.to_string())])}
                </p>
                <p class="section-title">{section}</p>
                <h1 class="nl-heading nl-heading--level-1" id="q-text" tabindex="-1">{text}</h1>
                <ReadAloud voices=voices lang=lang text=spoken/>
                {(!required).then(|| view! { <p class="hint">{move || i18n.t(Key::Optional)}</p> })}
                <AnswerInput definition=definition question=question lang=lang value=value on_change=on_change/>
                <p class="field-error" id="answer-problem" tabindex="-1" role="alert" hidden=move || problem.with(Option::is_none)>
                    {move || problem.get().unwrap_or_default()}
                </p>
                <div class="survey-nav">
                    <button type="button" class="nl-button nl-button--secondary big" on:click=back>{move || i18n.t(Key::SurveyBack)}</button>
                    <button type="button" class="nl-button nl-button--primary big" disabled=move || sending.get() on:click=next>
                        {move || i18n.t(if last { Key::SurveySend } else { Key::SurveyNext })}
                    </button>
                </div>
            </section>
        }
        .into_any()
    };

    let reset_for_thanks = reset.clone();
    let thanks_screen = move || {
        let again = reset_for_thanks.clone();
        view! {
            <section class="survey-thanks" aria-labelledby="thanks-title">
                <p><Pictogram icon="heart".to_owned() big=true/></p>
                <h1 class="nl-heading nl-heading--level-1" id="thanks-title" tabindex="-1">{move || i18n.t(Key::SurveyThanks)}</h1>
                <p>{move || i18n.t(Key::SurveyKept)}</p>
                {delivers.then(|| view! {
                    <p class="hint" role="status" data-testid="delivery">
                        {move || sent.get().map(|done| i18n.t(if done { Key::SurveySent } else { Key::SurveySending }))}
                    </p>
                })}
                {kiosk.then(|| view! {
                    <button type="button" class="nl-button nl-button--primary big" on:click=move |_| again()>
                        {move || i18n.t(Key::SurveyAgain)}
                    </button>
                })}
            </section>
        }
    };

    let reset_for_timer = reset.clone();
    view! {
        {kiosk.then(|| view! {
            <KioskTimer stage=stage idle_seconds=idle_seconds on_reset=Callback::new(move |_| reset_for_timer())/>
        })}
        <div class="survey" dir=move || i18n.locale().dir>
            {move || match stage.get() {
                Stage::Start => start_screen().into_any(),
                Stage::Question(index) => question_screen(index),
                Stage::Thanks => thanks_screen().into_any(),
            }}
        </div>
        {kiosk.then(|| view! { <KioskExit/> })}
    }
}

/// Reads `text` aloud in the survey's language with the device's voice; says
/// plainly when the device has no voice for that language (a button that
/// cannot work would only confuse).
#[component]
fn ReadAloud(
    voices: RwSignal<u32>,
    lang: ResidentLang,
    text: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        voices.track();
        let speech = i18n::speech_lang(&lang.get()).to_owned();
        let text = text.clone();
        if platform::has_voice_for(&speech) {
            view! {
                <button type="button" class="nl-button nl-button--secondary read-aloud" on:click=move |_| platform::speak(&text(), &speech)>
                    <Pictogram icon="speaker".to_owned()/>" "{i18n.t(Key::ReadAloud)}
                </button>
            }
            .into_any()
        } else {
            view! { <p class="hint read-aloud">{i18n.t(Key::ReadAloudNone)}</p> }.into_any()
        }
    }
}

/// The start screen read aloud: the title, then the introduction, with a
/// full stop between unless the title ends a sentence itself.
fn spoken_start(title: &str, intro: &str) -> String {
    let ends_sentence = title.ends_with(['.', '?', '!', '؟']);
    match (ends_sentence, intro.is_empty()) {
        (_, true) => title.to_owned(),
        (true, false) => format!("{title} {intro}"),
        (false, false) => format!("{title}. {intro}"),
    }
}
