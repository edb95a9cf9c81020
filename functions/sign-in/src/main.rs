//! Lambda: `POST /api/login`, `GET /api/login/{challenge_id}`, `POST /api/login/{challenge_id}/confirm`,
//! `POST /api/logout`. Links the SNS client for sign-in codes.

use std::sync::Arc;

use shared::adapters::sns::SnsSender;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, sdk) = shared::lambda::cold_start().await?;
    let sms = Arc::new(SnsSender::new(&sdk, deps.config.sms_sender_id.clone()));
    shared::lambda::serve_http(deps.with_sms(sms), shared::handlers::boxed::sign_in).await
}
