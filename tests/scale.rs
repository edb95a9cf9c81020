//! Keys that hold at national scale (SCALE.md): the queue's lanes and shards, the
//! schedule split by day, and the bounded loopback measurement SCALE.md quotes
//! (`cargo test -p e2e --features emulator --test scale -- --nocapture`). Each case runs
//! on the in-process store, and on the DynamoDB adapter against the emulator with
//! `--features emulator`.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use e2e::faults::FlakyProvider;
use e2e::sample_slot;
use shared::adapters::clock::FixedClock;
use shared::adapters::memory::MemoryStore;
use shared::domain::outbox::{Lane, Shard};
use shared::domain::{DeliveryStatus, OutboxMessage};
use shared::ports::{Clock, Storage, Write};
use shared::service::delivery::{deliver_due, Channels, Senders};

const NOW: &str = "2026-12-02T12:00:00Z";

fn at(t: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc)
}

/// Queues messages, 25 to a transaction (TransactWriteItems takes at most 100).
async fn enqueue(store: &dyn Storage, messages: Vec<OutboxMessage>) {
    for chunk in messages.chunks(25) {
        store.commit(chunk.iter().cloned().map(Write::Enqueue).collect()).await.unwrap();
    }
}

/// `n` pushes that failed three times and are overdue: a backlog of retries.
fn push_backlog(n: usize, now: DateTime<Utc>) -> Vec<OutboxMessage> {
    (0..n)
        .map(|i| {
            let mut m = OutboxMessage::push(format!("c{i:05}"), "arn:aws:sns:x:1:endpoint/GCM/pz/x", "t", "push", now);
            m.attempts = 3;
            m.next_attempt_at = now - Duration::hours(1) + Duration::seconds(i as i64);
            m
        })
        .collect()
}

/// The old sweep took the 100 oldest due messages of every lane and then kept its own:
/// 150 overdue push retries meant no email at all. Now each lane is read apart.
async fn a_push_backlog_does_not_starve_email_retries(store: Arc<dyn Storage>) {
    let now = at(NOW);
    let clock = FixedClock::at(NOW);
    enqueue(&*store, push_backlog(150, now)).await;
    let emails: Vec<OutboxMessage> = (0..3)
        .map(|i| {
            let mut m =
                OutboxMessage::email(format!("a{i}.retry"), "a@example.pl", "s".into(), format!("email {i}"), now);
            m.attempts = 2;
            m.next_attempt_at = now - Duration::seconds(1);
            m
        })
        .collect();
    enqueue(&*store, emails).await;
    let provider = FlakyProvider::new(0, 0);
    let not_push = Senders::new(Channels::NotPush { email: &provider, sms: &provider });
    assert_eq!(deliver_due(&*store, &clock, &not_push).await.unwrap(), 3, "every email retry in the first sweep");
    let pushes = store.get_message("push.c00000").await.unwrap().unwrap();
    assert_eq!((pushes.status, pushes.attempts), (DeliveryStatus::Pending, 3), "pushes are send-push's");
    // And send-push's own sweep takes its backlog shard by shard, at most 10 per shard.
    let push = Senders::new(Channels::Push { push: &provider });
    let sent = deliver_due(&*store, &clock, &push).await.unwrap();
    assert!(sent > 100 && sent <= 160, "{sent} pushes in one sweep");
}

