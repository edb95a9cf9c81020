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
