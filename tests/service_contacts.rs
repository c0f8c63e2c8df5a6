//! The registration use cases against the memory store with a fixed clock in
//! a fixed time zone (UTC+1, Dutch winter time).

use chrono::{Duration, TimeZone, Utc};
use futures::executor::block_on;
use std::rc::Rc;
use wijkpeil::domain::contact::{Contact, Field, Outcome, Problem};
use wijkpeil::domain::taxonomy::Taxonomy;
use wijkpeil::service::contacts::ContactService;
use wijkpeil::service::entries::SaveError;
use wijkpeil::service::Env;
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::{RecordStore, StorageError};

mod common;
use common::FixedEnv;

struct Fixture {
    store: Rc<MemoryStore>,
    env: Rc<FixedEnv>,
    service: ContactService<MemoryStore, Rc<FixedEnv>>,
}

/// 23 November 2026, 10:30 local time.
fn fixture() -> Fixture {
    let store = Rc::new(MemoryStore::new());
    let env = Rc::new(FixedEnv::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
    ));
    let service = ContactService::new(
        store.clone(),
        env.clone(),
        Rc::new(Taxonomy::builtin()),
        "tablet-1".into(),
    );
    Fixture {
        store,
        env,
        service,
    }
}

fn common_contact(f: &Fixture) -> wijkpeil::domain::contact::ContactDraft {
    let mut draft = f.service.fresh_draft("wijkplein-centrum", "JdV");
    draft.toggle_domain("financien");
    draft
}

#[test]
fn the_most_common_contact_is_one_tap_from_a_fresh_form() {
    let f = fixture();
    let saved = block_on(f.service.save(&common_contact(&f), None)).expect("saved");
    let c = &saved.entry;
    assert_eq!(c.fields.channel, "inloop");
    assert_eq!(c.fields.support_form, "informatie-advies");
    assert_eq!(c.fields.outcome, Outcome::Direct);
    assert_eq!(c.fields.domains, vec!["financien".to_owned()]);
    assert_eq!(c.fields.initials, "JdV");
    // The form shows local time (10:30); the record keeps UTC (09:30).
    assert_eq!(c.fields.occurred_at, f.env.now());
    assert_eq!(
        (c.meta.revision, c.meta.device_id.as_str()),
        (1, "tablet-1")
    );
    let stored: Option<Contact> = block_on(f.store.get(c.meta.id)).expect("get");
    assert_eq!(stored.as_ref(), Some(c));
}

#[test]
fn an_invalid_draft_writes_nothing() {
    let f = fixture();
    let draft = f.service.fresh_draft("wijkplein-centrum", "");
    match block_on(f.service.save(&draft, None)) {
        Err(SaveError::Invalid(errors)) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].field, Field::Domains);
            assert_eq!(errors[0].problem, Problem::Required);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(f.store.successful_writes(), 0);
}

#[test]
fn a_full_disk_is_reported_and_leaves_stored_contacts_untouched() {
    let f = fixture();
    let first = block_on(f.service.save(&common_contact(&f), None)).expect("saved");
    f.store.fail_next_write(StorageError::QuotaExceeded);
    assert_eq!(
        block_on(f.service.save(&common_contact(&f), None)),
        Err(SaveError::Storage(StorageError::QuotaExceeded))
    );
    let today = block_on(f.service.today()).expect("today");
    assert_eq!(today, vec![first.entry.clone()]);
    // The same draft saves once there is room again.
    block_on(f.service.save(&common_contact(&f), None)).expect("saved after retry");
    assert_eq!(block_on(f.service.today()).expect("today").len(), 2);
}

