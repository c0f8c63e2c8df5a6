//! The IndexedDB store in headless Chromium (wasm-bindgen-test): the same
//! contract as the memory store; saves that ask for strict durability; and a
//! database of every earlier version (1 to 6), built by hand as that version
//! left it, opened, read, emptied of old tombstones' content, and left alone
//! on the next open.
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

// ---------------------------------------------------------------------------
// A spy on IndexedDB itself: which transactions the store opens (mode,
// durability, stores) and how many requests it makes. It wraps the browser's
// own prototypes, so it sees every call whichever binding makes it. Tests run
// one at a time, so each resets it before the part it watches.

#[derive(Debug, serde::Deserialize)]
struct Spied {
    transactions: Vec<SpiedTransaction>,
    writes: u32,
    reads: u32,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct SpiedTransaction {
    mode: String,
    durability: Option<String>,
    stores: Vec<String>,
}

const SPY: &str = r#"
const g = globalThis;
if (!g.__idbSpy) {
  const spy = (g.__idbSpy = { transactions: [], writes: 0, reads: 0 });
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    spy.transactions.push({
      mode: tx.mode,
      durability: tx.durability ?? null,
      stores: Array.from(tx.objectStoreNames),
    });
    return tx;
  };
  const wrap = (proto, names, count) => {
    for (const name of names) {
      const original = proto[name];
      proto[name] = function (...args) {
        count();
        return original.apply(this, args);
      };
    }
  };
  wrap(IDBObjectStore.prototype, ['add', 'put', 'delete', 'clear'], () => (spy.writes += 1));
  const reads = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'];
  wrap(IDBObjectStore.prototype, reads, () => (spy.reads += 1));
  wrap(IDBIndex.prototype, reads, () => (spy.reads += 1));
}
g.__idbSpy.transactions = [];
g.__idbSpy.writes = 0;
g.__idbSpy.reads = 0;
"#;

/// Installs the spy (once) and starts counting from zero.
fn spy_reset() {
    js_sys::Function::new_no_args(SPY)
        .call0(&JsValue::NULL)
        .expect("install the IndexedDB spy");
}

/// What the spy saw since the last reset.
fn spied() -> Spied {
    let log = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__idbSpy"))
        .expect("spy installed");
    let text: String = js_sys::JSON::stringify(&log).expect("spy log").into();
    serde_json::from_str(&text).expect("spy log shape")
}

#[wasm_bindgen_test]
async fn saves_ask_for_strict_durability_and_replayable_batches_do_not() {
    use wijkpeil::domain::record::RecordKind;
    let store = fresh_store("durability").await;
    let strict = |store: &str| SpiedTransaction {
        mode: "readwrite".into(),
        durability: Some("strict".into()),
        stores: vec![store.into()],
    };

    // New, deleted (a tombstone is an update), and another kind.
    spy_reset();
    let contact = contract::sample_contact(1, t0());
    store.insert(&contact).await.expect("insert");
    let tombstone = contact.deleted(t0() + chrono::Duration::minutes(1));
    store.update(&tombstone).await.expect("update");
    let trajectory = contract::sample_trajectory(2);
    store.insert(&trajectory).await.expect("insert trajectory");
    let saves: Vec<SpiedTransaction> = spied()
        .transactions
        .into_iter()
        .filter(|t| t.mode == "readwrite")
        .collect();
    assert_eq!(
        saves,
        vec![
            strict("contacts"),
            strict("contacts"),
            strict("trajectories")
        ],
        "every save a person makes is one transaction with durability strict"
    );

    // Marking an export shipped can be replayed: the browser's default.
    spy_reset();
    store
        .mark_shipped(RecordKind::Contact, &[(contact.meta.id, 2)])
        .await
        .expect("mark shipped");
    let batch: Vec<SpiedTransaction> = spied()
        .transactions
        .into_iter()
        .filter(|t| t.mode == "readwrite")
        .collect();
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].durability.as_deref(), Some("default"));
    assert_eq!(store.pending_count().await.expect("pending"), 1);
    store.close();
}

