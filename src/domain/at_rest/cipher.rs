//! The AES-256-GCM of free text at rest in Rust, for the data worker only
//! (cargo feature `worker`): sync, import and export open and seal texts
//! inside one IndexedDB transaction, where WebCrypto's promises would end
//! it. The same format as `public/at-rest.js`, which the apps use: the
//! e2e tests write with one and read with the other.

use super::{transform, EncryptedField, KEY_BYTES, NONCE_BYTES};
use crate::domain::base64url;
use crate::domain::record::RecordKind;
use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use serde_json::{Map, Value};

/// The device's text key, ready to seal and open fields.
pub struct TextCipher(Aes256Gcm);

impl TextCipher {
    /// From the key as the tab keeps it (base64url of 32 bytes).
    pub fn from_text(key: &str) -> Option<Self> {
        let raw = base64url::decode(key)?;
        (raw.len() == KEY_BYTES)
            .then(|| Aes256Gcm::new_from_slice(&raw).ok().map(Self))
            .flatten()
    }

    /// `text` encrypted with `nonce` (fresh and random for every field and
    /// every write) and the field's associated data, as stored.
    pub fn seal(&self, nonce: [u8; NONCE_BYTES], aad: &str, text: &str) -> Option<String> {
        let data = self
            .0
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: text.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .ok()?;
        Some(EncryptedField { nonce, data }.to_text())
    }

    /// The text of a stored encrypted field; `None` when it is not one,
    /// or does not open with this key and associated data.
    pub fn open(&self, aad: &str, stored: &str) -> Option<String> {
        let field = EncryptedField::parse(stored)?;
        let plain = self
            .0
            .decrypt(
                Nonce::from_slice(&field.nonce),
                Payload {
                    msg: &field.data,
                    aad: aad.as_bytes(),
                },
            )
            .ok()?;
        String::from_utf8(plain).ok()
    }

    /// Encrypts every free-text field of `record` (a stored record of
    /// `kind`) that is not encrypted yet, each with a nonce from `nonce`
    /// (fresh and random each time). False, and the record only partly
    /// sealed, when one failed (or `nonce` gave none): the caller then
    /// stores nothing.
    pub fn seal_record(
        &self,
        kind: RecordKind,
        record: &mut Map<String, Value>,
        mut nonce: impl FnMut() -> Option<[u8; NONCE_BYTES]>,
    ) -> bool {
        let mut sealed_all = true;
        transform(kind, record, |aad, text| {
            if super::is_encrypted(text) {
                return;
            }
            match nonce().and_then(|nonce| self.seal(nonce, aad, text)) {
                Some(sealed) => *text = sealed,
                None => sealed_all = false,
            }
        });
        sealed_all
    }

    /// Decrypts every free-text field of `record` that opens with this
    /// key; one that does not stays as stored (shown as encrypted, never
    /// as its characters). Returns how many stayed encrypted.
    pub fn open_record(&self, kind: RecordKind, record: &mut Map<String, Value>) -> usize {
        let mut closed = 0;
        transform(kind, record, |aad, text| {
            if !super::is_encrypted(text) {
                return;
            }
            match self.open(aad, text) {
                Some(plain) => *text = plain,
                None => closed += 1,
            }
        });
        closed
    }
}
