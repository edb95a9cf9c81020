//! Listing free slots, and the demo slots of local mode.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::domain::{Slot, SlotId};
use crate::ports::{Random, Store, StoreError};

/// Future slots with room, earliest first.
pub async fn free_slots(store: &dyn Store, now: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
    let mut slots = store.list_slots(now).await?;
    slots.retain(|s| s.bookable(now));
    Ok(slots)
}

/// Local mode only: a few 20-minute slots over the next days (09:00–15:00 UTC), marked demo.
pub async fn seed_demo_slots(store: &dyn Store, rng: &dyn Random, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let day = now.duration_trunc(Duration::days(1)).unwrap_or(now);
    let mut created = 0;
    for d in 1..=3 {
        for (hour, capacity) in [(8, 2), (10, 1), (12, 3), (14, 2)] {
            let start = day + Duration::days(d) + Duration::hours(hour);
            let slot = Slot {
                id: SlotId::generate(rng),
                start,
                end: start + Duration::minutes(20),
                capacity,
                booked: 0,
                demo: true,
            };
            store.create_slot(&slot).await?;
            created += 1;
        }
    }
    Ok(created)
}