/// 200 pushes, 50 emails and 20 SMS, a provider failing 3 calls in 10: sweeps a minute
/// apart deliver every one exactly once, from every shard of every lane.
async fn every_due_message_is_delivered_across_shards(store: Arc<dyn Storage>) {
    let clock = FixedClock::at(NOW);
    let now = clock.now();
    let mut messages = Vec::new();
    for i in 0..200 {
        messages.push(OutboxMessage::push(format!("c{i}"), "arn:x", "t", &format!("push {i}"), now));
    }
    for i in 0..50 {
        messages.push(OutboxMessage::email(
            format!("a{i}.sent"),
            "a@example.pl",
            "s".into(),
            format!("email {i}"),
            now,
        ));
    }
    for i in 0..20 {
        messages.push(OutboxMessage::sms(format!("d{i}.linked.sms"), "+48500100200", format!("sms {i}"), now));
    }
    let shards: std::collections::BTreeSet<Shard> = messages.iter().map(OutboxMessage::shard).collect();
    assert_eq!(shards.len(), 16 + 8 + 4, "the messages cover every shard of every lane");
    let ids: Vec<String> = messages.iter().map(|m| m.id.clone()).collect();
    enqueue(&*store, messages).await;
    let provider = FlakyProvider::new(3, 0);
    let all = Senders::new(Channels::All { email: &provider, sms: &provider, push: &provider });
    let mut sweeps = 0;
    loop {
        let mut due = 0;
        for lane in Lane::ALL {
            due += store.due_messages(lane, clock.now() + Duration::hours(1), 1000).await.unwrap().len();
        }
        if due == 0 {
            break;
        }
        deliver_due(&*store, &clock, &all).await.unwrap();
        clock.advance(Duration::minutes(1));
        sweeps += 1;
        assert!(sweeps <= 30, "delivered within 30 sweeps");
    }
    for id in &ids {
        assert_eq!(store.get_message(id).await.unwrap().unwrap().status, DeliveryStatus::Sent, "{id}");
    }
    let delivered = provider.delivered.lock().unwrap().clone();
    assert_eq!(delivered.len(), 270);
    assert!(delivered.values().all(|n| *n == 1), "each exactly once");
    eprintln!("270 messages over 28 shards: {sweeps} sweeps, {} provider calls", provider.calls());
}

/// Slots on three days (each its own partition in DynamoDB) are listed together, earliest
/// first, within the range asked for.
async fn slots_of_several_days_are_listed_in_order(store: Arc<dyn Storage>) {
    let slots = [
        sample_slot("d000000000000003", 9, 1),
        sample_slot("d000000000000001", 2, 1),
        sample_slot("d000000000000002", 5, 1),
    ];
    for s in &slots {
        store.create_slot(s).await.unwrap();
    }
    let now = Utc::now();
    let ours = |listed: Vec<shared::domain::Slot>| -> Vec<String> {
        listed.into_iter().map(|s| s.id.to_string()).filter(|id| id.starts_with('d')).collect()
    };
    let listed = ours(store.list_slots(now, now + Duration::days(30)).await.unwrap());
    assert_eq!(listed, ["d000000000000001", "d000000000000002", "d000000000000003"]);
    let listed = ours(store.list_slots(now, now + Duration::days(6)).await.unwrap());
    assert_eq!(listed, ["d000000000000001", "d000000000000002"], "not past the range");
}

