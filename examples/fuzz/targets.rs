//! Each parser of outside input as a fuzz target: its seeds, and what must
//! hold for what it accepts. A check returns whether the input was
//! accepted, or what it accepted wrongly.

use super::seeds;
use serde_json::Value;
use wijkpeil::domain::base64url;
use wijkpeil::domain::couch::{
    self, outgoing, parse_doc_id, read_changes, read_doc, Rev, REPLY_LIMITS, SERVER_REV,
};
use wijkpeil::domain::export::build_export;
use wijkpeil::domain::import::{check_record, read_import, ImportFile, Incoming, LIMITS};
use wijkpeil::domain::kinds::read_content;
use wijkpeil::domain::merge::LOCAL_FIELDS;
use wijkpeil::domain::record::{utc_millis, RecordKind};
use wijkpeil::domain::survey::link::{SurveyLink, MAX_LINK_BYTES};
use wijkpeil::domain::survey::public::check_for_link;
use wijkpeil::domain::survey::sealed::{
    AnswerKey, KeyFile, KEY_FILE_FORMAT, KEY_FILE_VERSION, MAX_KEY_FILE_BYTES,
};
use wijkpeil::domain::survey::{
    shown_questions, validate_definition, validate_response, ResponseContent, SurveyDefinition,
    SurveyStatus, DEFINITION_LIMITS, MAX_PROBLEMS,
};

/// Whether the input was accepted; `Err` names what was accepted wrongly.
pub type Verdict = Result<bool, String>;

pub struct Target {
    pub name: &'static str,
    /// What it reads, for the report.
    pub what: &'static str,
    /// Whether its input is JSON (structure-aware changes apply).
    pub json: bool,
    pub seeds: fn() -> Vec<String>,
    pub check: fn(&str) -> Verdict,
}

pub const TARGETS: &[Target] = &[
    Target {
        name: "import",
        what: "an export file (domain::import::read_import)",
        json: true,
        seeds: seeds::import_files,
        check: import,
    },
    Target {
        name: "record",
        what: "one record of each kind (import::check_record, kinds, couch::outgoing)",
        json: true,
        seeds: record_seeds,
        check: record,
    },
    Target {
        name: "link",
        what: "a survey link fragment (survey::link::SurveyLink::read)",
        json: false,
        seeds: seeds::links,
        check: link,
    },
    Target {
        name: "keyfile",
        what: "an answer key file (survey::sealed::KeyFile::read)",
        json: true,
        seeds: seeds::key_files,
        check: key_file,
    },
    Target {
        name: "definition",
        what: "a survey definition from a link or the drop-off (survey::public::check_for_link, validate_definition)",
        json: true,
        seeds: seeds::definitions,
        check: definition,
    },
    Target {
        name: "changes",
        what: "a `_changes` page (couch::read_changes)",
        json: true,
        seeds: seeds::changes_replies,
        check: changes,
    },
    Target {
        name: "doc",
        what: "a fetched document (couch::read_doc)",
        json: true,
        seeds: seeds::fetched_docs,
        check: doc,
    },
    Target {
        name: "textfield",
        what: "a stored encrypted free-text field (at_rest::EncryptedField::parse)",
        json: false,
        seeds: seeds::text_fields,
        check: text_field,
    },
    Target {
        name: "replies",
        what: "`_revs_diff`, `_bulk_docs`, checkpoint and write replies (couch)",
        json: true,
        seeds: seeds::small_replies,
        check: replies,
    },
];

fn ensure(holds: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(what())
    }
}

/// The record seeds, each with its kind's list name in front (the record
/// target reads `kind\n` and then the record).
fn record_seeds() -> Vec<String> {
    seeds::records()
        .into_iter()
        .map(|(kind, text)| format!("{}\n{text}", kind.name()))
        .collect()
}