/// Marking a large export shipped goes in lots of 500 records, a
/// transaction each (a save in between waits for one lot, not for all),
/// and marks every record of it; records not in it stay pending. The
/// apps read every record for an export in pages of 2,000, a transaction
/// each, and miss none.
#[wasm_bindgen_test]
async fn a_large_export_is_read_and_marked_in_short_transactions() {
    use wijkpeil::domain::record::RecordKind;
    let store = fresh_store("mark-lots").await;
    let mut shipped = vec![];
    for n in 0..2_101u32 {
        let mut contact = contract::sample_contact(1, t0() + chrono::Duration::seconds(n.into()));
        contact.meta.id =
            serde_json::from_value(json!(format!("0193a1c2-0000-7000-8000-{n:012}"))).expect("id");
        store.insert(&contact).await.expect("insert");
        if n < 2_100 {
            shipped.push((contact.meta.id, 1));
        }
    }
    spy_reset();
    let texts = store.list_raw(RecordKind::Contact).await.expect("list_raw");
    let reads = spied().transactions.len();
    let ids: std::collections::BTreeSet<String> = texts
        .iter()
        .map(|t| serde_json::from_str::<serde_json::Value>(t).expect("json")["id"].to_string())
        .collect();
    assert_eq!(
        (texts.len(), ids.len()),
        (2_101, 2_101),
        "every record once"
    );
    // The data worker reads in one transaction (its export is the sync's).
    let pages = if cfg!(feature = "worker") { 1 } else { 2 };
    assert_eq!(reads, pages);

    spy_reset();
    store
        .mark_shipped(RecordKind::Contact, &shipped)
        .await
        .expect("mark shipped");
    let lots: Vec<SpiedTransaction> = spied()
        .transactions
        .into_iter()
        .filter(|t| t.mode == "readwrite")
        .collect();
    assert_eq!(lots.len(), 5, "500 + 500 + 500 + 500 + 100");
    let stats = store.kind_stats(RecordKind::Contact).await.expect("stats");
    assert_eq!((stats.live, stats.pending), (2_101, 1));
    store.close();
}

/// An import's batch reads only the stored records it may replace: which of
/// its ids are stored is one request over the batch's range of ids, so a
/// batch of records this device does not have reads nothing more; where that
/// range holds many other records, each record of the batch is read as
/// before. Either way the verdicts are the merge rule's.
#[wasm_bindgen_test]
async fn a_batch_reads_only_the_stored_records_it_meets() {
    use wijkpeil::domain::merge::Verdict::{Identical, New, Newer};
    use wijkpeil::domain::record::RecordKind;
    let kind = RecordKind::Contact;
    let store = fresh_store("merge-reads").await;
    // Ids sort as `n` does (UUID v7 from a time that grows with it).
    let contact = |n| contract::sample_contact(n, t0());
    for n in 50..60 {
        store.insert(&contact(n)).await.expect("insert");
    }

    // Records this device does not have: one read, by judge and by merge.
    let new: Vec<_> = (70..80).map(|n| contract::incoming(&contact(n))).collect();
    spy_reset();
    assert_eq!(store.judge(kind, &new).await.expect("judge"), vec![New; 10]);
    assert_eq!(spied().reads, 1);
    spy_reset();
    let merged = store.merge(kind, &new, false).await.expect("merge");
    assert_eq!(merged, vec![New; 10]);
    let seen = spied();
    assert_eq!((seen.reads, seen.writes), (1, 10));

    // Ids between which ten records are stored, more than twice the batch:
    // each one read.
    let mut fields = contact(55).fields.clone();
    fields.note = "elders gewijzigd".into();
    let newer = contact(55).revised(fields, t0() + chrono::Duration::minutes(2));
    let batch = [
        contract::incoming(&contact(50)),
        contract::incoming(&newer),
        contract::incoming(&contact(60)),
    ];
    spy_reset();
    let merged = store.merge(kind, &batch, false).await.expect("merge");
    assert_eq!(merged, vec![Identical, Newer, New]);
    assert_eq!(spied().reads, 1 + 3);
    let back: Option<Contact> = store.get(newer.meta.id).await.expect("get");
    assert_eq!(back.map(|c| c.fields.note), Some("elders gewijzigd".into()));

    // Few stored records in the range: only those are read.
    let batch = [
        contract::incoming(&contact(59)),
        contract::incoming(&contact(60)),
        contract::incoming(&contact(62)),
    ];
    spy_reset();
    let merged = store.merge(kind, &batch, false).await.expect("merge");
    assert_eq!(merged, vec![Identical, Identical, New]);
    assert_eq!(spied().reads, 1 + 2);
    store.close();
}

