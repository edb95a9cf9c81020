//! One conformance suite for every `Store`: the in-process store always, the DynamoDB
//! store against the AWS API emulator with `--features emulator` (the test command).
//! Both must give the same answers, conflicts included.

use std::sync::Arc;

use chrono::{Duration, Utc};
use e2e::{sample_application, sample_slot, unique};
use shared::domain::*;
use shared::ports::{
    Condition, DeliveryOutcome, Found, ItemKey, Record, RecordKey, RecordKind, RecordType, Storage, StoreError,
    UniqueKey, UniqueKind, Write,
};

fn conflict(r: Result<(), StoreError>) -> Condition {
    match r {
        Err(StoreError::Conflict(condition)) => condition,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn key(kind: UniqueKind, v: &str) -> UniqueKey {
    UniqueKey { kind, hash: format!("{v:0>64}") }
}

async fn with_slot(store: &dyn Storage, id: &str, capacity: u32) -> Slot {
    let slot = sample_slot(id, 2, capacity);
    store.create_slot(&slot).await.unwrap();
    slot
}

pub async fn application_round_trips_with_every_field(store: Arc<dyn Storage>) {
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
    assert!(store
        .get_application(&ApplicationId::parse("zzzzzzzzzzzzzzzzzzzzzzzzzz").unwrap())
        .await
        .unwrap()
        .is_none());
}

pub async fn an_application_is_created_once(store: Arc<dyn Storage>) {
    let slot = with_slot(&*store, "a000000000000002", 2).await;
    let app = sample_application(2, &slot);
    store.commit(vec![Write::CreateApplication(app.clone())]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![Write::CreateApplication(app)]).await), Condition::ApplicationExists);
}

pub async fn a_stale_update_fails_and_the_whole_commit_is_void(store: Arc<dyn Storage>) {
    let slot = with_slot(&*store, "a000000000000003", 2).await;
    let app = sample_application(3, &slot);
    store.commit(vec![Write::CreateApplication(app.clone())]).await.unwrap();
    let mut first = app.clone();
    first.status = ApplicationStatus::Submitted;
    store.commit(vec![Write::UpdateApplication(first)]).await.unwrap();
    assert_eq!(store.get_application(&app.id).await.unwrap().unwrap().version, 1);
    // a second writer that read version 0 loses, and its other writes do not happen
    let mail = OutboxMessage::email("m-stale".into(), "a@example.pl", "s".into(), "b".into(), Utc::now());
    let r = store
        .commit(vec![Write::Enqueue(mail), Write::BookSlot(slot.id.clone()), Write::UpdateApplication(app.clone())])
        .await;
    assert_eq!(conflict(r), Condition::ApplicationChanged);
    assert!(store.get_message("m-stale").await.unwrap().is_none());
    assert_eq!(store.get_slot(&slot.id).await.unwrap().unwrap().booked, 0);
    assert_eq!(store.get_application(&app.id).await.unwrap().unwrap().status, ApplicationStatus::Submitted);
}

pub async fn a_claim_belongs_to_one_owner_until_it_expires(store: Arc<dyn Storage>) {
    let now = Utc::now();
    let rng = shared::adapters::random::SeededRandom::new(9);
    let (a, b) = (ApplicationId::generate(&rng), ApplicationId::generate(&rng));
    let k = key(UniqueKind::Pesel, "1");
    let claim = |owner: &ApplicationId, expires_at, now| Write::Reserve {
        key: k.clone(),
        owner: owner.clone(),
        expires_at,
        now,
    };
    store.commit(vec![claim(&a, Some(now + Duration::hours(1)), now)]).await.unwrap();
    assert_eq!(
        conflict(store.commit(vec![claim(&b, None, now)]).await),
        Condition::Taken(UniqueKind::Pesel),
        "taken by a"
    );
    store.commit(vec![claim(&a, None, now)]).await.expect("the owner may renew (made permanent)");
    let later = now + Duration::hours(2);
    assert_eq!(
        conflict(store.commit(vec![claim(&b, None, later)]).await),
        Condition::Taken(UniqueKind::Pesel),
        "permanent now"
    );
    // an expired claim can be taken over
    let k2 = key(UniqueKind::Username, "2");
    store
        .commit(vec![Write::Reserve {
            key: k2.clone(),
            owner: a.clone(),
            expires_at: Some(now + Duration::hours(1)),
            now,
        }])
        .await
        .unwrap();
    store
        .commit(vec![Write::Reserve { key: k2, owner: b.clone(), expires_at: None, now: later }])
        .await
        .expect("expired claim taken over");
    // kinds do not collide
    store
        .commit(vec![Write::Reserve { key: key(UniqueKind::Email, "1"), owner: b, expires_at: None, now }])
        .await
        .unwrap();
}

pub async fn a_slot_is_never_booked_beyond_capacity(store: Arc<dyn Storage>) {
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
            Err(StoreError::Conflict(Condition::SlotFull)) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(ok, 3);
    assert_eq!(store.get_slot(&slot.id).await.unwrap().unwrap().booked, 3);
    assert_eq!(
        conflict(store.commit(vec![Write::BookSlot(SlotId::parse("a00000000000000z").unwrap())]).await),
        Condition::SlotFull,
        "unknown slot"
    );
    assert_eq!(conflict(store.create_slot(&slot).await), Condition::SlotExists, "slot ids are unique");
}

pub async fn slots_are_listed_from_a_time_earliest_first(store: Arc<dyn Storage>) {
    let late = sample_slot("b000000000000001", 5, 1);
    let early = sample_slot("b000000000000002", 3, 1);
    let past = sample_slot("b000000000000003", -1, 1);
    for s in [&late, &early, &past] {
        store.create_slot(s).await.unwrap();
    }
    let listed: Vec<SlotId> = store
        .list_slots(Utc::now(), Utc::now() + Duration::days(30))
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let ours: Vec<&SlotId> = listed.iter().filter(|id| id.as_str().starts_with('b')).collect();
    assert_eq!(ours, vec![&early.id, &late.id]);
    assert_eq!(store.get_slot(&early.id).await.unwrap().unwrap(), early);
}

