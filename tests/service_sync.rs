//! Sync against a small CouchDB stand-in that keeps revision trees the way
//! CouchDB does (leaves, a deterministic winner, `_conflicts`, `_changes`
//! with a sequence, `_local` documents) and can fail on cue: every record
//! arrives once, a repeat or a cut batch duplicates nothing, a conflict is
//! kept on both sides, a pull resumes where it ended. The real server is
//! driven by the browser tests (tests/e2e/sync.spec.mjs).

mod common;

use chrono::Duration;
use futures::executor::block_on;
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use wijkpeil::domain::contact::Contact;
use wijkpeil::domain::couch::{doc_id, Rev};
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::service::sync::{
    Http, HttpReply, HttpRequest, Method, NetError, PullScope, SyncError, SyncService, SyncTarget,
    PULL_BATCH, PUSH_BATCH,
};
use wijkpeil::storage::contract::{sample_contact, sample_response, t0};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::RecordStore;

const SERVER: &str = "http://couch.test";

#[derive(Clone, Debug)]
struct StoredRev {
    parent: Option<String>,
    body: Option<Map<String, Value>>,
    deleted: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fault {
    Status(u16),
    Unreachable,
    /// The server applies the request, the reply never arrives.
    CutAfterApply,
}

#[derive(Default)]
struct FakeCouch {
    /// doc id → rev → stored revision.
    docs: RefCell<BTreeMap<String, BTreeMap<String, StoredRev>>>,
    /// doc id → the sequence of its last change.
    seqs: RefCell<BTreeMap<String, u64>>,
    seq: RefCell<u64>,
    local: RefCell<BTreeMap<String, Value>>,
    faults: RefCell<Vec<(String, Fault)>>,
    /// Requests seen, as "METHOD path?query".
    log: RefCell<Vec<String>>,
    password_ok: RefCell<bool>,
    design: RefCell<bool>,
    /// The residents' drop-off database, when the server has one: its
    /// documents as residents' phones PUT them.
    dropoff: RefCell<Option<Vec<Value>>>,
    /// The drop-off's copies of own surveys for short links: doc id →
    /// (revision number, body).
    survey_copies: RefCell<BTreeMap<String, (u32, Value)>>,
}

impl FakeCouch {
    fn new() -> Self {
        let couch = Self::default();
        *couch.password_ok.borrow_mut() = true;
        *couch.design.borrow_mut() = true;
        couch
    }

    fn fail(&self, path_part: &str, fault: Fault) {
        self.faults.borrow_mut().push((path_part.into(), fault));
    }

    fn leaves(&self, id: &str) -> Vec<(Rev, StoredRev)> {
        let docs = self.docs.borrow();
        let Some(tree) = docs.get(id) else {
            return vec![];
        };
        let parents: HashSet<&String> = tree.values().filter_map(|r| r.parent.as_ref()).collect();
        let mut leaves: Vec<(Rev, StoredRev)> = tree
            .iter()
            .filter(|(rev, r)| !parents.contains(rev) && r.body.is_some())
            .map(|(rev, r)| (Rev::parse(rev).unwrap(), r.clone()))
            .collect();
        // CouchDB's winner first: live before deleted, then the highest
        // revision, then the highest digest.
        leaves.sort_by(|(a, ra), (b, rb)| {
            (rb.deleted as u8)
                .cmp(&(ra.deleted as u8))
                .reverse()
                .then(b.revision.cmp(&a.revision))
                .then(b.digest.cmp(&a.digest))
        });
        leaves
    }

    /// Every leaf on the server as "doc id rev".
    fn all_leaves(&self) -> Vec<String> {
        let ids: Vec<String> = self.docs.borrow().keys().cloned().collect();
        let mut out = vec![];
        for id in ids {
            for (rev, _) in self.leaves(&id) {
                out.push(format!("{id} {rev}"));
            }
        }
        out
    }

    fn doc_json(&self, id: &str, rev: &Rev, stored: &StoredRev, conflicts: Vec<String>) -> Value {
        let mut doc = stored.body.clone().unwrap_or_default();
        doc.insert("_id".into(), json!(id));
        doc.insert("_rev".into(), json!(rev.to_string()));
        if stored.deleted {
            doc.insert("_deleted".into(), json!(true));
        }
        if !conflicts.is_empty() {
            doc.insert("_conflicts".into(), json!(conflicts));
        }
        Value::Object(doc)
    }

