//! Video-call slots published by clerks; `capacity` is the number of clerks on duty.

use chrono::{DateTime, Duration, Timelike, Utc};

use super::ids::SlotId;
use super::{FieldError, Invalid};
use crate::texts::field;

/// Slots start and end on this grid; each block of it is claimed by one slot only.
pub const GRID_MINUTES: i64 = 5;
pub const MIN_LENGTH: Duration = Duration::minutes(10);
pub const MAX_LENGTH: Duration = Duration::minutes(120);
/// How far ahead a clerk may publish *(ours)*.
pub const MAX_AHEAD: Duration = Duration::days(180);
/// How far ahead a citizen may book (docs/rules.md §8.4, *ours*): a pending application holds its
/// PESEL until its slot has passed (plus the one re-booking), so the hold must be short.
pub const BOOKING_HORIZON: Duration = Duration::days(30);

/// Why a citizen may not take a place in a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotBookable {
    Past,
    TooFarAhead,
    Full,
}
/// Places in a slot: the clerks on duty.
pub const MIN_CAPACITY: u32 = 1;
pub const MAX_CAPACITY: u32 = 20;

/// A clerk's request to publish a slot, as sent.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotForm {
    pub start: String,
    pub end: String,
    pub capacity: u32,
}

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

fn on_grid(t: DateTime<Utc>) -> bool {
    t.second() == 0 && t.nanosecond() == 0 && i64::from(t.minute()) % GRID_MINUTES == 0
}

fn parse_time(s: &str, name: &'static str) -> Result<DateTime<Utc>, FieldError> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Invalid::new("bad_time", field::SLOT_TIME).for_field(name))
}

impl Slot {
    /// A new slot from a clerk's form: on the 5-minute grid, 10–120 minutes long, in the
    /// future (at most 180 days ahead), for 1–20 clerks.
    pub fn publish(id: SlotId, form: &SlotForm, now: DateTime<Utc>) -> Result<Self, Vec<FieldError>> {
        let (start, end) = match (parse_time(&form.start, "start"), parse_time(&form.end, "end")) {
            (Ok(s), Ok(e)) => (s, e),
            (s, e) => return Err([s.err(), e.err()].into_iter().flatten().collect()),
        };
        let mut errors = Vec::new();
        let mut refuse = |code, msg, name| errors.push(Invalid::new(code, msg).for_field(name));
        if !on_grid(start) {
            refuse("slot_grid", field::SLOT_GRID, "start");
        }
        if !on_grid(end) {
            refuse("slot_grid", field::SLOT_GRID, "end");
        }
        if end - start < MIN_LENGTH || end - start > MAX_LENGTH {
            refuse("slot_length", field::SLOT_LENGTH, "end");
        }
        if start <= now {
            refuse("slot_past", field::SLOT_PAST, "start");
        } else if start > now + MAX_AHEAD {
            refuse("slot_too_far", field::SLOT_TOO_FAR, "start");
        }
        if !(MIN_CAPACITY..=MAX_CAPACITY).contains(&form.capacity) {
            refuse("slot_capacity", field::SLOT_CAPACITY, "capacity");
        }
        if errors.is_empty() {
            Ok(Self { id, start, end, capacity: form.capacity, booked: 0, demo: false })
        } else {
            Err(errors)
        }
    }

    /// The 5-minute blocks of the schedule this slot covers (`TIME#` claims: no overlap).
    pub fn time_blocks(&self) -> Vec<String> {
        let mut blocks = Vec::new();
        let mut t = self.start;
        while t < self.end {
            blocks.push(t.format("%Y-%m-%dT%H:%M").to_string());
            t += Duration::minutes(GRID_MINUTES);
        }
        blocks
    }

    pub fn free(&self) -> u32 {
        self.capacity.saturating_sub(self.booked)
    }

    /// A citizen may book a slot that has not started, starts within the booking horizon
    /// and has room.
    pub fn bookable(&self, now: DateTime<Utc>) -> bool {
        self.check_bookable(now).is_ok()
    }

