//! End-to-end encrypted answers: what a sealed survey response holds, what
//! it binds, and the file that carries the organisation's answer key.
//!
//! A survey link may carry the organisation's public key (`&k=`, a P-256
//! point). The resident's phone or the kiosk then encrypts each response
//! before it is stored or sent: a fresh ephemeral ECDH key with the
//! organisation's key gives, through HKDF-SHA-256, a fresh AES-256-GCM key
//! for this one response (the browser does the cryptography, `crate::sealing`).
//! What stays readable is the envelope the figures count by: the survey and
//! its version, the date, and the location, channel and group activity
//! codes. The answers and the language they were given in are inside. The
//! envelope and the record id are the cipher's associated data, so a sealed
//! answer cannot be moved to another record, survey, date or location
//! without the decryption failing.
//!
//! Records stay sealed wherever they are (the device, the drop-off, the
//! server, an export): only the coordinator's device that holds the private
//! key opens them, in memory, for the report. Pure: no browser.

use super::response::{Answer, ResponseContent};
use crate::domain::base64url;
use crate::domain::record::RecordId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The one scheme: ECDH P-256 (ephemeral-static), HKDF-SHA-256 with the
/// ephemeral public key as salt and [`HKDF_INFO`], AES-256-GCM.
pub const SCHEME: &str = "p256-hkdf-sha256-a256gcm";
pub const HKDF_INFO: &[u8] = b"wijkpeil answers v1";

/// The longest sealed part read: an open answer is at most a few thousand
/// characters, a response a few dozen answers.
pub const MAX_SEALED_BYTES: usize = 256 * 1024;

/// A response's answers, encrypted. Every value is base64url.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub scheme: String,
    /// Which key: [`AnswerKey::id`] of the public key used.
    pub key: String,
    /// The ephemeral public key (a 65-byte P-256 point).
    pub epk: String,
    /// The AES-GCM nonce (12 bytes).
    pub iv: String,
    /// The cipher text of [`SecretPart`] as JSON, with its tag.
    pub data: String,
}

/// What is inside the seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretPart {
    pub lang: String,
    pub answers: BTreeMap<String, Answer>,
}

/// The organisation's public answer key: an uncompressed P-256 point
/// (65 bytes, `04 ‖ x ‖ y`), base64url, 87 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerKey(String);

impl AnswerKey {
    /// The key in `text`, if it has the shape of one. Whether the point is
    /// on the curve is the browser's check when it imports the key.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = base64url::decode(text)?;
        (bytes.len() == 65 && bytes[0] == 4).then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A short name for the key, the same on every device: the first eight
    /// bytes of its x coordinate as hex. Shown to the coordinator, and
    /// stored with each sealed answer to say which key opens it.
    pub fn id(&self) -> String {
        let bytes = base64url::decode(&self.0).unwrap_or_default();
        crate::domain::hex::hex(bytes.get(1..9).unwrap_or_default())
    }
}

/// Why a sealed response could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenProblem {
    /// Sealed for another key than this device's.
    OtherKey,
    /// Not decryptable: changed, moved to another record, or damaged.
    Damaged,
}

/// The response as stored when sealed: the envelope only (answers and
/// language emptied); the seal is added by the caller.
pub fn envelope(content: &ResponseContent) -> ResponseContent {
    ResponseContent {
        lang: String::new(),
        answers: BTreeMap::new(),
        sealed: None,
        ..content.clone()
    }
}

/// The JSON text that is encrypted.
pub fn secret(content: &ResponseContent) -> String {
    serde_json::to_string(&SecretPart {
        lang: content.lang.clone(),
        answers: content.answers.clone(),
    })
    .unwrap_or_default()
}

/// The associated data: the record id and every envelope field, one per
/// line, so none can change without the decryption failing.
pub fn associated_data(id: &RecordId, envelope: &ResponseContent) -> String {
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    format!(
        "wijkpeil answers v1\n{id}\n{}\n{}\n{}\n{}\n{}\n{}",
        envelope.survey_id,
        envelope.survey_version,
        crate::domain::record::ymd::format(&envelope.date),
        optional(&envelope.location),
        optional(&envelope.channel),
        optional(&envelope.activity),
    )
}

/// The sealed response with its answers put back from `plain`, the
/// decrypted [`secret`]. `Damaged` when `plain` is not what `secret` makes.
pub fn opened(sealed: &ResponseContent, plain: &[u8]) -> Result<ResponseContent, OpenProblem> {
    if plain.len() > MAX_SEALED_BYTES {
        return Err(OpenProblem::Damaged);
    }
    let part: SecretPart = serde_json::from_slice(plain).map_err(|_| OpenProblem::Damaged)?;
    Ok(ResponseContent {
        lang: part.lang,
        answers: part.answers,
        sealed: None,
        ..sealed.clone()
    })
}