    fn bulk_docs(&self, body: &Value) -> Value {
        assert_eq!(body["new_edits"], json!(false), "replication writes");
        for doc in body["docs"].as_array().unwrap() {
            let id = doc["_id"].as_str().unwrap().to_string();
            if doc.get("kind").and_then(Value::as_str) == Some("survey_response")
                && doc.get("refuse_me").is_some()
            {
                continue;
            }
            let start = doc["_revisions"]["start"].as_u64().unwrap();
            let ids: Vec<&str> = doc["_revisions"]["ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let mut docs = self.docs.borrow_mut();
            let tree = docs.entry(id.clone()).or_default();
            for (i, digest) in ids.iter().enumerate() {
                let rev = format!("{}-{digest}", start - i as u64);
                let parent = ids
                    .get(i + 1)
                    .map(|p| format!("{}-{p}", start - i as u64 - 1));
                let entry = tree.entry(rev).or_insert(StoredRev {
                    parent: parent.clone(),
                    body: None,
                    deleted: false,
                });
                if entry.parent.is_none() {
                    entry.parent = parent;
                }
                if i == 0 && entry.body.is_none() {
                    let mut body = doc.as_object().unwrap().clone();
                    let deleted = body.remove("_deleted").is_some();
                    body.retain(|k, _| !k.starts_with('_'));
                    entry.body = Some(body);
                    entry.deleted = deleted;
                }
            }
            drop(docs);
            *self.seq.borrow_mut() += 1;
            self.seqs.borrow_mut().insert(id, *self.seq.borrow());
        }
        json!([])
    }

    fn handle(&self, method: Method, path: &str, query: &str, body: Option<Value>) -> (u16, Value) {
        if let Some(rest) = path.strip_prefix("/wijkpeil-enquete") {
            let dropoff = self.dropoff.borrow();
            let Some(docs) = dropoff.as_ref() else {
                return (404, json!({"error": "not_found"}));
            };
            return match (method, rest) {
                (Method::Get, "") => (200, json!({"db_name": "wijkpeil-enquete"})),
                (Method::Get, "/_changes") => {
                    let results: Vec<Value> = docs
                        .iter()
                        .enumerate()
                        .map(|(i, d)| json!({"seq": i + 1, "id": d["_id"], "doc": d}))
                        .collect();
                    (200, json!({"results": results, "last_seq": docs.len()}))
                }
                (Method::Get, doc) if doc.starts_with("/survey:") => {
                    match self.survey_copies.borrow().get(&doc[1..]) {
                        Some((n, body)) => {
                            let mut body = body.clone();
                            body["_rev"] = json!(format!("{n}-copy"));
                            (200, body)
                        }
                        None => (404, json!({"error": "not_found"})),
                    }
                }
                (Method::Put, doc) if doc.starts_with("/survey:") => {
                    let body = body.unwrap();
                    let mut copies = self.survey_copies.borrow_mut();
                    let stored = copies.get(&doc[1..]).map(|(n, _)| format!("{n}-copy"));
                    if body.get("_rev").and_then(Value::as_str).map(str::to_string) != stored {
                        return (409, json!({"error": "conflict"}));
                    }
                    let n = copies.get(&doc[1..]).map_or(1, |(n, _)| n + 1);
                    let mut kept = body.clone();
                    kept.as_object_mut().unwrap().remove("_rev");
                    copies.insert(doc[1..].to_string(), (n, kept));
                    (201, json!({"ok": true, "rev": format!("{n}-copy")}))
                }
                (Method::Put, _) => (201, json!({"ok": true, "rev": "0-1"})),
                _ => (404, json!({"error": "not_found"})),
            };
        }
        let db = "/wijkpeil";
        let Some(rest) = path.strip_prefix(db) else {
            return (404, json!({"error": "not_found"}));
        };
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .map(str::to_string)
        };
        match (method, rest) {
            (Method::Get, "") => (200, json!({"db_name": "wijkpeil"})),
            (Method::Get, "/_design/wijkpeil") if *self.design.borrow() => (200, json!({})),
            (Method::Post, "/_revs_diff") => {
                let mut out = Map::new();
                for (id, revs) in body.unwrap().as_object().unwrap() {
                    let known: HashSet<String> = self
                        .docs
                        .borrow()
                        .get(id)
                        .map(|t| {
                            t.iter()
                                .filter(|(_, r)| r.body.is_some())
                                .map(|(k, _)| k.clone())
                                .collect()
                        })
                        .unwrap_or_default();
                    let missing: Vec<&Value> = revs
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|r| !known.contains(r.as_str().unwrap()))
                        .collect();
                    if !missing.is_empty() {
                        out.insert(id.clone(), json!({ "missing": missing }));
                    }
                }
                (200, Value::Object(out))
            }
            (Method::Post, "/_bulk_docs") => (201, self.bulk_docs(&body.unwrap())),
            (Method::Get, "/_changes") => {
                let since: u64 = param("since").unwrap().parse().unwrap();
                let limit: usize = param("limit").unwrap().parse().unwrap();
                let shared = param("filter").as_deref() == Some("wijkpeil/shared");
                let mut changed: Vec<(u64, String)> = self
                    .seqs
                    .borrow()
                    .iter()
                    .filter(|(_, s)| **s > since)
                    .map(|(id, s)| (*s, id.clone()))
                    .collect();
                changed.sort();
                let mut results = vec![];
                let mut last = since;
                for (seq, id) in changed {
                    let leaves = self.leaves(&id);
                    let (rev, winner) = &leaves[0];
                    let kind = &winner.body.as_ref().unwrap()["kind"];
                    // As tools/couch-setup's `shared` filter.
                    if shared && kind != "survey_definition" && kind != "org_list" {
                        last = seq;
                        continue;
                    }
                    if results.len() == limit {
                        break;
                    }
                    let conflicts = leaves[1..]
                        .iter()
                        .filter(|(_, r)| !r.deleted)
                        .map(|(r, _)| r.to_string())
                        .collect();
                    results.push(json!({
                        "seq": seq, "id": id,
                        "doc": self.doc_json(&id, rev, winner, conflicts),
                    }));
                    last = seq;
                }
                (200, json!({ "results": results, "last_seq": last }))
            }
            (Method::Get, local) if local.starts_with("/_local/") => {
                match self.local.borrow().get(local) {
                    Some(doc) => (200, doc.clone()),
                    None => (404, json!({"error": "not_found"})),
                }
            }
            (Method::Put, local) if local.starts_with("/_local/") => {
                // As CouchDB: an update names the revision it replaces, or
                // it is a 409; the reply names the new one as `rev`.
                let mut doc = body.unwrap();
                let mut locals = self.local.borrow_mut();
                let current = locals.get(local).map(|d| d["_rev"].clone());
                if doc.get("_rev").cloned() != current {
                    return (409, json!({"error": "conflict"}));
                }
                let n = current
                    .as_ref()
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("0-"))
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(0);
                let rev = format!("0-{}", n + 1);
                doc["_rev"] = json!(rev);
                locals.insert(local.to_string(), doc);
                (
                    201,
                    json!({"ok": true, "id": local.trim_start_matches('/'), "rev": rev}),
                )
            }
            (Method::Get, doc) => {
                let id = doc.trim_start_matches('/');
                let Some(rev) = param("rev") else {
                    return (404, json!({"error": "not_found"}));
                };
                let docs = self.docs.borrow();
                match docs.get(id).and_then(|t| t.get(&rev)) {
                    Some(stored) if stored.body.is_some() => (
                        200,
                        self.doc_json(id, &Rev::parse(&rev).unwrap(), stored, vec![]),
                    ),
                    _ => (404, json!({"error": "not_found"})),
                }
            }
            _ => (404, json!({"error": "not_found"})),
        }
    }
}