/// docs/rules.md §8.1: the attempt is counted before the check, atomically, so a burst of guesses
/// gets no more checks than the limit allows.
pub async fn attempts_are_counted_atomically_up_to_the_limit_per_window(store: Arc<dyn Storage>) {
    use shared::domain::attempts::{Admission, PASSWORD};
    let k = PASSWORD.key(&format!("conformance-{}", Utc::now().timestamp_nanos_opt().unwrap_or_default()));
    // Whole milliseconds: DynamoDB keeps the window's end to the millisecond.
    let now = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).unwrap();
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let (store, k) = (store.clone(), k.clone());
            tokio::spawn(async move { store.count_attempt(&k, PASSWORD, now).await.unwrap() })
        })
        .collect();
    let mut admitted = 0;
    for t in tasks {
        match t.await.unwrap() {
            Admission::Admitted { .. } => admitted += 1,
            Admission::Refused { retry_after } => {
                assert!(retry_after > Duration::minutes(14) && retry_after <= PASSWORD.window)
            }
        }
    }
    assert_eq!(admitted, PASSWORD.max, "100 at once, {} admitted", admitted);
    let later = now + PASSWORD.window;
    let until = later + PASSWORD.window;
    assert_eq!(
        store.count_attempt(&k, PASSWORD, later).await.unwrap(),
        Admission::Admitted { count: 1, until },
        "a new window once it closed"
    );
    for count in 2..=PASSWORD.max {
        assert_eq!(store.count_attempt(&k, PASSWORD, later).await.unwrap(), Admission::Admitted { count, until });
    }
    assert!(matches!(store.count_attempt(&k, PASSWORD, later).await.unwrap(), Admission::Refused { .. }));
    store.commit(vec![Write::ClearAttempts(k.clone())]).await.unwrap();
    assert_eq!(
        store.count_attempt(&k, PASSWORD, later).await.unwrap(),
        Admission::Admitted { count: 1, until },
        "a success clears the count"
    );
}

/// docs/rules.md §8.1 with several limits counted in one write: all or none, never beyond any
/// limit however many at once, and the same windows as `count_attempt`'s.
pub async fn attempts_counted_together_are_all_or_none_within_every_limit(store: Arc<dyn Storage>) {
    use shared::domain::attempts::{Admission, AttemptLimit, PASSWORD};
    let tag = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let now = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).unwrap();
    let wide = AttemptLimit { scope: "conformance-wide", max: 30, window: Duration::minutes(10) };
    let (a, b) = (wide.key(&format!("a-{tag}")), PASSWORD.key(&format!("b-{tag}")));
    let both = move |spare: u32| {
        vec![
            Write::CountAttempt { key: a.clone(), limit: wide, now, spare: 0 },
            Write::CountAttempt { key: b.clone(), limit: PASSWORD, now, spare },
        ]
    };
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let (store, writes) = (store.clone(), both(0));
            tokio::spawn(async move { store.commit(writes).await })
        })
        .collect();
    let mut counted = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => counted += 1,
            Err(StoreError::Conflict(Condition::AttemptsSpent)) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(counted, PASSWORD.max, "the tighter limit holds for both");
    let b_key = PASSWORD.key(&format!("b-{tag}"));
    assert!(matches!(store.count_attempt(&b_key, PASSWORD, now).await.unwrap(), Admission::Refused { .. }));
    let a_key = wide.key(&format!("a-{tag}"));
    assert_eq!(
        store.count_attempt(&a_key, wide, now).await.unwrap(),
        Admission::Admitted { count: PASSWORD.max + 1, until: now + wide.window },
        "the other window counted exactly as many: none of the refused writes counted"
    );
    // `spare`: admitted only while one more would still be.
    store.commit(vec![Write::ClearAttempts(b_key.clone())]).await.unwrap();
    for _ in 0..PASSWORD.max - 1 {
        store.commit(both(1)).await.unwrap();
    }
    assert_eq!(conflict(store.commit(both(1)).await), Condition::AttemptsSpent, "the fifth would be the last");
    assert_eq!(
        store.count_attempt(&b_key, PASSWORD, now).await.unwrap(),
        Admission::Admitted { count: PASSWORD.max, until: now + PASSWORD.window },
        "counted one by one, it is"
    );
}

pub async fn rate_windows_count_at_most_their_limit_per_period_even_at_once(store: Arc<dyn Storage>) {
    let k = "sms-phone#conformance";
    let (limit, period) = (5, Duration::hours(1));
    let t0 = Utc::now();
    assert!(store.get_rate(k).await.unwrap().events.is_empty());
    let tries: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(
                async move { store.commit(vec![Write::CountRate { key: k.into(), limit, period, now: t0 }]).await },
            )
        })
        .collect();
    let mut counted = 0;
    for t in tries {
        match t.await.unwrap() {
            Ok(()) => counted += 1,
            Err(StoreError::Conflict(Condition::RateFull)) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(counted, limit, "at most the limit, however many at once");
    assert_eq!(store.get_rate(k).await.unwrap().events.len(), limit);
    // A window of its own: the period is measured back from each new event.
    let later = t0 + period + Duration::seconds(1);
    store.commit(vec![Write::CountRate { key: k.into(), limit, period, now: later }]).await.unwrap();
    let events = store.get_rate(k).await.unwrap().events;
    assert_eq!(events.len(), limit, "the latest {limit} are kept");
    assert_eq!(events.last().map(|t| t.timestamp_millis()), Some(later.timestamp_millis()));
    assert_eq!(events.iter().filter(|t| **t > later - period).count(), 1);
    let once = || Write::CountRate { key: "sms-phone#once".into(), limit: 1, period, now: later };
    store.commit(vec![once()]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![once()]).await), Condition::RateFull, "a window of one");
}