// ---------------------------------------------------------------------------
// Databases of every earlier version, as that version left them.

/// The stores each earlier database version had, with their indexes
/// (name, key path).
fn schema_of_version(version: u32) -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let mut stores = vec![("contacts", "occurred_at", 1)];
    if version >= 3 {
        stores.push(("survey_responses", "created_at", 3));
    }
    if version >= 4 {
        stores.push(("surveys", "created_at", 4));
    }
    if version >= 5 {
        for store in ["trajectories", "activities", "initiatives"] {
            stores.push((store, "created_at", 5));
        }
    }
    if version >= 10 {
        stores.push(("org_lists", "created_at", 10));
    }
    stores
        .into_iter()
        .map(|(store, time_field, _)| {
            let mut indexes = vec![];
            // Version 1 had no index; version 2 added the time index.
            if version >= 2 {
                indexes.push(("by_occurred_at", time_field));
            }
            if version >= 6 {
                indexes.push(("by_pending", "pending"));
            }
            (store, indexes)
        })
        .collect()
}

/// One stored record of a fixture and what reading it must give.
struct Stored {
    store: &'static str,
    value: serde_json::Value,
    /// The record as this version must read it (its JSON); `None` for a
    /// tombstone, which must come out with its bookkeeping only.
    reads_as: Option<serde_json::Value>,
}

const PRIVATE_NOTE: &str = "Mevrouw Jansen, Dorpsstraat 4";

/// Bookkeeping as versions 2 to 6 wrote it (version 1 had no
/// `shipped_revision`, and `deleted` only on tombstones).
fn meta(
    id: &str,
    kind: &str,
    schema: u32,
    revision: u32,
    shipped: u32,
) -> serde_json::Map<String, serde_json::Value> {
    let json = json!({
        "id": id,
        "kind": kind,
        "schema_version": schema,
        "created_at": "2026-11-23T09:00:00.000Z",
        "updated_at": format!("2026-11-23T09:{revision:02}:00.000Z"),
        "device_id": "tablet-oud",
        "revision": revision,
        "deleted": false,
        "shipped_revision": shipped,
    });
    json.as_object().expect("object").clone()
}

fn with(
    mut meta: serde_json::Map<String, serde_json::Value>,
    content: serde_json::Value,
) -> serde_json::Value {
    meta.extend(content.as_object().expect("object").clone());
    serde_json::Value::Object(meta)
}

fn contact_v2(minute: u32, note: &str) -> serde_json::Value {
    json!({
        "location": "wijkplein-centrum",
        "occurred_at": format!("2026-11-23T09:{minute:02}:00.000Z"),
        "channel": "inloop",
        "support_form": "informatie-advies",
        "domains": ["financien", "werk"],
        "outcome": { "kind": "referred", "to": "wijkteam" },
        "referrer": null,
        "awareness": "bekende",
        "target_groups": [],
        "duration_minutes": 10,
        "note": note,
        "initials": "AB"
    })
}

