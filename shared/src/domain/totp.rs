//! The clerk's second factor: time-based one-time codes (TOTP, RFC 6238) as every
//! authenticator app makes them — 6 digits, a 30-second step, HMAC-SHA-1, a 160-bit
//! secret shown to the clerk once as base32 and as an `otpauth://` URI.
//!
//! A code is accepted one step either side of now (clocks of phones drift), and never
//! twice: the clerk keeps the last step accepted, and only a later step is taken.

use chrono::{DateTime, Utc};
use ring::hmac;

use crate::crypto::constant_time_eq;
use crate::ports::Random;

pub const DIGITS: usize = 6;
pub const STEP_SECONDS: i64 = 30;
/// Steps accepted either side of the current one.
pub const SKEW: i64 = 1;
/// 160 bits, the size RFC 4226 recommends for HMAC-SHA-1.
pub const SECRET_BYTES: usize = 20;
const ISSUER: &str = "Profil Zaufany";
/// RFC 4648 base32, the alphabet authenticator apps read.
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A clerk's TOTP secret. Never logged: its `Debug` says nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; SECRET_BYTES]);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(***)")
    }
}

impl TotpSecret {
    pub fn generate(rng: &dyn Random) -> Self {
        let mut bytes = [0u8; SECRET_BYTES];
        rng.fill(&mut bytes);
        Self(bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Reads the base32 form (case, spaces and `=` padding ignored, as apps show it).
    pub fn parse(text: &str) -> Option<Self> {
        let mut bits: u64 = 0;
        let mut nbits = 0;
        let mut out = Vec::with_capacity(SECRET_BYTES);
        for c in text.bytes().filter(|c| !matches!(c, b' ' | b'=' | b'-')) {
            let v = BASE32.iter().position(|a| *a == c.to_ascii_uppercase())?;
            bits = (bits << 5) | v as u64;
            nbits += 5;
            if nbits >= 8 {
                nbits -= 8;
                out.push((bits >> nbits) as u8);
                bits &= (1 << nbits) - 1;
            }
        }
        Self::from_bytes(&out)
    }

    /// The base32 form the clerk types into an app (32 characters, no padding).
    pub fn to_base32(&self) -> String {
        let mut out = String::with_capacity(32);
        let (mut bits, mut nbits) = (0u64, 0);
        for &b in &self.0 {
            bits = (bits << 8) | u64::from(b);
            nbits += 8;
            while nbits >= 5 {
                nbits -= 5;
                out.push(BASE32[((bits >> nbits) & 31) as usize] as char);
            }
        }
        out
    }

    /// The key URI apps scan (Google Authenticator's format, read by every TOTP app).
    pub fn otpauth_uri(&self, username: &str) -> String {
        let issuer = ISSUER.replace(' ', "%20");
        format!("otpauth://totp/{issuer}:{username}?secret={}&issuer={issuer}", self.to_base32())
    }

    /// The code of one time step (RFC 4226 dynamic truncation of HMAC-SHA-1).
    pub fn code_at(&self, step: u64) -> String {
        let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, &self.0);
        let mac = hmac::sign(&key, &step.to_be_bytes());
        let mac = mac.as_ref();
        let offset = usize::from(mac[mac.len() - 1] & 0x0f);
        let value = u32::from_be_bytes([mac[offset] & 0x7f, mac[offset + 1], mac[offset + 2], mac[offset + 3]]);
        format!("{:0width$}", value % 10u32.pow(DIGITS as u32), width = DIGITS)
    }

    /// The step a typed code belongs to, if it is one of now ± `SKEW` and later than
    /// `last_used` (a code works once). Every candidate is compared, in constant time.
    pub fn accepts(&self, code: &str, now: DateTime<Utc>, last_used: Option<u64>) -> Option<u64> {
        if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let current = step_at(now);
        let mut found = None;
        for step in (current - SKEW)..=(current + SKEW) {
            let Ok(step) = u64::try_from(step) else { continue };
            let fresh = last_used.is_none_or(|last| step > last);
            if constant_time_eq(self.code_at(step).as_bytes(), code.as_bytes()) && fresh && found.is_none() {
                found = Some(step);
            }
        }
        found
    }
}

/// The TOTP time step of an instant (Unix time / 30 s).
pub fn step_at(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(STEP_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    /// The SHA-1 seed of RFC 6238 appendix B ("12345678901234567890").
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890").unwrap()
    }

    fn at(unix: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(unix, 0).unwrap()
    }

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // Appendix B gives 8 digits; the last 6 of each are the 6-digit codes.
        for (time, eight) in
            [(59, "94287082"), (1_111_111_109, "07081804"), (1_234_567_890, "89005924"), (2_000_000_000, "69279037")]
        {
            let step = u64::try_from(step_at(at(time))).unwrap();
            assert_eq!(rfc_secret().code_at(step), eight[2..], "T = {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_never_twice() {
        let s = rfc_secret();
        let now = at(1_234_567_890);
        let step = |d: i64| u64::try_from(step_at(now) + d).unwrap();
        for d in [-1, 0, 1] {
            assert_eq!(s.accepts(&s.code_at(step(d)), now, None), Some(step(d)), "±1 step");
        }
        assert_eq!(s.accepts(&s.code_at(step(2)), now, None), None, "two steps ahead");
        assert_eq!(s.accepts(&s.code_at(step(-2)), now, None), None, "a minute old");
        assert_eq!(s.accepts(&s.code_at(step(0)), now, Some(step(0))), None, "used once");
        assert_eq!(s.accepts(&s.code_at(step(-1)), now, Some(step(0))), None, "older than the last used");
        assert_eq!(s.accepts(&s.code_at(step(1)), now, Some(step(0))), Some(step(1)), "the next one works");
        assert_eq!(s.accepts(&s.code_at(step(0)), now + Duration::seconds(30), None), Some(step(0)));
    }

    #[test]
    fn anything_but_six_digits_is_refused() {
        let s = rfc_secret();
        let now = at(1_234_567_890);
        let code = s.code_at(u64::try_from(step_at(now)).unwrap());
        for bad in ["", "12345", "1234567", &format!(" {}", &code[1..]), "abcdef", &format!("{code}0")] {
            assert_eq!(s.accepts(bad, now, None), None, "{bad:?}");
        }
    }

    #[test]
    fn base32_round_trips_and_the_uri_names_issuer_and_user() {
        let s = rfc_secret();
        assert_eq!(s.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(TotpSecret::parse("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), Some(s.clone()));
        assert_eq!(TotpSecret::parse("GEZDGNBV"), None, "too short");
        assert_eq!(TotpSecret::parse("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1"), None, "not base32");
        assert_eq!(
            s.otpauth_uri("urzednik"),
            "otpauth://totp/Profil%20Zaufany:urzednik?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Profil%20Zaufany"
        );
        assert_eq!(format!("{s:?}"), "TotpSecret(***)");
    }
}
