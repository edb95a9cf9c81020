//! The state and its invariants: typed reads, and `commit`, which writes all or nothing,
//! each write under its own named condition. Beside it, the narrower stored ports.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::attempts::{Admission, AttemptLimit};
use crate::domain::disavow::Disavow;
use crate::domain::idp::{IdpState, Vouched};
use crate::domain::oidc::{AccessToken, AuthCode, UsedAssertion};
use crate::domain::recovery::Recovery;
use crate::domain::relying::Client;
use crate::domain::IdleSession;
use crate::domain::{
    Account, Application, ApplicationId, AuditEntry, Challenge, CitizenSession, Clerk, ClerkSession, ConfirmationPoint,
    Device, DeviceId, OutboxMessage, PointId, RateWindow, Slot, SlotId, Username,
};

use super::queue::OutboxQueue;
use super::BoxError;

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
    Recovery(Recovery),
    Disavow(Disavow),
    IdpState(IdpState),
    Vouched(Vouched),
    Assertion(UsedAssertion),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Challenge,
    Device,
    Session,
    AuthCode,
    AccessToken,
    Recovery,
    Disavow,
    IdpState,
    Vouched,
    Assertion,
}

impl RecordKind {
    pub const ALL: [RecordKind; 10] = [
        Self::Challenge,
        Self::Device,
        Self::Session,
        Self::AuthCode,
        Self::AccessToken,
        Self::Recovery,
        Self::Disavow,
        Self::IdpState,
        Self::Vouched,
        Self::Assertion,
    ];

    /// The key prefix in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Challenge => "CHALLENGE",
            Self::Device => "DEVICE",
            Self::Session => "SESSION",
            Self::AuthCode => "AUTHCODE",
            Self::AccessToken => "ACCESSTOKEN",
            Self::Recovery => "RECOVERY",
            Self::Disavow => "DISAVOW",
            Self::IdpState => "IDPSTATE",
            Self::Vouched => "VOUCHED",
            Self::Assertion => "ASSERTION",
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
            Self::Recovery(r) => (RecordKind::Recovery, r.token_hash.as_str()),
            Self::Disavow(d) => (RecordKind::Disavow, d.token_hash.as_str()),
            Self::IdpState(s) => (RecordKind::IdpState, s.state_hash.as_str()),
            Self::Vouched(v) => (RecordKind::Vouched, v.token_hash.as_str()),
            Self::Assertion(a) => (RecordKind::Assertion, a.id_hash.as_str()),
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
            Self::Recovery(r) => r.version,
            Self::Disavow(d) => d.version,
            Self::IdpState(s) => s.version,
            Self::Vouched(v) => v.version,
            Self::Assertion(a) => a.version,
        }
    }

    pub fn bump_version(&mut self) {
        match self {
            Self::Challenge(c) => c.version += 1,
            Self::Device(d) => d.version += 1,
            Self::Session(s) => s.version += 1,
            Self::AuthCode(c) => c.version += 1,
            Self::AccessToken(t) => t.version += 1,
            Self::Recovery(r) => r.version += 1,
            Self::Disavow(d) => d.version += 1,
            Self::IdpState(s) => s.version += 1,
            Self::Vouched(v) => v.version += 1,
            Self::Assertion(a) => a.version += 1,
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
            Self::Recovery(r) => Some(r.expires_at),
            Self::Disavow(d) => Some(d.expires_at),
            Self::IdpState(s) => Some(s.expires_at),
            Self::Vouched(v) => Some(v.expires_at),
            Self::Assertion(a) => Some(a.expires_at),
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
record_type!(Recovery, Recovery);
record_type!(Disavow, Disavow);
record_type!(IdpState, IdpState);
record_type!(Vouched, Vouched);
record_type!(UsedAssertion, Assertion);

/// One write of an atomic `Store::commit`. Each carries its own condition (`condition`);
/// if any fails, nothing is written and `StoreError::Conflict` names the first one.
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
    /// Counts one event in the rate window under `key`, on the condition that fewer than
    /// `limit` happened in the `period` before `now` (a sliding window, as
    /// `RateWindow::admit`): no read before it, so concurrent writers cannot overrun it.
    CountRate { key: String, limit: usize, period: chrono::Duration, now: DateTime<Utc> },
    /// Condition: no account with this id.
    CreateAccount(Account),
    /// Condition: no message with this id (one event, one message).
    Enqueue(OutboxMessage),
    /// Condition: the stored version equals `account.version`; stored with version + 1.
    UpdateAccount(Account),
    /// Deletes an account ("Usuń profil zaufany"). Condition: the stored version equals
    /// `version` (as for `UpdateAccount`: no change since it was read).
    ForgetAccount { id: ApplicationId, version: u64 },
    /// Unconditional: deletes the application an account was created from (its personal data).
    ForgetApplication(ApplicationId),
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
    /// Counts one attempt under `key` as `Attempts::count_attempt` does, within a commit:
    /// condition: after it, `spare` more would still be admitted in the window (0: this
    /// one is admitted). Several limits counted at once cost one request; a failed
    /// condition counts none of them (count them one by one to learn which and how long).
    CountAttempt { key: String, limit: AttemptLimit, now: DateTime<Utc>, spare: u32 },
}

/// What a write's condition guards: the name a service matches a failed commit on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// `CreateApplication`: an application with this id exists.
    ApplicationExists,
    /// `UpdateApplication`: the application changed since it was read.
    ApplicationChanged,
    /// `Reserve`: someone else holds the value.
    Taken(UniqueKind),
    /// `Release`: someone else holds the claim.
    HeldByAnother(UniqueKind),
    /// `BookSlot`: no free place (or no such slot).
    SlotFull,
    /// `ReleaseSlot`: nothing booked to give back.
    SlotEmpty,
    /// `CreateSlot`: a slot with this id exists.
    SlotExists,
    /// `ClaimTime`: another slot holds this block of the schedule.
    TimeTaken,
    /// `CountRate`: `limit` events already in the window.
    RateFull,
    /// `CreateAccount`: an account with this id exists.
    AccountExists,
    /// `UpdateAccount`: the account changed since it was read.
    AccountChanged,
    /// `Enqueue`: this event's message is already queued.
    MessageExists,
    /// `CreateClerk`: a clerk with this username exists.
    ClerkExists,
    /// `UpdateClerk`: the clerk changed since it was read.
    ClerkChanged,
    /// `TouchClerkSession`: the session ended since it was read.
    ClerkSessionEnded,
    /// `Audit`, `History`: an entry with this id exists.
    EntryExists,
    /// `CreateRecord`: a record with this key exists.
    RecordExists(RecordKind),
    /// `UpdateRecord`: the record changed (or ended) since it was read.
    RecordChanged(RecordKind),
    /// `CountAttempt`: the window has no room (or not the `spare` asked for).
    AttemptsSpent,
    /// `OutboxQueue::finish_message`: the sender's lease is gone.
    NotLeased,
}

