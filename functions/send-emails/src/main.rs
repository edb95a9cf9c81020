//! Lambda: delivers queued outbox messages (emails through SES, SMS notifications through
//! SNS). Triggered by the table's stream (fast first attempt) and by a schedule (retries
//! with backoff until the provider accepts).

use std::sync::Arc;

use lambda_http::lambda_runtime::{self, service_fn, LambdaEvent};
use shared::adapters::ses::SesSender;
use shared::adapters::sns::SnsSender;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, sdk) = shared::lambda::cold_start().await?;
    let email = Arc::new(SesSender::new(&sdk, deps.config.email_from.clone()));
    let sms = Arc::new(SnsSender::new(&sdk, deps.config.sms_sender_id.clone()));
    let deps: &'static _ = Box::leak(Box::new(deps.with_email(email).with_sms(sms)));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| async move {
        shared::handlers::send_emails::handle(deps, event.payload).await.map_err(shared::lambda::Error::from)
    }))
    .await
}
