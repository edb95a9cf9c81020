//! Lambda: delivers queued pushes through SNS mobile push. Triggered by the table's stream
//! (only `OUTBOX#push.` keys) and by a schedule (retries).

use std::sync::Arc;

use lambda_http::lambda_runtime::{self, service_fn, LambdaEvent};
use shared::adapters::sns::SnsSender;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, sdk) = shared::lambda::cold_start().await?;
    let push = Arc::new(SnsSender::new(&sdk, None));
    let deps: &'static _ = Box::leak(Box::new(deps.with_push(push)));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| async move {
        shared::handlers::send_push::handle(deps, event.payload).await.map_err(shared::lambda::Error::from)
    }))
    .await
}