macro_rules! cases {
    ($module:ident, $store:expr) => {
        mod $module {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn a_push_backlog_does_not_starve_email_retries() {
                super::a_push_backlog_does_not_starve_email_retries($store).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn every_due_message_is_delivered_across_shards() {
                super::every_due_message_is_delivered_across_shards($store).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn slots_of_several_days_are_listed_in_order() {
                super::slots_of_several_days_are_listed_in_order($store).await;
            }
        }
    };
}

cases!(memory, Arc::new(MemoryStore::new()));
#[cfg(feature = "emulator")]
cases!(dynamodb, Arc::new(e2e::dynamo_store_on_emulator().await));

/// Ids shaped like the real ones (a push per sign-in challenge, emails per application
/// event) spread over the shards: the hottest shard's share against the even one.
#[test]
fn message_ids_spread_evenly_over_the_shards() {
    let rng = shared::adapters::random::OsRandom;
    let n = 100_000;
    println!("\n| lane | shards | messages | hottest shard | its share | even share | hottest / even |");
    println!("|---|---|---|---|---|---|---|");
    for lane in Lane::ALL {
        let mut per_shard: BTreeMap<u16, usize> = BTreeMap::new();
        for _ in 0..n {
            let base = shared::domain::ids::random_base32(&rng, 26).to_lowercase();
            let id = match lane {
                Lane::Push => format!("push.{base}"),
                Lane::Sms => format!("sms.{base}.device-linked.sms"),
                Lane::Email => format!("{base}.application-sent"),
                Lane::Logout => format!("logout.{base}.ikp-demo"),
            };
            let shard = Shard::of_id(&id);
            assert_eq!(shard.lane, lane);
            *per_shard.entry(shard.n).or_default() += 1;
        }
        let (hottest, max) = per_shard.iter().max_by_key(|(_, c)| **c).map(|(s, c)| (*s, *c)).unwrap();
        let share = max as f64 / n as f64;
        let even = 1.0 / f64::from(lane.shards());
        println!(
            "| {} | {} | {n} | {hottest} | {:.2} % | {:.2} % | {:.3} |",
            lane.as_str(),
            lane.shards(),
            share * 100.0,
            even * 100.0,
            share / even
        );
        assert_eq!(per_shard.len(), usize::from(lane.shards()));
        assert!(share / even < 1.05, "{lane:?}: the hottest shard takes {share}, even is {even}");
    }
}

/// The bounded loopback measurement: 400 pushes and 80 emails queued by 8 writers at
/// once through the DynamoDB adapter (bounded: the emulator copies the table at each
/// transaction, so its time grows with the square of the count), then the partitions of the index counted on the
/// emulator (what is stored, not what the code meant to store).
#[cfg(feature = "emulator")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_messages_land_spread_over_the_index_partitions_of_the_emulator() {
    use aws_sdk_dynamodb::types::{AttributeValue, Select};
    let sdk = shared::adapters::aws::sdk_config().await;
    let table = format!("scale-{}", e2e::unique(8));
    let store = Arc::new(shared::adapters::dynamodb::DynamoStore::new(&sdk, table.clone()));
    store.ensure_table().await.unwrap();
    let now = at(NOW);
    let started = std::time::Instant::now();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut messages = Vec::new();
                for i in (w..400).step_by(8) {
                    messages.push(OutboxMessage::push(format!("c{i:05}"), "arn:x", "t", "b", now));
                }
                for i in (w..80).step_by(8) {
                    messages.push(OutboxMessage::email(
                        format!("a{i:05}.sent"),
                        "a@example.pl",
                        "s".into(),
                        "b".into(),
                        now,
                    ));
                }
                enqueue(&*store, messages).await;
            })
        })
        .collect();
    for w in writers {
        w.await.unwrap();
    }
    let took = started.elapsed();
    let count = |pk: String| {
        let client = store.client().clone();
        let table = table.clone();
        async move {
            client
                .query()
                .table_name(table)
                .index_name("GSI1")
                .key_condition_expression("GSI1PK = :pk")
                .expression_attribute_values(":pk", AttributeValue::S(pk))
                .select(Select::Count)
                .send()
                .await
                .unwrap()
                .count() as usize
        }
    };
    println!("\n480 messages queued by 8 writers in {:.1} s on the emulator", took.as_secs_f64());
    println!("| lane | partitions | stored | hottest partition | its share | even share |\n|---|---|---|---|---|---|");
    for (lane, total) in [(Lane::Push, 400), (Lane::Email, 80)] {
        let mut counts = Vec::new();
        for shard in lane.all_shards() {
            counts.push(count(format!("OUTBOX#pending#{}#{}", lane.as_str(), shard.n)).await);
        }
        let stored: usize = counts.iter().sum();
        let max = counts.iter().copied().max().unwrap();
        let share = max as f64 / total as f64;
        let even = 1.0 / f64::from(lane.shards());
        println!(
            "| {} | {} | {stored} | {max} | {:.1} % | {:.1} % |",
            lane.as_str(),
            lane.shards(),
            share * 100.0,
            even * 100.0
        );
        assert_eq!(stored, total, "every message in a shard of its lane");
        // 25 or 10 a shard on average: a small sample, so a loose bound (the share of
        // 100,000 ids is measured above).
        assert!(share < even * 2.0, "{lane:?}: {max} of {total} in one partition");
    }
    assert_eq!(count("OUTBOX#pending".to_owned()).await, 0, "nothing in the old single partition");
}

