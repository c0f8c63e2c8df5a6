//! Records as Apache CouchDB documents, and the pure half of its replication
//! protocol: what to send (`_revs_diff`, `_bulk_docs` with `new_edits:false`)
//! and how to read what comes back (`_changes`, per-document errors).
//!
//! A record keeps its own id and revision (`domain::record`); CouchDB's
//! `_rev` is derived from them, the same on every device:
//! - `_id` is `"{kind}:{id}"`;
//! - `_rev` is `"{revision}-{digest}"`, the digest a 128-bit hash of the
//!   record as it travels (without this device's bookkeeping), so the same
//!   revision with the same content has the same `_rev` everywhere and a
//!   batch sent twice is stored once;
//! - the ancestry (`_revisions`) leads from that `_rev` back to the last
//!   `_rev` this device knows the server holds (`server_rev`, kept with the
//!   record); revisions that never left a device in between are named by a
//!   digest of their id and number only. Two devices that change one record
//!   independently make two leaves on one revision: CouchDB keeps both (a
//!   conflict), and so does the merge rule.
//!
//! Every reply is read within [`REPLY_LIMITS`] (a server that was taken
//! over, or a proxy in between, may send anything), and every document in
//! it is checked as an import checks a record.
//!
//! Pure: text in, text out; no network and no store.

use crate::domain::import::{check_record, is_recursion_limit, Incoming, RecordProblem, LIMITS};
use crate::domain::merge::without_local_fields;
use crate::domain::record::{RecordId, RecordKind};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// What a reply of the sync server may hold at most; a larger one is not
/// read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyLimits {
    /// A reply that lists documents (`_changes`, `_revs_diff`,
    /// `_bulk_docs`): a page of 500 records is a few MB.
    pub reply_bytes: usize,
    /// One fetched document: a record (an import's limit) and CouchDB's
    /// own fields.
    pub doc_bytes: usize,
    /// A small reply: a checkpoint document, the answer to a write.
    pub small_bytes: usize,
    /// A `_changes` position (`last_seq`), which goes back to the server
    /// in an address.
    pub seq_bytes: usize,
    /// The digest of a revision (CouchDB's and ours are 32 hex digits).
    pub digest_bytes: usize,
    /// The reason a server gives for refusing a document, as shown: cut
    /// after this many characters.
    pub reason_chars: usize,
}

pub const REPLY_LIMITS: ReplyLimits = ReplyLimits {
    reply_bytes: 64 * 1024 * 1024,
    doc_bytes: 2 * LIMITS.record_bytes,
    small_bytes: 64 * 1024,
    seq_bytes: 16 * 1024,
    digest_bytes: 64,
    reason_chars: 500,
};

/// Why a reply is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyProblem {
    /// Not what CouchDB sends.
    NotCouch,
    /// Larger than its limit.
    TooLarge { bytes: usize },
}

/// `reply` when it is within `max` bytes.
fn within(reply: &str, max: usize) -> Result<&str, ReplyProblem> {
    if reply.len() > max {
        return Err(ReplyProblem::TooLarge { bytes: reply.len() });
    }
    Ok(reply)
}

/// The local field where a record keeps the last `_rev` of it that the
/// server is known to hold.
pub const SERVER_REV: &str = "server_rev";

/// A CouchDB revision: the record's revision number and a digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rev {
    pub revision: u32,
    pub digest: String,
}

impl Rev {
    /// `"{revision}-{digest}"`: a revision from 1 and a digest of letters
    /// and digits, at most `REPLY_LIMITS.digest_bytes` long.
    pub fn parse(text: &str) -> Option<Self> {
        let (number, digest) = text.split_once('-')?;
        let digest_fits = !digest.is_empty()
            && digest.len() <= REPLY_LIMITS.digest_bytes
            && digest.bytes().all(|b| b.is_ascii_alphanumeric());
        Some(Self {
            revision: number.parse().ok().filter(|n| *n > 0)?,
            digest: digest_fits.then(|| digest.to_string())?,
        })
    }
}

impl std::fmt::Display for Rev {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.revision, self.digest)
    }
}

/// The document id of a record.
pub fn doc_id(kind: RecordKind, id: RecordId) -> String {
    format!("{}:{id}", kind.name())
}

