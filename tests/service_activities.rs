//! The group-activity use cases against the memory store with a fixed clock
//! in a fixed time zone (UTC+1, Dutch winter time).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use futures::executor::block_on;
use std::rc::Rc;
use wijkpeil::domain::activity::{
    series, ActivityDraft, ActivityFields, ActivityKind, ActivityProblem, Meeting, MeetingProblem,
    WEEKLY,
};
use wijkpeil::domain::privacy::TextProblem;
use wijkpeil::domain::record::RecordKind;
use wijkpeil::domain::taxonomy::Taxonomy;
use wijkpeil::service::activities::{Activity, ActivityService};
use wijkpeil::service::entries::SaveError;
use wijkpeil::service::Env;
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::{RecordStore, StorageError};

mod common;
use common::FixedEnv;

struct Fixture {
    store: Rc<MemoryStore>,
    env: Rc<FixedEnv>,
    service: ActivityService<MemoryStore, Rc<FixedEnv>>,
}

/// 23 November 2026, 10:30 local time.
fn fixture() -> Fixture {
    let store = Rc::new(MemoryStore::new());
    let env = Rc::new(FixedEnv::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
    ));
    let service = ActivityService::new(
        store.clone(),
        env.clone(),
        Rc::new(Taxonomy::builtin()),
        "laptop-coordinator".into(),
    );
    Fixture {
        store,
        env,
        service,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A course of eight weekly meetings from 29 September 2026, none held.
fn course() -> ActivityFields {
    ActivityFields {
        title: "Cursus omgaan met geld".into(),
        activity_kind: ActivityKind::Course,
        theme: "financien".into(),
        location: "wijkplein-oost".into(),
        survey: Some("groepsactiviteit".into()),
        meetings: series(date(2026, 9, 29), 8, WEEKLY),
    }
}

fn event(day: NaiveDate, participants: u32) -> ActivityFields {
    ActivityFields {
        title: "Buurtlunch".into(),
        activity_kind: ActivityKind::Activity,
        theme: "sociaal-netwerk".into(),
        location: "wijkplein-noord".into(),
        survey: None,
        meetings: vec![Meeting::held(day, participants, participants / 2, 3)],
    }
}

fn stored(f: &Fixture, a: &Activity) -> Option<Activity> {
    block_on(f.store.get(a.meta.id)).expect("get")
}

#[test]
fn today_is_the_local_date() {
    let f = fixture();
    assert_eq!(f.service.today(), date(2026, 11, 23));
    // 23:30 UTC is already the 24th in UTC+1
    f.env
        .now
        .set(Utc.with_ymd_and_hms(2026, 11, 23, 23, 30, 0).unwrap());
    assert_eq!(f.service.today(), date(2026, 11, 24));
}

#[test]
fn a_draft_saves_as_a_new_record() {
    let f = fixture();
    let mut draft = ActivityDraft::fresh(date(2026, 11, 20), "wijkplein-oost");
    draft.title = "Voorlichting toeslagen".into();
    draft.activity_kind = "information_meeting".into();
    draft.theme = "financien".into();
    let fields = draft
        .parse(&f.service.taxonomy().domains, f.service.today())
        .expect("valid draft");
    let saved = block_on(f.service.save(fields.clone(), None)).expect("saved");
    assert_eq!(saved.previous, None);
    assert_eq!(saved.entry.fields, fields);
    assert_eq!(saved.entry.meta.revision, 1);
    assert_eq!(saved.entry.meta.device_id, "laptop-coordinator");
    assert_eq!(stored(&f, &saved.entry).as_ref(), Some(&saved.entry));
}

#[test]
fn an_invalid_activity_writes_nothing() {
    let f = fixture();
    let mut a = course();
    a.title = String::new();
    a.theme = "astrologie".into();
    a.meetings[0] = Meeting::held(date(2026, 12, 1), 5, 6, 0);
    match block_on(f.service.save(a, None)) {
        Err(SaveError::Invalid(problems)) => assert_eq!(
            problems,
            vec![
                ActivityProblem::Title(TextProblem::Empty),
                ActivityProblem::UnknownTheme("astrologie".into()),
                ActivityProblem::Meeting {
                    meeting: 0,
                    problem: MeetingProblem::HeldInFuture
                },
                ActivityProblem::Meeting {
                    meeting: 0,
                    problem: MeetingProblem::FirstTimeAboveParticipants
                },
            ]
        ),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(f.store.successful_writes(), 0);
    assert!(block_on(f.service.list()).expect("list").is_empty());
}

#[test]
fn a_series_of_eight_is_filled_in_one_meeting_at_a_time() {
    let f = fixture();
    let mut current = block_on(f.service.save(course(), None))
        .expect("saved")
        .entry;
    assert_eq!(
        block_on(f.service.totals(2026)).expect("totals").meetings,
        0
    );

    // the first seven took place (29 Sept .. 10 Nov); the eighth (17 Nov)
    // is still planned
    for i in 0..7 {
        let index = current.fields.next_planned().expect("a planned meeting");
        assert_eq!(index, i);
        let day = current.fields.meetings[index].date;
        let meeting = Meeting::held(day, 12 - i as u32, u32::from(i == 0) * 12, 1);
        let saved = block_on(f.service.record_meeting(&current, index, meeting.clone()))
            .expect("meeting filled in");
        assert_eq!(saved.entry.meta.revision, i as u32 + 2);
        assert_eq!(saved.entry.fields.meetings[index], meeting);
        assert_eq!(saved.previous.as_ref(), Some(&current));
        current = saved.entry;
    }
    assert_eq!(current.fields.next_planned(), Some(7));
    assert_eq!(stored(&f, &current).as_ref(), Some(&current));

    let t = block_on(f.service.totals(2026)).expect("totals");
    assert_eq!((t.activities, t.with_survey, t.meetings), (1, 1, 7));
    // 12 + 11 + ... + 6: the same residents come back and count each time
    assert_eq!(t.participants, (6..=12).sum::<u32>());
    assert_eq!((t.first_time, t.volunteers), (12, 7));
}

#[test]
fn filling_in_a_meeting_is_validated() {
    let f = fixture();
    let a = block_on(f.service.save(course(), None))
        .expect("saved")
        .entry;
    let writes = f.store.successful_writes();
    // the last meeting, 10 Nov, may not be held with more first-timers than
    // participants; 17 Nov is fine; a ninth meeting does not exist
    let bad = Meeting::held(date(2026, 11, 10), 4, 5, 0);
    assert_eq!(
        block_on(f.service.record_meeting(&a, 6, bad)),
        Err(SaveError::Invalid(vec![ActivityProblem::Meeting {
            meeting: 6,
            problem: MeetingProblem::FirstTimeAboveParticipants
        }]))
    );
    let future = Meeting::held(date(2026, 11, 24), 4, 0, 0);
    assert_eq!(
        block_on(f.service.record_meeting(&a, 7, future)),
        Err(SaveError::Invalid(vec![ActivityProblem::Meeting {
            meeting: 7,
            problem: MeetingProblem::HeldInFuture
        }]))
    );
    assert_eq!(
        block_on(
            f.service
                .record_meeting(&a, 8, Meeting::held(date(2026, 11, 1), 1, 0, 0))
        ),
        Err(SaveError::Invalid(vec![ActivityProblem::NoSuchMeeting {
            meeting: 8
        }]))
    );
    assert_eq!(f.store.successful_writes(), writes);
    assert_eq!(stored(&f, &a), Some(a));
}

#[test]
fn undo_of_a_new_activity_leaves_a_tombstone() {
    let f = fixture();
    let saved = block_on(f.service.save(course(), None)).expect("saved");
    let reverted = block_on(f.service.undo(&saved)).expect("undone");
    assert!(reverted.meta.deleted);
    assert_eq!(reverted.meta.revision, 2);
    assert!(block_on(f.service.list()).expect("list").is_empty());
    assert_eq!(
        block_on(f.service.get(saved.entry.meta.id)).expect("get"),
        None
    );
    // Kept for sync, as bookkeeping without content.
    let raw = block_on(f.store.list_raw(RecordKind::Activity)).expect("raw");
    assert_eq!(raw.len(), 1);
    let tombstone: serde_json::Value = serde_json::from_str(&raw[0]).expect("json");
    assert_eq!(tombstone["deleted"], true);
    assert_eq!(tombstone["revision"], 2);
    assert_eq!(tombstone["id"], saved.entry.meta.id.to_string());
    assert!(tombstone.get("title").is_none(), "{tombstone}");
}

#[test]
fn undo_of_a_filled_in_meeting_plans_it_again() {
    let f = fixture();
    let a = block_on(f.service.save(course(), None))
        .expect("saved")
        .entry;
    let filled = block_on(f.service.record_meeting(
        &a,
        0,
        Meeting::held(date(2026, 9, 29), 10, 10, 2),
    ))
    .expect("filled in");
    let back = block_on(f.service.undo(&filled)).expect("undone");
    assert_eq!(back.fields, course());
    assert_eq!(back.meta.revision, 3);
    assert_eq!(
        block_on(f.service.totals(2026)).expect("totals").meetings,
        0
    );
}

#[test]
fn delete_and_undo_of_the_delete() {
    let f = fixture();
    let saved = block_on(f.service.save(event(date(2026, 6, 1), 30), None)).expect("saved");
    let deleted = block_on(f.service.delete(&saved.entry)).expect("deleted");
    assert!(deleted.entry.meta.deleted);
    assert!(block_on(f.service.list()).expect("list").is_empty());
    assert_eq!(
        block_on(f.service.totals(2026)).expect("totals").meetings,
        0
    );

    let restored = block_on(f.service.undo(&deleted)).expect("restored");
    assert!(!restored.meta.deleted);
    assert_eq!(restored.meta.revision, 3);
    assert_eq!(restored.fields, saved.entry.fields);
    assert_eq!(block_on(f.service.list()).expect("list"), vec![restored]);
    assert_eq!(
        block_on(f.service.totals(2026)).expect("totals").meetings,
        1
    );
}

#[test]
fn an_edit_of_an_old_revision_conflicts() {
    let f = fixture();
    let a = block_on(f.service.save(course(), None))
        .expect("saved")
        .entry;
    block_on(
        f.service
            .record_meeting(&a, 0, Meeting::held(date(2026, 9, 29), 10, 10, 2)),
    )
    .expect("first");
    assert_eq!(
        block_on(
            f.service
                .record_meeting(&a, 1, Meeting::held(date(2026, 10, 6), 9, 0, 2))
        ),
        Err(SaveError::Storage(StorageError::Conflict))
    );
}

#[test]
fn a_full_disk_is_reported() {
    let f = fixture();
    f.store.fail_next_write(StorageError::QuotaExceeded);
    assert_eq!(
        block_on(f.service.save(course(), None)),
        Err(SaveError::Storage(StorageError::QuotaExceeded))
    );
    assert!(block_on(f.service.list()).expect("list").is_empty());
}

#[test]
fn list_is_newest_first_by_first_meeting() {
    let f = fixture();
    let june = block_on(f.service.save(event(date(2026, 6, 1), 30), None)).expect("saved");
    f.env.now.set(f.env.now() + Duration::minutes(1));
    let march = block_on(f.service.save(event(date(2026, 3, 1), 20), None)).expect("saved");
    f.env.now.set(f.env.now() + Duration::minutes(1));
    let course = block_on(f.service.save(course(), None)).expect("saved");
    f.env.now.set(f.env.now() + Duration::minutes(1));
    let june_again = block_on(f.service.save(event(date(2026, 6, 1), 10), None)).expect("saved");
    let ids: Vec<_> = block_on(f.service.list())
        .expect("list")
        .iter()
        .map(|a| a.meta.id)
        .collect();
    assert_eq!(
        ids,
        vec![
            course.entry.meta.id,
            june_again.entry.meta.id,
            june.entry.meta.id,
            march.entry.meta.id
        ]
    );
}

#[test]
fn totals_of_a_year() {
    let f = fixture();
    for (day, n) in [
        (date(2025, 12, 31), 100),
        (date(2026, 1, 1), 20),
        (date(2026, 6, 1), 30),
        (date(2026, 11, 23), 40),
    ] {
        block_on(f.service.save(event(day, n), None)).expect("saved");
    }
    let gone = block_on(f.service.save(event(date(2026, 2, 2), 1000), None)).expect("saved");
    block_on(f.service.delete(&gone.entry)).expect("deleted");

    let t = block_on(f.service.totals(2026)).expect("totals");
    assert_eq!((t.activities, t.meetings), (3, 3));
    assert_eq!(t.participants, 90);
    assert_eq!(t.first_time, 10 + 15 + 20);
    assert_eq!(t.volunteers, 9);
    assert_eq!(t.with_survey, 0);
    // The list screen reads both at once: the same list and counts.
    let (list, totals) = block_on(f.service.overview(2026)).expect("overview");
    assert_eq!(list, block_on(f.service.list()).expect("list"));
    assert_eq!(totals, t);
    let t = block_on(f.service.totals(2025)).expect("totals");
    assert_eq!((t.activities, t.participants), (1, 100));
    assert_eq!(
        block_on(f.service.totals(2024)).expect("totals").meetings,
        0
    );
    // a year outside the calendar is no panic, just nothing
    assert_eq!(
        block_on(f.service.totals(i32::MAX)).expect("totals"),
        Default::default()
    );
}
