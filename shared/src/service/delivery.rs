//! Delivering queued messages: at most one sender at a time per message (a lease), each
//! attempt recorded, retried with backoff, dead-lettered after `MAX_ATTEMPTS`.

use crate::domain::outbox::MAX_ATTEMPTS;
use crate::domain::{Channel, OutboxMessage, PhoneNumber};
use crate::ports::{Clock, DeliveryOutcome, EmailSender, PushSender, SendError, SmsSender, Store, StoreError};

/// How long one provider call may take before the attempt counts as failed (and is
/// retried later). The SDK clients have their own timeouts too; this one also covers a
/// provider that accepts the connection and then never answers.
pub const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The senders a deliverer may need.
pub struct Senders<'a> {
    pub email: &'a dyn EmailSender,
    pub sms: &'a dyn SmsSender,
    pub push: &'a dyn PushSender,
    pub timeout: std::time::Duration,
}

impl<'a> Senders<'a> {
    pub fn new(email: &'a dyn EmailSender, sms: &'a dyn SmsSender, push: &'a dyn PushSender) -> Self {
        Self { email, sms, push, timeout: SEND_TIMEOUT }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    /// Sent now.
    Sent,
    /// Already sent, dead, not yet due, or another sender holds it: nothing to do here.
    Skipped,
    /// The provider refused; a retry is scheduled.
    Failed,
    /// Gave up for good (dead letter).
    Dead,
}

async fn send(senders: &Senders<'_>, m: &OutboxMessage) -> Result<(), SendError> {
    let body = m.body.as_deref().unwrap_or_default();
    let subject = m.subject.as_deref().unwrap_or_default();
    match m.channel {
        Channel::Email => senders.email.send_email(&m.to, subject, body).await,
        Channel::Sms => {
            let phone = PhoneNumber::parse(&m.to).map_err(|e| SendError(e.code.into()))?;
            senders.sms.send_sms(&phone, body).await
        }
        Channel::Push => senders.push.send_push(&m.to, subject, body).await,
    }
}

/// A provider's error text with anything that looks like a phone number (6 or more
/// digits in a row) or an email address cut out: it goes to the logs and the dead-letter
/// list, and providers like to quote the recipient.
pub(crate) fn redact(text: &str) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|w| {
            let digits = w.chars().filter(char::is_ascii_digit).count();
            if w.contains('@') {
                "[adres]".to_owned()
            } else if digits >= 6 && w.chars().all(|c| c.is_ascii_digit() || "+-().,:;".contains(c)) {
                "[numer]".to_owned()
            } else {
                w.to_owned()
            }
        })
        .collect();
    words.join(" ")
}

/// The cause of a provider's refusal, redacted, for logs and the dead-letter list.
pub(crate) fn provider_error(e: &SendError) -> String {
    redact(&std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default())
}

/// One delivery attempt of one message.
pub async fn deliver(
    store: &dyn Store,
    clock: &dyn Clock,
    senders: &Senders<'_>,
    id: &str,
) -> Result<Delivered, StoreError> {
    let Some(message) = store.claim_message(id, clock.now()).await? else { return Ok(Delivered::Skipped) };
    let sent = match tokio::time::timeout(senders.timeout, send(senders, &message)).await {
        Ok(result) => result.map_err(|e| format!("{e}: {}", provider_error(&e))),
        Err(_) => Err(format!("no answer from the provider within {} s", senders.timeout.as_secs_f32())),
    };
    let outcome = match sent {
        Ok(()) => DeliveryOutcome::Sent { at: clock.now() },
        Err(error) => {
            tracing::warn!(outbox_id = %message.id, attempt = message.attempts, %error, "delivery failed");
            if message.attempts >= MAX_ATTEMPTS {
                // The metric filter of the template counts these lines: an alarm for operators.
                tracing::error!(outbox_id = %message.id, channel = ?message.channel, dead_letter = true, "delivery given up: dead letter");
                DeliveryOutcome::Dead { error }
            } else {
                DeliveryOutcome::Retry {
                    next_attempt_at: clock.now() + OutboxMessage::backoff(message.attempts),
                    error,
                }
            }
        }
    };
    let result = match &outcome {
        DeliveryOutcome::Sent { .. } => Delivered::Sent,
        DeliveryOutcome::Retry { .. } => Delivered::Failed,
        DeliveryOutcome::Dead { .. } => Delivered::Dead,
    };
    store.finish_message(id, outcome).await?;
    if result == Delivered::Sent {
        tracing::info!(outbox_id = %message.id, channel = ?message.channel, "delivered");
    }
    Ok(result)
}

/// Which queued messages a deliverer takes: send-emails everything but pushes, send-push
/// only pushes, local mode all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    All,
    Push,
    NotPush,
}

impl Lane {
    pub fn takes(self, id: &str) -> bool {
        match self {
            Self::All => true,
            Self::Push => OutboxMessage::is_push_id(id),
            Self::NotPush => !OutboxMessage::is_push_id(id),
        }
    }
}

/// Delivers every message of the lane that is due (the sweeper, and local mode's
/// stand-in for the stream).
pub async fn deliver_due(
    store: &dyn Store,
    clock: &dyn Clock,
    senders: &Senders<'_>,
    lane: Lane,
) -> Result<usize, StoreError> {
    let mut sent = 0;
    for id in store.due_messages(clock.now(), 100).await?.into_iter().filter(|id| lane.takes(id)) {
        if deliver(store, clock, senders, &id).await? == Delivered::Sent {
            sent += 1;
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn provider_errors_lose_phone_numbers_and_addresses() {
        assert_eq!(
            redact("Invalid parameter: PhoneNumber Reason: +48500100200 is not valid"),
            "Invalid parameter: PhoneNumber Reason: [numer] is not valid"
        );
        assert_eq!(redact("Email address is not verified: jan@example.pl."), "Email address is not verified: [adres]");
        assert_eq!(redact("Throttling: rate exceeded after 3 attempts"), "Throttling: rate exceeded after 3 attempts");
    }
}
