//! What the domain needs from the world. Adapters implement these; handlers get them
//! through `Deps`; domain functions ask for the narrowest one they use.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::attempts::{Admission, AttemptLimit};
use crate::domain::oidc::{AccessToken, AuthCode};
use crate::domain::IdleSession;
use crate::domain::{
    Account, Application, ApplicationId, AuditEntry, Challenge, CitizenSession, Clerk, ClerkSession, Device, DeviceId,
    OutboxMessage, PhoneNumber, Platform, RateWindow, Slot, SlotId, Username,
};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

// ---------- time and randomness ----------

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub trait Random: Send + Sync {
    fn fill(&self, buf: &mut [u8]);
}

// ---------- storage ----------

/// Values that exist at most once among open applications and profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UniqueKind {
    Pesel,
    Username,
    Email,
    /// A submission's `Idempotency-Key` (owned by the application it created).
    Idempotency,
    /// The phone number of an open application (docs/rules.md §8.4: one per number), until its
    /// decision or expiry; profiles do not hold it.
    Phone,
}

impl UniqueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pesel => "pesel",
            Self::Username => "username",
            Self::Email => "email",
            Self::Idempotency => "idempotency",
            Self::Phone => "phone",
        }
    }
}

/// A uniqueness claim, keyed by a keyed hash of the value (no PESEL in any key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UniqueKey {
    pub kind: UniqueKind,
    pub hash: String,
}

/// The short-lived things of signing in, stored by kind and id, each with its own version.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Challenge(Challenge),
    Device(Device),
    Session(CitizenSession),
    AuthCode(AuthCode),
    AccessToken(AccessToken),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Challenge,
    Device,
    Session,
    AuthCode,
    AccessToken,
}

impl RecordKind {
    pub const ALL: [RecordKind; 5] = [Self::Challenge, Self::Device, Self::Session, Self::AuthCode, Self::AccessToken];

    /// The key prefix in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Challenge => "CHALLENGE",
            Self::Device => "DEVICE",
            Self::Session => "SESSION",
            Self::AuthCode => "AUTHCODE",
            Self::AccessToken => "ACCESSTOKEN",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordKey {
    pub kind: RecordKind,
    /// The id, or the keyed hash of the secret (sessions, codes, tokens).
    pub id: String,
}

impl Record {
    pub fn key(&self) -> RecordKey {
        let (kind, id) = match self {
            Self::Challenge(c) => (RecordKind::Challenge, c.id.as_str()),
            Self::Device(d) => (RecordKind::Device, d.id.as_str()),
            Self::Session(s) => (RecordKind::Session, s.token_hash.as_str()),
            Self::AuthCode(c) => (RecordKind::AuthCode, c.code_hash.as_str()),
            Self::AccessToken(t) => (RecordKind::AccessToken, t.token_hash.as_str()),
        };
        RecordKey { kind, id: id.to_owned() }
    }

    pub fn version(&self) -> u64 {
        match self {
            Self::Challenge(c) => c.version,
            Self::Device(d) => d.version,
            Self::Session(s) => s.version,
            Self::AuthCode(c) => c.version,
            Self::AccessToken(t) => t.version,
        }
    }

    pub fn bump_version(&mut self) {
        match self {
            Self::Challenge(c) => c.version += 1,
            Self::Device(d) => d.version += 1,
            Self::Session(s) => s.version += 1,
            Self::AuthCode(c) => c.version += 1,
            Self::AccessToken(t) => t.version += 1,
        }
    }

    /// When it can no longer be used (storage may delete it some time after).
    pub fn useless_after(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::Challenge(c) => Some(c.expires_at),
            Self::Device(_) => None,
            Self::Session(s) => Some(s.idle_until()),
            Self::AuthCode(c) => Some(c.expires_at),
            Self::AccessToken(t) => Some(t.expires_at),
        }
    }