impl Http for FakeCouch {
    async fn send(&self, request: HttpRequest) -> Result<HttpReply, NetError> {
        let rest = request
            .url
            .strip_prefix(SERVER)
            .expect("only the configured server");
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        self.log
            .borrow_mut()
            .push(format!("{} {path}?{query}", request.method.name()));
        let fault = {
            let mut faults = self.faults.borrow_mut();
            let at = faults
                .iter()
                .position(|(part, _)| path.contains(part.as_str()));
            at.map(|i| faults.remove(i).1)
        };
        match fault {
            Some(Fault::Status(code)) => {
                return Ok(HttpReply {
                    status: code,
                    body: "{}".into(),
                })
            }
            Some(Fault::Unreachable) => return Err(NetError::Unreachable),
            _ => {}
        }
        if !*self.password_ok.borrow() {
            return Ok(HttpReply {
                status: 401,
                body: json!({"error": "unauthorized"}).to_string(),
            });
        }
        let body = request
            .body
            .as_deref()
            .map(|b| serde_json::from_str(b).expect("JSON body"));
        let (status, reply) = self.handle(request.method, path, query, body);
        if fault == Some(Fault::CutAfterApply) {
            return Err(NetError::Unreachable);
        }
        Ok(HttpReply {
            status,
            body: reply.to_string(),
        })
    }
}

fn target(device: &str, scope: PullScope) -> SyncTarget {
    SyncTarget {
        server: SERVER.into(),
        database: "wijkpeil".into(),
        device_id: device.into(),
        scope,
        dropoff: Some("wijkpeil-enquete".into()),
    }
}

fn sync(store: &MemoryStore, couch: &FakeCouch, target: &SyncTarget) -> Result<u32, SyncError> {
    block_on(SyncService::new(store, couch, target).run(&|_| {})).map(|r| r.pushed)
}

fn pending(store: &MemoryStore) -> u32 {
    block_on(store.pending_count()).unwrap()
}

/// A tablet with two contacts (one deleted) and a survey response.
fn tablet() -> (MemoryStore, Vec<String>) {
    let store = MemoryStore::new();
    let kept = sample_contact(1, t0());
    let gone = sample_contact(2, t0());
    let response = sample_response(3, 23);
    block_on(store.insert(&kept)).unwrap();
    block_on(store.insert(&gone)).unwrap();
    block_on(store.update(&gone.deleted(t0() + Duration::minutes(1)))).unwrap();
    block_on(store.insert(&response)).unwrap();
    let ids = vec![
        doc_id(RecordKind::Contact, kept.meta.id),
        doc_id(RecordKind::Contact, gone.meta.id),
        doc_id(RecordKind::SurveyResponse, response.meta.id),
    ];
    (store, ids)
}

#[test]
fn every_record_arrives_once_with_its_revision_and_a_repeat_sends_nothing() {
    let couch = FakeCouch::new();
    let (store, ids) = tablet();
    let target = target("tablet-1", PullScope::Shared);
    assert_eq!(pending(&store), 3);
    assert_eq!(sync(&store, &couch, &target), Ok(3));
    assert_eq!(
        pending(&store),
        0,
        "the header's count is what is not on the server"
    );
    let leaves = couch.all_leaves();
    assert_eq!(leaves.len(), 3, "{leaves:?}");
    for id in &ids {
        assert_eq!(
            leaves.iter().filter(|l| l.starts_with(id.as_str())).count(),
            1
        );
    }
    assert!(
        leaves
            .iter()
            .any(|l| l.starts_with(&format!("{} 2-", ids[1]))),
        "the delete is revision 2"
    );
    assert!(couch.leaves(&ids[1])[0].1.deleted);

    couch.log.borrow_mut().clear();
    assert_eq!(sync(&store, &couch, &target), Ok(0));
    assert!(
        !couch.log.borrow().iter().any(|l| l.contains("_bulk_docs")),
        "nothing to send: {:?}",
        couch.log.borrow()
    );
    assert_eq!(couch.all_leaves(), leaves);
}

#[test]
fn an_edit_extends_the_same_branch_on_the_server() {
    let couch = FakeCouch::new();
    let store = MemoryStore::new();
    let contact = sample_contact(5, t0());
    block_on(store.insert(&contact)).unwrap();
    let target = target("tablet-1", PullScope::Shared);
    sync(&store, &couch, &target).unwrap();
    // Two edits offline, then one sync: one leaf, revision 3.
    let mut now: Contact = block_on(store.get(contact.meta.id)).unwrap().unwrap();
    for note in ["een", "twee"] {
        let mut fields = now.fields.clone();
        fields.note = note.into();
        let next = now.revised(fields, t0() + Duration::minutes(1));
        block_on(store.update(&next)).unwrap();
        now = next;
    }
    assert_eq!(sync(&store, &couch, &target), Ok(1));
    let id = doc_id(RecordKind::Contact, contact.meta.id);
    let leaves = couch.leaves(&id);
    assert_eq!(leaves.len(), 1, "no conflict with its own past");
    assert_eq!(leaves[0].0.revision, 3);
    assert_eq!(leaves[0].1.body.as_ref().unwrap()["note"], json!("twee"));
}

#[test]
fn a_cut_or_failing_batch_loses_nothing_and_duplicates_nothing() {
    let couch = FakeCouch::new();
    let (store, _) = tablet();
    let target = target("tablet-1", PullScope::Shared);

    couch.fail("_bulk_docs", Fault::CutAfterApply);
    assert_eq!(
        sync(&store, &couch, &target),
        Err(SyncError::Net(NetError::Unreachable))
    );
    assert_eq!(pending(&store), 3, "not confirmed, so still pending");
    assert_eq!(
        couch.all_leaves().len(),
        2,
        "the server did apply the contacts' batch"
    );

    couch.fail("_revs_diff", Fault::Status(500));
    assert_eq!(sync(&store, &couch, &target), Err(SyncError::Server(500)));
    assert!(SyncError::Server(500).is_passing());
    couch.fail("wijkpeil", Fault::Unreachable);
    assert_eq!(
        sync(&store, &couch, &target),
        Err(SyncError::Net(NetError::Unreachable))
    );
    assert_eq!(pending(&store), 3);

    assert_eq!(
        sync(&store, &couch, &target),
        Ok(1),
        "only the response is new to it: the cut batch is not stored twice"
    );
    assert_eq!(pending(&store), 0);
    assert_eq!(couch.all_leaves().len(), 3, "nothing twice");
}

