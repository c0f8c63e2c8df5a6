//! Surveys natively: the built-in templates, definition and response
//! validation, publishing and versions, scoring with worked examples, and the
//! storage format.

use chrono::NaiveDate;
use serde_json::json;
use std::collections::BTreeMap;
use wijkpeil::domain::privacy::PersonalData;
use wijkpeil::domain::survey::{
    begin_edit, check_save, definition_for, duplicate, latest, latest_published, publish,
    shown_questions, templates, validate_definition, validate_response, Answer, AnswerProblem,
    Condition, DefinitionError, DefinitionProblem, EditError, Place, QuestionKind, ResponseContent,
    ResponseError, SurveyDefinition, SurveyStatus, Template, TextPart, MAX_OPEN_CHARS,
};
use wijkpeil::domain::taxonomy::{Localized, Taxonomy};

// ---------------------------------------------------------------- helpers

fn text(nl: &str) -> serde_json::Value {
    json!({ "nl": nl, "en": format!("{nl} (en)") })
}

/// A small valid survey in nl and en: a mark, a yes/no, a statement shown
/// only after "yes", a single choice and an open question.
fn sample_json() -> serde_json::Value {
    json!({
        "id": "test",
        "version": 1,
        "languages": ["nl", "en"],
        "title": text("Test"),
        "sections": [
            { "id": "s1", "title": text("Een"), "theme": "thema", "questions": [
                { "id": "cijfer", "text": text("Cijfer?"), "kind": { "type": "mark" }, "required": true },
                { "id": "hulp", "text": text("Hulp gehad?"), "kind": { "type": "yes_no" } },
                { "id": "stelling", "text": text("Goed?"), "kind": { "type": "agree", "dont_know": true },
                  "required": true, "show_if": { "question": "hulp", "equals": { "yes_no": true } } }
            ]},
            { "id": "s2", "title": text("Twee"), "questions": [
                { "id": "keuze", "text": text("Welke?"), "kind": { "type": "single", "options": [
                    { "code": "a", "label": text("A"), "pictogram": "🅰" },
                    { "code": "b", "label": text("B") }
                ]}},
                { "id": "open", "text": text("Nog iets?"), "kind": { "type": "open" } }
            ]}
        ]
    })
}

fn sample() -> SurveyDefinition {
    serde_json::from_value(sample_json()).unwrap()
}

fn errors_of(def: &SurveyDefinition) -> Vec<DefinitionError> {
    validate_definition(def).err().unwrap_or_default()
}

fn has(errors: &[DefinitionError], at: Place, problem: DefinitionProblem) -> bool {
    errors.iter().any(|e| e.at == at && e.problem == problem)
}

