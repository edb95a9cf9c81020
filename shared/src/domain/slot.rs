//! Video-call slots published by clerks; `capacity` is the number of clerks on duty.

use chrono::{DateTime, Utc};

use super::ids::SlotId;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Slot {
    pub id: SlotId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub capacity: u32,
    pub booked: u32,
    /// Created by the local gateway for trying the product; never in a deployed stack.
    #[serde(default)]
    pub demo: bool,
}

impl Slot {
    pub fn free(&self) -> u32 {
        self.capacity.saturating_sub(self.booked)
    }

    /// A citizen may book a slot that has not started and has room.
    pub fn bookable(&self, now: DateTime<Utc>) -> bool {
        self.start > now && self.free() > 0
    }
}

/// What an application remembers of its slot.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SlotRef {
    pub id: SlotId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl From<&Slot> for SlotRef {
    fn from(s: &Slot) -> Self {
        Self { id: s.id.clone(), start: s.start, end: s.end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn slot(start_in_minutes: i64, capacity: u32, booked: u32) -> (Slot, DateTime<Utc>) {
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc);
        let start = now + Duration::minutes(start_in_minutes);
        let id = SlotId::parse("0000000000000001").unwrap();
        (Slot { id, start, end: start + Duration::minutes(20), capacity, booked, demo: false }, now)
    }

    #[test]
    fn a_future_slot_with_room_is_bookable() {
        let (s, now) = slot(60, 2, 1);
        assert_eq!(s.free(), 1);
        assert!(s.bookable(now));
    }

    #[test]
    fn a_full_started_or_overbooked_slot_is_not() {
        let (full, now) = slot(60, 2, 2);
        assert!(!full.bookable(now));
        let (started, now) = slot(0, 2, 0);
        assert!(!started.bookable(now));
        let (over, _) = slot(60, 1, 3);
        assert_eq!(over.free(), 0, "never negative");
    }
}