pub async fn several_items_are_read_at_once_each_as_its_kind(store: Arc<dyn Storage>) {
    let now = Utc::now();
    let slot = with_slot(&*store, "a000000000000061", 2).await;
    let app = sample_application(61, &slot);
    let account = Account::from_application(&app, app.password_hash.clone().unwrap(), now);
    let claim = key(UniqueKind::Username, "Wielu_61");
    let rng = shared::adapters::random::SeededRandom::new(61);
    let challenge = push_challenge(61, &DeviceId::generate(&rng), &app.id, now);
    let record = RecordKey { kind: RecordKind::Challenge, id: challenge.id.to_string() };
    store
        .commit(vec![
            Write::CreateApplication(app.clone()),
            Write::CreateAccount(account.clone()),
            Write::Reserve { key: claim.clone(), owner: app.id.clone(), expires_at: None, now },
            Write::CreateRecord(challenge.clone().into_record()),
        ])
        .await
        .unwrap();
    let nobody = ApplicationId::parse("zzzzzzzzzzzzzzzzzzzzzzzzzz").unwrap();
    let keys = [
        ItemKey::Account(app.id.clone()),
        ItemKey::Application(nobody.clone()),
        ItemKey::Slot(slot.id.clone()),
        ItemKey::Claim(claim.clone()),
        ItemKey::Application(app.id.clone()),
        ItemKey::Record(record.clone()),
        ItemKey::Account(nobody),
        ItemKey::Claim(key(UniqueKind::Username, "Nikt_61")),
        ItemKey::Application(app.id.clone()),
    ];
    let found = store.get_many(&keys).await.unwrap();
    assert_eq!(found.len(), keys.len(), "one answer per key, in order");
    let mut found = found.into_iter();
    assert_eq!(found.next().flatten().and_then(Found::account).map(|a| a.id), Some(app.id.clone()));
    assert!(found.next().unwrap().is_none(), "nothing stored");
    assert_eq!(found.next().flatten().and_then(Found::slot), Some(slot));
    assert_eq!(found.next().flatten().and_then(Found::claim_owner), Some(app.id.clone()));
    assert_eq!(found.next().flatten().and_then(Found::application).map(|a| a.number), Some(app.number.clone()));
    assert_eq!(found.next().flatten().and_then(Found::record::<Challenge>), Some(challenge));
    assert!(found.next().unwrap().is_none());
    assert!(found.next().unwrap().is_none());
    assert_eq!(found.next().flatten().and_then(Found::application).map(|a| a.id), Some(app.id), "a key asked twice");
    assert!(store.get_many(&[]).await.unwrap().is_empty());
}

pub async fn an_outbox_message_is_delivered_by_one_sender_and_retried_until_sent(store: Arc<dyn Storage>) {
    let now = Utc::now();
    let m = OutboxMessage::email("m-life".into(), "a@example.pl", "Temat".into(), "Numer: X".into(), now);
    store.commit(vec![Write::Enqueue(m.clone())]).await.unwrap();
    assert_eq!(
        conflict(store.commit(vec![Write::Enqueue(m)]).await),
        Condition::MessageExists,
        "one event, one message"
    );
    assert!(store.due_messages(outbox::Lane::Email, now, 10).await.unwrap().contains(&"m-life".to_owned()));
    let claimed = store.claim_message("m-life", now).await.unwrap().expect("first claim");
    assert_eq!(claimed.attempts, 1);
    assert!(store.claim_message("m-life", now).await.unwrap().is_none(), "leased");
    let retry_at = now + Duration::seconds(10);
    store
        .finish_message("m-life", DeliveryOutcome::Retry { next_attempt_at: retry_at, error: "throttled".into() })
        .await
        .unwrap();
    assert!(store.claim_message("m-life", now).await.unwrap().is_none(), "not due yet");
    assert!(!store.due_messages(outbox::Lane::Email, now, 10).await.unwrap().contains(&"m-life".to_owned()));
    let again = store.claim_message("m-life", retry_at).await.unwrap().expect("due again");
    assert_eq!(again.attempts, 2);
    store.finish_message("m-life", DeliveryOutcome::Sent { at: retry_at }).await.unwrap();
    let sent = store.get_message("m-life").await.unwrap().unwrap();
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert!(sent.body.is_none(), "the body (with its secret) is gone once sent");
    assert!(store.claim_message("m-life", retry_at + Duration::hours(1)).await.unwrap().is_none());
    assert!(!store
        .due_messages(outbox::Lane::Email, retry_at + Duration::hours(1), 10)
        .await
        .unwrap()
        .contains(&"m-life".to_owned()));
    // finishing without a lease is refused
    assert_eq!(conflict(store.finish_message("m-life", DeliveryOutcome::Sent { at: now }).await), Condition::NotLeased);
}