/// The kind and id a document id names; `None` for documents that are not
/// records (design documents, anything else on the server).
pub fn parse_doc_id(text: &str) -> Option<(RecordKind, RecordId)> {
    let (kind, id) = text.split_once(':')?;
    let kind = RecordKind::ALL.into_iter().find(|k| k.name() == kind)?;
    let id = uuid::Uuid::parse_str(id).ok()?;
    Some((kind, RecordId(id)))
}

/// FNV-1a, 128 bits, as 32 lowercase hex digits. Not a cryptographic hash:
/// it only has to tell different contents of one record apart.
fn digest(bytes: &[u8]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let hash = bytes.iter().fold(OFFSET, |hash, byte| {
        (hash ^ u128::from(*byte)).wrapping_mul(PRIME)
    });
    format!("{hash:032x}")
}

/// The name of a revision that never left a device (its content unknown
/// elsewhere): the same on every device.
fn unseen_digest(id: &str, revision: u32) -> String {
    digest(format!("wijkpeil:{id}:{revision}").as_bytes())
}

/// The deletion that closes a leaf of a record's revision tree on the
/// server: a version a person did not choose when settling a conflict. Its
/// `_rev` follows from the leaf, so closing one twice stores one deletion;
/// CouchDB then no longer lists the leaf in `_conflicts`. `None` for a
/// document id that is not a record's.
pub fn closing_doc(doc_id: &str, leaf: &Rev) -> Option<Value> {
    let (kind, id) = parse_doc_id(doc_id)?;
    let revision = leaf.revision + 1;
    let digest = digest(format!("wijkpeil:closes:{doc_id}:{leaf}").as_bytes());
    Some(json!({
        "_id": doc_id,
        "_rev": format!("{revision}-{digest}"),
        "_deleted": true,
        "_revisions": { "start": revision, "ids": [digest, leaf.digest] },
        "kind": kind.name(),
        "id": id.to_string(),
        "revision": revision,
        "deleted": true,
    }))
}

/// A record ready to push: its document id, `_rev` and the document.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingDoc {
    pub kind: RecordKind,
    pub id: RecordId,
    pub revision: u32,
    pub doc_id: String,
    pub rev: Rev,
    /// The document as JSON text, made once: a batch's request joins them.
    pub json: String,
}

/// Why a stored record cannot be pushed: it is kept, counted and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutgoingProblem {
    /// Not an object, or without a usable id, kind or revision.
    Unreadable,
}

/// A stored record (JSON text as `RecordStore::list_raw` gives it) as the
/// document to push.
pub fn outgoing(text: &str) -> Result<OutgoingDoc, OutgoingProblem> {
    let Ok(Value::Object(record)) = serde_json::from_str::<Value>(text) else {
        return Err(OutgoingProblem::Unreadable);
    };
    let known = record
        .get(SERVER_REV)
        .and_then(Value::as_str)
        .and_then(Rev::parse);
    let kind = record
        .get("kind")
        .and_then(Value::as_str)
        .and_then(|k| RecordKind::ALL.into_iter().find(|kind| kind.name() == k))
        .ok_or(OutgoingProblem::Unreadable)?;
    let id_text = record
        .get("id")
        .and_then(Value::as_str)
        .ok_or(OutgoingProblem::Unreadable)?
        .to_string();
    let id = uuid::Uuid::parse_str(&id_text)
        .map(RecordId)
        .map_err(|_| OutgoingProblem::Unreadable)?;
    let revision = record
        .get("revision")
        .and_then(Value::as_u64)
        .and_then(|r| u32::try_from(r).ok())
        .filter(|r| *r > 0)
        .ok_or(OutgoingProblem::Unreadable)?;
    let deleted = record
        .get("deleted")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let body = without_local_fields(record);
    // The map's keys are sorted, so equal content gives equal text (and
    // digest) on every device.
    let rev = Rev {
        revision,
        digest: digest(Value::Object(body.clone()).to_string().as_bytes()),
    };
    // The path back to what the server holds, newest first.
    let mut ids = vec![Value::from(rev.digest.clone())];
    let stop = known
        .as_ref()
        .filter(|k| k.revision < revision)
        .map_or(0, |k| k.revision);
    for older in (stop + 1..revision).rev() {
        ids.push(Value::from(unseen_digest(&id_text, older)));
    }
    if let Some(known) = known.filter(|k| k.revision < revision) {
        ids.push(Value::from(known.digest));
    }
    let doc_id = doc_id(kind, id);
    // CouchDB's special members replace any of the same name in the body.
    let mut doc = body;
    doc.insert("_id".into(), Value::from(doc_id.clone()));
    doc.insert("_rev".into(), Value::from(rev.to_string()));
    doc.insert(
        "_revisions".into(),
        json!({ "start": revision, "ids": ids }),
    );
    if deleted {
        doc.insert("_deleted".into(), Value::Bool(true));
    }
    Ok(OutgoingDoc {
        kind,
        id,
        revision,
        doc_id,
        rev,
        json: Value::Object(doc).to_string(),
    })
}