fn q(id: &str) -> Place {
    Place::Question(id.to_owned())
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn response(answers: &[(&str, Answer)]) -> ResponseContent {
    let mut r = ResponseContent::new("test", 1, date(), "nl");
    for (id, a) in answers {
        r.answers.insert((*id).to_owned(), a.clone());
    }
    r
}

fn answer_errors(def: &SurveyDefinition, r: &ResponseContent) -> Vec<(String, AnswerProblem)> {
    match validate_response(def, r) {
        Ok(_) => vec![],
        Err(errors) => errors
            .into_iter()
            .filter_map(|e| match e {
                ResponseError::Answer { question, problem } => Some((question, problem)),
                _ => None,
            })
            .collect(),
    }
}

fn statements(def: &SurveyDefinition) -> usize {
    def.questions()
        .filter(|q| matches!(q.kind, QuestionKind::Agree { .. }))
        .count()
}

// ---------------------------------------------------------------- templates

#[test]
fn every_template_validates() {
    for template in Template::ALL {
        let def = template.definition();
        assert_eq!(validate_definition(&def), Ok(()), "{template:?}");
        assert_eq!(def.id, template.id());
        assert_eq!(def.version, 1);
    }
    assert_eq!(templates::builtin().len(), 4);
}

#[test]
fn every_template_is_in_the_residents_languages_dutch_first() {
    const LANGUAGES: [&str; 7] = ["nl", "nl-x-b1", "en", "ar", "tr", "pl", "uk"];
    for def in templates::builtin() {
        assert_eq!(def.languages, LANGUAGES, "{}", def.id);
        assert_eq!(def.default_lang(), "nl");
        for lang in LANGUAGES {
            assert!(!def.text(&def.intro, lang).is_empty());
            for q in def.questions() {
                assert!(q.text.0.contains_key(lang), "{} {} {lang}", def.id, q.id);
            }
        }
        // Each translation differs from the Dutch (none is a copy left
        // behind), and none was checked by a native speaker yet: the file
        // says so, and so will the editor.
        for lang in &LANGUAGES[2..] {
            assert_ne!(def.title.0[*lang], def.title.0["nl"], "{} {lang}", def.id);
        }
        assert_eq!(def.unchecked_languages, &LANGUAGES[1..], "{}", def.id);
        assert!(def.is_checked("nl") && !def.is_checked("tr"));
        // The Ukrainian really is Cyrillic.
        assert!(
            def.title.0["uk"]
                .chars()
                .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
            "{}",
            def.id
        );
        // The Arabic really is Arabic script, not a copy of another language.
        let arabic = def.title.0["ar"]
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        assert!(arabic, "{}", def.id);
        // Every template asks a rapportcijfer first or last, and it is required.
        let marks: Vec<_> = def
            .questions()
            .filter(|q| q.kind == QuestionKind::Mark)
            .collect();
        assert_eq!(marks.len(), 1, "{}", def.id);
        assert!(marks[0].required);
    }
}

#[test]
fn client_survey_has_seed_001s_six_themes_with_sixteen_statements() {
    let def = Template::ClientSurvey.definition();
    let themes: Vec<&str> = def
        .sections
        .iter()
        .filter_map(|s| s.theme.as_deref())
        .collect();
    assert_eq!(
        themes,
        [
            "profilering",
            "bereikbaarheid",
            "medewerker",
            "werkwijze",
            "resultaat",
            "aanbevelen"
        ]
    );
    let labels: Vec<&str> = themes
        .iter()
        .map(|t| def.theme_label(t).unwrap().get("nl"))
        .collect();
    assert_eq!(
        labels,
        [
            "Profilering",
            "Bereikbaarheid/toegankelijkheid",
            "Medewerker",
            "Werkwijze",
            "Resultaat",
            "Aanbevelen"
        ]
    );
    let themed: usize = def
        .sections
        .iter()
        .filter(|s| s.theme.is_some())
        .map(|s| s.questions.len())
        .sum();
    assert_eq!(themed, 16);
    assert_eq!(statements(&def), 16);
    for q in def.questions() {
        if def.theme_of(&q.id).is_some() {
            assert_eq!(q.kind, QuestionKind::Agree { dont_know: true }, "{}", q.id);
        }
    }
}

#[test]
fn group_activity_scores_the_nine_kpis_of_seed_002() {
    let def = Template::GroupActivity.definition();
    let seed = [
        ("erkend-voelen", "Erkend voelen"),
        ("klanttevredenheid", "Klanttevredenheid"),
        ("activering", "Activering"),
        ("netwerkversterking", "Netwerkversterking"),
        ("zelfredzaamheid", "Zelfredzaamheid"),
        ("opgelucht-voelen", "Opgelucht voelen"),
        ("participatie", "Participatie"),
        ("lichamelijke-gezondheid", "Lichamelijke gezondheid"),
        ("verbonden-voelen", "Verbonden voelen"),
    ];
    for (code, label) in seed {
        assert_eq!(def.kpi_label(code).map(|l| l.get("nl")), Some(label));
        let tagged: Vec<_> = def
            .questions()
            .filter(|q| q.kpi.as_deref() == Some(code))
            .collect();
        assert_eq!(tagged.len(), 1, "{code}");
        assert_eq!(tagged[0].kind, QuestionKind::Agree { dont_know: true });
    }
    assert_eq!(def.kpis.len(), 9);
    assert_eq!(def.questions().filter(|q| q.kpi.is_some()).count(), 9);
    assert_eq!(
        def.questions()
            .filter(|q| q.kind == QuestionKind::Open)
            .count(),
        1
    );
    assert_eq!(def.questions().count(), 11);
}

#[test]
fn kto_asks_a_mark_wmo_statements_and_two_open_questions() {
    let def = Template::Kto.definition();
    let texts: Vec<&str> = def
        .questions()
        .filter(|q| matches!(q.kind, QuestionKind::Agree { .. }))
        .map(|q| q.text.get("nl"))
        .collect();
    // Drawn from the Wmo client-experience survey (domain.md), word for word.
    for wmo in [
        "Ik wist waar ik moest zijn met mijn hulpvraag.",
        "Ik werd snel geholpen.",
        "De medewerker nam mij serieus.",
        "Ik vind de kwaliteit van de ondersteuning die ik krijg goed.",
        "Door de ondersteuning die ik krijg, kan ik beter de dingen doen die ik wil.",
    ] {
        assert!(texts.contains(&wmo), "{wmo}");
    }
    assert!((4..=5).contains(&texts.len()));
    assert_eq!(
        def.questions()
            .filter(|q| q.kind == QuestionKind::Open)
            .count(),
        2
    );
    assert_eq!(
        def.questions().next().map(|q| &q.kind),
        Some(&QuestionKind::Mark)
    );
}

#[test]
fn wijkplein_visit_is_a_mark_and_two_questions_with_pictograms() {
    let def = Template::WijkpleinVisit.definition();
    let kinds: Vec<&QuestionKind> = def.questions().map(|q| &q.kind).collect();
    assert_eq!(kinds.len(), 3);
    assert_eq!(kinds[0], &QuestionKind::Mark);
    assert_eq!(kinds[1], &QuestionKind::YesNo);
    let QuestionKind::Single { options } = kinds[2] else {
        panic!("'Hoe heeft u ons gevonden?' is a single choice");
    };
    assert_eq!(
        def.question("gevonden").unwrap().text.get("nl"),
        "Hoe heeft u ons gevonden?"
    );
    assert_eq!(
        def.question("weet-wat-te-doen").unwrap().text.get("nl"),
        "Weet u nu wat u kunt doen?"
    );
    // The same codes as a contact's awareness, so the report can join them.
    let awareness = Taxonomy::builtin().awareness;
    for option in options {
        assert!(option.pictogram.is_some(), "{}", option.code);
        assert!(
            awareness.iter().any(|t| t.code == option.code),
            "{}",
            option.code
        );
    }
}

// ---------------------------------------------------------------- definition validation

#[test]
fn the_sample_is_valid() {
    assert_eq!(validate_definition(&sample()), Ok(()));
}

#[test]
fn refuses_a_choice_question_without_options() {
    let mut v = sample_json();
    v["sections"][1]["questions"][0]["kind"]["options"] = json!([]);
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert_eq!(
        errors,
        [DefinitionError {
            at: q("keuze"),
            problem: DefinitionProblem::NoOptions
        }]
    );
    assert_eq!(
        errors[0].to_string(),
        "question keuze: a choice question needs options"
    );
}

#[test]
fn refuses_an_empty_or_duplicate_option_code() {
    let mut v = sample_json();
    v["sections"][1]["questions"][0]["kind"]["options"] = json!([
        { "code": "a", "label": text("A") },
        { "code": "a", "label": text("A2") },
        { "code": " ", "label": text("leeg") }
    ]);
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert!(has(
        &errors,
        q("keuze"),
        DefinitionProblem::DuplicateOptionCode("a".into())
    ));
    assert!(has(&errors, q("keuze"), DefinitionProblem::EmptyOptionCode));
}

#[test]
fn refuses_a_condition_on_a_later_question() {
    let mut v = sample_json();
    v["sections"][0]["questions"][1]["show_if"] =
        json!({ "question": "keuze", "equals": { "choice": "a" } });
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert_eq!(
        errors,
        [DefinitionError {
            at: q("hulp"),
            problem: DefinitionProblem::ConditionOnLaterQuestion("keuze".into())
        }]
    );
    assert!(errors[0].to_string().starts_with("question hulp: "));
}

#[test]
fn refuses_a_condition_on_the_question_itself() {
    let mut v = sample_json();
    v["sections"][0]["questions"][1]["show_if"] =
        json!({ "question": "hulp", "equals": { "yes_no": true } });
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert!(has(
        &errors,
        q("hulp"),
        DefinitionProblem::ConditionOnLaterQuestion("hulp".into())
    ));
}

#[test]
fn refuses_a_condition_on_an_unknown_question() {
    let mut v = sample_json();
    v["sections"][0]["questions"][2]["show_if"]["question"] = json!("bestaat-niet");
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert_eq!(
        errors,
        [DefinitionError {
            at: q("stelling"),
            problem: DefinitionProblem::ConditionOnUnknownQuestion("bestaat-niet".into())
        }]
    );
}

#[test]
fn refuses_a_condition_asking_for_an_impossible_answer() {
    for impossible in [
        json!({ "number": 3 }),
        json!({ "choice": "ja" }),
        json!("dont_know"),
        json!({ "text": "ja" }),
    ] {
        let mut v = sample_json();
        v["sections"][0]["questions"][2]["show_if"]["equals"] = impossible.clone();
        let errors = errors_of(&serde_json::from_value(v).unwrap());
        assert!(
            has(
                &errors,
                q("stelling"),
                DefinitionProblem::ConditionValueNotPossible("hulp".into())
            ),
            "{impossible}"
        );
    }
    // A mark of 3 is possible on the mark question, an option code on a choice.
    let mut v = sample_json();
    v["sections"][0]["questions"][2]["show_if"] =
        json!({ "question": "cijfer", "equals": { "number": 3 } });
    v["sections"][1]["questions"][1]["show_if"] =
        json!({ "question": "keuze", "equals": { "choice": "b" } });
    assert_eq!(
        validate_definition(&serde_json::from_value(v).unwrap()),
        Ok(())
    );
}

#[test]
fn refuses_a_duplicate_question_id_across_sections() {
    let mut v = sample_json();
    v["sections"][1]["questions"][1]["id"] = json!("cijfer");
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert_eq!(
        errors,
        [DefinitionError {
            at: q("cijfer"),
            problem: DefinitionProblem::DuplicateQuestionId
        }]
    );
}

#[test]
fn refuses_a_duplicate_section_id() {
    let mut v = sample_json();
    v["sections"][1]["id"] = json!("s1");
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert_eq!(
        errors,
        [DefinitionError {
            at: Place::Section("s1".into()),
            problem: DefinitionProblem::DuplicateSectionId
        }]
    );
}

#[test]
fn refuses_a_missing_translation_naming_the_question_and_language() {
    let mut v = sample_json();
    v["sections"][0]["questions"][2]["text"] = json!({ "nl": "Goed?" });
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert_eq!(
        errors,
        [DefinitionError {
            at: q("stelling"),
            problem: DefinitionProblem::MissingTranslation {
                text: TextPart::Text,
                lang: "en".into()
            }
        }]
    );
    assert_eq!(
        errors[0].to_string(),
        "question stelling: the text has no translation for listed language en"
    );
}

#[test]
fn a_blank_translation_is_missing_too_and_options_are_checked() {
    let mut v = sample_json();
    v["sections"][1]["questions"][0]["kind"]["options"][1]["label"] =
        json!({ "nl": "B", "en": "  " });
    v["sections"][1]["title"] = json!({ "nl": "Twee" });
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert!(has(
        &errors,
        q("keuze"),
        DefinitionProblem::MissingTranslation {
            text: TextPart::Option("b".into()),
            lang: "en".into()
        }
    ));
    assert!(has(
        &errors,
        Place::Section("s2".into()),
        DefinitionProblem::MissingTranslation {
            text: TextPart::Title,
            lang: "en".into()
        }
    ));
}

#[test]
fn adding_a_language_needs_every_text_in_it() {
    let mut def = Template::WijkpleinVisit.definition();
    def.languages.push("fr".into());
    let errors = errors_of(&def);
    // Title, intro, section title, three questions and six options.
    assert_eq!(errors.len(), 12);
    assert!(errors.iter().all(|e| matches!(
        &e.problem,
        DefinitionProblem::MissingTranslation { lang, .. } if lang == "fr"
    )));
    // A text in a language the survey does not list is simply unused.
    let mut def = sample();
    def.title.0.insert("ar".into(), "اختبار".into());
    assert_eq!(validate_definition(&def), Ok(()));
}

#[test]
fn an_intro_is_optional_but_then_in_every_language() {
    let mut def = sample();
    assert!(def.intro.0.is_empty());
    def.intro = Localized([("nl".to_owned(), "Welkom".to_owned())].into());
    assert!(has(
        &errors_of(&def),
        Place::Survey,
        DefinitionProblem::MissingTranslation {
            text: TextPart::Intro,
            lang: "en".into()
        }
    ));
}

#[test]
fn reports_every_problem_at_once() {
    let v = json!({
        "id": "",
        "version": 0,
        "languages": ["nl", "nl"],
        "title": { "nl": "x" },
        "sections": [
            { "id": "s", "title": { "nl": "s" }, "questions": [] },
            { "id": "t", "title": { "nl": "t" }, "questions": [
                { "id": "a", "text": { "nl": "a" }, "kind": { "type": "smiley", "points": 4 } },
                { "id": "b", "text": { "nl": "b" }, "kind": { "type": "agree" }, "kpi": "onbekend" }
            ]}
        ]
    });
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    let problems: Vec<&DefinitionProblem> = errors.iter().map(|e| &e.problem).collect();
    assert!(problems.contains(&&DefinitionProblem::EmptyId));
    assert!(problems.contains(&&DefinitionProblem::BadVersion));
    assert!(problems.contains(&&DefinitionProblem::DuplicateLanguage("nl".into())));
    assert!(has(
        &errors,
        Place::Section("s".into()),
        DefinitionProblem::EmptySection
    ));
    assert!(has(&errors, q("a"), DefinitionProblem::SmileyPoints(4)));
    assert!(has(
        &errors,
        q("b"),
        DefinitionProblem::UnknownKpi("onbekend".into())
    ));
}

#[test]
fn refuses_a_survey_without_languages_or_questions() {
    let v = json!({ "id": "x", "version": 1, "languages": [], "title": {}, "sections": [] });
    let errors = errors_of(&serde_json::from_value(v).unwrap());
    assert!(has(&errors, Place::Survey, DefinitionProblem::NoLanguages));
    assert!(has(&errors, Place::Survey, DefinitionProblem::NoQuestions));
}

// ---------------------------------------------------------------- responses

#[test]
fn a_complete_response_passes_unchanged() {
    let def = sample();
    let r = response(&[
        ("cijfer", Answer::Number(8)),
        ("hulp", Answer::YesNo(true)),
        ("stelling", Answer::Number(4)),
        ("keuze", Answer::Choice("a".into())),
        ("open", Answer::Text("Fijn geholpen".into())),
    ]);
    assert_eq!(validate_response(&def, &r), Ok(r));
}

#[test]
fn a_required_question_must_be_answered_when_shown() {
    let def = sample();
    let r = response(&[("hulp", Answer::YesNo(true))]);
    assert_eq!(
        answer_errors(&def, &r),
        [
            ("cijfer".to_owned(), AnswerProblem::Required),
            ("stelling".to_owned(), AnswerProblem::Required)
        ]
    );
}

#[test]
fn a_required_question_hidden_by_its_condition_is_not_required() {
    let def = sample();
    for hulp in [Some(false), None] {
        let mut r = response(&[("cijfer", Answer::Number(7))]);
        if let Some(h) = hulp {
            r.answers.insert("hulp".into(), Answer::YesNo(h));
        }
        assert!(validate_response(&def, &r).is_ok(), "{hulp:?}");
    }
}

#[test]
fn answers_to_hidden_questions_are_dropped() {
    let def = sample();
    let r = response(&[
        ("cijfer", Answer::Number(7)),
        ("hulp", Answer::YesNo(false)),
        ("stelling", Answer::Number(1)),
    ]);
    let kept = validate_response(&def, &r).unwrap();
    assert!(!kept.answers.contains_key("stelling"));
    assert_eq!(kept.answers.len(), 2);
}

#[test]
fn a_question_that_depends_on_a_hidden_one_is_hidden_too() {
    let mut v = sample_json();
    v["sections"][1]["questions"][1]["show_if"] =
        json!({ "question": "stelling", "equals": { "number": 1 } });
    let def: SurveyDefinition = serde_json::from_value(v).unwrap();
    // "stelling" hidden (hulp = no), so "open" is hidden although the stale
    // form state still holds stelling = 1.
    let answers: BTreeMap<String, Answer> = [
        ("hulp".to_owned(), Answer::YesNo(false)),
        ("stelling".to_owned(), Answer::Number(1)),
    ]
    .into();
    let shown: Vec<&str> = shown_questions(&def, &answers)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(shown, ["cijfer", "hulp", "keuze"]);
    let mut r = response(&[
        ("cijfer", Answer::Number(7)),
        ("open", Answer::Text("x".into())),
    ]);
    r.answers.extend(answers);
    let kept = validate_response(&def, &r).unwrap();
    assert_eq!(kept.answers.keys().collect::<Vec<_>>(), ["cijfer", "hulp"]);
}

#[test]
fn a_condition_on_a_multiple_choice_matches_one_ticked_code() {
    let condition = Condition {
        question: "m".into(),
        equals: Answer::Choice("b".into()),
    };
    assert!(condition.is_met(Some(&Answer::Choices(vec!["a".into(), "b".into()]))));
    assert!(!condition.is_met(Some(&Answer::Choices(vec!["a".into()]))));
    assert!(condition.is_met(Some(&Answer::Choice("b".into()))));
    assert!(!condition.is_met(None));
}

#[test]
fn numbers_must_be_in_the_range_of_the_kind() {
    let def = sample();
    for (id, value, ok) in [
        ("cijfer", 0, false),
        ("cijfer", 1, true),
        ("cijfer", 10, true),
        ("cijfer", 11, false),
        ("stelling", 0, false),
        ("stelling", 5, true),
        ("stelling", 6, false),
    ] {
        let mut r = response(&[("cijfer", Answer::Number(5)), ("hulp", Answer::YesNo(true))]);
        r.answers.insert("stelling".into(), Answer::Number(3));
        r.answers.insert(id.into(), Answer::Number(value));
        let errors = answer_errors(&def, &r);
        if ok {
            assert!(errors.is_empty(), "{id} {value}");
        } else {
            let (min, max) = if id == "cijfer" { (1, 10) } else { (1, 5) };
            assert_eq!(
                errors,
                [(id.to_owned(), AnswerProblem::OutOfRange { min, max })]
            );
        }
    }
}

#[test]
fn dont_know_only_where_the_question_offers_it() {
    let def = sample();
    let r = response(&[
        ("cijfer", Answer::DontKnow),
        ("hulp", Answer::YesNo(true)),
        ("stelling", Answer::DontKnow),
    ]);
    assert_eq!(
        answer_errors(&def, &r),
        [("cijfer".to_owned(), AnswerProblem::DontKnowNotAllowed)]
    );
}

#[test]
fn codes_must_be_known_and_kinds_must_fit() {
    let def = sample();
    let r = response(&[
        ("cijfer", Answer::YesNo(true)),
        ("hulp", Answer::Number(1)),
        ("keuze", Answer::Choice("z".into())),
        ("open", Answer::Number(3)),
        ("weg", Answer::Number(3)),
    ]);
    assert_eq!(
        answer_errors(&def, &r),
        [
            ("cijfer".to_owned(), AnswerProblem::WrongKind),
            ("hulp".to_owned(), AnswerProblem::WrongKind),
            ("keuze".to_owned(), AnswerProblem::UnknownCode("z".into())),
            ("open".to_owned(), AnswerProblem::WrongKind),
            ("weg".to_owned(), AnswerProblem::UnknownQuestion),
        ]
    );
}

#[test]
fn multiple_choice_ticks_follow_the_options_and_none_is_no_answer() {
    let mut v = sample_json();
    v["sections"][1]["questions"][0]["kind"]["type"] = json!("multiple");
    v["sections"][1]["questions"][0]["required"] = json!(true);
    let def: SurveyDefinition = serde_json::from_value(v).unwrap();
    let r = response(&[
        ("cijfer", Answer::Number(5)),
        (
            "keuze",
            Answer::Choices(vec!["b".into(), "a".into(), "b".into()]),
        ),
    ]);
    let kept = validate_response(&def, &r).unwrap();
    assert_eq!(
        kept.answers["keuze"],
        Answer::Choices(vec!["a".into(), "b".into()])
    );
    let none = response(&[
        ("cijfer", Answer::Number(5)),
        ("keuze", Answer::Choices(vec![])),
    ]);
    assert_eq!(
        answer_errors(&def, &none),
        [("keuze".to_owned(), AnswerProblem::Required)]
    );
    let unknown = response(&[
        ("cijfer", Answer::Number(5)),
        ("keuze", Answer::Choices(vec!["a".into(), "q".into()])),
    ]);
    assert_eq!(
        answer_errors(&def, &unknown),
        [("keuze".to_owned(), AnswerProblem::UnknownCode("q".into()))]
    );
}

#[test]
fn open_text_is_trimmed_limited_and_free_of_personal_data() {
    let def = sample();
    let with = |t: &str| {
        response(&[
            ("cijfer", Answer::Number(9)),
            ("open", Answer::Text(t.into())),
        ])
    };
    let kept = validate_response(&def, &with("  Dank je wel!  ")).unwrap();
    assert_eq!(kept.answers["open"], Answer::Text("Dank je wel!".into()));
    let empty = validate_response(&def, &with("   ")).unwrap();
    assert!(!empty.answers.contains_key("open"));
    let at_limit = "é".repeat(MAX_OPEN_CHARS);
    assert!(validate_response(&def, &with(&at_limit)).is_ok());
    assert_eq!(
        answer_errors(&def, &with(&format!("{at_limit}x"))),
        [(
            "open".to_owned(),
            AnswerProblem::TooLong {
                max: MAX_OPEN_CHARS
            }
        )]
    );
    assert_eq!(
        answer_errors(&def, &with("Bel me op 06-12345678")),
        [(
            "open".to_owned(),
            AnswerProblem::PersonalData(PersonalData::LongNumber)
        )]
    );
    assert_eq!(
        answer_errors(&def, &with("mail jan@example.nl")),
        [(
            "open".to_owned(),
            AnswerProblem::PersonalData(PersonalData::Email)
        )]
    );
}

#[test]
fn a_response_must_name_this_survey_version_and_one_of_its_languages() {
    let def = sample();
    let mut r = response(&[("cijfer", Answer::Number(9))]);
    r.survey_version = 2;
    r.lang = "ar".into();
    assert_eq!(
        validate_response(&def, &r),
        Err(vec![
            ResponseError::WrongSurvey,
            ResponseError::UnknownLanguage("ar".into())
        ])
    );
}

// ---------------------------------------------------------------- publishing and versions

#[test]
fn editing_a_published_survey_makes_the_next_version_as_a_draft() {
    let v1 = publish(&sample()).unwrap();
    assert_eq!(v1.status, SurveyStatus::Published);
    let v2 = begin_edit(&v1);
    assert_eq!(
        (v2.id.as_str(), v2.version, v2.status),
        ("test", 2, SurveyStatus::Draft)
    );
    // A draft is edited as it is.
    assert_eq!(begin_edit(&v2), v2);
}

#[test]
fn publishing_refuses_an_invalid_definition() {
    let mut def = sample();
    def.sections[1].questions[0].kind = QuestionKind::Single { options: vec![] };
    let errors = publish(&def).unwrap_err();
    assert_eq!(errors[0].problem, DefinitionProblem::NoOptions);
}

#[test]
fn duplicate_makes_a_new_survey_at_version_one() {
    let mut original = begin_edit(&publish(&sample()).unwrap());
    original.invited = 40;
    let copy = duplicate(&original, "kopie");
    assert_eq!(
        (copy.id.as_str(), copy.version, copy.status),
        ("kopie", 1, SurveyStatus::Draft)
    );
    assert_eq!(copy.invited, 0);
    assert_eq!(copy.sections, original.sections);
    // A template becomes an organisation's own survey the same way.
    let own = publish(&duplicate(&Template::Kto.definition(), "kto-2027")).unwrap();
    assert_eq!(check_save(None, &own), Ok(()));
}

#[test]
fn check_save_keeps_published_versions_frozen() {
    let v1 = publish(&sample()).unwrap();
    let mut changed = v1.clone();
    changed.title.0.insert("nl".into(), "Anders".into());
    assert_eq!(check_save(Some(&v1), &changed), Err(EditError::Frozen(1)));
    // Only the number invited may be filled in afterwards.
    let mut invited = v1.clone();
    invited.invited = 141;
    assert_eq!(check_save(Some(&v1), &invited), Ok(()));
    // Unpublishing in place is a change too.
    let mut back = v1.clone();
    back.status = SurveyStatus::Draft;
    assert_eq!(check_save(Some(&v1), &back), Err(EditError::Frozen(1)));
    // The next version is fine; skipping one is not.
    let v2 = begin_edit(&v1);
    assert_eq!(check_save(Some(&v1), &v2), Ok(()));
    let mut v3 = v2.clone();
    v3.version = 3;
    assert_eq!(
        check_save(Some(&v1), &v3),
        Err(EditError::WrongVersion {
            expected: 2,
            got: 3
        })
    );
    // A draft is saved over itself, and may be published when valid.
    assert_eq!(check_save(Some(&v2), &v2), Ok(()));
    assert_eq!(check_save(Some(&v2), &publish(&v2).unwrap()), Ok(()));
    let mut broken = v2.clone();
    broken.sections[0].questions[0].id = "hulp".into();
    broken.status = SurveyStatus::Published;
    assert!(matches!(check_save(Some(&v2), &broken), Err(EditError::Invalid(e)) if !e.is_empty()));
    // The id never changes, and a new survey starts at 1.
    assert_eq!(
        check_save(Some(&v2), &duplicate(&v2, "ander")),
        Err(EditError::IdChanged)
    );
    assert_eq!(
        check_save(None, &v2),
        Err(EditError::WrongVersion {
            expected: 1,
            got: 2
        })
    );
}

#[test]
fn old_responses_find_the_version_they_answered() {
    let v1 = publish(&sample()).unwrap();
    let mut v2 = begin_edit(&v1);
    v2.sections[1].questions.remove(1); // the open question is gone in v2
    let v2 = publish(&v2).unwrap();
    let v3 = begin_edit(&v2); // a draft nobody answers yet
    let versions = vec![v3.clone(), v1.clone(), v2.clone()];

    let old = response(&[
        ("cijfer", Answer::Number(6)),
        ("open", Answer::Text("oud".into())),
    ]);
    let def = definition_for(&versions, &old.survey_id, old.survey_version).unwrap();
    assert_eq!(def.version, 1);
    assert!(validate_response(def, &old).is_ok());
    // Against v2 the same answers would no longer fit.
    let mut moved = old.clone();
    moved.survey_version = 2;
    assert_eq!(
        answer_errors(&v2, &moved),
        [("open".to_owned(), AnswerProblem::UnknownQuestion)]
    );
    assert!(definition_for(&versions, "test", 9).is_none());
    assert!(definition_for(&versions, "ander", 1).is_none());
    assert_eq!(latest(&versions, "test").map(|d| d.version), Some(3));
    assert_eq!(
        latest_published(&versions, "test").map(|d| d.version),
        Some(2)
    );
}

// ---------------------------------------------------------------- storage format

#[test]
fn every_template_round_trips_through_json() {
    for def in templates::builtin() {
        let text = serde_json::to_string(&def).unwrap();
        let back: SurveyDefinition = serde_json::from_str(&text).unwrap();
        assert_eq!(back, def);
    }
}

#[test]
fn a_definition_stored_by_the_first_format_still_reads() {
    // Written before status, invited, kpis, intro, pictograms, "weet niet",
    // required and conditions existed: each must fall back to its default.
    let old = r#"{
        "id": "kto-2025",
        "version": 3,
        "languages": ["nl"],
        "title": { "nl": "KTO" },
        "sections": [ { "id": "s", "title": { "nl": "Vragen" }, "questions": [
            { "id": "cijfer", "text": { "nl": "Cijfer?" }, "kind": { "type": "mark" } },
            { "id": "eens", "text": { "nl": "Goed?" }, "kind": { "type": "agree" } },
            { "id": "kies", "text": { "nl": "Welke?" }, "kind": { "type": "single", "options": [
                { "code": "a", "label": { "nl": "A" } } ] } }
        ] } ]
    }"#;
    let def: SurveyDefinition = serde_json::from_str(old).unwrap();
    assert_eq!(def.status, SurveyStatus::Draft);
    assert_eq!(def.invited, 0);
    assert!(def.kpis.is_empty() && def.intro.0.is_empty());
    let eens = def.question("eens").unwrap();
    assert_eq!(eens.kind, QuestionKind::Agree { dont_know: false });
    assert!(!eens.required && eens.kpi.is_none() && eens.show_if.is_none());
    assert_eq!(
        def.question("kies").unwrap().kind.options()[0].pictogram,
        None
    );
    assert_eq!(validate_definition(&def), Ok(()));
}