impl Condition {
    /// A lost optimistic-lock race on an item read before the write (re-read and retry).
    pub fn is_stale_read(self) -> bool {
        matches!(self, Self::ApplicationChanged | Self::AccountChanged | Self::ClerkChanged | Self::RecordChanged(_))
    }
}

impl Write {
    /// The condition this write is made under; `None` for the unconditional ones.
    pub fn condition(&self) -> Option<Condition> {
        Some(match self {
            Self::CreateApplication(_) => Condition::ApplicationExists,
            Self::UpdateApplication(_) => Condition::ApplicationChanged,
            Self::Reserve { key, .. } => Condition::Taken(key.kind),
            Self::Release { key, .. } => Condition::HeldByAnother(key.kind),
            Self::BookSlot(_) => Condition::SlotFull,
            Self::ReleaseSlot(_) => Condition::SlotEmpty,
            Self::CreateSlot(_) => Condition::SlotExists,
            Self::ClaimTime(_) => Condition::TimeTaken,
            Self::CountRate { .. } => Condition::RateFull,
            Self::CountAttempt { .. } => Condition::AttemptsSpent,
            Self::CreateAccount(_) => Condition::AccountExists,
            Self::UpdateAccount(_) | Self::ForgetAccount { .. } => Condition::AccountChanged,
            Self::Enqueue(_) => Condition::MessageExists,
            Self::CreateClerk(_) => Condition::ClerkExists,
            Self::UpdateClerk(_) => Condition::ClerkChanged,
            Self::TouchClerkSession(_) => Condition::ClerkSessionEnded,
            Self::Audit(_) | Self::History(_) => Condition::EntryExists,
            Self::CreateRecord(r) => Condition::RecordExists(r.key().kind),
            Self::UpdateRecord(r) => Condition::RecordChanged(r.key().kind),
            Self::PutClerkSession(_)
            | Self::DeleteClerkSession(_)
            | Self::DeleteRecord(_)
            | Self::ClearAttempts(_)
            | Self::ForgetApplication(_) => {
                return None;
            }
        })
    }
}

