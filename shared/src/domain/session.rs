//! What clerks' and citizens' sessions share: they end after a time without requests or
//! a time in all. (Wrong passwords are limited by counting attempts before the check:
//! `attempts.rs`.)

use chrono::{DateTime, Duration, Utc};

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

/// `IdleSession` for a session type with `created_at` and `last_seen` fields.
macro_rules! idle_session {
    ($t:ty, idle: $idle:expr, max: $max:expr) => {
        impl $crate::domain::session::IdleSession for $t {
            const IDLE: chrono::Duration = $idle;
            const MAX: chrono::Duration = $max;

            fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
                self.created_at
            }

            fn last_seen(&self) -> chrono::DateTime<chrono::Utc> {
                self.last_seen
            }
        }
    };
}
pub(crate) use idle_session;
