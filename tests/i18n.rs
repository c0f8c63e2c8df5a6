//! The interface languages: Dutch and English cover every screen (the staff
//! screens offer only complete languages), Arabic the resident screens.

use wijkpeil::i18n::{locale, LOCALES};

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
    use wijkpeil::domain::privacy::PersonalData;
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
        P::GoalEmpty { goal: 0 },
        P::GoalTooLong { goal: 1, max: 200 },
        P::GoalPersonalData {
            goal: 2,
            kind: PersonalData::Email,
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
        P::MomentNoteTooLong {
            moment: 0,
            max: 200,
        },
        P::MomentNotePersonalData {
            moment: 0,
            kind: PersonalData::Postcode,
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
        problem(locale("nl"), &P::GoalEmpty { goal: 0 }),
        "Doel 1 is leeg: vul het in of haal het weg."
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
    assert_eq!(language_name("tr"), "tr");
    assert_eq!(wijkpeil::i18n::language_dir("ar"), "rtl");
    assert_eq!(wijkpeil::i18n::language_dir("nl"), "ltr");
}
