//! What the domain needs from the world. Adapters implement these; handlers get them
//! through `Deps`; domain functions ask for the narrowest one they use.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    Account, Application, ApplicationId, AuditEntry, Clerk, ClerkSession, OutboxMessage, PhoneNumber, RateWindow,
    Slot, SlotId, Username,
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
}

impl UniqueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pesel => "pesel",
            Self::Username => "username",
            Self::Email => "email",
        }
    }
}

/// A uniqueness claim, keyed by a keyed hash of the value (no PESEL in any key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UniqueKey {
    pub kind: UniqueKind,
    pub hash: String,
}

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
    /// Unconditional: ends a clerk session (by its token hash).
    DeleteClerkSession(String),
    /// Condition: no entry with this id (the trail is append-only).
    Audit(AuditEntry),
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

    /// Fails with `Conflict { index: 0 }` if a slot with this id exists.
    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError>;
    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError>;
    /// Slots starting after `from`, earliest first.
    async fn list_slots(&self, from: DateTime<Utc>) -> Result<Vec<Slot>, StoreError>;

    async fn get_clerk(&self, username: &Username) -> Result<Option<Clerk>, StoreError>;
    async fn get_clerk_session(&self, token_hash: &str) -> Result<Option<ClerkSession>, StoreError>;

    /// Submitted (and decided) applications whose slot starts on this Polish day, by start.
    async fn calls_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError>;
    /// Applications still waiting for their SMS code whose deadline is before `now`.
    async fn unverified_before(&self, now: DateTime<Utc>) -> Result<Vec<Application>, StoreError>;
    /// The audit trail of one Polish day, oldest first.
    async fn audit_on(&self, day: NaiveDate) -> Result<Vec<AuditEntry>, StoreError>;
    /// The audit trail of one application, oldest first.
    async fn audit_of(&self, application: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError>;

    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError>;
    /// Ids of pending messages due at `now`, oldest first.
    async fn due_messages(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<String>, StoreError>;
    /// Takes a lease on a due, pending, unleased message and counts the attempt;
    /// `None` if it is sent, dead, not due or leased by another sender.
    async fn claim_message(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>, StoreError>;
    /// Ends a claimed attempt.
    async fn finish_message(&self, id: &str, outcome: DeliveryOutcome) -> Result<(), StoreError>;
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
}
