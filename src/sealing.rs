//! The cryptography of sealed answers (`domain::survey::sealed` has the
//! format and the rules), done by the browser's WebCrypto: the data worker
//! opens them for the report, the coordinator's settings make, export and
//! import the organisation's answer key. Works in a page and in a worker
//! (the global `crypto`). The survey app seals in plain JavaScript
//! (`public/codec.js`, `platform::Sealer`), so its wasm stays small; the
//! end-to-end test proves the two agree.
//!
//! Sealing: an ephemeral ECDH P-256 key with the organisation's public key
//! gives 32 shared bytes; HKDF-SHA-256 (salt: the ephemeral public key, info:
//! [`HKDF_INFO`]) turns them into an AES-256-GCM key used for this one
//! response, with a random 12-byte nonce and the envelope as associated data.

use crate::domain::base64url;
#[cfg(staff_texts)]
use crate::domain::survey::sealed::HKDF_INFO;
use crate::domain::survey::sealed::{AnswerKey, SealedCopy, COPY_INFO};
#[cfg(feature = "lock")]
use crate::domain::survey::sealed::{
    KeyFile, KEY_FILE_FORMAT, KEY_FILE_ITERATIONS, KEY_FILE_VERSION,
};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

fn crypto() -> Result<web_sys::Crypto, JsValue> {
    Ok(Reflect::get(&js_sys::global(), &"crypto".into())?.unchecked_into())
}

fn subtle() -> Result<SubtleCrypto, JsValue> {
    Ok(crypto()?.subtle())
}

