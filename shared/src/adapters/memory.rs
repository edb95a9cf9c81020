//! The in-process store for local mode and tests. Every `commit` checks all conditions
//! and applies all writes under one lock: the same all-or-nothing semantics as a
//! DynamoDB transaction, proven by the conformance suite run against both.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::attempts::{Admission, AttemptLimit, AttemptWindow};
use crate::domain::outbox::{Lane, Shard, LEASE};
use crate::domain::relying::Client;
use crate::domain::time::polish_date;
use crate::domain::{
    Account, Application, ApplicationId, ApplicationStatus, AuditEntry, Challenge, Clerk, ClerkSession,
    ConfirmationPoint, DeliveryStatus, DeviceId, OutboxMessage, PointId, RateWindow, Slot, SlotId, Username,
};
use crate::ports::{
    Attempts, AuditLog, Condition, DeliveryOutcome, Found, ItemKey, OutboxQueue, Record, RecordKey, Registry, Schedule,
    Store, StoreError, Sweeps, UniqueKey, Write,
};

#[derive(Debug, Clone)]
struct Claim {
    owner: ApplicationId,
    expires_at: Option<DateTime<Utc>>,
}

#[derive(Default)]
struct Tables {
    applications: HashMap<ApplicationId, Application>,
    accounts: HashMap<ApplicationId, Account>,
    claims: HashMap<UniqueKey, Claim>,
    slots: BTreeMap<SlotId, Slot>,
    points: BTreeMap<PointId, ConfirmationPoint>,
    clients: BTreeMap<String, Client>,
    rates: HashMap<String, RateWindow>,
    attempts: HashMap<String, AttemptWindow>,
    messages: BTreeMap<String, OutboxMessage>,
    time_blocks: HashSet<String>,
    clerks: HashMap<String, Clerk>,
    sessions: HashMap<String, ClerkSession>,
    audit: Vec<AuditEntry>,
    history: Vec<AuditEntry>,
    records: HashMap<RecordKey, Record>,
}