/// The records a database of `version` held: live records of every kind it
/// stored (one of them shipped, so not pending), and tombstones that still
/// carry content, as every version before 7 wrote them (version 7 stored
/// them emptied).
fn records_of_version(version: u32) -> Vec<Stored> {
    let live = |store, value: serde_json::Value| Stored {
        store,
        reads_as: Some(value.clone()),
        value,
    };
    let tombstone = |store, value: serde_json::Value| Stored {
        store,
        value,
        reads_as: None,
    };
    let mut records = vec![];
    if version == 1 {
        let v1 = |id: &str, revision: u32, note: &str| {
            json!({
                "id": id,
                "kind": "contact",
                "schema_version": 1,
                "created_at": "2026-11-23T09:00:00.000Z",
                "updated_at": format!("2026-11-23T09:{revision:02}:00.000Z"),
                "device_id": "tablet-oud",
                "revision": revision,
                "location": "wijkplein-centrum",
                "occurred_at": "2026-11-23T09:00:00.000Z",
                "channel": "telefoon",
                "domain": "huisvesting",
                "referred_to": "woningcorporatie",
                "note": note,
                "initials": "AB"
            })
        };
        // Read in schema 2: one domain becomes the list, the referral an
        // outcome, the support form the only one version 1 knew.
        records.push(Stored {
            store: "contacts",
            value: v1("01900000-0000-7000-8000-000000000001", 1, "Vraag over huur"),
            reads_as: Some(json!({
                "id": "01900000-0000-7000-8000-000000000001",
                "kind": "contact",
                "schema_version": 2,
                "created_at": "2026-11-23T09:00:00.000Z",
                "updated_at": "2026-11-23T09:01:00.000Z",
                "device_id": "tablet-oud",
                "revision": 1,
                "deleted": false,
                "shipped_revision": 0,
                "location": "wijkplein-centrum",
                "occurred_at": "2026-11-23T09:00:00.000Z",
                "channel": "telefoon",
                "support_form": "informatie-advies",
                "domains": ["huisvesting"],
                "outcome": { "kind": "referred", "to": "woningcorporatie" },
                "referrer": null,
                "awareness": null,
                "target_groups": [],
                "duration_minutes": null,
                "note": "Vraag over huur",
                "initials": "AB"
            })),
        });
        let mut deleted = v1("01900000-0000-7000-8000-000000000002", 2, PRIVATE_NOTE);
        deleted["deleted"] = json!(true);
        records.push(tombstone("contacts", deleted));
        return records;
    }
    let id = |n: u32| format!("01900000-0000-7000-8000-{n:012}");
    records.push(live(
        "contacts",
        with(
            meta(&id(1), "contact", 2, 1, 0),
            contact_v2(5, "Vraag over toeslag"),
        ),
    ));
    records.push(live(
        "contacts",
        with(meta(&id(2), "contact", 2, 2, 2), contact_v2(6, "")),
    ));
    let mut deleted = with(
        meta(&id(3), "contact", 2, 3, 1),
        contact_v2(7, PRIVATE_NOTE),
    );
    deleted["deleted"] = json!(true);
    records.push(tombstone("contacts", deleted));
    if version >= 3 {
        records.push(live(
            "survey_responses",
            with(
                meta(&id(4), "survey_response", 1, 1, 0),
                json!({
                    "survey_id": "wijkplein-bezoek",
                    "survey_version": 1,
                    "date": "2026-11-23",
                    "lang": "nl",
                    "answers": { "cijfer": { "number": 8 } }
                }),
            ),
        ));
    }
    if version >= 4 {
        records.push(live(
            "surveys",
            with(
                meta(&id(5), "survey_definition", 1, 1, 1),
                json!({
                    "survey": {
                        "id": "eigen-enquete",
                        "version": 1,
                        "status": "published",
                        "languages": ["nl"],
                        "title": { "nl": "Onze eigen vragen" },
                        "intro": { "nl": "Twee minuten." },
                        "sections": [{
                            "id": "een",
                            "title": { "nl": "Uw bezoek" },
                            "questions": [{
                                "id": "cijfer",
                                "text": { "nl": "Welk cijfer geeft u?" },
                                "kind": { "type": "mark" },
                                "required": true
                            }]
                        }],
                        "invited": 12
                    }
                }),
            ),
        ));
    }
    if version >= 5 {
        records.push(live(
            "activities",
            with(
                meta(&id(6), "activity", 1, 2, 0),
                json!({
                    "title": "Taalcafé",
                    "activity_kind": "course",
                    "theme": "taal",
                    "location": "wijkplein-centrum",
                    "survey": null,
                    "meetings": [
                        { "date": "2026-11-16", "held": true, "participants": 8, "first_time": 2, "volunteers": 1 },
                        { "date": "2026-11-23", "held": false, "participants": 0, "first_time": 0, "volunteers": 0 }
                    ]
                }),
            ),
        ));
        records.push(live(
            "initiatives",
            with(
                meta(&id(7), "initiative", 1, 1, 0),
                json!({
                    "name": "Moestuin",
                    "initiative_kind": "residents_initiative",
                    "start": "2026-11-01",
                    "status": "running",
                    "participants": 14,
                    "support": [{ "date": "2026-11-10", "note": "Subsidie aangevraagd" }]
                }),
            ),
        ));
        let trajectory = |n, revision, shipped, note: &str| {
            with(
                meta(&id(n), "trajectory", 1, revision, shipped),
                json!({
                    "code": format!("TR-7K3M-Q{n}"),
                    "start": "2026-03-02",
                    "referrer": "huisarts",
                    "age_band": "65+",
                    "household": "single",
                    "main_domains": ["financien"],
                    "goals": [],
                    "intake": {
                        "date": "2026-03-02",
                        "scores": { "financien": "not_self_reliant", "justitie": "not_scored" }
                    },
                    "positive_health": null,
                    "contact_moments": [{ "date": "2026-04-01", "channel": "huisbezoek", "note": note }],
                    "closing": null
                }),
            )
        };
        records.push(live(
            "trajectories",
            trajectory(8, 1, 0, "Overzicht gemaakt"),
        ));
        let mut deleted = trajectory(9, 2, 0, PRIVATE_NOTE);
        deleted["deleted"] = json!(true);
        records.push(tombstone("trajectories", deleted));
    }
    if version >= 6 {
        // Version 6 wrote the pending flag with every record.
        for record in &mut records {
            let pending =
                record.value["revision"].as_u64() > record.value["shipped_revision"].as_u64();
            record.value["pending"] = json!(u8::from(pending));
        }
    }
    if version >= 7 {
        use wijkpeil::storage::indexeddb::TOMBSTONE_FIELDS;
        for record in records.iter_mut().filter(|r| r.reads_as.is_none()) {
            if let Some(object) = record.value.as_object_mut() {
                object.retain(|field, _| TOMBSTONE_FIELDS.contains(&field.as_str()));
            }
        }
    }
    records
}