/// What holds for every record accepted, wherever it came from: its kind
/// and bookkeeping agree with its text, it carries no device's local
/// fields, it is within the limits, a live one reads as its kind, and
/// checking its text again gives the same.
fn accepted_record(kind: RecordKind, incoming: &Incoming) -> Result<(), String> {
    let record = &incoming.record;
    let meta = &incoming.meta;
    ensure(meta.kind == kind, || {
        format!("{kind:?} accepted as {:?}", meta.kind)
    })?;
    ensure(
        record.get("kind").and_then(Value::as_str) == Some(kind.name()),
        || "the record's kind differs".into(),
    )?;
    ensure(
        record.get("id").and_then(Value::as_str) == Some(&meta.id.to_string()),
        || "the record's id differs from its bookkeeping".into(),
    )?;
    ensure(
        record.get("revision").and_then(Value::as_u64) == Some(u64::from(meta.revision))
            && meta.revision > 0,
        || "the record's revision differs or is 0".into(),
    )?;
    for field in LOCAL_FIELDS {
        ensure(!record.contains_key(field), || format!("carries {field}"))?;
    }
    for field in ["created_at", "updated_at", "occurred_at"] {
        let Some(time) = record.get(field).and_then(Value::as_str) else {
            continue;
        };
        if let Ok(parsed) = chrono::DateTime::parse_from_rfc3339(time) {
            let usual = utc_millis::format(&parsed.with_timezone(&chrono::Utc));
            ensure(usual == time, || {
                format!("{field} {time:?} is not as written")
            })?;
        }
    }
    let text = Value::Object(record.clone()).to_string();
    ensure(text.len() <= LIMITS.record_bytes + 64, || {
        format!("{} bytes accepted", text.len())
    })?;
    if !meta.deleted {
        read_content(kind, &text).map_err(|e| format!("accepted, yet its kind reads {e:?}"))?;
    } else {
        ensure(record.len() <= 10, || "a tombstone with content".into())?;
    }
    let again = check_record(kind, &text, &LIMITS)
        .map_err(|p| format!("accepted once, refused when checked again: {p:?}"))?;
    ensure(again == travelling(incoming), || {
        "checked again, it reads differently".into()
    })
}

/// `incoming` as it reads once it travelled: its `meta` keeps what the
/// file said of another device's local bookkeeping, its record does not.
fn travelling(incoming: &Incoming) -> Incoming {
    let mut incoming = incoming.clone();
    incoming.meta.shipped_revision = 0;
    incoming.meta.server_rev = None;
    incoming
}

fn import(text: &str) -> Verdict {
    let Ok(file) = read_import(text) else {
        return Ok(false);
    };
    let mut stored = Vec::new();
    for (kind, records) in &file.records {
        let mut texts = Vec::new();
        for incoming in records {
            accepted_record(*kind, incoming)?;
            texts.push(Value::Object(incoming.record.clone()).to_string());
        }
        stored.push((*kind, texts));
    }
    // Exported again, it imports to the same records.
    let export = build_export(stored, &file.head.device_id, file.head.exported_at)
        .map_err(|e| format!("accepted records do not export: {e}"))?;
    let again = read_import(&export.text)
        .map_err(|p| format!("exported again, the file is refused: {p:?}"))?;
    ensure(again.invalid.is_empty(), || {
        format!("exported again, records are left out: {:?}", again.invalid)
    })?;
    let records = |file: &ImportFile| -> Vec<(RecordKind, Vec<Incoming>)> {
        file.records
            .iter()
            .filter(|(_, r)| !r.is_empty())
            .map(|(kind, r)| (*kind, r.iter().map(travelling).collect()))
            .collect()
    };
    ensure(records(&again) == records(&file), || {
        "exported and imported again, the records differ".into()
    })?;
    Ok(true)
}

fn record(input: &str) -> Verdict {
    let (name, text) = input.split_once('\n').unwrap_or(("contact", input));
    let kind = RecordKind::ALL
        .into_iter()
        .find(|k| k.name() == name)
        .unwrap_or(RecordKind::Contact);
    // What the sync would push of it, had the store held this text.
    if let Ok(pushed) = outgoing(text) {
        let doc: Value =
            serde_json::from_str(&pushed.json).map_err(|e| format!("not JSON: {e}"))?;
        let id = doc["_id"].as_str().unwrap_or_default();
        ensure(parse_doc_id(id) == Some((pushed.kind, pushed.id)), || {
            format!("pushed under the id {id}")
        })?;
        let rev = doc["_rev"].as_str().and_then(Rev::parse);
        ensure(
            rev.as_ref() == Some(&pushed.rev) && pushed.rev.revision == pushed.revision,
            || "pushed with a `_rev` that does not read".into(),
        )?;
    }
    let Ok(incoming) = check_record(kind, text, &LIMITS) else {
        return Ok(false);
    };
    accepted_record(kind, &incoming)?;
    // Pushed and read back by another device, it is the same record.
    let record_text = Value::Object(incoming.record.clone()).to_string();
    let pushed = outgoing(&record_text).map_err(|p| format!("accepted, not pushable: {p:?}"))?;
    match read_doc(&pushed.json) {
        Some(Ok((back_kind, mut back))) => {
            back.record.remove(SERVER_REV);
            ensure(back_kind == kind && back == travelling(&incoming), || {
                "pushed and read back, it differs".into()
            })?;
        }
        other => return Err(format!("pushed and read back: {other:?}")),
    }
    Ok(true)
}

fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn link(fragment: &str) -> Verdict {
    let Ok(link) = SurveyLink::read(fragment) else {
        return Ok(false);
    };
    ensure(fragment.len() <= MAX_LINK_BYTES, || {
        "a link over the limit".into()
    })?;
    let codes = [
        Some(&link.survey),
        link.lang.as_ref(),
        link.location.as_ref(),
        link.activity.as_ref(),
    ];
    ensure(codes.into_iter().flatten().all(|c| is_code(c)), || {
        format!("a value that is not a code: {link:?}")
    })?;
    ensure(
        link.packed.as_ref().is_none_or(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }),
        || "a packed definition that is not base64url".into(),
    )?;
    ensure(
        link.dropoff.as_ref().is_none_or(|d| {
            (d.starts_with("https://") || d.starts_with("http://"))
                && d.len() <= 200
                && !d.contains(['?', '#', '@', '&', '%', ' ', '"', '<', '>'])
        }),
        || format!("a drop-off address that is not one: {:?}", link.dropoff),
    )?;
    ensure(link.version != Some(0), || "version 0".into())?;
    ensure(
        link.key
            .as_ref()
            .is_none_or(|k| AnswerKey::parse(k).is_some() && k.len() == 87),
        || format!("an answer key that is not one: {:?}", link.key),
    )?;
    let fragment = link.to_fragment();
    let again = SurveyLink::read(&fragment).map_err(|p| format!("written and read: {p:?}"))?;
    ensure(again == link, || {
        format!("written and read, it differs: {fragment}")
    })?;
    Ok(true)
}

fn key_file(text: &str) -> Verdict {
    let Ok((file, key)) = KeyFile::read(text) else {
        return Ok(false);
    };
    ensure(text.len() <= MAX_KEY_FILE_BYTES, || {
        "a file over the limit".into()
    })?;
    ensure(
        file.format == KEY_FILE_FORMAT && file.version <= KEY_FILE_VERSION,
        || format!("another format: {} {}", file.format, file.version),
    )?;
    ensure(key.as_str() == file.public && key.id() == file.key, || {
        format!("a key that is not the file's: {}", file.key)
    })?;
    ensure(
        base64url::decoded_len(&file.public) == Some(65)
            && base64url::decoded_len(&file.salt) == Some(16)
            && base64url::decoded_len(&file.iv) == Some(12)
            && file.iterations >= 1,
        || "a field of the wrong length".into(),
    )?;
    Ok(true)
}

fn text_field(text: &str) -> Verdict {
    use wijkpeil::domain::at_rest::{EncryptedField, MAX_FIELD_CHARS, PREFIX, TAG_BYTES};
    let Some(field) = EncryptedField::parse(text) else {
        return Ok(false);
    };
    ensure(
        text.starts_with(PREFIX) && text.len() <= MAX_FIELD_CHARS,
        || "no prefix, or over the limit".into(),
    )?;
    ensure(field.data.len() >= TAG_BYTES, || {
        "shorter than its tag".into()
    })?;
    // What it read is what it writes back: one reading of each field.
    ensure(
        EncryptedField::parse(&field.to_text()).as_ref() == Some(&field),
        || "a field that reads back otherwise".into(),
    )?;
    Ok(true)
}

