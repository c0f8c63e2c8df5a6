//! Retention (`service::retention`): a device lets go of contacts and
//! survey responses the sync server keeps, once they are older than the
//! months the coordinator chose; never a record with a change that did not
//! leave the device, never one the server never saw, never a newer one.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::FixedEnv;
use futures::executor::block_on;
use std::rc::Rc;
use wijkpeil::domain::contact::Contact;
use wijkpeil::domain::entry::Record;
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::domain::retention::{cutoff, months};
use wijkpeil::domain::survey::SurveyResponse;
use wijkpeil::service::retention::RetentionService;
use wijkpeil::storage::contract::{sample_contact, sample_response};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::RecordStore;

#[test]
fn synced_records_older_than_the_retention_leave_the_device_and_nothing_else() {
    block_on(async {
        let now = Utc.with_ymd_and_hms(2027, 6, 15, 12, 0, 0).unwrap();
        let store = Rc::new(MemoryStore::new());
        let old = now - Duration::days(200);
        let recent = now - Duration::days(20);
        let old_synced = sample_contact(1, old);
        let old_pending = sample_contact(2, old);
        let recent_synced = sample_contact(3, recent);
        let old_changed = sample_contact(4, old);
        for contact in [&old_synced, &old_pending, &recent_synced, &old_changed] {
            store.insert(contact).await.unwrap();
        }
        // A survey response of November 2026: old by June 2027.
        let response = sample_response(5, 3);
        store.insert(&response).await.unwrap();
        store
            .mark_synced(
                RecordKind::Contact,
                &[
                    on_server(old_synced.meta.id),
                    on_server(recent_synced.meta.id),
                    on_server(old_changed.meta.id),
                ],
            )
            .await
            .unwrap();
        store
            .mark_synced(RecordKind::SurveyResponse, &[on_server(response.meta.id)])
            .await
            .unwrap();
        let changed = old_changed.revised(old_changed.fields.clone(), now);
        store.update(&changed).await.unwrap();

        let retention = RetentionService::new(store.clone(), FixedEnv::at(now));
        // Nothing chosen: everything stays.
        assert_eq!(retention.prune().await.unwrap(), 0);
        retention.set_months(Some(6)).await.unwrap();
        assert_eq!(retention.months().await.unwrap(), Some(6));
        assert_eq!(retention.prune().await.unwrap(), 2);

        let left: Vec<_> = store
            .list::<Contact>()
            .await
            .unwrap()
            .iter()
            .map(|c| c.meta().id)
            .collect();
        assert_eq!(
            left.len(),
            3,
            "the pending, the recent and the changed contact stay"
        );
        assert!(!left.contains(&old_synced.meta.id));
        assert!(store.list::<SurveyResponse>().await.unwrap().is_empty());
        // Removing is not deleting: nothing new waits to be synced.
        let stats = store.kind_stats(RecordKind::Contact).await.unwrap();
        assert_eq!(stats.pending, 2);
        assert_eq!(stats.deleted, 0);
        // A second pass finds nothing more.
        assert_eq!(retention.prune().await.unwrap(), 0);
        // Keeping everything again.
        retention.set_months(None).await.unwrap();
        assert_eq!(retention.months().await.unwrap(), None);
    });
}

#[test]
fn the_cutoff_counts_calendar_months_and_only_the_offered_choices_apply() {
    let now = Utc.with_ymd_and_hms(2027, 3, 31, 8, 0, 0).unwrap();
    assert_eq!(
        cutoff(now, 1 + 2),
        Utc.with_ymd_and_hms(2026, 12, 31, 8, 0, 0).unwrap()
    );
    // No 31 February: the last day of the month.
    let may = Utc.with_ymd_and_hms(2027, 5, 31, 8, 0, 0).unwrap();
    assert_eq!(
        cutoff(may, 3),
        Utc.with_ymd_and_hms(2027, 2, 28, 8, 0, 0).unwrap()
    );
    assert_eq!(months(Some("12")), Some(12));
    assert_eq!(months(Some("7")), None);
    assert_eq!(months(Some("")), None);
    assert_eq!(months(None), None);
}

/// As the sync marks a record the server took at its first revision.
fn on_server(id: RecordId) -> (RecordId, u32, String) {
    (id, 1, "1-abcd".to_owned())
}
