//! Group activities: codes, series, validation, counting and serde, natively.
//! "Today" is 23-11-2026.

use chrono::NaiveDate;
use wijkpeil::domain::activity::{
    activity_totals, series, validate_activity, validate_meeting, ActivityDraft, ActivityFields,
    ActivityKind, ActivityProblem as P, ActivityTotals, Meeting, MeetingProblem as M,
    ACTIVITY_SCHEMA_VERSION, MAX_LOCATION_CHARS, MAX_MEETINGS, MAX_PARTICIPANTS, MAX_TITLE_CHARS,
    WEEKLY,
};
use wijkpeil::domain::entry::Entry;
use wijkpeil::domain::entry::Record;
use wijkpeil::domain::privacy::{PersonalData, TextProblem};
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::domain::taxonomy::{Taxonomy, Term};

// ---------------------------------------------------------------- helpers

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

fn domains() -> Vec<Term> {
    Taxonomy::builtin().domains
}

/// A one-meeting information meeting, held.
fn single() -> ActivityFields {
    ActivityFields {
        title: "Voorlichting toeslagen".into(),
        activity_kind: ActivityKind::InformationMeeting,
        theme: "financien".into(),
        location: "wijkplein-noord".into(),
        survey: None,
        meetings: vec![Meeting::held(date(2026, 10, 6), 24, 10, 2)],
    }
}

/// A course of eight weekly meetings from 1 September 2026, none held.
fn course() -> ActivityFields {
    ActivityFields {
        title: "Cursus omgaan met geld".into(),
        activity_kind: ActivityKind::Course,
        theme: "financien".into(),
        location: "Wijk Oost".into(),
        survey: Some("groepsactiviteit".into()),
        meetings: series(date(2026, 9, 1), 8, WEEKLY),
    }
}

fn problems(a: &ActivityFields) -> Vec<P> {
    validate_activity(a, &domains(), today()).unwrap_err()
}

// ---------------------------------------------------------------- codes

#[test]
fn kind_codes_are_stable_and_the_serde_form() {
    let codes: Vec<&str> = ActivityKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(
        codes,
        vec!["activity", "information_meeting", "training", "course"]
    );
    for k in ActivityKind::ALL {
        assert_eq!(ActivityKind::from_code(k.code()), Some(k));
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            format!("\"{}\"", k.code())
        );
    }
    assert_eq!(ActivityKind::from_code("Course"), None);
    assert_eq!(ActivityKind::from_code(""), None);
}

// ---------------------------------------------------------------- series

#[test]
fn a_series_of_eight_is_planned_weekly() {
    let s = series(date(2026, 9, 1), 8, WEEKLY);
    assert_eq!(s.len(), 8);
    assert!(s.iter().all(|m| !m.held && m.participants == 0));
    let dates: Vec<NaiveDate> = s.iter().map(|m| m.date).collect();
    assert_eq!(dates[0], date(2026, 9, 1));
    assert_eq!(dates[1], date(2026, 9, 8));
    assert_eq!(dates[7], date(2026, 10, 20));
    // every two weeks
    let s = series(date(2026, 9, 1), 3, 14);
    assert_eq!(s[2].date, date(2026, 9, 29));
    assert!(series(date(2026, 9, 1), 0, WEEKLY).is_empty());
}

#[test]
fn a_huge_series_is_cut_but_still_refused() {
    let mut a = course();
    a.meetings = series(date(2025, 1, 1), 100_000, 1);
    assert_eq!(a.meetings.len(), MAX_MEETINGS + 1);
    assert_eq!(
        problems(&a),
        vec![P::TooManyMeetings {
            max: MAX_MEETINGS as u32
        }]
    );
    // exactly the maximum is fine
    a.meetings = series(date(2025, 1, 1), MAX_MEETINGS as u32, 1);
    assert_eq!(validate_activity(&a, &domains(), today()), Ok(()));
}

#[test]
fn a_series_stops_at_the_end_of_the_calendar() {
    assert_eq!(series(NaiveDate::MAX, 3, WEEKLY).len(), 1);
}

