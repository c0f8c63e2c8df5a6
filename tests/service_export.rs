//! The JSON export: every kind of record, tombstones and unreadable records
//! included, and the pending count back to zero afterwards.

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use serde_json::json;
use std::rc::Rc;
use wijkpeil::domain::entry::Record;
use wijkpeil::domain::export::{build_export, read_export, EXPORT_FORMAT_VERSION};
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::service::export::ExportService;
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
    assert_eq!(export.records, 5);
    assert_eq!(export.shipped.len(), 5, "all of them new");

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
fn an_export_marks_only_what_had_not_left_the_device() {
    // Issue 12: a year of records already exported or synced is not
    // rewritten by the next export; the file still holds every record.
    let record = |id: u32, revision: u32, shipped: u32| {
        serde_json::json!({
            "id": format!("0190a000-0000-7000-8000-{id:012}"),
            "kind": "contact",
            "revision": revision,
            "shipped_revision": shipped,
        })
        .to_string()
    };
    let export = build_export(
        vec![(
            RecordKind::Contact,
            vec![
                record(1, 1, 1),
                record(2, 3, 2),
                record(3, 1, 0),
                record(4, 2, 5),
            ],
        )],
        "tablet-1",
        t0(),
    )
    .unwrap();
    assert_eq!(export.records, 4, "the file holds every record");
    let marked: Vec<u32> = export
        .shipped_of(RecordKind::Contact)
        .iter()
        .map(|(_, revision)| *revision)
        .collect();
    assert_eq!(marked, [3, 1], "only the second and the third had not left");
    // A record without the field (a newer or older schema) is marked.
    let bare = r#"{"id":"0190a000-0000-7000-8000-000000000009","revision":1}"#;
    let export = build_export(
        vec![(RecordKind::Contact, vec![bare.to_owned()])],
        "tablet-1",
        t0(),
    )
    .unwrap();
    assert_eq!(export.shipped_of(RecordKind::Contact).len(), 1);
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
    assert_eq!(export.records, 1);
}