/// A plain object of `fields`, for WebCrypto's algorithm parameters.
fn params(fields: &[(&str, &JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object
}

fn usages(names: &[&str]) -> JsValue {
    names
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect::<Array>()
        .into()
}

fn bytes(value: &JsValue) -> Vec<u8> {
    Uint8Array::new(value).to_vec()
}

#[cfg(feature = "lock")]
fn random<const N: usize>() -> Result<[u8; N], JsValue> {
    let mut bytes = [0u8; N];
    crypto()?.get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

fn ecdh() -> Object {
    params(&[("name", &"ECDH".into()), ("namedCurve", &"P-256".into())])
}

fn aes_gcm(iv: &[u8], associated: &[u8]) -> Object {
    params(&[
        ("name", &"AES-GCM".into()),
        ("iv", &Uint8Array::from(iv).into()),
        ("additionalData", &Uint8Array::from(associated).into()),
    ])
}

/// An ECDH public key from its raw point.
async fn public_key(raw: &[u8]) -> Result<CryptoKey, JsValue> {
    let key = subtle()?.import_key_with_object(
        "raw",
        &Uint8Array::from(raw),
        &ecdh(),
        true,
        &usages(&[]),
    )?;
    Ok(JsFuture::from(key).await?.unchecked_into())
}

/// The AES-GCM key of one sealed text: ECDH of `private` and `public`,
/// then HKDF with `salt` (the ephemeral public key) and `info` (what is
/// sealed: an answer or a copy).
async fn response_key(
    private: &CryptoKey,
    public: &CryptoKey,
    salt: &[u8],
    info: &[u8],
    usage: &str,
) -> Result<CryptoKey, JsValue> {
    let subtle = subtle()?;
    let shared = JsFuture::from(subtle.derive_bits_with_object(
        &params(&[("name", &"ECDH".into()), ("public", public)]),
        private,
        256,
    )?)
    .await?;
    let hkdf = [
        ("name", &"HKDF".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &Uint8Array::from(salt).into()),
        ("info", &Uint8Array::from(info).into()),
    ];
    aes_key_from(&bytes(&shared), &hkdf, usage).await
}

/// The AES-256-GCM key for `usage` that `derivation` (HKDF or PBKDF2, with
/// its parameters; its name first) derives from the bytes `secret`.
async fn aes_key_from(
    secret: &[u8],
    derivation: &[(&str, &JsValue)],
    usage: &str,
) -> Result<CryptoKey, JsValue> {
    let subtle = subtle()?;
    let base: CryptoKey = JsFuture::from(subtle.import_key_with_object(
        "raw",
        &Uint8Array::from(secret),
        &params(&derivation[..1]),
        false,
        &usages(&["deriveKey"]),
    )?)
    .await?
    .unchecked_into();
    let key = subtle.derive_key_with_object_and_object(
        &params(derivation),
        &base,
        &params(&[("name", &"AES-GCM".into()), ("length", &256.into())]),
        false,
        &usages(&[usage]),
    )?;
    Ok(JsFuture::from(key).await?.unchecked_into())
}

/// The organisation's answer key on a coordinator's device: the private
/// key as the browser keeps it (stored as the object in IndexedDB), and
/// its public key.
pub struct KeyPair {
    pub private: CryptoKey,
    pub public: AnswerKey,
}

#[cfg(staff_texts)]
impl KeyPair {
    /// Opens what was sealed for this key with HKDF label `info`: the
    /// ephemeral public key `epk`, the nonce `iv` and the cipher text
    /// `data` (base64url each), bound to `associated`; `Err` when it was
    /// sealed for another key, or changed.
    async fn open_sealed(
        &self,
        (epk, iv, data): (&str, &str, &str),
        info: &[u8],
        associated: &str,
    ) -> Result<Vec<u8>, JsValue> {
        let (Some(epk), Some(iv), Some(data)) = (
            base64url::decode(epk),
            base64url::decode(iv),
            base64url::decode(data),
        ) else {
            return Err("not base64url".into());
        };
        let ephemeral = public_key(&epk).await?;
        let aes = response_key(&self.private, &ephemeral, &epk, info, "decrypt").await?;
        let plain = JsFuture::from(subtle()?.decrypt_with_object_and_u8_array(
            &aes_gcm(&iv, associated.as_bytes()),
            &aes,
            &data,
        )?)
        .await?;
        Ok(bytes(&plain))
    }

    /// The export file a sealed copy holds.
    pub async fn open_copy(&self, copy: &SealedCopy) -> Result<String, JsValue> {
        let associated = SealedCopy::associated_data(&copy.key);
        let parts = (copy.epk.as_str(), copy.iv.as_str(), copy.data.as_str());
        let plain = self.open_sealed(parts, COPY_INFO, &associated).await?;
        String::from_utf8(plain).map_err(|_| "not text".into())
    }
}

impl KeyPair {
    /// The key pair kept on this device, if any.
    pub async fn stored() -> Result<Option<KeyPair>, crate::storage::StorageError> {
        use crate::storage::key_store;
        let Some(kept) = key_store::get(key_store::ANSWER_KEY).await? else {
            return Ok(None);
        };
        let private = Reflect::get(&kept, &"private".into()).ok();
        let public = Reflect::get(&kept, &"public".into())
            .ok()
            .and_then(|p| p.as_string())
            .and_then(|p| AnswerKey::parse(&p));
        Ok(match (private, public) {
            (Some(private), Some(public)) if private.is_object() => Some(KeyPair {
                private: private.unchecked_into(),
                public,
            }),
            _ => None,
        })
    }

    /// Keeps this pair on the device (replacing one kept before).
    #[cfg(feature = "lock")]
    pub async fn keep(&self) -> Result<(), crate::storage::StorageError> {
        use crate::storage::key_store;
        let kept = params(&[
            ("private", &self.private),
            ("public", &JsValue::from_str(self.public.as_str())),
        ]);
        key_store::put(key_store::ANSWER_KEY, &kept).await
    }
}

#[cfg(staff_texts)]
impl crate::service::answers::AnswerOpener for KeyPair {
    async fn open(
        &self,
        sealed: &crate::domain::survey::sealed::Sealed,
        associated: &str,
    ) -> Result<Vec<u8>, crate::domain::survey::sealed::OpenProblem> {
        use crate::domain::survey::sealed::OpenProblem;
        if sealed.key != self.public.id() {
            return Err(OpenProblem::OtherKey);
        }
        let parts = (
            sealed.epk.as_str(),
            sealed.iv.as_str(),
            sealed.data.as_str(),
        );
        self.open_sealed(parts, HKDF_INFO, associated)
            .await
            .map_err(|_| OpenProblem::Damaged)
    }
}

/// Seals `text` (an export file) for `key`: a copy of the device that only
/// a device with the organisation's private key opens.
#[cfg(feature = "lock")]
pub async fn seal_copy(key: &AnswerKey, text: &str) -> Result<SealedCopy, JsValue> {
    use crate::domain::survey::sealed::{COPY_FORMAT, COPY_VERSION};
    let organisation = public_key(&base64url::decode(key.as_str()).unwrap_or_default()).await?;
    let (private, epk) = new_pair().await?;
    let aes = response_key(&private, &organisation, &epk, COPY_INFO, "encrypt").await?;
    let iv = random::<12>()?;
    let associated = SealedCopy::associated_data(&key.id());
    let data = JsFuture::from(subtle()?.encrypt_with_object_and_u8_array(
        &aes_gcm(&iv, associated.as_bytes()),
        &aes,
        text.as_bytes(),
    )?)
    .await?;
    Ok(SealedCopy {
        format: COPY_FORMAT.to_owned(),
        version: COPY_VERSION,
        key: key.id(),
        epk: base64url::encode(&epk),
        iv: base64url::encode(&iv),
        data: base64url::encode(&bytes(&data)),
    })
}

/// A new answer key. The private key stays extractable, so that it can be
/// exported (protected by a passphrase) as the organisation's backup.
#[cfg(feature = "lock")]
pub async fn generate() -> Result<KeyPair, JsValue> {
    let (private, raw) = new_pair().await?;
    let public = AnswerKey::parse(&base64url::encode(&raw)).ok_or("not a P-256 point")?;
    Ok(KeyPair { private, public })
}

/// A new ECDH P-256 key pair, extractable: its private key, and its public
/// key as the raw point. The organisation's key, and the ephemeral key of
/// a sealed copy.
#[cfg(feature = "lock")]
async fn new_pair() -> Result<(CryptoKey, Vec<u8>), JsValue> {
    let subtle = subtle()?;
    let pair =
        JsFuture::from(subtle.generate_key_with_object(&ecdh(), true, &usages(&["deriveBits"]))?)
            .await?;
    let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())?.unchecked_into();
    let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())?.unchecked_into();
    let raw = bytes(&JsFuture::from(subtle.export_key("raw", &public)?).await?);
    Ok((private, raw))
}

/// The AES-GCM key PBKDF2-SHA-256 derives from `passphrase`.
#[cfg(feature = "lock")]
async fn passphrase_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    usage: &str,
) -> Result<CryptoKey, JsValue> {
    let pbkdf2 = [
        ("name", &"PBKDF2".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &Uint8Array::from(salt).into()),
        ("iterations", &iterations.into()),
    ];
    aes_key_from(passphrase.as_bytes(), &pbkdf2, usage).await
}