#[test]
fn a_wrong_login_or_a_missing_database_says_so_and_changes_nothing() {
    let couch = FakeCouch::new();
    let (store, _) = tablet();
    *couch.password_ok.borrow_mut() = false;
    let mut target = target("tablet-1", PullScope::Shared);
    assert_eq!(sync(&store, &couch, &target), Err(SyncError::WrongLogin));
    assert!(!SyncError::WrongLogin.is_passing());
    *couch.password_ok.borrow_mut() = true;
    target.database = "andere".into();
    assert_eq!(sync(&store, &couch, &target), Err(SyncError::NoDatabase));
    *couch.design.borrow_mut() = false;
    target.database = "wijkpeil".into();
    assert_eq!(sync(&store, &couch, &target), Err(SyncError::NotSetUp));
    assert_eq!(pending(&store), 3);
    assert!(couch.all_leaves().is_empty());
}

#[test]
fn two_devices_that_change_one_record_offline_both_keep_the_conflict() {
    let couch = FakeCouch::new();
    let a = MemoryStore::new();
    let b = MemoryStore::new();
    let contact = sample_contact(7, t0());
    block_on(a.insert(&contact)).unwrap();
    let ta = target("tablet-a", PullScope::All);
    let tb = target("tablet-b", PullScope::All);
    sync(&a, &couch, &ta).unwrap();
    sync(&b, &couch, &tb).unwrap();
    let on_b: Contact = block_on(b.get(contact.meta.id)).unwrap().expect("pulled");
    assert_eq!(on_b, contact_with_rev(&contact, &on_b));

    for (store, note) in [(&a, "van tablet a"), (&b, "van tablet b")] {
        let here: Contact = block_on(store.get(contact.meta.id)).unwrap().unwrap();
        let mut fields = here.fields.clone();
        fields.note = note.into();
        block_on(store.update(&here.revised(fields, t0() + Duration::hours(1)))).unwrap();
    }
    sync(&a, &couch, &ta).unwrap();
    sync(&b, &couch, &tb).unwrap();
    sync(&a, &couch, &ta).unwrap();

    let id = doc_id(RecordKind::Contact, contact.meta.id);
    let leaves = couch.leaves(&id);
    assert_eq!(leaves.len(), 2, "the server keeps both: {leaves:?}");
    assert!(leaves.iter().all(|(rev, _)| rev.revision == 2));
    assert_eq!(
        block_on(a.conflict_count()).unwrap(),
        1,
        "a keeps b's version aside"
    );
    assert_eq!(
        block_on(b.conflict_count()).unwrap(),
        1,
        "b keeps a's version aside"
    );
    for store in [&a, &b] {
        let here: Contact = block_on(store.get(contact.meta.id)).unwrap().unwrap();
        assert_ne!(here.fields.note, "", "neither was written over");
    }
}

#[test]
fn a_chosen_version_wins_everywhere_and_the_other_leaf_is_closed_on_the_server() {
    use std::rc::Rc;
    use wijkpeil::service::conflicts::{Choice, ConflictService};
    let couch = FakeCouch::new();
    let a = Rc::new(MemoryStore::new());
    let b = MemoryStore::new();
    let contact = sample_contact(8, t0());
    block_on(a.insert(&contact)).unwrap();
    let ta = target("tablet-a", PullScope::All);
    let tb = target("tablet-b", PullScope::All);
    sync(&a, &couch, &ta).unwrap();
    sync(&b, &couch, &tb).unwrap();
    for (store, note) in [(&*a, "van tablet a"), (&b, "van tablet b")] {
        let here: Contact = block_on(store.get(contact.meta.id)).unwrap().unwrap();
        let mut fields = here.fields.clone();
        fields.note = note.into();
        block_on(store.update(&here.revised(fields, t0() + Duration::hours(1)))).unwrap();
    }
    sync(&a, &couch, &ta).unwrap();
    sync(&b, &couch, &tb).unwrap();
    sync(&a, &couch, &ta).unwrap();
    let id = doc_id(RecordKind::Contact, contact.meta.id);
    assert_eq!(couch.leaves(&id).len(), 2);

    // On a, the person keeps b's version.
    let service = ConflictService::new(a.clone(), common::FixedEnv::at(t0() + Duration::hours(2)));
    let conflicts = block_on(service.list()).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].version.kept["note"], json!("van tablet b"));
    block_on(service.choose(&conflicts[0], Choice::Other)).unwrap();
    sync(&a, &couch, &ta).unwrap();
    sync(&b, &couch, &tb).unwrap();

    let live: Vec<_> = couch
        .leaves(&id)
        .into_iter()
        .filter(|(_, r)| !r.deleted)
        .collect();
    assert_eq!(live.len(), 1, "one live version on the server: {live:?}");
    assert_eq!(live[0].0.revision, 3);
    assert_eq!(
        live[0].1.body.as_ref().unwrap()["note"],
        json!("van tablet b")
    );
    for store in [&*a, &b] {
        let here: Contact = block_on(store.get(contact.meta.id)).unwrap().unwrap();
        assert_eq!(
            (here.meta.revision, here.fields.note.as_str()),
            (3, "van tablet b")
        );
        assert_eq!(block_on(store.conflict_count()).unwrap(), 0);
        assert_eq!(pending(store), 0);
    }
    // Closed once: a further sync sends nothing.
    couch.log.borrow_mut().clear();
    sync(&a, &couch, &ta).unwrap();
    assert!(!couch.log.borrow().iter().any(|l| l.contains("_bulk_docs")));
}

/// `expected` as another device holds it after a pull: with the server's
/// `_rev` and shipped at its revision.
fn contact_with_rev(expected: &Contact, pulled: &Contact) -> Contact {
    let mut c = expected.clone();
    c.meta.server_rev = pulled.meta.server_rev.clone();
    c.meta.shipped_revision = c.meta.revision;
    assert!(c
        .meta
        .server_rev
        .as_deref()
        .is_some_and(|r| r.starts_with("1-")));
    c
}