/// Whether a sealed record has the shape this app writes: the scheme,
/// base64url values of the right lengths, nothing in the emptied fields.
pub fn well_formed(content: &ResponseContent) -> bool {
    let Some(sealed) = &content.sealed else {
        return true;
    };
    sealed.scheme == SCHEME
        && sealed.key.len() == 16
        && sealed.key.bytes().all(|b| b.is_ascii_hexdigit())
        && base64url::decoded_len(&sealed.epk) == Some(65)
        && base64url::decoded_len(&sealed.iv) == Some(12)
        && base64url::decoded_len(&sealed.data)
            .is_some_and(|n| (16..=MAX_SEALED_BYTES).contains(&n))
        && content.answers.is_empty()
        && content.lang.is_empty()
}

// ---- a sealed copy of a device ------------------------------------------

/// The format tag of a sealed copy: every record of a device (an export
/// file), sealed for the organisation's key on the lock page before the
/// device is wiped, so whoever holds the locked device cannot read it.
pub const COPY_FORMAT: &str = "wijkpeil-sealed-copy";
pub const COPY_VERSION: u32 = 1;
/// HKDF's info for a copy (another than an answer's: a key derived for one
/// never opens the other).
pub const COPY_INFO: &[u8] = b"wijkpeil copy v1";

/// A sealed copy: the export file's text, sealed as an answer is (ECDH,
/// HKDF with [`COPY_INFO`], AES-256-GCM), bound to its key's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedCopy {
    pub format: String,
    pub version: u32,
    pub key: String,
    pub epk: String,
    pub iv: String,
    pub data: String,
}

impl SealedCopy {
    /// The associated data: the format and the key's id.
    pub fn associated_data(key: &str) -> String {
        format!("{COPY_FORMAT} {COPY_VERSION}\n{key}")
    }

    /// `Some` when `text` is a sealed copy (then it is not an export file
    /// itself); a copy whose parts are not of their lengths is `Some` too,
    /// and fails to open.
    pub fn read(text: &str) -> Option<Self> {
        // A cheap look first: an export file of any size is not parsed twice.
        let head: String = text
            .chars()
            .take(64)
            .filter(|c| !c.is_whitespace())
            .collect();
        if !head.starts_with(&format!("{{\"format\":\"{COPY_FORMAT}\"")) {
            return None;
        }
        serde_json::from_str(text).ok()
    }
}

// ---- the key file ----------------------------------------------------

/// The key file's format tag and version.
pub const KEY_FILE_FORMAT: &str = "wijkpeil-answer-key";
pub const KEY_FILE_VERSION: u32 = 1;
/// PBKDF2-SHA-256 iterations that protect a key file's private key.
pub const KEY_FILE_ITERATIONS: u32 = 600_000;
/// The shortest passphrase for a key file, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// The largest key file read.
pub const MAX_KEY_FILE_BYTES: usize = 16 * 1024;

/// The file that carries the answer key from one coordinator's device to
/// another, and its backup: the public key in the clear, the private key
/// (PKCS #8) encrypted with AES-256-GCM under a key that PBKDF2 derives
/// from a passphrase. Without the passphrase it gives only the public key:
/// enough for a kiosk tablet, which seals but never opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: String,
    pub version: u32,
    /// The public key ([`AnswerKey`]).
    pub public: String,
    /// Its [`AnswerKey::id`], for people comparing devices.
    pub key: String,
    pub iterations: u32,
    pub salt: String,
    pub iv: String,
    /// The encrypted PKCS #8 private key.
    pub private: String,
}

/// Why a file is not a usable key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFileProblem {
    TooLarge,
    NotAKeyFile,
    NewerVersion,
}

impl KeyFile {
    /// Reads and checks a key file; its public key is returned checked.
    pub fn read(text: &str) -> Result<(Self, AnswerKey), KeyFileProblem> {
        if text.len() > MAX_KEY_FILE_BYTES {
            return Err(KeyFileProblem::TooLarge);
        }
        let file: KeyFile = serde_json::from_str(text).map_err(|_| KeyFileProblem::NotAKeyFile)?;
        if file.format != KEY_FILE_FORMAT {
            return Err(KeyFileProblem::NotAKeyFile);
        }
        if file.version > KEY_FILE_VERSION {
            return Err(KeyFileProblem::NewerVersion);
        }
        let key = AnswerKey::parse(&file.public).ok_or(KeyFileProblem::NotAKeyFile)?;
        let fits = key.id() == file.key
            && (1..=10_000_000).contains(&file.iterations)
            && base64url::decoded_len(&file.salt) == Some(16)
            && base64url::decoded_len(&file.iv) == Some(12)
            && base64url::decoded_len(&file.private).is_some_and(|n| (16..=4096).contains(&n));
        if !fits {
            return Err(KeyFileProblem::NotAKeyFile);
        }
        Ok((file, key))
    }
}

/// A passphrase long enough for a key file.
pub fn passphrase_ok(passphrase: &str) -> bool {
    passphrase.chars().count() >= MIN_PASSPHRASE_CHARS
}