#[test]
fn an_edit_is_a_new_revision_and_undo_brings_the_old_content_back() {
    let f = fixture();
    let saved = block_on(f.service.save(&common_contact(&f), None)).expect("saved");
    f.env.now.set(f.env.now() + Duration::minutes(3));

    let mut draft = f.service.edit_draft(&saved.entry.fields);
    draft.referred = true;
    draft.referral_target = "wijkteam".into();
    let edited = block_on(f.service.save(&draft, Some(&saved.entry))).expect("edited");
    assert_eq!(edited.entry.meta.id, saved.entry.meta.id);
    assert_eq!(edited.entry.meta.revision, 2);
    assert_eq!(
        edited.entry.fields.outcome,
        Outcome::Referred {
            to: "wijkteam".into()
        }
    );
    assert_eq!(edited.previous.as_ref(), Some(&saved.entry));

    let reverted = block_on(f.service.undo(&edited)).expect("undone");
    assert_eq!(reverted.meta.revision, 3);
    assert_eq!(reverted.fields, saved.entry.fields);
    assert!(!reverted.meta.deleted);
}

#[test]
fn undo_of_a_new_contact_leaves_a_tombstone() {
    let f = fixture();
    let saved = block_on(f.service.save(&common_contact(&f), None)).expect("saved");
    let reverted = block_on(f.service.undo(&saved)).expect("undone");
    assert!(reverted.meta.deleted);
    assert_eq!(reverted.meta.revision, 2);
    assert!(block_on(f.service.today()).expect("today").is_empty());
    // Kept for sync: the store still has it, as pending.
    let stats = block_on(f.service.stats()).expect("stats");
    assert_eq!((stats.live, stats.pending), (0, 1));
}

#[test]
fn delete_and_undo_of_the_delete() {
    let f = fixture();
    let saved = block_on(f.service.save(&common_contact(&f), None)).expect("saved");
    let deleted = block_on(f.service.delete(&saved.entry)).expect("deleted");
    assert!(deleted.entry.meta.deleted);
    assert!(block_on(f.service.today()).expect("today").is_empty());
    let restored = block_on(f.service.undo(&deleted)).expect("restored");
    assert!(!restored.meta.deleted);
    assert_eq!(restored.meta.revision, 3);
    assert_eq!(block_on(f.service.today()).expect("today"), vec![restored]);
}

#[test]
fn two_edits_of_the_same_revision_conflict_instead_of_overwriting() {
    let f = fixture();
    let saved = block_on(f.service.save(&common_contact(&f), None)).expect("saved");
    let mut a = f.service.edit_draft(&saved.entry.fields);
    a.channel = "telefoon".into();
    let mut b = f.service.edit_draft(&saved.entry.fields);
    b.channel = "huisbezoek".into();
    let first = block_on(f.service.save(&a, Some(&saved.entry))).expect("first edit");
    assert_eq!(
        block_on(f.service.save(&b, Some(&saved.entry))),
        Err(SaveError::Storage(StorageError::Conflict))
    );
    let stored: Option<Contact> = block_on(f.store.get(saved.entry.meta.id)).expect("get");
    assert_eq!(stored, Some(first.entry));
}

#[test]
fn today_is_the_local_day_newest_first() {
    let f = fixture();
    let mut late_last_night = common_contact(&f);
    // 23:50 local on the 22nd is 22:50 UTC on the 22nd: yesterday.
    late_last_night.occurred_at_local = "2026-11-22T23:50".into();
    let mut just_after_midnight = common_contact(&f);
    // 00:10 local on the 23rd is 23:10 UTC on the 22nd: today.
    just_after_midnight.occurred_at_local = "2026-11-23T00:10".into();
    let now = common_contact(&f);
    let yesterday = block_on(f.service.save(&late_last_night, None)).expect("saved");
    let early = block_on(f.service.save(&just_after_midnight, None)).expect("saved");
    let latest = block_on(f.service.save(&now, None)).expect("saved");
    let today = block_on(f.service.today()).expect("today");
    let ids: Vec<_> = today.iter().map(|c| c.meta.id).collect();
    assert_eq!(ids, vec![latest.entry.meta.id, early.entry.meta.id]);
    assert!(!ids.contains(&yesterday.entry.meta.id));
}
