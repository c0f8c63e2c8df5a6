//! Editing one survey version: texts in every language, questions added,
//! removed or made required, saved as a draft, previewed, published. The
//! rules (what may change, what makes a valid survey) are the domain's; this
//! page holds the draft and shows what is wrong.

use crate::app::{DataVersion, I18n, Services};
use crate::components::{FieldErrorText, FormProblems};
use crate::domain::survey::link::SurveyLink;
use crate::domain::survey::validate::{DefinitionError, DefinitionProblem, Place, TextPart};
use crate::domain::survey::{Question, QuestionKind, SurveyDefinition};
use crate::domain::taxonomy::Localized;
use crate::i18n::{self, fill, language_name, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
enum Message {
    Saved,
    Published(u32),
    /// What to fix: `FormProblems::summary`, which takes the focus.
    Problems,
}

/// The kinds a coordinator can add; choice questions come from templates.
const NEW_KINDS: [(&str, Key); 4] = [
    ("mark", Key::EditorKindMark),
    ("agree", Key::EditorKindAgree),
    ("yes_no", Key::EditorKindYesNo),
    ("open", Key::EditorKindOpen),
];

fn new_kind(code: &str) -> QuestionKind {
    match code {
        "agree" => QuestionKind::Agree { dont_know: true },
        "yes_no" => QuestionKind::YesNo,
        "open" => QuestionKind::Open,
        _ => QuestionKind::Mark,
    }
}

fn kind_label(kind: &QuestionKind) -> Key {
    match kind {
        QuestionKind::Mark => Key::EditorKindMark,
        QuestionKind::Agree { .. } => Key::EditorKindAgree,
        QuestionKind::YesNo => Key::EditorKindYesNo,
        QuestionKind::Open => Key::EditorKindOpen,
        _ => Key::EditorKindOther,
    }
}

/// A fresh question id, unique in the survey.
fn new_question_id(draft: &SurveyDefinition) -> String {
    (1..)
        .map(|n| format!("vraag-{n}"))
        .find(|id| draft.question(id).is_none())
        .unwrap_or_default()
}

type TextLabel = Arc<dyn Fn(&str) -> String + Send + Sync>;
type TextGet = Arc<dyn Fn(&SurveyDefinition) -> Option<&Localized> + Send + Sync>;
type TextSet = Arc<dyn Fn(&mut SurveyDefinition) -> Option<&mut Localized> + Send + Sync>;

/// Inputs for one text in each of the survey's languages.
fn text_inputs(
    draft: RwSignal<SurveyDefinition>,
    problems: FormProblems,
    base_id: String,
    label: impl Fn(&str) -> String + Send + Sync + 'static,
    multiline: bool,
    get: impl Fn(&SurveyDefinition) -> Option<&Localized> + Send + Sync + 'static,
    set: impl Fn(&mut SurveyDefinition) -> Option<&mut Localized> + Send + Sync + 'static,
) -> AnyView {
    // One body for every kind of text (title, question, option): each
    // caller's closures as one type, so the app carries the view once.
    text_inputs_for(
        draft,
        problems,
        base_id,
        Arc::new(label),
        multiline,
        Arc::new(get),
        Arc::new(set),
    )
}

fn text_inputs_for(
    draft: RwSignal<SurveyDefinition>,
    problems: FormProblems,
    base_id: String,
    label: TextLabel,
    multiline: bool,
    get: TextGet,
    set: TextSet,
) -> AnyView {
    // Drawn again only when a language is offered or left out (typing in a
    // field changes the draft, not its languages).
    let languages = Memo::new(move |_| draft.with(|d| d.languages.clone()));
    (move || {
        languages
            .get()
            .into_iter()
            .map(|lang| {
                let id = format!("{base_id}-{lang}");
                let get = get.clone();
                let set = set.clone();
                let value_lang = lang.clone();
                let value = move || {
                    draft.with(|d| {
                        get(d)
                            .and_then(|t| t.0.get(&value_lang).cloned())
                            .unwrap_or_default()
                    })
                };
                let write_lang = lang.clone();
                let write = move |ev: leptos::ev::Event| {
                    let text = event_target_value(&ev);
                    let lang = write_lang.clone();
                    draft.update(|d| {
                        if let Some(t) = set(d) {
                            if text.trim().is_empty() {
                                t.0.remove(&lang);
                            } else {
                                t.0.insert(lang, text);
                            }
                        }
                    });
                };
                let dir = i18n::language_dir(&lang);
                let for_id = id.clone();
                // This text's problem from the last save, beside it.
                let error = problems.beside(id.clone());
                let error_id = format!("{id}-error");
                let described = error_id.clone();
                let invalid = move || error.with(Option::is_some).then_some("true");
                let described = move || error.with(Option::is_some).then(|| described.clone());
                let input = if multiline {
                    view! { <textarea id=id lang=lang.clone() dir=dir rows="2" prop:value=value on:input=write
                        aria-invalid=invalid aria-describedby=described></textarea> }
                        .into_any()
                } else {
                    view! { <input type="text" id=id lang=lang.clone() dir=dir prop:value=value on:input=write
                        aria-invalid=invalid aria-describedby=described/> }.into_any()
                };
                view! {
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-field__label" for=for_id>{named_in_its_language(label(&lang), &lang)}</label>
                        {input}
                        <FieldErrorText id=error_id error=error/>
                    </div>
                }
            })
            .collect_view()
    })
    .into_any()
}

/// A label that names language `lang` ("Vraag 4 (العربية)"), with the
/// name marked as that language, so a screen reader says it in that
/// language's voice (WCAG 3.1.2).
fn named_in_its_language(text: String, lang: &str) -> AnyView {
    let name = language_name(lang);
    match text.split_once(name.as_str()) {
        Some((before, after)) => {
            let (before, after) = (before.to_owned(), after.to_owned());
            view! { {before}<span lang=lang.to_owned()>{name}</span>{after} }.into_any()
        }
        None => text.into_any(),
    }
}

/// The survey's languages but its own (the first): whether it is offered
/// (leaving one out takes its texts along, so the link and its QR code get
/// shorter; ticking it again brings back the texts it had when the editor
/// opened), and whether someone with that mother tongue has checked it.
fn language_choices(draft: RwSignal<SurveyDefinition>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let opened = StoredValue::new(draft.get_untracked());
    let languages: Vec<String> =
        draft.with_untracked(|d| d.languages.iter().skip(1).cloned().collect());
    (!languages.is_empty()).then(|| {
        let rows = languages
            .into_iter()
            .map(|lang| {
                let name = language_name(&lang);
                let offer_id = format!("offer-{lang}");
                let checked_id = format!("checked-{lang}");
                let (offer_for, checked_for) = (offer_id.clone(), checked_id.clone());
                let (is_offered, is_checked) = (lang.clone(), lang.clone());
                let (offer_lang, check_lang) = (lang.clone(), lang.clone());
                let offered =
                    Signal::derive(move || draft.with(|d| d.languages.contains(&is_offered)));
                let offer_label = fill(i18n.t(Key::EditorLanguageOffered), &[("lang", &name)]);
                let checked_label = fill(i18n.t(Key::EditorLanguageChecked), &[("lang", &name)]);
                view! {
                    <div class="language-row">
                        <label class="check" for=offer_for>
                            <input type="checkbox" id=offer_id prop:checked=offered
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| if on {
                                        opened.with_value(|o| d.restore_language(&offer_lang, o));
                                    } else {
                                        d.drop_language(&offer_lang);
                                    });
                                }/>
                            {named_in_its_language(offer_label, &lang)}
                        </label>
                        <label class="check" for=checked_for>
                            <input type="checkbox" id=checked_id
                                disabled=move || !offered.get()
                                prop:checked=move || draft.with(|d| d.is_checked(&is_checked))
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    draft.update(|d| d.set_checked(&check_lang, checked));
                                }/>
                            {named_in_its_language(checked_label, &lang)}
                        </label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="editor-section" aria-describedby="languages-hint">
                <legend>{i18n.t(Key::EditorLanguagesTitle)}</legend>
                <p class="hint" id="languages-hint">{i18n.t(Key::EditorLanguagesHint)}</p>
                {rows}
            </fieldset>
        }
    })
}

