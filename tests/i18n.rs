//! The interface languages: Dutch and English cover every screen (the staff
//! screens offer only complete languages), Arabic the resident screens.

use std::collections::BTreeMap;
use wijkpeil::i18n::{fill, locale, Key, LOCALES};

// The locale check `build.rs` runs, compiled here too, so a test can show
// that it fails on a bad file.
#[path = "../src/i18n/check.rs"]
#[allow(dead_code)]
mod check;

#[test]
fn dutch_comes_first_and_is_the_fallback() {
    assert_eq!(LOCALES[0].code, "nl");
    assert_eq!(locale("xx").code, "nl");
}

#[test]
fn dutch_and_english_are_complete_for_staff() {
    for code in ["nl", "en"] {
        assert!(locale(code).complete, "{code} lacks interface texts");
    }
}

#[cfg(feature = "resident")]
#[test]
fn arabic_is_offered_to_residents_but_not_complete_for_staff() {
    let arabic = locale("ar");
    assert_eq!(arabic.code, "ar");
    assert_eq!(arabic.dir, "rtl");
    assert!(!arabic.complete);
}

/// Every trajectory problem reads as a finished sentence in Dutch and
/// English: no placeholder left, no key name shown.
#[cfg(feature = "coordinator")]
#[test]
fn every_trajectory_problem_has_a_finished_sentence() {
    use wijkpeil::domain::privacy::{PersonalData, TextProblem};
    use wijkpeil::domain::trajectory::TrajectoryProblem as P;
    use wijkpeil::domain::trajectory_form::{DateField, FormProblem};
    use wijkpeil::i18n::trajectory::{form_problem, problem};
    let problems = [
        P::CodeFormat,
        P::CodeInUse,
        P::StartInFuture,
        P::UnknownAgeBand,
        P::UnknownReferrer("x".into()),
        P::UnknownHousehold("x".into()),
        P::NoMainDomain,
        P::UnknownMainDomain("x".into()),
        P::Goal {
            goal: 0,
            problem: TextProblem::Empty,
        },
        P::Goal {
            goal: 1,
            problem: TextProblem::TooLong { max: 200 },
        },
        P::Goal {
            goal: 2,
            problem: TextProblem::PersonalData(PersonalData::Email),
        },
        P::UnknownGoalDomain {
            goal: 0,
            code: "x".into(),
        },
        P::IntakeBeforeStart,
        P::UnknownIntakeDomain("x".into()),
        P::UnknownHealthDimension("x".into()),
        P::HealthScoreOutOfRange {
            dimension: "x".into(),
            value: 11,
        },
        P::NotClosed,
        P::ClosingBeforeStart,
        P::ClosingInFuture,
        P::EndBeforeIntake,
        P::UnknownEndDomain("x".into()),
        P::MomentBeforeStart { moment: 0 },
        P::MomentInFuture { moment: 0 },
        P::UnknownMomentChannel {
            moment: 0,
            code: "x".into(),
        },
        P::MomentNote {
            moment: 0,
            problem: TextProblem::TooLong { max: 200 },
        },
        P::MomentNote {
            moment: 0,
            problem: TextProblem::PersonalData(PersonalData::Postcode),
        },
    ];
    let form = [
        FormProblem::NotADate(DateField::Start),
        FormProblem::NotADate(DateField::Intake),
        FormProblem::NotADate(DateField::Closing),
        FormProblem::NotADate(DateField::End),
        FormProblem::NotADate(DateField::Moment),
        FormProblem::HealthNotANumber("meaningfulness".into()),
        FormProblem::UnknownScore("7".into()),
        FormProblem::UnknownReason,
    ];
    for code in ["nl", "en"] {
        let l = locale(code);
        let sentences = problems
            .iter()
            .map(|p| problem(l, p))
            .chain(form.iter().map(|p| form_problem(l, p)));
        for sentence in sentences {
            assert!(sentence.len() > 10, "{code}: {sentence}");
            assert!(!sentence.contains('{'), "{code}: {sentence}");
            assert!(sentence.ends_with('.'), "{code}: {sentence}");
        }
    }
    assert_eq!(
        problem(
            locale("nl"),
            &P::Goal {
                goal: 0,
                problem: TextProblem::Empty
            }
        ),
        "Doel 1 is nog leeg: vul het in."
    );
    assert_eq!(
        problem(
            locale("nl"),
            &P::MomentNote {
                moment: 2,
                problem: TextProblem::PersonalData(PersonalData::Postcode)
            }
        ),
        "Notitie bij contactmoment 3 lijkt persoonsgegevens te bevatten: haal de postcode weg."
    );
}

