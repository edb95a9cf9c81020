//! The schedule: slots published by clerks (no two overlapping), free slots for citizens,
//! the day's calls for clerks, and the demo slots of local mode.

use crate::ports::Stored;
use chrono::{DateTime, NaiveDate, Utc};

use super::audit::entry;
use super::Ctx;
use super::FlowError;
use crate::domain::slot::{SlotForm, BOOKING_HORIZON};
use crate::domain::{Actor, Application, AuditAction, Slot, SlotId};
use crate::ports::{Condition, Random, Schedule, StoreError, Write};

/// Future slots with room a citizen may book (within the booking horizon), earliest first.
pub async fn free_slots(schedule: &(impl Schedule + ?Sized), now: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
    let mut slots = schedule.list_slots(now, now + BOOKING_HORIZON).await?;
    slots.retain(|s| s.bookable(now));
    Ok(slots)
}

/// `POST /api/clerk/slots`: the slot, its 5-minute blocks of the schedule (a block taken
/// by another slot refuses the whole slot) and the audit entry, in one transaction.
pub async fn publish(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    actor: Actor,
    form: &SlotForm,
    demo: bool,
) -> Result<Slot, FlowError> {
    let now = ctx.clock.now();
    let mut slot = Slot::publish(SlotId::generate(rng), form, now).map_err(FlowError::Invalid)?;
    slot.demo = demo;
    let mut writes = vec![Write::CreateSlot(slot.clone())];
    writes.extend(slot.time_blocks().into_iter().map(Write::ClaimTime));
    let note = format!("{} – {}, miejsc: {}", slot.start.to_rfc3339(), slot.end.to_rfc3339(), slot.capacity);
    writes.push(entry(rng, now, actor, AuditAction::SlotPublished).slot(&slot.id).note(note).write());
    match ctx.store.commit(writes).await {
        Ok(()) => Ok(slot),
        Err(StoreError::Conflict(Condition::TimeTaken)) => Err(FlowError::SlotOverlap),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/clerk/calls?date=`: the day's applications (Polish day), by slot start.
pub async fn calls_on(schedule: &(impl Schedule + ?Sized), day: NaiveDate) -> Result<Vec<Application>, FlowError> {
    Ok(schedule.calls_on(day).await?)
}

#[cfg(feature = "local")]
/// Local mode only: a few 20-minute slots over the next days (09:00–15:00 UTC), marked demo.
pub async fn seed_demo_slots(ctx: &Ctx<'_, impl Stored + ?Sized>, rng: &dyn Random) -> Result<usize, FlowError> {
    use chrono::{Duration, DurationRound};
    let now = ctx.clock.now();
    let day = now.duration_trunc(Duration::days(1)).unwrap_or(now);
    let mut created = 0;
    for d in 1..=3 {
        for (hour, capacity) in [(8, 2), (10, 1), (12, 3), (14, 2)] {
            let start = day + Duration::days(d) + Duration::hours(hour);
            let form =
                SlotForm { start: start.to_rfc3339(), end: (start + Duration::minutes(20)).to_rfc3339(), capacity };
            match publish(ctx, rng, Actor::System, &form, true).await {
                Ok(_) => created += 1,
                // Already there (a persistent store seeded by an earlier run).
                Err(FlowError::SlotOverlap) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(created)
}