    /// The device whose pending pushes this is one of.
    pub fn pending_push_of(&self, now: DateTime<Utc>) -> Option<&DeviceId> {
        match self {
            Self::Challenge(c) if c.awaits_app(now) => c.push.as_ref().map(|p| &p.device_id),
            _ => None,
        }
    }
}

/// A typed view of one kind of record.
pub trait RecordType: Sized {
    const KIND: RecordKind;
    fn from_record(r: Record) -> Option<Self>;
    fn into_record(self) -> Record;
}

macro_rules! record_type {
    ($t:ty, $variant:ident) => {
        impl RecordType for $t {
            const KIND: RecordKind = RecordKind::$variant;
            fn from_record(r: Record) -> Option<Self> {
                match r {
                    Record::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn into_record(self) -> Record {
                Record::$variant(self)
            }
        }
    };
}

record_type!(Challenge, Challenge);
record_type!(Device, Device);
record_type!(CitizenSession, Session);
record_type!(AuthCode, AuthCode);
record_type!(AccessToken, AccessToken);

/// One write of an atomic `Store::commit`. Each carries its own condition; if any
/// condition fails, nothing is written and `StoreError::Conflict` names the first one.
#[derive(Debug, Clone)]
pub enum Write {
    /// Condition: no application with this id.
    CreateApplication(Application),
    /// Condition: the stored version equals `app.version`; stored with version + 1.
    UpdateApplication(Application),
    /// Condition: unclaimed, or claimed by the same owner, or the claim expired before `now`.
    Reserve { key: UniqueKey, owner: ApplicationId, expires_at: Option<DateTime<Utc>>, now: DateTime<Utc> },
    /// Condition: the slot exists and `booked < capacity`; then `booked += 1`.
    BookSlot(SlotId),
    /// Condition: the stored version equals `version` (0: nothing stored yet).
    PutRate { key: String, window: RateWindow, version: u64 },
    /// Condition: no account with this id.
    CreateAccount(Account),
    /// Condition: no message with this id (one event, one message).
    Enqueue(OutboxMessage),
    /// Condition: the stored version equals `account.version`; stored with version + 1.
    UpdateAccount(Account),
    /// Frees a uniqueness claim held by `owner` (condition: no one else holds it).
    Release { key: UniqueKey, owner: ApplicationId },
    /// Condition: the slot exists and `booked > 0`; then `booked -= 1`.
    ReleaseSlot(SlotId),
    /// Condition: no slot with this id.
    CreateSlot(Slot),
    /// Condition: no slot holds this 5-minute block of the schedule yet (`TimeBlock::key`).
    ClaimTime(String),
    /// Condition: no clerk with this username.
    CreateClerk(Clerk),
    /// Condition: the stored version equals `clerk.version`; stored with version + 1.
    UpdateClerk(Clerk),
    /// Unconditional: creates or refreshes a clerk session.
    PutClerkSession(ClerkSession),
    /// Condition: the session still exists (a reset or disable may have ended it since
    /// it was read); moves its idle deadline.
    TouchClerkSession(ClerkSession),
    /// Unconditional: ends a clerk session (by its token hash).
    DeleteClerkSession(String),
    /// Condition: no entry with this id (the trail is append-only).
    Audit(AuditEntry),
    /// Condition: no entry with this id; appended to the citizen's own history
    /// (`application_id` is the account).
    History(AuditEntry),
    /// Condition: no record with this key.
    CreateRecord(Record),
    /// Condition: the stored version equals the record's; stored with version + 1.
    UpdateRecord(Record),
    /// Unconditional: ends a record (a session at sign-out).
    DeleteRecord(RecordKey),
    /// Unconditional: forgets the attempts counted under this key (after a success).
    ClearAttempts(String),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("condition of write #{index} failed")]
    Conflict { index: usize },
    #[error("store unavailable")]
    Unavailable(#[source] BoxError),
    #[error("stored data unreadable")]
    Corrupt(#[source] BoxError),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Versioned<T> {
    pub value: T,
    pub version: u64,
}

/// How one delivery attempt ended.
#[derive(Debug, Clone)]
pub enum DeliveryOutcome {
    Sent { at: DateTime<Utc> },
    Retry { next_attempt_at: DateTime<Utc>, error: String },
    Dead { error: String },
}

#[async_trait::async_trait]
pub trait Store: Send + Sync {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError>;

    async fn get_application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError>;
    async fn get_account(&self, id: &ApplicationId) -> Result<Option<Account>, StoreError>;
    async fn get_rate(&self, key: &str) -> Result<Versioned<RateWindow>, StoreError>;

    /// Counts one attempt under `key` against `limit` (`AttemptWindow::admit`), atomically:
    /// with any number of callers at once, at most `limit.max` are admitted per window.
    async fn count_attempt(&self, key: &str, limit: AttemptLimit, now: DateTime<Utc>) -> Result<Admission, StoreError>;

    /// Fails with `Conflict { index: 0 }` if a slot with this id exists.
    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError>;
    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError>;
    /// Slots starting after `from`, earliest first.
    async fn list_slots(&self, from: DateTime<Utc>) -> Result<Vec<Slot>, StoreError>;

    async fn get_clerk(&self, username: &Username) -> Result<Option<Clerk>, StoreError>;
    async fn get_clerk_session(&self, token_hash: &str) -> Result<Option<ClerkSession>, StoreError>;

    /// Submitted (and decided) applications whose slot starts on this Polish day, by start.
    async fn calls_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError>;
    /// Active profiles whose validity ended at or before `now` (still to be closed).
    async fn profiles_ended_before(&self, now: DateTime<Utc>) -> Result<Vec<Account>, StoreError>;
    /// Applications still waiting for their SMS code whose deadline is before `now`.
    async fn unverified_before(&self, now: DateTime<Utc>) -> Result<Vec<Application>, StoreError>;
    /// The audit trail of one Polish day, oldest first.
    async fn audit_on(&self, day: NaiveDate) -> Result<Vec<AuditEntry>, StoreError>;
    /// The audit trail of one application, oldest first.
    async fn audit_of(&self, application: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError>;

    /// The owner of a uniqueness claim (for a username or email: the account's id).
    async fn claim_owner(&self, key: &UniqueKey) -> Result<Option<ApplicationId>, StoreError>;
    async fn get_record(&self, key: &RecordKey) -> Result<Option<Record>, StoreError>;
    /// Push challenges still waiting for this device's answer, oldest first.
    async fn pending_pushes(&self, device: &DeviceId, now: DateTime<Utc>) -> Result<Vec<Challenge>, StoreError>;
    /// A citizen's own history (sign-ins, method changes, extensions), oldest first.
    async fn history_of(&self, account: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError>;

    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError>;
    /// Ids of pending messages due at `now`, oldest first.
    async fn due_messages(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<String>, StoreError>;
    /// Takes a lease on a due, pending, unleased message and counts the attempt;
    /// `None` if it is sent, dead, not due or leased by another sender.
    async fn claim_message(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>, StoreError>;
    /// Ends a claimed attempt.
    async fn finish_message(&self, id: &str, outcome: DeliveryOutcome) -> Result<(), StoreError>;
    /// Dead letters (messages given up after `MAX_ATTEMPTS`), for operators.
    async fn dead_messages(&self, limit: usize) -> Result<Vec<OutboxMessage>, StoreError>;
    /// Puts a dead letter back in the queue with its attempts reset, due at `now`;
    /// `false` if it is not dead (unknown, pending or sent).
    async fn requeue_message(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError>;
}

// ---------- messaging ----------

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

/// Reads one typed record.
pub async fn load<T: RecordType>(store: &dyn Store, id: &str) -> Result<Option<T>, StoreError> {
    let key = RecordKey { kind: T::KIND, id: id.to_owned() };
    Ok(store.get_record(&key).await?.and_then(T::from_record))
}