/// The body of `POST /{db}/_revs_diff` for a batch.
pub fn revs_diff_request(docs: &[OutgoingDoc]) -> String {
    let mut body = Map::new();
    for doc in docs {
        body.insert(doc.doc_id.clone(), json!([doc.rev.to_string()]));
    }
    Value::Object(body).to_string()
}

/// The `(doc id, rev)` pairs a `_revs_diff` reply names as missing on the
/// server.
pub fn missing_revs(reply: &str) -> Result<HashSet<(String, String)>, ReplyProblem> {
    let reply = within(reply, REPLY_LIMITS.reply_bytes)?;
    let Ok(Value::Object(reply)) = serde_json::from_str::<Value>(reply) else {
        return Err(ReplyProblem::NotCouch);
    };
    let mut missing = HashSet::new();
    for (doc_id, entry) in reply {
        for rev in entry
            .get("missing")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            missing.insert((doc_id.clone(), rev.to_string()));
        }
    }
    Ok(missing)
}

/// The body of `POST /{db}/_bulk_docs` that stores the documents with the
/// given revisions as they are (replication's `new_edits: false`).
pub fn bulk_docs_request<'a>(docs: impl IntoIterator<Item = &'a OutgoingDoc>) -> String {
    let mut body = String::from(r#"{"docs":["#);
    for (n, doc) in docs.into_iter().enumerate() {
        if n > 0 {
            body.push(',');
        }
        body.push_str(&doc.json);
    }
    body.push_str(r#"],"new_edits":false}"#);
    body
}

/// A document the server did not store, and why (CouchDB's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub doc_id: String,
    pub error: String,
    pub reason: String,
}

impl DocError {
    /// A refusal that a retry cannot change (the document breaks the
    /// server's rules), as opposed to a passing fault.
    pub fn is_refusal(&self) -> bool {
        self.error == "forbidden"
    }

    /// The login may not write here.
    pub fn is_unauthorized(&self) -> bool {
        self.error == "unauthorized"
    }
}

/// The per-document errors of a `_bulk_docs` reply (with `new_edits:false`
/// CouchDB lists only failures); each reason cut to
/// `REPLY_LIMITS.reason_chars`.
pub fn bulk_docs_errors(reply: &str) -> Result<Vec<DocError>, ReplyProblem> {
    let reply = within(reply, REPLY_LIMITS.reply_bytes)?;
    let Ok(Value::Array(rows)) = serde_json::from_str::<Value>(reply) else {
        return Err(ReplyProblem::NotCouch);
    };
    let text = |row: &Value, field: &str| {
        row.get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(rows
        .iter()
        .filter(|row| row.get("error").is_some())
        .map(|row| DocError {
            doc_id: text(row, "id"),
            error: text(row, "error"),
            reason: cut(&text(row, "reason"), REPLY_LIMITS.reason_chars),
        })
        .collect())
}

/// `text` cut after `max` characters, marked with "…" when it was.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// One page of `_changes` (with `include_docs`, `conflicts` and
/// `style=all_docs`).
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesPage {
    /// Records that came with the page, by kind, each carrying the `_rev`
    /// it has on the server in its `server_rev`.
    pub records: Vec<(RecordKind, Incoming)>,
    /// Documents that are records but could not be read, with the reason:
    /// left on the server, counted, reported.
    pub unreadable: Vec<(String, RecordProblem)>,
    /// Other leaves of a record on its winner's revision number: two
    /// devices changed it independently. Each must be fetched and kept.
    pub conflicts: Vec<(String, Rev)>,
    /// Where the next page starts, exactly as the server sent it.
    pub last_seq: Value,
    /// How many changes are left after this page, when the server says.
    pub pending: Option<u64>,
    /// Rows in the page, records or not.
    pub rows: usize,
}

/// A `_changes` reply with its rows left as text: each row is read on its
/// own, so one document that cannot be read (nested past serde_json's
/// limit, say) is reported, not the whole page refused.
#[derive(Deserialize)]
struct ChangesReply<'a> {
    #[serde(borrow)]
    results: Vec<&'a RawValue>,
    #[serde(default)]
    last_seq: Value,
    #[serde(default)]
    pending: Value,
}

/// One row of `_changes`: only its document matters.
#[derive(Deserialize)]
struct ChangesRow<'a> {
    #[serde(borrow, default)]
    doc: Option<&'a RawValue>,
}

