//! Password rules (seed 004 and docs/rules.md §1.1) and argon2id hashing at the OWASP minimum.

use std::fmt;

use argon2::password_hash::{PasswordHash as PhcHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use unicode_normalization::UnicodeNormalization;

use super::{Invalid, Username};
use crate::texts::field as t;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// OWASP minimum for argon2id: m = 19 MiB, t = 2, p = 1.
pub const ARGON2_M_KIB: u32 = 19_456;
pub const ARGON2_T: u32 = 2;
pub const ARGON2_P: u32 = 1;

static COMMON: &str = include_str!("data/common-passwords.txt");

/// A password that meets every rule. Its text never appears in `Debug` output.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Checks the rules; the username is needed because the password may not contain it.
    /// The rules judge, and the hash keeps, the NFC form: `ż` typed as one code point or
    /// as `z` + a combining dot (another keyboard, phone or OS) is the same password.
    pub fn parse(input: &str, username: Option<&Username>) -> Result<Self, Invalid> {
        let nfc: String = input.nfc().collect();
        let input = nfc.as_str();
        let chars = input.chars().count();
        if chars < MIN_CHARS {
            return Err(Invalid::new("password_too_short", t::PASSWORD_SHORT));
        }
        if chars > MAX_CHARS {
            return Err(Invalid::new("password_too_long", t::PASSWORD_LONG));
        }
        if input.chars().any(char::is_control) {
            return Err(Invalid::new("password_control", t::PASSWORD_CONTROL));
        }
        if !input.chars().any(char::is_uppercase) {
            return Err(Invalid::new("password_no_upper", t::PASSWORD_NO_UPPER));
        }
        if !input.chars().any(char::is_lowercase) {
            return Err(Invalid::new("password_no_lower", t::PASSWORD_NO_LOWER));
        }
        if !input.chars().any(|c| !c.is_alphabetic()) {
            return Err(Invalid::new("password_no_digit_or_special", t::PASSWORD_NO_DIGIT));
        }
        let lower = input.to_lowercase();
        if let Some(u) = username {
            if lower.contains(&u.as_str().to_lowercase()) {
                return Err(Invalid::new("password_contains_username", t::PASSWORD_HAS_USERNAME));
            }
        }
        if is_common(&lower) {
            return Err(Invalid::new("password_common", t::PASSWORD_COMMON));
        }
        Ok(Self(input.to_owned()))
    }

    /// argon2id with a random salt. Slow on purpose (tens of ms): call it from a
    /// blocking thread (`tokio::task::spawn_blocking`), never on the async executor.
    pub fn hash(&self) -> PasswordHash {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        // The parameters are constants known to be valid, so hashing cannot fail.
        let phc = hasher().hash_password(self.0.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default();
        PasswordHash(phc)
    }
}

impl Password {
    /// Whether this is the password behind `hash` (blocking, like `hash`).
    pub fn matches(&self, hash: &PasswordHash) -> bool {
        hash.verify(&self.0)
    }
}

fn is_common(lower: &str) -> bool {
    COMMON.lines().any(|l| l == lower)
}

thread_local! {
    /// argon2's 19 MiB of working memory, kept by each thread that verifies: allocated
    /// afresh, every check paid for faulting it in again (a third of the time of a
    /// sign-in on a warm process, measured in BENCHMARKS.md).
    static WORKING_MEMORY: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Checks `candidate` against a stored argon2 hash, with the algorithm, version,
/// parameters and salt the hash names, in this thread's reused working memory; the
/// outputs are compared in constant time.
fn verify_in_reused_memory(stored: &PhcHash<'_>, candidate: &[u8]) -> bool {
    let (Some(salt), Some(expected)) = (stored.salt, stored.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(stored.algorithm) else { return false };
    let version = match stored.version.map(Version::try_from) {
        None => Version::V0x13,
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(stored) else { return false };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else { return false };
    let blocks = params.block_count();
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    let hashed = WORKING_MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, argon2::Block::default());
        }
        argon.hash_password_into_with_memory(candidate, salt, &mut out, &mut memory[..blocks])
    });
    hashed.is_ok() && crate::crypto::constant_time_eq(&out, expected.as_bytes())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(ARGON2_M_KIB, ARGON2_T, ARGON2_P, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// An argon2id hash in PHC string form (`$argon2id$v=19$m=19456,t=2,p=1$...`).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// A stored PHC string (from the store; never from user input).
    pub fn from_phc(phc: &str) -> Self {
        Self(phc.to_owned())
    }

    /// Constant-time check of a candidate password (blocking, like `hash`), in NFC as
    /// `Password::parse` hashes it.
    pub fn verify(&self, candidate: &str) -> bool {
        let Ok(parsed) = PhcHash::new(&self.0) else { return false };
        let check = |text: &str| verify_in_reused_memory(&parsed, text.as_bytes());
        let nfc: String = candidate.nfc().collect();
        // Hashes made before passwords were normalised hold the text as typed: a citizen
        // who typed it decomposed then must still get in the same way (one more argon2
        // run, only for input that is not NFC).
        check(&nfc) || (nfc != candidate && check(candidate))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> Username {
        Username::parse("Jan_K").unwrap()
    }

    #[test]
    fn accepts_a_password_with_every_class() {
        for p in ["Zielony7Las", "Kot!wRybach", "Żółw2025Ok", "abcDEF12"] {
            assert!(Password::parse(p, Some(&user())).is_ok(), "{p}");
        }
    }

    #[test]
    fn says_which_class_is_missing() {
        let cases = [
            ("Kr7ótk", "password_too_short"),
            ("wszystkiemale1", "password_no_upper"),
            ("WSZYSTKIEDUZE1", "password_no_lower"),
            ("BezCyfryAniZnaku", "password_no_digit_or_special"),
        ];
        for (p, code) in cases {
            assert_eq!(Password::parse(p, None).unwrap_err().code, code, "{p}");
        }
        assert_eq!(Password::parse(&format!("Aa1{}", "x".repeat(126)), None).unwrap_err().code, "password_too_long");
    }

    #[test]
    fn refuses_a_password_containing_the_username_in_any_case() {
        assert_eq!(Password::parse("xxJAN_K2024", Some(&user())).unwrap_err().code, "password_contains_username");
    }

    #[test]
    fn refuses_common_passwords_whatever_their_case() {
        for p in ["Password1", "Qwerty123", "Zaq12wsx"] {
            assert_eq!(Password::parse(p, None).unwrap_err().code, "password_common", "{p}");
        }
    }

    /// "Zażółć-Gęślą-1" with every Polish letter decomposed (base letter + combining mark).
    fn decomposed() -> String {
        let s: String = "Zażółć-Gęślą-1".nfd().collect();
        assert_ne!(s, "Zażółć-Gęślą-1");
        assert_eq!(s.chars().count(), 20, "six combining marks more than the 14 characters typed");
        s
    }

    #[test]
    fn a_password_typed_decomposed_is_hashed_and_verified_as_nfc() {
        let h = Password::parse(&decomposed(), None).unwrap().hash();
        assert!(h.verify("Zażółć-Gęślą-1"), "applied in NFD, signs in with NFC");
        let h = Password::parse("Zażółć-Gęślą-1", None).unwrap().hash();
        assert!(h.verify(&decomposed()), "applied in NFC, signs in with NFD");
        assert!(!h.verify("Zazolc-Gesla-1"), "the marks still count");
    }

    #[test]
    fn a_hash_of_a_decomposed_password_made_before_normalisation_still_verifies() {
        let phc = hasher()
            .hash_password(decomposed().as_bytes(), &SaltString::generate(&mut rand::rngs::OsRng))
            .unwrap()
            .to_string();
        let legacy = PasswordHash::from_phc(&phc);
        assert!(legacy.verify(&decomposed()));
        assert!(!legacy.verify("Zażółć-Gęślą-1x"));
    }

    #[test]
    fn verifying_in_reused_memory_agrees_with_the_argon2_crate() {
        use argon2::password_hash::PasswordVerifier;
        let stored = Password::parse("Zielony7Las!", None).unwrap().hash();
        let parsed = PhcHash::new(stored.as_str()).unwrap();
        for candidate in ["Zielony7Las!", "Zielony7Las", "zielony7Las!", ""] {
            let ours = stored.verify(candidate);
            let theirs = hasher().verify_password(candidate.as_bytes(), &parsed).is_ok();
            assert_eq!(ours, theirs, "{candidate:?}");
        }
        assert!(stored.verify("Zielony7Las!") && stored.verify("Zielony7Las!"), "the same memory serves again");
        assert!(!PasswordHash::from_phc("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$").verify("x"), "no output: refused");
        assert!(!PasswordHash::from_phc("not a hash").verify("x"));
    }

    #[test]
    fn the_rules_count_the_nfc_form() {
        // 7 characters in NFC, 9 code points decomposed: judged on the 7
        let short: String = "Żółw-7a".nfd().collect();
        assert_eq!(short.chars().count(), 9);
        assert_eq!(Password::parse(&short, None).unwrap_err().code, "password_too_short");
        // 128 letters in NFC but more code points decomposed: still within the limit
        let long = format!("Aa1{}", "ó".repeat(125));
        let long_nfd: String = long.nfd().collect();
        assert!(long_nfd.chars().count() > MAX_CHARS);
        assert!(Password::parse(&long_nfd, None).is_ok());
    }

    #[test]
    fn the_list_holds_at_least_3000_passwords() {
        assert!(COMMON.lines().count() >= 3000);
    }

    #[test]
    fn hash_is_argon2id_at_owasp_minimum_and_verifies() {
        let h = Password::parse("Zielony7Las", None).unwrap().hash();
        assert!(h.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", h.as_str());
        assert!(h.verify("Zielony7Las"));
        assert!(!h.verify("zielony7las"));
        assert!(!format!("{h:?}").contains("argon2"));
    }
}