/// Builds the database as `version` of the app left it: its stores and
/// indexes, and `records` exactly as given.
async fn create_database(name: &str, version: u32, records: &[Stored]) {
    delete_database(name).await;
    let factory = Factory::new().expect("indexedDB");
    let mut request = factory.open(name, Some(version)).expect("open old");
    request.on_upgrade_needed(move |event| {
        use idb::DatabaseEvent;
        let db = event.database().expect("db");
        for (store, indexes) in schema_of_version(version) {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("id")));
            let created = db.create_object_store(store, params).expect("store");
            for (index, field) in indexes {
                created
                    .create_index(index, KeyPath::new_single(field), None)
                    .expect("index");
            }
        }
        // Out-of-line keys: kept conflicts (version 8), the sync's state
        // (version 9).
        if version >= 8 {
            db.create_object_store("conflicts", ObjectStoreParams::new())
                .expect("conflicts");
        }
        if version >= 9 {
            db.create_object_store("sync_state", ObjectStoreParams::new())
                .expect("sync_state");
        }
    });
    let db = request.await.expect("old database");
    let mut names: Vec<&str> = schema_of_version(version).iter().map(|s| s.0).collect();
    if version >= 9 {
        names.push("sync_state");
    }
    let tx = db
        .transaction(&names, TransactionMode::ReadWrite)
        .expect("tx");
    for record in records {
        let value = js_sys::JSON::parse(&record.value.to_string()).expect("json");
        let _ = tx
            .object_store(record.store)
            .expect("store")
            .put(&value, None)
            .expect("put");
    }
    if version >= 9 {
        let _ = tx
            .object_store("sync_state")
            .expect("sync_state")
            .put(
                &JsValue::from_str("{\"since\":\"12\"}"),
                Some(&JsValue::from_str("pull")),
            )
            .expect("put state");
    }
    assert!(tx.await.expect("commit").is_committed());
    db.close();
}

/// The database's version and every stored value (the pending flag
/// included), read past the store.
async fn raw_dump(name: &str) -> (u32, Vec<(String, serde_json::Value)>) {
    let db = Factory::new()
        .expect("indexedDB")
        .open(name, None)
        .expect("open")
        .await
        .expect("opened");
    let version = db.version().expect("version");
    let names = db.store_names();
    let tx = db
        .transaction(&names, TransactionMode::ReadOnly)
        .expect("tx");
    let mut values = vec![];
    for name in &names {
        let all = tx
            .object_store(name)
            .expect("store")
            .get_all(None, None)
            .expect("getAll")
            .await
            .expect("got");
        for value in all {
            let text: String = js_sys::JSON::stringify(&value).expect("text").into();
            values.push((name.clone(), serde_json::from_str(&text).expect("json")));
        }
    }
    db.close();
    (version, values)
}

