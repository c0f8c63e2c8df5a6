//! The export of one period against the memory store, in Dutch time: it
//! holds and marks only the records in the period, imports elsewhere, and
//! offers this year so far first. Only the coordinator app has it
//! (`cargo test --all-features`).

#![cfg(feature = "coordinator")]

mod common;

use chrono::Utc;
use futures::executor::block_on;
use serde_json::json;
use std::rc::Rc;
use wijkpeil::domain::export::{read_export, EXPORT_FORMAT_VERSION};
use wijkpeil::domain::export_period::Period;
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::service::export::ExportService;
use wijkpeil::service::import::ImportService;
use wijkpeil::service::Env;
use wijkpeil::storage::contract::{sample_contact, sample_response, sample_trajectory, t0};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::RecordStore;

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
    // A full export afterwards still holds everything, and marks only
    // what had not left yet.
    let full = block_on(service.export()).unwrap();
    assert_eq!(full.records, 9);
    assert_eq!(full.shipped.len(), 9 - inside.len());
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
