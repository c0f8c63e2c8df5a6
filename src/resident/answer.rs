//! Answer inputs for every question kind: big tiles over native radio
//! buttons and checkboxes, pictograms beside words, so a resident who reads
//! poorly can still answer, and keyboard and screen reader work as usual.

use super::state::ResidentLang;
use crate::components::Pictogram;
use crate::domain::survey::{Answer, Question, QuestionKind, SurveyDefinition};
use crate::i18n::{I18n, Key};
use leptos::prelude::*;

/// One answer tile: what it says, its pictogram, and the answer it gives.
#[derive(Clone)]
struct Tile {
    label: String,
    icon: Option<String>,
    answer: Answer,
}

const AGREE: [(Key, &str); 5] = [
    (Key::Agree1, "face-1"),
    (Key::Agree2, "face-2"),
    (Key::Agree3, "face-3"),
    (Key::Agree4, "face-4"),
    (Key::Agree5, "face-5"),
];
const SMILEY_3: [(Key, &str); 3] = [
    (Key::Smiley3Bad, "face-2"),
    (Key::Smiley3Okay, "face-3"),
    (Key::Smiley3Good, "face-4"),
];
const SMILEY_5: [(Key, &str); 5] = [
    (Key::Smiley5VeryBad, "face-1"),
    (Key::Smiley5Bad, "face-2"),
    (Key::Smiley5Okay, "face-3"),
    (Key::Smiley5Good, "face-4"),
    (Key::Smiley5VeryGood, "face-5"),
];

fn scale(i18n: I18n, points: &[(Key, &str)]) -> Vec<Tile> {
    points
        .iter()
        .zip(1u8..)
        .map(|((key, icon), n)| Tile {
            label: i18n.t(*key).to_owned(),
            icon: Some((*icon).to_owned()),
            answer: Answer::Number(n),
        })
        .collect()
}

fn numbers(from: u8, to: u8) -> Vec<Tile> {
    (from..=to)
        .map(|n| Tile {
            label: n.to_string(),
            icon: None,
            answer: Answer::Number(n),
        })
        .collect()
}

fn tiles(i18n: I18n, definition: &SurveyDefinition, question: &Question, lang: &str) -> Vec<Tile> {
    let mut tiles = match &question.kind {
        QuestionKind::Mark => numbers(1, 10),
        QuestionKind::Recommend => numbers(0, 10),
        QuestionKind::Agree { .. } => scale(i18n, &AGREE),
        QuestionKind::Smiley { points: 3, .. } => scale(i18n, &SMILEY_3),
        QuestionKind::Smiley { .. } => scale(i18n, &SMILEY_5),
        QuestionKind::YesNo => vec![
            Tile {
                label: i18n.t(Key::Yes).to_owned(),
                icon: Some("thumb-up".into()),
                answer: Answer::YesNo(true),
            },
            Tile {
                label: i18n.t(Key::No).to_owned(),
                icon: Some("thumb-down".into()),
                answer: Answer::YesNo(false),
            },
        ],
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => options
            .iter()
            .map(|o| Tile {
                label: definition.text(&o.label, lang).to_owned(),
                icon: o.pictogram.clone(),
                answer: Answer::Choice(o.code.clone()),
            })
            .collect(),
        QuestionKind::Open => Vec::new(),
    };
    if question.kind.allows_dont_know() {
        tiles.push(Tile {
            label: i18n.t(Key::DontKnow).to_owned(),
            icon: Some("question".into()),
            answer: Answer::DontKnow,
        });
    }
    tiles
}

