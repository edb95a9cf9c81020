//! Lambda: `POST /api/applications/{id}/sms-code`; the only one that links the SNS client.

use std::sync::Arc;

use shared::adapters::sns::SnsSender;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, sdk) = shared::lambda::cold_start().await?;
    let sms = Arc::new(SnsSender::new(&sdk, deps.config.sms_sender_id.clone()));
    shared::lambda::serve_http(deps.with_sms(sms), shared::handlers::boxed::send_sms_code).await
}