#[test]
fn next_planned_is_the_earliest_meeting_not_filled_in() {
    let mut a = course();
    assert_eq!(a.next_planned(), Some(0));
    a.meetings[0] = Meeting::held(date(2026, 9, 1), 12, 12, 1);
    assert_eq!(a.next_planned(), Some(1));
    for m in &mut a.meetings {
        m.held = true;
    }
    assert_eq!(a.next_planned(), None);
    assert_eq!(a.first_date(), Some(date(2026, 9, 1)));
}

// ---------------------------------------------------------------- validation

#[test]
fn valid_activities_pass() {
    assert_eq!(validate_activity(&single(), &domains(), today()), Ok(()));
    // planned meetings may lie in the future and in the past
    let mut a = course();
    a.meetings = series(date(2026, 11, 10), 8, WEEKLY);
    assert_eq!(validate_activity(&a, &domains(), today()), Ok(()));
    // a meeting held today is fine
    let mut a = single();
    a.meetings[0].date = today();
    assert_eq!(validate_activity(&a, &domains(), today()), Ok(()));
}

#[test]
fn validation_collects_every_problem() {
    let mut a = single();
    a.title = "   ".into();
    a.location = String::new();
    a.theme = "astrologie".into();
    a.survey = Some(" ".into());
    a.meetings = vec![
        Meeting::held(date(2026, 11, 1), 20, 5, 1),
        Meeting::held(date(2026, 11, 24), 10, 11, 0),
        Meeting::planned(date(2026, 12, 1)),
        Meeting::held(
            date(2026, 11, 2),
            MAX_PARTICIPANTS + 1,
            0,
            MAX_PARTICIPANTS + 1,
        ),
    ];
    assert_eq!(
        problems(&a),
        vec![
            P::Title(TextProblem::Empty),
            P::Location(TextProblem::Empty),
            P::UnknownTheme("astrologie".into()),
            P::SurveyEmpty,
            P::Meeting {
                meeting: 1,
                problem: M::HeldInFuture
            },
            P::Meeting {
                meeting: 1,
                problem: M::FirstTimeAboveParticipants
            },
            P::Meeting {
                meeting: 3,
                problem: M::TooManyParticipants {
                    max: MAX_PARTICIPANTS
                }
            },
            P::Meeting {
                meeting: 3,
                problem: M::TooManyVolunteers {
                    max: MAX_PARTICIPANTS
                }
            },
        ]
    );
}

#[test]
fn title_and_location_limits_and_privacy() {
    let mut a = single();
    a.title = "x".repeat(MAX_TITLE_CHARS + 1);
    a.location = "y".repeat(MAX_LOCATION_CHARS + 1);
    a.theme = String::new();
    a.meetings.clear();
    assert_eq!(
        problems(&a),
        vec![
            P::Title(TextProblem::TooLong {
                max: MAX_TITLE_CHARS as u32
            }),
            P::Location(TextProblem::TooLong {
                max: MAX_LOCATION_CHARS as u32
            }),
            P::NoTheme,
            P::NoMeetings,
        ]
    );
    // exactly the maximum, counted in characters (é is two bytes)
    let mut a = single();
    a.title = "é".repeat(MAX_TITLE_CHARS);
    a.location = "é".repeat(MAX_LOCATION_CHARS);
    assert_eq!(validate_activity(&a, &domains(), today()), Ok(()));

    let mut a = single();
    a.title = "Koffie met Jan, bel 06-12345678".into();
    a.location = "Dorpsstraat 1, 1234 AB".into();
    assert_eq!(
        problems(&a),
        vec![
            P::Title(TextProblem::PersonalData(PersonalData::LongNumber)),
            P::Location(TextProblem::PersonalData(PersonalData::Postcode)),
        ]
    );
}

#[test]
fn validate_meeting_alone() {
    let ok = Meeting::held(today(), 30, 30, 4);
    assert_eq!(validate_meeting(&ok, today()), Ok(()));
    let planned_tomorrow = Meeting::planned(date(2026, 11, 24));
    assert_eq!(validate_meeting(&planned_tomorrow, today()), Ok(()));
    let held_tomorrow = Meeting {
        held: true,
        ..planned_tomorrow
    };
    assert_eq!(
        validate_meeting(&held_tomorrow, today()),
        Err(vec![M::HeldInFuture])
    );
    assert_eq!(
        validate_meeting(&Meeting::held(today(), 3, 4, 0), today()),
        Err(vec![M::FirstTimeAboveParticipants])
    );
    assert_eq!(
        validate_meeting(&Meeting::held(today(), MAX_PARTICIPANTS, 0, 0), today()),
        Ok(())
    );
}

