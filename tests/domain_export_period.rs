//! The export of one period, natively: reading the two days, the period in
//! UTC across daylight saving time, which stored records it holds (at the
//! edges, tombstones, every kind), and the file's head and name. Only the
//! coordinator app has it (`cargo test --all-features`).

#![cfg(feature = "coordinator")]

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use common::amsterdam;
use serde_json::json;
use wijkpeil::domain::activity::{series, ActivityFields, ActivityKind, WEEKLY};
use wijkpeil::domain::entry::{Entry, Record};
use wijkpeil::domain::export::{build_export, read_export};
use wijkpeil::domain::export_period::{
    build_period_export, day_start, stored_time, Period, PeriodErrors, PeriodProblem as P,
    PeriodWindow,
};
use wijkpeil::domain::import::read_import;
use wijkpeil::domain::initiative::{InitiativeFields, InitiativeKind, InitiativeStatus};
use wijkpeil::domain::org_list::{ListName, OrgListFields};
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::domain::survey::{templates, SurveyVersion};
use wijkpeil::domain::taxonomy::Taxonomy;
use wijkpeil::storage::contract::{sample_contact, sample_response, sample_trajectory, t0};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("a time")
        .with_timezone(&Utc)
}

/// March 2026 up to and including Sunday 29 March, the day summer time
/// starts.
fn march() -> PeriodWindow {
    Period::parse("2026-03-01", "2026-03-29")
        .expect("a period")
        .window(amsterdam)
        .expect("a window")
}

fn contact_at(n: u8, time: &str) -> String {
    serde_json::to_string(&sample_contact(n, utc(time))).unwrap()
}

/// A tombstone of `kind` (bookkeeping only, as stores keep it) entered at
/// `created_at`.
fn tombstone(kind: RecordKind, n: u8, created_at: &str) -> String {
    json!({
        "id": RecordId::new_v7(1, [n; 10]).to_string(),
        "kind": kind.name(),
        "schema_version": 1,
        "created_at": created_at,
        "updated_at": "2026-04-20T10:00:00.000Z",
        "device_id": "tablet-1",
        "revision": 2,
        "deleted": true,
        "shipped_revision": 0
    })
    .to_string()
}

// ------------------------------------------------------------ the two days

#[test]
fn a_period_is_two_real_days_the_second_not_before_the_first() {
    assert_eq!(
        Period::parse("2026-01-01", "2026-03-31"),
        Ok(Period {
            from: date(2026, 1, 1),
            to: date(2026, 3, 31)
        })
    );
    // One day is a period; spaces around a date do not matter.
    assert_eq!(
        Period::parse(" 2026-02-28 ", "2026-02-28"),
        Ok(Period {
            from: date(2026, 2, 28),
            to: date(2026, 2, 28)
        })
    );
    let refused = |from: &str, to: &str| Period::parse(from, to).unwrap_err();
    let errors = |from, to| PeriodErrors { from, to };
    assert_eq!(
        refused("2026-03-31", "2026-03-30"),
        errors(None, Some(P::ToBeforeFrom))
    );
    assert_eq!(
        refused("2026-02-30", "2026-03-01"),
        errors(Some(P::NotADate), None)
    );
    assert_eq!(
        refused("2026-01-01", "2025-13-01"),
        errors(None, Some(P::NotADate))
    );
    assert_eq!(
        refused("", "  "),
        errors(Some(P::Missing), Some(P::Missing))
    );
    for not_a_date in [
        "26-01-01",
        "2026-1-01",
        "2026-01-01T00:00",
        "1-1-2026",
        "+2026-01-01",
    ] {
        assert_eq!(
            refused(not_a_date, "2026-12-31"),
            errors(Some(P::NotADate), None),
            "{not_a_date}"
        );
    }
    // 2028 is a leap year, 2100 is not.
    assert!(Period::parse("2028-02-29", "2028-02-29").is_ok());
    assert_eq!(
        refused("2100-02-29", "2100-03-01"),
        errors(Some(P::NotADate), None)
    );
}

#[test]
fn the_period_offered_first_is_this_calendar_year_so_far() {
    assert_eq!(
        Period::year_so_far(date(2026, 11, 23)),
        Period {
            from: date(2026, 1, 1),
            to: date(2026, 11, 23)
        }
    );
    assert_eq!(
        Period::year_so_far(date(2027, 1, 1)),
        Period {
            from: date(2027, 1, 1),
            to: date(2027, 1, 1)
        }
    );
}

