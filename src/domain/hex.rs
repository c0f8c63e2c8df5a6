//! Bytes as lower-case hex text, for keys, salts and sealed values kept in
//! text stores.

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of `text`; `None` when it is not hex of whole bytes.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    // `from_str_radix` would take a sign ("+f").
    if text.len() % 2 != 0 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