/// A record of `kind` read through its own type, as JSON.
async fn read_as_json(store: &IdbStore, kind: &str, id: &str) -> Option<serde_json::Value> {
    use wijkpeil::domain::activity::ActivityFields;
    use wijkpeil::domain::entry::Entry;
    use wijkpeil::domain::initiative::InitiativeFields;
    use wijkpeil::domain::survey::{StoredSurvey, SurveyResponse};
    use wijkpeil::domain::trajectory::TrajectoryFields;
    let id: RecordId = serde_json::from_value(json!(id)).expect("id");
    fn json<T: serde::Serialize>(record: Option<T>) -> Option<serde_json::Value> {
        record.map(|r| serde_json::to_value(r).expect("json"))
    }
    match kind {
        "contacts" => json(store.get::<Contact>(id).await.expect("get")),
        "survey_responses" => json(store.get::<SurveyResponse>(id).await.expect("get")),
        "surveys" => json(store.get::<StoredSurvey>(id).await.expect("get")),
        "trajectories" => json(store.get::<Entry<TrajectoryFields>>(id).await.expect("get")),
        "activities" => json(store.get::<Entry<ActivityFields>>(id).await.expect("get")),
        "initiatives" => json(store.get::<Entry<InitiativeFields>>(id).await.expect("get")),
        "org_lists" => json(
            store
                .get::<Entry<wijkpeil::domain::org_list::OrgListFields>>(id)
                .await
                .expect("get"),
        ),
        other => panic!("no store {other}"),
    }
}

/// Builds a database of `version`, opens it with this app, and checks what
/// the upgrade must do: every live record reads as it was written (old
/// schemas in the current one), the pending count holds, tombstones keep
/// their bookkeeping only, and only what changed was written; then that a
/// second open reads and writes nothing.
async fn an_earlier_database_opens_and_reads(version: u32) {
    use wijkpeil::domain::record::RecordKind;
    use wijkpeil::storage::indexeddb::{DB_VERSION, TOMBSTONE_FIELDS};
    let name = format!("earlier-v{version}");
    let records = records_of_version(version);
    create_database(&name, version, &records).await;
    let before = raw_dump(&name).await.1;

    spy_reset();
    let store = IdbStore::open(&name)
        .await
        .expect("upgrade to this version");
    let first_open = spied();
    let raw = |field: &str, value: &serde_json::Value| value[field].as_u64().unwrap_or(0);

    // Every live record reads, as written or in the current schema.
    let mut live = 0;
    for record in &records {
        if let Some(expected) = &record.reads_as {
            live += 1;
            let id = record.value["id"].as_str().expect("id");
            let mut expected = expected.clone();
            if let Some(object) = expected.as_object_mut() {
                object.remove("pending"); // the device's index field, not data
            }
            let back = read_as_json(&store, record.store, id).await;
            assert_eq!(
                back,
                Some(expected),
                "v{version}: {} {id} reads",
                record.store
            );
        }
    }
    let stats = store.stats().await.expect("stats");
    let tombstones = records.iter().filter(|r| r.reads_as.is_none()).count() as u32;
    assert_eq!(
        (stats.live, stats.deleted, stats.unreadable),
        (live, tombstones, 0),
        "v{version}: counts"
    );

    // Pending: every record, tombstones included, with a revision that did
    // not leave the device; counted on the pending index.
    let pending = records
        .iter()
        .filter(|r| raw("revision", &r.value) > raw("shipped_revision", &r.value))
        .count() as u32;
    assert_eq!(
        store.pending_count().await.expect("pending"),
        pending,
        "v{version}: pending count"
    );
    assert_eq!(stats.pending, pending, "v{version}: pending in the stats");

    // Tombstones keep their bookkeeping, unchanged, and nothing else.
    for record in records.iter().filter(|r| r.reads_as.is_none()) {
        let id = &record.value["id"];
        let kind = RecordKind::ALL
            .into_iter()
            .find(|k| k.store_name() == record.store)
            .expect("kind");
        let stored: serde_json::Value = store
            .list_raw(kind)
            .await
            .expect("list_raw")
            .iter()
            .map(|text| serde_json::from_str(text).expect("json"))
            .find(|v: &serde_json::Value| &v["id"] == id)
            .expect("the tombstone is kept");
        let mut expected = record.value.as_object().expect("object").clone();
        expected
            .retain(|field, _| TOMBSTONE_FIELDS.contains(&field.as_str()) && field != "pending");
        assert_eq!(
            stored,
            serde_json::Value::Object(expected),
            "v{version}: tombstone {id} keeps its bookkeeping only"
        );
    }
    for kind in RecordKind::ALL {
        for text in store.list_raw(kind).await.expect("list_raw") {
            assert!(!text.contains(PRIVATE_NOTE), "v{version}: {text}");
        }
    }
    store.close();

    // Only what changed was written: before version 6 every record (its
    // pending flag), from version 6 the tombstones (emptied before 7,
    // their tombstone flag before 11).
    let changed = if version < 6 {
        records.len()
    } else {
        records.iter().filter(|r| r.reads_as.is_none()).count()
    };
    assert_eq!(
        first_open.writes as usize, changed,
        "v{version}: records written"
    );
    assert!(
        first_open.transactions.is_empty(),
        "v{version}: the upgrade's own transaction did all: {:?}",
        first_open.transactions
    );
    let (upgraded_to, after) = raw_dump(&name).await;
    assert_eq!(upgraded_to, DB_VERSION);
    assert_eq!(
        after.len(),
        before.len(),
        "v{version}: no record lost or added"
    );

    // A second open reads and writes nothing, and changes nothing.
    spy_reset();
    let again = IdbStore::open(&name).await.expect("open again");
    let second_open = spied();
    again.close();
    assert_eq!(
        (
            second_open.reads,
            second_open.writes,
            second_open.transactions.len()
        ),
        (0, 0, 0),
        "v{version}: an ordinary open touches no record"
    );
    assert_eq!(raw_dump(&name).await, (DB_VERSION, after));

    // And the upgraded database takes new saves.
    let store = IdbStore::open(&name).await.expect("open");
    let contact = contract::sample_contact(30, t0());
    store.insert(&contact).await.expect("insert");
    assert_eq!(store.pending_count().await.expect("pending"), pending + 1);
    store.close();
}

