//! Fault injection for issue 7: a store that throttles or "dies" at a chosen call, and
//! providers that fail or hang on a chosen share of calls. Wrappers around the real
//! in-process adapters, so everything else behaves as in production.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use shared::domain::attempts::{Admission, AttemptLimit};
use shared::domain::outbox::Lane;
use shared::domain::{
    Account, Application, ApplicationId, AuditEntry, Challenge, Clerk, ClerkSession, ConfirmationPoint, DeviceId,
    OutboxMessage, PhoneNumber, Platform, PointId, RateWindow, Slot, SlotId, Username,
};
use shared::ports::{
    Attempts, AuditLog, Condition, DeliveryOutcome, EmailSender, Found, ItemKey, OutboxQueue, PushSender, Record,
    RecordKey, Schedule, SendError, SmsSender, Storage, Store, StoreError, Sweeps, UniqueKey, Write,
};

/// What happens to store call number `n` (counting from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// DynamoDB's answer after the SDK's own retries gave up: nothing written.
    Throttle,
    /// The process dies before the call reaches the store.
    DieBefore,
    /// The process dies after the store applied the call, before the answer is used.
    DieAfter,
    /// Every `commit` (from call `at` on) fails its condition, as when another writer
    /// always gets there first: nothing is written, every optimistic retry loses.
    ConflictAlways,
}

/// A store that injects `fault` at call number `at` (and only there).
pub struct FaultyStore {
    pub inner: Arc<dyn Storage>,
    calls: AtomicUsize,
    at: usize,
    fault: Fault,
}

impl FaultyStore {
    pub fn new(inner: Arc<dyn Storage>, at: usize, fault: Fault) -> Self {
        Self { inner, calls: AtomicUsize::new(0), at, fault }
    }

    /// How many calls were made (injected one included).
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    async fn around<T>(&self, call: impl std::future::Future<Output = Result<T, StoreError>>) -> Result<T, StoreError> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        let fault = if n == self.at { self.fault } else { Fault::None };
        match fault {
            Fault::None | Fault::ConflictAlways => call.await,
            Fault::Throttle => Err(StoreError::Throttled("ProvisionedThroughputExceededException (injected)".into())),
            Fault::DieBefore => std::future::pending().await,
            Fault::DieAfter => {
                let _ = call.await;
                std::future::pending().await
            }
        }
    }
}

#[async_trait::async_trait]
impl Store for FaultyStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        if self.fault == Fault::ConflictAlways && self.calls() >= self.at {
            self.calls.fetch_add(1, Ordering::SeqCst);
            return Err(StoreError::Conflict(Condition::ApplicationChanged));
        }
        self.around(self.inner.commit(writes)).await
    }

    async fn get_application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError> {
        self.around(self.inner.get_application(id)).await
    }

    async fn get_account(&self, id: &ApplicationId) -> Result<Option<Account>, StoreError> {
        self.around(self.inner.get_account(id)).await
    }

    async fn get_rate(&self, key: &str) -> Result<RateWindow, StoreError> {
        self.around(self.inner.get_rate(key)).await
    }

    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError> {
        self.around(self.inner.get_slot(id)).await
    }

    async fn get_clerk(&self, username: &Username) -> Result<Option<Clerk>, StoreError> {
        self.around(self.inner.get_clerk(username)).await
    }

    async fn get_clerk_session(&self, token_hash: &str) -> Result<Option<ClerkSession>, StoreError> {
        self.around(self.inner.get_clerk_session(token_hash)).await
    }

    async fn claim_owner(&self, key: &UniqueKey) -> Result<Option<ApplicationId>, StoreError> {
        self.around(self.inner.claim_owner(key)).await
    }

    async fn get_record(&self, key: &RecordKey) -> Result<Option<Record>, StoreError> {
        self.around(self.inner.get_record(key)).await
    }

    async fn get_many(&self, keys: &[ItemKey]) -> Result<Vec<Option<Found>>, StoreError> {
        self.around(self.inner.get_many(keys)).await
    }

    async fn pending_pushes(&self, device: &DeviceId, now: DateTime<Utc>) -> Result<Vec<Challenge>, StoreError> {
        self.around(self.inner.pending_pushes(device, now)).await
    }
}

#[async_trait::async_trait]
impl Attempts for FaultyStore {
    async fn count_attempt(&self, key: &str, limit: AttemptLimit, now: DateTime<Utc>) -> Result<Admission, StoreError> {
        self.around(self.inner.count_attempt(key, limit, now)).await
    }
}

#[async_trait::async_trait]
impl Schedule for FaultyStore {
    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError> {
        self.around(self.inner.create_slot(slot)).await
    }

    async fn list_slots(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
        self.around(self.inner.list_slots(from, until)).await
    }

    async fn calls_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError> {
        self.around(self.inner.calls_on(day)).await
    }

    async fn list_points(&self) -> Result<Vec<ConfirmationPoint>, StoreError> {
        self.around(self.inner.list_points()).await
    }

    async fn put_point(&self, point: &ConfirmationPoint) -> Result<(), StoreError> {
        self.around(self.inner.put_point(point)).await
    }