#[test]
fn a_response_is_stored_as_a_date_and_codes_without_a_time() {
    let mut r = response(&[
        ("cijfer", Answer::Number(9)),
        ("stelling", Answer::DontKnow),
        ("hulp", Answer::YesNo(true)),
        ("keuze", Answer::Choice("a".into())),
        ("open", Answer::Text("Prima".into())),
    ]);
    r.answers
        .insert("m".into(), Answer::Choices(vec!["a".into()]));
    let stored = serde_json::to_value(&r).unwrap();
    assert_eq!(
        stored,
        json!({
            "survey_id": "test",
            "survey_version": 1,
            "date": "2026-11-23",
            "lang": "nl",
            "answers": {
                "cijfer": { "number": 9 },
                "hulp": { "yes_no": true },
                "keuze": { "choice": "a" },
                "m": { "choices": ["a"] },
                "open": { "text": "Prima" },
                "stelling": "dont_know"
            }
        })
    );
    let back: ResponseContent = serde_json::from_value(stored).unwrap();
    assert_eq!(back, r);
    // Optional context for marks per location and channel.
    r.location = Some("wijkplein-noord".into());
    r.channel = Some("inloop".into());
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(serde_json::from_str::<ResponseContent>(&text).unwrap(), r);
}

#[test]
fn texts_fall_back_to_the_surveys_default_language() {
    let def = Template::Kto.definition();
    assert_eq!(def.text(&def.title, "ar"), "ما مدى رضاك عن مساعدتنا؟");
    assert_eq!(
        def.text(&def.title, "fr"),
        "Hoe tevreden bent u over onze hulp?"
    );
    let mut en_first = sample();
    en_first.languages = vec!["en".into(), "nl".into()];
    assert_eq!(en_first.text(&en_first.title, "de"), "Test (en)");
}

