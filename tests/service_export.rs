//! The JSON export: every kind of record, tombstones and unreadable records
//! included, and the pending count back to zero afterwards; and the export
//! of one period, which holds and marks only the records in it.

mod common;

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use serde_json::json;
use std::rc::Rc;
use wijkpeil::domain::entry::Record;
use wijkpeil::domain::export::{build_export, read_export, Period, EXPORT_FORMAT_VERSION};
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::service::export::ExportService;
use wijkpeil::service::import::ImportService;
use wijkpeil::service::Env;
use wijkpeil::storage::contract::{sample_contact, sample_response, sample_trajectory, t0};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::RecordStore;

struct Clock;

impl Env for Clock {
    fn now(&self) -> chrono::DateTime<Utc> {
        t0()
    }
    fn random_bytes(&self) -> [u8; 10] {
        [1; 10]
    }
    fn to_local(&self, utc: chrono::DateTime<Utc>) -> chrono::NaiveDateTime {
        utc.naive_utc()
    }
    fn to_utc(&self, local: chrono::NaiveDateTime) -> Option<chrono::DateTime<Utc>> {
        Some(Utc.from_utc_datetime(&local))
    }
}

#[test]
fn an_export_holds_every_kind_and_clears_the_pending_count() {
    let store = Rc::new(MemoryStore::new());
    let kept = sample_contact(1, t0());
    let gone = sample_contact(2, t0());
    let response = sample_response(3, 23);
    let trajectory = sample_trajectory(4);
    block_on(store.insert(&kept)).unwrap();
    block_on(store.insert(&gone)).unwrap();
    let mut tombstone = gone.clone();
    tombstone.meta.revision = 2;
    tombstone.meta.deleted = true;
    block_on(store.update(&tombstone)).unwrap();
    block_on(store.insert(&response)).unwrap();
    block_on(store.insert(&trajectory)).unwrap();
    // Written by a newer app: unreadable here, but it must travel too.
    let future_id = RecordId::new_v7(5, [5; 10]);
    store.put_raw(
        RecordKind::Activity,
        future_id,
        json!({ "id": future_id.to_string(), "kind": "activity", "schema_version": 9, "revision": 1 }),
    );
    let stats = block_on(store.stats()).unwrap();
    assert_eq!(stats.pending, 5);

    let service = ExportService::new(store.clone(), Clock, "tablet-1".into());
    let export = block_on(service.export()).expect("export");
    assert_eq!(export.file_name, "wijkpeil-tablet-1-2026-11-23.json");
    let (head, lists) = read_export(&export.text).expect("valid JSON");
    assert_eq!(head.format, "wijkpeil-export");
    assert_eq!(head.format_version, EXPORT_FORMAT_VERSION);
    assert_eq!(head.device_id, "tablet-1");
    let list = |name: &str| lists[name].as_array().unwrap().clone();
    assert_eq!(list("contacts").len(), 2, "the tombstone travels too");
    assert!(list("contacts").iter().any(|c| c["deleted"] == true));
    assert_eq!(list("survey_responses").len(), 1);
    assert_eq!(list("trajectories")[0]["code"], trajectory.fields.code);
    assert_eq!(list("activities")[0]["schema_version"], 9);
    assert_eq!(list("initiatives").len(), 0);
    assert_eq!(list("surveys").len(), 0);
    assert_eq!(export.shipped.len(), 5);

    block_on(service.mark_exported(&export)).expect("marked");
    assert_eq!(block_on(store.stats()).unwrap().pending, 0);
    // A later change is pending again.
    let mut changed = kept.clone();
    changed.meta.revision = 2;
    changed.meta.shipped_revision = 0;
    block_on(store.update(&changed)).unwrap();
    assert_eq!(block_on(store.stats()).unwrap().pending, 1);
    let back: Option<wijkpeil::domain::contact::Contact> =
        block_on(store.get(kept.meta.id)).unwrap();
    assert_eq!(
        back.unwrap().meta().shipped_revision,
        1,
        "the export's mark is kept"
    );
}

#[test]
fn text_that_is_not_json_is_carried_as_text_but_not_marked() {
    let export = build_export(
        vec![(RecordKind::Contact, vec!["{kapot".to_owned()])],
        "tablet-1",
        t0(),
    )
    .unwrap();
    let (_, lists) = read_export(&export.text).unwrap();
    assert_eq!(lists["contacts"][0], "{kapot");
    assert!(export.shipped.is_empty());
}

/// A clock in Dutch time, with summer time.
struct Dutch(chrono::DateTime<Utc>);

impl Env for Dutch {
    fn now(&self) -> chrono::DateTime<Utc> {
        self.0
    }
    fn random_bytes(&self) -> [u8; 10] {
        [1; 10]
    }
    fn to_local(&self, utc: chrono::DateTime<Utc>) -> chrono::NaiveDateTime {
        common::amsterdam_local(utc)
    }
    fn to_utc(&self, local: chrono::NaiveDateTime) -> Option<chrono::DateTime<Utc>> {
        common::amsterdam(local)
    }
}

