//! The providers messages go out through (SES, SNS, or the local outbox page).

use crate::domain::{PhoneNumber, Platform};

use super::BoxError;

#[derive(Debug, thiserror::Error)]
#[error("message not accepted by the provider")]
pub struct SendError(#[source] pub BoxError);

#[async_trait::async_trait]
pub trait SmsSender: Send + Sync {
    async fn send_sms(&self, to: &PhoneNumber, text: &str) -> Result<(), SendError>;
}

#[async_trait::async_trait]
pub trait EmailSender: Send + Sync {
    async fn send_email(&self, to: &str, subject: &str, body: &str) -> Result<(), SendError>;
}

#[async_trait::async_trait]
pub trait PushSender: Send + Sync {
    /// `endpoint` is the device's SNS platform endpoint ARN (or its local stand-in).
    async fn send_push(&self, endpoint: &str, title: &str, body: &str) -> Result<(), SendError>;
    /// Registers a device's push token (SNS `CreatePlatformEndpoint`); returns the endpoint.
    async fn register_device(&self, platform: Platform, push_token: &str) -> Result<String, SendError>;
}
