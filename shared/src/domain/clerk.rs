//! Clerks (urzędnicy): their accounts, sign-in lockout and sessions.

use chrono::{DateTime, Duration, Utc};

use super::lockout::{IdleSession, Lockout};
use super::{ClerkId, PasswordHash, Username};

pub use super::lockout::{LOCKOUT, MAX_FAILED_LOGINS};
/// A clerk session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::minutes(15);
/// …and in any case after a working day.
pub const SESSION_MAX: Duration = Duration::hours(10);
pub use super::lockout::SESSION_REFRESH;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Clerk {
    pub id: ClerkId,
    /// Case-sensitive, the same rules as citizens' usernames.
    pub username: Username,
    pub password_hash: PasswordHash,
    pub created_at: DateTime<Utc>,
    /// Wrong passwords in a row, and the lock they caused.
    #[serde(default)]
    pub lockout: Lockout,
    #[serde(default)]
    pub disabled: bool,
    /// Optimistic-locking version, checked by the store on every update.
    #[serde(default)]
    pub version: u64,
}

impl Clerk {
    pub fn new(id: ClerkId, username: Username, password_hash: PasswordHash, now: DateTime<Utc>) -> Self {
        Self { id, username, password_hash, created_at: now, lockout: Lockout::default(), disabled: false, version: 0 }
    }
}

/// A signed-in clerk. Stored under the keyed hash of its cookie token, never the token.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClerkSession {
    pub token_hash: String,
    pub clerk_id: ClerkId,
    pub username: Username,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

impl IdleSession for ClerkSession {
    const IDLE: Duration = SESSION_IDLE;
    const MAX: Duration = SESSION_MAX;

    fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    fn last_seen(&self) -> DateTime<Utc> {
        self.last_seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::random::SeededRandom;

    fn clerk() -> (Clerk, DateTime<Utc>) {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z").unwrap().with_timezone(&Utc);
        let rng = SeededRandom::new(7);
        let c = Clerk::new(ClerkId::generate(&rng), Username::parse("urzednik").unwrap(), PasswordHash::from_phc("x"), now);
        (c, now)
    }

    #[test]
    fn a_session_ends_after_fifteen_idle_minutes_or_ten_hours() {
        let (c, now) = clerk();
        let mut s = ClerkSession { token_hash: "h".into(), clerk_id: c.id, username: c.username, created_at: now, last_seen: now };
        assert!(s.is_live(now + Duration::minutes(14)));
        assert!(!s.is_live(now + SESSION_IDLE));
        s.last_seen = now + Duration::hours(9) + Duration::minutes(55);
        assert!(!s.is_live(now + SESSION_MAX), "the day's limit holds even when active");
    }
}
