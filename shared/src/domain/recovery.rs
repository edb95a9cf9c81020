//! Recovering a forgotten password (docs/rules.md §3.6): a one-time link by email, valid
//! 30 minutes, then an SMS code to the profile's phone, then a new password. The link's
//! token is stored only as its keyed hash; the code is the account's sign-in code (its
//! limits are the sign-in's: 3 tries a code, 5 codes and 10 wrong tries an hour).

use chrono::{DateTime, Duration, Utc};

use super::ApplicationId;

/// How long the emailed link works.
pub const LINK_VALID_FOR: Duration = Duration::minutes(30);

/// The least time an anonymous recovery request takes to answer, whatever it found: the
/// lookups and writes for a real profile (a few DynamoDB requests, tens of ms) end well
/// within it, so a known and an unknown username answer after the same time.
pub const ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(400);

/// One emailed recovery link, from the request to its one use.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recovery {
    /// The keyed hash of the link's token (the record's key).
    pub token_hash: String,
    pub account_id: ApplicationId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// When the new password was set with it: a link works once.
    #[serde(default)]
    pub used_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub version: u64,
}

/// Why a link no longer works (one answer for all three: nothing tells them apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkDead;

impl Recovery {
    pub fn new(token_hash: String, account_id: ApplicationId, now: DateTime<Utc>) -> Self {
        Self { token_hash, account_id, created_at: now, expires_at: now + LINK_VALID_FOR, used_at: None, version: 0 }
    }

    /// Whether the link may still be used at `now`.
    pub fn usable(&self, now: DateTime<Utc>) -> Result<(), LinkDead> {
        if self.used_at.is_some() || now >= self.expires_at {
            Err(LinkDead)
        } else {
            Ok(())
        }
    }

    /// The new password was set: the link is spent.
    pub fn use_up(&mut self, now: DateTime<Utc>) -> Result<(), LinkDead> {
        self.usable(now)?;
        self.used_at = Some(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-05T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_link_works_once_and_for_thirty_minutes() {
        let id = ApplicationId::parse(&"a".repeat(26)).unwrap();
        let mut r = Recovery::new("h".into(), id, t0());
        assert_eq!(r.usable(t0() + Duration::minutes(29)), Ok(()));
        assert_eq!(r.usable(t0() + LINK_VALID_FOR), Err(LinkDead), "not at 30 minutes");
        assert_eq!(r.use_up(t0() + Duration::minutes(5)), Ok(()));
        assert_eq!(r.use_up(t0() + Duration::minutes(6)), Err(LinkDead), "once");
        assert_eq!(r.usable(t0() + Duration::minutes(6)), Err(LinkDead));
    }
}