#[derive(Default)]
pub struct MemoryStore {
    tables: Mutex<Tables>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Tables> {
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Tables {
    fn condition_holds(&self, w: &Write) -> bool {
        match w {
            Write::CreateApplication(a) => !self.applications.contains_key(&a.id),
            Write::UpdateApplication(a) => self.applications.get(&a.id).is_some_and(|s| s.version == a.version),
            Write::Reserve { key, owner, now, .. } => match self.claims.get(key) {
                None => true,
                Some(c) => &c.owner == owner || c.expires_at.is_some_and(|t| t < *now),
            },
            Write::BookSlot(id) => self.slots.get(id).is_some_and(|s| s.booked < s.capacity),
            Write::CountRate { key, limit, period, now } => {
                self.rates.get(key).is_none_or(|r| r.count_since(*now - *period) < *limit)
            }
            Write::CreateAccount(a) => !self.accounts.contains_key(&a.id),
            Write::Enqueue(m) => !self.messages.contains_key(&m.id),
            Write::UpdateAccount(a) => self.accounts.get(&a.id).is_some_and(|s| s.version == a.version),
            Write::ForgetAccount { id, version } => self.accounts.get(id).is_some_and(|s| s.version == *version),
            Write::ForgetApplication(_) => true,
            Write::Release { key, owner } => self.claims.get(key).is_none_or(|c| &c.owner == owner),
            Write::ReleaseSlot(id) => self.slots.get(id).is_some_and(|s| s.booked > 0),
            Write::CreateSlot(slot) => !self.slots.contains_key(&slot.id),
            Write::ClaimTime(block) => !self.time_blocks.contains(block),
            Write::CreateClerk(c) => !self.clerks.contains_key(c.username.as_str()),
            Write::UpdateClerk(c) => self.clerks.get(c.username.as_str()).is_some_and(|s| s.version == c.version),
            Write::PutClerkSession(_) | Write::DeleteClerkSession(_) => true,
            Write::TouchClerkSession(session) => self.sessions.contains_key(&session.token_hash),
            Write::Audit(e) => !self.audit.iter().any(|x| x.id == e.id),
            Write::History(e) => !self.history.iter().any(|x| x.id == e.id),
            Write::CreateRecord(r) => !self.records.contains_key(&r.key()),
            Write::UpdateRecord(r) => self.records.get(&r.key()).is_some_and(|s| s.version() == r.version()),
            Write::DeleteRecord(_) | Write::ClearAttempts(_) => true,
            Write::CountAttempt { key, limit, now, spare } => {
                let tighter = AttemptLimit { max: limit.max.saturating_sub(*spare), ..*limit };
                tighter.max > 0 && self.attempts.get(key).is_none_or(|w| w.full(tighter, *now).is_none())
            }
        }
    }

    // Over 60 lines: one short arm per `Write` variant, the in-memory twin of the DynamoDB
    // adapter's `transact_item`; split up, the table of effects would be harder to check.
    /// Applies one write whose condition held.
    fn apply(&mut self, w: Write) {
        match w {
            Write::CreateApplication(a) => {
                self.applications.insert(a.id.clone(), a);
            }
            Write::UpdateApplication(mut a) => {
                a.version += 1;
                self.applications.insert(a.id.clone(), a);
            }
            Write::Reserve { key, owner, expires_at, .. } => {
                self.claims.insert(key, Claim { owner, expires_at });
            }
            Write::BookSlot(id) => {
                if let Some(s) = self.slots.get_mut(&id) {
                    s.booked += 1;
                }
            }
            Write::CountRate { key, limit, now, .. } => {
                let window = self.rates.entry(key).or_default();
                // As DynamoDB keeps them: the `limit` latest events, however old.
                window.events.push(now);
                let extra = window.events.len().saturating_sub(limit);
                window.events.drain(..extra);
            }
            Write::CreateAccount(a) => {
                self.accounts.insert(a.id.clone(), a);
            }
            Write::Enqueue(m) => {
                self.messages.insert(m.id.clone(), m);
            }
            Write::UpdateAccount(mut a) => {
                a.version += 1;
                self.accounts.insert(a.id.clone(), a);
            }
            Write::ForgetAccount { id, .. } => {
                self.accounts.remove(&id);
            }
            Write::ForgetApplication(id) => {
                self.applications.remove(&id);
            }
            Write::Release { key, .. } => {
                self.claims.remove(&key);
            }
            Write::ReleaseSlot(id) => {
                if let Some(s) = self.slots.get_mut(&id) {
                    s.booked -= 1;
                }
            }
            Write::CreateSlot(slot) => {
                self.slots.insert(slot.id.clone(), slot);
            }
            Write::ClaimTime(block) => {
                self.time_blocks.insert(block);
            }
            Write::CreateClerk(c) => {
                self.clerks.insert(c.username.as_str().to_owned(), c);
            }
            Write::UpdateClerk(mut c) => {
                c.version += 1;
                self.clerks.insert(c.username.as_str().to_owned(), c);
            }
            Write::PutClerkSession(session) | Write::TouchClerkSession(session) => {
                self.sessions.insert(session.token_hash.clone(), session);
            }
            Write::DeleteClerkSession(hash) => {
                self.sessions.remove(&hash);
            }
            Write::Audit(e) => self.audit.push(e),
            Write::History(e) => self.history.push(e),
            Write::CreateRecord(r) => {
                self.records.insert(r.key(), r);
            }
            Write::UpdateRecord(mut r) => {
                r.bump_version();
                self.records.insert(r.key(), r);
            }
            Write::DeleteRecord(key) => {
                self.records.remove(&key);
            }
            Write::ClearAttempts(key) => {
                self.attempts.remove(&key);
            }
            Write::CountAttempt { key, limit, now, .. } => {
                let (next, _) = AttemptWindow::admit(self.attempts.remove(&key), limit, now);
                self.attempts.extend(next.map(|w| (key, w)));
            }
        }
    }
}

#[async_trait::async_trait]
impl Store for MemoryStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let mut t = self.lock();
        // Unconditional writes always hold: the first failure has a condition.
        if let Some(failed) = writes.iter().filter(|w| !t.condition_holds(w)).find_map(Write::condition) {
            return Err(StoreError::Conflict(failed));
        }
        for w in writes {
            t.apply(w);
        }
        Ok(())
    }

    async fn get_application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError> {
        Ok(self.lock().applications.get(id).cloned())
    }

    async fn get_account(&self, id: &ApplicationId) -> Result<Option<Account>, StoreError> {
        Ok(self.lock().accounts.get(id).cloned())
    }

    async fn get_rate(&self, key: &str) -> Result<RateWindow, StoreError> {
        Ok(self.lock().rates.get(key).cloned().unwrap_or_default())
    }

    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError> {
        Ok(self.lock().slots.get(id).cloned())
    }

    async fn get_clerk(&self, username: &Username) -> Result<Option<Clerk>, StoreError> {
        Ok(self.lock().clerks.get(username.as_str()).cloned())
    }

    async fn get_clerk_session(&self, token_hash: &str) -> Result<Option<ClerkSession>, StoreError> {
        Ok(self.lock().sessions.get(token_hash).cloned())
    }

    async fn claim_owner(&self, key: &UniqueKey) -> Result<Option<ApplicationId>, StoreError> {
        Ok(self.lock().claims.get(key).map(|c| c.owner.clone()))
    }