pub async fn a_lease_left_by_a_crashed_sender_expires(store: Arc<dyn Storage>) {
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

pub async fn dead_letters_are_listed_for_operators_and_requeued_once(store: Arc<dyn Storage>) {
    let now = Utc::now();
    let m = OutboxMessage::email("m-dead".into(), "a@example.pl", "Temat".into(), "Treść".into(), now);
    store.commit(vec![Write::Enqueue(m)]).await.unwrap();
    assert!(!store.requeue_message("m-dead", now).await.unwrap(), "a pending message is not requeued");
    store.claim_message("m-dead", now).await.unwrap().unwrap();
    store.finish_message("m-dead", DeliveryOutcome::Dead { error: "MessageRejected".into() }).await.unwrap();
    let dead = store.dead_messages(100).await.unwrap();
    let listed = dead.iter().find(|d| d.id == "m-dead").expect("listed as dead");
    assert_eq!(
        (listed.attempts, listed.last_error.as_deref(), listed.body.as_deref()),
        (1, Some("MessageRejected"), Some("Treść"))
    );
    assert!(
        !store.due_messages(outbox::Lane::Email, now, 100).await.unwrap().contains(&"m-dead".to_owned()),
        "not retried by itself"
    );
    let later = now + Duration::minutes(5);
    assert!(store.requeue_message("m-dead", later).await.unwrap());
    assert!(!store.requeue_message("m-dead", later).await.unwrap(), "once");
    assert!(store.dead_messages(100).await.unwrap().iter().all(|d| d.id != "m-dead"));
    assert!(store.due_messages(outbox::Lane::Email, later, 100).await.unwrap().contains(&"m-dead".to_owned()));
    let again = store.claim_message("m-dead", later).await.unwrap().expect("due again");
    assert_eq!(again.attempts, 1, "attempts start again");
    assert!(!store.requeue_message("unknown", later).await.unwrap());
}

pub async fn a_claim_is_released_only_by_its_owner_and_then_free_for_anyone(store: Arc<dyn Storage>) {
    let now = Utc::now();
    let (a, b) = (
        sample_application(40, &sample_slot("a000000000000040", 2, 1)).id,
        sample_application(41, &sample_slot("a000000000000041", 2, 1)).id,
    );
    let k = key(UniqueKind::Pesel, "release");
    store.commit(vec![Write::Reserve { key: k.clone(), owner: a.clone(), expires_at: None, now }]).await.unwrap();
    // someone else's release fails and voids its commit
    assert_eq!(
        conflict(store.commit(vec![Write::Release { key: k.clone(), owner: b.clone() }]).await),
        Condition::HeldByAnother(UniqueKind::Pesel)
    );
    store.commit(vec![Write::Release { key: k.clone(), owner: a.clone() }]).await.unwrap();
    // releasing twice is harmless
    store.commit(vec![Write::Release { key: k.clone(), owner: a }]).await.unwrap();
    store.commit(vec![Write::Reserve { key: k, owner: b, expires_at: None, now }]).await.unwrap();
}

pub async fn a_booking_is_given_back_but_never_below_zero(store: Arc<dyn Storage>) {
    let slot = with_slot(&*store, "a000000000000042", 1).await;
    store.commit(vec![Write::BookSlot(slot.id.clone())]).await.unwrap();
    store.commit(vec![Write::ReleaseSlot(slot.id.clone())]).await.unwrap();
    assert_eq!(store.get_slot(&slot.id).await.unwrap().unwrap().booked, 0);
    assert_eq!(conflict(store.commit(vec![Write::ReleaseSlot(slot.id.clone())]).await), Condition::SlotEmpty);
    let unknown = SlotId::parse("a0000000000000ff").unwrap();
    assert_eq!(conflict(store.commit(vec![Write::ReleaseSlot(unknown)]).await), Condition::SlotEmpty);
}

pub async fn published_slots_never_share_a_block_of_the_schedule(store: Arc<dyn Storage>) {
    let mut first = sample_slot("a000000000000043", 3, 2);
    first.start = first.start.date_naive().and_hms_opt(9, 0, 0).unwrap().and_utc();
    first.end = first.start + Duration::minutes(20);
    let publish = |s: &Slot| {
        let mut w = vec![Write::CreateSlot(s.clone())];
        w.extend(s.time_blocks().into_iter().map(Write::ClaimTime));
        w
    };
    store.commit(publish(&first)).await.unwrap();
    let mut overlapping = first.clone();
    overlapping.id = SlotId::parse("a000000000000044").unwrap();
    overlapping.start = first.start + Duration::minutes(15);
    overlapping.end = overlapping.start + Duration::minutes(20);
    assert_eq!(conflict(store.commit(publish(&overlapping)).await), Condition::TimeTaken, "its first block is taken");
    assert!(store.get_slot(&overlapping.id).await.unwrap().is_none(), "nothing of it written");
    overlapping.start = first.end;
    overlapping.end = first.end + Duration::minutes(20);
    store.commit(publish(&overlapping)).await.unwrap();
    assert_eq!(conflict(store.commit(vec![Write::CreateSlot(first)]).await), Condition::SlotExists, "one slot per id");
}

fn clerk(n: u64) -> Clerk {
    let rng = shared::adapters::random::SeededRandom::new(n);
    Clerk::new(
        ClerkId::generate(&rng),
        Username::parse(&format!("Urzednik_{n}")).unwrap(),
        PasswordHash::from_phc("$argon2id$v=19$x"),
        Utc::now(),
    )
}

pub async fn clerks_are_created_once_and_updated_by_version(store: Arc<dyn Storage>) {
    let c = clerk(1);
    store.commit(vec![Write::CreateClerk(c.clone())]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![Write::CreateClerk(c.clone())]).await), Condition::ClerkExists);
    let mut used = c.clone();
    used.last_totp_step = Some(59_000_000);
    used.totp = Some(shared::crypto::Sealed { nonce: "00".repeat(12), data: "ab".repeat(36) });
    used.begin_session("a".repeat(64), Utc::now());
    store.commit(vec![Write::UpdateClerk(used.clone())]).await.unwrap();
    assert_eq!(
        conflict(store.commit(vec![Write::UpdateClerk(used.clone())]).await),
        Condition::ClerkChanged,
        "stale version"
    );
    let back = store.get_clerk(&c.username).await.unwrap().unwrap();
    assert_eq!((back.last_totp_step, back.version, &back.id), (Some(59_000_000), 1, &c.id));
    assert_eq!((back.totp, back.sessions), (used.totp, used.sessions), "the sealed secret and the sessions round-trip");
    assert!(store.get_clerk(&Username::parse("urzednik_1").unwrap()).await.unwrap().is_none(), "case matters");
}

pub async fn clerk_sessions_are_stored_by_hash_refreshed_and_deleted(store: Arc<dyn Storage>) {
    let c = clerk(2);
    let now = Utc::now();
    let mut session = ClerkSession {
        token_hash: "f".repeat(64),
        clerk_id: c.id,
        username: c.username,
        created_at: now,
        last_seen: now,
    };
    store.commit(vec![Write::PutClerkSession(session.clone())]).await.unwrap();
    session.last_seen = now + Duration::minutes(5);
    store.commit(vec![Write::TouchClerkSession(session.clone())]).await.unwrap();
    assert_eq!(store.get_clerk_session(&session.token_hash).await.unwrap(), Some(session.clone()));
    store.commit(vec![Write::DeleteClerkSession(session.token_hash.clone())]).await.unwrap();
    assert!(store.get_clerk_session(&session.token_hash).await.unwrap().is_none());
    session.last_seen = now + Duration::minutes(6);
    assert_eq!(
        conflict(store.commit(vec![Write::TouchClerkSession(session.clone())]).await),
        Condition::ClerkSessionEnded,
        "an ended session is not written back"
    );
    assert!(store.get_clerk_session(&session.token_hash).await.unwrap().is_none());
}

