//! Free text encrypted at rest on a shared tablet (docs/SECURITY.md, "Free
//! text at rest on a shared tablet"): which fields of which record hold
//! free text, the stored form of an encrypted field (`wpenc1:`), and the
//! device's text key while a tab is unlocked (`domain::lock::TextKey`
//! keeps it wrapped under a key derived from each staff code).
//!
//! Pure rules; the AES-256-GCM and PBKDF2 are WebCrypto's, in the browser.
//! The codes the report counts (locations, channels, domains, outcomes,
//! dates, scores) are never free text here: they stay in the clear, so
//! lists, indexes and the report work without a key.

use crate::domain::base64url;

#[cfg(feature = "worker")]
pub mod cipher;
use crate::domain::record::RecordKind;
use serde_json::{Map, Value};

/// What starts an encrypted field: `wpenc1:<nonce>:<cipher text>`, both
/// base64url without padding; the cipher text ends in GCM's 16-byte tag.
pub const PREFIX: &str = "wpenc1:";
/// AES-GCM's nonce, random per field and per write.
pub const NONCE_BYTES: usize = 12;
/// AES-GCM's authentication tag, at the end of the cipher text.
pub const TAG_BYTES: usize = 16;
/// The text key: AES-256.
pub const KEY_BYTES: usize = 32;
/// The longest encrypted field read (a note is at most a few kB; a record
/// at most 512 kB): anything longer is refused without decoding it.
pub const MAX_FIELD_CHARS: usize = 700_000;

/// An encrypted field's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedField {
    pub nonce: [u8; NONCE_BYTES],
    /// The cipher text with its tag (at least `TAG_BYTES`).
    pub data: Vec<u8>,
}

impl EncryptedField {
    /// The stored text of the field.
    pub fn to_text(&self) -> String {
        format!(
            "{PREFIX}{}:{}",
            base64url::encode(&self.nonce),
            base64url::encode(&self.data)
        )
    }

    /// The parts of a field `to_text` wrote; `None` for anything else (no
    /// prefix, a part missing or extra, not base64url, a nonce of another
    /// length, cipher text shorter than its tag, too long).
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() > MAX_FIELD_CHARS {
            return None;
        }
        let rest = text.strip_prefix(PREFIX)?;
        let (nonce, data) = rest.split_once(':')?;
        let nonce: [u8; NONCE_BYTES] = base64url::decode(nonce)?.try_into().ok()?;
        let data = base64url::decode(data)?;
        (data.len() >= TAG_BYTES).then_some(Self { nonce, data })
    }
}

/// Whether a stored field is in the encrypted form (well formed or not):
/// such a field is never shown as it is.
pub fn is_encrypted(text: &str) -> bool {
    text.starts_with(PREFIX)
}

/// Whether records of `kind` have free text at all (the others are never
/// walked).
pub fn has_free_text(kind: RecordKind) -> bool {
    !free_text_paths(kind).is_empty()
}

/// Where the free text of a record of `kind` is, as paths through its
/// stored JSON: members by name, `*` for every item of a list (or every
/// value of an object), the last name a text. One definition for the
/// browser too: `public/at-rest.js` walks the same paths over the stored
/// objects. Each path's first name is its own (no two paths share one).
/// - contact: `note`, `initials`;
/// - trajectory: each goal's `text`, each contact moment's `note`;
/// - initiative: each support moment's `note`;
/// - survey response, activity, survey definition, organisation list:
///   none. An activity's title and an initiative's name name a group, not
///   a person; they stay in the clear, as the lists show them. Open
///   answers are written by residents' phones and kiosks, which hold no
///   staff code: they are protected by the organisation's answer key
///   instead (`domain::survey::sealed`), from the phone on.
pub fn free_text_paths(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Contact => &["note", "initials"],
        RecordKind::Trajectory => &["goals.*.text", "contact_moments.*.note"],
        RecordKind::Initiative => &["support.*.note"],
        RecordKind::SurveyResponse
        | RecordKind::Activity
        | RecordKind::SurveyDefinition
        | RecordKind::OrgList => &[],
    }
}

