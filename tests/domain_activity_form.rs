//! Reading the meeting form: counts as typed turned into a held meeting, or
//! every count that is not a whole number named by its field. The rules
//! (limits, first-timers within participants) stay `validate_meeting`'s.
//! And reading a correction of a stored activity: its content as typed, its
//! meetings exactly as they were.

use chrono::NaiveDate;
use wijkpeil::domain::activity::{
    validate_meeting, ActivityDraft, ActivityFields, ActivityKind, ActivityProblem, Meeting,
    MeetingField as F, MeetingForm, MeetingProblem, MAX_PARTICIPANTS, MAX_TITLE_CHARS,
};
use wijkpeil::domain::privacy::{PersonalData, TextProblem};
use wijkpeil::domain::taxonomy::{Taxonomy, Term};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

fn day() -> NaiveDate {
    date(2026, 11, 17)
}

fn form(participants: &str, first_time: &str, volunteers: &str) -> MeetingForm {
    MeetingForm {
        participants: participants.into(),
        first_time: first_time.into(),
        volunteers: volunteers.into(),
    }
}

/// Texts that are not a whole number within `u32`.
const UNREADABLE: [&str; 9] = [
    "-1",
    "+3",
    "1.5",
    "1,5",
    "twaalf",
    "1 2",
    "99999999999",
    "4294967296",
    "１２",
];

#[test]
fn a_filled_form_reads_into_a_held_meeting_that_validates() {
    let meeting = form(" 12 ", "3", "2").read(day()).expect("readable");
    assert_eq!(meeting, Meeting::held(day(), 12, 3, 2));
    assert!(meeting.held);
    assert_eq!(validate_meeting(&meeting, today()), Ok(()));
}

#[test]
fn first_time_and_volunteers_count_as_zero_when_empty() {
    assert_eq!(
        form("9", "", "   ").read(day()),
        Ok(Meeting::held(day(), 9, 0, 0))
    );
    assert_eq!(
        form("0", "", "").read(day()),
        Ok(Meeting::held(day(), 0, 0, 0))
    );
}

#[test]
fn participants_must_be_given() {
    assert_eq!(form("", "", "").read(day()), Err(vec![F::Participants]));
    assert_eq!(form("  ", "1", "1").read(day()), Err(vec![F::Participants]));
}

#[test]
fn every_unreadable_count_is_named_in_the_forms_order() {
    assert_eq!(
        form("negen", "-1", "1.5").read(day()),
        Err(vec![F::Participants, F::FirstTime, F::Volunteers])
    );
    assert_eq!(form("9", "twaalf", "").read(day()), Err(vec![F::FirstTime]));
    assert_eq!(form("9", "", "2x").read(day()), Err(vec![F::Volunteers]));
}

#[test]
fn only_digits_within_u32_are_read() {
    for text in UNREADABLE {
        assert_eq!(
            form(text, "", "").read(day()),
            Err(vec![F::Participants]),
            "participants {text:?}"
        );
        assert_eq!(
            form("1", text, "").read(day()),
            Err(vec![F::FirstTime]),
            "first time {text:?}"
        );
        assert_eq!(
            form("1", "", text).read(day()),
            Err(vec![F::Volunteers]),
            "volunteers {text:?}"
        );
    }
    let max = u32::MAX.to_string();
    assert_eq!(
        form(&max, "007", "").read(day()),
        Ok(Meeting::held(day(), u32::MAX, 7, 0))
    );
}

#[test]
fn readable_is_not_valid_the_rules_come_after() {
    let too_many = (MAX_PARTICIPANTS + 1).to_string();
    let meeting = form(&too_many, "12", "").read(day()).expect("readable");
    assert_eq!(
        validate_meeting(&meeting, today()),
        Err(vec![MeetingProblem::TooManyParticipants {
            max: MAX_PARTICIPANTS
        }])
    );
    let meeting = form("9", "12", "").read(day()).expect("readable");
    assert_eq!(
        validate_meeting(&meeting, today()),
        Err(vec![MeetingProblem::FirstTimeAboveParticipants])
    );
    let later = form("9", "", "")
        .read(date(2026, 11, 24))
        .expect("readable");
    assert_eq!(
        validate_meeting(&later, today()),
        Err(vec![MeetingProblem::HeldInFuture])
    );
}

#[test]
fn a_planned_meeting_opens_empty_and_a_held_one_with_its_figures() {
    assert_eq!(
        MeetingForm::of(&Meeting::planned(day())),
        MeetingForm::default()
    );
    let held = Meeting::held(day(), 24, 10, 2);
    let form = MeetingForm::of(&held);
    assert_eq!(form, self::form("24", "10", "2"));
    assert_eq!(form.read(day()), Ok(held), "a correction round-trips");
}

// ---------------------------------------------------------------- correction

fn domains() -> Vec<Term> {
    Taxonomy::builtin().domains
}

