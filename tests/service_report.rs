//! The jaarbeeld's loader (`service::report`) against the memory store:
//! every live record of every kind is read once, deleted ones are not,
//! contacts are placed in local time, and the organisation's own lists
//! label what it counts.
#![cfg(feature = "coordinator")]

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use wijkpeil::domain::org_list::{ListName, OrgListFields};
use wijkpeil::domain::report::period::{Period, Scope};
use wijkpeil::domain::taxonomy::Term;
use wijkpeil::service::answers::NoKey;
use wijkpeil::service::report::ReportSource;
use wijkpeil::storage::contract::{sample_contact, sample_response, sample_trajectory};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::RecordStore;

mod common;
use common::FixedEnv;

fn year(y: i32) -> Scope {
    Scope {
        period: Period::year(y).unwrap(),
        locations: Vec::new(),
    }
}

#[test]
fn reads_every_live_record_once_and_places_contacts_in_local_time() {
    let store = MemoryStore::new();
    let env = FixedEnv::at(Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap());
    // 23:30 UTC on 31 December 2025 is 00:30 on New Year's Day in Dutch time.
    let new_year = sample_contact(1, Utc.with_ymd_and_hms(2025, 12, 31, 23, 30, 0).unwrap());
    let june = sample_contact(2, Utc.with_ymd_and_hms(2026, 6, 10, 8, 0, 0).unwrap());
    let deleted = sample_contact(3, Utc.with_ymd_and_hms(2026, 6, 11, 8, 0, 0).unwrap());
    let last_year = sample_contact(4, Utc.with_ymd_and_hms(2025, 3, 3, 8, 0, 0).unwrap());
    block_on(async {
        for c in [&new_year, &june, &deleted, &last_year] {
            store.insert(c).await.unwrap();
        }
        store
            .update(&deleted.deleted(Utc.with_ymd_and_hms(2026, 6, 12, 8, 0, 0).unwrap()))
            .await
            .unwrap();
        store.insert(&sample_response(1, 23)).await.unwrap();
        store.insert(&sample_trajectory(1)).await.unwrap();
    });
    let source = block_on(ReportSource::load(&store, &env, &NoKey)).expect("loaded");
    let report = source.compute(&year(2026));
    assert_eq!(
        report.current.contacts.total.n, 2,
        "New Year's night and June; not the deleted one"
    );
    assert_eq!(
        report.previous.contacts.total.n, 1,
        "2025 without the New Year's night contact"
    );
    assert_eq!(report.current.contacts.per_month[0].n, 1, "January");
    let visits = report
        .current
        .survey("wijkplein-bezoek")
        .expect("the survey's figures");
    assert_eq!(visits.responses.n, 1);
    assert_eq!(report.current.trajectories.started.n, 1);
}

#[test]
fn uses_the_lists_in_effect() {
    let store = MemoryStore::new();
    let env = FixedEnv::at(Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap());
    let mut locations = OrgListFields::current(
        ListName::Locations,
        &wijkpeil::domain::taxonomy::Taxonomy::builtin(),
        &wijkpeil::domain::trajectory::AgeBands::builtin(),
    );
    locations.terms.push(Term {
        code: "wijkplein-haven".into(),
        label: wijkpeil::domain::taxonomy::Localized(
            [("nl".to_owned(), "Wijkplein Haven".to_owned())].into(),
        ),
        icon: None,
        retired: false,
    });
    let record = wijkpeil::service::org_lists::OrgList::new(
        ListName::Locations.id(),
        locations,
        env.now.get(),
        "laptop",
    );
    block_on(store.insert(&record)).unwrap();
    let source = block_on(ReportSource::load(&store, &env, &NoKey)).expect("loaded");
    assert!(source
        .taxonomy
        .locations
        .iter()
        .any(|t| t.code == "wijkplein-haven"));
}

/// A contact stored in the first layout (before domains and outcomes) is
/// counted too: read whole through its upgrade, not by the light reading.
#[test]
fn counts_contacts_stored_in_an_older_layout() {
    use serde_json::json;
    use wijkpeil::domain::record::{RecordId, RecordKind};
    let store = MemoryStore::new();
    let env = FixedEnv::at(Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap());
    let id = "019b770b-2d93-74bc-aafa-4bf7db560006";
    store.put_raw(
        RecordKind::Contact,
        RecordId(uuid::Uuid::parse_str(id).unwrap()),
        json!({
            "id": id, "kind": "contact", "schema_version": 1,
            "created_at": "2026-03-04T10:15:00.000Z", "updated_at": "2026-03-05T08:00:00.000Z",
            "device_id": "tablet-noord", "revision": 1, "location": "wijkplein-noord",
            "occurred_at": "2026-03-04T10:00:00.000Z", "channel": "inloop",
            "domain": "financien", "referred_to": "gemeente", "note": "", "initials": "",
        }),
    );
    block_on(store.insert(&sample_contact(
        2,
        Utc.with_ymd_and_hms(2026, 6, 10, 8, 0, 0).unwrap(),
    )))
    .unwrap();
    let source = block_on(ReportSource::load(&store, &env, &NoKey)).expect("loaded");
    let report = source.compute(&year(2026));
    assert_eq!(report.current.contacts.total.n, 2, "the older one and June");
    assert_eq!(
        report.current.contacts.referred.part, 1,
        "the older one, to the gemeente"
    );
}