/// Why a store call failed, by what the caller can do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A write's condition did not hold; nothing was written.
    #[error("condition failed: {0:?}")]
    Conflict(Condition),
    /// The store asked us to slow down (throttling, capacity, a concurrent transaction on
    /// the same item): nothing was written, the same request may succeed a moment later.
    #[error("store throttled")]
    Throttled(#[source] BoxError),
    /// The table or index does not exist: a deployment mistake, not a passing failure.
    #[error("table missing")]
    TableMissing(#[source] BoxError),
    /// The store could not be reached or failed (network, timeout, its own error).
    #[error("store unavailable")]
    Unavailable(#[source] BoxError),
    /// A stored item could not be read back as what it should be.
    #[error("stored data unreadable")]
    Corrupt(#[source] BoxError),
    /// A request this adapter built was malformed (a defect in the adapter).
    #[error("store request malformed")]
    Malformed(#[source] BoxError),
}

/// The state: applications, accounts, claims, slots, clerks, sign-in records; every
/// change through `commit`.
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// Writes all or nothing; `Conflict` names the condition of the first write that failed.
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError>;

    async fn get_application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError>;
    async fn get_account(&self, id: &ApplicationId) -> Result<Option<Account>, StoreError>;
    /// The events of a rate window (written by `Write::CountRate`), oldest first: at most
    /// its `limit` latest.
    async fn get_rate(&self, key: &str) -> Result<RateWindow, StoreError>;
    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError>;
    async fn get_clerk(&self, username: &Username) -> Result<Option<Clerk>, StoreError>;
    async fn get_clerk_session(&self, token_hash: &str) -> Result<Option<ClerkSession>, StoreError>;
    /// The owner of a uniqueness claim (for a username or email: the account's id).
    async fn claim_owner(&self, key: &UniqueKey) -> Result<Option<ApplicationId>, StoreError>;
    async fn get_record(&self, key: &RecordKey) -> Result<Option<Record>, StoreError>;
    /// Reads several items in one request (consistent reads; each as it was when read,
    /// not one snapshot: writes that depend on them keep their own conditions). The
    /// answer has one entry per key, in order; `None` where nothing is stored.
    async fn get_many(&self, keys: &[ItemKey]) -> Result<Vec<Option<Found>>, StoreError>;
    /// Push challenges still waiting for this device's answer, oldest first.
    async fn pending_pushes(&self, device: &DeviceId, now: DateTime<Utc>) -> Result<Vec<Challenge>, StoreError>;
}

/// An item `Store::get_many` reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemKey {
    Application(ApplicationId),
    Account(ApplicationId),
    Slot(SlotId),
    /// A confirmation point.
    Point(PointId),
    /// A uniqueness claim; found as its owner.
    Claim(UniqueKey),
    /// A relying service registered in the store (by client id).
    Client(String),
    Record(RecordKey),
}

/// What `Store::get_many` found for one key.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Application(Application),
    Account(Account),
    Slot(Slot),
    Point(ConfirmationPoint),
    ClaimOwner(ApplicationId),
    Client(Client),
    Record(Record),
}

impl Found {
    pub fn application(self) -> Option<Application> {
        match self {
            Self::Application(a) => Some(a),
            _ => None,
        }
    }

    pub fn account(self) -> Option<Account> {
        match self {
            Self::Account(a) => Some(a),
            _ => None,
        }
    }

    pub fn slot(self) -> Option<Slot> {
        match self {
            Self::Slot(s) => Some(s),
            _ => None,
        }
    }

    pub fn client(self) -> Option<Client> {
        match self {
            Self::Client(c) => Some(c),
            _ => None,
        }
    }

    pub fn claim_owner(self) -> Option<ApplicationId> {
        match self {
            Self::ClaimOwner(o) => Some(o),
            _ => None,
        }
    }

    pub fn record<T: RecordType>(self) -> Option<T> {
        match self {
            Self::Record(r) => T::from_record(r),
            _ => None,
        }
    }
}

/// Counting attempts before the check they pay for (docs/rules.md §8).
#[async_trait::async_trait]
pub trait Attempts: Send + Sync {
    /// Counts one attempt under `key` against `limit` (`AttemptWindow::admit`), atomically:
    /// with any number of callers at once, at most `limit.max` are admitted per window.
    async fn count_attempt(&self, key: &str, limit: AttemptLimit, now: DateTime<Utc>) -> Result<Admission, StoreError>;
}

/// The clerks' schedule.
#[async_trait::async_trait]
pub trait Schedule: Send + Sync {
    /// Fails with `Conflict(Condition::SlotExists)` if a slot with this id exists.
    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError>;
    /// Slots starting after `from` and at the latest at `until`, earliest first. Each day
    /// is its own partition in DynamoDB (one query per day of the range): ask for the days
    /// you need.
    async fn list_slots(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Slot>, StoreError>;
    /// Submitted (and decided) applications whose slot starts on this Polish day, by start.
    async fn calls_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError>;
    /// The confirmation points, by id (the operator's `pz-point`; demo points locally).
    async fn list_points(&self) -> Result<Vec<ConfirmationPoint>, StoreError>;
    /// Adds a point or replaces the one with its id.
    async fn put_point(&self, point: &ConfirmationPoint) -> Result<(), StoreError>;
    /// Removes a point; applications that chose it keep their copy. `false` if none had the id.
    async fn remove_point(&self, id: &PointId) -> Result<bool, StoreError>;
}

/// The relying services registered with the OpenID Connect provider (the operator's
/// `pz-rp`); one is read with `Store::get_many` (`ItemKey::Client`).
#[async_trait::async_trait]
pub trait Registry: Send + Sync {
    async fn list_clients(&self) -> Result<Vec<Client>, StoreError>;
    /// Registers a service or replaces the one with its client id.
    async fn put_client(&self, client: &Client) -> Result<(), StoreError>;
    /// `false` if none had the id.
    async fn remove_client(&self, client_id: &str) -> Result<bool, StoreError>;
}

/// What fell due, for the scheduled sweep.
#[async_trait::async_trait]
pub trait Sweeps: Send + Sync {
    /// Office applications sent and not yet decided whose 14 days end on this Polish day
    /// (and expired ones, which the sweep skips).
    async fn office_due_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError>;
    /// Applications still waiting for their SMS code whose deadline is before `now`.
    async fn unverified_before(&self, now: DateTime<Utc>) -> Result<Vec<Application>, StoreError>;
    /// Active profiles whose validity ended at or before `now` (still to be closed).
    async fn profiles_ended_before(&self, now: DateTime<Utc>) -> Result<Vec<Account>, StoreError>;
    /// Active profiles whose validity ends after `from` and at the latest at `until` (the
    /// expiry reminders).
    async fn profiles_ending_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Account>, StoreError>;
}

/// Reading the audit trail (written by `Write::Audit` and `Write::History`).
#[async_trait::async_trait]
pub trait AuditLog: Send + Sync {
    /// The audit trail of one Polish day, oldest first.
    async fn audit_on(&self, day: NaiveDate) -> Result<Vec<AuditEntry>, StoreError>;
    /// The audit trail of one application, oldest first.
    async fn audit_of(&self, application: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError>;
    /// A citizen's own history (sign-ins, method changes, extensions), oldest first.
    async fn history_of(&self, account: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError>;
}

/// Every stored port, as one adapter provides them: for wiring and the conformance
/// suite, never a service's parameter.
pub trait Storage: Store + Attempts + Schedule + Sweeps + AuditLog + OutboxQueue + Registry {}

impl<T: Store + Attempts + Schedule + Sweeps + AuditLog + OutboxQueue + Registry> Storage for T {}

/// The state and the attempt counter, as most flow steps take them (`service::Ctx`): one
/// adapter, named by its own type in a function (static calls: only the methods a step
/// calls are linked), `dyn Storage` in the gateway, any adapter in a test.
pub trait Stored: Store + Attempts {}

impl<T: ?Sized + Store + Attempts> Stored for T {}

/// Reads one typed record.
pub async fn load<T: RecordType>(store: &(impl Store + ?Sized), id: &str) -> Result<Option<T>, StoreError> {
    let key = RecordKey { kind: T::KIND, id: id.to_owned() };
    Ok(store.get_record(&key).await?.and_then(T::from_record))
}