// ---------------------------------------------------------- days in UTC

#[test]
fn local_days_become_a_half_open_span_in_utc_across_summer_time() {
    // 1 March starts at 00:00 winter time; the day after 29 March (the day
    // summer time starts) at 00:00 summer time.
    let window = march();
    assert_eq!(window.from, utc("2026-02-28T23:00:00Z"));
    assert_eq!(window.to, utc("2026-03-29T22:00:00Z"));
    // The last Sunday of October has 25 hours.
    let october = Period::parse("2026-10-25", "2026-10-25")
        .unwrap()
        .window(amsterdam)
        .unwrap();
    assert_eq!(october.from, utc("2026-10-24T22:00:00Z"));
    assert_eq!(october.to, utc("2026-10-25T23:00:00Z"));
    assert_eq!(october.to - october.from, Duration::hours(25));
}

#[test]
fn a_day_whose_midnight_does_not_exist_starts_at_its_first_minute() {
    // A time zone (UTC-4) whose summer time starts at midnight: on 6
    // September 2026, 00:00-00:59 is skipped and the day starts at 01:00
    // (UTC-3).
    let gap_day = date(2026, 9, 6);
    let to_utc = |local: NaiveDateTime| {
        let switch = gap_day.and_hms_opt(0, 0, 0).unwrap();
        let offset = if local < switch {
            4
        } else if local < switch + Duration::hours(1) {
            return None;
        } else {
            3
        };
        Some(Utc.from_utc_datetime(&(local + Duration::hours(offset))))
    };
    assert_eq!(
        day_start(gap_day, to_utc),
        Some(utc("2026-09-06T04:00:00Z"))
    );
    assert_eq!(
        day_start(date(2026, 9, 5), to_utc),
        Some(utc("2026-09-05T04:00:00Z"))
    );
    // The day before the switch ends where the switch day starts.
    let window = Period::parse("2026-09-05", "2026-09-05")
        .unwrap()
        .window(to_utc)
        .unwrap();
    assert_eq!(window.to, utc("2026-09-06T04:00:00Z"));
    // A day a time zone skipped altogether (30 December 2011 in Samoa)
    // holds nothing: it starts where the next day does.
    let skipped = date(2011, 12, 30);
    let samoa = |local: NaiveDateTime| {
        let offset = if local.date() < skipped {
            10
        } else if local.date() == skipped {
            return None;
        } else {
            -14
        };
        Some(Utc.from_utc_datetime(&(local + Duration::hours(offset))))
    };
    let window = Period::parse("2011-12-30", "2011-12-30")
        .unwrap()
        .window(samoa)
        .unwrap();
    assert_eq!(window.from, window.to);
    // A clock that cannot place any time gives no window.
    assert_eq!(
        Period::parse("2026-01-01", "2026-01-02")
            .unwrap()
            .window(|_| None),
        None
    );
}

// ------------------------------------------------ which records it holds

#[test]
fn records_at_the_edges_of_the_period() {
    let window = march();
    let holds = |time: &str| window.holds(RecordKind::Contact, &contact_at(1, time));
    assert!(!holds("2026-02-28T22:59:59.999Z"), "28 Feb 23:59:59 local");
    assert!(holds("2026-02-28T23:00:00.000Z"), "1 March 00:00 local");
    assert!(holds("2026-03-15T12:00:00.000Z"));
    assert!(
        holds("2026-03-29T21:59:59.999Z"),
        "29 March 23:59:59 summer time"
    );
    assert!(
        !holds("2026-03-29T22:00:00.000Z"),
        "30 March 00:00 summer time"
    );
    // Counted in winter time, the last day would end an hour late.
    assert!(!holds("2026-03-29T22:30:00.000Z"));
}

#[test]
fn a_tombstone_is_held_by_its_time_of_entry() {
    let window = march();
    for kind in RecordKind::ALL {
        assert!(
            window.holds(kind, &tombstone(kind, 1, "2026-03-10T09:00:00.000Z")),
            "{kind:?}"
        );
        assert!(
            !window.holds(kind, &tombstone(kind, 2, "2026-04-10T09:00:00.000Z")),
            "{kind:?}"
        );
        assert!(
            !window.holds(kind, &tombstone(kind, 3, "2026-02-28T22:59:59.999Z")),
            "{kind:?}"
        );
    }
    // A contact's tombstone keeps no `occurred_at`: its time is when it was
    // entered.
    assert_eq!(
        stored_time(
            RecordKind::Contact,
            &tombstone(RecordKind::Contact, 1, "2026-03-10T09:00:00.000Z")
        ),
        Some(utc("2026-03-10T09:00:00Z"))
    );
}