/// What ending a clerk's sessions relies on: the clerk's update and the session writes
/// are one transaction, so a sign-in that lost the race to a reset leaves no session,
/// and a reset ends every session listed on the clerk at once.
pub async fn a_clerks_sessions_begin_and_end_with_the_clerks_version(store: Arc<dyn Storage>) {
    let mut c = clerk(3);
    store.commit(vec![Write::CreateClerk(c.clone())]).await.unwrap();
    let now = Utc::now();
    let (id, username) = (c.id.clone(), c.username.clone());
    let session = |h: &str| ClerkSession {
        token_hash: h.repeat(64),
        clerk_id: id.clone(),
        username: username.clone(),
        created_at: now,
        last_seen: now,
    };
    let (one, two) = (session("1"), session("2"));
    for s in [&one, &two] {
        c.begin_session(s.token_hash.clone(), now);
        store.commit(vec![Write::UpdateClerk(c.clone()), Write::PutClerkSession(s.clone())]).await.unwrap();
        c.version += 1;
    }
    let stale = {
        let mut stale = c.clone();
        stale.version -= 1;
        stale.begin_session("3".repeat(64), now);
        stale
    };
    let lost = store.commit(vec![Write::UpdateClerk(stale), Write::PutClerkSession(session("3"))]).await;
    assert_eq!(conflict(lost), Condition::ClerkChanged, "a sign-in on a stale clerk");
    assert!(store.get_clerk_session(&"3".repeat(64)).await.unwrap().is_none(), "leaves no session");

    let mut reset = store.get_clerk(&c.username).await.unwrap().unwrap();
    let ended = reset.end_sessions();
    assert_eq!(ended, vec![one.token_hash.clone(), two.token_hash.clone()], "the clerk lists its sessions");
    let mut writes = vec![Write::UpdateClerk(reset)];
    writes.extend(ended.into_iter().map(Write::DeleteClerkSession));
    store.commit(writes).await.unwrap();
    for s in [&one, &two] {
        assert!(store.get_clerk_session(&s.token_hash).await.unwrap().is_none(), "ended with the reset");
    }
    assert!(store.get_clerk(&c.username).await.unwrap().unwrap().sessions.is_empty());
}

pub async fn the_audit_trail_is_append_only_and_listed_by_day_and_application(store: Arc<dyn Storage>) {
    let slot = sample_slot("a000000000000045", 2, 1);
    let app = sample_application(45, &slot).id;
    let now = Utc::now();
    let rng = shared::adapters::random::SeededRandom::new(45);
    let entry = |at, action, on: Option<&ApplicationId>| AuditEntry {
        id: AuditId::generate(&rng),
        at,
        actor: Actor::System,
        action,
        application_id: on.cloned(),
        slot_id: None,
        note: Some("ok".into()),
    };
    let first = entry(now, AuditAction::ApplicationViewed, Some(&app));
    let second = entry(now + Duration::seconds(1), AuditAction::Confirmed, Some(&app));
    let other = entry(now + Duration::seconds(2), AuditAction::SlotPublished, None);
    store.commit(vec![Write::Audit(second.clone()), Write::Audit(first.clone())]).await.unwrap();
    store.commit(vec![Write::Audit(other.clone())]).await.unwrap();
    assert_eq!(
        conflict(store.commit(vec![Write::Audit(first.clone())]).await),
        Condition::EntryExists,
        "never overwritten"
    );
    assert_eq!(store.audit_of(&app).await.unwrap(), vec![first.clone(), second.clone()]);
    let day = shared::domain::time::polish_date(now);
    let listed = store.audit_on(day).await.unwrap();
    let ours: Vec<_> = listed.into_iter().filter(|e| [&first.id, &second.id, &other.id].contains(&&e.id)).collect();
    let expected = [&first, &second, &other].iter().filter(|e| shared::domain::time::polish_date(e.at) == day).count();
    assert_eq!(ours.len(), expected, "listed under the Polish day of each entry");
}

pub async fn calls_of_a_day_and_overdue_unverified_applications_are_found(store: Arc<dyn Storage>) {
    let slot = with_slot(&*store, "a000000000000046", 3).await;
    let waiting = sample_application(46, &slot);
    let mut sent = sample_application(47, &slot);
    sent.status = ApplicationStatus::Submitted;
    sent.verify_by = None;
    store
        .commit(vec![Write::CreateApplication(waiting.clone()), Write::CreateApplication(sent.clone())])
        .await
        .unwrap();
    let day = shared::domain::time::polish_date(slot.start);
    let calls = store.calls_on(day).await.unwrap();
    assert_eq!(
        calls.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        vec![sent.id.clone()],
        "only sent applications are calls"
    );
    assert!(store.calls_on(day.succ_opt().unwrap()).await.unwrap().is_empty());
    let deadline = waiting.verify_by.unwrap();
    assert!(store.unverified_before(deadline - Duration::seconds(1)).await.unwrap().is_empty());
    let overdue = store.unverified_before(deadline + Duration::seconds(1)).await.unwrap();
    assert_eq!(overdue.iter().map(|a| a.id.clone()).collect::<Vec<_>>(), vec![waiting.id.clone()]);
    // once sent, it moves from the overdue list to the day's calls
    let mut now_sent = waiting.clone();
    now_sent.status = ApplicationStatus::Submitted;
    now_sent.verify_by = None;
    store.commit(vec![Write::UpdateApplication(now_sent)]).await.unwrap();
    assert!(store.unverified_before(deadline + Duration::seconds(1)).await.unwrap().is_empty());
    assert_eq!(store.calls_on(day).await.unwrap().len(), 2);
}

