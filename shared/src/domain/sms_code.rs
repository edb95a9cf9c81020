//! One-time SMS codes (docs/rules.md §1.6): 6 digits, valid 5 minutes, 3 wrong tries per code,
//! at most 5 sends an hour, and 10 wrong tries in an hour (across codes) block new codes
//! for an hour. The same rules guard sign-in codes.

use std::fmt;

use chrono::{DateTime, Duration, Utc};

use super::rate::RateWindow;
use super::Invalid;
use crate::ports::Random;
use crate::texts::field as t;

pub const DIGITS: usize = 6;
pub const VALID_FOR: Duration = Duration::minutes(5);
pub const TRIES_PER_CODE: u8 = 3;
pub const SENDS_PER_HOUR: usize = 5;
pub const WRONG_PER_HOUR: usize = 10;
pub const HOUR: Duration = Duration::hours(1);

/// A code as typed by the citizen, or freshly generated. Never `Debug`-printed in clear.
#[derive(Clone, PartialEq, Eq)]
pub struct SmsCode(String);

impl SmsCode {
    pub fn generate(rng: &dyn Random) -> Self {
        // Rejection sampling keeps every code equally likely.
        loop {
            let mut b = [0u8; 4];
            rng.fill(&mut b);
            let n = u32::from_le_bytes(b);
            if n < 4_294_000_000 {
                return Self(format!("{:06}", n % 1_000_000));
            }
        }
    }

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s: String = input.chars().filter(|c| *c != ' ').collect();
        if s.len() == DIGITS && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s))
        } else {
            Err(Invalid::new("code_format", t::CODE_FORMAT))
        }
    }

    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SmsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SmsCode(******)")
    }
}

/// The live code: only its keyed hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeChallenge {
    pub hash: String,
    pub expires_at: DateTime<Utc>,
    pub wrong_tries: u8,
    pub used: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("too many codes sent")]
    TooManySends { retry_after: Duration },
    #[error("too many wrong codes; blocked")]
    Blocked { retry_after: Duration },
    #[error("no code was sent")]
    NoCode,
    #[error("code expired")]
    Expired,
    #[error("code used up by wrong tries")]
    Dead,
    #[error("code already used")]
    Used,
    #[error("wrong code")]
    Wrong { tries_left: u8 },
}

/// Everything needed to decide about codes for one application (or one account's SMS channel).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeGuard {
    pub challenge: Option<CodeChallenge>,
    pub sends: RateWindow,
    pub wrong: RateWindow,
    pub blocked_until: Option<DateTime<Utc>>,
}

impl CodeGuard {
    /// Replaces the current code by a new one (given as its keyed hash), within the limits.
    pub fn issue(&mut self, now: DateTime<Utc>, hash: String) -> Result<(), CodeError> {
        self.check_not_blocked(now)?;
        self.sends.admit(now, SENDS_PER_HOUR, HOUR).map_err(|retry_after| CodeError::TooManySends { retry_after })?;
        self.challenge = Some(CodeChallenge { hash, expires_at: now + VALID_FOR, wrong_tries: 0, used: false });
        Ok(())
    }

    /// Checks a candidate (as its keyed hash). A wrong try changes the guard even though the
    /// answer is an error (`Wrong`, `Dead`, or `Blocked` on the tenth): save it when changed.
    pub fn check(&mut self, now: DateTime<Utc>, candidate_hash: &str) -> Result<(), CodeError> {
        self.check_not_blocked(now)?;
        let c = self.challenge.as_mut().ok_or(CodeError::NoCode)?;
        if c.used {
            return Err(CodeError::Used);
        }
        if c.wrong_tries >= TRIES_PER_CODE {
            return Err(CodeError::Dead);
        }
        if now >= c.expires_at {
            return Err(CodeError::Expired);
        }
        if crate::crypto::constant_time_eq(c.hash.as_bytes(), candidate_hash.as_bytes()) {
            c.used = true;
            return Ok(());
        }
        c.wrong_tries += 1;
        let tries_left = TRIES_PER_CODE - c.wrong_tries;
        self.wrong.forget_before(now - HOUR);
        self.wrong.events.push(now);
        if self.wrong.events.len() >= WRONG_PER_HOUR {
            // The try that reaches the limit is already answered with the block, so the
            // citizen learns at once that no new code will come for an hour.
            self.blocked_until = Some(now + HOUR);
            return Err(CodeError::Blocked { retry_after: HOUR });
        }
        Err(if tries_left == 0 { CodeError::Dead } else { CodeError::Wrong { tries_left } })
    }