#[test]
fn a_pull_resumes_from_its_checkpoint_and_starts_over_on_a_new_database() {
    let couch = FakeCouch::new();
    let (a, _) = tablet();
    let b = MemoryStore::new();
    let ta = target("tablet-a", PullScope::All);
    let tb = target("tablet-b", PullScope::All);
    sync(&a, &couch, &ta).unwrap();
    sync(&b, &couch, &tb).unwrap();
    assert_eq!(block_on(b.stats()).unwrap().live, 2);

    block_on(a.insert(&sample_contact(9, t0()))).unwrap();
    sync(&a, &couch, &ta).unwrap();
    couch.log.borrow_mut().clear();
    sync(&b, &couch, &tb).unwrap();
    let asked: Vec<String> = couch
        .log
        .borrow()
        .iter()
        .filter(|l| l.contains("_changes"))
        .cloned()
        .collect();
    assert!(
        asked[0].contains("since=3&") || asked[0].ends_with("since=3"),
        "{asked:?}"
    );
    assert_eq!(block_on(b.stats()).unwrap().live, 3);

    // The server's database made anew: its checkpoint is gone, so the
    // pull starts from the start; nothing is taken twice.
    couch.local.borrow_mut().clear();
    couch.log.borrow_mut().clear();
    sync(&b, &couch, &tb).unwrap();
    assert!(couch.log.borrow().iter().any(|l| l.contains("since=0")));
    assert_eq!(block_on(b.stats()).unwrap().live, 3);
}

/// `n` contacts, numbered from `from`.
fn many_contacts(store: &MemoryStore, from: u32, n: u32) {
    for i in from..from + n {
        let mut contact = sample_contact(1, t0());
        let [b0, b1, b2, b3] = i.to_be_bytes();
        contact.meta.id = RecordId::new_v7(
            1_790_000_000_000 + u64::from(i),
            [b0, b1, b2, b3, 0, 0, 0, 0, 0, 1],
        );
        block_on(store.insert(&contact)).unwrap();
    }
}

#[test]
fn many_records_go_in_batches_each_once_on_the_first_push_and_as_pending() {
    let couch = FakeCouch::new();
    let a = MemoryStore::new();
    let batch = PUSH_BATCH as u32;
    many_contacts(&a, 0, batch * 2 + 7);
    let ta = target("tablet-a", PullScope::Shared);
    let pushed = sync(&a, &couch, &ta).unwrap();
    assert_eq!(pushed, batch * 2 + 7);
    assert_eq!(pending(&a), 0);
    let asked = |what: &str| {
        couch
            .log
            .borrow()
            .iter()
            .filter(|l| l.contains(what))
            .count()
    };
    // The first push offers every record: it asks which the server lacks.
    assert_eq!(asked("_revs_diff"), 3);

    // Made after the first push: pending, in three batches again.
    many_contacts(&a, 10_000, batch * 2 + 3);
    assert_eq!(pending(&a), batch * 2 + 3);
    couch.log.borrow_mut().clear();
    let pushed = sync(&a, &couch, &ta).unwrap();
    assert_eq!(pushed, batch * 2 + 3);
    assert_eq!(pending(&a), 0);
    // Each pending record sent once, at once: three batches, no questions.
    assert_eq!(asked("_revs_diff"), 0);
    assert_eq!(asked("_bulk_docs"), 3);
    assert_eq!(couch.docs.borrow().len() as u32, batch * 4 + 10);
    assert!(couch.docs.borrow().values().all(|leaves| leaves.len() == 1));
    // Nothing left to send.
    assert_eq!(sync(&a, &couch, &ta).unwrap(), 0);
}

#[test]
fn a_pull_of_many_pages_saves_its_checkpoint_after_each_in_one_run() {
    let couch = FakeCouch::new();
    let a = MemoryStore::new();
    let n = PULL_BATCH as u32 * 2 + 10;
    many_contacts(&a, 0, n);
    let ta = target("tablet-a", PullScope::All);
    let tb = target("tablet-b", PullScope::All);
    sync(&a, &couch, &ta).unwrap();

    // Three pages, a checkpoint after each, each replacing the one before.
    let b = MemoryStore::new();
    couch.log.borrow_mut().clear();
    sync(&b, &couch, &tb).unwrap();
    assert_eq!(block_on(b.stats()).unwrap().live, n);
    let checkpoints = couch
        .log
        .borrow()
        .iter()
        .filter(|l| l.starts_with("PUT /wijkpeil/_local/"))
        .count();
    assert_eq!(checkpoints, 3);
    let saved = couch.local.borrow()["/_local/wijkpeil-pull-tablet-b"].clone();
    assert_eq!(saved["_rev"], json!("0-3"));
    assert_eq!(saved["since"], json!(u64::from(n)));

    // The next run goes on from there.
    couch.log.borrow_mut().clear();
    sync(&b, &couch, &tb).unwrap();
    let log = couch.log.borrow();
    assert!(
        log.iter()
            .any(|l| l.contains("_changes") && l.contains(&format!("since={n}"))),
        "{log:?}"
    );
}

#[test]
fn a_volunteers_tablet_pulls_only_what_every_device_shares() {
    let couch = FakeCouch::new();
    let (a, _) = tablet();
    sync(&a, &couch, &target("coordinator", PullScope::All)).unwrap();
    let tablet = MemoryStore::new();
    sync(&tablet, &couch, &target("tablet-9", PullScope::Shared)).unwrap();
    assert!(couch
        .log
        .borrow()
        .iter()
        .any(|l| l.contains("filter=wijkpeil/shared")));
    assert_eq!(
        block_on(tablet.stats()).unwrap().live,
        0,
        "no other hub's contacts"
    );

    // The organisation's lists are shared: they reach the tablet.
    let list = wijkpeil::domain::org_list::ListName::Locations;
    let fields = wijkpeil::domain::org_list::OrgListFields::current(
        list,
        &wijkpeil::domain::taxonomy::Taxonomy::builtin(),
        &wijkpeil::domain::trajectory::AgeBands::builtin(),
    );
    let entry = wijkpeil::domain::entry::Entry::new(list.id(), fields, t0(), "coordinator");
    block_on(a.insert(&entry)).unwrap();
    sync(&a, &couch, &target("coordinator", PullScope::All)).unwrap();
    sync(&tablet, &couch, &target("tablet-9", PullScope::Shared)).unwrap();
    let on_tablet = block_on(tablet.list_raw(RecordKind::OrgList)).unwrap();
    assert_eq!(on_tablet.len(), 1);
    assert!(on_tablet[0].contains("\"locations\""), "{on_tablet:?}");
    assert_eq!(block_on(tablet.stats()).unwrap().live, 1);
}