// ---------------------------------------------------------------- scoring

mod scoring {
    use super::*;
    use wijkpeil::domain::survey::scoring::{open_answers, scale_to_mark, tally, Tally};
    use wijkpeil::domain::survey::{
        as_mark, format_decimal_nl, format_percent_nl, response_rate_tenths, score, SurveyScores,
        MIN_GROUP,
    };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Two themes: A with statements a1, a2 (KPI "k" on both), B with b1
    /// (smiley-3); a 0–10 recommendation; the mark.
    fn scored() -> SurveyDefinition {
        serde_json::from_value(json!({
            "id": "s", "version": 1, "languages": ["nl"], "title": { "nl": "S" },
            "kpis": [ { "code": "k", "label": { "nl": "K" } } ],
            "sections": [
                { "id": "a", "title": { "nl": "A" }, "theme": "A", "questions": [
                    { "id": "a1", "text": { "nl": "a1" }, "kind": { "type": "agree", "dont_know": true }, "kpi": "k" },
                    { "id": "a2", "text": { "nl": "a2" }, "kind": { "type": "agree", "dont_know": true }, "kpi": "k" }
                ]},
                { "id": "b", "title": { "nl": "B" }, "theme": "B", "questions": [
                    { "id": "b1", "text": { "nl": "b1" }, "kind": { "type": "smiley", "points": 3 } }
                ]},
                { "id": "c", "title": { "nl": "C" }, "questions": [
                    { "id": "cijfer", "text": { "nl": "cijfer" }, "kind": { "type": "mark" } },
                    { "id": "nps", "text": { "nl": "nps" }, "kind": { "type": "recommend" } },
                    { "id": "ja", "text": { "nl": "ja" }, "kind": { "type": "yes_no" } }
                ]}
            ]
        }))
        .unwrap()
    }

