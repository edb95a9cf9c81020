//! The outbox queue: taking a message under a lease, finishing it, dead letters.

use std::collections::HashMap;
use std::time::Instant;

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use chrono::{DateTime, Utc};

use super::items::*;
use super::{conditional, n, s, DynamoStore};
use crate::domain::outbox::{Lane, Shard, LEASE};
use crate::domain::OutboxMessage;
use crate::ports::{Condition, DeliveryOutcome, OutboxQueue, StoreError};

/// Partitions of the queue found empty, and when: a sweep soon after (local mode sweeps
/// after every request, against an emulator that answers one request at a time) skips
/// them for `QUIET`, unless this process queued into one since. The Lambda sweep runs a
/// minute apart and so always reads every shard; a message queued by another process into
/// a skipped shard waits at most `QUIET` longer.
#[derive(Default)]
pub(super) struct QuietShards(std::sync::Mutex<HashMap<String, Heard>>);

/// When a partition was last asked and found empty, and last queued into.
#[derive(Default, Clone, Copy)]
struct Heard {
    empty_when_asked: Option<Instant>,
    stirred: Option<Instant>,
}

const QUIET: std::time::Duration = std::time::Duration::from_secs(1);

impl QuietShards {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Heard>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Found empty by a query sent less than `QUIET` ago, and not queued into since.
    fn is_quiet(&self, pk: &str) -> bool {
        let heard = self.lock().get(pk).copied().unwrap_or_default();
        match heard.empty_when_asked {
            Some(asked) => asked.elapsed() < QUIET && heard.stirred.is_none_or(|s| s < asked),
            None => false,
        }
    }

    /// What a query sent at `asked` found.
    fn found(&self, pk: String, empty: bool, asked: Instant) {
        self.lock().entry(pk).or_default().empty_when_asked = empty.then_some(asked);
    }

    /// A message was queued (or requeued) into this partition.
    fn stir(&self, pk: &str) {
        self.lock().entry(pk.to_owned()).or_default().stirred = Some(Instant::now());
    }
}

impl DynamoStore {
    /// The partition a message waits in, marked as worth reading at the next sweep.
    pub(super) fn stirred(&self, id: &str) -> String {
        let pk = pending_pk(Shard::of_id(id));
        self.quiet.stir(&pk);
        pk
    }

    /// An update of one outbox message (the caller adds its expression and condition).
    fn message_update(&self, id: &str) -> aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder {
        self.client.update_item().table_name(&self.table).key("PK", s(format!("OUTBOX#{id}"))).key("SK", s("M"))
    }
}

#[async_trait::async_trait]
impl OutboxQueue for DynamoStore {
    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError> {
        self.get(format!("OUTBOX#{id}"), "M").await?.map(from_item).transpose()
    }

    async fn due_messages(&self, lane: Lane, now: DateTime<Utc>, per_shard: usize) -> Result<Vec<String>, StoreError> {
        // The first messages of each partition by due time, due or not: those due come
        // first, and an empty answer means an empty partition (`QuietShards`), whatever
        // the time.
        let limit = i32::try_from(per_shard).unwrap_or(i32::MAX);
        let first = |pk: String| self.index_query("GSI1PK = :pk", vec![(":pk", s(pk))]).limit(limit);
        // Every shard of the lane, and the partition of the old layout until it is empty.
        let mut partitions: Vec<String> = lane.all_shards().map(pending_pk).collect();
        partitions.push(LEGACY_PENDING.to_owned());
        partitions.retain(|pk| !self.quiet.is_quiet(pk));
        let asked = Instant::now();
        let answers = self.query_each(partitions.iter().map(|pk| first(pk.clone())).collect(), false).await?;
        for (pk, items) in partitions.into_iter().zip(&answers) {
            self.quiet.found(pk, items.is_empty(), asked);
        }
        let now = due_sort_key(now);
        let mut due: Vec<(String, String)> = answers
            .into_iter()
            .flatten()
            .filter_map(|mut i| match (i.remove("id"), i.remove("GSI1SK")) {
                (Some(AttributeValue::S(id)), Some(AttributeValue::S(at))) => Some((at, id)),
                _ => None,
            })
            .filter(|(at, id)| *at <= now && Lane::of_id(id) == lane)
            .collect();
        due.sort();
        Ok(due.into_iter().map(|(_, id)| id).collect())
    }

