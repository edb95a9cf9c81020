//! One conformance suite for every `Store`: the in-process store always, the DynamoDB
//! store against the AWS API emulator with `--features emulator` (the test command).
//! Both must give the same answers, conflicts included.

use std::sync::Arc;

use chrono::{Duration, Utc};
use e2e::{sample_application, sample_slot};
use shared::domain::*;
use shared::ports::{DeliveryOutcome, Store, StoreError, UniqueKey, UniqueKind, Write};

fn conflict(r: Result<(), StoreError>) -> usize {
    match r {
        Err(StoreError::Conflict { index }) => index,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn key(kind: UniqueKind, v: &str) -> UniqueKey {
    UniqueKey { kind, hash: format!("{v:0>64}") }
}

async fn with_slot(store: &dyn Store, id: &str, capacity: u32) -> Slot {
    let slot = sample_slot(id, 2, capacity);
    store.create_slot(&slot).await.unwrap();
    slot
}

pub async fn application_round_trips_with_every_field(store: Arc<dyn Store>) {
    let slot = with_slot(&*store, "a000000000000001", 2).await;
    let mut app = sample_application(1, &slot);
    app.code.issue(Utc::now(), "c".repeat(64)).unwrap();
    store.commit(vec![Write::CreateApplication(app.clone())]).await.unwrap();
    let back = store.get_application(&app.id).await.unwrap().unwrap();
    assert_eq!(back.pesel, app.pesel);
    assert_eq!(back.number, app.number);
    assert_eq!(back.code, app.code);
    assert_eq!(back.slot, app.slot);
    assert_eq!(back.second_name, app.second_name);
    assert_eq!(back.password_hash, app.password_hash);
    assert_eq!(back.version, 0);
    assert!(store.get_application(&ApplicationId::parse("zzzzzzzzzzzzzzzzzzzzzzzzzz").unwrap()).await.unwrap().is_none());
}

pub async fn an_application_is_created_once(store: Arc<dyn Store>) {
    let slot = with_slot(&*store, "a000000000000002", 2).await;
    let app = sample_application(2, &slot);
    store.commit(vec![Write::CreateApplication(app.clone())]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![Write::CreateApplication(app)]).await), 0);
}

pub async fn a_stale_update_fails_and_the_whole_commit_is_void(store: Arc<dyn Store>) {
    let slot = with_slot(&*store, "a000000000000003", 2).await;
    let app = sample_application(3, &slot);
    store.commit(vec![Write::CreateApplication(app.clone())]).await.unwrap();
    let mut first = app.clone();
    first.status = ApplicationStatus::Submitted;
    store.commit(vec![Write::UpdateApplication(first)]).await.unwrap();
    assert_eq!(store.get_application(&app.id).await.unwrap().unwrap().version, 1);
    // a second writer that read version 0 loses, and its other writes do not happen
    let mail = OutboxMessage::email("m-stale".into(), "a@example.pl", "s".into(), "b".into(), Utc::now());
    let r = store.commit(vec![Write::Enqueue(mail), Write::BookSlot(slot.id.clone()), Write::UpdateApplication(app.clone())]).await;
    assert_eq!(conflict(r), 2);
    assert!(store.get_message("m-stale").await.unwrap().is_none());
    assert_eq!(store.get_slot(&slot.id).await.unwrap().unwrap().booked, 0);
    assert_eq!(store.get_application(&app.id).await.unwrap().unwrap().status, ApplicationStatus::Submitted);
}

pub async fn a_claim_belongs_to_one_owner_until_it_expires(store: Arc<dyn Store>) {
    let now = Utc::now();
    let rng = shared::adapters::random::SeededRandom::new(9);
    let (a, b) = (ApplicationId::generate(&rng), ApplicationId::generate(&rng));
    let k = key(UniqueKind::Pesel, "1");
    let claim = |owner: &ApplicationId, expires_at, now| Write::Reserve { key: k.clone(), owner: owner.clone(), expires_at, now };
    store.commit(vec![claim(&a, Some(now + Duration::hours(1)), now)]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![claim(&b, None, now)]).await), 0, "taken by a");
    store.commit(vec![claim(&a, None, now)]).await.expect("the owner may renew (made permanent)");
    let later = now + Duration::hours(2);
    assert_eq!(conflict(store.commit(vec![claim(&b, None, later)]).await), 0, "permanent now");
    // an expired claim can be taken over
    let k2 = key(UniqueKind::Username, "2");
    store.commit(vec![Write::Reserve { key: k2.clone(), owner: a.clone(), expires_at: Some(now + Duration::hours(1)), now }]).await.unwrap();
    store.commit(vec![Write::Reserve { key: k2, owner: b.clone(), expires_at: None, now: later }]).await.expect("expired claim taken over");
    // kinds do not collide
    store.commit(vec![Write::Reserve { key: key(UniqueKind::Email, "1"), owner: b, expires_at: None, now }]).await.unwrap();
}

