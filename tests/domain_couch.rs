//! A stored record as the document the sync pushes: the text is made once
//! and the batch's request joins the texts, so both are checked here as
//! JSON, member by member.

use serde_json::{json, Value};
use wijkpeil::domain::couch::{bulk_docs_request, outgoing, Rev};

const ID: &str = "019b770b-2d93-74bc-aafa-4bf7db563ee6";

fn stored(extra: Value) -> String {
    let mut record = json!({
        "kind": "contact",
        "id": ID,
        "revision": 3,
        "schema_version": 2,
        "deleted": false,
        "channel": "telefoon",
        "note": "brief \"_id\" van de verhuurder",
        "shipped_revision": 1,
        "pending": 1,
    });
    for (key, value) in extra.as_object().unwrap() {
        record[key] = value.clone();
    }
    record.to_string()
}

fn parsed(text: &str) -> Value {
    serde_json::from_str(text).expect("the document is JSON")
}

#[test]
fn a_document_holds_the_travelling_fields_and_the_revision_path() {
    let known = format!("2-{}", "a".repeat(32));
    let doc = outgoing(&stored(json!({ "server_rev": known }))).unwrap();
    let text = parsed(&doc.json);
    let digest = doc.rev.digest.clone();
    assert_eq!(doc.rev, Rev::parse(&format!("3-{digest}")).unwrap());
    assert_eq!(
        text,
        json!({
            "_id": format!("contact:{ID}"),
            "_rev": format!("3-{digest}"),
            "_revisions": { "start": 3, "ids": [digest, "a".repeat(32)] },
            "kind": "contact",
            "id": ID,
            "revision": 3,
            "schema_version": 2,
            "deleted": false,
            "channel": "telefoon",
            "note": "brief \"_id\" van de verhuurder",
        })
    );
}

#[test]
fn a_deleted_record_is_sent_as_a_deletion() {
    let doc = outgoing(&stored(json!({ "deleted": true }))).unwrap();
    assert_eq!(parsed(&doc.json)["_deleted"], json!(true));
    let live = outgoing(&stored(json!({}))).unwrap();
    assert!(parsed(&live.json).get("_deleted").is_none());
}

#[test]
fn the_digest_is_of_the_content_whatever_the_local_fields() {
    let a = outgoing(&stored(json!({ "shipped_revision": 0, "pending": 1 }))).unwrap();
    let b = outgoing(&stored(json!({ "shipped_revision": 2, "pending": 0 }))).unwrap();
    let c = outgoing(&stored(json!({ "channel": "inloop" }))).unwrap();
    assert_eq!(a.rev, b.rev);
    assert_ne!(a.rev, c.rev);
}

#[test]
fn a_body_that_names_a_special_member_sends_it_once_as_the_special() {
    let doc = outgoing(&stored(json!({ "_id": "other", "deleted": true }))).unwrap();
    let text = &doc.json;
    assert_eq!(text.matches("\"_id\":").count(), 1, "{text}");
    assert_eq!(parsed(text)["_id"], json!(format!("contact:{ID}")));
    assert_eq!(parsed(text)["_deleted"], json!(true));
}

#[test]
fn a_batch_request_joins_the_documents() {
    let docs = [
        outgoing(&stored(json!({}))).unwrap(),
        outgoing(&stored(json!({ "deleted": true }))).unwrap(),
    ];
    let body = parsed(&bulk_docs_request(docs.iter()));
    assert_eq!(body["new_edits"], json!(false));
    assert_eq!(
        body["docs"],
        json!([parsed(&docs[0].json), parsed(&docs[1].json)])
    );
    assert_eq!(
        parsed(&bulk_docs_request([].iter())),
        json!({ "docs": [], "new_edits": false })
    );
}