    async fn get_record(&self, key: &RecordKey) -> Result<Option<Record>, StoreError> {
        Ok(self.lock().records.get(key).cloned())
    }

    async fn get_many(&self, keys: &[ItemKey]) -> Result<Vec<Option<Found>>, StoreError> {
        let t = self.lock();
        Ok(keys
            .iter()
            .map(|key| match key {
                ItemKey::Application(id) => t.applications.get(id).cloned().map(Found::Application),
                ItemKey::Account(id) => t.accounts.get(id).cloned().map(Found::Account),
                ItemKey::Slot(id) => t.slots.get(id).cloned().map(Found::Slot),
                ItemKey::Point(id) => t.points.get(id).cloned().map(Found::Point),
                ItemKey::Claim(key) => t.claims.get(key).map(|c| Found::ClaimOwner(c.owner.clone())),
                ItemKey::Client(id) => t.clients.get(id).cloned().map(Found::Client),
                ItemKey::Record(key) => t.records.get(key).cloned().map(Found::Record),
            })
            .collect())
    }

    async fn pending_pushes(&self, device: &DeviceId, now: DateTime<Utc>) -> Result<Vec<Challenge>, StoreError> {
        let mut pending: Vec<Challenge> = self
            .lock()
            .records
            .values()
            .filter(|r| r.pending_push_of(now) == Some(device))
            .filter_map(|r| match r {
                Record::Challenge(c) => Some(c.clone()),
                _ => None,
            })
            .collect();
        pending.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id)));
        Ok(pending)
    }
}

#[async_trait::async_trait]
impl Attempts for MemoryStore {
    async fn count_attempt(&self, key: &str, limit: AttemptLimit, now: DateTime<Utc>) -> Result<Admission, StoreError> {
        let mut t = self.lock();
        let (next, admission) = AttemptWindow::admit(t.attempts.get(key).cloned(), limit, now);
        if let Some(w) = next {
            t.attempts.insert(key.to_owned(), w);
        }
        Ok(admission)
    }
}

#[async_trait::async_trait]
impl Schedule for MemoryStore {
    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError> {
        let mut t = self.lock();
        if t.slots.contains_key(&slot.id) {
            return Err(StoreError::Conflict(Condition::SlotExists));
        }
        t.slots.insert(slot.id.clone(), slot.clone());
        Ok(())
    }

    async fn list_slots(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
        let mut slots: Vec<Slot> =
            self.lock().slots.values().filter(|s| s.start > from && s.start <= until).cloned().collect();
        slots.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        Ok(slots)
    }

    async fn calls_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError> {
        let mut calls: Vec<Application> = self
            .lock()
            .applications
            .values()
            .filter(|a| a.status != ApplicationStatus::AwaitingSmsCode)
            .filter(|a| a.slot.as_ref().is_some_and(|s| polish_date(s.start) == day))
            .cloned()
            .collect();
        calls.sort_by_key(|a| (a.slot.as_ref().map(|s| s.start), a.id.clone()));
        Ok(calls)
    }

    async fn list_points(&self) -> Result<Vec<ConfirmationPoint>, StoreError> {
        Ok(self.lock().points.values().cloned().collect())
    }

    async fn put_point(&self, point: &ConfirmationPoint) -> Result<(), StoreError> {
        self.lock().points.insert(point.id.clone(), point.clone());
        Ok(())
    }

    async fn remove_point(&self, id: &PointId) -> Result<bool, StoreError> {
        Ok(self.lock().points.remove(id).is_some())
    }
}

#[async_trait::async_trait]
impl Registry for MemoryStore {
    async fn list_clients(&self) -> Result<Vec<Client>, StoreError> {
        Ok(self.lock().clients.values().cloned().collect())
    }

    async fn put_client(&self, client: &Client) -> Result<(), StoreError> {
        self.lock().clients.insert(client.client_id.clone(), client.clone());
        Ok(())
    }

    async fn remove_client(&self, client_id: &str) -> Result<bool, StoreError> {
        Ok(self.lock().clients.remove(client_id).is_some())
    }
}

#[async_trait::async_trait]
impl Sweeps for MemoryStore {
    async fn office_due_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError> {
        Ok(self
            .lock()
            .applications
            .values()
            .filter(|a| a.slot.is_none() && a.review.expires_at.is_some_and(|t| polish_date(t) == day))
            .cloned()
            .collect())
    }

    async fn unverified_before(&self, now: DateTime<Utc>) -> Result<Vec<Application>, StoreError> {
        Ok(self
            .lock()
            .applications
            .values()
            .filter(|a| a.status == ApplicationStatus::AwaitingSmsCode && a.verify_by.is_some_and(|t| t < now))
            .cloned()
            .collect())
    }