/// `free_text_paths` joined by spaces, as `public/at-rest.js` takes them
/// (written out, so the apps carry no joining; a test holds them equal).
pub fn free_text_paths_joined(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "note initials",
        RecordKind::Trajectory => "goals.*.text contact_moments.*.note",
        RecordKind::Initiative => "support.*.note",
        RecordKind::SurveyResponse
        | RecordKind::Activity
        | RecordKind::SurveyDefinition
        | RecordKind::OrgList => "",
    }
}

/// One free-text field of a stored record: the path it was found at (one
/// of `free_text_paths`) and its text.
pub struct FreeText<'a> {
    pub path: &'static str,
    pub text: &'a mut String,
}

/// The free-text fields of a stored record of `kind` (its JSON object, at
/// `free_text_paths`), in a fixed order (the same for the same record).
/// Empty texts are left out (nothing to hide), and so is anything that is
/// not a string where a text belongs (a record this version cannot read
/// stays as it is).
pub fn free_texts(kind: RecordKind, record: &mut Map<String, Value>) -> Vec<FreeText<'_>> {
    let paths = free_text_paths(kind);
    let mut found = Vec::new();
    for (name, value) in record.iter_mut() {
        let rest = paths.iter().find_map(|path| match path.split_once('.') {
            Some((first, rest)) if first == name => Some((*path, rest)),
            None if *path == name => Some((*path, "")),
            _ => None,
        });
        if let Some((path, rest)) = rest {
            let mut texts = Vec::new();
            walk(value, rest, &mut texts);
            found.extend(texts.into_iter().map(|text| FreeText { path, text }));
        }
    }
    found
}

/// The texts at `path` (what is left of one) under `value`.
fn walk<'a>(value: &'a mut Value, path: &str, found: &mut Vec<&'a mut String>) {
    if path.is_empty() {
        return push_text(value, found);
    }
    let (first, rest) = path.split_once('.').unwrap_or((path, ""));
    match (first, value) {
        ("*", Value::Array(items)) => items.iter_mut().for_each(|v| walk(v, rest, found)),
        ("*", Value::Object(members)) => members.values_mut().for_each(|v| walk(v, rest, found)),
        (name, Value::Object(members)) => {
            if let Some(v) = members.get_mut(name) {
                walk(v, rest, found);
            }
        }
        _ => {}
    }
}

fn push_text<'a>(value: &'a mut Value, found: &mut Vec<&'a mut String>) {
    if let Value::String(text) = value {
        if !text.is_empty() {
            found.push(text);
        }
    }
}

/// Whether a stored record of `kind` has free text in the clear (to be
/// sealed when the device's key is at hand).
pub fn has_plain_text(kind: RecordKind, record: &mut Map<String, Value>) -> bool {
    free_texts(kind, record)
        .iter()
        .any(|field| !is_encrypted(field.text))
}

/// The associated data of an encrypted field: the record's id and the
/// field's path, so a cipher text copied to another record or field does
/// not open. `public/at-rest.js` makes the same.
pub fn associated_data(record_id: &str, path: &str) -> String {
    format!("{record_id} {path}")
}

/// Applies `change` to exactly the free-text fields of `record` (a stored
/// record of `kind` as JSON), with each field's `associated_data`; every
/// other field stays as it is. Returns how many fields it was given.
pub fn transform(
    kind: RecordKind,
    record: &mut Map<String, Value>,
    mut change: impl FnMut(&str, &mut String),
) -> usize {
    let id = record
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let texts = free_texts(kind, record);
    let count = texts.len();
    for field in texts {
        change(&associated_data(&id, field.path), field.text);
    }
    count
}

/// The sessionStorage item that holds the unwrapped key (base64url) while
/// the tab is unlocked.
pub const SESSION_KEY_ITEM: &str = "wijkpeil.textkey";
