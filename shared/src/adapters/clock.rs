//! Time: the system clock in production, a settable one in tests.

#[cfg(any(test, feature = "local"))]
use std::sync::Mutex;

#[cfg(any(test, feature = "local"))]
use chrono::Duration;
use chrono::{DateTime, Utc};

use crate::ports::Clock;

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

#[cfg(any(test, feature = "local"))]
pub struct FixedClock(Mutex<DateTime<Utc>>);

#[cfg(any(test, feature = "local"))]
impl FixedClock {
    pub fn at(rfc3339: &str) -> Self {
        let t = DateTime::parse_from_rfc3339(rfc3339).map(|t| t.with_timezone(&Utc)).unwrap_or_default();
        Self(Mutex::new(t))
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }
}

#[cfg(any(test, feature = "local"))]
impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