    async fn remove_point(&self, id: &PointId) -> Result<bool, StoreError> {
        self.around(self.inner.remove_point(id)).await
    }
}

#[async_trait::async_trait]
impl shared::ports::Registry for FaultyStore {
    async fn list_clients(&self) -> Result<Vec<shared::domain::relying::Client>, StoreError> {
        self.around(self.inner.list_clients()).await
    }

    async fn put_client(&self, client: &shared::domain::relying::Client) -> Result<(), StoreError> {
        self.around(self.inner.put_client(client)).await
    }

    async fn remove_client(&self, client_id: &str) -> Result<bool, StoreError> {
        self.around(self.inner.remove_client(client_id)).await
    }
}

#[async_trait::async_trait]
impl Sweeps for FaultyStore {
    async fn office_due_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError> {
        self.around(self.inner.office_due_on(day)).await
    }

    async fn unverified_before(&self, now: DateTime<Utc>) -> Result<Vec<Application>, StoreError> {
        self.around(self.inner.unverified_before(now)).await
    }

    async fn profiles_ended_before(&self, now: DateTime<Utc>) -> Result<Vec<Account>, StoreError> {
        self.around(self.inner.profiles_ended_before(now)).await
    }
    async fn profiles_ending_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Account>, StoreError> {
        self.around(self.inner.profiles_ending_between(from, until)).await
    }
}

#[async_trait::async_trait]
impl AuditLog for FaultyStore {
    async fn audit_on(&self, day: NaiveDate) -> Result<Vec<AuditEntry>, StoreError> {
        self.around(self.inner.audit_on(day)).await
    }

    async fn audit_of(&self, application: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        self.around(self.inner.audit_of(application)).await
    }

    async fn history_of(&self, account: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        self.around(self.inner.history_of(account)).await
    }
}

#[async_trait::async_trait]
impl OutboxQueue for FaultyStore {
    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError> {
        self.around(self.inner.get_message(id)).await
    }

    async fn due_messages(&self, lane: Lane, now: DateTime<Utc>, per_shard: usize) -> Result<Vec<String>, StoreError> {
        self.around(self.inner.due_messages(lane, now, per_shard)).await
    }

    async fn claim_message(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>, StoreError> {
        self.around(self.inner.claim_message(id, now)).await
    }

    async fn finish_message(&self, id: &str, outcome: DeliveryOutcome) -> Result<(), StoreError> {
        self.around(self.inner.finish_message(id, outcome)).await
    }

    async fn dead_messages(&self, limit: usize) -> Result<Vec<OutboxMessage>, StoreError> {
        self.around(self.inner.dead_messages(limit)).await
    }

    async fn requeue_message(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.around(self.inner.requeue_message(id, now)).await
    }
}

/// A provider (SNS or SES) that records what it really delivered. While `outage` is on,
/// every call fails; otherwise call `k` fails when `k % 10 < fail_in_10`, hangs (never
/// answers, delivers nothing) when it is next in line, and delivers the rest.
#[derive(Default)]
pub struct FlakyProvider {
    calls: AtomicUsize,
    pub fail_in_10: usize,
    pub hang_in_10: usize,
    outage: std::sync::atomic::AtomicBool,
    /// Text → how many times it was really delivered.
    pub delivered: Mutex<HashMap<String, usize>>,
    /// The last text delivered.
    pub last: Mutex<Option<String>>,
}

impl FlakyProvider {
    pub fn new(fail_in_10: usize, hang_in_10: usize) -> Self {
        Self { fail_in_10, hang_in_10, ..Self::default() }
    }

    pub fn set_outage(&self, on: bool) {
        self.outage.store(on, Ordering::SeqCst);
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    async fn call(&self, text: &str) -> Result<(), SendError> {
        let k = self.calls.fetch_add(1, Ordering::SeqCst) % 10;
        if self.outage.load(Ordering::SeqCst) || k < self.fail_in_10 {
            return Err(SendError("Throttling: rate exceeded (injected)".into()));
        }
        if k < self.fail_in_10 + self.hang_in_10 {
            return std::future::pending().await;
        }
        *self.delivered.lock().unwrap().entry(text.to_owned()).or_default() += 1;
        *self.last.lock().unwrap() = Some(text.to_owned());
        Ok(())
    }
}

#[async_trait::async_trait]
impl SmsSender for FlakyProvider {
    async fn send_sms(&self, _to: &PhoneNumber, text: &str) -> Result<(), SendError> {
        self.call(text).await
    }
}

#[async_trait::async_trait]
impl EmailSender for FlakyProvider {
    async fn send_email(&self, _to: &str, _subject: &str, body: &str) -> Result<(), SendError> {
        self.call(body).await
    }
}

#[async_trait::async_trait]
impl PushSender for FlakyProvider {
    async fn send_push(&self, _endpoint: &str, _title: &str, body: &str) -> Result<(), SendError> {
        self.call(body).await
    }
    async fn register_device(&self, _platform: Platform, _push_token: &str) -> Result<String, SendError> {
        Err(SendError("not used here".into()))
    }
}