pub async fn an_account_update_checks_its_version(store: Arc<dyn Storage>) {
    let slot = sample_slot("a000000000000048", 2, 1);
    let app = sample_application(48, &slot);
    let account = Account::from_application(&app, app.password_hash.clone().unwrap(), Utc::now());
    store.commit(vec![Write::CreateAccount(account.clone())]).await.unwrap();
    let mut active = account.clone();
    let rng = shared::adapters::random::SeededRandom::new(48);
    let until = active.activate(ClerkId::generate(&rng), Utc::now());
    store.commit(vec![Write::UpdateAccount(active.clone())]).await.unwrap();
    assert_eq!(conflict(store.commit(vec![Write::UpdateAccount(account)]).await), Condition::AccountChanged, "stale");
    let back = store.get_account(&app.id).await.unwrap().unwrap();
    assert_eq!((back.status, back.valid_until, back.version), (AccountStatus::Active, Some(until), 1));
}

fn push_challenge(n: u64, device: &DeviceId, account: &ApplicationId, created_at: chrono::DateTime<Utc>) -> Challenge {
    let rng = shared::adapters::random::SeededRandom::new(n);
    Challenge {
        id: ChallengeId::generate(&rng),
        account_id: account.clone(),
        kind: ChallengeKind::Login,
        method: AuthMethod::Push,
        status: ChallengeStatus::Pending,
        created_at,
        expires_at: created_at + Duration::minutes(2),
        browser_hash: Some("b".repeat(64)),
        push: Some(PushPrompt::new(&rng, device.clone())),
        answered_at: None,
        linking: None,
        lang: None,
        version: 0,
    }
}

pub async fn sign_in_records_round_trip_are_created_once_updated_by_version_and_deleted(store: Arc<dyn Storage>) {
    let now = Utc::now();
    let slot = sample_slot("a000000000000050", 2, 1);
    let account = sample_application(50, &slot).id;
    let rng = shared::adapters::random::SeededRandom::new(50);
    let device = Device {
        id: DeviceId::generate(&rng),
        account_id: account.clone(),
        platform: Platform::Ios,
        endpoint: "arn:aws:sns:eu-central-1:123456789012:endpoint/APNS/pz-ios/1".into(),
        secret_hash: "d".repeat(64),
        created_at: now,
        version: 0,
    };
    let session = CitizenSession {
        token_hash: "e".repeat(64),
        account_id: account.clone(),
        created_at: now,
        last_seen: now,
        method: AuthMethod::Push,
        via: Some("Bank Demo".into()),
        services: vec!["ikp-demo".into()],
        version: 0,
    };
    let code = shared::domain::oidc::AuthCode {
        code_hash: "c".repeat(64),
        client_id: "ikp-demo".into(),
        redirect_uri: "http://127.0.0.1:3000/ikp/callback".into(),
        account_id: account.clone(),
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into(),
        nonce: Some("n".into()),
        scope: vec!["openid".into(), "profile".into()],
        auth_time: now,
        sid: "s".repeat(32),
        acr: shared::domain::oidc::ACR_SUBSTANTIAL.into(),
        amr: vec!["pwd".into(), "sms".into(), "mfa".into()],
        expires_at: now + Duration::seconds(60),
        used: false,
        access_token_hash: None,
        version: 0,
    };
    let token = shared::domain::oidc::AccessToken {
        token_hash: "a".repeat(64),
        client_id: "ikp-demo".into(),
        account_id: account.clone(),
        scope: vec!["openid".into()],
        expires_at: now,
        version: 0,
    };
    // a new app waiting for the old one's approval travels inside its challenge
    let mut linking = push_challenge(55, &device.id, &account, now);
    linking.kind = ChallengeKind::LinkDevice;
    linking.linking = Some(Device { id: DeviceId::generate(&rng), platform: Platform::Android, ..device.clone() });
    let records = vec![
        Record::Challenge(push_challenge(50, &device.id, &account, now)),
        Record::Challenge(linking),
        Record::Device(device),
        Record::Session(session.clone()),
        Record::AuthCode(code.clone()),
        Record::AccessToken(token),
        Record::Assertion(shared::domain::oidc::UsedAssertion {
            id_hash: "j".repeat(64),
            expires_at: now + Duration::seconds(60),
            version: 0,
        }),
    ];
    store.commit(records.iter().cloned().map(Write::CreateRecord).collect()).await.unwrap();
    for r in &records {
        assert_eq!(store.get_record(&r.key()).await.unwrap().as_ref(), Some(r), "{:?} round-trips", r.key().kind);
        assert_eq!(
            conflict(store.commit(vec![Write::CreateRecord(r.clone())]).await),
            Condition::RecordExists(r.key().kind),
            "created once"
        );
    }
    // a code is used once: the second update carries a stale version
    let mut used = code.clone();
    used.used = true;
    used.access_token_hash = Some("a".repeat(64));
    store.commit(vec![Write::UpdateRecord(Record::AuthCode(used.clone()))]).await.unwrap();
    assert_eq!(
        conflict(store.commit(vec![Write::UpdateRecord(Record::AuthCode(used))]).await),
        Condition::RecordChanged(RecordKind::AuthCode)
    );
    let back = shared::ports::load::<shared::domain::oidc::AuthCode>(&*store, &code.code_hash).await.unwrap().unwrap();
    assert_eq!((back.used, back.version), (true, 1));
    assert_eq!(back.access_token_hash.as_deref(), Some("a".repeat(64).as_str()), "a replay can find the token it gave");
    let key = Record::Session(session).key();
    store.commit(vec![Write::DeleteRecord(key.clone())]).await.unwrap();
    assert!(store.get_record(&key).await.unwrap().is_none());
}