    fn answered(pairs: &[(&str, Answer)]) -> ResponseContent {
        let mut r = ResponseContent::new("s", 1, date(), "nl");
        for (id, a) in pairs {
            r.answers.insert((*id).to_owned(), a.clone());
        }
        r
    }

    fn n(v: u8) -> Answer {
        Answer::Number(v)
    }

    fn get<'a, T>(list: &'a [(String, T)], key: &str) -> &'a T {
        &list.iter().find(|(k, _)| k == key).unwrap().1
    }

    fn run(responses: &[ResponseContent]) -> SurveyScores {
        score(&[scored()], responses)
    }

    #[test]
    fn agree_and_smiley_points_become_marks_with_neutral_at_the_pass_mark() {
        let agree = QuestionKind::Agree { dont_know: true };
        let marks: Vec<f64> = (1..=5).map(|v| as_mark(&agree, &n(v)).unwrap()).collect();
        assert_eq!(marks, [1.0, 3.25, 5.5, 7.75, 10.0]);
        let smiley5 = QuestionKind::Smiley {
            points: 5,
            dont_know: false,
        };
        let smiley3 = QuestionKind::Smiley {
            points: 3,
            dont_know: false,
        };
        for v in 1..=5 {
            assert_eq!(as_mark(&smiley5, &n(v)), as_mark(&agree, &n(v)));
        }
        let marks: Vec<f64> = (1..=3).map(|v| as_mark(&smiley3, &n(v)).unwrap()).collect();
        assert_eq!(marks, [1.0, 5.5, 10.0]);
        assert_eq!(scale_to_mark(3, 5), 5.5);
        // A rapportcijfer is a mark as it is.
        assert_eq!(as_mark(&QuestionKind::Mark, &n(7)), Some(7.0));
        // No mark from "weet niet", yes/no, the 0–10 recommendation, or out of range.
        assert_eq!(as_mark(&agree, &Answer::DontKnow), None);
        assert_eq!(as_mark(&QuestionKind::YesNo, &Answer::YesNo(true)), None);
        assert_eq!(as_mark(&QuestionKind::Recommend, &n(9)), None);
        assert_eq!(as_mark(&agree, &n(6)), None);
        assert_eq!(as_mark(&smiley3, &n(4)), None);
    }

    #[test]
    fn a_theme_is_the_mean_of_its_statements_means_here_exactly_7_75() {
        // a1: "helemaal eens" three times → 10; a2: neutral once → 5.5.
        // Theme A = (10 + 5.5) / 2 = 7.75, although 3 of 4 answers were 10.
        let responses = vec![
            answered(&[("a1", n(5)), ("a2", n(3))]),
            answered(&[("a1", n(5))]),
            answered(&[("a1", n(5))]),
        ];
        let s = run(&responses);
        assert_eq!(get(&s.questions, "a1").mark, 10.0);
        assert_eq!(get(&s.questions, "a2").mark, 5.5);
        let a = get(&s.themes, "A");
        assert_eq!(a.mark, 7.75);
        assert_eq!(a.responses, 3);
        assert_eq!(format_decimal_nl(a.mark, 1), "7,8");
        // Nobody answered theme B: it has no score rather than a zero.
        assert!(s.themes.iter().all(|(t, _)| t != "B"));
    }

    #[test]
    fn a_kpi_pools_all_its_tagged_answers() {
        // The same answers: KPI k = (10 + 10 + 10 + 5.5) / 4 = 8.875, while
        // the mean of its two statements' means would be 7.75.
        let responses = vec![
            answered(&[("a1", n(5)), ("a2", n(3))]),
            answered(&[("a1", n(5))]),
            answered(&[("a1", n(5))]),
        ];
        let s = run(&responses);
        let k = get(&s.kpis, "k");
        assert_eq!(k.mark, 8.875);
        assert_eq!(k.responses, 3);
        assert_ne!(k.mark, get(&s.themes, "A").mark);
    }

    #[test]
    fn dont_know_is_left_out_of_every_mean() {
        let responses = vec![
            answered(&[("a1", n(4)), ("a2", Answer::DontKnow)]),
            answered(&[("a1", Answer::DontKnow), ("a2", Answer::DontKnow)]),
        ];
        let s = run(&responses);
        assert_eq!(get(&s.questions, "a1").mark, 7.75);
        assert!(s.questions.iter().all(|(q, _)| q != "a2"));
        assert_eq!(get(&s.themes, "A").mark, 7.75);
        assert_eq!(get(&s.themes, "A").responses, 1);
        assert_eq!(get(&s.kpis, "k").mark, 7.75);
        assert_eq!(s.responses, 2);
    }

    #[test]
    fn a_smiley_3_theme_and_the_overall_mark() {
        let responses = vec![
            answered(&[("b1", n(1)), ("cijfer", n(6))]),
            answered(&[("b1", n(2)), ("cijfer", n(8))]),
            answered(&[("b1", n(3)), ("ja", Answer::YesNo(true))]),
        ];
        let s = run(&responses);
        assert_eq!(get(&s.themes, "B").mark, 5.5); // (1 + 5.5 + 10) / 3
        let overall = s.overall.unwrap();
        assert_eq!((overall.mark, overall.responses), (7.0, 2));
        // Yes/no never reaches a mark.
        assert!(s.questions.iter().all(|(q, _)| q != "ja"));
    }

    #[test]
    fn the_kto_mark_of_seed_002_9_06_from_18_questionnaires() {
        let def = Template::Kto.definition();
        let responses: Vec<ResponseContent> = (0..18)
            .map(|i| {
                let mut r = ResponseContent::new(&def.id, 1, date(), "nl");
                r.answers
                    .insert("cijfer".into(), n(if i == 0 { 10 } else { 9 }));
                r
            })
            .collect();
        let s = score(std::slice::from_ref(&def), &responses);
        let overall = s.overall.unwrap();
        assert!(close(overall.mark, 163.0 / 18.0));
        assert_eq!(format_decimal_nl(overall.mark, 2), "9,06");
        assert!(!overall.small);
        let rate = response_rate_tenths(18, 141).unwrap();
        assert_eq!(format_percent_nl(rate), "12,8%");
    }

    #[test]
    fn recommendation_is_kept_apart_as_a_mean_and_nps() {
        // 5 promoters (9, 10), 3 passives (7, 8), 2 detractors (0, 6).
        let values = [10, 9, 9, 10, 9, 7, 8, 8, 6, 0];
        let responses: Vec<ResponseContent> =
            values.iter().map(|v| answered(&[("nps", n(*v))])).collect();
        let s = run(&responses);
        let r = get(&s.recommendations, "nps");
        assert_eq!(
            (r.promoters, r.passives, r.detractors, r.answers),
            (5, 3, 2, 10)
        );
        assert!(close(r.nps, 30.0));
        assert!(close(r.mean, 7.6));
        assert!(!r.small);
        // Not mixed into the marks.
        assert!(s.overall.is_none() && s.questions.is_empty());
        let low = run(&[answered(&[("nps", n(3))]), answered(&[("nps", n(5))])]);
        let r = get(&low.recommendations, "nps");
        assert!(close(r.nps, -100.0) && r.small);
        assert_eq!(format_decimal_nl(r.nps, 0), "-100");
    }

    #[test]
    fn fewer_than_five_responses_is_a_small_group() {
        assert_eq!(MIN_GROUP, 5);
        let four: Vec<_> = (0..4).map(|_| answered(&[("a1", n(4))])).collect();
        assert!(get(&run(&four).themes, "A").small);
        let five: Vec<_> = (0..5).map(|_| answered(&[("a1", n(4))])).collect();
        let s = run(&five);
        assert!(!get(&s.themes, "A").small);
        assert!(!get(&s.questions, "a1").small);
    }

    #[test]
    fn response_rate_with_one_decimal_in_dutch() {
        assert_eq!(response_rate_tenths(18, 141), Some(128));
        assert_eq!(format_percent_nl(128), "12,8%");
        assert_eq!(response_rate_tenths(1, 16), Some(63)); // 6.25 rounds up
        assert_eq!(response_rate_tenths(250, 1000), Some(250));
        assert_eq!(format_percent_nl(250), "25,0%");
        assert_eq!(response_rate_tenths(0, 10), Some(0));
        assert_eq!(response_rate_tenths(5, 0), None);
        assert_eq!(response_rate_tenths(u32::MAX, 1), None);
    }

    #[test]
    fn dutch_decimals() {
        assert_eq!(format_decimal_nl(7.75, 1), "7,8");
        assert_eq!(format_decimal_nl(7.45, 1), "7,5");
        assert_eq!(format_decimal_nl(8.0, 1), "8,0");
        assert_eq!(format_decimal_nl(9.0555, 2), "9,06");
        assert_eq!(format_decimal_nl(-0.25, 1), "-0,3");
        assert_eq!(format_decimal_nl(12.0, 0), "12");
    }

    #[test]
    fn each_response_is_scored_with_the_version_it_answered() {
        // v1: a2 belongs to theme A. v2 moves it to theme B.
        let v1 = scored();
        let mut v2 = begin_edit(&publish(&v1).unwrap());
        let a2 = v2.sections[0].questions.remove(1);
        v2.sections[1].questions.push(a2);
        let mut old = answered(&[("a1", n(5)), ("a2", n(1))]);
        old.survey_version = 1;
        let mut new = answered(&[("a2", n(5))]);
        new.survey_version = 2;
        let mut unknown = answered(&[("a1", n(1))]);
        unknown.survey_version = 7;
        let s = score(&[v1, v2], [&old, &new, &unknown]);
        assert_eq!(s.responses, 2);
        assert_eq!(s.unknown_version, 1);
        assert_eq!(get(&s.themes, "A").mark, (10.0 + 1.0) / 2.0);
        assert_eq!(get(&s.themes, "B").mark, 10.0);
        // Themes follow the newest version's order.
        let order: Vec<&str> = s.themes.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(order, ["A", "B"]);
    }

    #[test]
    fn the_client_survey_reports_six_theme_marks() {
        let def = Template::ClientSurvey.definition();
        let statements: Vec<String> = def
            .questions()
            .filter(|q| def.theme_of(&q.id).is_some())
            .map(|q| q.id.clone())
            .collect();
        let responses: Vec<ResponseContent> = (0..5)
            .map(|_| {
                let mut r = ResponseContent::new(&def.id, 1, date(), "nl");
                for id in &statements {
                    r.answers.insert(id.clone(), n(4));
                }
                r
            })
            .collect();
        let s = score(std::slice::from_ref(&def), &responses);
        assert_eq!(s.themes.len(), 6);
        assert!(s
            .themes
            .iter()
            .all(|(_, t)| t.mark == 7.75 && t.responses == 5));
    }

    #[test]
    fn tallies_and_quotes() {
        let responses = vec![
            answered(&[("ja", Answer::YesNo(true))]),
            answered(&[("ja", Answer::YesNo(true)), ("a1", Answer::DontKnow)]),
            answered(&[
                ("ja", Answer::YesNo(false)),
                ("open", Answer::Text("Top".into())),
            ]),
        ];
        assert_eq!(
            tally("ja", &responses),
            Tally {
                answered: 3,
                counts: vec![("yes".into(), 2), ("no".into(), 1)]
            }
        );
        assert_eq!(
            tally("a1", &responses).counts,
            [("dont_know".to_owned(), 1)]
        );
        let multi = vec![
            answered(&[("m", Answer::Choices(vec!["a".into(), "b".into()]))]),
            answered(&[("m", Answer::Choices(vec!["b".into()]))]),
        ];
        let t = tally("m", &multi);
        assert_eq!(t.answered, 2);
        assert_eq!(t.counts, [("a".to_owned(), 1), ("b".to_owned(), 2)]);
        assert_eq!(open_answers("open", &responses), ["Top"]);
    }
}

