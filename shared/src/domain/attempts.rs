//! Attempt limits that hold under concurrency (docs/rules.md §8.1): an attempt is counted *before*
//! the check it pays for (argon2, a code comparison), in one conditional write, so that
//! however many requests arrive at once, at most `max` checks run per window.
//!
//! A window opens with its first attempt and lasts `window`; while it is open at most
//! `max` attempts are admitted; a success clears it. Stores implement `AttemptWindow::admit`
//! atomically (the in-process store under its lock, DynamoDB with condition expressions).

use chrono::{DateTime, Duration, Utc};

/// One kind of limit: what is counted, how many, over how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimit {
    /// The key prefix in storage (the subject, always a keyed hash, follows it).
    pub scope: &'static str,
    pub max: u32,
    pub window: Duration,
}

impl AttemptLimit {
    /// The storage key of this limit for one subject (a keyed hash, never a login or an IP).
    pub fn key(&self, subject: &str) -> String {
        format!("{}#{subject}", self.scope)
    }
}

/// Password checks per login (account, or unknown login), docs/rules.md §2.1: five, then 15 minutes.
pub const PASSWORD: AttemptLimit = AttemptLimit { scope: "password", max: 5, window: Duration::minutes(15) };

/// Sign-in attempts from one source address *(ours)*: enough for a family or a small
/// office behind one address, far too few for credential stuffing (120 accounts in 3 s).
pub const SIGN_IN_PER_SOURCE: AttemptLimit =
    AttemptLimit { scope: "sign-in-source", max: 30, window: Duration::minutes(10) };

/// Applications submitted from one source address *(ours)*.
pub const SUBMIT_PER_SOURCE: AttemptLimit =
    AttemptLimit { scope: "submit-source", max: 10, window: Duration::hours(1) };

/// SMS codes asked for from one source address, across applications and sign-ins *(ours)*.
pub const CODE_SENDS_PER_SOURCE: AttemptLimit =
    AttemptLimit { scope: "code-send-source", max: 20, window: Duration::hours(1) };

/// What counting an attempt said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Counted as the `count`-th of a window open until `until`; the check may run.
    Admitted { count: u32, until: DateTime<Utc> },
    /// The window is full: no check runs until it closes.
    Refused { retry_after: Duration },
}

/// The stored state of one limit for one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptWindow {
    pub count: u32,
    pub until: DateTime<Utc>,
}

impl AttemptWindow {
    /// Counts one attempt against `limit`, opening a new window when none is open.
    pub fn admit(current: Option<Self>, limit: AttemptLimit, now: DateTime<Utc>) -> (Option<Self>, Admission) {
        match current {
            Some(w) if w.until > now && w.count >= limit.max => {
                (Some(w), Admission::Refused { retry_after: w.until - now })
            }
            Some(w) if w.until > now => {
                let next = Self { count: w.count + 1, ..w };
                (Some(next), next.admission())
            }
            _ => {
                let next = Self { count: 1, until: now + limit.window };
                (Some(next), next.admission())
            }
        }
    }

    fn admission(self) -> Admission {
        Admission::Admitted { count: self.count, until: self.until }
    }
}

impl Admission {
    /// Whether this attempt was admitted as the last one of its window: if its check
    /// fails, the answer is already "wait" (`Some(time left)`).
    pub fn last_of_window(&self, limit: AttemptLimit, now: DateTime<Utc>) -> Option<Duration> {
        match self {
            Self::Admitted { count, until } if *count >= limit.max => Some(*until - now),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-02T09:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn admits_max_attempts_per_window_then_refuses_until_it_closes() {
        let mut w = None;
        for _ in 0..PASSWORD.max {
            let (next, a) = AttemptWindow::admit(w, PASSWORD, now());
            assert!(matches!(a, Admission::Admitted { .. }));
            let last = a.last_of_window(PASSWORD, now());
            assert_eq!(last.is_some(), next.unwrap().count == PASSWORD.max, "only the fifth is the last");
            w = next;
        }
        let later = now() + Duration::minutes(5);
        let (_, refused) = AttemptWindow::admit(w, PASSWORD, later);
        assert_eq!(refused, Admission::Refused { retry_after: Duration::minutes(10) });
        let (next, a) = AttemptWindow::admit(w, PASSWORD, now() + PASSWORD.window);
        assert_eq!(
            a,
            Admission::Admitted { count: 1, until: now() + PASSWORD.window * 2 },
            "a closed window opens a new one"
        );
        assert_eq!(next.map(|w| w.count), Some(1));
    }

    #[test]
    fn keys_name_the_limit_and_the_subject() {
        assert_eq!(PASSWORD.key("abc"), "password#abc");
        assert_ne!(SIGN_IN_PER_SOURCE.key("abc"), PASSWORD.key("abc"));
    }
}
