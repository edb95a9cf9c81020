//! Delivering queued messages: at most one sender at a time per message (a lease), each
//! attempt recorded, retried with backoff, dead-lettered after `MAX_ATTEMPTS`.

use crate::domain::outbox::LogoutBody;
use crate::domain::outbox::{self, MAX_ATTEMPTS};
use crate::domain::{Channel, OutboxMessage, PhoneNumber};
use crate::ports::{
    Clock, DeliveryOutcome, EmailSender, LogoutSender, OutboxQueue, PushSender, SendError, SmsSender, StoreError,
};

/// How long one provider call may take before the attempt counts as failed (and is
/// retried later). The SDK clients have their own timeouts too; this one also covers a
/// provider that accepts the connection and then never answers.
pub const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The senders of one deliverer, which decide the messages it takes (its `Lane`).
#[derive(Clone, Copy)]
pub enum Channels<'a> {
    /// send-emails: every message but pushes.
    NotPush { email: &'a dyn EmailSender, sms: &'a dyn SmsSender },
    /// send-push: pushes only.
    Push { push: &'a dyn PushSender },
    /// send-logout: back-channel logouts only.
    Logout { logout: &'a dyn LogoutSender },
    /// Local mode: every message for a person (back-channel logouts have their own).
    All { email: &'a dyn EmailSender, sms: &'a dyn SmsSender, push: &'a dyn PushSender },
}

/// A deliverer: its channels and how long one provider call may take.
pub struct Senders<'a> {
    pub channels: Channels<'a>,
    pub timeout: std::time::Duration,
}

impl<'a> Senders<'a> {
    pub fn new(channels: Channels<'a>) -> Self {
        Self { channels, timeout: SEND_TIMEOUT }
    }

    /// The messages these senders deliver.
    pub fn lane(&self) -> Lane {
        match self.channels {
            Channels::NotPush { .. } => Lane::NotPush,
            Channels::Push { .. } => Lane::Push,
            Channels::All { .. } => Lane::All,
            Channels::Logout { .. } => Lane::Logout,
        }
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
    match (senders.channels, m.channel) {
        (Channels::NotPush { email, .. } | Channels::All { email, .. }, Channel::Email) => {
            email.send_email(&m.to, subject, body).await
        }
        (Channels::NotPush { sms, .. } | Channels::All { sms, .. }, Channel::Sms) => {
            let phone = PhoneNumber::from_e164(&m.to).map_err(|e| SendError(e.code.into()))?;
            sms.send_sms(&phone, body).await
        }
        (Channels::Push { push } | Channels::All { push, .. }, Channel::Push) => {
            push.send_push(&m.to, subject, body).await
        }
        (Channels::Logout { logout }, Channel::Logout) => {
            match serde_json::from_str::<LogoutBody>(body).map_err(|e| SendError(e.into()))? {
                LogoutBody::One(notice) => logout.send_logout(&m.to, &notice).await,
                LogoutBody::FanOut { fan_out } => logout.spread(&m.id, &fan_out).await,
            }
        }
        // `deliver` takes only its lane's messages: a push id whose message is not a push.
        (_, channel) => Err(SendError(format!("a {channel:?} message in the {:?} lane", senders.lane()).into())),
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
    queue: &(impl OutboxQueue + ?Sized),
    clock: &dyn Clock,
    senders: &Senders<'_>,
    id: &str,
) -> Result<Delivered, StoreError> {
    if !senders.lane().takes(id) {
        return Ok(Delivered::Skipped);
    }
    let Some(message) = queue.claim_message(id, clock.now()).await? else { return Ok(Delivered::Skipped) };
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
    queue.finish_message(id, outcome).await?;
    if result == Delivered::Sent {
        tracing::info!(outbox_id = %message.id, channel = ?message.channel, "delivered");
    }
    Ok(result)
}

/// Which queued messages a deliverer takes: send-emails the email and SMS lanes,
/// send-push the push lane, send-logout the logout lane; local mode all of a person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    All,
    Push,
    NotPush,
    Logout,
}

impl Lane {
    /// The lanes of the queue this deliverer sweeps.
    pub fn lanes(self) -> &'static [outbox::Lane] {
        match self {
            Self::All => &[outbox::Lane::Email, outbox::Lane::Sms, outbox::Lane::Push],
            Self::Push => &[outbox::Lane::Push],
            Self::Logout => &[outbox::Lane::Logout],
            Self::NotPush => &[outbox::Lane::Email, outbox::Lane::Sms],
        }
    }

    pub fn takes(self, id: &str) -> bool {
        self.lanes().contains(&outbox::Lane::of_id(id))
    }
}

/// How many due messages one sweep takes from each shard of a lane: 160 pushes, 80
/// emails and 40 SMS a minute at most (new messages go out from the stream at once; the
/// sweep retries, and a longer backlog drains over the following sweeps).
pub const SWEEP_PER_SHARD: usize = 10;

/// Delivers the due messages of the deliverer's lanes (the sweeper, and local mode's
/// stand-in for the stream): each lane read apart, bounded per shard, and the lanes taken
/// in turn, so neither a backlog nor a slow provider in one lane holds up another.
pub async fn deliver_due(
    queue: &(impl OutboxQueue + ?Sized),
    clock: &dyn Clock,
    senders: &Senders<'_>,
) -> Result<usize, StoreError> {
    let now = clock.now();
    let mut lanes = Vec::new();
    for lane in senders.lane().lanes() {
        lanes.push(queue.due_messages(*lane, now, SWEEP_PER_SHARD).await?.into_iter());
    }
    let mut sent = 0;
    loop {
        let round: Vec<String> = lanes.iter_mut().filter_map(Iterator::next).collect();
        if round.is_empty() {
            return Ok(sent);
        }
        for id in round {
            if deliver(queue, clock, senders, &id).await? == Delivered::Sent {
                sent += 1;
            }
        }
    }
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
