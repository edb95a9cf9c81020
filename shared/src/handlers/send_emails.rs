//! The send-emails function: triggered by the table's stream (new outbox messages) and
//! by a schedule (the sweeper that retries what failed), delivers queued messages —
//! every one but pushes, which the send-push function delivers the same way.

use aws_lambda_events::event::dynamodb::Event as StreamEvent;
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use serde_dynamo::AttributeValue;

use crate::deps::{HasEmail, HasPush, HasSms, Wired};
use crate::ports::StoreError;
use crate::service::delivery::{deliver, deliver_due, Channels, Senders};

/// Why an invocation failed as a whole (Lambda retries it).
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// Neither a stream batch nor a scheduled event.
    #[error("not a stream batch or a schedule: {0}")]
    NotAnEvent(#[from] serde_json::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Handles either trigger: a stream batch (has `Records`) or a scheduled sweep. Delivers
/// every message but pushes (emails through SES, SMS notifications through SNS).
pub async fn handle(
    deps: &(impl HasEmail + HasSms),
    event: serde_json::Value,
) -> Result<DynamoDbEventResponse, EventError> {
    let senders = Senders::new(Channels::NotPush { email: deps.email(), sms: deps.sms() });
    handle_with(deps, &senders, event).await
}

/// The same for the pushes (the send-push function).
pub async fn handle_push(deps: &impl HasPush, event: serde_json::Value) -> Result<DynamoDbEventResponse, EventError> {
    let senders = Senders::new(Channels::Push { push: deps.push() });
    handle_with(deps, &senders, event).await
}

/// The same for back-channel logouts (the send-logout function), signed by `provider`.
pub async fn handle_logout(
    deps: &impl Wired,
    provider: &crate::service::oidc::Provider,
    event: serde_json::Value,
) -> Result<DynamoDbEventResponse, EventError> {
    let back_channel = crate::service::oidc::BackChannel::new(provider, deps.store());
    let senders = Senders::new(Channels::Logout { logout: &back_channel });
    handle_with(deps, &senders, event).await
}

async fn handle_with(
    deps: &impl Wired,
    senders: &Senders<'_>,
    event: serde_json::Value,
) -> Result<DynamoDbEventResponse, EventError> {
    if event.get("Records").is_none() {
        let sent = deliver_due(deps.store(), &*deps.clock, senders).await?;
        tracing::info!(sent, lane = ?senders.lane(), "sweep done");
        return Ok(DynamoDbEventResponse { batch_item_failures: Vec::new() });
    }
    let stream: StreamEvent = serde_json::from_value(event)?;
    Ok(handle_stream(deps, senders, stream).await)
}

/// A `KEYS_ONLY` stream batch: each new outbox message is re-read with a consistent
/// read, so a redelivered record is harmless. Records Lambda must hand us again (their
/// store writes failed) are reported back.
pub async fn handle_stream(deps: &impl Wired, senders: &Senders<'_>, event: StreamEvent) -> DynamoDbEventResponse {
    let mut response = DynamoDbEventResponse { batch_item_failures: Vec::new() };
    for record in event.records {
        let Some(AttributeValue::S(pk)) = record.change.keys.get("PK") else { continue };
        let Some(id) = pk.strip_prefix("OUTBOX#") else { continue };
        if record.event_name != "INSERT" || !senders.lane().takes(id) {
            continue;
        }
        // A provider failure is rescheduled in the store (the sweeper retries it); only a
        // failure to record the attempt makes Lambda redeliver the record.
        if let Err(e) = deliver(deps.store(), &*deps.clock, senders, id).await {
            tracing::error!(outbox_id = %id, error = %e, "could not record a delivery attempt");
            let failure = DynamoDbBatchItemFailure { item_identifier: record.change.sequence_number.clone() };
            response.batch_item_failures.push(failure);
        }
    }
    response
}
