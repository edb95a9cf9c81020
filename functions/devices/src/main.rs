//! Lambda: the mObywatel app — `POST /api/devices` (registers an SNS platform endpoint),
//! `GET /api/devices/{device_id}/requests`, `POST /api/push-requests/{request_id}/respond`.
//! Replacing a linked app is authorised by an SMS code, so the SNS client also sends SMS.

use std::sync::Arc;

use shared::adapters::sns::{PlatformApps, SnsSender};

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, sdk) = shared::lambda::cold_start().await?;
    let sns =
        Arc::new(SnsSender::new(&sdk, deps.config.sms_sender_id.clone()).with_platform_apps(PlatformApps::from_env()));
    shared::lambda::serve_http(deps.with_push(sns.clone()).with_sms(sns), shared::handlers::boxed::devices).await
}