pub async fn a_slot_is_never_booked_beyond_capacity(store: Arc<dyn Store>) {
    let slot = with_slot(&*store, "a000000000000004", 3).await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            let id = slot.id.clone();
            tokio::spawn(async move { store.commit(vec![Write::BookSlot(id)]).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => ok += 1,
            Err(StoreError::Conflict { index: 0 }) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(ok, 3);
    assert_eq!(store.get_slot(&slot.id).await.unwrap().unwrap().booked, 3);
    assert_eq!(conflict(store.commit(vec![Write::BookSlot(SlotId::parse("a00000000000000z").unwrap())]).await), 0, "unknown slot");
    assert_eq!(conflict(store.create_slot(&slot).await), 0, "slot ids are unique");
}

pub async fn slots_are_listed_from_a_time_earliest_first(store: Arc<dyn Store>) {
    let late = sample_slot("b000000000000001", 5, 1);
    let early = sample_slot("b000000000000002", 3, 1);
    let past = sample_slot("b000000000000003", -1, 1);
    for s in [&late, &early, &past] {
        store.create_slot(s).await.unwrap();
    }
    let listed: Vec<SlotId> = store.list_slots(Utc::now()).await.unwrap().into_iter().map(|s| s.id).collect();
    let ours: Vec<&SlotId> = listed.iter().filter(|id| id.as_str().starts_with('b')).collect();
    assert_eq!(ours, vec![&early.id, &late.id]);
    assert_eq!(store.get_slot(&early.id).await.unwrap().unwrap(), early);
}

pub async fn rate_windows_are_versioned(store: Arc<dyn Store>) {
    let k = "sms-phone#conformance";
    let v0 = store.get_rate(k).await.unwrap();
    assert_eq!(v0.version, 0);
    let mut w = v0.value.clone();
    w.events.push(Utc::now());
    store.commit(vec![Write::PutRate { key: k.into(), window: w.clone(), version: 0 }]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![Write::PutRate { key: k.into(), window: w.clone(), version: 0 }]).await), 0);
    let v1 = store.get_rate(k).await.unwrap();
    assert_eq!((v1.version, v1.value.events.len()), (1, 1));
    store.commit(vec![Write::PutRate { key: k.into(), window: w, version: 1 }]).await.unwrap();
    assert_eq!(store.get_rate(k).await.unwrap().version, 2);
}

pub async fn an_outbox_message_is_delivered_by_one_sender_and_retried_until_sent(store: Arc<dyn Store>) {
    let now = Utc::now();
    let m = OutboxMessage::email("m-life".into(), "a@example.pl", "Temat".into(), "Numer: X".into(), now);
    store.commit(vec![Write::Enqueue(m.clone())]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![Write::Enqueue(m)]).await), 0, "one event, one message");
    assert!(store.due_messages(now, 10).await.unwrap().contains(&"m-life".to_owned()));
    let claimed = store.claim_message("m-life", now).await.unwrap().expect("first claim");
    assert_eq!(claimed.attempts, 1);
    assert!(store.claim_message("m-life", now).await.unwrap().is_none(), "leased");
    let retry_at = now + Duration::seconds(10);
    store.finish_message("m-life", DeliveryOutcome::Retry { next_attempt_at: retry_at, error: "throttled".into() }).await.unwrap();
    assert!(store.claim_message("m-life", now).await.unwrap().is_none(), "not due yet");
    assert!(!store.due_messages(now, 10).await.unwrap().contains(&"m-life".to_owned()));
    let again = store.claim_message("m-life", retry_at).await.unwrap().expect("due again");
    assert_eq!(again.attempts, 2);
    store.finish_message("m-life", DeliveryOutcome::Sent { at: retry_at }).await.unwrap();
    let sent = store.get_message("m-life").await.unwrap().unwrap();
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert!(sent.body.is_none(), "the body (with its secret) is gone once sent");
    assert!(store.claim_message("m-life", retry_at + Duration::hours(1)).await.unwrap().is_none());
    assert!(!store.due_messages(retry_at + Duration::hours(1), 10).await.unwrap().contains(&"m-life".to_owned()));
    // finishing without a lease is refused
    assert_eq!(conflict(store.finish_message("m-life", DeliveryOutcome::Sent { at: now }).await), 0);
}

pub async fn a_lease_left_by_a_crashed_sender_expires(store: Arc<dyn Store>) {
    let now = Utc::now();
    let m = OutboxMessage::email("m-crash".into(), "a@example.pl", "s".into(), "b".into(), now);
    store.commit(vec![Write::Enqueue(m)]).await.unwrap();
    store.claim_message("m-crash", now).await.unwrap().unwrap();
    assert!(store.claim_message("m-crash", now + Duration::seconds(30)).await.unwrap().is_none());
    let taken = store.claim_message("m-crash", now + Duration::seconds(61)).await.unwrap();
    assert_eq!(taken.map(|m| m.attempts), Some(2));
    store.finish_message("m-crash", DeliveryOutcome::Dead { error: "gave up".into() }).await.unwrap();
    assert_eq!(store.get_message("m-crash").await.unwrap().unwrap().status, DeliveryStatus::Dead);
}

macro_rules! conformance {
    ($module:ident, $make:expr, [$($case:ident),* $(,)?]) => {
        mod $module {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let store: Arc<dyn Store> = $make;
                    super::$case(store).await;
                }
            )*
        }
    };
}

macro_rules! all_cases {
    ($module:ident, $make:expr) => {
        conformance!($module, $make, [
            application_round_trips_with_every_field,
            an_application_is_created_once,
            a_stale_update_fails_and_the_whole_commit_is_void,
            a_claim_belongs_to_one_owner_until_it_expires,
            a_slot_is_never_booked_beyond_capacity,
            slots_are_listed_from_a_time_earliest_first,
            rate_windows_are_versioned,
            an_outbox_message_is_delivered_by_one_sender_and_retried_until_sent,
            a_lease_left_by_a_crashed_sender_expires,
        ]);
    };
}

all_cases!(memory, Arc::new(shared::adapters::memory::MemoryStore::new()));

#[cfg(feature = "emulator")]
all_cases!(dynamodb, Arc::new(e2e::dynamo_store_on_emulator().await));
