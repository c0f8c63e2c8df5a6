//! Import: the whole file is checked first, the preview says what would
//! change, the merge follows the rule, a second import changes nothing, and
//! a refused file writes nothing.

use chrono::Duration;
use futures::executor::block_on;
use serde_json::{json, Value};
use std::rc::Rc;
use wijkpeil::domain::contact::Contact;
use wijkpeil::domain::export::build_export;
use wijkpeil::domain::import::{
    check_record, read_import, read_import_within, FileProblem, Limits, Position, RecordProblem,
    LIMITS,
};
use wijkpeil::domain::merge::Tally;
use wijkpeil::domain::migrate::MigrationError;
use wijkpeil::domain::record::{RecordKind, RecordMeta};
use wijkpeil::service::import::{ImportError, ImportService};
use wijkpeil::storage::contract::{sample_contact, sample_response, sample_trajectory, t0};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::{RecordStore, StorageError};

/// The export file of `store`, as another device would receive it.
fn export_of(store: &MemoryStore, device: &str) -> String {
    let stored = RecordKind::ALL
        .iter()
        .map(|&kind| (kind, block_on(store.list_raw(kind)).unwrap()))
        .collect();
    build_export(stored, device, t0()).unwrap().text
}

/// A tablet with two contacts (one deleted), a response and a trajectory.
fn tablet() -> MemoryStore {
    let store = MemoryStore::new();
    let kept = sample_contact(1, t0());
    let gone = sample_contact(2, t0());
    block_on(store.insert(&kept)).unwrap();
    block_on(store.insert(&gone)).unwrap();
    block_on(store.update(&gone.deleted(t0() + Duration::minutes(1)))).unwrap();
    block_on(store.insert(&sample_response(3, 23))).unwrap();
    block_on(store.insert(&sample_trajectory(4))).unwrap();
    store
}

#[test]
fn an_export_imports_on_another_device_and_a_second_import_changes_nothing() {
    let file = export_of(&tablet(), "tablet-1");
    let laptop = Rc::new(MemoryStore::new());
    let import = ImportService::new(laptop.clone());

    let preview = block_on(import.preview(&file)).expect("preview");
    assert_eq!(
        preview.tally,
        Tally {
            new: 4,
            ..Tally::default()
        }
    );
    assert_eq!(laptop.successful_writes(), 0, "a preview writes nothing");

    let mut seen = Vec::new();
    let done = block_on(import.apply(&preview, |done, total| seen.push((done, total)))).unwrap();
    assert_eq!(done.new, 4);
    assert_eq!(seen.last(), Some(&(4, 4)));
    let stats = block_on(laptop.stats()).unwrap();
    assert_eq!((stats.live, stats.deleted), (3, 1));
    assert_eq!(
        stats.pending, 4,
        "imported records still have to reach the server"
    );
    let contacts: Vec<Contact> = block_on(laptop.list()).unwrap();
    assert_eq!(
        contacts,
        vec![sample_contact(1, t0())]
            .into_iter()
            .map(|mut c| {
                c.meta.shipped_revision = 0;
                c
            })
            .collect::<Vec<_>>()
    );

    let before: Vec<String> = block_on(laptop.list_raw(RecordKind::Contact)).unwrap();
    let again = block_on(import.preview(&file)).unwrap();
    assert_eq!(
        again.tally,
        Tally {
            identical: 4,
            ..Tally::default()
        }
    );
    let done = block_on(import.apply(&again, |_, _| {})).unwrap();
    assert_eq!(done.identical, 4);
    assert_eq!(
        block_on(laptop.list_raw(RecordKind::Contact)).unwrap(),
        before
    );
}