// ---------------------------------------------------------------- draft

#[test]
fn a_fresh_draft_with_a_title_and_theme_is_one_held_meeting_away() {
    let mut d = ActivityDraft::fresh(date(2026, 11, 30), "wijkplein-oost");
    d.title = "  Buurtlunch ".into();
    d.theme = "sociaal-netwerk".into();
    let a = d.parse(&domains(), today()).expect("valid");
    assert_eq!(a.title, "Buurtlunch");
    assert_eq!(a.activity_kind, ActivityKind::Activity);
    assert_eq!(a.location, "wijkplein-oost");
    assert_eq!(a.survey, None);
    assert_eq!(a.meetings, vec![Meeting::planned(date(2026, 11, 30))]);
}

#[test]
fn a_draft_plans_a_course_of_eight() {
    let d = ActivityDraft {
        title: "Cursus omgaan met geld".into(),
        activity_kind: "course".into(),
        theme: "financien".into(),
        location: "Wijk Oost".into(),
        survey: " groepsactiviteit ".into(),
        first_date: "2026-09-01".into(),
        meeting_count: "8".into(),
        every_days: "7".into(),
    };
    assert_eq!(d.parse(&domains(), today()), Ok(course()));
}

#[test]
fn a_draft_reports_typed_text_and_content_problems_together() {
    let d = ActivityDraft {
        title: String::new(),
        activity_kind: "party".into(),
        theme: "financien".into(),
        location: "Oost".into(),
        survey: String::new(),
        first_date: "1-9-2026".into(),
        meeting_count: "61".into(),
        every_days: "0".into(),
    };
    assert_eq!(
        d.parse(&domains(), today()),
        Err(vec![
            P::UnknownKind("party".into()),
            P::FirstDateInvalid,
            P::MeetingCountInvalid {
                max: MAX_MEETINGS as u32
            },
            P::Title(TextProblem::Empty),
        ])
    );
    // an interval matters only for a series
    let mut d = ActivityDraft::fresh(today(), "Oost");
    d.title = "Buurtlunch".into();
    d.theme = "financien".into();
    d.every_days = "x".into();
    assert!(d.parse(&domains(), today()).is_ok());
    d.meeting_count = "2".into();
    assert_eq!(
        d.parse(&domains(), today()),
        Err(vec![P::EveryDaysInvalid { max: 366 }])
    );
    d.meeting_count = "-2".into();
    assert_eq!(
        d.parse(&domains(), today()),
        Err(vec![P::MeetingCountInvalid {
            max: MAX_MEETINGS as u32
        }])
    );
}

// ---------------------------------------------------------------- counting

