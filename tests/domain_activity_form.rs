//! Reading the meeting form: counts as typed turned into a held meeting, or
//! every count that is not a whole number named by its field. The rules
//! (limits, first-timers within participants) stay `validate_meeting`'s.

use chrono::NaiveDate;
use wijkpeil::domain::activity::{
    validate_meeting, Meeting, MeetingField as F, MeetingForm, MeetingProblem, MAX_PARTICIPANTS,
};

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
