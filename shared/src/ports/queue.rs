//! The outbox, seen from the senders: messages are enqueued by `Write::Enqueue` in the
//! transaction of the change they announce, and delivered from here.

use chrono::{DateTime, Utc};

use crate::domain::outbox::Lane;
use crate::domain::OutboxMessage;

use super::StoreError;

/// How one delivery attempt ended.
#[derive(Debug, Clone)]
pub enum DeliveryOutcome {
    Sent { at: DateTime<Utc> },
    Retry { next_attempt_at: DateTime<Utc>, error: String },
    Dead { error: String },
}

#[async_trait::async_trait]
pub trait OutboxQueue: Send + Sync {
    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError>;
    /// Ids of the lane's pending messages due at `now`: at most `per_shard` from each of
    /// its shards (`Lane::all_shards`), the oldest of each, all of them oldest first. Other
    /// lanes' messages never take a place here, however many are due.
    async fn due_messages(&self, lane: Lane, now: DateTime<Utc>, per_shard: usize) -> Result<Vec<String>, StoreError>;
    /// Takes a lease on a due, pending, unleased message and counts the attempt;
    /// `None` if it is sent, dead, not due or leased by another sender.
    async fn claim_message(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>, StoreError>;
    /// Ends a claimed attempt (`Conflict(Condition::NotLeased)` if the lease is gone).
    async fn finish_message(&self, id: &str, outcome: DeliveryOutcome) -> Result<(), StoreError>;
    /// Dead letters (messages given up after `MAX_ATTEMPTS`), for operators.
    async fn dead_messages(&self, limit: usize) -> Result<Vec<OutboxMessage>, StoreError>;
    /// Puts a dead letter back in the queue with its attempts reset, due at `now`;
    /// `false` if it is not dead (unknown, pending or sent).
    async fn requeue_message(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError>;
}
