//! Messages waiting to be delivered. Written in the same transaction as the state change
//! that causes them, then delivered (and retried) by the send-emails function.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Push,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Sent,
    /// Gave up after `MAX_ATTEMPTS`: operators must look (dead letter).
    Dead,
}

pub const MAX_ATTEMPTS: u32 = 20;
/// The id prefix of push messages (the stream filter of send-push matches `OUTBOX#push.`).
pub const PUSH_PREFIX: &str = "push.";
/// How long a sender may hold a message before another may take it over.
pub const LEASE: Duration = Duration::seconds(60);

#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutboxMessage {
    /// Deterministic per event (`<application id>.application-sent`), so one event can
    /// never queue the same message twice.
    pub id: String,
    pub channel: Channel,
    pub to: String,
    pub subject: Option<String>,
    /// Removed once delivered: the application-sent email holds the secret number.
    pub body: Option<String>,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    /// Epoch milliseconds in storage: compared in DynamoDB conditions.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub next_attempt_at: DateTime<Utc>,
    #[serde(with = "chrono::serde::ts_milliseconds_option", default)]
    pub lease_until: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

impl std::fmt::Debug for OutboxMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMessage")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .field("status", &self.status)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl OutboxMessage {
    pub fn email(id: String, to: &str, subject: String, body: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            channel: Channel::Email,
            to: to.to_owned(),
            subject: Some(subject),
            body: Some(body),
            status: DeliveryStatus::Pending,
            attempts: 0,
            created_at: now,
            next_attempt_at: now,
            lease_until: None,
            sent_at: None,
            last_error: None,
        }
    }

    /// An SMS (a notification; codes go out at once, not through the queue).
    pub fn sms(id: String, to: &str, body: String, now: DateTime<Utc>) -> Self {
        let mut m = Self::email(id, to, String::new(), body, now);
        m.channel = Channel::Sms;
        m.subject = None;
        m
    }

    /// A push to a device's endpoint. Ids start with `push.`: the send-push function
    /// delivers those, send-emails the rest.
    pub fn push(id: String, endpoint: &str, title: &str, body: &str, now: DateTime<Utc>) -> Self {
        let mut m = Self::email(format!("{PUSH_PREFIX}{id}"), endpoint, title.to_owned(), body.to_owned(), now);
        m.channel = Channel::Push;
        m
    }

    pub fn is_push_id(id: &str) -> bool {
        id.starts_with(PUSH_PREFIX)
    }

    /// Exponential backoff: 10 s, 20 s, 40 s … capped at 15 minutes.
    pub fn backoff(attempts: u32) -> Duration {
        let secs = 10i64.saturating_mul(1i64 << attempts.min(7));
        Duration::seconds(secs.min(900))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(OutboxMessage::backoff(0), Duration::seconds(10));
        assert_eq!(OutboxMessage::backoff(3), Duration::seconds(80));
        assert_eq!(OutboxMessage::backoff(30), Duration::seconds(900));
    }
}