#[test]
fn settings_are_read_and_refused_where_they_cannot_work() {
    use wijkpeil::service::sync::{SettingsProblem, SyncSettings};
    let ok = SyncSettings::read(
        " https://wijkpeil.example.nl/couchdb/ ",
        "wijkpeil",
        " tablet1 ",
    );
    assert_eq!(
        ok,
        Ok(SyncSettings {
            server: "https://wijkpeil.example.nl/couchdb".into(),
            database: "wijkpeil".into(),
            user: "tablet1".into(),
        })
    );
    assert!(SyncSettings::read("http://127.0.0.1:5984", "wijkpeil", "a").is_ok());
    assert!(SyncSettings::read("http://localhost:5984/", "wijkpeil", "a").is_ok());
    for bad in [
        "http://couch.example.nl",
        "ftp://x",
        "https://",
        "wijkpeil.nl",
        "https://a b",
    ] {
        assert_eq!(
            SyncSettings::read(bad, "wijkpeil", "a"),
            Err(SettingsProblem::BadUrl),
            "{bad}"
        );
    }
    for bad in ["", "Wijkpeil", "1db", "wijk peil"] {
        assert_eq!(
            SyncSettings::read("https://x.nl", bad, "a"),
            Err(SettingsProblem::BadDatabase),
            "{bad}"
        );
    }
    assert_eq!(
        SyncSettings::read("https://x.nl", "wijkpeil-enquete", " "),
        Err(SettingsProblem::MissingLogin)
    );
}

#[test]
fn retries_back_off_and_errors_survive_as_codes() {
    use wijkpeil::service::sync::{error_code, error_from_code, retry_delay_ms};
    assert_eq!(retry_delay_ms(1), 5_000);
    assert_eq!(retry_delay_ms(2), 10_000);
    assert_eq!(retry_delay_ms(4), 40_000);
    assert_eq!(retry_delay_ms(40), 15 * 60_000);
    for error in [
        SyncError::Net(NetError::Offline),
        SyncError::Net(NetError::Unreachable),
        SyncError::Net(NetError::CorsNotSet),
        SyncError::Net(NetError::TimedOut),
        SyncError::WrongLogin,
        SyncError::NoAccess,
        SyncError::NoDatabase,
        SyncError::NotSetUp,
        SyncError::Server(503),
        SyncError::BadReply,
        SyncError::ReplyTooLarge { bytes: 70_000_000 },
    ] {
        assert_eq!(error_from_code(&error_code(&error)), Some(error));
    }
    assert_eq!(error_from_code("nonsense"), None);
}

#[test]
fn residents_answers_in_the_drop_off_reach_a_coordinator_once_and_go_on_to_the_main_database() {
    let couch = FakeCouch::new();
    let response = sample_response(8, 23);
    let mut doc = serde_json::to_value(&response).unwrap();
    doc["_id"] = json!(doc_id(RecordKind::SurveyResponse, response.meta.id));
    doc["_rev"] = json!("1-made-by-the-server");
    *couch.dropoff.borrow_mut() = Some(vec![doc]);
    let coordinator = MemoryStore::new();
    let laptop = target("laptop", PullScope::All);
    sync(&coordinator, &couch, &laptop).unwrap();
    assert_eq!(block_on(coordinator.stats()).unwrap().live, 1);
    assert_eq!(
        pending(&coordinator),
        1,
        "new here: it goes on to the main database"
    );
    assert_eq!(sync(&coordinator, &couch, &laptop), Ok(1));
    let id = doc_id(RecordKind::SurveyResponse, response.meta.id);
    assert_eq!(couch.leaves(&id).len(), 1);
    assert_eq!(couch.leaves(&id)[0].0.revision, 1);
    // Pulled again (a new laptop, the same answers): still one.
    sync(&coordinator, &couch, &laptop).unwrap();
    assert_eq!(block_on(coordinator.stats()).unwrap().live, 1);
    assert_eq!(pending(&coordinator), 0);
    // A volunteer's tablet does not read the drop-off.
    let tablet = MemoryStore::new();
    sync(&tablet, &couch, &target("tablet", PullScope::Shared)).unwrap();
    assert_eq!(block_on(tablet.stats()).unwrap().live, 0);
}

