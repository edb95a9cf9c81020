//! Messages waiting to be delivered. Written in the same transaction as the state change
//! that causes them, then delivered (and retried) by the send-emails function.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Push,
    /// A back-channel logout to a relying service (Back-Channel Logout 1.0): `to` is its
    /// client id, `body` the JSON of `LogoutNotice`; the token is signed when it is sent.
    Logout,
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
/// The id prefix of SMS notifications (their own lane: an SMS quota does not hold up email).
pub const SMS_PREFIX: &str = "sms.";
/// The id prefix of back-channel logouts (the stream filter of send-logout).
pub const LOGOUT_PREFIX: &str = "logout.";
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

    /// An SMS (a notification; codes go out at once, not through the queue). Ids start
    /// with `sms.`.
    pub fn sms(id: String, to: &str, body: String, now: DateTime<Utc>) -> Self {
        let mut m = Self::email(format!("{SMS_PREFIX}{id}"), to, String::new(), body, now);
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

    /// A back-channel logout to the service `client_id`: the session `sid` (or, without
    /// one, every session of `sub`) ended. Ids start with `logout.`.
    pub fn logout(id: String, client_id: &str, notice: &LogoutNotice, now: DateTime<Utc>) -> Self {
        let body = serde_json::to_string(notice).unwrap_or_default();
        let mut m = Self::email(format!("{LOGOUT_PREFIX}{id}"), client_id, String::new(), body, now);
        m.channel = Channel::Logout;
        m.subject = None;
        m
    }

    /// The back-channel logouts of one event for several services, in one message that
    /// the send-logout function spreads into one per service (`to` is `*`).
    pub fn logout_fan_out(id: String, notices: &[ClientNotice], now: DateTime<Utc>) -> Self {
        let body = serde_json::to_string(&LogoutBody::FanOut { fan_out: notices.to_vec() }).unwrap_or_default();
        let mut m = Self::email(format!("{LOGOUT_PREFIX}{id}"), "*", String::new(), body, now);
        m.channel = Channel::Logout;
        m.subject = None;
        m
    }

    pub fn is_push_id(id: &str) -> bool {
        id.starts_with(PUSH_PREFIX)
    }

    /// The lane and shard of the queue this message waits in.
    pub fn shard(&self) -> Shard {
        Shard::of_id(&self.id)
    }

    /// Exponential backoff: 10 s, 20 s, 40 s … capped at 15 minutes.
    pub fn backoff(attempts: u32) -> Duration {
        let secs = 10i64.saturating_mul(1i64 << attempts.min(7));
        Duration::seconds(secs.min(900))
    }
}

/// What a back-channel logout says: whose session ended at the service (its pairwise
/// `sub`), and which (`sid`); no `sid`: all of theirs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogoutNotice {
    pub sub: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
}

/// One service's notice in a fan-out message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClientNotice {
    pub client_id: String,
    #[serde(flatten)]
    pub notice: LogoutNotice,
}

/// The body of a logout message: one service's notice, or an event's for several.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum LogoutBody {
    FanOut { fan_out: Vec<ClientNotice> },
    One(LogoutNotice),
}

/// A lane of the queue: the messages one provider delivers, waiting apart from the others
/// so that a backlog in one (pushes to a dead endpoint, an SMS quota reached) never holds
/// up another. The lane is read from the id (`push.`, `sms.`, anything else is email):
/// every write of a message knows its id, not always its channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    Email,
    Sms,
    Push,
    Logout,
}

impl Lane {
    pub const ALL: [Lane; 4] = [Self::Email, Self::Sms, Self::Push, Self::Logout];

    pub fn of_id(id: &str) -> Self {
        if id.starts_with(PUSH_PREFIX) {
            Self::Push
        } else if id.starts_with(SMS_PREFIX) {
            Self::Sms
        } else if id.starts_with(LOGOUT_PREFIX) {
            Self::Logout
        } else {
            Self::Email
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Push => "push",
            Self::Logout => "logout",
        }
    }

    /// How many partitions of the index the lane's waiting messages are spread over
    /// (SCALE.md: a push per push sign-in at 2,000 sign-ins per second is about 6,000
    /// index writes a second, under 400 per shard with 16; emails and SMS follow
    /// applications and device links, far fewer). Only ever raise these: a message keeps
    /// the shard it was queued in until its next attempt, and the sweep reads shards
    /// `0..shards()` only.
    pub fn shards(self) -> u16 {
        match self {
            Self::Push => 16,
            Self::Email => 8,
            Self::Sms => 4,
            // One per relying service a session used, at sign-out: about one per sign-out.
            Self::Logout => 4,
        }
    }

    /// Every shard of the lane.
    pub fn all_shards(self) -> impl Iterator<Item = Shard> {
        (0..self.shards()).map(move |n| Shard { lane: self, n })
    }
}

/// One partition of a lane: where a message waits while it is pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shard {
    pub lane: Lane,
    pub n: u16,
}

impl Shard {
    /// The shard of a message id: its lane, and a stable hash of the id (FNV-1a, the same
    /// in every process and release) modulo the lane's shard count.
    pub fn of_id(id: &str) -> Self {
        let lane = Lane::of_id(id);
        let n = u16::try_from(fnv1a(id) % u32::from(lane.shards())).unwrap_or_default();
        Self { lane, n }
    }
}

/// 32-bit FNV-1a: short, stable and spreads ids evenly enough (tests/scale.rs measures it).
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_waits_in_its_own_lane_on_a_stable_shard() {
        let now = chrono::Utc::now();
        let push = OutboxMessage::push("c1".into(), "arn:x", "t", "b", now);
        let sms = OutboxMessage::sms("d1.device-linked.sms".into(), "+48500100200", "b".into(), now);
        let email = OutboxMessage::email("a1.application-sent".into(), "a@example.pl", "s".into(), "b".into(), now);
        assert_eq!((push.shard().lane, sms.shard().lane, email.shard().lane), (Lane::Push, Lane::Sms, Lane::Email));
        assert_eq!(sms.id, "sms.d1.device-linked.sms");
        assert_eq!(Shard::of_id("push.c1"), push.shard(), "from the id alone");
        // The hash is fixed (a release that changed it would strand queued messages):
        // the published FNV-1a test vectors.
        assert_eq!((fnv1a(""), fnv1a("a"), fnv1a("foobar")), (0x811c_9dc5, 0xe40c_292c, 0xbf9c_f968));
        assert!(Lane::ALL.iter().all(|l| l.all_shards().count() == usize::from(l.shards())));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(OutboxMessage::backoff(0), Duration::seconds(10));
        assert_eq!(OutboxMessage::backoff(3), Duration::seconds(80));
        assert_eq!(OutboxMessage::backoff(30), Duration::seconds(900));
    }
}