fn definition(text: &str) -> Verdict {
    // Whatever serde reads, validation ends, and lists a bounded number of
    // problems.
    if let Ok(any) = serde_json::from_str::<SurveyDefinition>(text) {
        if let Err(problems) = validate_definition(&any) {
            ensure(
                !problems.is_empty() && problems.len() <= MAX_PROBLEMS,
                || format!("{} problems listed", problems.len()),
            )?;
        }
    }
    let Ok(definition) = check_for_link(text, seeds::OWN_SURVEY) else {
        return Ok(false);
    };
    ensure(text.len() <= DEFINITION_LIMITS.bytes, || {
        "over the size limit".into()
    })?;
    ensure(
        definition.id == seeds::OWN_SURVEY && definition.status == SurveyStatus::Published,
        || "another survey, or a draft".into(),
    )?;
    validate_definition(&definition).map_err(|e| format!("accepted but invalid: {e:?}"))?;
    ensure(
        definition.questions().count() <= DEFINITION_LIMITS.questions,
        || "too many questions".into(),
    )?;
    // Kept and read again (the phone keeps its text), the same.
    let kept = serde_json::to_string(&definition).map_err(|e| e.to_string())?;
    let again = check_for_link(&kept, seeds::OWN_SURVEY)
        .map_err(|p| format!("kept and read again, refused: {p:?}"))?;
    ensure(again == definition, || {
        "kept and read again, it differs".into()
    })?;
    // What the survey app does next: show it in each language, and check an
    // empty response.
    for lang in &definition.languages {
        let _ = definition.text(&definition.title, lang);
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let response = ResponseContent::new(&definition.id, definition.version, date, lang);
        let _ = validate_response(&definition, &response);
        let _ = shown_questions(&definition, &response.answers);
    }
    Ok(true)
}

/// What holds for a `_changes` page or a fetched document that was read.
fn accepted_doc(kind: RecordKind, incoming: &Incoming) -> Result<(), String> {
    let mut record = incoming.clone();
    let server_rev = record.record.remove(SERVER_REV);
    ensure(
        server_rev
            .as_ref()
            .is_none_or(|rev| rev.as_str().and_then(Rev::parse).is_some()),
        || format!("a server_rev that is not a revision: {server_rev:?}"),
    )?;
    accepted_record(kind, &record)
}

fn changes(reply: &str) -> Verdict {
    let Ok(page) = read_changes(reply, &|_| true) else {
        return Ok(false);
    };
    ensure(reply.len() <= REPLY_LIMITS.reply_bytes, || {
        "over the size limit".into()
    })?;
    match &page.last_seq {
        Value::Null | Value::Number(_) => {}
        Value::String(seq) => ensure(seq.len() <= REPLY_LIMITS.seq_bytes, || {
            "a position over its limit".into()
        })?,
        other => return Err(format!("a position that is not one: {other}")),
    }
    ensure(
        page.records.len() + page.unreadable.len() <= page.rows,
        || "more records than rows".into(),
    )?;
    for (kind, incoming) in &page.records {
        accepted_doc(*kind, incoming)?;
    }
    for (doc_id, rev) in &page.conflicts {
        ensure(parse_doc_id(doc_id).is_some(), || {
            format!("a conflict of {doc_id}")
        })?;
        ensure(Rev::parse(&rev.to_string()).as_ref() == Some(rev), || {
            format!("a conflicting revision that does not read back: {rev}")
        })?;
    }
    for (doc_id, _) in &page.unreadable {
        ensure(parse_doc_id(doc_id).is_some(), || {
            format!("unreadable, yet not a record's: {doc_id}")
        })?;
    }
    let since = couch::since_param(&page.last_seq);
    ensure(since.len() <= REPLY_LIMITS.seq_bytes + 32, || {
        "a long position".into()
    })?;
    Ok(true)
}

fn doc(reply: &str) -> Verdict {
    match read_doc(reply) {
        Some(Ok((kind, incoming))) => {
            ensure(reply.len() <= REPLY_LIMITS.doc_bytes, || {
                "over the size limit".into()
            })?;
            accepted_doc(kind, &incoming)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn replies(reply: &str) -> Verdict {
    let mut accepted = false;
    if let Ok(missing) = couch::missing_revs(reply) {
        ensure(reply.len() <= REPLY_LIMITS.reply_bytes, || {
            "over the size limit".into()
        })?;
        accepted |= !missing.is_empty();
    }
    if let Ok(errors) = couch::bulk_docs_errors(reply) {
        for error in &errors {
            ensure(
                error.reason.chars().count() <= REPLY_LIMITS.reason_chars + 1,
                || "a reason over its limit".into(),
            )?;
        }
        accepted |= !errors.is_empty();
    }
    for rev in [couch::rev_of(reply), couch::written_rev(reply)]
        .into_iter()
        .flatten()
    {
        ensure(rev.len() <= REPLY_LIMITS.seq_bytes, || {
            "a long revision".into()
        })?;
        accepted = true;
    }
    let local = Value::from("12-g1AAAA");
    let since = couch::resume_from(Some(&local), Some(reply));
    ensure(since == local || since == 0, || {
        format!("resumed from a position this device did not keep: {since}")
    })?;
    Ok(accepted)
}