#[test]
fn a_translation_is_marked_checked_or_not_only_for_the_surveys_own_languages() {
    let mut def = templates::builtin().remove(0);
    def.set_checked("tr", true);
    assert!(def.is_checked("tr"));
    assert!(!def.unchecked_languages.iter().any(|l| l == "tr"));
    def.set_checked("tr", false);
    // Back in the order of the survey's languages, not at the end.
    assert_eq!(
        def.unchecked_languages,
        ["nl-x-b1", "en", "ar", "tr", "pl", "uk"]
    );
    // The survey's own language is the original, never "unchecked"; a
    // language it does not have is not listed.
    def.set_checked("nl", false);
    def.set_checked("fr", false);
    assert!(def.is_checked("nl"));
    assert!(!def
        .unchecked_languages
        .iter()
        .any(|l| l == "nl" || l == "fr"));
    // Stored and read back as it is; an older definition without the list
    // reads as all checked.
    let json = serde_json::to_string(&def).unwrap();
    let back: SurveyDefinition = serde_json::from_str(&json).unwrap();
    assert_eq!(back.unchecked_languages, def.unchecked_languages);
    let mut old: serde_json::Value = serde_json::from_str(&json).unwrap();
    old.as_object_mut().unwrap().remove("unchecked_languages");
    let old: SurveyDefinition = serde_json::from_value(old).unwrap();
    assert!(old.unchecked_languages.is_empty() && old.is_checked("ar"));
}

