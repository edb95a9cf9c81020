//! Bookings never exceed a slot's capacity, even when everyone clicks at once.

use chrono::Duration;
use e2e::*;
use hyper::StatusCode;
use shared::domain::{Slot, SlotId};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_applications_for_a_one_place_slot_one_wins() {
    let gw = spawn_gateway().await;
    let now = gw.deps.clock.now();
    let slot = Slot {
        id: SlotId::parse("0000000000000001").unwrap(),
        start: now + Duration::days(2),
        end: now + Duration::days(2) + Duration::minutes(20),
        capacity: 1,
        booked: 0,
        demo: false,
    };
    gw.deps.store.create_slot(&slot).await.unwrap();
    let url = gw.url();
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let url = url.clone();
            tokio::spawn(async move {
                let b = Browser::new(url);
                let r = b.post("/api/applications", &application(100 + n, "0000000000000001")).await;
                (r.status, r.json()["error"].as_str().unwrap_or_default().to_owned())
            })
        })
        .collect();
    let mut created = 0;
    let mut full = 0;
    for t in tasks {
        match t.await.unwrap() {
            (StatusCode::CREATED, _) => created += 1,
            (StatusCode::CONFLICT, e) if e == "slot_full" => full += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert_eq!((created, full), (1, 49));
    let stored = gw.deps.store.get_slot(&slot.id).await.unwrap().unwrap();
    assert_eq!(stored.booked, 1);
}