#[wasm_bindgen_test]
async fn a_v1_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(1).await;
}

#[wasm_bindgen_test]
async fn a_v2_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(2).await;
}

#[wasm_bindgen_test]
async fn a_v3_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(3).await;
}

#[wasm_bindgen_test]
async fn a_v4_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(4).await;
}

#[wasm_bindgen_test]
async fn a_v5_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(5).await;
}

#[wasm_bindgen_test]
async fn a_v6_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(6).await;
}

#[wasm_bindgen_test]
async fn a_v7_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(7).await;
}

#[wasm_bindgen_test]
async fn a_v9_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(9).await;
}

#[wasm_bindgen_test]
async fn a_v10_database_opens_and_reads() {
    an_earlier_database_opens_and_reads(10).await;
}

/// Version 11 counts on indexes: a database of version 10 with live
/// records, tombstones and a stored object this version cannot read gives
/// the same counts as reading every record did, the upgrade writes only
/// the tombstones (their flag) and the unreadable object (its pending flag
/// 2), exports carry neither flag, and later writes keep the counts.
#[wasm_bindgen_test]
async fn a_v10_database_is_counted_on_indexes_after_the_upgrade() {
    use wijkpeil::domain::record::RecordKind;
    let name = "earlier-v10-counts";
    let mut records = records_of_version(10);
    // An object without a revision, as version 10 stored anything it was
    // given: with a pending flag of 0 (it becomes 2: unreadable).
    records.push(Stored {
        store: "contacts",
        value: json!({ "id": "not-a-record", "schema_version": 1, "pending": 0 }),
        reads_as: Some(json!(null)),
    });
    create_database(name, 10, &records).await;
    let tombstones = records.iter().filter(|r| r.reads_as.is_none()).count();
    let live = records.len() - tombstones - 1;

    spy_reset();
    let store = IdbStore::open(name).await.expect("upgrade");
    let first_open = spied();
    assert_eq!(
        first_open.writes as usize,
        tombstones + 1,
        "tombstones and the unreadable one"
    );
    let stats = store.stats().await.expect("stats");
    assert_eq!(
        (
            stats.live as usize,
            stats.deleted as usize,
            stats.unreadable
        ),
        (live, tombstones, 1)
    );
    let contacts = store
        .kind_stats(RecordKind::Contact)
        .await
        .expect("contacts");
    assert_eq!(contacts.unreadable, 1);

    // Counting reads no record.
    spy_reset();
    store.stats().await.expect("stats");
    let counted = spied();
    assert_eq!(counted.writes, 0);
    for text in store.list_raw(RecordKind::Contact).await.expect("list") {
        assert!(
            !text.contains("\"pending\"") && !text.contains("\"tombstone\""),
            "{text}"
        );
    }

    // A save and a delete move the counts as reading every record would.
    let contact = contract::sample_contact(40, t0());
    store.insert(&contact).await.expect("insert");
    let mut deleted = contact.clone();
    deleted.meta.revision += 1;
    deleted.meta.deleted = true;
    store.update(&deleted).await.expect("delete");
    let after = store.stats().await.expect("stats");
    assert_eq!(
        (after.live, after.deleted, after.pending, after.unreadable),
        (stats.live, stats.deleted + 1, stats.pending + 1, 1)
    );
    store.close();
    let (_, values) = raw_dump(name).await;
    let unreadable = values
        .iter()
        .find(|(_, v)| v["id"] == "not-a-record")
        .expect("kept");
    assert_eq!(
        unreadable.1,
        json!({ "id": "not-a-record", "schema_version": 1, "pending": 2 })
    );
}