#[test]
fn a_coordinator_puts_each_own_surveys_newest_published_version_in_the_drop_off_once() {
    use std::rc::Rc;
    use wijkpeil::domain::survey::{duplicate, Template};
    use wijkpeil::service::surveys::SurveyService;

    let couch = FakeCouch::new();
    *couch.dropoff.borrow_mut() = Some(vec![]);
    let store = Rc::new(MemoryStore::new());
    let surveys = SurveyService::new(store.clone(), common::FixedEnv::at(t0()), "laptop".into());
    let visit = Template::ALL[0].definition();
    // A built-in survey with a stored version (its invited count): phones
    // have it already, it is not copied.
    block_on(surveys.set_invited(&visit, 40)).unwrap();
    let draft = block_on(surveys.save_version(&duplicate(&visit, "eigen-buurt"))).unwrap();
    let copies = || couch.survey_copies.borrow().clone();
    let requests = || {
        couch
            .log
            .borrow()
            .iter()
            .filter(|line| line.contains("/survey:"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let laptop = target("laptop", PullScope::All);

    // Only a draft: nothing for phones yet.
    sync(&store, &couch, &laptop).unwrap();
    assert!(copies().is_empty());

    let v1 = block_on(surveys.publish(&draft)).unwrap();
    sync(&store, &couch, &laptop).unwrap();
    assert_eq!(copies().keys().collect::<Vec<_>>(), ["survey:eigen-buurt"]);
    let (n, copy) = copies()["survey:eigen-buurt"].clone();
    assert_eq!(n, 1);
    assert_eq!(
        copy,
        serde_json::to_value(&v1).unwrap(),
        "the definition itself"
    );

    // Unchanged: not read or written again.
    let before = requests().len();
    sync(&store, &couch, &laptop).unwrap();
    assert_eq!(requests().len(), before);

    // A new draft changes nothing for phones; its publication replaces the copy.
    let v2 = block_on(surveys.edit(&v1)).unwrap();
    sync(&store, &couch, &laptop).unwrap();
    assert_eq!(copies()["survey:eigen-buurt"].0, 1);
    let v2 = block_on(surveys.publish(&v2)).unwrap();
    sync(&store, &couch, &laptop).unwrap();
    let (n, copy) = copies()["survey:eigen-buurt"].clone();
    assert_eq!((n, copy["version"].clone()), (2, json!(v2.version)));
    assert_eq!(
        requests()[before..],
        [
            "GET /wijkpeil-enquete/survey:eigen-buurt?",
            "PUT /wijkpeil-enquete/survey:eigen-buurt?",
        ]
    );

    // A volunteer's tablet holds the same survey but never writes copies.
    let tablet = MemoryStore::new();
    sync(&tablet, &couch, &target("tablet", PullScope::Shared)).unwrap();
    couch.survey_copies.borrow_mut().clear();
    sync(&tablet, &couch, &target("tablet", PullScope::Shared)).unwrap();
    assert!(copies().is_empty());
}

#[test]
fn a_drop_off_that_refuses_survey_copies_does_not_stop_the_sync() {
    use std::rc::Rc;
    use wijkpeil::domain::survey::{duplicate, Template};
    use wijkpeil::service::surveys::SurveyService;

    let couch = FakeCouch::new();
    *couch.dropoff.borrow_mut() = Some(vec![]);
    let store = Rc::new(MemoryStore::new());
    let surveys = SurveyService::new(store.clone(), common::FixedEnv::at(t0()), "laptop".into());
    let draft =
        block_on(surveys.save_version(&duplicate(&Template::ALL[0].definition(), "eigen-x")))
            .unwrap();
    block_on(surveys.publish(&draft)).unwrap();
    couch
        .faults
        .borrow_mut()
        .push(("/survey:".into(), Fault::Status(403)));
    let laptop = target("laptop", PullScope::All);
    assert!(sync(&store, &couch, &laptop).is_ok());
    assert!(couch.survey_copies.borrow().is_empty());
    // Not remembered as done: the next sync tries again.
    sync(&store, &couch, &laptop).unwrap();
    assert_eq!(couch.survey_copies.borrow().len(), 1);
}

#[test]
fn a_pending_batch_whose_reply_was_lost_is_sent_again_and_stored_once() {
    let couch = FakeCouch::new();
    let (store, _) = tablet();
    let ta = target("tablet-a", PullScope::Shared);
    sync(&store, &couch, &ta).unwrap();
    let later = sample_contact(9, t0());
    block_on(store.insert(&later)).unwrap();
    let id = doc_id(RecordKind::Contact, later.meta.id);

    couch.fail("_bulk_docs", Fault::CutAfterApply);
    assert_eq!(
        sync(&store, &couch, &ta),
        Err(SyncError::Net(NetError::Unreachable))
    );
    assert_eq!(pending(&store), 1, "not confirmed, so still pending");
    assert_eq!(couch.leaves(&id).len(), 1, "the server did store it");

    // Sent again without asking first: the server keeps the one revision.
    assert_eq!(sync(&store, &couch, &ta), Ok(1));
    assert_eq!(pending(&store), 0);
    assert_eq!(couch.leaves(&id).len(), 1);
    assert_eq!(couch.leaves(&id)[0].0.revision, 1);
}

/// Two coordinators with the same conflict (their own edits of one record,
/// synced), each settling it on their own device before they sync again:
/// `choices` are what each keeps (`Here` = its own version).
fn settled_apart(
    n: u8,
    choices: [wijkpeil::service::conflicts::Choice; 2],
) -> (
    FakeCouch,
    [std::rc::Rc<MemoryStore>; 2],
    [SyncTarget; 2],
    String,
    RecordId,
) {
    use std::rc::Rc;
    use wijkpeil::service::conflicts::ConflictService;
    let couch = FakeCouch::new();
    let stores = [Rc::new(MemoryStore::new()), Rc::new(MemoryStore::new())];
    let targets = [
        target("laptop-a", PullScope::All),
        target("laptop-b", PullScope::All),
    ];
    let contact = sample_contact(n, t0());
    block_on(stores[0].insert(&contact)).unwrap();
    sync(&stores[0], &couch, &targets[0]).unwrap();
    sync(&stores[1], &couch, &targets[1]).unwrap();
    for (store, note) in stores.iter().zip(["van laptop a", "van laptop b"]) {
        let here: Contact = block_on(store.get(contact.meta.id)).unwrap().unwrap();
        let mut fields = here.fields.clone();
        fields.note = note.into();
        block_on(store.update(&here.revised(fields, t0() + Duration::hours(1)))).unwrap();
    }
    sync(&stores[0], &couch, &targets[0]).unwrap();
    sync(&stores[1], &couch, &targets[1]).unwrap();
    sync(&stores[0], &couch, &targets[0]).unwrap();
    // Each settles it, offline, at another moment.
    for (i, (store, choice)) in stores.iter().zip(choices).enumerate() {
        let at = t0() + Duration::hours(2) + Duration::minutes(7 * i as i64);
        let service = ConflictService::new(store.clone(), common::FixedEnv::at(at));
        let conflicts = block_on(service.list()).unwrap();
        assert_eq!(conflicts.len(), 1);
        block_on(service.choose(&conflicts[0], choice)).unwrap();
    }
    for _ in 0..2 {
        sync(&stores[0], &couch, &targets[0]).unwrap();
        sync(&stores[1], &couch, &targets[1]).unwrap();
    }
    let id = doc_id(RecordKind::Contact, contact.meta.id);
    (couch, stores, targets, id, contact.meta.id)
}

#[test]
fn two_coordinators_who_keep_the_same_version_apart_agree_without_a_new_conflict() {
    use wijkpeil::service::conflicts::Choice;
    // a keeps b's version; b keeps its own: the same content.
    let (couch, stores, targets, id, record) = settled_apart(11, [Choice::Other, Choice::Here]);
    let live: Vec<_> = couch
        .leaves(&id)
        .into_iter()
        .filter(|(_, r)| !r.deleted)
        .collect();
    assert_eq!(live.len(), 1, "one live version on the server: {live:?}");
    assert_eq!(live[0].0.revision, 3);
    assert_eq!(
        live[0].1.body.as_ref().unwrap()["note"],
        json!("van laptop b")
    );
    for store in &stores {
        let here: Contact = block_on(store.get(record)).unwrap().unwrap();
        assert_eq!(
            (here.meta.revision, here.fields.note.as_str()),
            (3, "van laptop b")
        );
        assert_eq!(
            block_on(store.conflict_count()).unwrap(),
            0,
            "no new conflict"
        );
        assert_eq!(pending(store), 0);
    }
    // Settled: a further sync sends nothing.
    couch.log.borrow_mut().clear();
    for (store, target) in stores.iter().zip(&targets) {
        sync(store, &couch, target).unwrap();
    }
    assert!(!couch.log.borrow().iter().any(|l| l.contains("_bulk_docs")));
}

#[test]
fn two_coordinators_who_keep_different_versions_apart_meet_as_a_new_conflict() {
    use wijkpeil::service::conflicts::Choice;
    // Each keeps its own version: they disagree, and that is kept, not
    // decided by the server.
    let (couch, stores, _, id, record) = settled_apart(12, [Choice::Here, Choice::Here]);
    let live: Vec<_> = couch
        .leaves(&id)
        .into_iter()
        .filter(|(_, r)| !r.deleted)
        .collect();
    assert_eq!(live.len(), 2, "both choices on the server: {live:?}");
    assert!(live.iter().all(|(rev, _)| rev.revision == 3));
    for store in &stores {
        assert_eq!(
            block_on(store.conflict_count()).unwrap(),
            1,
            "to settle again"
        );
        let here: Contact = block_on(store.get(record)).unwrap().unwrap();
        assert_eq!(here.meta.revision, 3);
    }
}

/// A delete on one device and an edit on another of the same revision:
/// the merge rule says the delete wins, CouchDB makes the live leaf the
/// winner and leaves the deleted one out of `_conflicts`. This pins what
/// the app does then (docs/SYNC.md, "A delete against an edit"): the
/// device that deleted keeps its delete, every other device keeps the
/// edit, nobody is shown a conflict, and a later edit of the live version
/// brings the record back on the device that deleted it.
#[test]
fn a_delete_and_an_edit_of_one_revision_stay_apart_and_a_later_edit_wins() {
    let couch = FakeCouch::new();
    let (a, b, c) = (MemoryStore::new(), MemoryStore::new(), MemoryStore::new());
    let (ta, tb, tc) = (
        target("laptop-a", PullScope::All),
        target("laptop-b", PullScope::All),
        target("laptop-c", PullScope::All),
    );
    let contact = sample_contact(13, t0());
    block_on(a.insert(&contact)).unwrap();
    sync(&a, &couch, &ta).unwrap();
    sync(&b, &couch, &tb).unwrap();
    // Offline: a deletes it, b changes it; both are revision 2.
    let on_a: Contact = block_on(a.get(contact.meta.id)).unwrap().unwrap();
    block_on(a.update(&on_a.deleted(t0() + Duration::hours(1)))).unwrap();
    let on_b: Contact = block_on(b.get(contact.meta.id)).unwrap().unwrap();
    let mut fields = on_b.fields.clone();
    fields.note = "nog nodig".into();
    block_on(b.update(&on_b.revised(fields, t0() + Duration::hours(1)))).unwrap();
    for _ in 0..2 {
        sync(&a, &couch, &ta).unwrap();
        sync(&b, &couch, &tb).unwrap();
    }
    sync(&c, &couch, &tc).unwrap();

    // The server: both leaves of revision 2; the live one is the winner.
    let id = doc_id(RecordKind::Contact, contact.meta.id);
    let leaves = couch.leaves(&id);
    assert_eq!(leaves.len(), 2, "{leaves:?}");
    assert!(leaves.iter().all(|(rev, _)| rev.revision == 2));
    assert!(!leaves[0].1.deleted && leaves[1].1.deleted, "live wins");
    // a keeps its delete (the merge rule: a live revision 2 is older than
    // its deletion); b and a new device c have the edit; no conflict.
    let read =
        |store: &MemoryStore| -> Option<Contact> { block_on(store.get(contact.meta.id)).unwrap() };
    assert_eq!(read(&a), None);
    for store in [&b, &c] {
        let here = read(store).expect("live");
        assert_eq!(
            (here.meta.revision, here.fields.note.as_str()),
            (2, "nog nodig")
        );
    }
    for store in [&a, &b, &c] {
        assert_eq!(block_on(store.conflict_count()).unwrap(), 0);
        assert_eq!(pending(store), 0);
    }

    // b changes it again: revision 3 is higher than a's delete, so a takes
    // it and the record is back on a.
    let on_b = read(&b).unwrap();
    let mut fields = on_b.fields.clone();
    fields.note = "weer gewijzigd".into();
    block_on(b.update(&on_b.revised(fields, t0() + Duration::hours(2)))).unwrap();
    sync(&b, &couch, &tb).unwrap();
    sync(&a, &couch, &ta).unwrap();
    let back = read(&a).expect("back on a");
    assert_eq!(
        (back.meta.revision, back.fields.note.as_str()),
        (3, "weer gewijzigd")
    );
}
