//! Identifiers and secrets made from randomness: application id (public, in URLs),
//! application number (secret, read out by the clerk), tokens, slot and message ids.

use std::fmt;

use crate::ports::Random;

/// Crockford base32 without I, L, O, U: easy to read aloud and to type.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn base32(bytes: &[u8], chars: usize) -> String {
    let mut bits: u128 = 0;
    let mut nbits = 0;
    let mut out = String::with_capacity(chars);
    for &b in bytes {
        bits = (bits << 8) | u128::from(b);
        nbits += 8;
        while nbits >= 5 && out.len() < chars {
            nbits -= 5;
            out.push(ALPHABET[((bits >> nbits) & 31) as usize] as char);
        }
    }
    out
}

/// A random string of `chars` base32 characters (5 bits each).
pub fn random_base32(rng: &dyn Random, chars: usize) -> String {
    let mut buf = vec![0u8; (chars * 5).div_ceil(8)];
    rng.fill(&mut buf);
    base32(&buf, chars)
}

pub fn is_base32(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| ALPHABET.contains(&b))
}

macro_rules! random_id_type {
    ($(#[$doc:meta])* $name:ident, $chars:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub const CHARS: usize = $chars;

            pub fn generate(rng: &dyn $crate::ports::Random) -> Self {
                Self($crate::domain::ids::random_base32(rng, $chars).to_lowercase())
            }

            /// Accepts only the exact shape we generate (path parameters come from anyone).
            pub fn parse(s: &str) -> Result<Self, $crate::domain::Invalid> {
                let upper = s.to_ascii_uppercase();
                if $crate::domain::ids::is_base32(&upper, $chars) && s == upper.to_lowercase() {
                    Ok(Self(s.to_owned()))
                } else {
                    Err($crate::domain::Invalid::new("bad_id", crate::texts::NOT_FOUND))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

random_id_type!(
    /// 130 random bits; appears in URLs and logs, grants nothing by itself.
    ApplicationId, 26
);

impl ApplicationId {
    /// An id no application has (never generated: all zeros), for a lookup that must
    /// read as much whether or not it found an owner.
    pub fn nobody() -> Self {
        Self("0".repeat(Self::CHARS))
    }
}
random_id_type!(SlotId, 16);
random_id_type!(
    /// Identifies a clerk in the audit trail and in decisions.
    ClerkId, 16
);
random_id_type!(
    /// One entry of the audit trail.
    AuditId, 16
);

/// One sign-in (or step-up) challenge; for a push it is also the request id the app sees.
/// A challenge made for an account starts with the account's id (`for_account`), so that
/// the challenge and its account are read in one request; 26 random characters follow.
/// The holder already knows whose it is: only the browser that typed the right password
/// and the account's app are given it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ChallengeId(String);

impl ChallengeId {
    /// The random part (and the whole id of a challenge made without `for_account`).
    pub const CHARS: usize = 26;

    /// A random id that names no account.
    pub fn generate(rng: &dyn Random) -> Self {
        Self(random_base32(rng, Self::CHARS).to_lowercase())
    }

    /// The id of a challenge for `account`: its id, then the random part.
    pub fn for_account(rng: &dyn Random, account: &ApplicationId) -> Self {
        Self(format!("{account}{}", random_base32(rng, Self::CHARS).to_lowercase()))
    }

    /// Accepts only the shapes we generate (path parameters come from anyone).
    pub fn parse(s: &str) -> Result<Self, crate::domain::Invalid> {
        let upper = s.to_ascii_uppercase();
        let shaped = [Self::CHARS, ApplicationId::CHARS + Self::CHARS].iter().any(|&n| is_base32(&upper, n));
        if shaped && s == upper.to_lowercase() {
            Ok(Self(s.to_owned()))
        } else {
            Err(crate::domain::Invalid::new("bad_id", crate::texts::NOT_FOUND))
        }
    }

    /// The account the id says the challenge is for; the stored challenge has the last
    /// word (a made-up id may name any account).
    pub fn account_hint(&self) -> Option<ApplicationId> {
        let prefix = self.0.get(..self.0.len().checked_sub(Self::CHARS)?)?;
        ApplicationId::parse(prefix).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChallengeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
random_id_type!(
    /// A linked mObywatel app.
    DeviceId, 16
);

/// The secret application number: 60 random bits, `XXXX-XXXX-XXXX`. Never logged:
/// its `Debug` is masked and it has no `Display`.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ApplicationNumber(String);

impl ApplicationNumber {
    pub fn generate(rng: &dyn Random) -> Self {
        let raw = random_base32(rng, 12);
        Self(format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12]))
    }

    /// Only for the citizen's email and the clerk's screen.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// The number as a clerk typed it from the citizen's email at a counter: any case, with
    /// or without hyphens and spaces, and `O`, `I` and `L` read as the digits they look like
    /// (Crockford's base32 has none of those letters). Compared in constant time.
    pub fn matches(&self, typed: &str) -> bool {
        let typed: String = typed
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect();
        let own: String = self.0.chars().filter(|&c| c != '-').collect();
        crate::crypto::constant_time_eq(typed.as_bytes(), own.as_bytes())
    }
}

impl fmt::Debug for ApplicationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApplicationNumber(****-****-****)")
    }
}

/// A bearer secret handed to a browser in a cookie (≥ 128 bits); only its keyed hash is stored.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    pub fn generate(rng: &dyn Random) -> Self {
        Self(random_base32(rng, 32).to_lowercase())
    }

    pub fn from_cookie(s: &str) -> Self {
        Self(s.to_owned())
    }

    pub fn reveal(&self) -> &str {
        &self.0
    }
}

/// The client's `Idempotency-Key` header: 8 to 128 visible ASCII characters (a UUID
/// from the page). A repeat of the same submission with the same key gets the same
/// application back instead of a second one.
#[derive(Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(s: &str) -> Option<Self> {
        let ok = (Self::MIN..=Self::MAX).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic());
        ok.then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdempotencyKey(***)")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::random::SeededRandom;

    #[test]
    fn a_challenge_id_names_its_account_or_nothing() {
        let rng = SeededRandom::new(7);
        let account = ApplicationId::generate(&rng);
        let id = ChallengeId::for_account(&rng, &account);
        assert_eq!(id.as_str().len(), ApplicationId::CHARS + ChallengeId::CHARS);
        assert_eq!(ChallengeId::parse(id.as_str()).unwrap().account_hint(), Some(account));
        let plain = ChallengeId::generate(&rng);
        assert_eq!(ChallengeId::parse(plain.as_str()).unwrap().account_hint(), None);
        for bad in ["", "abc", &id.as_str().to_uppercase(), &format!("{id}0"), &id.as_str()[1..]] {
            assert!(ChallengeId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_idempotency_key_is_8_to_128_visible_ascii_characters() {
        assert!(IdempotencyKey::parse("6f1c2a3e-8b7d-4c1e-9f00-1234567890ab").is_some());
        assert!(IdempotencyKey::parse(&"k".repeat(128)).is_some());
        for bad in ["", "krótki", "siedem7", &"k".repeat(129), "spacja w kluczu!", "zażółć-gęślą", "tab\there-123"]
        {
            assert!(IdempotencyKey::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn application_number_has_60_bits_in_three_groups() {
        let rng = SeededRandom::new(1);
        let n = ApplicationNumber::generate(&rng);
        assert_eq!(n.reveal().len(), 14);
        assert_eq!(n.reveal().matches('-').count(), 2);
        assert_ne!(n, ApplicationNumber::generate(&rng));
        assert!(!format!("{n:?}").contains(&n.reveal()[0..4]));
    }

    #[test]
    fn an_application_number_matches_as_a_clerk_may_type_it() {
        let n = ApplicationNumber("01AB-CD23-EF45".into());
        for typed in ["01AB-CD23-EF45", "01abcd23ef45", "ol ab cd23 ef45", "OIAB-CD23-EF45"] {
            assert!(n.matches(typed), "{typed}");
        }
        for typed in ["01AB-CD23-EF46", "01AB-CD23-EF4", "", "01AB-CD23-EF45X"] {
            assert!(!n.matches(typed), "{typed}");
        }
    }

    #[test]
    fn ids_parse_only_their_own_shape() {
        let rng = SeededRandom::new(2);
        let id = ApplicationId::generate(&rng);
        assert_eq!(ApplicationId::parse(id.as_str()).unwrap(), id);
        for bad in ["", "abc", "../../etc/passwd", &id.as_str().to_uppercase(), &format!("{}x", id.as_str())] {
            assert!(ApplicationId::parse(bad).is_err(), "{bad}");
        }
    }
}