    async fn profiles_ended_before(&self, now: DateTime<Utc>) -> Result<Vec<Account>, StoreError> {
        Ok(self.lock().accounts.values().filter(|a| a.is_due_to_expire(now)).cloned().collect())
    }

    async fn profiles_ending_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Account>, StoreError> {
        let ending = |a: &&Account| {
            a.status == crate::domain::AccountStatus::Active && a.valid_until.is_some_and(|u| from < u && u <= until)
        };
        Ok(self.lock().accounts.values().filter(ending).cloned().collect())
    }
}

#[async_trait::async_trait]
impl AuditLog for MemoryStore {
    async fn audit_on(&self, day: NaiveDate) -> Result<Vec<AuditEntry>, StoreError> {
        let mut entries: Vec<AuditEntry> =
            self.lock().audit.iter().filter(|e| polish_date(e.at) == day).cloned().collect();
        entries.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        Ok(entries)
    }

    async fn audit_of(&self, application: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        let mut entries: Vec<AuditEntry> =
            self.lock().audit.iter().filter(|e| e.application_id.as_ref() == Some(application)).cloned().collect();
        entries.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        Ok(entries)
    }

    async fn history_of(&self, account: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        let mut entries: Vec<AuditEntry> =
            self.lock().history.iter().filter(|e| e.application_id.as_ref() == Some(account)).cloned().collect();
        entries.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        Ok(entries)
    }
}

#[async_trait::async_trait]
impl OutboxQueue for MemoryStore {
    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError> {
        Ok(self.lock().messages.get(id).cloned())
    }

    async fn due_messages(&self, lane: Lane, now: DateTime<Utc>, per_shard: usize) -> Result<Vec<String>, StoreError> {
        let t = self.lock();
        let mut shards: BTreeMap<Shard, Vec<&OutboxMessage>> = BTreeMap::new();
        let due = t.messages.values().filter(|m| m.status == DeliveryStatus::Pending && m.next_attempt_at <= now);
        for m in due.filter(|m| m.shard().lane == lane) {
            shards.entry(m.shard()).or_default().push(m);
        }
        let mut due: Vec<&OutboxMessage> = Vec::new();
        for (_, mut waiting) in shards {
            waiting.sort_by_key(|m| (m.next_attempt_at, &m.id));
            due.extend(waiting.into_iter().take(per_shard));
        }
        due.sort_by_key(|m| (m.next_attempt_at, &m.id));
        Ok(due.into_iter().map(|m| m.id.clone()).collect())
    }

    async fn claim_message(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>, StoreError> {
        let mut t = self.lock();
        let Some(m) = t.messages.get_mut(id) else { return Ok(None) };
        let free = m.lease_until.is_none_or(|l| l < now);
        if m.status != DeliveryStatus::Pending || m.next_attempt_at > now || !free {
            return Ok(None);
        }
        m.lease_until = Some(now + LEASE);
        m.attempts += 1;
        Ok(Some(m.clone()))
    }

    async fn finish_message(&self, id: &str, outcome: DeliveryOutcome) -> Result<(), StoreError> {
        let mut t = self.lock();
        let Some(m) = t.messages.get_mut(id).filter(|m| m.lease_until.is_some()) else {
            return Err(StoreError::Conflict(Condition::NotLeased));
        };
        m.lease_until = None;
        match outcome {
            DeliveryOutcome::Sent { at } => {
                m.status = DeliveryStatus::Sent;
                m.sent_at = Some(at);
                m.body = None;
                m.last_error = None;
            }
            DeliveryOutcome::Retry { next_attempt_at, error } => {
                m.next_attempt_at = next_attempt_at;
                m.last_error = Some(error);
            }
            DeliveryOutcome::Dead { error } => {
                m.status = DeliveryStatus::Dead;
                m.last_error = Some(error);
            }
        }
        Ok(())
    }

    async fn dead_messages(&self, limit: usize) -> Result<Vec<OutboxMessage>, StoreError> {
        let t = self.lock();
        let mut dead: Vec<OutboxMessage> =
            t.messages.values().filter(|m| m.status == DeliveryStatus::Dead).cloned().collect();
        dead.sort_by_key(|m| m.created_at);
        dead.truncate(limit);
        Ok(dead)
    }

    async fn requeue_message(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut t = self.lock();
        let Some(m) = t.messages.get_mut(id).filter(|m| m.status == DeliveryStatus::Dead) else { return Ok(false) };
        m.status = DeliveryStatus::Pending;
        m.attempts = 0;
        m.next_attempt_at = now;
        Ok(true)
    }
}