/// Items keyed the old way (one `OUTBOX#pending` partition, one `SLOTS` partition) are
/// still found: the message is delivered and moves to its shard at its first retry, the
/// slot is listed.
#[cfg(feature = "emulator")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn items_keyed_the_old_way_are_still_read() {
    use aws_sdk_dynamodb::types::AttributeValue;
    use shared::ports::{OutboxQueue, Schedule};
    let sdk = shared::adapters::aws::sdk_config().await;
    let table = format!("scale-{}", e2e::unique(8));
    let store = shared::adapters::dynamodb::DynamoStore::new(&sdk, table.clone());
    store.ensure_table().await.unwrap();
    let rekey = |pk: String, sk: &'static str, index_pk: &'static str| {
        let client = store.client().clone();
        let table = table.clone();
        async move {
            client
                .update_item()
                .table_name(table)
                .key("PK", AttributeValue::S(pk))
                .key("SK", AttributeValue::S(sk.into()))
                .update_expression("SET GSI1PK = :old")
                .expression_attribute_values(":old", AttributeValue::S(index_pk.into()))
                .send()
                .await
                .unwrap();
        }
    };
    let index_pk = |pk: String, sk: &'static str| {
        let client = store.client().clone();
        let table = table.clone();
        async move {
            let item = client
                .get_item()
                .table_name(table)
                .key("PK", AttributeValue::S(pk))
                .key("SK", AttributeValue::S(sk.into()))
                .send()
                .await
                .unwrap()
                .item
                .unwrap();
            item.get("GSI1PK").and_then(|v| v.as_s().ok()).cloned().unwrap_or_default()
        }
    };
    let clock = FixedClock::at(NOW);
    let old = OutboxMessage::email("o1.sent".into(), "a@example.pl", "s".into(), "old".into(), clock.now());
    enqueue(&store, vec![old]).await;
    rekey("OUTBOX#o1.sent".into(), "M", "OUTBOX#pending").await;
    assert_eq!(store.due_messages(Lane::Email, clock.now(), 10).await.unwrap(), ["o1.sent"]);
    assert!(store.due_messages(Lane::Push, clock.now(), 10).await.unwrap().is_empty(), "not another lane's");
    let provider = FlakyProvider::new(0, 0);
    provider.set_outage(true);
    let senders = Senders::new(Channels::NotPush { email: &provider, sms: &provider });
    deliver_due(&store, &clock, &senders).await.unwrap();
    let shard = Shard::of_id("o1.sent");
    assert_eq!(
        index_pk("OUTBOX#o1.sent".into(), "M").await,
        format!("OUTBOX#pending#email#{}", shard.n),
        "moved at its retry"
    );
    provider.set_outage(false);
    clock.advance(Duration::minutes(1));
    assert_eq!(deliver_due(&store, &clock, &senders).await.unwrap(), 1);

    let slot = sample_slot("e000000000000001", 3, 1);
    store.create_slot(&slot).await.unwrap();
    assert_eq!(index_pk(format!("SLOT#{}", slot.id), "S").await, format!("SLOTS#{}", slot.start.date_naive()));
    rekey(format!("SLOT#{}", slot.id), "S", "SLOTS").await;
    let now = Utc::now();
    let listed = store.list_slots(now, now + Duration::days(30)).await.unwrap();
    assert_eq!(listed.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), [slot.id], "a slot of the old layout");
}
