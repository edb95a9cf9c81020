//! The in-process store for local mode and tests. Every `commit` checks all conditions
//! and applies all writes under one lock: the same all-or-nothing semantics as a
//! DynamoDB transaction, proven by the conformance suite run against both.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use crate::domain::outbox::LEASE;
use crate::domain::{Account, Application, ApplicationId, DeliveryStatus, OutboxMessage, RateWindow, Slot, SlotId};
use crate::ports::{DeliveryOutcome, Store, StoreError, UniqueKey, Versioned, Write};

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
    rates: HashMap<String, Versioned<RateWindow>>,
    messages: BTreeMap<String, OutboxMessage>,
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
            Write::PutRate { key, version, .. } => self.rates.get(key).map_or(0, |r| r.version) == *version,
            Write::CreateAccount(a) => !self.accounts.contains_key(&a.id),
            Write::Enqueue(m) => !self.messages.contains_key(&m.id),
        }
    }

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
            Write::PutRate { key, window, version } => {
                self.rates.insert(key, Versioned { value: window, version: version + 1 });
            }
            Write::CreateAccount(a) => {
                self.accounts.insert(a.id.clone(), a);
            }
            Write::Enqueue(m) => {
                self.messages.insert(m.id.clone(), m);
            }
        }
    }
}

#[async_trait::async_trait]
impl Store for MemoryStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let mut t = self.lock();
        if let Some(index) = writes.iter().position(|w| !t.condition_holds(w)) {
            return Err(StoreError::Conflict { index });
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

    async fn get_rate(&self, key: &str) -> Result<Versioned<RateWindow>, StoreError> {
        Ok(self.lock().rates.get(key).cloned().unwrap_or_default())
    }

    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError> {
        let mut t = self.lock();
        if t.slots.contains_key(&slot.id) {
            return Err(StoreError::Conflict { index: 0 });
        }
        t.slots.insert(slot.id.clone(), slot.clone());
        Ok(())
    }

    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError> {
        Ok(self.lock().slots.get(id).cloned())
    }

    async fn list_slots(&self, from: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
        let mut slots: Vec<Slot> = self.lock().slots.values().filter(|s| s.start > from).cloned().collect();
        slots.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        Ok(slots)
    }

    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError> {
        Ok(self.lock().messages.get(id).cloned())
    }

    async fn due_messages(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<String>, StoreError> {
        let t = self.lock();
        let mut due: Vec<&OutboxMessage> = t
            .messages
            .values()
            .filter(|m| m.status == DeliveryStatus::Pending && m.next_attempt_at <= now)
            .collect();
        due.sort_by_key(|m| m.next_attempt_at);
        Ok(due.into_iter().take(limit).map(|m| m.id.clone()).collect())
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
            return Err(StoreError::Conflict { index: 0 });
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
}