#[test]
fn only_held_meetings_in_the_period_count() {
    let mut c = course();
    // three of eight held so far; one held meeting falls in 2025
    c.meetings[0] = Meeting::held(date(2026, 9, 1), 12, 12, 2);
    c.meetings[1] = Meeting::held(date(2026, 9, 8), 11, 1, 2);
    c.meetings[2] = Meeting::held(date(2026, 9, 15), 10, 0, 1);
    let mut old = single();
    old.meetings = vec![
        Meeting::held(date(2025, 12, 31), 40, 40, 3),
        Meeting::held(date(2026, 1, 1), 30, 5, 3),
    ];
    let mut only_planned = single();
    only_planned.meetings = series(date(2026, 12, 1), 4, WEEKLY);
    // participants set on a planned meeting are not counted either
    only_planned.meetings[0].participants = 99;

    let all = [c, old, only_planned];
    let t = activity_totals(&all, date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!(
        t,
        ActivityTotals {
            activities: 2,
            with_survey: 1,
            meetings: 4,
            participants: 12 + 11 + 10 + 30,
            first_time: 12 + 1 + 5,
            volunteers: 2 + 2 + 1 + 3,
        }
    );
    // the period's last day counts (inclusive), the day after does not
    let t = activity_totals(&all, date(2025, 1, 1), date(2025, 12, 31));
    assert_eq!((t.activities, t.meetings, t.participants), (1, 1, 40));
    assert_eq!(t.with_survey, 0);
    assert_eq!(
        activity_totals(&[], date(2026, 1, 1), date(2026, 12, 31)),
        ActivityTotals::default()
    );
}

#[test]
fn a_resident_who_comes_twice_is_counted_twice() {
    // the same 15 residents at both meetings: 30 participants, 15 first-timers
    let mut a = single();
    a.meetings = vec![
        Meeting::held(date(2026, 3, 3), 15, 15, 1),
        Meeting::held(date(2026, 3, 10), 15, 0, 1),
    ];
    let t = activity_totals(&[a], date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!((t.activities, t.meetings), (1, 2));
    assert_eq!((t.participants, t.first_time), (30, 15));
}

#[test]
fn seed_002_sums() {
    // 677 meetings with 17,076 participants: 76 courses of 8 meetings of 25
    // (608 meetings, 15,200), 69 single events of 27 or 28 (1,876).
    let mut all = Vec::new();
    for i in 0..76u32 {
        let mut c = course();
        c.survey = (i % 2 == 0).then(|| "groepsactiviteit".into());
        c.meetings = series(date(2026, 2, 2), 8, WEEKLY)
            .into_iter()
            .map(|m| Meeting::held(m.date, 25, 3, 2))
            .collect();
        all.push(c);
    }
    for i in 0..69u32 {
        let mut a = single();
        let participants = if i < 13 { 28 } else { 27 };
        a.meetings = vec![Meeting::held(date(2026, 6, 1), participants, 0, 1)];
        all.push(a);
    }
    let t = activity_totals(&all, date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!(t.meetings, 677);
    assert_eq!(t.participants, 17_076);
    assert_eq!(t.activities, 76 + 69);
    assert_eq!(t.with_survey, 38);
    assert_eq!(t.volunteers, 608 * 2 + 69);
}

#[test]
fn sums_saturate_instead_of_wrapping() {
    let mut a = single();
    a.meetings = vec![
        Meeting::held(date(2026, 1, 1), u32::MAX, 0, 0),
        Meeting::held(date(2026, 1, 2), 5, 0, 0),
    ];
    let t = activity_totals(&[a], date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!(t.participants, u32::MAX);
}

// ---------------------------------------------------------------- serde

#[test]
fn serde_round_trip_of_the_fields() {
    for a in [single(), course()] {
        let json = serde_json::to_string(&a).unwrap();
        let back: ActivityFields = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }
    let json = serde_json::to_value(course()).unwrap();
    assert_eq!(json["activity_kind"], "course");
    assert_eq!(json["survey"], "groepsactiviteit");
    assert_eq!(json["meetings"][1]["date"], "2026-09-08");
    assert_eq!(json["meetings"][1]["held"], false);
    // counts default to zero, the survey to none
    let a: ActivityFields = serde_json::from_str(
        r#"{"title": "Buurtlunch", "activity_kind": "activity", "theme": "financien",
            "location": "Oost", "meetings": [{"date": "2026-11-02"}]}"#,
    )
    .unwrap();
    assert_eq!(a.survey, None);
    assert_eq!(a.meetings, vec![Meeting::planned(date(2026, 11, 2))]);
}

#[test]
fn an_entry_round_trips_through_its_stored_text() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let entry = Entry::new(RecordId::new_v7(1, [7; 10]), course(), now, "tablet-1");
    let text = serde_json::to_string(&entry).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // meta and content flattened side by side into one object
    assert_eq!(json["kind"], "activity");
    assert_eq!(json["activity_kind"], "course");
    assert_eq!(json["schema_version"], ACTIVITY_SCHEMA_VERSION);
    assert_eq!(json["revision"], 1);
    assert_eq!(json["title"], "Cursus omgaan met geld");
    assert_eq!(json["meetings"].as_array().unwrap().len(), 8);

    let decoded = Entry::<ActivityFields>::from_stored(&text).unwrap();
    assert!(!decoded.migrated);
    assert_eq!(decoded.record, entry);
    assert_eq!(decoded.record.meta.kind, RecordKind::Activity);

    // a record from a newer app is refused, not guessed at
    let newer = text.replace("\"schema_version\":1", "\"schema_version\":2");
    assert_ne!(newer, text);
    assert!(Entry::<ActivityFields>::from_stored(&newer).is_err());
}
