//! Valid inputs of every parser of outside input: what the fuzzer mutates
//! and what `tests/hostile_input.rs` spoils by hand.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};
use wijkpeil::domain::activity::{series, ActivityFields, ActivityKind, WEEKLY};
use wijkpeil::domain::couch::outgoing;
use wijkpeil::domain::entry::{Entry, Record};
use wijkpeil::domain::export::build_export;
use wijkpeil::domain::initiative::{InitiativeFields, InitiativeKind, InitiativeStatus};
use wijkpeil::domain::org_list::{ListName, OrgListFields};
use wijkpeil::domain::record::{RecordId, RecordKind};
use wijkpeil::domain::survey::{templates, SurveyDefinition, SurveyStatus, SurveyVersion};
use wijkpeil::domain::taxonomy::Taxonomy;
use wijkpeil::storage::contract::{sample_contact, sample_response, sample_trajectory, t0};

/// The own survey the definition seeds are: a link names it.
pub const OWN_SURVEY: &str = "eigen-0a1b2c3d";

/// A contact as the first version of the app stored it (schema 1).
pub const V1_CONTACT: &str = r#"{"id":"0190f1e2-3a4b-7c5d-8e6f-0123456789ab","kind":"contact","schema_version":1,"created_at":"2025-03-04T10:15:00.000Z","updated_at":"2025-03-05T08:00:00.000Z","device_id":"tablet-noord","revision":3,"location":"wijkplein-noord","occurred_at":"2025-03-04T10:00:00.000Z","channel":"inloop","domain":"financien","referred_to":"gemeente","note":"vraag over kwijtschelding","initials":"JdV"}"#;

/// A tombstone as the store keeps it.
pub const TOMBSTONE: &str = r#"{"id":"0193a1c2-0000-7000-8000-0000000000aa","kind":"activity","schema_version":1,"created_at":"2026-03-02T10:00:00.000Z","updated_at":"2026-03-09T10:00:00.000Z","device_id":"tablet-1","revision":4,"deleted":true}"#;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// One live record of every kind, in `RecordKind::ALL` order, as the store
/// keeps it.
pub fn one_of_every_kind(now: DateTime<Utc>) -> Vec<(RecordKind, String)> {
    fn stored<R: Record>(record: &R) -> (RecordKind, String) {
        (
            R::KIND,
            serde_json::to_string(record).expect("a record as JSON"),
        )
    }
    let id = |n: u8| RecordId::new_v7(1_790_000_000_000, [n; 10]);
    let activity = ActivityFields {
        title: "Cursus omgaan met geld".into(),
        activity_kind: ActivityKind::Course,
        theme: "financien".into(),
        location: "wijkplein-centrum".into(),
        survey: None,
        meetings: series(date(2026, 3, 2), 4, WEEKLY),
    };
    let initiative = InitiativeFields {
        name: "Moestuin Oost".into(),
        initiative_kind: InitiativeKind::YouthInitiative,
        start: date(2026, 3, 2),
        status: InitiativeStatus::Running,
        participants: 18,
        support: vec![],
    };
    let survey = SurveyVersion {
        survey: own_survey(0),
    };
    let locations = OrgListFields {
        list: ListName::Locations,
        terms: Taxonomy::builtin().locations,
        bands: vec![],
    };
    vec![
        stored(&sample_contact(1, now)),
        stored(&sample_response(2, 23)),
        stored(&Entry::new(id(3), survey, now, "tablet-1")),
        stored(&sample_trajectory(4)),
        stored(&Entry::new(id(5), activity, now, "tablet-1")),
        stored(&Entry::new(id(6), initiative, now, "tablet-1")),
        stored(&Entry::new(id(7), locations, now, "coordinator")),
    ]
}

/// Every record seed: one of every kind, an old schema and a tombstone.
pub fn records() -> Vec<(RecordKind, String)> {
    let mut records = one_of_every_kind(t0());
    records.push((RecordKind::Contact, V1_CONTACT.to_owned()));
    records.push((RecordKind::Activity, TOMBSTONE.to_owned()));
    records
}

/// An export file of `records` (format 3).
pub fn export_of(records: &[(RecordKind, String)]) -> String {
    let mut by_kind: Vec<(RecordKind, Vec<String>)> = Vec::new();
    for (kind, text) in records {
        match by_kind.iter_mut().find(|(k, _)| k == kind) {
            Some((_, texts)) => texts.push(text.clone()),
            None => by_kind.push((*kind, vec![text.clone()])),
        }
    }
    build_export(by_kind, "tablet-1", t0())
        .expect("an export")
        .text
}

/// Export files: every kind, and a format 1 file of contacts.
pub fn import_files() -> Vec<String> {
    let records = records();
    let contacts: Vec<Value> = records
        .iter()
        .filter(|(kind, _)| *kind == RecordKind::Contact)
        .map(|(_, text)| serde_json::from_str(text).expect("JSON"))
        .collect();
    let format_1 = json!({
        "format": "wijkpeil-export",
        "format_version": 1,
        "exported_at": "2025-03-05T08:00:00.000Z",
        "device_id": "tablet-noord",
        "contacts": contacts,
    });
    vec![export_of(&records), format_1.to_string()]
}

/// Built-in survey `n` (of four) as an organisation's own, published.
pub fn own_survey(n: usize) -> SurveyDefinition {
    let mut definition = templates::builtin().swap_remove(n % 4);
    definition.id = OWN_SURVEY.to_owned();
    definition.status = SurveyStatus::Published;
    definition
}

/// Definitions as a phone reads them from a link or the drop-off.
pub fn definitions() -> Vec<String> {
    (0..4)
        .map(|n| serde_json::to_string(&own_survey(n)).expect("JSON"))
        .collect()
}

