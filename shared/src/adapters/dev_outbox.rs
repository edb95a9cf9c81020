//! Local mode's stand-in for SNS and SES: every SMS, push and email is kept in memory
//! and shown on `/dev/outbox`. Nothing leaves the machine.

use std::sync::Mutex;

use chrono::{DateTime, Utc};

use crate::domain::{PhoneNumber, Platform};
use crate::ports::{Clock, EmailSender, PushSender, SendError, SmsSender};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DevMessage {
    pub channel: &'static str,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub body: String,
    /// When it was sent (unknown for what an emulator reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
}

pub struct DevOutbox {
    clock: std::sync::Arc<dyn Clock>,
    messages: Mutex<Vec<DevMessage>>,
}

impl DevOutbox {
    pub fn new(clock: std::sync::Arc<dyn Clock>) -> Self {
        Self { clock, messages: Mutex::new(Vec::new()) }
    }

    /// Every message so far, oldest first.
    pub fn messages(&self) -> Vec<DevMessage> {
        self.messages.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn record(&self, channel: &'static str, to: &str, subject: Option<&str>, body: &str) {
        let m = DevMessage {
            channel,
            to: to.to_owned(),
            subject: subject.map(str::to_owned),
            body: body.to_owned(),
            sent_at: Some(self.clock.now()),
        };
        self.messages.lock().unwrap_or_else(|e| e.into_inner()).push(m);
    }
}

#[async_trait::async_trait]
impl SmsSender for DevOutbox {
    async fn send_sms(&self, to: &PhoneNumber, text: &str) -> Result<(), SendError> {
        self.record("sms", to.e164(), None, text);
        Ok(())
    }
}

#[async_trait::async_trait]
impl EmailSender for DevOutbox {
    async fn send_email(&self, to: &str, subject: &str, body: &str) -> Result<(), SendError> {
        self.record("email", to, Some(subject), body);
        Ok(())
    }
}

#[async_trait::async_trait]
impl PushSender for DevOutbox {
    async fn send_push(&self, endpoint: &str, title: &str, body: &str) -> Result<(), SendError> {
        self.record("push", endpoint, Some(title), body);
        Ok(())
    }

    /// A stand-in endpoint: pushes to it appear on the outbox page.
    async fn register_device(&self, platform: Platform, push_token: &str) -> Result<String, SendError> {
        let short: String = push_token.chars().filter(char::is_ascii_alphanumeric).take(12).collect();
        Ok(format!("local:endpoint/{}/{short}", platform.as_str()))
    }
}
