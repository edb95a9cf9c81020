//! Keyed hashes for codes, tokens and uniqueness keys (HMAC-SHA-256 with a secret key
//! that lives outside the database).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

#[derive(Clone)]
pub struct HashKey(Vec<u8>);

impl HashKey {
    pub const MIN_BYTES: usize = 32;

    pub fn new(bytes: Vec<u8>) -> Option<Self> {
        (bytes.len() >= Self::MIN_BYTES).then_some(Self(bytes))
    }

    /// `purpose` separates domains: the same value hashed for two purposes differs.
    pub fn hash(&self, purpose: &str, value: &str) -> String {
        // HMAC accepts keys of any length.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for HashKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashKey(***)")
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// Compares secrets without leaking, through timing, where they first differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_depend_on_key_purpose_and_value() {
        let k1 = HashKey::new(vec![1; 32]).unwrap();
        let k2 = HashKey::new(vec![2; 32]).unwrap();
        assert_eq!(k1.hash("code", "123456"), k1.hash("code", "123456"));
        assert_ne!(k1.hash("code", "123456"), k2.hash("code", "123456"));
        assert_ne!(k1.hash("code", "123456"), k1.hash("token", "123456"));
        assert_eq!(k1.hash("code", "1").len(), 64);
        assert!(HashKey::new(vec![0; 31]).is_none());
    }

    #[test]
    fn hex_round_trips_and_compares_in_constant_time() {
        assert_eq!(from_hex(&hex(&[0, 255, 16])).unwrap(), vec![0, 255, 16]);
        assert!(from_hex("zz").is_none());
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