pub async fn pending_pushes_are_listed_per_device_until_answered_or_expired(store: Arc<dyn Storage>) {
    let now = Utc::now();
    let slot = sample_slot("a000000000000051", 2, 1);
    let account = sample_application(51, &slot).id;
    let rng = shared::adapters::random::SeededRandom::new(51);
    let (ours, theirs) = (DeviceId::generate(&rng), DeviceId::generate(&rng));
    let first = push_challenge(511, &ours, &account, now - Duration::seconds(30));
    let second = push_challenge(512, &ours, &account, now - Duration::seconds(10));
    let other = push_challenge(513, &theirs, &account, now);
    let old = push_challenge(514, &ours, &account, now - Duration::minutes(5));
    let all = [&first, &second, &other, &old];
    store.commit(all.iter().map(|c| Write::CreateRecord(Record::Challenge((*c).clone()))).collect()).await.unwrap();
    let ids = |v: Vec<Challenge>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.pending_pushes(&ours, now).await.unwrap()),
        vec![first.id.clone(), second.id.clone()],
        "oldest first, not expired, only ours"
    );
    let mut answered = first.clone();
    answered.answer(now, false, None).unwrap();
    store.commit(vec![Write::UpdateRecord(Record::Challenge(answered))]).await.unwrap();
    assert_eq!(ids(store.pending_pushes(&ours, now).await.unwrap()), vec![second.id.clone()]);
    assert_eq!(ids(store.pending_pushes(&theirs, now).await.unwrap()), vec![other.id.clone()]);
}

pub async fn a_citizens_history_is_their_own_and_append_only_and_claims_name_their_owner(store: Arc<dyn Storage>) {
    let slot = sample_slot("a000000000000052", 2, 1);
    let (a, b) = (sample_application(52, &slot), sample_application(53, &slot));
    let now = Utc::now();
    let rng = shared::adapters::random::SeededRandom::new(52);
    let entry = |at, on: &ApplicationId, note: &str| AuditEntry {
        id: AuditId::generate(&rng),
        at,
        actor: Actor::Citizen,
        action: AuditAction::SignedIn,
        application_id: Some(on.clone()),
        slot_id: None,
        note: Some(note.into()),
    };
    let (first, second, theirs) =
        (entry(now, &a.id, "sms"), entry(now + Duration::seconds(1), &a.id, "push"), entry(now, &b.id, "sms"));
    store
        .commit(vec![Write::History(second.clone()), Write::History(first.clone()), Write::History(theirs)])
        .await
        .unwrap();
    assert_eq!(
        conflict(store.commit(vec![Write::History(first.clone())]).await),
        Condition::EntryExists,
        "never overwritten"
    );
    assert_eq!(store.history_of(&a.id).await.unwrap(), vec![first, second]);
    assert!(store.audit_of(&a.id).await.unwrap().is_empty(), "not in the clerks' audit trail");
    let username = key(UniqueKind::Username, "Obywatel_52");
    store
        .commit(vec![Write::Reserve { key: username.clone(), owner: a.id.clone(), expires_at: None, now }])
        .await
        .unwrap();
    assert_eq!(store.claim_owner(&username).await.unwrap(), Some(a.id.clone()));
    assert_eq!(store.claim_owner(&key(UniqueKind::Username, "Nikt")).await.unwrap(), None);
}

pub async fn profiles_ending_in_a_window_are_found_active_only(store: Arc<dyn Storage>) {
    let base = Utc::now() + Duration::days(1000);
    let slot = sample_slot("a000000000000049", 2, 1);
    let rng = shared::adapters::random::SeededRandom::new(49);
    let mut ids = Vec::new();
    for (n, days, activate) in [(49, 10, true), (50, 20, true), (51, 40, true), (52, 15, false)] {
        let mut app = sample_application(n, &slot);
        app.id = ApplicationId::generate(&rng);
        let mut account = Account::from_application(&app, app.password_hash.clone().unwrap(), Utc::now());
        if activate {
            account.activate(ClerkId::generate(&rng), Utc::now());
        }
        account.valid_until = Some(base + Duration::days(days));
        store.commit(vec![Write::CreateAccount(account)]).await.unwrap();
        ids.push(app.id);
    }
    let mut found: Vec<ApplicationId> = store
        .profiles_ending_between(base + Duration::days(5), base + Duration::days(20))
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    found.sort();
    let mut expected = vec![ids[0].clone(), ids[1].clone()];
    expected.sort();
    assert_eq!(found, expected, "ends after the start, at the latest at the end; active ones only");
    let none = store.profiles_ending_between(base + Duration::days(20), base + Duration::days(39)).await.unwrap();
    assert!(none.is_empty(), "the start is not in the window: {none:?}");
}

pub async fn a_deleted_account_goes_under_its_version_with_its_application(store: Arc<dyn Storage>) {
    let slot = sample_slot("a000000000000053", 2, 1);
    let app = sample_application(53, &slot);
    let account = Account::from_application(&app, app.password_hash.clone().unwrap(), Utc::now());
    let writes = vec![Write::CreateApplication(app.clone()), Write::CreateAccount(account.clone())];
    store.commit(writes).await.unwrap();
    store.commit(vec![Write::UpdateAccount(account.clone())]).await.unwrap();
    let stale = Write::ForgetAccount { id: app.id.clone(), version: 0 };
    assert_eq!(
        conflict(store.commit(vec![stale, Write::ForgetApplication(app.id.clone())]).await),
        Condition::AccountChanged
    );
    assert!(store.get_application(&app.id).await.unwrap().is_some(), "all or nothing");
    let forget =
        vec![Write::ForgetAccount { id: app.id.clone(), version: 1 }, Write::ForgetApplication(app.id.clone())];
    store.commit(forget).await.unwrap();
    assert!(store.get_account(&app.id).await.unwrap().is_none());
    assert!(store.get_application(&app.id).await.unwrap().is_none());
}

pub async fn confirmation_points_are_listed_read_replaced_and_removed(store: Arc<dyn Storage>) {
    use shared::domain::{ConfirmationPoint, PointId};
    let a = ConfirmationPoint::new("conf-a", "Urząd A", "ul. A 1", "8–16").unwrap();
    let b = ConfirmationPoint::new("conf-b", "Urząd B", "ul. B 2", "9–17").unwrap();
    store.put_point(&a).await.unwrap();
    store.put_point(&b).await.unwrap();
    let mut moved = a.clone();
    moved.address = "ul. Nowa 3".into();
    store.put_point(&moved).await.unwrap();
    let listed: Vec<ConfirmationPoint> =
        store.list_points().await.unwrap().into_iter().filter(|p| p.id.as_str().starts_with("conf-")).collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.contains(&moved) && listed.contains(&b));
    let found =
        store.get_many(&[ItemKey::Point(b.id.clone()), ItemKey::Point(PointId::parse("conf-c").unwrap())]).await;
    let found = found.unwrap();
    assert_eq!(found[0], Some(Found::Point(b.clone())));
    assert_eq!(found[1], None);
    assert!(store.remove_point(&b.id).await.unwrap());
    assert!(!store.remove_point(&b.id).await.unwrap(), "gone already");
    assert!(!store.list_points().await.unwrap().contains(&b));
}

