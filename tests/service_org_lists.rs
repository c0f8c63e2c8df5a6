//! Saving and reading the organisation's lists against the memory store.

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use std::rc::Rc;
use wijkpeil::domain::entry::Entry;
use wijkpeil::domain::org_list::{add_term, set_retired, ListName, OrgListFields};
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::domain::taxonomy::{label, Taxonomy};
use wijkpeil::domain::trajectory::AgeBands;
use wijkpeil::service::org_lists::{
    age_bands_in_effect, stored_lists, taxonomy_in_effect, OrgListService,
};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::{RecordStore, StorageError};

mod common;
use common::FixedEnv;

fn service() -> (Rc<MemoryStore>, OrgListService<MemoryStore, FixedEnv>) {
    let store = Rc::new(MemoryStore::new());
    let env = FixedEnv::at(Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap());
    let service = OrgListService::new(store.clone(), env, "laptop-coordinator".into());
    (store, service)
}

fn locations() -> OrgListFields {
    OrgListFields::current(
        ListName::Locations,
        &Taxonomy::builtin(),
        &AgeBands::builtin(),
    )
}

#[test]
fn the_first_save_makes_the_lists_record_and_each_edit_a_revision() {
    let (store, service) = service();
    assert!(block_on(service.lists()).unwrap().is_empty());
    assert_eq!(taxonomy_in_effect(&[]), Taxonomy::builtin());
    assert_eq!(age_bands_in_effect(&[]), AgeBands::builtin());

    let mut fields = locations();
    add_term(&mut fields.terms, "Bibliotheek Zuid").unwrap();
    let first = block_on(service.save(fields.clone(), None)).unwrap();
    assert_eq!(first.meta.id, ListName::Locations.id());
    assert_eq!(first.meta.revision, 1);
    assert_eq!(block_on(store.pending_count()).unwrap(), 1);

    set_retired(&mut fields.terms, "telefoon", true).unwrap();
    let second = block_on(service.save(fields, Some(&first))).unwrap();
    assert_eq!(second.meta.revision, 2);
    // A second "first save" (another screen that did not see the first)
    // is refused, not written over.
    assert_eq!(
        block_on(service.save(locations(), None)),
        Err(StorageError::Conflict)
    );
    // Neither is a save of a stale revision.
    assert_eq!(
        block_on(service.save(locations(), Some(&first))),
        Err(StorageError::Conflict)
    );

    let stored = block_on(service.lists()).unwrap();
    assert_eq!(stored, vec![second.clone()]);
    let read = block_on(stored_lists(&*store)).unwrap();
    assert_eq!(read, vec![second.fields.clone()]);
    let taxonomy = taxonomy_in_effect(&read);
    let offered: Vec<&str> = taxonomy
        .locations
        .iter()
        .filter(|t| !t.retired)
        .map(|t| t.code.as_str())
        .collect();
    assert!(offered.contains(&"bibliotheek-zuid"));
    assert!(!offered.contains(&"telefoon"));
    assert_eq!(
        label(&taxonomy.locations, "telefoon", "nl"),
        "Telefonisch spreekuur"
    );

    // A deleted list is no longer in effect: the built-in one is again.
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap();
    block_on(store.update(&second.deleted(now))).unwrap();
    assert!(block_on(stored_lists(&*store)).unwrap().is_empty());
}

#[test]
fn a_list_of_a_newer_schema_or_unreadable_is_not_in_effect() {
    let (store, _) = service();
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
    let entry = Entry::new(ListName::Locations.id(), locations(), now, "beheer");
    let mut newer = serde_json::to_value(&entry).unwrap();
    newer["schema_version"] = 2.into();
    store.put_raw(RecordKind::OrgList, entry.meta.id, newer);
    assert!(block_on(stored_lists(&*store)).unwrap().is_empty());
    let mut odd = serde_json::to_value(&entry).unwrap();
    odd["list"] = "nonsense".into();
    store.put_raw(RecordKind::OrgList, entry.meta.id, odd);
    assert!(block_on(stored_lists(&*store)).unwrap().is_empty());
    store.put_raw(
        RecordKind::OrgList,
        entry.meta.id,
        serde_json::to_value(&entry).unwrap(),
    );
    assert_eq!(block_on(stored_lists(&*store)).unwrap().len(), 1);
}

#[test]
fn a_list_under_another_id_is_not_in_effect() {
    let (store, _) = service();
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
    let mut fields = locations();
    add_term(&mut fields.terms, "Elders").unwrap();
    let stray = Entry::new(RecordId::new_v7(1, [7; 10]), fields, now, "hand");
    block_on(store.insert(&stray)).unwrap();
    assert_eq!(
        block_on(store.list_raw(RecordKind::OrgList)).unwrap().len(),
        1
    );
    assert!(block_on(stored_lists(&*store)).unwrap().is_empty());
}
