//! The self-organisation use cases against the memory store with a fixed
//! clock in a fixed time zone (UTC+1, Dutch winter time).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use futures::executor::block_on;
use std::rc::Rc;
use wijkpeil::domain::initiative::{
    InitiativeFields, InitiativeKind, InitiativeProblem, InitiativeStatus, SupportMoment,
};
use wijkpeil::domain::privacy::{PersonalData, TextProblem};
use wijkpeil::domain::record::RecordKind;
use wijkpeil::service::entries::SaveError;
use wijkpeil::service::initiatives::{Initiative, InitiativeService};
use wijkpeil::service::Env;
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::{RecordStore, StorageError};

mod common;
use common::FixedEnv;

struct Fixture {
    store: Rc<MemoryStore>,
    env: Rc<FixedEnv>,
    service: InitiativeService<MemoryStore, Rc<FixedEnv>>,
}

/// 23 November 2026, 10:30 local time.
fn fixture() -> Fixture {
    let store = Rc::new(MemoryStore::new());
    let env = Rc::new(FixedEnv::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
    ));
    let service = InitiativeService::new(store.clone(), env.clone(), "laptop-coordinator".into());
    Fixture {
        store,
        env,
        service,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn moment(d: NaiveDate, note: &str) -> SupportMoment {
    SupportMoment {
        date: d,
        note: note.into(),
    }
}

fn garden(start: NaiveDate, participants: u32) -> InitiativeFields {
    let mut i = InitiativeFields::new("Moestuin Oost", InitiativeKind::YouthInitiative, start);
    i.participants = participants;
    i
}

fn stored(f: &Fixture, i: &Initiative) -> Option<Initiative> {
    block_on(f.store.get(i.meta.id)).expect("get")
}

#[test]
fn save_support_and_status_are_revisions_of_one_record() {
    let f = fixture();
    let saved = block_on(f.service.save(garden(date(2026, 3, 2), 0), None)).expect("saved");
    assert_eq!(saved.entry.meta.revision, 1);
    assert_eq!(saved.entry.fields.status, InitiativeStatus::Idea);

    let supported = block_on(
        f.service
            .add_support_moment(&saved.entry, moment(date(2026, 3, 9), "Subsidie uitgelegd")),
    )
    .expect("moment added");
    assert_eq!(supported.entry.meta.revision, 2);
    assert_eq!(supported.entry.fields.support.len(), 1);

    let running = block_on(
        f.service
            .set_status(&supported.entry, InitiativeStatus::Running),
    )
    .expect("status set");
    assert_eq!(running.entry.meta.revision, 3);
    assert_eq!(running.entry.meta.id, saved.entry.meta.id);
    assert_eq!(running.entry.fields.status, InitiativeStatus::Running);
    assert_eq!(running.entry.fields.support, supported.entry.fields.support);
    assert_eq!(stored(&f, &running.entry).as_ref(), Some(&running.entry));
    assert_eq!(
        block_on(f.service.get(saved.entry.meta.id)).expect("get"),
        Some(running.entry)
    );
}

#[test]
fn an_invalid_initiative_writes_nothing() {
    let f = fixture();
    let mut i = garden(date(2026, 12, 1), 0);
    i.name = String::new();
    match block_on(f.service.save(i, None)) {
        Err(SaveError::Invalid(problems)) => assert_eq!(
            problems,
            vec![
                InitiativeProblem::Name(TextProblem::Empty),
                InitiativeProblem::StartInFuture
            ]
        ),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(f.store.successful_writes(), 0);
}

#[test]
fn an_invalid_support_moment_writes_nothing() {
    let f = fixture();
    let saved = block_on(f.service.save(garden(date(2026, 3, 2), 0), None)).expect("saved");
    let writes = f.store.successful_writes();
    assert_eq!(
        block_on(f.service.add_support_moment(
            &saved.entry,
            moment(date(2026, 3, 1), "Mail naar kees@example.nl")
        )),
        Err(SaveError::Invalid(vec![
            InitiativeProblem::SupportBeforeStart { moment: 0 },
            InitiativeProblem::Note {
                moment: 0,
                problem: TextProblem::PersonalData(PersonalData::Email)
            },
        ]))
    );
    // tomorrow (local) is in the future
    assert_eq!(
        block_on(
            f.service
                .add_support_moment(&saved.entry, moment(date(2026, 11, 24), ""))
        ),
        Err(SaveError::Invalid(vec![
            InitiativeProblem::SupportInFuture { moment: 0 }
        ]))
    );
    assert_eq!(f.store.successful_writes(), writes);
    assert_eq!(stored(&f, &saved.entry), Some(saved.entry));
}

#[test]
fn undo_of_a_new_initiative_leaves_a_tombstone() {
    let f = fixture();
    let saved = block_on(f.service.save(garden(date(2026, 3, 2), 0), None)).expect("saved");
    let reverted = block_on(f.service.undo(&saved)).expect("undone");
    assert!(reverted.meta.deleted);
    assert_eq!(reverted.meta.revision, 2);
    assert!(block_on(f.service.list()).expect("list").is_empty());
    // A tombstone reads as no record; it is kept, without its name.
    assert_eq!(stored(&f, &saved.entry), None);
    let raw = block_on(f.store.list_raw(RecordKind::Initiative)).expect("raw");
    assert_eq!(raw.len(), 1);
    assert!(raw[0].contains("\"deleted\":true"), "{}", raw[0]);
    assert!(!raw[0].contains("Moestuin"), "{}", raw[0]);
}

#[test]
fn undo_of_a_status_change_brings_the_old_status_back() {
    let f = fixture();
    let saved = block_on(f.service.save(garden(date(2026, 3, 2), 0), None)).expect("saved");
    let changed = block_on(
        f.service
            .set_status(&saved.entry, InitiativeStatus::Independent),
    )
    .expect("status set");
    let back = block_on(f.service.undo(&changed)).expect("undone");
    assert_eq!(back.fields.status, InitiativeStatus::Idea);
    assert_eq!(back.meta.revision, 3);
}

#[test]
fn delete_and_undo_of_the_delete() {
    let f = fixture();
    let saved = block_on(f.service.save(garden(date(2026, 3, 2), 25), None)).expect("saved");
    let deleted = block_on(f.service.delete(&saved.entry)).expect("deleted");
    assert!(deleted.entry.meta.deleted);
    assert!(block_on(f.service.list()).expect("list").is_empty());
    assert_eq!(
        block_on(f.service.totals(2026))
            .expect("totals")
            .initiatives,
        0
    );
    let restored = block_on(f.service.undo(&deleted)).expect("restored");
    assert!(!restored.meta.deleted);
    assert_eq!(restored.meta.revision, 3);
    assert_eq!(block_on(f.service.list()).expect("list"), vec![restored]);
    assert_eq!(
        block_on(f.service.totals(2026))
            .expect("totals")
            .participants,
        25
    );
}

#[test]
fn a_stale_edit_conflicts() {
    let f = fixture();
    let saved = block_on(f.service.save(garden(date(2026, 3, 2), 0), None)).expect("saved");
    block_on(
        f.service
            .set_status(&saved.entry, InitiativeStatus::Running),
    )
    .expect("first");
    assert_eq!(
        block_on(
            f.service
                .set_status(&saved.entry, InitiativeStatus::Stopped)
        ),
        Err(SaveError::Storage(StorageError::Conflict))
    );
}

#[test]
fn list_is_most_recently_supported_first() {
    let f = fixture();
    let early = block_on(f.service.save(garden(date(2026, 1, 5), 0), None)).expect("saved");
    f.env.now.set(f.env.now() + Duration::minutes(1));
    let later = block_on(f.service.save(garden(date(2026, 6, 1), 0), None)).expect("saved");
    let ids = |f: &Fixture| -> Vec<_> {
        block_on(f.service.list())
            .expect("list")
            .iter()
            .map(|i| i.meta.id)
            .collect()
    };
    assert_eq!(ids(&f), vec![later.entry.meta.id, early.entry.meta.id]);
    // supporting the early one moves it up
    block_on(
        f.service
            .add_support_moment(&early.entry, moment(date(2026, 11, 20), "")),
    )
    .expect("moment");
    assert_eq!(ids(&f), vec![early.entry.meta.id, later.entry.meta.id]);
}

#[test]
fn totals_of_a_year() {
    let f = fixture();
    // started in 2025, supported again in 2026
    let old = block_on(f.service.save(garden(date(2025, 5, 1), 40), None)).expect("saved");
    block_on(
        f.service
            .add_support_moment(&old.entry, moment(date(2026, 2, 3), "")),
    )
    .expect("moment");
    // started in 2025, not supported since
    block_on(f.service.save(garden(date(2025, 9, 1), 1000), None)).expect("saved");
    // started in 2026
    let mut network = garden(date(2026, 4, 1), 60);
    network.initiative_kind = InitiativeKind::WithNetworkPartner;
    network.status = InitiativeStatus::Running;
    block_on(f.service.save(network, None)).expect("saved");

    let t = block_on(f.service.totals(2026)).expect("totals");
    assert_eq!(
        (t.initiatives, t.participants, t.support_moments),
        (2, 100, 1)
    );
    assert_eq!(t.with_status(InitiativeStatus::Idea), 1);
    assert_eq!(t.with_status(InitiativeStatus::Running), 1);
    assert_eq!(t.of_kind(InitiativeKind::WithNetworkPartner), 1);
    // The list screen reads both at once: the same list and counts.
    let (list, totals) = block_on(f.service.overview(2026)).expect("overview");
    assert_eq!(list, block_on(f.service.list()).expect("list"));
    assert_eq!(totals, t);
    let t = block_on(f.service.totals(2025)).expect("totals");
    assert_eq!((t.initiatives, t.participants), (2, 1040));
    assert_eq!(
        block_on(f.service.totals(2027)).expect("totals"),
        Default::default()
    );
}
