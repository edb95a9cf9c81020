//! The providers messages go out through (SES, SNS, or the local outbox page).

use crate::domain::outbox::{ClientNotice, LogoutNotice};
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

/// Tells a relying service that a citizen's session at us ended (Back-Channel Logout 1.0).
#[async_trait::async_trait]
pub trait LogoutSender: Send + Sync {
    /// Posts a signed logout token to the service's registered back-channel URI; a
    /// service with none (or no longer registered) has nothing to hear: `Ok`.
    async fn send_logout(&self, client_id: &str, notice: &LogoutNotice) -> Result<(), SendError>;
    /// Queues one message per service for an event's fan-out message `id` (each once, so a
    /// retried spread queues nothing twice).
    async fn spread(&self, id: &str, notices: &[ClientNotice]) -> Result<(), SendError>;
}
