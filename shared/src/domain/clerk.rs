//! Clerks (urzędnicy): their accounts, sign-in lockout and sessions.

use chrono::{DateTime, Duration, Utc};

use super::{ClerkId, PasswordHash, Username};

/// Consecutive wrong passwords that lock a clerk account *(ours)*.
pub const MAX_FAILED_LOGINS: u32 = 5;
/// How long a locked clerk account waits *(ours)*.
pub const LOCKOUT: Duration = Duration::minutes(15);
/// A clerk session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::minutes(15);
/// …and in any case after a working day.
pub const SESSION_MAX: Duration = Duration::hours(10);
/// A session's idle deadline is moved forward at most this often (one write per minute).
pub const SESSION_REFRESH: Duration = Duration::seconds(60);

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Clerk {
    pub id: ClerkId,
    /// Case-sensitive, the same rules as citizens' usernames.
    pub username: Username,
    pub password_hash: PasswordHash,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub failed_logins: u32,
    #[serde(default)]
    pub locked_until: Option<DateTime<Utc>>,
    #[serde(default)]
    pub disabled: bool,
    /// Optimistic-locking version, checked by the store on every update.
    #[serde(default)]
    pub version: u64,
}

impl Clerk {
    pub fn new(id: ClerkId, username: Username, password_hash: PasswordHash, now: DateTime<Utc>) -> Self {
        Self { id, username, password_hash, created_at: now, failed_logins: 0, locked_until: None, disabled: false, version: 0 }
    }

    /// How long until the account may try again, if it is locked.
    pub fn locked_for(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.locked_until.filter(|t| *t > now).map(|t| t - now)
    }

    /// Counts a wrong password; the fifth in a row locks the account.
    pub fn record_failure(&mut self, now: DateTime<Utc>) {
        if self.locked_until.is_some_and(|t| t <= now) {
            self.locked_until = None;
            self.failed_logins = 0;
        }
        self.failed_logins += 1;
        if self.failed_logins >= MAX_FAILED_LOGINS {
            self.locked_until = Some(now + LOCKOUT);
        }
    }

    pub fn record_success(&mut self) {
        self.failed_logins = 0;
        self.locked_until = None;
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

impl ClerkSession {
    pub fn idle_until(&self) -> DateTime<Utc> {
        (self.last_seen + SESSION_IDLE).min(self.created_at + SESSION_MAX)
    }

    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        now < self.idle_until()
    }

    /// Whether this request should move the idle deadline forward.
    pub fn needs_refresh(&self, now: DateTime<Utc>) -> bool {
        now - self.last_seen >= SESSION_REFRESH
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
    fn five_wrong_passwords_lock_for_fifteen_minutes() {
        let (mut c, now) = clerk();
        for _ in 0..4 {
            c.record_failure(now);
            assert_eq!(c.locked_for(now), None);
        }
        c.record_failure(now);
        assert_eq!(c.locked_for(now), Some(LOCKOUT));
        assert_eq!(c.locked_for(now + LOCKOUT), None, "the lock ends by itself");
    }

    #[test]
    fn a_failure_after_the_lock_ended_starts_counting_again() {
        let (mut c, now) = clerk();
        for _ in 0..5 {
            c.record_failure(now);
        }
        c.record_failure(now + LOCKOUT);
        assert_eq!(c.failed_logins, 1);
        assert_eq!(c.locked_for(now + LOCKOUT), None);
    }

    #[test]
    fn success_resets_the_count() {
        let (mut c, now) = clerk();
        c.record_failure(now);
        c.record_success();
        assert_eq!(c.failed_logins, 0);
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