#[test]
fn newer_older_and_conflicting_versions_follow_the_merge_rule() {
    let here = Rc::new(MemoryStore::new());
    let there = MemoryStore::new();
    let a = sample_contact(1, t0());
    let b = sample_contact(2, t0());
    let c = sample_contact(3, t0());
    for store in [&*here, &there] {
        for contact in [&a, &b, &c] {
            block_on(store.insert(contact)).unwrap();
        }
    }
    let later = t0() + Duration::minutes(5);
    let edit = |contact: &Contact, note: &str| {
        let mut fields = contact.fields.clone();
        fields.note = note.into();
        contact.revised(fields, later)
    };
    // a: changed there only (newer); b: changed here only (older there);
    // c: changed on both sides (conflict).
    block_on(there.update(&edit(&a, "daar gewijzigd"))).unwrap();
    block_on(here.update(&edit(&b, "hier gewijzigd"))).unwrap();
    block_on(here.update(&edit(&c, "hier"))).unwrap();
    block_on(there.update(&edit(&c, "daar"))).unwrap();

    let import = ImportService::new(here.clone());
    let preview = block_on(import.preview(&export_of(&there, "tablet-2"))).unwrap();
    assert_eq!(
        preview.tally,
        Tally {
            newer: 1,
            older: 1,
            conflict: 1,
            ..Tally::default()
        }
    );
    block_on(import.apply(&preview, |_, _| {})).unwrap();
    let note = |id| {
        let contact: Option<Contact> = block_on(here.get(id)).unwrap();
        contact.unwrap().fields.note
    };
    assert_eq!(note(a.meta.id), "daar gewijzigd");
    assert_eq!(note(b.meta.id), "hier gewijzigd");
    assert_eq!(note(c.meta.id), "hier", "a conflict never overwrites");
    assert_eq!(block_on(import.conflict_count()).unwrap(), 1, "and is kept");
    // The same conflict imported again is not kept twice.
    let again = block_on(import.preview(&export_of(&there, "tablet-2"))).unwrap();
    block_on(import.apply(&again, |_, _| {})).unwrap();
    assert_eq!(block_on(import.conflict_count()).unwrap(), 1);
}

#[test]
fn a_delete_arriving_wins_over_the_stored_edit_and_travels_without_content() {
    let here = Rc::new(MemoryStore::new());
    let there = MemoryStore::new();
    let a = sample_contact(1, t0());
    block_on(here.insert(&a)).unwrap();
    block_on(there.insert(&a)).unwrap();
    block_on(there.update(&a.deleted(t0() + Duration::minutes(1)))).unwrap();
    let import = ImportService::new(here.clone());
    let preview = block_on(import.preview(&export_of(&there, "tablet-2"))).unwrap();
    assert_eq!(preview.tally.newer, 1);
    block_on(import.apply(&preview, |_, _| {})).unwrap();
    let gone: Option<Contact> = block_on(here.get(a.meta.id)).unwrap();
    assert_eq!(gone, None);
    let raw = block_on(here.list_raw(RecordKind::Contact)).unwrap();
    assert!(!raw[0].contains("toeslag"), "no content kept: {}", raw[0]);
}