fn utc(text: &str) -> chrono::DateTime<Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A coordinator's laptop: contacts on both sides of each edge of March
/// 2026 (which ends on the day summer time starts), a deleted one in it and
/// one after it, responses of 1 March and 30 March, and a trajectory
/// entered in March and deleted in April.
fn laptop() -> (Rc<MemoryStore>, Vec<RecordId>) {
    let store = Rc::new(MemoryStore::new());
    let mut inside = Vec::new();
    let times = [
        ("2026-02-28T22:59:59.999Z", false),
        ("2026-02-28T23:00:00.000Z", true),
        ("2026-03-29T21:59:59.999Z", true),
        ("2026-03-29T22:00:00.000Z", false),
    ];
    for (n, (time, held)) in times.iter().enumerate() {
        let contact = sample_contact(n as u8 + 1, utc(time));
        block_on(store.insert(&contact)).unwrap();
        if *held {
            inside.push(contact.meta.id);
        }
    }
    // Deleted: tombstones keep their time of entry only.
    for (n, entered, held) in [
        (5, "2026-03-10T09:00:00Z", true),
        (6, "2026-04-02T09:00:00Z", false),
    ] {
        let mut contact = sample_contact(n, utc(entered));
        contact.meta.created_at = utc(entered);
        block_on(store.insert(&contact)).unwrap();
        block_on(store.update(&contact.deleted(utc("2026-04-20T10:00:00Z")))).unwrap();
        if held {
            inside.push(contact.meta.id);
        }
    }
    let mut first = sample_response(7, 1);
    let mut last = sample_response(8, 30);
    for (response, day) in [(&mut first, 1), (&mut last, 30)] {
        let midnight = utc(&format!("2026-03-{day:02}T00:00:00Z"));
        response.fields.date = midnight.date_naive();
        response.meta.created_at = midnight;
        response.meta.updated_at = midnight;
        block_on(store.insert(&*response)).unwrap();
    }
    inside.push(first.meta.id);
    let mut trajectory = sample_trajectory(9);
    trajectory.meta.created_at = utc("2026-03-02T10:00:00Z");
    block_on(store.insert(&trajectory)).unwrap();
    block_on(store.update(&trajectory.deleted(utc("2026-04-20T10:00:00Z")))).unwrap();
    inside.push(trajectory.meta.id);
    (store, inside)
}

#[test]
fn a_period_export_holds_the_records_of_the_period_and_marks_only_those() {
    let (store, inside) = laptop();
    assert_eq!(block_on(store.stats()).unwrap().pending, 9);
    let service = ExportService::new(store.clone(), Dutch(t0()), "laptop-1".into());
    let march = Period::parse("2026-03-01", "2026-03-29").unwrap();

    let export = block_on(service.export_period(march)).expect("export");
    assert_eq!(
        export.file_name,
        "wijkpeil-laptop-1-2026-03-01--2026-03-29.json"
    );
    let (head, lists) = read_export(&export.text).expect("valid JSON");
    assert_eq!(head.format_version, EXPORT_FORMAT_VERSION);
    assert_eq!(
        lists["period"],
        json!({ "from": "2026-03-01", "to": "2026-03-29" })
    );
    let mut held: Vec<RecordId> = RecordKind::ALL
        .iter()
        .flat_map(|kind| lists[kind.store_name()].as_array().unwrap().clone())
        .map(|record| serde_json::from_value(record["id"].clone()).unwrap())
        .collect();
    held.sort();
    let mut expected = inside.clone();
    expected.sort();
    assert_eq!(held, expected);
    assert_eq!(
        lists["trajectories"][0]["deleted"], true,
        "the tombstone travels"
    );
    assert_eq!(export.shipped.len(), inside.len());

    // Marked: what it held stops counting; the rest still waits.
    block_on(service.mark_exported(&export)).expect("marked");
    assert_eq!(
        block_on(store.stats()).unwrap().pending,
        9 - inside.len() as u32
    );
    // A full export afterwards still holds everything.
    let full = block_on(service.export()).unwrap();
    assert_eq!(full.shipped.len(), 9);
}

#[test]
fn a_period_export_imports_on_another_device() {
    let (store, inside) = laptop();
    let service = ExportService::new(store, Dutch(t0()), "laptop-1".into());
    let export =
        block_on(service.export_period(Period::parse("2026-03-01", "2026-03-29").unwrap()))
            .unwrap();
    let other = Rc::new(MemoryStore::new());
    let import = ImportService::new(other.clone());
    let preview = block_on(import.preview(&export.text)).expect("preview");
    assert_eq!(preview.tally.new, inside.len() as u32);
    assert_eq!(preview.tally.invalid, 0);
}

#[test]
fn the_period_offered_first_is_this_year_so_far_in_local_time() {
    let store = Rc::new(MemoryStore::new());
    // 31 December 23:30 UTC is already New Year's Day in the Netherlands.
    let service = ExportService::new(store, Dutch(utc("2026-12-31T23:30:00Z")), "l".into());
    assert_eq!(
        service.default_period(),
        Period::parse("2027-01-01", "2027-01-01").unwrap()
    );
    let store = Rc::new(MemoryStore::new());
    let service = ExportService::new(store, Dutch(t0()), "l".into());
    assert_eq!(
        service.default_period(),
        Period::parse("2026-01-01", "2026-11-23").unwrap()
    );
}