/// What read-aloud says for a question's answers: every option's words, in
/// order ("Helemaal oneens, Oneens, …"); nothing for an open question.
pub fn spoken_options(
    i18n: I18n,
    definition: &SurveyDefinition,
    question: &Question,
    lang: &str,
) -> String {
    tiles(i18n, definition, question, lang)
        .into_iter()
        .map(|t| t.label)
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_chosen(current: &Option<Answer>, tile: &Answer) -> bool {
    match (current, tile) {
        (Some(Answer::Choices(codes)), Answer::Choice(code)) => codes.contains(code),
        (Some(current), tile) => current == tile,
        (None, _) => false,
    }
}

/// Ticks or unticks `code` in a multiple-choice answer, keeping option order.
fn toggle_choice(current: Option<Answer>, code: &str, order: &[String]) -> Option<Answer> {
    let mut codes = match current {
        Some(Answer::Choices(codes)) => codes,
        _ => Vec::new(),
    };
    if let Some(at) = codes.iter().position(|c| c == code) {
        codes.remove(at);
    } else {
        codes.push(code.to_owned());
    }
    codes.sort_by_key(|c| order.iter().position(|o| o == c));
    (!codes.is_empty()).then_some(Answer::Choices(codes))
}

#[component]
pub fn AnswerInput(
    definition: StoredValue<SurveyDefinition>,
    question: Question,
    lang: ResidentLang,
    #[prop(into)] value: Signal<Option<Answer>>,
    on_change: Callback<Option<Answer>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    if question.kind == QuestionKind::Open {
        return view! {
            <div class="utrecht-form-field">
                <p class="utrecht-form-field__description hint warning" id="open-hint">
                    <Pictogram icon="warning".to_owned()/>" "{move || i18n.t(Key::OpenAnswerWarning)}
                </p>
                <textarea
                    id="answer-text"
                    rows="4"
                    aria-labelledby="q-text"
                    aria-describedby="open-hint"
                    prop:value=move || match value.get() {
                        Some(Answer::Text(text)) => text,
                        _ => String::new(),
                    }
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        on_change.run((!text.trim().is_empty()).then_some(Answer::Text(text)));
                    }
                ></textarea>
            </div>
        }
        .into_any();
    }
    let multiple = matches!(question.kind, QuestionKind::Multiple { .. });
    let order: Vec<String> = question
        .kind
        .options()
        .iter()
        .map(|o| o.code.clone())
        .collect();
    let numeric = matches!(question.kind, QuestionKind::Mark | QuestionKind::Recommend);
    let recommend = question.kind == QuestionKind::Recommend;
    let kind_class = if numeric {
        "answers numbers"
    } else {
        "answers"
    };
    let question = StoredValue::new(question);
    let order = StoredValue::new(order);
    let rendered = move || {
        let list =
            definition.with_value(|d| question.with_value(|q| tiles(i18n, d, q, &lang.get())));
        list.into_iter()
            .enumerate()
            .map(|(index, tile)| {
                let input_id = format!("answer-{index}");
                let label_for = input_id.clone();
                let for_check = tile.answer.clone();
                let for_change = tile.answer.clone();
                view! {
                    <label class="tile answer" for=label_for>
                        <input
                            type=if multiple { "checkbox" } else { "radio" }
                            id=input_id
                            name="answer"
                            prop:checked=move || value.with(|v| is_chosen(v, &for_check))
                            on:change=move |_| {
                                let next = match (&for_change, multiple) {
                                    (Answer::Choice(code), true) => order
                                        .with_value(|o| toggle_choice(value.get_untracked(), code, o)),
                                    (answer, _) => Some(answer.clone()),
                                };
                                on_change.run(next);
                            }
                        />
                        {tile.icon.map(|icon| view! { <Pictogram icon=icon/> })}
                        <span class="tile-label">{tile.label}</span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset
            class=kind_class
            aria-labelledby="q-text"
            aria-describedby=recommend.then_some("scale-ends")
        >
            <div class="tiles">{rendered}</div>
            {recommend.then(|| view! {
                <p class="scale-ends" id="scale-ends">
                    <span>{move || i18n.t(Key::RecommendLow)}</span>
                    <span>{move || i18n.t(Key::RecommendHigh)}</span>
                </p>
            })}
        </fieldset>
    }
    .into_any()
}