/// The id of a document that did not read as a tree.
#[derive(Deserialize)]
struct DocId {
    #[serde(rename = "_id")]
    id: String,
}

/// A document as a tree; when it does not read as one, the reason, and
/// its id when that can still be read.
fn doc_tree(text: &str) -> Result<Map<String, Value>, Option<(String, RecordProblem)>> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(doc)) => Ok(doc),
        Ok(_) => Err(None),
        Err(error) => {
            let problem = if is_recursion_limit(&error) {
                RecordProblem::TooDeep
            } else {
                RecordProblem::NotAnObject
            };
            Err(serde_json::from_str::<DocId>(text)
                .ok()
                .map(|doc| (doc.id, problem)))
        }
    }
}

/// Reads a `_changes` reply.
pub fn read_changes(
    reply: &str,
    wanted: &dyn Fn(RecordKind) -> bool,
) -> Result<ChangesPage, ReplyProblem> {
    let reply = within(reply, REPLY_LIMITS.reply_bytes)?;
    let reply: ChangesReply = serde_json::from_str(reply).map_err(|_| ReplyProblem::NotCouch)?;
    let last_seq = match reply.last_seq {
        Value::String(seq) if seq.len() > REPLY_LIMITS.seq_bytes => {
            return Err(ReplyProblem::NotCouch)
        }
        seq @ (Value::Null | Value::Number(_) | Value::String(_)) => seq,
        _ => return Err(ReplyProblem::NotCouch),
    };
    let rows = reply.results;
    let mut page = ChangesPage {
        records: Vec::new(),
        unreadable: Vec::new(),
        conflicts: Vec::new(),
        last_seq,
        pending: reply.pending.as_u64(),
        rows: rows.len(),
    };
    for row in rows {
        let Some(doc) = serde_json::from_str::<ChangesRow>(row.get())
            .ok()
            .and_then(|row| row.doc)
        else {
            continue;
        };
        let doc = match doc_tree(doc.get()) {
            Ok(doc) => doc,
            Err(unreadable) => {
                if let Some((doc_id, problem)) = unreadable {
                    if parse_doc_id(&doc_id).is_some_and(|(kind, _)| wanted(kind)) {
                        page.unreadable.push((doc_id, problem));
                    }
                }
                continue;
            }
        };
        let Some(doc_id) = doc.get("_id").and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        let Some((kind, _)) = parse_doc_id(&doc_id) else {
            continue; // a design document or a stranger
        };
        if !wanted(kind) {
            continue;
        }
        let winner = doc.get("_rev").and_then(Value::as_str).and_then(Rev::parse);
        for other in doc
            .get("_conflicts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter_map(Rev::parse)
        {
            if winner
                .as_ref()
                .is_some_and(|w| w.revision == other.revision)
            {
                page.conflicts.push((doc_id.clone(), other));
            }
        }
        match incoming_doc(&doc_id, kind, doc) {
            Ok(incoming) => page.records.push((kind, incoming)),
            Err(problem) => page.unreadable.push((doc_id, problem)),
        }
    }
    Ok(page)
}

/// A document as fetched from the server (`GET /{db}/{id}?rev=…`) as a
/// record to merge. `None` when it is not a record document.
pub fn read_doc(reply: &str) -> Option<Result<(RecordKind, Incoming), RecordProblem>> {
    if reply.len() > REPLY_LIMITS.doc_bytes {
        return Some(Err(RecordProblem::TooLarge));
    }
    let doc = match doc_tree(reply) {
        Ok(doc) => doc,
        Err(unreadable) => {
            let (doc_id, problem) = unreadable?;
            parse_doc_id(&doc_id)?;
            return Some(Err(problem));
        }
    };
    let doc_id = doc.get("_id").and_then(Value::as_str)?.to_string();
    let (kind, _) = parse_doc_id(&doc_id)?;
    Some(incoming_doc(&doc_id, kind, doc).map(|incoming| (kind, incoming)))
}

/// A record document, checked as an import checks a record (kind, limits,
/// the kind's own schema), with its `_rev` in `server_rev`.
fn incoming_doc(
    doc_id: &str,
    kind: RecordKind,
    mut doc: Map<String, Value>,
) -> Result<Incoming, RecordProblem> {
    let rev = doc.get("_rev").and_then(Value::as_str).map(str::to_string);
    doc.retain(|key, _| !key.starts_with('_'));
    let text = Value::Object(doc).to_string();
    let mut incoming = check_record(kind, &text, &LIMITS)?;
    if doc_id != self::doc_id(kind, incoming.meta.id) {
        return Err(RecordProblem::WrongKind);
    }
    if let Some(rev) = rev.filter(|r| Rev::parse(r).is_some()) {
        incoming.record.insert(SERVER_REV.into(), Value::from(rev));
    }
    Ok(incoming)
}

/// The checkpoint document of a device's pull (`_local/…`, never
/// replicated): where its last pull ended, and under which session, so a
/// restart resumes there and a server whose database was made anew (no
/// such document) is read from the start.
pub fn checkpoint_doc_id(device_id: &str) -> String {
    format!("_local/wijkpeil-pull-{device_id}")
}

/// The stored `since` of a pull, when the device's and the server's
/// checkpoints agree; else from the start (`0`). Pulling from the start
/// again is safe: the merge rule takes nothing twice.
pub fn resume_from(local: Option<&Value>, server_doc: Option<&str>) -> Value {
    let server = server_doc
        .filter(|text| text.len() <= REPLY_LIMITS.small_bytes)
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .and_then(|doc| doc.get("since").cloned());
    match (local, server) {
        (Some(local), Some(server)) if *local == server => server,
        _ => Value::from(0),
    }
}

/// The body of a checkpoint document (with the `_rev` it replaces, if any).
pub fn checkpoint_body(since: &Value, previous_rev: Option<&str>) -> String {
    let mut doc = json!({ "since": since });
    if let Some(rev) = previous_rev {
        doc["_rev"] = Value::from(rev);
    }
    doc.to_string()
}

/// The `_rev` of a fetched document, if any (within the limits of a
/// document).
pub fn rev_of(reply: &str) -> Option<String> {
    small_field(reply, REPLY_LIMITS.doc_bytes, "_rev")
}

/// The new revision named by CouchDB's answer to a write
/// (`{"ok": true, "id": …, "rev": …}`), if any.
pub fn written_rev(reply: &str) -> Option<String> {
    small_field(reply, REPLY_LIMITS.small_bytes, "rev")
}

/// The text of `field` in the object `reply` (at most `max` bytes), when
/// it is no longer than a `_changes` position may be (a `_local`
/// document's revision, `0-1`, is not a [`Rev`]).
fn small_field(reply: &str, max: usize, field: &str) -> Option<String> {
    within(reply, max).ok()?;
    serde_json::from_str::<Value>(reply)
        .ok()?
        .get(field)?
        .as_str()
        .filter(|text| text.len() <= REPLY_LIMITS.seq_bytes)
        .map(str::to_string)
}

/// The `?since=` value for a URL: CouchDB 2+ sequences are opaque strings,
/// older ones numbers; either is sent as it came.
pub fn since_param(since: &Value) -> String {
    match since {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