/// The key file of `pair`, its private key encrypted under `passphrase`
/// (the public key is the associated data).
#[cfg(feature = "lock")]
pub async fn export_file(pair: &KeyPair, passphrase: &str) -> Result<KeyFile, JsValue> {
    let subtle = subtle()?;
    let pkcs8 = bytes(&JsFuture::from(subtle.export_key("pkcs8", &pair.private)?).await?);
    let salt = random::<16>()?;
    let iv = random::<12>()?;
    let key = passphrase_key(passphrase, &salt, KEY_FILE_ITERATIONS, "encrypt").await?;
    let public = pair.public.as_str().as_bytes();
    let private = JsFuture::from(subtle.encrypt_with_object_and_u8_array(
        &aes_gcm(&iv, public),
        &key,
        &pkcs8,
    )?)
    .await?;
    Ok(KeyFile {
        format: KEY_FILE_FORMAT.to_owned(),
        version: KEY_FILE_VERSION,
        public: pair.public.as_str().to_owned(),
        key: pair.public.id(),
        iterations: KEY_FILE_ITERATIONS,
        salt: base64url::encode(&salt),
        iv: base64url::encode(&iv),
        private: base64url::encode(&bytes(&private)),
    })
}

/// The private key of a checked key file; `Ok(None)` when the passphrase
/// does not open it.
#[cfg(feature = "lock")]
pub async fn import_file(
    file: &KeyFile,
    public: AnswerKey,
    passphrase: &str,
) -> Result<Option<KeyPair>, JsValue> {
    let decode = |text: &str| base64url::decode(text).unwrap_or_default();
    let key = passphrase_key(passphrase, &decode(&file.salt), file.iterations, "decrypt").await?;
    let subtle = subtle()?;
    let decrypted = subtle.decrypt_with_object_and_u8_array(
        &aes_gcm(&decode(&file.iv), public.as_str().as_bytes()),
        &key,
        &decode(&file.private),
    )?;
    let Ok(pkcs8) = JsFuture::from(decrypted).await else {
        return Ok(None);
    };
    let private: CryptoKey = JsFuture::from(subtle.import_key_with_object(
        "pkcs8",
        &Uint8Array::new(&pkcs8),
        &ecdh(),
        true,
        &usages(&["deriveBits"]),
    )?)
    .await?
    .unchecked_into();
    Ok(Some(KeyPair { private, public }))
}