#[test]
fn a_survey_response_is_held_by_its_date_in_any_time_zone() {
    let response = |day: u32| serde_json::to_string(&sample_response(1, day)).unwrap();
    // November 2026, ending on the 23rd.
    let period = Period::parse("2026-11-02", "2026-11-23").unwrap();
    // Dutch time, and a time zone west of UTC (UTC-5), where the 24th's
    // midnight UTC lies inside the 23rd.
    let new_york =
        |local: NaiveDateTime| Some(Utc.from_utc_datetime(&(local + Duration::hours(5))));
    for window in [
        period.window(amsterdam).unwrap(),
        period.window(new_york).unwrap(),
    ] {
        assert!(window.holds(RecordKind::SurveyResponse, &response(2)));
        assert!(window.holds(RecordKind::SurveyResponse, &response(23)));
        assert!(!window.holds(RecordKind::SurveyResponse, &response(1)));
        assert!(!window.holds(RecordKind::SurveyResponse, &response(24)));
    }
}

#[test]
fn text_without_a_time_is_in_no_period() {
    let window = march();
    assert!(!window.holds(RecordKind::Contact, "{kapot"));
    assert!(!window.holds(RecordKind::Contact, "\"tekst\""));
    assert!(!window.holds(RecordKind::Activity, r#"{"id":"x","created_at":12}"#));
    // A contact of a newer layout without `occurred_at` still has its time
    // of entry.
    assert!(window.holds(
        RecordKind::Contact,
        r#"{"schema_version":9,"created_at":"2026-03-02T10:00:00.000Z"}"#
    ));
}

/// One live record of every kind, entered at `now`, as the store keeps it.
fn one_of_every_kind(now: DateTime<Utc>) -> Vec<(RecordKind, String, DateTime<Utc>)> {
    fn stored<R: Record>(record: &R) -> (RecordKind, String, DateTime<Utc>) {
        (
            R::KIND,
            serde_json::to_string(record).unwrap(),
            record.occurred_at(),
        )
    }
    let id = |n: u8| RecordId::new_v7(2, [n; 10]);
    let mut trajectory = sample_trajectory(4);
    trajectory.meta.created_at = now;
    let activity = ActivityFields {
        title: "Cursus omgaan met geld".into(),
        activity_kind: ActivityKind::Course,
        theme: "financien".into(),
        location: "Wijk Oost".into(),
        survey: None,
        meetings: series(date(2026, 3, 2), 4, WEEKLY),
    };
    let initiative = InitiativeFields {
        name: "Moestuin Oost".into(),
        initiative_kind: InitiativeKind::YouthInitiative,
        start: date(2026, 3, 2),
        status: InitiativeStatus::Running,
        participants: 18,
        support: vec![],
    };
    let survey = SurveyVersion {
        survey: templates::builtin().remove(0),
    };
    let locations = OrgListFields {
        list: ListName::Locations,
        terms: Taxonomy::builtin().locations,
        bands: vec![],
    };
    vec![
        // A contact registered afterwards: it took place two days earlier.
        stored(&sample_contact(1, now - Duration::days(2))),
        stored(&sample_response(2, 23)),
        stored(&Entry::new(id(3), survey, now, "tablet-1")),
        stored(&trajectory),
        stored(&Entry::new(id(5), activity, now, "tablet-1")),
        stored(&Entry::new(id(6), initiative, now, "tablet-1")),
        stored(&Entry::new(id(7), locations, now, "coordinator")),
    ]
}

#[test]
fn the_time_read_from_a_stored_record_is_its_kinds_occurred_at() {
    let records = one_of_every_kind(t0());
    let kinds: Vec<RecordKind> = records.iter().map(|(k, _, _)| *k).collect();
    assert_eq!(kinds, RecordKind::ALL.to_vec(), "every kind");
    for (kind, text, occurred_at) in &records {
        assert_eq!(stored_time(*kind, text), Some(*occurred_at), "{kind:?}");
    }
    // The contact is about its own time, not its time of entry.
    assert_eq!(records[0].2, t0() - Duration::days(2));
}

// ------------------------------------------------------------- the file

#[test]
fn the_file_holds_the_period_in_its_head_and_only_the_records_in_it() {
    let window = march();
    let inside = contact_at(1, "2026-02-28T23:00:00.000Z");
    let outside = contact_at(2, "2026-03-29T22:00:00.000Z");
    let gone = tombstone(RecordKind::Trajectory, 3, "2026-03-10T09:00:00.000Z");
    let gone_later = tombstone(RecordKind::Trajectory, 4, "2026-04-10T09:00:00.000Z");
    let stored = vec![
        (
            RecordKind::Contact,
            vec![inside.clone(), outside, "{kapot".to_owned()],
        ),
        (RecordKind::Trajectory, vec![gone.clone(), gone_later]),
    ];
    let export = build_period_export(stored, "laptop-1", t0(), &window).expect("built");
    assert_eq!(
        export.file_name,
        "wijkpeil-laptop-1-2026-03-01--2026-03-29.json"
    );
    let (head, lists) = read_export(&export.text).expect("valid JSON");
    assert_eq!(head.format, "wijkpeil-export");
    assert_eq!(head.format_version, 3);
    assert_eq!(head.device_id, "laptop-1");
    assert_eq!(head.exported_at, t0());
    assert_eq!(
        lists["period"],
        json!({ "from": "2026-03-01", "to": "2026-03-29" })
    );
    let ids = |list: &str| -> Vec<String> {
        lists[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let id_of = |text: &str| {
        serde_json::from_str::<serde_json::Value>(text).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(ids("contacts"), vec![id_of(&inside)]);
    assert_eq!(ids("trajectories"), vec![id_of(&gone)]);
    for list in ["survey_responses", "surveys", "activities", "initiatives"] {
        assert_eq!(ids(list), Vec::<String>::new(), "{list}");
    }
    // Only what it holds counts as shipped.
    assert_eq!(export.shipped.len(), 2);
    assert_eq!(
        export.shipped_of(RecordKind::Trajectory),
        vec![(RecordId::new_v7(1, [3; 10]), 2)]
    );
    // Importers read it: the head is a format 3 head with a period.
    let file = read_import(&export.text).expect("imports");
    assert_eq!(file.len(), 2);
    assert!(file.invalid.is_empty());
    // A full export names no period.
    let full = build_export(vec![], "laptop-1", t0()).unwrap();
    assert!(!read_export(&full.text).unwrap().1.contains_key("period"));
}

#[test]
fn records_of_every_kind_inside_and_outside_the_period() {
    // Entered on 15 March and a month later; responses of 23 November.
    let march_15 = utc("2026-03-15T10:00:00Z");
    let mut stored: Vec<(RecordKind, Vec<String>)> = Vec::new();
    for (kind, text, _) in one_of_every_kind(march_15)
        .into_iter()
        .chain(one_of_every_kind(march_15 + Duration::days(31)))
    {
        stored.push((kind, vec![text]));
    }
    let export = build_period_export(stored, "laptop-1", t0(), &march()).unwrap();
    let (_, lists) = read_export(&export.text).unwrap();
    let count = |list: &str| lists[list].as_array().unwrap().len();
    // The contacts took place on 13 March and 13 April.
    assert_eq!(count("contacts"), 1);
    assert_eq!(count("surveys"), 1);
    assert_eq!(count("trajectories"), 1);
    assert_eq!(count("activities"), 1);
    assert_eq!(count("initiatives"), 1);
    // A list by when it was made, as the other kinds without a time of their own.
    assert_eq!(count("org_lists"), 1);
    // The responses are of November, outside March.
    assert_eq!(count("survey_responses"), 0);
    assert_eq!(export.shipped.len(), 6);
}

#[test]
fn the_period_goes_into_the_head_whatever_the_device_is_called() {
    let device = "tablet \"7\",\n{x}";
    let export = build_period_export(vec![], device, t0(), &march()).unwrap();
    let (head, lists) = read_export(&export.text).expect("valid JSON");
    assert_eq!(head.device_id, device);
    assert_eq!(
        lists["period"],
        json!({ "from": "2026-03-01", "to": "2026-03-29" })
    );
    // The head comes first, the period last in it, then the lists.
    let period_at = export.text.find("\"period\"").unwrap();
    assert!(period_at < export.text.find("\"contacts\"").unwrap());
    assert!(export.text.find("\"device_id\"").unwrap() < period_at);
}