/// Version 10 adds the store of the organisation's lists: a database of
/// version 9 keeps its records and its sync state, and then holds a list
/// that counts as pending and reads back.
#[wasm_bindgen_test]
async fn a_v9_database_gets_the_store_of_the_organisations_lists() {
    use wijkpeil::domain::entry::Entry;
    use wijkpeil::domain::org_list::{ListName, OrgListFields};
    use wijkpeil::domain::record::RecordKind;
    let name = "earlier-v9-lists";
    let records = records_of_version(9);
    create_database(name, 9, &records).await;
    let store = IdbStore::open(name).await.expect("upgrade");
    assert!(store
        .list_raw(RecordKind::OrgList)
        .await
        .expect("empty store")
        .is_empty());
    let pending = store.pending_count().await.expect("pending");
    let fields = OrgListFields::current(
        ListName::Locations,
        &wijkpeil::domain::taxonomy::Taxonomy::builtin(),
        &wijkpeil::domain::trajectory::AgeBands::builtin(),
    );
    let list = Entry::new(ListName::Locations.id(), fields, t0(), "beheer");
    store.insert(&list).await.expect("insert");
    assert_eq!(store.pending_count().await.expect("pending"), pending + 1);
    let back = read_as_json(&store, "org_lists", &ListName::Locations.id().to_string()).await;
    assert_eq!(back, Some(serde_json::to_value(&list).expect("json")));
    store.close();
    let (_, values) = raw_dump(name).await;
    assert!(values
        .iter()
        .any(|(store, v)| store == "sync_state" && v.as_str() == Some("{\"since\":\"12\"}")));
}

/// A newer version opened in another tab is not held up by this one: the
/// connection lets go at once, and what this tab tries next says to reload.
#[wasm_bindgen_test]
async fn another_tab_upgrading_the_database_is_not_blocked_and_this_one_says_reload() {
    use wijkpeil::storage::indexeddb::DB_VERSION;
    use wijkpeil::storage::StorageError;
    let name = "version-change";
    delete_database(name).await;
    let store = IdbStore::open(name).await.expect("open");
    store
        .insert(&contract::sample_contact(1, t0()))
        .await
        .expect("insert");
    let newer = Factory::new()
        .expect("indexedDB")
        .open(name, Some(DB_VERSION + 1))
        .expect("open newer")
        .await
        .expect("the newer version opens: not blocked");
    assert_eq!(newer.version().expect("version"), DB_VERSION + 1);
    newer.close();
    assert_eq!(
        store.insert(&contract::sample_contact(2, t0())).await,
        Err(StorageError::Closed)
    );
    assert_eq!(store.pending_count().await, Err(StorageError::Closed));
}