/// A weekly course of four: two meetings held, two planned (one of them
/// after today).
fn course() -> ActivityFields {
    ActivityFields {
        title: "Cursus Omgaan met geld".into(),
        activity_kind: ActivityKind::Course,
        theme: "financien".into(),
        location: "Buurthuis De Kroon".into(),
        survey: Some("groepsactiviteit".into()),
        meetings: vec![
            Meeting::held(date(2026, 11, 9), 12, 5, 2),
            Meeting::held(date(2026, 11, 16), 10, 0, 1),
            Meeting::planned(date(2026, 11, 23)),
            Meeting::planned(date(2026, 11, 30)),
        ],
    }
}

#[test]
fn a_stored_activity_opens_as_typed_and_reads_back_unchanged() {
    let old = course();
    let form = ActivityDraft::from_fields(&old);
    assert_eq!(form.title, "Cursus Omgaan met geld");
    assert_eq!(form.activity_kind, "course");
    assert_eq!(form.theme, "financien");
    assert_eq!(form.location, "Buurthuis De Kroon");
    assert_eq!(form.survey, "groepsactiviteit");
    assert_eq!(form.first_date, "2026-11-09");
    assert_eq!(form.meeting_count, "4");
    assert_eq!(form.revise(&old, &domains(), today()), Ok(old));

    let mut without = course();
    without.survey = None;
    let form = ActivityDraft::from_fields(&without);
    assert_eq!(form.survey, "", "no questionnaire is the empty choice");
    assert_eq!(form.revise(&without, &domains(), today()), Ok(without));
}

#[test]
fn a_changed_title_is_stored_and_the_meetings_are_kept_exactly() {
    let old = course();
    let mut form = ActivityDraft::from_fields(&old);
    form.title = "  Cursus Omgaan met geld (najaar) ".into();
    form.activity_kind = "training".into();
    form.theme = "sociaal-netwerk".into();
    form.location = " Wijkplein Oost ".into();
    form.survey = String::new();
    let revised = form.revise(&old, &domains(), today()).expect("valid");
    assert_eq!(revised.title, "Cursus Omgaan met geld (najaar)");
    assert_eq!(revised.activity_kind, ActivityKind::Training);
    assert_eq!(revised.theme, "sociaal-netwerk");
    assert_eq!(revised.location, "Wijkplein Oost");
    assert_eq!(revised.survey, None);
    assert_eq!(
        revised.meetings, old.meetings,
        "held figures and plans kept"
    );
}

#[test]
fn a_correction_does_not_read_the_series_fields() {
    let old = course();
    let mut form = ActivityDraft::from_fields(&old);
    form.first_date = "morgen".into();
    form.meeting_count = "acht".into();
    form.every_days = "0".into();
    assert_eq!(
        form.revise(&old, &domains(), today()),
        Ok(old.clone()),
        "no new series is planned, so nothing there can be wrong"
    );
    // The same text would be refused for a new activity.
    assert!(form.parse(&domains(), today()).is_err());
}

#[test]
fn a_correction_reports_every_problem_at_once() {
    let old = course();
    let mut form = ActivityDraft::from_fields(&old);
    form.title = String::new();
    form.activity_kind = "party".into();
    form.theme = String::new();
    form.location = "Bel 0612345678".into();
    form.survey = "  ".into();
    assert_eq!(
        form.revise(&old, &domains(), today()),
        Err(vec![
            ActivityProblem::UnknownKind("party".into()),
            ActivityProblem::Title(TextProblem::Empty),
            ActivityProblem::Location(TextProblem::PersonalData(PersonalData::LongNumber)),
            ActivityProblem::NoTheme,
        ])
    );
    form = ActivityDraft::from_fields(&old);
    form.title = "x".repeat(MAX_TITLE_CHARS + 1);
    form.theme = "geen-thema".into();
    assert_eq!(
        form.revise(&old, &domains(), today()),
        Err(vec![
            ActivityProblem::Title(TextProblem::TooLong {
                max: MAX_TITLE_CHARS as u32
            }),
            ActivityProblem::UnknownTheme("geen-thema".into()),
        ])
    );
}

#[test]
fn a_correction_still_checks_the_kept_meetings() {
    // A stored meeting that breaks the rules is named, never silently fixed.
    let mut old = course();
    old.meetings[1].first_time = 11;
    let mut form = ActivityDraft::from_fields(&old);
    form.title = "Cursus Geldzaken".into();
    assert_eq!(
        form.revise(&old, &domains(), today()),
        Err(vec![ActivityProblem::Meeting {
            meeting: 1,
            problem: MeetingProblem::FirstTimeAboveParticipants,
        }])
    );
    old.meetings.clear();
    assert_eq!(
        ActivityDraft::from_fields(&old).revise(&old, &domains(), today()),
        Err(vec![ActivityProblem::NoMeetings])
    );
}
