//! Sliding-window limits ("at most 5 per hour"), kept as the timestamps inside the window.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RateWindow {
    pub events: Vec<DateTime<Utc>>,
}

impl RateWindow {
    /// Records one more event if fewer than `limit` happened in the last `period`;
    /// otherwise says how long until the oldest leaves the window.
    pub fn admit(&mut self, now: DateTime<Utc>, limit: usize, period: Duration) -> Result<(), Duration> {
        self.forget_before(now - period);
        if self.events.len() >= limit {
            let oldest = self.events[0];
            return Err(oldest + period - now);
        }
        self.events.push(now);
        Ok(())
    }

    pub fn count_since(&self, since: DateTime<Utc>) -> usize {
        self.events.iter().filter(|t| **t > since).count()
    }

    pub fn forget_before(&mut self, since: DateTime<Utc>) {
        self.events.retain(|t| *t > since);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_up_to_the_limit_then_says_when_to_come_back() {
        let t0 = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc);
        let mut w = RateWindow::default();
        for i in 0..5 {
            w.admit(t0 + Duration::minutes(i), 5, Duration::hours(1)).unwrap();
        }
        let wait = w.admit(t0 + Duration::minutes(10), 5, Duration::hours(1)).unwrap_err();
        assert_eq!(wait, Duration::minutes(50));
        assert!(w.admit(t0 + Duration::minutes(61), 5, Duration::hours(1)).is_ok());
    }
}