#[test]
fn a_broken_file_is_refused_as_a_whole_and_writes_nothing() {
    let good = export_of(&tablet(), "tablet-1");
    let store = Rc::new(MemoryStore::new());
    let import = ImportService::new(store.clone());
    let refused = |text: &str| match block_on(import.preview(text)) {
        Err(ImportError::File(problem)) => problem,
        other => panic!("not refused: {other:?}"),
    };
    assert_eq!(refused(&good[..good.len() / 2]), FileProblem::Truncated);
    assert_eq!(refused(""), FileProblem::Empty);
    assert!(matches!(
        refused("<html>hallo</html>"),
        FileProblem::NotJson { line: 1, column: 1 }
    ));
    assert_eq!(refused(r#"{"contacts": []}"#), FileProblem::NotAnExport);
    assert_eq!(refused(r#"[1, 2, 3]"#), FileProblem::NotAnExport);
    assert_eq!(
        refused(&good.replace("\"format_version\":3", "\"format_version\":99")),
        FileProblem::UnknownVersion {
            found: 99,
            known: 3
        }
    );
    assert_eq!(
        refused(
            r#"{"format":"wijkpeil-export","format_version":2,"exported_at":"2026-11-23T09:30:00.000Z","device_id":"x","contacts":{"a":1}}"#
        ),
        FileProblem::BadList {
            list: "contacts".into()
        }
    );
    assert_eq!(store.successful_writes(), 0);
    assert_eq!(block_on(store.stats()).unwrap(), Default::default());
}

#[test]
fn limits_refuse_a_file_that_is_too_large_or_holds_too_many_records() {
    let good = export_of(&tablet(), "tablet-1");
    let tight = |change: fn(&mut Limits)| {
        let mut limits = LIMITS;
        change(&mut limits);
        read_import_within(&good, &limits)
    };
    assert!(matches!(
        tight(|l| l.file_bytes = 100),
        Err(FileProblem::TooLarge { .. })
    ));
    assert_eq!(
        tight(|l| l.records = 3).unwrap_err(),
        FileProblem::TooManyRecords { count: 4 }
    );
    let shallow = tight(|l| l.depth = 1).unwrap();
    assert!(shallow
        .invalid
        .iter()
        .any(|(_, p)| *p == RecordProblem::TooDeep));
    let small = tight(|l| l.record_bytes = 10).unwrap();
    assert_eq!(small.invalid.len(), 4);
    assert!(small
        .invalid
        .iter()
        .all(|(_, p)| *p == RecordProblem::TooLarge));
}

#[test]
fn a_bad_record_is_left_out_with_its_position_and_reason_and_the_rest_imports() {
    let contact = serde_json::to_value(sample_contact(1, t0())).unwrap();
    let mut wrong_kind = contact.clone();
    wrong_kind["kind"] = json!("trajectory");
    let mut future = contact.clone();
    future["schema_version"] = json!(7);
    let mut no_id = contact.clone();
    no_id.as_object_mut().unwrap().remove("id");
    let mut bad_value = contact.clone();
    bad_value["outcome"] = json!("weet niet");
    let file = json!({
        "format": "wijkpeil-export",
        "format_version": 2,
        "exported_at": "2026-11-23T09:30:00.000Z",
        "device_id": "tablet-1",
        "contacts": [contact, "kapot", wrong_kind, future, no_id, bad_value],
        "survey_responses": [],
    })
    .to_string();
    let checked = read_import(&file).unwrap();
    assert_eq!(checked.len(), 1);
    let problems: Vec<(usize, &RecordProblem)> = checked
        .invalid
        .iter()
        .map(|(Position { kind, number }, p)| {
            assert_eq!(*kind, RecordKind::Contact);
            (*number, p)
        })
        .collect();
    assert_eq!(problems[0], (2, &RecordProblem::NotAnObject));
    assert_eq!(problems[1], (3, &RecordProblem::WrongKind));
    assert!(matches!(
        problems[2],
        (
            4,
            RecordProblem::Unreadable(MigrationError::FromTheFuture { found: 7, .. })
        )
    ));
    assert!(matches!(problems[3], (5, RecordProblem::BadBookkeeping(_))));
    assert!(matches!(
        problems[4],
        (6, RecordProblem::Unreadable(MigrationError::Invalid(_)))
    ));
}

#[test]
fn a_format_1_file_of_contacts_still_imports_and_old_tombstones_lose_their_content() {
    let contact = serde_json::to_value(sample_contact(1, t0())).unwrap();
    let mut old = contact.clone();
    old["schema_version"] = json!(1);
    let mut deleted = serde_json::to_value(sample_contact(2, t0())).unwrap();
    deleted["deleted"] = json!(true);
    deleted["revision"] = json!(2);
    let file = json!({
        "format": "wijkpeil-export",
        "format_version": 1,
        "exported_at": "2026-03-01T09:30:00.000Z",
        "device_id": "tablet-1",
        "contacts": [old, deleted],
    })
    .to_string();
    let checked = read_import(&file).unwrap();
    assert!(checked.invalid.is_empty(), "{:?}", checked.invalid);
    let (_, records) = &checked.records[0];
    assert_eq!(records.len(), 2);
    assert!(!records[1].record.contains_key("note"));
    assert_eq!(records[1].record.get("deleted"), Some(&Value::Bool(true)));
}

#[test]
fn a_record_keeps_its_bookkeeping_as_the_file_has_it_whichever_way_it_is_read() {
    // The current schema (read by its own type, bookkeeping included), an
    // older one (upgraded to be checked), and a tombstone.
    let contact = serde_json::to_value(sample_contact(1, t0())).unwrap();
    let mut old = contact.clone();
    old["schema_version"] = json!(1);
    let mut deleted = contact.clone();
    deleted["deleted"] = json!(true);
    deleted["revision"] = json!(2);
    deleted["shipped_revision"] = json!(1);
    for record in [contact, old, deleted] {
        let text = record.to_string();
        let checked = check_record(RecordKind::Contact, &text, &LIMITS).expect("valid");
        let as_written: RecordMeta = serde_json::from_str(&text).unwrap();
        assert_eq!(checked.meta, as_written, "{text}");
    }
}

#[test]
fn a_full_disk_during_the_merge_is_reported_and_the_failed_batch_is_not_written() {
    let file = export_of(&tablet(), "tablet-1");
    let store = Rc::new(MemoryStore::new());
    let import = ImportService::new(store.clone());
    let preview = block_on(import.preview(&file)).unwrap();
    store.fail_next_write(StorageError::QuotaExceeded);
    assert_eq!(
        block_on(import.apply(&preview, |_, _| {})),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(block_on(store.stats()).unwrap(), Default::default());
    // Trying again finishes the job.
    assert_eq!(block_on(import.apply(&preview, |_, _| {})).unwrap().new, 4);
}