/// The browser's apps read the templates from one file that
/// `tools/survey-templates.mjs` writes (not from their wasm): the four in
/// the order of `Template::ALL`, and nothing else reads as it.
#[test]
fn the_templates_file_of_the_build_reads_as_the_builtin_templates() {
    let tool = std::fs::read_to_string("tools/survey-templates.mjs").unwrap();
    assert!(tool.contains(r#"const files = ["kto", "client", "group", "visit"];"#));
    let file = |names: &[&str]| {
        let all: Vec<serde_json::Value> = names
            .iter()
            .map(|n| {
                let text = std::fs::read_to_string(format!("src/domain/survey/templates/{n}.json"))
                    .unwrap();
                serde_json::from_str(&text).unwrap()
            })
            .collect();
        serde_json::to_string(&all).unwrap()
    };
    let read = templates::from_file(&file(&["kto", "client", "group", "visit"])).unwrap();
    assert_eq!(read, templates::builtin());
    assert_eq!(
        templates::from_file(&file(&["client", "kto", "group", "visit"])),
        None
    );
    assert_eq!(
        templates::from_file(&file(&["kto", "client", "group"])),
        None
    );
    assert_eq!(templates::from_file("<html>"), None);
}

#[test]
fn a_templates_title_is_known_without_reading_it() {
    for template in Template::ALL {
        let def = template.definition();
        assert_eq!(title_in(&def, "nl"), template.title("nl"));
        assert_eq!(title_in(&def, "en"), template.title("en"));
        // Other languages: the Dutch (staff screens are Dutch or English).
        assert_eq!(template.title("tr"), template.title("nl"));
    }
}

fn title_in<'a>(def: &'a SurveyDefinition, lang: &str) -> &'a str {
    def.title.0[lang].as_str()
}

