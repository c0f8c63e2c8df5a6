//! The IndexedDB store in headless Chromium (wasm-bindgen-test): the same
//! contract as the memory store, and schema migration from a v1 database.
#![cfg(target_arch = "wasm32")]

use idb::{Factory, KeyPath, ObjectStoreParams, Query, TransactionMode};
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use wijkpeil::domain::contact::{Contact, Outcome, CONTACT_SCHEMA_VERSION};
use wijkpeil::domain::record::RecordId;
use wijkpeil::storage::contract::{self, t0};
use wijkpeil::storage::indexeddb::IdbStore;
use wijkpeil::storage::{RecordStore, StorageError};

wasm_bindgen_test_configure!(run_in_browser);

async fn delete_database(name: &str) {
    let factory = Factory::new().expect("indexedDB");
    factory
        .delete(name)
        .expect("delete request")
        .await
        .expect("deleted");
}

async fn fresh_store(name: &str) -> IdbStore {
    delete_database(name).await;
    IdbStore::open(name).await.expect("open a fresh database")
}

#[wasm_bindgen_test]
async fn indexeddb_store_keeps_the_contract() {
    contract::run_all(|case| async move { fresh_store(&format!("contract-{case}")).await }).await;
}

fn v1_contact(id: &str, minute: u32, domain: &str, referred_to: Option<&str>) -> serde_json::Value {
    json!({
        "id": id,
        "kind": "contact",
        "schema_version": 1,
        "created_at": format!("2026-11-23T09:{minute:02}:00.000Z"),
        "updated_at": format!("2026-11-23T09:{minute:02}:00.000Z"),
        "device_id": "tablet-old",
        "revision": 1,
        "location": "wijkplein-centrum",
        "occurred_at": format!("2026-11-23T09:{minute:02}:00.000Z"),
        "channel": "inloop",
        "domain": domain,
        "referred_to": referred_to,
        "note": "",
        "initials": "AB"
    })
}

/// Builds the database as the first version of the app left it: version 1,
/// one object store without the time index, records in schema 1.
async fn create_v1_database(name: &str, records: &[serde_json::Value]) {
    delete_database(name).await;
    let factory = Factory::new().expect("indexedDB");
    let mut request = factory.open(name, Some(1)).expect("open v1");
    request.on_upgrade_needed(|event| {
        use idb::DatabaseEvent;
        let db = event.database().expect("db");
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        db.create_object_store("contacts", params).expect("store");
    });
    let db = request.await.expect("v1 database");
    let tx = db
        .transaction(&["contacts"], TransactionMode::ReadWrite)
        .expect("tx");
    let store = tx.object_store("contacts").expect("store");
    for record in records {
        let value = js_sys::JSON::parse(&record.to_string()).expect("json");
        let _ = store.put(&value, None).expect("put");
    }
    assert!(tx.await.expect("commit").is_committed());
    db.close();
}

async fn raw_schema_version(name: &str, id: &str) -> u64 {
    let db = Factory::new()
        .expect("indexedDB")
        .open(name, None)
        .expect("open")
        .await
        .expect("opened");
    let tx = db
        .transaction(&["contacts"], TransactionMode::ReadOnly)
        .expect("tx");
    let value = tx
        .object_store("contacts")
        .expect("store")
        .get(Query::Key(JsValue::from_str(id)))
        .expect("get")
        .await
        .expect("got")
        .expect("present");
    db.close();
    js_sys::Reflect::get(&value, &JsValue::from_str("schema_version"))
        .expect("field")
        .as_f64()
        .expect("number") as u64
}

