//! Lambda: "Szczegóły profilu" — `GET /api/profile`, `POST /api/profile/auth-method`,
//! `POST /api/profile/extend`, `GET /api/profile/history`. SNS for step-up codes.

use std::sync::Arc;

use shared::adapters::sns::SnsSender;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, sdk) = shared::lambda::cold_start().await?;
    let sms = Arc::new(SnsSender::new(&sdk, deps.config.sms_sender_id.clone()));
    shared::lambda::serve_http(deps.with_sms(sms), shared::handlers::boxed::profile).await
}
