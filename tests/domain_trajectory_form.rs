//! Reading the trajectory forms: dates from date inputs, scores from
//! selects, Positieve Gezondheid from text; an edit keeps what the form does
//! not show.

use chrono::NaiveDate;
use wijkpeil::domain::taxonomy::Taxonomy;
use wijkpeil::domain::trajectory::{
    pseudonym, validate_trajectory, AgeBands, ClosingReason, ZrmScore,
};
use wijkpeil::domain::trajectory_form::{
    ClosingForm, DateField, FormProblem, MomentForm, TrajectoryForm,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn filled() -> TrajectoryForm {
    let mut form = TrajectoryForm::fresh(pseudonym([1; 5]), today());
    form.age_band = "27-64".into();
    form.main_domains = vec!["financien".into()];
    form.goals = vec![(" Schulden op een rij ".into(), "financien".into())];
    form.intake
        .insert("financien".into(), "not_self_reliant".into());
    form.intake.insert("justitie".into(), "not_scored".into());
    form.health.insert("meaningfulness".into(), " 7 ".into());
    form.health.insert("participation".into(), String::new());
    form
}

#[test]
fn a_filled_form_reads_into_valid_fields() {
    let fields = filled().read(None).expect("readable");
    assert_eq!(fields.start, today());
    assert_eq!(fields.intake.date, today());
    assert_eq!(fields.referrer, None);
    assert_eq!(fields.household, None);
    assert_eq!(fields.goals[0].text, "Schulden op een rij");
    assert_eq!(
        fields.intake.scores.into_iter().collect::<Vec<_>>(),
        vec![("financien".to_owned(), ZrmScore::NotSelfReliant)],
        "not scored is not stored"
    );
    let health = fields
        .positive_health
        .clone()
        .expect("one dimension scored");
    assert_eq!(health.dimensions.len(), 1);
    assert_eq!(health.dimensions["meaningfulness"], 7);
    let fields = filled().read(None).unwrap();
    assert_eq!(
        validate_trajectory(&fields, &Taxonomy::builtin(), &AgeBands::default(), today()),
        Ok(())
    );
}

#[test]
fn unreadable_text_is_named() {
    let mut form = filled();
    form.start = String::new();
    form.intake_date = "23-11-2026".into();
    form.health.insert("quality_of_life".into(), "11".into());
    form.health.insert("daily_functioning".into(), "zes".into());
    assert_eq!(
        form.read(None).unwrap_err(),
        vec![
            FormProblem::NotADate(DateField::Start),
            FormProblem::NotADate(DateField::Intake),
            FormProblem::HealthNotANumber("daily_functioning".into()),
            FormProblem::HealthNotANumber("quality_of_life".into()),
        ]
    );
}

#[test]
fn an_edit_round_trips_and_keeps_moments_and_closing() {
    let mut closing = ClosingForm::fresh(today());
    closing
        .end
        .insert("financien".into(), "sufficiently_self_reliant".into());
    closing.kto_invited = true;
    let mut fields = filled().read(None).unwrap();
    fields.closing = Some(closing.read().unwrap());
    fields.contact_moments = vec![MomentForm::fresh(today(), "telefoon").read().unwrap()];
    let form = TrajectoryForm::from_fields(&fields);
    assert_eq!(form.read(Some(&fields)).unwrap(), fields);
    assert!(form.read(None).unwrap().closing.is_none());
}

#[test]
fn the_closing_form_reads_reason_and_end_measurement() {
    let mut form = ClosingForm::fresh(today());
    form.reason = "moved".into();
    form.end
        .insert("huisvesting".into(), "fully_self_reliant".into());
    let closing = form.read().unwrap();
    assert_eq!(closing.reason, ClosingReason::Moved);
    assert_eq!(
        closing.end.scores["huisvesting"],
        ZrmScore::FullySelfReliant
    );
    assert!(!closing.kto_invited);
    form.reason = "weg".into();
    form.end_date = String::new();
    form.end.insert("financien".into(), "7".into());
    assert_eq!(
        form.read().unwrap_err(),
        vec![
            FormProblem::NotADate(DateField::End),
            FormProblem::UnknownReason,
            FormProblem::UnknownScore("7".into()),
        ]
    );
    for reason in ClosingReason::ALL {
        assert_eq!(ClosingReason::from_code(reason.code()), Some(reason));
        assert_eq!(serde_json::to_value(reason).unwrap(), reason.code());
    }
}

#[test]
fn the_moment_form_needs_a_date() {
    let mut form = MomentForm::fresh(today(), "inloop");
    form.note = "  Brief van de gemeente uitgelegd ".into();
    let moment = form.read().unwrap();
    assert_eq!(moment.note, "Brief van de gemeente uitgelegd");
    assert_eq!(moment.channel, "inloop");
    form.date = "gisteren".into();
    assert_eq!(
        form.read().unwrap_err(),
        vec![FormProblem::NotADate(DateField::Moment)]
    );
}