#[component]
pub fn SurveyEditor(draft: SurveyDefinition, on_close: Callback<()>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let draft = RwSignal::new(draft);
    let message = RwSignal::new(None::<Message>);
    let problems = FormProblems::new();
    let busy = RwSignal::new(false);

    // Only the shape (which questions in which section) rebuilds the form;
    // typing changes values in place and keeps the focus.
    let shape = Memo::new(move |_| {
        draft.with(|d| {
            d.sections
                .iter()
                .map(|s| {
                    (
                        s.id.clone(),
                        s.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    let save = move |publish: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let current = draft.get_untracked();
        spawn_local(async move {
            let surveys = services.surveys();
            let result = if publish {
                surveys.publish(&current).await
            } else {
                surveys.save_version(&current).await
            };
            match result {
                Ok(saved) => {
                    problems.say(Vec::new());
                    message.set(Some(if publish {
                        Message::Published(saved.version)
                    } else {
                        Message::Saved
                    }));
                    draft.set(saved);
                    version.bump();
                }
                Err(crate::service::surveys::AdminError::Edit(
                    crate::domain::survey::edit::EditError::Invalid(errors),
                )) => {
                    draft.with_untracked(|d| {
                        let message = |e: &DefinitionError| {
                            i18n::survey::definition_message_in(i18n.locale(), e, d)
                        };
                        problems.show(&errors, message, text_field);
                    });
                    message.set(Some(Message::Problems));
                }
                Err(error) => {
                    problems.say(vec![i18n::survey::admin_message(i18n.locale(), &error)]);
                    message.set(Some(Message::Problems));
                }
            }
            busy.set(false);
            if message.get_untracked() == Some(Message::Problems) {
                // The list of what to fix takes the focus, as on every form.
                request_animation_frame(|| crate::platform::focus("editor-problems"));
            }
        });
    };

    let sections = move || {
        let mut number = 0;
        shape
            .get()
            .into_iter()
            .enumerate()
            .map(|(si, (section_id, question_ids))| {
                let title = draft.with_untracked(|d| d.sections[si].title.get(i18n.lang()).to_owned());
                let questions = question_ids
                    .into_iter()
                    .map(|qid| {
                        number += 1;
                        let n = number;
                        let question = draft.with_untracked(|d| d.question(&qid).cloned());
                        let Some(question) = question else {
                            return ().into_any();
                        };
                        let q_get = qid.clone();
                        let q_set = qid.clone();
                        let texts = text_inputs(
                            draft,
                            problems,
                            format!("q-{qid}"),
                            move |lang| fill(i18n.t(Key::EditorQuestionLabel), &[("n", &n.to_string()), ("lang", &language_name(lang))]),
                            false,
                            move |d| d.question(&q_get).map(|q| &q.text),
                            move |d| question_mut(d, &q_set).map(|q| &mut q.text),
                        );
                        let options = question
                            .kind
                            .options()
                            .iter()
                            .map(|o| {
                                let code = o.code.clone();
                                let (g_q, g_c, s_q, s_c) = (qid.clone(), code.clone(), qid.clone(), code.clone());
                                text_inputs(
                                    draft,
                                    problems,
                                    format!("o-{qid}-{code}"),
                                    move |lang| fill(i18n.t(Key::EditorOptionLabel), &[("code", &code), ("lang", &language_name(lang))]),
                                    false,
                                    move |d| d.question(&g_q).and_then(|q| q.kind.options().iter().find(|o| o.code == g_c)).map(|o| &o.label),
                                    move |d| option_mut(d, &s_q, &s_c).map(|o| &mut o.label),
                                )
                            })
                            .collect_view();
                        let required_id = format!("required-{qid}");
                        let required_for = required_id.clone();
                        let (r_get, r_set, remove_id) = (qid.clone(), qid.clone(), qid.clone());
                        view! {
                            <li class="editor-question">
                                <p class="hint">{move || i18n.t(kind_label(&question.kind))}</p>
                                {texts}
                                {options}
                                <div class="row-actions">
                                    <label class="tile" for=required_for>
                                        <input type="checkbox" id=required_id
                                            prop:checked=move || draft.with(|d| d.question(&r_get).is_some_and(|q| q.required))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                draft.update(|d| if let Some(q) = question_mut(d, &r_set) { q.required = on });
                                            }/>
                                        <span>{move || i18n.t(Key::EditorRequired)}</span>
                                    </label>
                                    <button type="button" class="nl-button nl-button--secondary nl-button--negative" on:click=move |_| {
                                        draft.update(|d| for s in &mut d.sections { s.questions.retain(|q| q.id != remove_id) });
                                    }>
                                        {move || fill(i18n.t(Key::EditorRemoveQuestion), &[("n", &n.to_string())])}
                                    </button>
                                </div>
                            </li>
                        }
                        .into_any()
                    })
                    .collect_view();
                let kind_id = format!("new-kind-{section_id}");
                let kind_for = kind_id.clone();
                let chosen = RwSignal::new("mark".to_owned());
                view! {
                    <fieldset class="editor-section">
                        <legend>{title}</legend>
                        <ol>{questions}</ol>
                        <div class="row-actions">
                            <label for=kind_for>{move || i18n.t(Key::EditorKindLabel)}</label>
                            <select id=kind_id on:change=move |ev| chosen.set(event_target_value(&ev))>
                                {NEW_KINDS.iter().map(|(code, key)| view! { <option value=*code>{move || i18n.t(*key)}</option> }).collect_view()}
                            </select>
                            <button type="button" class="nl-button nl-button--secondary" on:click=move |_| {
                                let kind = new_kind(&chosen.get_untracked());
                                draft.update(|d| {
                                    let id = new_question_id(d);
                                    d.sections[si].questions.push(Question {
                                        id,
                                        text: Localized::default(),
                                        kind,
                                        required: false,
                                        kpi: None,
                                        show_if: None,
                                    });
                                });
                            }>
                                {move || i18n.t(Key::EditorAddQuestion)}
                            </button>
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };

    let preview = move || {
        draft.with(|d| {
            let link = SurveyLink {
                survey: d.id.clone(),
                version: Some(d.version),
                ..SurveyLink::default()
            };
            format!("/enquete/#{}", link.to_fragment())
        })
    };
    let heading = move || {
        draft.with(|d| {
            fill(
                i18n.t(Key::EditorHeading),
                &[("title", d.title.get(i18n.lang()))],
            )
        })
    };

    view! {
        <div class="survey-editor">
            <h1 class="nl-heading nl-heading--level-1">{heading}</h1>
            {language_choices(draft)}
            {text_inputs(draft, problems, "survey-title".into(), move |lang| fill(i18n.t(Key::EditorTitleLabel), &[("lang", &language_name(lang))]), false, |d| Some(&d.title), |d| Some(&mut d.title))}
            {text_inputs(draft, problems, "survey-intro".into(), move |lang| fill(i18n.t(Key::EditorIntroLabel), &[("lang", &language_name(lang))]), true, |d| Some(&d.intro), |d| Some(&mut d.intro))}
            {sections}
            <div class="status" role="status" aria-live="polite">
                {move || match message.get() {
                    None => ().into_any(),
                    Some(Message::Saved) => view! { <p class="saved">{i18n.t(Key::EditorSaved)}</p> }.into_any(),
                    Some(Message::Published(n)) => view! {
                        <p class="saved">{fill(i18n.t(Key::EditorPublished), &[("n", &n.to_string())])}</p>
                    }
                    .into_any(),
                    Some(Message::Problems) => view! {
                        <div class="notice error" id="editor-problems" tabindex="-1">
                            <p>{i18n.t(Key::ProblemsHeading)}</p>
                            <ul>{problems.summary.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </div>
                    }
                    .into_any(),
                }}
            </div>
            <div class="actions">
                <button type="button" class="nl-button nl-button--secondary" disabled=move || busy.get() on:click=move |_| save(false)>{move || i18n.t(Key::EditorSave)}</button>
                <button type="button" class="nl-button nl-button--primary" disabled=move || busy.get() on:click=move |_| save(true)>{move || i18n.t(Key::EditorPublish)}</button>
                <a class="nl-button nl-button--secondary" href=preview target="_blank" rel="noopener">{move || i18n.t(Key::EditorPreview)}</a>
                <button type="button" class="nl-button nl-button--secondary" on:click=move |_| on_close.run(())>{move || i18n.t(Key::EditorClose)}</button>
            </div>
        </div>
    }
}

/// The input of the text a problem is about, to show it there as well as
/// in the summary: a missing translation names its language.
fn text_field(error: &DefinitionError) -> Option<String> {
    let DefinitionProblem::MissingTranslation { text, lang } = &error.problem else {
        return None;
    };
    let base = match (&error.at, text) {
        (Place::Survey, TextPart::Title) => "survey-title".to_owned(),
        (Place::Survey, TextPart::Intro) => "survey-intro".to_owned(),
        (Place::Question(id), TextPart::Text) => format!("q-{id}"),
        (Place::Question(id), TextPart::Option(code)) => format!("o-{id}-{code}"),
        _ => return None,
    };
    Some(format!("{base}-{lang}"))
}

fn question_mut<'a>(d: &'a mut SurveyDefinition, id: &str) -> Option<&'a mut Question> {
    d.sections
        .iter_mut()
        .flat_map(|s| s.questions.iter_mut())
        .find(|q| q.id == id)
}

fn option_mut<'a>(
    d: &'a mut SurveyDefinition,
    question: &str,
    code: &str,
) -> Option<&'a mut crate::domain::survey::Choice> {
    match &mut question_mut(d, question)?.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            options.iter_mut().find(|o| o.code == code)
        }
        _ => None,
    }
}
