//! The send-push function: delivers queued pushes to the mObywatel app through SNS
//! mobile push (the device's platform endpoint). Triggered like send-emails, by the
//! table's stream (filtered to `OUTBOX#push.` keys) and by a retry sweep.

use crate::deps::Deps;
use crate::ports::StoreError;
use crate::service::delivery::Lane;

pub use super::send_emails::BatchResponse;

pub async fn handle(deps: &Deps, event: serde_json::Value) -> Result<BatchResponse, StoreError> {
    super::send_emails::handle_lane(deps, event, Lane::Push).await
}