/// Survey link fragments.
pub fn links() -> Vec<String> {
    vec![
        "#s=kto&lang=nl&loc=wijkplein-centrum".to_owned(),
        "#s=wijkplein-bezoek&lang=en&loc=wijkplein-noord&kiosk=1&idle=120".to_owned(),
        "s=groepsactiviteit&act=0193a1c2-0000-7000-8000-000000000005&lang=ar".to_owned(),
        format!("#s={OWN_SURVEY}&v=2&lang=nl"),
        format!("#s=kto&to=https://wijkpeil.example.nl/couchdb/wijkpeil-enquete&k={ANSWER_KEY}"),
        format!("#s={OWN_SURVEY}&to=https://wijkpeil.example.nl/couchdb/wijkpeil-enquete"),
        format!("#s={OWN_SURVEY}&to=http://127.0.0.1:5984/wijkpeil-enquete&lang=nl"),
        format!(
            "#s={OWN_SURVEY}&lang=nl&d=lZJBbsIwEEX3nGLkdYTjhEKJCBKbLrroQdBgkASqMhbdKuHu9kAiJm0XXWZmvq-_J8_p4vjQcVkRTpUQFxmsDQ6YNimqAD3qCbhsXXZXFiqTH4h"
        ),
    ]
}

/// A public answer key (a P-256 point's shape).
pub const ANSWER_KEY: &str =
    "BAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0A";

/// Key files (Instellingen → Versleutelde antwoorden).
pub fn key_files() -> Vec<String> {
    use wijkpeil::domain::base64url::encode;
    vec![serde_json::json!({
        "format": "wijkpeil-answer-key",
        "version": 1,
        "public": ANSWER_KEY,
        "key": "0102030405060708",
        "iterations": 600000,
        "salt": encode(&[1; 16]),
        "iv": encode(&[2; 12]),
        "private": encode(&[3; 154]),
    })
    .to_string()]
}

/// Stored encrypted fields (`wpenc1:`): one made by the browser, one of the
/// shortest shape.
pub fn text_fields() -> Vec<String> {
    vec![
        "wpenc1:AwMDAwMDAwMDAwMD:TYvWcXpJPSoOJTFn-g34aoVVCtR0ZSKDVFaj".into(),
        format!(
            "wpenc1:{}:{}",
            wijkpeil::domain::base64url::encode(&[0; 12]),
            wijkpeil::domain::base64url::encode(&[0; 16])
        ),
    ]
}

/// The documents the sync pushes (the record seeds as CouchDB documents).
pub fn docs() -> Vec<Value> {
    records()
        .iter()
        .map(|(_, text)| {
            serde_json::from_str(&outgoing(text).expect("a record to push").json)
                .expect("a document")
        })
        .collect()
}

/// `_changes` replies: every document, a conflict, a design document, a
/// row without its document.
pub fn changes_replies() -> Vec<String> {
    let mut rows: Vec<Value> = docs()
        .into_iter()
        .enumerate()
        .map(|(n, doc)| {
            json!({
                "seq": format!("{}-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMcoEQiQ1L9____szKYE5lzgQLsFokpJmkWpphKcRqRxwIkGRqA1H-o8ewg42PZAiAdRe2IFwAEVzyj", n + 1),
                "id": doc["_id"],
                "changes": [{ "rev": doc["_rev"] }],
                "doc": doc,
            })
        })
        .collect();
    if let Some(doc) = rows[0]["doc"].as_object_mut() {
        let revision = doc["revision"].as_u64().unwrap_or(1);
        doc.insert(
            "_conflicts".into(),
            json!([format!("{revision}-0123456789abcdef0123456789abcdef")]),
        );
    }
    rows.push(json!({
        "seq": "9-g1AAAA",
        "id": "_design/wijkpeil",
        "changes": [{ "rev": "1-abc" }],
        "doc": { "_id": "_design/wijkpeil", "_rev": "1-abc", "filters": { "shared": "function (doc) { return true; }" } },
    }));
    rows.push(json!({ "seq": "10-g1AAAA", "id": "contact:x", "changes": [], "deleted": true }));
    let page = json!({ "results": rows, "last_seq": "10-g1AAAA", "pending": 0 });
    let numbers = json!({ "results": [], "last_seq": 42 });
    vec![page.to_string(), numbers.to_string()]
}

/// Documents as fetched one by one (a conflict's other leaf).
pub fn fetched_docs() -> Vec<String> {
    docs().iter().map(Value::to_string).collect()
}

/// Replies to `_revs_diff`, `_bulk_docs`, a checkpoint read and a write.
pub fn small_replies() -> Vec<String> {
    let docs = docs();
    let id = |n: usize| docs[n]["_id"].clone();
    let rev = |n: usize| docs[n]["_rev"].clone();
    vec![
        json!({ id(0).as_str().unwrap_or_default(): { "missing": [rev(0)], "possible_ancestors": ["1-0123456789abcdef0123456789abcdef"] },
                id(2).as_str().unwrap_or_default(): { "missing": [rev(2)] } })
        .to_string(),
        json!([
            { "id": id(1), "error": "forbidden", "reason": "Alleen enquêteantwoorden." },
            { "id": id(3), "error": "unauthorized", "reason": "Name or password is incorrect." },
            { "ok": true, "id": id(4), "rev": rev(4) },
        ])
        .to_string(),
        json!({ "_id": "_local/wijkpeil-pull-tablet-1", "_rev": "0-3", "since": "12-g1AAAA" }).to_string(),
        json!({ "ok": true, "id": "_local/wijkpeil-pull-tablet-1", "rev": "0-4" }).to_string(),
    ]
}
