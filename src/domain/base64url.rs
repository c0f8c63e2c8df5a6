//! base64url without padding (RFC 4648 §5): bytes as text for links and
//! JSON, a third shorter than hex (keys in a survey link, sealed answers).

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            text.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    text
}

fn value(byte: u8) -> Option<u32> {
    ALPHABET.iter().position(|a| *a == byte).map(|p| p as u32)
}

/// The bytes of `text`; `None` when it is not unpadded base64url, or has
/// bits left over that an encoder would not write.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let input = text.as_bytes();
    if input.len() % 4 == 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(input.len() * 3 / 4);
    for chunk in input.chunks(4) {
        let mut n = 0u32;
        for (i, b) in chunk.iter().enumerate() {
            n |= value(*b)? << (18 - 6 * i);
        }
        let whole = chunk.len() - 1;
        for i in 0..whole {
            bytes.push((n >> (16 - 8 * i)) as u8);
        }
        // The bits after the last whole byte must be zero.
        if n & ((1 << (24 - 8 * whole)) - 1) != 0 {
            return None;
        }
    }
    Some(bytes)
}

/// How many bytes `text` decodes to; `None` when it is not base64url.
pub fn decoded_len(text: &str) -> Option<usize> {
    decode(text).map(|bytes| bytes.len())
}