/// The staff apps, built without the resident survey, carry only complete
/// languages.
#[cfg(not(feature = "resident"))]
#[test]
fn staff_apps_carry_only_complete_languages() {
    assert!(LOCALES.iter().all(|l| l.complete));
    assert_eq!(locale("ar").code, "nl", "Arabic falls back to Dutch here");
}

/// Language names come with every build: the coordinator edits survey texts
/// in residents' languages that its own interface does not carry.
#[test]
fn every_language_has_its_own_name_in_every_build() {
    use wijkpeil::i18n::language_name;
    assert_eq!(language_name("nl"), "Nederlands");
    assert_eq!(language_name("en"), "English");
    assert_eq!(language_name("ar"), "العربية");
    assert_eq!(language_name("tr"), "Türkçe");
    assert_eq!(language_name("pl"), "Polski");
    assert_eq!(language_name("uk"), "Українська");
    assert_eq!(language_name("nl-x-b1"), "Eenvoudig Nederlands");
    // A language without a locale file goes by its code.
    assert_eq!(language_name("fr"), "fr");
    assert_eq!(wijkpeil::i18n::language_dir("ar"), "rtl");
    assert_eq!(wijkpeil::i18n::language_dir("nl"), "ltr");
}

// ------------------------------------------------------- the locale check

fn texts(json: &str) -> BTreeMap<String, serde_json::Value> {
    serde_json::from_str(json).expect("test JSON")
}

#[test]
fn placeholders_are_the_names_in_braces() {
    let found = check::placeholders("{n} van {of} · {date}, {n} {} {Not} {a b}");
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["date", "n", "of"]);
    assert!(check::placeholders("geen { haakjes").is_empty());
}

#[test]
fn the_check_accepts_translations_with_the_same_placeholders_and_forms() {
    let dutch = texts(
        r#"{"saved": "Opgeslagen om {time}.",
            "count": {"one": "{n} bijeenkomst", "other": "{n} bijeenkomsten"}}"#,
    );
    let english = texts(
        r#"{"_meta": {"name": "English"},
            "count": {"one": "{n} meeting", "other": "{n} meetings"},
            "saved": "Saved at {time}."}"#,
    );
    assert_eq!(
        check::mismatches("en.json", &english, &dutch),
        Vec::<String>::new()
    );
}

#[test]
fn the_check_names_each_file_and_key_that_differs_from_dutch() {
    let dutch = texts(
        r#"{"saved": "Opgeslagen om {time}.",
            "held": "{participants} deelnemers · {volunteers} vrijwilligers",
            "count": {"one": "{n} bijeenkomst", "other": "{n} bijeenkomsten"},
            "plain": "Tekst"}"#,
    );
    let bad = texts(
        r#"{"saved": "Saved at {tijd}.",
            "held": "{participants} participants",
            "count": {"one": "one meeting", "other": "{n} meetings"},
            "plain": {"one": "Text", "other": "Texts"},
            "extra": "Not in Dutch"}"#,
    );
    let found = check::mismatches("coordinator/x.en.json", &bad, &dutch);
    assert_eq!(
        found,
        [
            "coordinator/x.en.json: count.one uses the placeholders none, but Dutch uses {n}",
            "coordinator/x.en.json: key extra is not in the Dutch texts",
            "coordinator/x.en.json: held uses the placeholders {participants}, but Dutch uses {participants}, {volunteers}",
            "coordinator/x.en.json: plain has the forms [\"one\", \"other\"], Dutch has [\"other\"]",
            "coordinator/x.en.json: saved uses the placeholders {tijd}, but Dutch uses {time}",
        ]
    );
}