    async fn claim_message(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>, StoreError> {
        let r = self
            .message_update(id)
            .update_expression("SET lease_until = :lease, attempts = attempts + :one")
            .condition_expression(
                "#st = :pending AND next_attempt_at <= :now AND (attribute_not_exists(lease_until) OR attribute_type(lease_until, :null) OR lease_until < :now)",
            )
            .expression_attribute_names("#st", "status")
            .expression_attribute_values(":lease", n((now + LEASE).timestamp_millis()))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":pending", s("pending"))
            .expression_attribute_values(":now", n(now.timestamp_millis()))
            .expression_attribute_values(":null", s("NULL"))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match conditional(r)? {
            Some(out) => out.attributes.map(from_item).transpose(),
            None => Ok(None),
        }
    }

    async fn finish_message(&self, id: &str, outcome: DeliveryOutcome) -> Result<(), StoreError> {
        let req = self
            .message_update(id)
            .condition_expression("attribute_exists(lease_until) AND NOT attribute_type(lease_until, :null)")
            .expression_attribute_values(":null", s("NULL"));
        let req = match outcome {
            DeliveryOutcome::Sent { at } => req
                .update_expression(
                    "SET #st = :sent, sent_at = :at REMOVE lease_until, body, last_error, GSI1PK, GSI1SK",
                )
                .expression_attribute_names("#st", "status")
                .expression_attribute_values(":sent", s("sent"))
                .expression_attribute_values(":at", s(at.to_rfc3339())),
            DeliveryOutcome::Retry { next_attempt_at, error } => req
                // Also its shard: a message of the old layout moves there at its first retry.
                .update_expression(
                    "SET next_attempt_at = :next, last_error = :err, GSI1PK = :pk, GSI1SK = :due REMOVE lease_until",
                )
                .expression_attribute_values(":pk", s(self.stirred(id)))
                .expression_attribute_values(":next", n(next_attempt_at.timestamp_millis()))
                .expression_attribute_values(":err", s(error))
                .expression_attribute_values(":due", s(due_sort_key(next_attempt_at))),
            DeliveryOutcome::Dead { error } => req
                .update_expression("SET #st = :dead, last_error = :err, GSI1PK = :deadpk REMOVE lease_until")
                .expression_attribute_names("#st", "status")
                .expression_attribute_values(":dead", s("dead"))
                .expression_attribute_values(":err", s(error))
                .expression_attribute_values(":deadpk", s(DEAD)),
        };
        match conditional(req.send().await)? {
            Some(_) => Ok(()),
            None => Err(StoreError::Conflict(Condition::NotLeased)),
        }
    }

    async fn dead_messages(&self, limit: usize) -> Result<Vec<OutboxMessage>, StoreError> {
        let items = self.first_page("GSI1PK = :pk", vec![(":pk", s(DEAD))], limit).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn requeue_message(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let r = self
            .message_update(id)
            .update_expression(
                "SET #st = :pending, attempts = :zero, next_attempt_at = :now, GSI1PK = :pk, GSI1SK = :due",
            )
            .condition_expression("#st = :dead")
            .expression_attribute_names("#st", "status")
            .expression_attribute_values(":pending", s("pending"))
            .expression_attribute_values(":dead", s("dead"))
            .expression_attribute_values(":zero", n(0))
            .expression_attribute_values(":now", n(now.timestamp_millis()))
            .expression_attribute_values(":pk", s(self.stirred(id)))
            .expression_attribute_values(":due", s(due_sort_key(now)))
            .send()
            .await;
        match conditional(r)? {
            Some(_) => Ok(true),
            None => Ok(false),
        }
    }
}