    fn check_not_blocked(&self, now: DateTime<Utc>) -> Result<(), CodeError> {
        match self.blocked_until {
            Some(until) if until > now => Err(CodeError::Blocked { retry_after: until - now }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::random::SeededRandom;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn codes_are_six_digits_and_parse_back() {
        let rng = SeededRandom::new(7);
        for _ in 0..100 {
            let c = SmsCode::generate(&rng);
            assert_eq!(SmsCode::parse(c.reveal()).unwrap(), c);
        }
        for bad in ["12345", "1234567", "12a456", ""] {
            assert!(SmsCode::parse(bad).is_err());
        }
        assert_eq!(SmsCode::parse("123 456").unwrap().reveal(), "123456");
    }

    #[test]
    fn right_code_works_once() {
        let mut g = CodeGuard::default();
        g.issue(t0(), "h".into()).unwrap();
        assert_eq!(g.check(t0(), "h"), Ok(()));
        assert_eq!(g.check(t0(), "h"), Err(CodeError::Used));
    }

    #[test]
    fn code_expires_after_five_minutes() {
        let mut g = CodeGuard::default();
        g.issue(t0(), "h".into()).unwrap();
        assert_eq!(g.check(t0() + Duration::seconds(299), "x"), Err(CodeError::Wrong { tries_left: 2 }));
        assert_eq!(g.check(t0() + Duration::seconds(300), "h"), Err(CodeError::Expired));
    }

    #[test]
    fn third_wrong_code_kills_the_code() {
        let mut g = CodeGuard::default();
        g.issue(t0(), "h".into()).unwrap();
        assert_eq!(g.check(t0(), "x"), Err(CodeError::Wrong { tries_left: 2 }));
        assert_eq!(g.check(t0(), "x"), Err(CodeError::Wrong { tries_left: 1 }));
        assert_eq!(g.check(t0(), "x"), Err(CodeError::Dead));
        assert_eq!(g.check(t0(), "h"), Err(CodeError::Dead));
    }

    #[test]
    fn sixth_send_within_an_hour_is_refused() {
        let mut g = CodeGuard::default();
        for i in 0..5 {
            g.issue(t0() + Duration::minutes(i), format!("h{i}")).unwrap();
        }
        assert!(matches!(g.issue(t0() + Duration::minutes(6), "h".into()), Err(CodeError::TooManySends { .. })));
    }

    #[test]
    fn ten_wrong_tries_across_codes_block_new_codes_for_an_hour() {
        let mut g = CodeGuard::default();
        let mut now = t0();
        for round in 0..4 {
            // 4 codes in under an hour; a resend never resets the count
            g.issue(now, format!("h{round}")).unwrap();
            for _ in 0..3 {
                if g.blocked_until.is_none() {
                    let _ = g.check(now, "x");
                }
            }
            now += Duration::minutes(1);
        }
        assert_eq!(g.blocked_until, Some(t0() + Duration::minutes(3) + HOUR));
        assert_eq!(g.wrong.events.len(), WRONG_PER_HOUR);
        assert!(matches!(g.issue(now, "h".into()), Err(CodeError::Blocked { .. })));
        assert!(g.issue(t0() + Duration::minutes(64), "h".into()).is_ok());
    }
}