#[test]
fn a_count_has_exactly_the_forms_one_and_other() {
    for bad in [
        r#"{"one": "x"}"#,
        r#"{"one": "x", "other": "y", "few": "z"}"#,
        r#"{"one": "x", "other": 3}"#,
        r#"["x"]"#,
        "3",
    ] {
        let value: serde_json::Value = serde_json::from_str(bad).unwrap();
        assert!(check::forms(&value).is_err(), "{bad}");
    }
    let value = serde_json::json!({"other": "{n} vragen", "one": "{n} vraag"});
    assert_eq!(
        check::forms(&value),
        Ok(vec![("one", "{n} vraag"), ("other", "{n} vragen")])
    );
}

/// What `build.rs` checks, over the real files of every app (the build
/// would have failed otherwise).
#[test]
fn every_locale_file_uses_the_dutch_placeholders() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/locales");
    assert_eq!(
        check::check_dir(&root, &["coordinator", "resident", "staff", "lock"]),
        Vec::<String>::new()
    );
}

/// The build's check over a folder of locale files with the mistakes a
/// translator makes: it finds them in the top folder and in a feature
/// folder, and compares with the Dutch texts of every Dutch file.
#[test]
fn the_check_finds_bad_files_in_a_locale_folder() {
    let dir = std::env::temp_dir().join(format!("wijkpeil-locales-{}", std::process::id()));
    let part = dir.join("coordinator");
    std::fs::create_dir_all(&part).unwrap();
    let write = |path: std::path::PathBuf, json: &str| std::fs::write(path, json).unwrap();
    write(
        dir.join("nl.json"),
        r#"{"_meta": {}, "saved": "Opgeslagen om {time}."}"#,
    );
    write(
        dir.join("en.json"),
        r#"{"_meta": {}, "saved": "Saved at {tijd}."}"#,
    );
    write(
        part.join("act.nl.json"),
        r#"{"held": {"one": "{n} bijeenkomst", "other": "{n} bijeenkomsten"}, "bad": ["x"]}"#,
    );
    write(part.join("act.en.json"), r#"{"held": "{n} meetings"}"#);
    let found = check::check_dir(&dir, &["coordinator", "resident"]);
    std::fs::remove_dir_all(&dir).unwrap();
    let name = |p: std::path::PathBuf| p.display().to_string();
    assert_eq!(
        found,
        [
            format!(
                "{}: bad must be a text, or {{\"one\": …, \"other\": …}} for a count",
                name(part.join("act.nl.json"))
            ),
            format!(
                "{}: saved uses the placeholders {{tijd}}, but Dutch uses {{time}}",
                name(dir.join("en.json"))
            ),
            format!(
                "{}: held has the forms [\"other\"], Dutch has [\"one\", \"other\"]",
                name(part.join("act.en.json"))
            ),
        ]
    );
}

// ------------------------------------------------------------- plurals

#[test]
fn a_count_of_one_takes_the_singular_in_dutch_and_english() {
    use wijkpeil::i18n::count;
    let pending = |code, n| count(locale(code), Key::PendingCount, n);
    assert_eq!(
        pending("nl", 1),
        "1 wijziging nog niet gesynchroniseerd of geëxporteerd"
    );
    assert_eq!(
        pending("nl", 0),
        "0 wijzigingen nog niet gesynchroniseerd of geëxporteerd"
    );
    assert_eq!(
        pending("nl", 8),
        "8 wijzigingen nog niet gesynchroniseerd of geëxporteerd"
    );
    assert_eq!(pending("en", 1), "1 change not yet synced or exported");
    assert_eq!(pending("en", 21), "21 changes not yet synced or exported");
    // Other placeholders stay for `fill`.
    let exported = fill(
        locale("en").plural(Key::Exported, 1),
        &[("n", "1"), ("file", "x.json")],
    );
    assert!(
        exported.starts_with("1 record exported to x.json:"),
        "{exported}"
    );
    // The plain text is the plural form, so a key not yet switched to
    // `plural` still reads as before.
    assert_eq!(
        locale("nl").text(Key::Exported),
        locale("nl").plural(Key::Exported, 2)
    );
    // A text without forms is the same for every number.
    assert_eq!(locale("nl").plural(Key::Save, 1), "Opslaan");
}

#[cfg(feature = "coordinator")]
#[test]
fn counts_on_the_coordinator_screens_agree_with_their_number() {
    use wijkpeil::i18n::activity::{meeting_counts, totals_counts};
    use wijkpeil::i18n::count;
    let nl = locale("nl");
    assert_eq!(count(nl, Key::SurveyQuestionCount, 1), "1 vraag");
    assert_eq!(count(nl, Key::SurveyQuestionCount, 8), "8 vragen");
    assert_eq!(
        meeting_counts(nl, 10, 0, 1),
        "10 deelnemers, waarvan 0 voor het eerst · 1 vrijwilliger"
    );
    assert_eq!(
        meeting_counts(nl, 1, 1, 2),
        "1 deelnemer, waarvan 1 voor het eerst · 2 vrijwilligers"
    );
    let totals = wijkpeil::domain::activity::ActivityTotals {
        activities: 1,
        with_survey: 0,
        meetings: 1,
        participants: 12,
        first_time: 5,
        volunteers: 1,
    };
    assert_eq!(
        totals_counts(locale("en"), &totals),
        "1 meeting, 12 participants (a resident may be counted more than once), \
         5 for the first time, 1 volunteer contribution"
    );
}

#[cfg(feature = "resident")]
#[test]
fn the_resident_is_told_whether_the_answer_was_sent_in_every_language() {
    let dutch = locale("nl");
    assert_eq!(dutch.text(Key::SurveySent), "Uw antwoord is verstuurd.");
    assert_eq!(
        dutch.text(Key::SurveySending),
        "Uw antwoord wordt verstuurd zodra er internet is."
    );
    for code in ["en", "ar", "tr", "pl", "uk", "nl-x-b1"] {
        for key in [Key::SurveySent, Key::SurveySending] {
            assert_ne!(locale(code).text(key), dutch.text(key), "{code}: {key:?}");
        }
    }
}

// --------------------------------------------------- free-text problems

#[test]
fn every_free_text_problem_names_its_field_in_dutch_and_english() {
    use wijkpeil::domain::privacy::{PersonalData, TextProblem};
    use wijkpeil::i18n::text_problem;
    let problems = [
        TextProblem::Empty,
        TextProblem::TooLong { max: 80 },
        TextProblem::PersonalData(PersonalData::Email),
        TextProblem::PersonalData(PersonalData::LongNumber),
        TextProblem::PersonalData(PersonalData::Postcode),
    ];
    for code in ["nl", "en"] {
        let mut seen = Vec::new();
        for problem in problems {
            let sentence = text_problem(locale(code), "Titel", problem);
            assert!(sentence.starts_with("Titel "), "{code}: {sentence}");
            assert!(!sentence.contains('{'), "{code}: {sentence}");
            assert!(sentence.ends_with('.'), "{code}: {sentence}");
            assert!(!seen.contains(&sentence), "{code}: {sentence} twice");
            seen.push(sentence);
        }
    }
    assert_eq!(
        text_problem(locale("nl"), "Titel", TextProblem::TooLong { max: 80 }),
        "Titel is te lang: hooguit 80 tekens."
    );
}

/// A contact's note goes through the same rule and the same sentences.
#[test]
fn a_contact_note_problem_is_the_shared_sentence_with_the_note_label() {
    use wijkpeil::domain::contact::{Field, FieldError, Problem};
    use wijkpeil::domain::privacy::{PersonalData, TextProblem};
    use wijkpeil::i18n::problem_message;
    let error = FieldError {
        field: Field::Note,
        problem: Problem::Text(TextProblem::PersonalData(PersonalData::Email)),
    };
    assert_eq!(
        problem_message(locale("nl"), &error),
        "Korte notitie lijkt persoonsgegevens te bevatten: haal het e-mailadres weg."
    );
    assert_eq!(
        problem_message(locale("en"), &error),
        "Short note seems to hold personal data: remove the e-mail address."
    );
}

// ------------------------------------------- no English on a Dutch screen

/// Every reason a survey cannot be published or changed is a Dutch
/// sentence on a Dutch screen, never the error's English `Display`.
#[cfg(feature = "coordinator")]
#[test]
fn every_survey_error_is_a_translated_sentence() {
    use wijkpeil::domain::survey::edit::EditError;
    use wijkpeil::domain::survey::{
        Counted, DefinitionError, DefinitionProblem as D, Place, TextPart,
    };
    use wijkpeil::i18n::survey::{admin_message, definition_message};
    use wijkpeil::service::surveys::AdminError;
    use wijkpeil::storage::StorageError;
    let problems = [
        D::BadVersion,
        D::EmptyId,
        D::NoLanguages,
        D::DuplicateLanguage("en".into()),
        D::MissingTranslation {
            text: TextPart::Title,
            lang: "en".into(),
        },
        D::NoQuestions,
        D::EmptySection,
        D::DuplicateSectionId,
        D::DuplicateQuestionId,
        D::DuplicateKpi,
        D::NoOptions,
        D::EmptyOptionCode,
        D::DuplicateOptionCode("a".into()),
        D::SmileyPoints(4),
        D::UnknownKpi("nps".into()),
        D::ConditionOnLaterQuestion("q2".into()),
        D::ConditionOnUnknownQuestion("q9".into()),
        D::ConditionValueNotPossible("q1".into()),
        D::TooMany {
            what: Counted::Languages,
            max: 30,
        },
        D::TooMany {
            what: Counted::Sections,
            max: 100,
        },
        D::TooMany {
            what: Counted::Questions,
            max: 500,
        },
        D::TooMany {
            what: Counted::Options,
            max: 100,
        },
        D::TooMany {
            what: Counted::Kpis,
            max: 100,
        },
        D::TooLong {
            text: TextPart::Title,
            max: 5000,
        },
        D::CodeTooLong { max: 64 },
    ];
    let mut errors: Vec<AdminError> = problems
        .iter()
        .map(|problem| {
            AdminError::Edit(EditError::Invalid(vec![DefinitionError {
                at: Place::Question("q3".into()),
                problem: problem.clone(),
            }]))
        })
        .collect();
    errors.extend([
        AdminError::Edit(EditError::IdChanged),
        AdminError::Edit(EditError::Frozen(2)),
        AdminError::Edit(EditError::WrongVersion {
            expected: 2,
            got: 5,
        }),
        AdminError::Storage(StorageError::Conflict),
    ]);
    for code in ["nl", "en"] {
        for error in &errors {
            let sentence = admin_message(locale(code), error);
            assert!(sentence.len() > 15, "{code}: {sentence}");
            assert!(!sentence.contains('{'), "{code}: {sentence}");
            assert!(sentence.ends_with('.'), "{code}: {sentence}");
            if let AdminError::Edit(e) = error {
                assert!(!sentence.contains(&e.to_string()), "{code}: {sentence}");
            }
        }
    }
    let nl = |problem: D| {
        definition_message(
            locale("nl"),
            &DefinitionError {
                at: Place::Question("q3".into()),
                problem,
            },
        )
    };
    assert_eq!(
        nl(D::SmileyPoints(4)),
        "Bij vraag q3 heeft de smileyschaal 4 punten: dat moeten er 3 of 5 zijn."
    );
    assert_eq!(
        nl(D::TooLong {
            text: TextPart::Text,
            max: 5000
        }),
        "Bij vraag q3 is een tekst langer dan 5.000 tekens. Maak hem korter."
    );
    let too_many: Vec<String> = [
        Counted::Languages,
        Counted::Sections,
        Counted::Questions,
        Counted::Options,
        Counted::Kpis,
    ]
    .into_iter()
    .map(|what| nl(D::TooMany { what, max: 100 }))
    .collect();
    for (n, sentence) in too_many.iter().enumerate() {
        assert!(sentence.contains("meer dan 100"), "{sentence}");
        assert!(!too_many[..n].contains(sentence), "said twice: {sentence}");
    }
    assert_eq!(
        admin_message(locale("nl"), &AdminError::Edit(EditError::IdChanged)),
        "Een nieuwe versie moet dezelfde code houden als de enquête. Ga terug naar de lijst en open de enquête opnieuw."
    );
}

/// A resident whose open answer holds a phone number is told so, in their
/// language, not asked to "choose an answer".
#[cfg(feature = "resident")]
#[test]
fn a_refused_answer_says_why_in_every_resident_language() {
    use wijkpeil::domain::privacy::PersonalData;
    use wijkpeil::domain::survey::AnswerProblem as P;
    use wijkpeil::i18n::answer_message;
    let personal = P::PersonalData(PersonalData::LongNumber);
    let too_long = P::TooLong { max: 1000 };
    for code in ["nl", "nl-x-b1", "en", "ar", "tr", "pl", "uk"] {
        let l = locale(code);
        let required = answer_message(l, &P::Required);
        assert_eq!(required, l.text(Key::AnswerRequired));
        assert_ne!(answer_message(l, &personal), required, "{code}");
        assert!(answer_message(l, &too_long).contains("1000"), "{code}");
        assert!(!answer_message(l, &too_long).contains('{'), "{code}");
    }
    assert_eq!(
        answer_message(locale("nl"), &personal),
        "Haal het telefoonnummer, e-mailadres of adres uit uw antwoord. Zo blijft het anoniem."
    );
}

/// Every reason an import file is refused reads as a whole sentence in each
/// staff language, with its figures filled in, and says nothing changed.
#[cfg(staff_texts)]
#[test]
fn every_refused_import_says_why_and_that_nothing_was_imported() {
    use wijkpeil::domain::import::FileProblem;
    use wijkpeil::i18n::import::file_problem;
    let problems = [
        FileProblem::TooLarge { bytes: 300_000_000 },
        FileProblem::Empty,
        FileProblem::Truncated,
        FileProblem::NotJson {
            line: 3,
            column: 17,
        },
        FileProblem::NotAnExport,
        FileProblem::UnknownVersion { found: 9, known: 3 },
        FileProblem::BadList {
            list: "contacts".into(),
        },
        FileProblem::TooManyRecords { count: 2_000_000 },
    ];
    for (code, nothing) in [
        ("nl", "Er is niets geïmporteerd."),
        ("en", "Nothing was imported."),
    ] {
        let locale = wijkpeil::i18n::locale(code);
        for problem in &problems {
            let sentence = file_problem(locale, problem);
            assert!(sentence.contains(nothing), "{code}: {sentence}");
            assert!(!sentence.contains('{'), "{code}: unfilled: {sentence}");
        }
    }
    let nl = wijkpeil::i18n::locale("nl");
    assert!(file_problem(
        nl,
        &FileProblem::NotJson {
            line: 3,
            column: 17
        }
    )
    .contains("regel 3, teken 17"));
    assert!(
        file_problem(nl, &FileProblem::UnknownVersion { found: 9, known: 3 })
            .contains("formaatversie 9")
    );
}

/// A sync server's answer that is too large to read says so, with its
/// size, and that nothing here changed.
#[cfg(staff_texts)]
#[test]
fn a_reply_too_large_to_read_says_so_with_its_size() {
    use wijkpeil::i18n::sync::sync_error;
    use wijkpeil::service::sync::SyncError;
    let error = SyncError::ReplyTooLarge { bytes: 67_108_865 };
    assert_eq!(
        sync_error(locale("nl"), &error),
        "De server stuurde een te groot antwoord (68 MB). Het is niet gelezen; de gegevens \
         op dit apparaat blijven zoals ze zijn. Vraag de beheerder van de server om dit na te kijken."
    );
    assert_eq!(
        sync_error(locale("en"), &error),
        "The server sent an answer that is too large (68 MB). It was not read; the records on \
         this device stay as they are. Ask the server's administrator to look into this."
    );
}

#[cfg(feature = "coordinator")]
#[test]
fn every_refused_period_day_has_a_sentence_and_the_export_says_what_it_did() {
    use wijkpeil::domain::export_period::{build_period_export, Period, PeriodProblem};
    use wijkpeil::i18n::period::{period_exported, period_problem};
    for code in ["nl", "en"] {
        let locale = locale(code);
        let sentences: Vec<&str> = [
            PeriodProblem::Missing,
            PeriodProblem::NotADate,
            PeriodProblem::ToBeforeFrom,
        ]
        .into_iter()
        .map(|problem| period_problem(locale, problem))
        .collect();
        for sentence in &sentences {
            assert!(sentence.ends_with('.'), "{code}: {sentence}");
            assert!(!sentence.contains('{'), "{code}: {sentence}");
        }
        assert_ne!(sentences[0], sentences[1]);
        assert_ne!(sentences[1], sentences[2]);
    }
    let period = Period::parse("2026-03-01", "2026-03-29").unwrap();
    let window = period
        .window(|local| Some(local.and_utc()))
        .expect("a window");
    let record = r#"{"id":"0193a1c2-0000-7000-8000-000000000001","revision":1,"created_at":"2026-03-02T10:00:00.000Z"}"#;
    let export = build_period_export(
        vec![(
            wijkpeil::domain::record::RecordKind::Activity,
            vec![record.to_owned()],
        )],
        "laptop-1",
        wijkpeil::storage::contract::t0(),
        &window,
    )
    .unwrap();
    assert_eq!(
        period_exported(
            locale("nl"),
            period,
            export.records as u32,
            &export.file_name
        ),
        "1 record van 1-3-2026 tot en met 29-3-2026 geëxporteerd naar \
         wijkpeil-laptop-1-2026-03-01--2026-03-29.json."
    );
    assert_eq!(
        period_exported(
            locale("en"),
            period,
            export.records as u32,
            &export.file_name
        ),
        "1 record from 1/3/2026 up to and including 29/3/2026 exported to \
         wijkpeil-laptop-1-2026-03-01--2026-03-29.json."
    );
}

/// A change refused because the record moved on (another tab or device
/// saved first) names the record's own kind, or no kind: never "contact"
/// for a trajectory, an activity or an initiative (or a list, a survey).
#[cfg(feature = "coordinator")]
#[test]
fn a_stale_change_names_the_right_kind() {
    use wijkpeil::domain::record::RecordKind as K;
    use wijkpeil::i18n::record_storage_message;
    use wijkpeil::storage::StorageError as E;
    let cases = [
        (K::Contact, "nl", "Dit contact", "Dit contact"),
        (K::Contact, "en", "This contact", "This contact"),
        (K::Trajectory, "nl", "Dit traject", "Dit traject"),
        (K::Trajectory, "en", "This trajectory", "This trajectory"),
        (K::Activity, "nl", "Deze activiteit", "Deze activiteit"),
        (K::Activity, "en", "This activity", "This activity"),
        (K::Initiative, "nl", "Dit initiatief", "Dit initiatief"),
        (K::Initiative, "en", "This initiative", "This initiative"),
    ];
    for (kind, lang, conflict, gone) in cases {
        let l = locale(lang);
        let stale = record_storage_message(l, &E::Conflict, kind);
        assert!(stale.starts_with(conflict), "{kind:?} {lang}: {stale}");
        let missing = record_storage_message(l, &E::NotFound, kind);
        assert!(missing.starts_with(gone), "{kind:?} {lang}: {missing}");
    }
    // Kinds without their own word, and the plain storage messages (a
    // list, a survey, a full disk), name no kind at all.
    for lang in ["nl", "en"] {
        let l = locale(lang);
        for kind in [K::OrgList, K::SurveyDefinition, K::SurveyResponse] {
            for error in [E::Conflict, E::NotFound, E::QuotaExceeded] {
                let text = record_storage_message(l, &error, kind).to_lowercase();
                assert!(!text.contains("contact"), "{kind:?} {lang}: {text}");
            }
        }
        for error in [E::Conflict, E::NotFound, E::QuotaExceeded] {
            let text = wijkpeil::i18n::storage_message(l, &error).to_lowercase();
            assert!(!text.contains("contact"), "{lang}: {text}");
        }
    }
}

/// The editor names a place as its screen does: a question by its number
/// over the whole survey, a part by its title; an unknown id stays an id.
#[cfg(feature = "area-surveys")]
#[test]
fn the_editor_names_a_question_by_its_number_and_a_part_by_its_title() {
    use wijkpeil::domain::survey::{
        templates::Template, DefinitionError, DefinitionProblem as D, Place,
    };
    use wijkpeil::i18n::survey::definition_message_in;
    let def = Template::WijkpleinVisit.definition();
    let third = def.questions().nth(2).unwrap().id.clone();
    let missing = |at| DefinitionError {
        at,
        problem: D::MissingTranslation {
            text: wijkpeil::domain::survey::TextPart::Text,
            lang: "en".into(),
        },
    };
    assert_eq!(
        definition_message_in(locale("nl"), &missing(Place::Question(third)), &def),
        "Bij vraag 3 ontbreekt de tekst in het Engels."
    );
    let section = &def.sections[0];
    assert_eq!(
        definition_message_in(
            locale("nl"),
            &missing(Place::Section(section.id.clone())),
            &def
        ),
        format!(
            "Bij onderdeel ‘{}’ ontbreekt de tekst in het Engels.",
            def.text(&section.title, "nl")
        )
    );
    assert_eq!(
        definition_message_in(locale("nl"), &missing(Place::Question("weg".into())), &def),
        "Bij vraag weg ontbreekt de tekst in het Engels."
    );
}

/// In a sentence the coordinator reads, a survey language is named in the
/// interface's language ("in het Engels"), for every language a survey can
/// be in: its own name would be read in the wrong voice (WCAG 3.1.2).
#[cfg(feature = "area-surveys")]
#[test]
fn survey_languages_have_a_name_in_each_interface_language() {
    use wijkpeil::i18n::survey::language_in;
    for (code, own, _) in wijkpeil::i18n::LANGUAGES {
        let dutch = language_in(locale("nl"), code);
        let english = language_in(locale("en"), code);
        assert!(
            !dutch.is_empty() && dutch != english,
            "{code}: {dutch} / {english}"
        );
        if !code.starts_with("nl") {
            assert_ne!(
                dutch, *own,
                "{code} is named in Dutch, not in its own language"
            );
        }
    }
    assert_eq!(language_in(locale("nl"), "uk"), "Oekraïens");
    assert_eq!(language_in(locale("en"), "nl-x-b1"), "Simple Dutch");
}