#[wasm_bindgen_test]
async fn a_v1_database_is_migrated_and_nothing_is_lost() {
    let name = "migration-v1";
    let a = "01900000-0000-7000-8000-00000000000a";
    let b = "01900000-0000-7000-8000-00000000000b";
    let garbage = json!({ "id": "not-a-record", "schema_version": 1, "revision": "x" });
    create_v1_database(
        name,
        &[
            v1_contact(a, 10, "financien", None),
            v1_contact(b, 20, "huisvesting", Some("wijkteam")),
            garbage,
        ],
    )
    .await;

    let store = IdbStore::open(name)
        .await
        .expect("upgrade to the current version");

    let all: Vec<Contact> = store.list().await.expect("list");
    assert_eq!(all.len(), 2, "both readable v1 contacts survive");
    assert_eq!(all[0].meta.id.to_string(), a);
    assert_eq!(all[0].fields.domains, vec!["financien".to_owned()]);
    assert_eq!(all[0].fields.outcome, Outcome::Direct);
    assert_eq!(all[0].fields.support_form, "informatie-advies");
    assert_eq!(all[0].meta.schema_version, CONTACT_SCHEMA_VERSION);
    assert_eq!(all[1].fields.domains, vec!["huisvesting".to_owned()]);
    assert_eq!(
        all[1].fields.outcome,
        Outcome::Referred {
            to: "wijkteam".into()
        }
    );

    // The new time index covers the migrated records.
    let morning: Vec<Contact> = store
        .list_between(
            t0() - chrono::Duration::minutes(15),
            t0() - chrono::Duration::minutes(5),
        )
        .await
        .expect("list_between");
    assert_eq!(morning.len(), 1);
    assert_eq!(morning[0].meta.id.to_string(), b);

    // The unreadable record is kept and counted, never deleted.
    let stats = store.stats().await.expect("stats");
    assert_eq!((stats.live, stats.unreadable), (2, 1));
    store.close();

    // The migration was written back, once.
    assert_eq!(
        raw_schema_version(name, a).await,
        u64::from(CONTACT_SCHEMA_VERSION)
    );

    // Opening again changes nothing.
    let again = IdbStore::open(name).await.expect("reopen");
    let id: RecordId = all[0].meta.id;
    let back: Option<Contact> = again.get(id).await.expect("get");
    assert_eq!(back.as_ref(), Some(&all[0]));
    again.close();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_is_refused_not_touched() {
    let name = "from-the-future";
    delete_database(name).await;
    let db = Factory::new()
        .expect("indexedDB")
        .open(name, Some(99))
        .expect("open v99")
        .await
        .expect("v99 database");
    db.close();
    match IdbStore::open(name).await {
        Err(error) => assert_eq!(error, StorageError::NewerVersion),
        Ok(_) => panic!("an older app must not open a newer database"),
    }
}

/// Builds the database as version 4 of the app left it (contacts, survey
/// responses and survey versions, each with its time index), holding one
/// current contact, then opens it with this version.
#[wasm_bindgen_test]
async fn a_v4_database_gains_the_coordinator_stores_and_keeps_its_records() {
    use wijkpeil::domain::entry::Entry;
    use wijkpeil::domain::trajectory::TrajectoryFields;
    let name = "upgrade-v4";
    delete_database(name).await;
    let factory = Factory::new().expect("indexedDB");
    let mut request = factory.open(name, Some(4)).expect("open v4");
    request.on_upgrade_needed(|event| {
        use idb::DatabaseEvent;
        let db = event.database().expect("db");
        for (store, index_on) in [
            ("contacts", "occurred_at"),
            ("survey_responses", "created_at"),
            ("surveys", "created_at"),
        ] {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("id")));
            let created = db.create_object_store(store, params).expect("store");
            created
                .create_index("by_occurred_at", KeyPath::new_single(index_on), None)
                .expect("index");
        }
    });
    let db = request.await.expect("v4 database");
    let contact = contract::sample_contact(1, contract::t0());
    let tx = db
        .transaction(&["contacts"], TransactionMode::ReadWrite)
        .expect("tx");
    let value = js_sys::JSON::parse(&serde_json::to_string(&contact).expect("json")).expect("js");
    let _ = tx
        .object_store("contacts")
        .expect("store")
        .put(&value, None)
        .expect("put");
    assert!(tx.await.expect("commit").is_committed());
    db.close();

    let store = IdbStore::open(name)
        .await
        .expect("upgrade v4 to the current version");
    let contacts: Vec<Contact> = store.list().await.expect("list contacts");
    assert_eq!(contacts, vec![contact.clone()]);
    // The record from before version 6 is counted on the new pending index.
    assert_eq!(store.pending_count().await.expect("pending"), 1);
    store
        .mark_shipped(
            wijkpeil::domain::record::RecordKind::Contact,
            &[(contact.meta.id, 1)],
        )
        .await
        .expect("mark");
    assert_eq!(store.pending_count().await.expect("pending"), 0);
    let trajectory = contract::sample_trajectory(2);
    store
        .insert(&trajectory)
        .await
        .expect("the new store takes records");
    let back: Vec<Entry<TrajectoryFields>> = store.list().await.expect("list trajectories");
    assert_eq!(back, vec![trajectory]);
    assert_eq!(store.stats().await.expect("stats").live, 2);
    assert_eq!(store.pending_count().await.expect("pending"), 1);
    store.close();
}