pub async fn relying_services_are_registered_read_replaced_listed_and_removed(store: Arc<dyn Storage>) {
    use shared::domain::relying::Client;
    let suffix = unique(8);
    let client = |id: &str, scopes: &[&str]| {
        let json = serde_json::json!({
            "client_id": id, "name": format!("Serwis {id}"), "redirect_uris": [format!("https://{id}.example/cb")],
            "scopes": scopes, "token_endpoint_auth_method": "private_key_jwt",
            "jwks": {"keys": [{"kty": "RSA", "kid": "k1", "n": "AQAB", "e": "AQAB"}]},
        });
        serde_json::from_value::<Client>(json).unwrap().checked().unwrap()
    };
    let (a, b) = (client(&format!("conf-a-{suffix}"), &["profile"]), client(&format!("conf-b-{suffix}"), &["pesel"]));
    store.put_client(&a).await.unwrap();
    store.put_client(&b).await.unwrap();
    let wider = client(&a.client_id, &["profile", "email"]);
    store.put_client(&wider).await.unwrap();
    let found = store.get_many(&[ItemKey::Client(a.client_id.clone()), ItemKey::Client("conf-none".into())]).await;
    assert_eq!(found.unwrap(), vec![Some(Found::Client(wider.clone())), None], "the key set survives the store");
    let listed: Vec<Client> =
        store.list_clients().await.unwrap().into_iter().filter(|c| c.client_id.ends_with(&suffix)).collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.contains(&wider) && listed.contains(&b));
    assert!(store.remove_client(&b.client_id).await.unwrap());
    assert!(!store.remove_client(&b.client_id).await.unwrap(), "gone already");
    assert!(!store.list_clients().await.unwrap().contains(&b));
}

pub async fn office_applications_are_found_on_the_day_their_14_days_end(store: Arc<dyn Storage>) {
    use shared::domain::office::{demo_points, OFFICE_LIFETIME};
    let slot = sample_slot("a000000000000049", 2, 1);
    let mut app = sample_application(49, &slot);
    app.slot = None;
    app.video_app = None;
    app.office = Some(demo_points().remove(0));
    store.commit(vec![Write::CreateApplication(app.clone())]).await.unwrap();
    let now = app.created_at + Duration::minutes(2);
    app.submit(now).unwrap();
    store.commit(vec![Write::UpdateApplication(app.clone())]).await.unwrap();
    let stored = store.get_application(&app.id).await.unwrap().unwrap();
    assert_eq!((stored.office.clone(), stored.slot.clone()), (app.office.clone(), None), "round trip");
    let due = shared::domain::time::polish_date(now + OFFICE_LIFETIME);
    let found = store.office_due_on(due).await.unwrap();
    assert_eq!(found.iter().map(|a| a.id.clone()).collect::<Vec<_>>(), vec![app.id.clone()]);
    assert!(store.office_due_on(due.pred_opt().unwrap()).await.unwrap().iter().all(|a| a.id != app.id));
    assert!(
        store.calls_on(shared::domain::time::polish_date(now)).await.unwrap().iter().all(|a| a.id != app.id),
        "not a call"
    );
}

macro_rules! conformance {
    ($module:ident, $make:expr, [$($case:ident),* $(,)?]) => {
        mod $module {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let store: Arc<dyn Storage> = $make;
                    super::$case(store).await;
                }
            )*
        }
    };
}

macro_rules! all_cases {
    ($module:ident, $make:expr) => {
        conformance!(
            $module,
            $make,
            [
                application_round_trips_with_every_field,
                an_application_is_created_once,
                a_stale_update_fails_and_the_whole_commit_is_void,
                a_claim_belongs_to_one_owner_until_it_expires,
                a_slot_is_never_booked_beyond_capacity,
                slots_are_listed_from_a_time_earliest_first,
                rate_windows_count_at_most_their_limit_per_period_even_at_once,
                attempts_counted_together_are_all_or_none_within_every_limit,
                several_items_are_read_at_once_each_as_its_kind,
                attempts_are_counted_atomically_up_to_the_limit_per_window,
                an_outbox_message_is_delivered_by_one_sender_and_retried_until_sent,
                a_lease_left_by_a_crashed_sender_expires,
                dead_letters_are_listed_for_operators_and_requeued_once,
                a_claim_is_released_only_by_its_owner_and_then_free_for_anyone,
                a_booking_is_given_back_but_never_below_zero,
                published_slots_never_share_a_block_of_the_schedule,
                clerks_are_created_once_and_updated_by_version,
                clerk_sessions_are_stored_by_hash_refreshed_and_deleted,
                a_clerks_sessions_begin_and_end_with_the_clerks_version,
                the_audit_trail_is_append_only_and_listed_by_day_and_application,
                calls_of_a_day_and_overdue_unverified_applications_are_found,
                an_account_update_checks_its_version,
                sign_in_records_round_trip_are_created_once_updated_by_version_and_deleted,
                pending_pushes_are_listed_per_device_until_answered_or_expired,
                a_citizens_history_is_their_own_and_append_only_and_claims_name_their_owner,
                profiles_ending_in_a_window_are_found_active_only,
                a_deleted_account_goes_under_its_version_with_its_application,
                confirmation_points_are_listed_read_replaced_and_removed,
                relying_services_are_registered_read_replaced_listed_and_removed,
                office_applications_are_found_on_the_day_their_14_days_end,
            ]
        );
    };
}

all_cases!(memory, Arc::new(shared::adapters::memory::MemoryStore::new()));

#[cfg(feature = "emulator")]
all_cases!(dynamodb, Arc::new(e2e::dynamo_store_on_emulator().await));