    pub fn check_bookable(&self, now: DateTime<Utc>) -> Result<(), NotBookable> {
        if self.start <= now {
            Err(NotBookable::Past)
        } else if self.start > now + BOOKING_HORIZON {
            Err(NotBookable::TooFarAhead)
        } else if self.free() == 0 {
            Err(NotBookable::Full)
        } else {
            Ok(())
        }
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

    #[test]
    fn citizens_book_only_within_thirty_days_a_slot_not_started_with_room() {
        let now = DateTime::parse_from_rfc3339("2026-12-02T09:00:00Z").unwrap().with_timezone(&Utc);
        let slot = |days: i64, booked: u32| Slot {
            id: SlotId::parse("a000000000000001").unwrap(),
            start: now + Duration::days(days),
            end: now + Duration::days(days) + Duration::minutes(20),
            capacity: 1,
            booked,
            demo: false,
        };
        assert_eq!(slot(30, 0).check_bookable(now), Ok(()));
        assert_eq!(
            slot(31, 0).check_bookable(now),
            Err(NotBookable::TooFarAhead),
            "170 days ahead was possible before"
        );
        assert_eq!(slot(0, 0).check_bookable(now), Err(NotBookable::Past));
        assert_eq!(slot(2, 1).check_bookable(now), Err(NotBookable::Full));
    }
    use chrono::Duration;

    fn slot(start_in_minutes: i64, capacity: u32, booked: u32) -> (Slot, DateTime<Utc>) {
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc);
        let start = now + Duration::minutes(start_in_minutes);
        let id = SlotId::parse("0000000000000001").unwrap();
        (Slot { id, start, end: start + Duration::minutes(20), capacity, booked, demo: false }, now)
    }

    fn form(start: &str, end: &str, capacity: u32) -> SlotForm {
        SlotForm { start: start.into(), end: end.into(), capacity }
    }

    #[test]
    fn a_clerk_publishes_a_slot_on_the_grid() {
        let (_, now) = slot(0, 1, 0);
        let id = SlotId::parse("0000000000000002").unwrap();
        let s = Slot::publish(id, &form("2026-11-23T09:00:00Z", "2026-11-23T09:20:00Z", 2), now).unwrap();
        assert_eq!(s.time_blocks(), ["2026-11-23T09:00", "2026-11-23T09:05", "2026-11-23T09:10", "2026-11-23T09:15"]);
        assert_eq!((s.capacity, s.booked, s.demo), (2, 0, false));
    }

    #[test]
    fn a_slot_off_the_grid_too_long_past_or_empty_is_refused_with_every_reason() {
        let (_, now) = slot(0, 1, 0);
        let id = SlotId::parse("0000000000000003").unwrap();
        let codes = |f: SlotForm| -> Vec<(&'static str, &'static str)> {
            Slot::publish(id.clone(), &f, now).unwrap_err().into_iter().map(|e| (e.code, e.field)).collect()
        };
        assert_eq!(codes(form("2026-11-23T09:02:00Z", "2026-11-23T09:20:00Z", 1)), [("slot_grid", "start")]);
        assert_eq!(codes(form("2026-11-23T09:00:00Z", "2026-11-23T12:00:00Z", 1)), [("slot_length", "end")]);
        assert_eq!(codes(form("2026-11-23T09:00:00Z", "2026-11-23T09:05:00Z", 1)), [("slot_length", "end")]);
        assert_eq!(
            codes(form("2026-11-22T09:00:00Z", "2026-11-22T09:20:00Z", 0)),
            [("slot_past", "start"), ("slot_capacity", "capacity")]
        );
        assert_eq!(
            codes(form("2027-11-22T09:00:00Z", "2027-11-22T09:20:00Z", 21)),
            [("slot_too_far", "start"), ("slot_capacity", "capacity")]
        );
        assert_eq!(codes(form("jutro", "2026-11-23T09:20:00Z", 1)), [("bad_time", "start")]);
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