#[test]
fn a_language_left_out_takes_its_texts_along_and_comes_back_with_them() {
    let template = Template::WijkpleinVisit.definition();
    let mut def = template.clone();
    def.drop_language("uk");
    def.drop_language("pl");
    def.drop_language("nl"); // the survey's own language stays
    assert_eq!(def.languages, ["nl", "nl-x-b1", "en", "ar", "tr"]);
    assert!(!def
        .unchecked_languages
        .iter()
        .any(|l| l == "uk" || l == "pl"));
    let text = serde_json::to_string(&def).unwrap();
    assert!(!text.contains("\"uk\"") && !text.contains("\"pl\""));
    assert!(text.len() < serde_json::to_string(&template).unwrap().len());
    assert_eq!(validate_definition(&def), Ok(()));
    // Back, in its place and with every text, as unchecked as before.
    def.restore_language("pl", &template);
    assert_eq!(def.languages, ["nl", "nl-x-b1", "en", "ar", "tr", "pl"]);
    assert!(!def.is_checked("pl"));
    assert_eq!(validate_definition(&def), Ok(()));
    def.restore_language("uk", &template);
    assert_eq!(def, template);
    // A question added meanwhile has no Ukrainian text to restore: named.
    let mut def = template.clone();
    def.drop_language("uk");
    let mut added = def.sections[0].questions[0].clone();
    added.id = "nieuw".into();
    def.sections[0].questions.push(added);
    def.restore_language("uk", &template);
    assert!(errors_of(&def).iter().any(|e| matches!(
        &e.problem,
        DefinitionProblem::MissingTranslation { lang, .. } if lang == "uk"
    )));
}
