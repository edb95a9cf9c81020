//! What clerks' and citizens' sign-ins share *(ours)*: five wrong passwords in a row lock
//! the account for 15 minutes (the lock ends by itself), and sessions end after a time
//! without requests or a time in all.

use chrono::{DateTime, Duration, Utc};

pub const MAX_FAILED_LOGINS: u32 = 5;
pub const LOCKOUT: Duration = Duration::minutes(15);

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Lockout {
    #[serde(default)]
    pub failed_logins: u32,
    #[serde(default)]
    pub locked_until: Option<DateTime<Utc>>,
}

impl Lockout {
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

/// A session that ends `IDLE` after its last request, or `MAX` after it began.
pub trait IdleSession {
    const IDLE: Duration;
    const MAX: Duration;
    fn created_at(&self) -> DateTime<Utc>;
    fn last_seen(&self) -> DateTime<Utc>;

    fn idle_until(&self) -> DateTime<Utc> {
        (self.last_seen() + Self::IDLE).min(self.created_at() + Self::MAX)
    }

    fn is_live(&self, now: DateTime<Utc>) -> bool {
        now < self.idle_until()
    }

    /// Whether this request should move the idle deadline forward (at most once a
    /// minute: one write per minute, not per request).
    fn needs_refresh(&self, now: DateTime<Utc>) -> bool {
        now - self.last_seen() >= SESSION_REFRESH
    }
}

/// How often a live session's idle deadline is moved forward.
pub const SESSION_REFRESH: Duration = Duration::seconds(60);

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn five_wrong_passwords_lock_for_fifteen_minutes() {
        let mut l = Lockout::default();
        for _ in 0..4 {
            l.record_failure(now());
            assert_eq!(l.locked_for(now()), None);
        }
        l.record_failure(now());
        assert_eq!(l.locked_for(now()), Some(LOCKOUT));
        assert_eq!(l.locked_for(now() + LOCKOUT), None, "the lock ends by itself");
    }

    #[test]
    fn a_failure_after_the_lock_ended_starts_counting_again() {
        let mut l = Lockout::default();
        for _ in 0..5 {
            l.record_failure(now());
        }
        l.record_failure(now() + LOCKOUT);
        assert_eq!(l.failed_logins, 1);
        assert_eq!(l.locked_for(now() + LOCKOUT), None);
    }

    #[test]
    fn success_resets_the_count() {
        let mut l = Lockout::default();
        l.record_failure(now());
        l.record_success();
        assert_eq!(l, Lockout::default());
    }
}
