//! Attempt limits that hold under concurrency (docs/rules.md §8.1): an attempt is counted *before*
//! the check it pays for (argon2, a code comparison), in one conditional write, so that
//! however many requests arrive at once, at most `max` checks run per window.
//!
//! The window slides: an attempt is admitted if fewer than `max` were admitted in the
//! `window` before it, so no `window`-long stretch ever holds more than `max`; a success
//! clears it. Only the `max` latest attempts matter, and stores keep only those: DynamoDB
//! shifts them along in one conditional `UpdateItem` (no read first), the in-process store
//! runs `AttemptWindow::admit` under its lock.

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

/// A clerk's searches at a confirmation point *(ours)*: a counter serves far fewer people
/// an hour; past that, a search is refused (429) rather than let a clerk's session sweep
/// PESELs.
pub const COUNTER_SEARCHES: AttemptLimit =
    AttemptLimit { scope: "counter-search", max: 60, window: Duration::hours(1) };

/// What counting an attempt said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Counted as the `count`-th in the window; the check may run. `until` is when the
    /// oldest of them leaves the window (when one more would be admitted, had this one
    /// filled it).
    Admitted { count: u32, until: DateTime<Utc> },
    /// The window is full: no check runs until its oldest attempt leaves it.
    Refused { retry_after: Duration },
}

/// The stored state of one limit for one subject: its latest attempts, oldest first (at
/// most `max` are kept: older ones can no longer refuse anything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttemptWindow {
    pub attempts: Vec<DateTime<Utc>>,
}

impl AttemptWindow {
    /// Counts one attempt against `limit`, if fewer than `max` were counted in the
    /// `window` before `now`.
    pub fn admit(current: Option<Self>, limit: AttemptLimit, now: DateTime<Utc>) -> (Option<Self>, Admission) {
        let mut w = current.unwrap_or_default();
        if let Some(retry_after) = w.full(limit, now) {
            return (Some(w), Admission::Refused { retry_after });
        }
        w.attempts.push(now);
        let max = usize::try_from(limit.max).unwrap_or(usize::MAX);
        let extra = w.attempts.len().saturating_sub(max);
        w.attempts.drain(..extra);
        let admission = w.admission(limit, now);
        (Some(w), admission)
    }

    /// `Some(time until the oldest leaves)` when `max` attempts are in the window at `now`.
    pub fn full(&self, limit: AttemptLimit, now: DateTime<Utc>) -> Option<Duration> {
        let recent = self.within(limit, now);
        let max = usize::try_from(limit.max).unwrap_or(usize::MAX);
        let oldest = recent.len().checked_sub(max).map(|i| recent.get(i).copied().unwrap_or(now));
        oldest.map(|t| t + limit.window - now)
    }

    /// What the window says of an attempt just counted in it at `now`.
    pub fn admission(&self, limit: AttemptLimit, now: DateTime<Utc>) -> Admission {
        let recent = self.within(limit, now);
        let count = u32::try_from(recent.len()).unwrap_or(u32::MAX);
        let oldest = recent.first().copied().unwrap_or(now);
        Admission::Admitted { count, until: oldest + limit.window }
    }

    /// The attempts in the window that ends at `now`, oldest first.
    fn within(&self, limit: AttemptLimit, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.attempts.iter().copied().filter(|t| *t > now - limit.window).collect()
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
            let counted = next.as_ref().map_or(0, |w| w.attempts.len());
            assert_eq!(last.is_some(), counted == PASSWORD.max as usize, "only the fifth is the last");
            w = next;
        }
        let later = now() + Duration::minutes(5);
        let (_, refused) = AttemptWindow::admit(w.clone(), PASSWORD, later);
        assert_eq!(refused, Admission::Refused { retry_after: Duration::minutes(10) });
        let (next, a) = AttemptWindow::admit(w, PASSWORD, now() + PASSWORD.window);
        assert_eq!(
            a,
            Admission::Admitted { count: 1, until: now() + PASSWORD.window * 2 },
            "a closed window opens a new one"
        );
        assert_eq!(next.map(|w| w.attempts.len()), Some(PASSWORD.max as usize), "only the latest are kept");
    }

    #[test]
    fn the_window_slides_no_stretch_of_it_holds_more_than_max() {
        // Five spread over 14 minutes: at minute 15 the first has left, so one more is
        // admitted, as the last; the next waits until the second leaves (a fixed window
        // would have opened anew at minute 15 with five places).
        let mut w = None;
        for m in [0, 1, 12, 13, 14] {
            let (next, a) = AttemptWindow::admit(w, PASSWORD, now() + Duration::minutes(m));
            assert!(matches!(a, Admission::Admitted { .. }));
            w = next;
        }
        let (w, a) = AttemptWindow::admit(w, PASSWORD, now() + Duration::minutes(15));
        assert_eq!(
            a,
            Admission::Admitted { count: 5, until: now() + Duration::minutes(16) },
            "the first left at minute 15: one place, the last"
        );
        let (_, refused) = AttemptWindow::admit(w, PASSWORD, now() + Duration::minutes(15) + Duration::seconds(30));
        assert_eq!(refused, Admission::Refused { retry_after: Duration::seconds(30) });
    }

    #[test]
    fn keys_name_the_limit_and_the_subject() {
        assert_eq!(PASSWORD.key("abc"), "password#abc");
        assert_ne!(SIGN_IN_PER_SOURCE.key("abc"), PASSWORD.key("abc"));
    }
}
