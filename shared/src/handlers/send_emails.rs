//! The send-emails function: triggered by the table's stream (new outbox messages) and
//! by a schedule (the sweeper that retries what failed), delivers queued messages —
//! every one but pushes, which the send-push function delivers the same way.

use serde::{Deserialize, Serialize};

use crate::deps::Deps;
use crate::ports::StoreError;
use crate::service::delivery::{deliver, deliver_due, Lane, Senders};

/// The parts of a DynamoDB stream event we read (a `KEYS_ONLY` stream: the message
/// itself is re-read with a consistent read, so a redelivered record is harmless).
#[derive(Debug, Deserialize)]
pub struct StreamEvent {
    #[serde(rename = "Records")]
    pub records: Vec<StreamRecord>,
}

#[derive(Debug, Deserialize)]
pub struct StreamRecord {
    #[serde(rename = "eventName", default)]
    pub event_name: String,
    pub dynamodb: StreamChange,
}

#[derive(Debug, Deserialize)]
pub struct StreamChange {
    #[serde(rename = "Keys", default)]
    pub keys: Keys,
    #[serde(rename = "SequenceNumber", default)]
    pub sequence_number: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Keys {
    #[serde(rename = "PK")]
    pub pk: Option<StringValue>,
}

#[derive(Debug, Deserialize)]
pub struct StringValue {
    #[serde(rename = "S")]
    pub s: String,
}

/// Records Lambda must hand us again (their store writes failed).
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct BatchResponse {
    #[serde(rename = "batchItemFailures")]
    pub batch_item_failures: Vec<ItemFailure>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ItemFailure {
    #[serde(rename = "itemIdentifier")]
    pub item_identifier: String,
}

fn senders(deps: &Deps) -> Senders<'_> {
    Senders::new(&*deps.email, &*deps.sms, &*deps.push)
}

/// Handles either trigger: a stream batch (has `Records`) or a scheduled sweep.
pub async fn handle(deps: &Deps, event: serde_json::Value) -> Result<BatchResponse, StoreError> {
    handle_lane(deps, event, Lane::NotPush).await
}

/// The same for one lane of the outbox (send-push uses `Lane::Push`).
pub async fn handle_lane(deps: &Deps, event: serde_json::Value, lane: Lane) -> Result<BatchResponse, StoreError> {
    if event.get("Records").is_none() {
        let sent = deliver_due(&*deps.store, &*deps.clock, &senders(deps), lane).await?;
        tracing::info!(sent, ?lane, "sweep done");
        return Ok(BatchResponse::default());
    }
    let stream: StreamEvent = serde_json::from_value(event).map_err(|e| StoreError::Corrupt(Box::new(e)))?;
    handle_stream(deps, stream, lane).await
}

pub async fn handle_stream(deps: &Deps, event: StreamEvent, lane: Lane) -> Result<BatchResponse, StoreError> {
    let mut failures = Vec::new();
    for record in event.records {
        let Some(id) = record.dynamodb.keys.pk.as_ref().and_then(|pk| pk.s.strip_prefix("OUTBOX#")) else {
            continue;
        };
        if record.event_name != "INSERT" || !lane.takes(id) {
            continue;
        }
        // A provider failure is rescheduled in the store (the sweeper retries it); only a
        // failure to record the attempt makes Lambda redeliver the record.
        if let Err(e) = deliver(&*deps.store, &*deps.clock, &senders(deps), id).await {
            tracing::error!(outbox_id = %id, error = %e, "could not record a delivery attempt");
            failures.push(ItemFailure { item_identifier: record.dynamodb.sequence_number });
        }
    }
    Ok(BatchResponse { batch_item_failures: failures })
}
