//! Keyed hashes for codes, tokens and uniqueness keys (HMAC-SHA-256 with a secret key
//! that lives outside the database).

use hmac::{Hmac, KeyInit, Mac};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::ports::Random;

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

impl HashKey {
    /// A 256-bit AES key for one purpose, derived from this key (so that no second secret
    /// has to be deployed).
    fn aead_key(&self, purpose: &str) -> LessSafeKey {
        let bytes = from_hex(&self.hash("aead-key", purpose)).expect("a hash is hex");
        LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &bytes).expect("32 bytes make an AES-256 key"))
    }

    /// Encrypts a secret to be stored (AES-256-GCM, random nonce); `bound_to` (say, the
    /// owner's id) must be given again to open it, so a sealed value moved to another
    /// item does not open.
    pub fn seal(&self, purpose: &str, bound_to: &str, secret: &[u8], rng: &dyn Random) -> Sealed {
        let mut nonce = [0u8; NONCE_LEN];
        rng.fill(&mut nonce);
        let mut data = secret.to_vec();
        self.aead_key(purpose)
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(bound_to.as_bytes()), &mut data)
            .expect("AES-GCM seals any secret shorter than 64 GiB");
        Sealed { nonce: hex(&nonce), data: hex(&data) }
    }

    /// The secret `seal` stored, or `None` if it was sealed with another key, purpose or
    /// owner, or changed since.
    pub fn open(&self, purpose: &str, bound_to: &str, sealed: &Sealed) -> Option<Vec<u8>> {
        let nonce: [u8; NONCE_LEN] = from_hex(&sealed.nonce)?.try_into().ok()?;
        let mut data = from_hex(&sealed.data)?;
        let plain = self
            .aead_key(purpose)
            .open_in_place(Nonce::assume_unique_for_key(nonce), Aad::from(bound_to.as_bytes()), &mut data)
            .ok()?;
        Some(plain.to_vec())
    }
}

/// A secret encrypted by `HashKey::seal`, as stored.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sealed {
    pub nonce: String,
    pub data: String,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealed(***)")
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
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// Compares secrets without leaking, through timing, where they first differ (`subtle`,
/// whose comparison the optimiser cannot turn back into an early exit). Only the lengths
/// may show, and they are no secret: hashes, tokens and codes have fixed lengths.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
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
    fn a_sealed_secret_opens_only_with_its_key_purpose_and_owner() {
        let rng = crate::adapters::random::SeededRandom::new(3);
        let k1 = HashKey::new(vec![1; 32]).unwrap();
        let sealed = k1.seal("totp", "clerk-1", b"twenty bytes secret!", &rng);
        assert!(!sealed.data.contains(&hex(b"twenty bytes secret!")), "stored encrypted");
        assert_eq!(k1.open("totp", "clerk-1", &sealed).as_deref(), Some(&b"twenty bytes secret!"[..]));
        assert_eq!(k1.open("totp", "clerk-2", &sealed), None, "bound to its owner");
        assert_eq!(k1.open("other", "clerk-1", &sealed), None);
        assert_eq!(HashKey::new(vec![2; 32]).unwrap().open("totp", "clerk-1", &sealed), None);
        let mut tampered = sealed.clone();
        tampered.data.replace_range(0..2, if &sealed.data[0..2] == "00" { "01" } else { "00" });
        assert_eq!(k1.open("totp", "clerk-1", &tampered), None);
        assert_ne!(k1.seal("totp", "clerk-1", b"twenty bytes secret!", &rng), sealed, "a fresh nonce each time");
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
