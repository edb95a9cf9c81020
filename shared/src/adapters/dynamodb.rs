//! The DynamoDB store: one table (`PK`, `SK`) with one index (`GSI1PK`, `GSI1SK`).
//!
//! | item          | PK                      | SK | GSI1PK          | GSI1SK              |
//! |---------------|-------------------------|----|-----------------|---------------------|
//! | application   | `APP#<id>`              | A  |                 |                     |
//! | account       | `ACCOUNT#<id>`          | A  |                 |                     |
//! | unique claim  | `UNIQ#<kind>#<hmac>`    | U  |                 |                     |
//! | slot          | `SLOT#<id>`             | S  | `SLOTS`         | start (fixed format)|
//! | rate window   | `RATE#<key>`            | R  |                 |                     |
//! | (account, active)| `ACCOUNT#<id>`       | A  | `PROFILESENDING#<yyyy-mm of valid_until>` | valid_until (ms)#id |
//! | attempt window| `ATTEMPTS#<limit>#<hmac>`| N |                 | (`ttl`)             |
//! | outbox message| `OUTBOX#<id>`           | M  | `OUTBOX#pending`| due time (ms, padded)|
//! | schedule block| `TIME#<yyyy-mm-ddThh:mm>`| T |                 |                     |
//! | clerk         | `CLERK#<username>`      | C  |                 |                     |
//! | clerk session | `CLERKSESSION#<hmac>`   | S  |                 | (`ttl` for DynamoDB TTL) |
//! | audit entry   | `AUDIT#<Polish date>`   | time#id | `AUDITAPP#<app id>` | time#id   |
//! | history entry | `HISTORY#<account id>`  | time#id |                 |                     |
//! | sign-in record| `<KIND>#<id or hmac>` (`CHALLENGE`, `DEVICE`, `SESSION`, `AUTHCODE`, `ACCESSTOKEN`) | R | `PUSHREQ#<device>` while a push waits | created time |
//!
//! Applications are also indexed: waiting for the SMS code under `UNVERIFIED` (by
//! deadline), afterwards under `CALLS#<Polish date of the slot>` (by slot start), which
//! is how the clerk's day and the expiry sweep find them.
//!
//! Every invariant is a condition expression; multi-item changes are one
//! `TransactWriteItems`. Times compared in conditions are stored as epoch numbers.

use std::collections::HashMap;

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, ReturnValue, TransactWriteItem, Update};
use aws_sdk_dynamodb::Client;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::attempts::{Admission, AttemptLimit};
use crate::domain::outbox::LEASE;
use crate::domain::time::polish_date;
use crate::domain::IdleSession;
use crate::domain::{
    Account, AccountStatus, Application, ApplicationId, ApplicationStatus, AuditEntry, Challenge, ChallengeStatus,
    Clerk, ClerkSession, DeviceId, OutboxMessage, RateWindow, Slot, SlotId, Username,
};
use crate::ports::{
    BoxError, DeliveryOutcome, Record, RecordKey, RecordKind, Store, StoreError, UniqueKey, Versioned, Write,
};

type Item = HashMap<String, AttributeValue>;

const PENDING: &str = "OUTBOX#pending";
/// Dead letters stay on the index under their own key, for operators to list.
const DEAD: &str = "OUTBOX#dead";

pub struct DynamoStore {
    client: Client,
    table: String,
}

fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

fn n(v: impl ToString) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn unavailable(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(e))
}

fn corrupt(e: impl Into<BoxError>) -> StoreError {
    StoreError::Corrupt(e.into())
}

fn to_item<T: Serialize>(value: &T, pk: String, sk: &str) -> Result<Item, StoreError> {
    let mut item: Item = serde_dynamo::to_item(value).map_err(corrupt)?;
    item.insert("PK".into(), s(pk));
    item.insert("SK".into(), s(sk));
    Ok(item)
}

fn from_item<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    serde_dynamo::from_item(item).map_err(corrupt)
}

fn slot_sort_key(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn due_sort_key(t: DateTime<Utc>) -> String {
    format!("{:015}", t.timestamp_millis().max(0))
}

fn app_pk(id: &ApplicationId) -> String {
    format!("APP#{id}")
}

fn claim_pk(key: &UniqueKey) -> String {
    format!("UNIQ#{}#{}", key.kind.as_str(), key.hash)
}

/// An application item with its index keys (see the table above).
fn app_item(a: &Application) -> Result<Item, StoreError> {
    let mut item = to_item(a, app_pk(&a.id), "A")?;
    let (gpk, gsk) = match (a.status, a.verify_by) {
        (ApplicationStatus::AwaitingSmsCode, Some(deadline)) => ("UNVERIFIED".to_owned(), due_sort_key(deadline)),
        _ => (calls_pk(polish_date(a.slot.start)), format!("{}#{}", slot_sort_key(a.slot.start), a.id)),
    };
    item.insert("GSI1PK".into(), s(gpk));
    item.insert("GSI1SK".into(), s(gsk));
    Ok(item)
}

fn slot_item(slot: &Slot) -> Result<Item, StoreError> {
    let mut item = to_item(slot, format!("SLOT#{}", slot.id), "S")?;
    item.insert("GSI1PK".into(), s("SLOTS"));
    item.insert("GSI1SK".into(), s(slot_sort_key(slot.start)));
    Ok(item)
}

/// An account; an active profile is also indexed by the month its validity ends, which
/// is how the sweep finds profiles to close.
fn account_item(a: &Account) -> Result<Item, StoreError> {
    let mut item = to_item(a, format!("ACCOUNT#{}", a.id), "A")?;
    if let (AccountStatus::Active, Some(until)) = (a.status, a.valid_until) {
        item.insert("GSI1PK".into(), s(profiles_ending_pk(until)));
        item.insert("GSI1SK".into(), s(format!("{}#{}", due_sort_key(until), a.id)));
    }
    Ok(item)
}

fn profiles_ending_pk(t: DateTime<Utc>) -> String {
    format!("PROFILESENDING#{}", t.format("%Y-%m"))
}

/// How many months back the sweep looks for profiles past their end (older ones, if the
/// sweep was stopped that long, close when their owner signs in or a new application
/// meets their claims).
const ENDED_LOOK_BACK_MONTHS: u32 = 2;

fn calls_pk(day: NaiveDate) -> String {
    format!("CALLS#{day}")
}

fn audit_pk(day: NaiveDate) -> String {
    format!("AUDIT#{day}")
}

fn audit_item(e: &AuditEntry) -> Result<Item, StoreError> {
    let sk = time_sort_key(e.at, e.id.as_str());
    let mut item = to_item(e, audit_pk(polish_date(e.at)), &sk)?;
    if let Some(app) = &e.application_id {
        item.insert("GSI1PK".into(), s(format!("AUDITAPP#{app}")));
        item.insert("GSI1SK".into(), s(sk));
    }
    Ok(item)
}

fn time_sort_key(t: DateTime<Utc>, id: &str) -> String {
    format!("{}#{id}", t.format("%Y-%m-%dT%H:%M:%S%.3fZ"))
}

fn history_item(e: &AuditEntry) -> Result<Item, StoreError> {
    let account = e.application_id.as_ref().ok_or_else(|| corrupt("a history entry without its account"))?;
    to_item(e, format!("HISTORY#{account}"), &time_sort_key(e.at, e.id.as_str()))
}

fn record_pk(key: &RecordKey) -> String {
    format!("{}#{}", key.kind.as_str(), key.id)
}

fn pushes_pk(device: &DeviceId) -> String {
    format!("PUSHREQ#{device}")
}

/// A sign-in record with its `ttl` (a day after it became useless) and, for a push
/// still waiting, its place in the device's index.
fn record_item(r: &Record) -> Result<Item, StoreError> {
    let pk = record_pk(&r.key());
    let mut item = match r {
        Record::Challenge(c) => to_item(c, pk, "R")?,
        Record::Device(d) => to_item(d, pk, "R")?,
        Record::Session(x) => to_item(x, pk, "R")?,
        Record::AuthCode(c) => to_item(c, pk, "R")?,
        Record::AccessToken(t) => to_item(t, pk, "R")?,
    };
    if let Some(t) = r.useless_after() {
        item.insert("ttl".into(), n((t + chrono::Duration::days(1)).timestamp()));
    }
    if let Record::Challenge(c) = r {
        if let (ChallengeStatus::Pending, Some(p)) = (c.status, &c.push) {
            item.insert("GSI1PK".into(), s(pushes_pk(&p.device_id)));
            item.insert("GSI1SK".into(), s(time_sort_key(c.created_at, c.id.as_str())));
        }
    }
    Ok(item)
}

fn record_from_item(kind: RecordKind, item: Item) -> Result<Record, StoreError> {
    Ok(match kind {
        RecordKind::Challenge => Record::Challenge(from_item(item)?),
        RecordKind::Device => Record::Device(from_item(item)?),
        RecordKind::Session => Record::Session(from_item(item)?),
        RecordKind::AuthCode => Record::AuthCode(from_item(item)?),
        RecordKind::AccessToken => Record::AccessToken(from_item(item)?),
    })
}

fn session_pk(token_hash: &str) -> String {
    format!("CLERKSESSION#{token_hash}")
}

fn clerk_session_item(session: &ClerkSession) -> Result<Item, StoreError> {
    let mut item = to_item(session, session_pk(&session.token_hash), "S")?;
    // DynamoDB TTL removes it a day after it stopped being usable.
    item.insert("ttl".into(), n((session.idle_until() + chrono::Duration::days(1)).timestamp()));
    Ok(item)
}

fn clerk_pk(username: &str) -> String {
    format!("CLERK#{username}")
}

fn unconditional_put(table: &str, item: Item) -> Result<TransactWriteItem, StoreError> {
    let put = Put::builder().table_name(table).set_item(Some(item)).build().map_err(corrupt)?;
    Ok(TransactWriteItem::builder().put(put).build())
}

fn delete(table: &str, pk: String, sk: &str) -> aws_sdk_dynamodb::types::builders::DeleteBuilder {
    Delete::builder().table_name(table).key("PK", s(pk)).key("SK", s(sk))
}

fn put(table: &str, item: Item, condition: &str) -> PutBuilder {
    PutBuilder { put: Put::builder().table_name(table).set_item(Some(item)).condition_expression(condition) }
}

struct PutBuilder {
    put: aws_sdk_dynamodb::types::builders::PutBuilder,
}

impl PutBuilder {
    fn value(mut self, name: &str, v: AttributeValue) -> Self {
        self.put = self.put.expression_attribute_values(name, v);
        self
    }

    fn build(self) -> Result<TransactWriteItem, StoreError> {
        let put = self.put.build().map_err(corrupt)?;
        Ok(TransactWriteItem::builder().put(put).build())
    }
}

impl DynamoStore {
    pub fn new(sdk: &aws_config::SdkConfig, table: impl Into<String>) -> Self {
        Self { client: Client::new(sdk), table: table.into() }
    }

    /// On a client built by the caller (with an interceptor that counts requests, say).
    pub fn from_client(client: Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into() }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    fn transact_item(&self, w: Write) -> Result<TransactWriteItem, StoreError> {
        let t = &self.table;
        match w {
            Write::CreateApplication(a) => put(t, app_item(&a)?, "attribute_not_exists(PK)").build(),
            Write::UpdateApplication(mut a) => {
                let expected = a.version;
                a.version += 1;
                put(t, app_item(&a)?, "version = :v").value(":v", n(expected)).build()
            }
            Write::UpdateAccount(mut a) => {
                let expected = a.version;
                a.version += 1;
                let item = account_item(&a)?;
                // Accounts created before versions existed have none: version 0.
                put(t, item, "version = :v OR (attribute_not_exists(version) AND :v = :zero)")
                    .value(":v", n(expected))
                    .value(":zero", n(0))
                    .build()
            }
            Write::Release { key, owner } => {
                let del = delete(t, claim_pk(&key), "U")
                    .condition_expression("attribute_not_exists(PK) OR #o = :owner")
                    .expression_attribute_names("#o", "owner")
                    .expression_attribute_values(":owner", s(owner.as_str()))
                    .build()
                    .map_err(corrupt)?;
                Ok(TransactWriteItem::builder().delete(del).build())
            }
            Write::ReleaseSlot(id) => {
                let update = Update::builder()
                    .table_name(t)
                    .key("PK", s(format!("SLOT#{id}")))
                    .key("SK", s("S"))
                    .update_expression("SET booked = booked - :one")
                    .condition_expression("attribute_exists(PK) AND booked > :zero")
                    .expression_attribute_values(":one", n(1))
                    .expression_attribute_values(":zero", n(0))
                    .build()
                    .map_err(corrupt)?;
                Ok(TransactWriteItem::builder().update(update).build())
            }
            Write::CreateSlot(slot) => put(t, slot_item(&slot)?, "attribute_not_exists(PK)").build(),
            Write::ClaimTime(block) => {
                let mut item = Item::new();
                item.insert("PK".into(), s(format!("TIME#{block}")));
                item.insert("SK".into(), s("T"));
                put(t, item, "attribute_not_exists(PK)").build()
            }
            Write::CreateClerk(c) => {
                put(t, to_item(&c, clerk_pk(c.username.as_str()), "C")?, "attribute_not_exists(PK)").build()
            }
            Write::UpdateClerk(mut c) => {
                let expected = c.version;
                c.version += 1;
                put(t, to_item(&c, clerk_pk(c.username.as_str()), "C")?, "version = :v")
                    .value(":v", n(expected))
                    .build()
            }
            Write::PutClerkSession(session) => unconditional_put(t, clerk_session_item(&session)?),
            Write::TouchClerkSession(session) => put(t, clerk_session_item(&session)?, "attribute_exists(PK)").build(),
            Write::DeleteClerkSession(hash) => {
                let del = delete(t, session_pk(&hash), "S").build().map_err(corrupt)?;
                Ok(TransactWriteItem::builder().delete(del).build())
            }
            Write::Audit(e) => put(t, audit_item(&e)?, "attribute_not_exists(PK)").build(),
            Write::History(e) => put(t, history_item(&e)?, "attribute_not_exists(PK)").build(),
            Write::CreateRecord(r) => put(t, record_item(&r)?, "attribute_not_exists(PK)").build(),
            Write::UpdateRecord(mut r) => {
                let expected = r.version();
                r.bump_version();
                put(t, record_item(&r)?, "version = :v").value(":v", n(expected)).build()
            }
            Write::DeleteRecord(key) => {
                let del = delete(t, record_pk(&key), "R").build().map_err(corrupt)?;
                Ok(TransactWriteItem::builder().delete(del).build())
            }
            Write::ClearAttempts(key) => {
                let del = delete(t, attempts_pk(&key), "N").build().map_err(corrupt)?;
                Ok(TransactWriteItem::builder().delete(del).build())
            }
            Write::Reserve { key, owner, expires_at, now } => {
                let mut item = Item::new();
                item.insert("PK".into(), s(claim_pk(&key)));
                item.insert("SK".into(), s("U"));
                item.insert("owner".into(), s(owner.as_str()));
                if let Some(e) = expires_at {
                    item.insert("expires_at".into(), n(e.timestamp()));
                }
                put(t, item, "attribute_not_exists(PK) OR #o = :owner OR expires_at < :now")
                    .value(":owner", s(owner.as_str()))
                    .value(":now", n(now.timestamp()))
                    .build()
                    .map(|mut ti| {
                        if let Some(p) = ti.put.as_mut() {
                            p.expression_attribute_names = Some(HashMap::from([("#o".into(), "owner".into())]));
                        }
                        ti
                    })
            }
            Write::BookSlot(id) => {
                let update = Update::builder()
                    .table_name(t)
                    .key("PK", s(format!("SLOT#{id}")))
                    .key("SK", s("S"))
                    .update_expression("SET booked = booked + :one")
                    .condition_expression("attribute_exists(PK) AND booked < #cap")
                    .expression_attribute_names("#cap", "capacity")
                    .expression_attribute_values(":one", n(1))
                    .build()
                    .map_err(corrupt)?;
                Ok(TransactWriteItem::builder().update(update).build())
            }
            Write::PutRate { key, window, version } => {
                let mut item = to_item(&window, format!("RATE#{key}"), "R")?;
                item.insert("version".into(), n(version + 1));
                let cond = if version == 0 { "attribute_not_exists(PK)" } else { "version = :v" };
                let b = put(t, item, cond);
                if version == 0 {
                    b.build()
                } else {
                    b.value(":v", n(version)).build()
                }
            }
            Write::CreateAccount(a) => put(t, account_item(&a)?, "attribute_not_exists(PK)").build(),
            Write::Enqueue(m) => {
                let mut item = to_item(&m, format!("OUTBOX#{}", m.id), "M")?;
                item.insert("GSI1PK".into(), s(PENDING));
                item.insert("GSI1SK".into(), s(due_sort_key(m.next_attempt_at)));
                put(t, item, "attribute_not_exists(PK)").build()
            }
        }
    }

    async fn get(&self, pk: String, sk: &str) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("PK", s(pk))
            .key("SK", s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| unavailable(e.into_service_error()))?;
        Ok(out.item)
    }
}

fn attempts_pk(key: &str) -> String {
    format!("ATTEMPTS#{key}")
}

/// How many times counting an attempt goes round when windows open and close under it.
const ATTEMPT_ROUNDS: usize = 4;

impl DynamoStore {
    /// One attempt, in one request, into the open window if it has room or into a new
    /// one if there is none: `n = n + 1` on the condition that no window exists, or it is
    /// open and not full. `None` when the condition failed (full, or a closed window left).
    async fn add_attempt(
        &self,
        key: &str,
        limit: AttemptLimit,
        now: DateTime<Utc>,
    ) -> Result<Option<Admission>, StoreError> {
        let until = now + limit.window;
        let r = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("PK", s(attempts_pk(key)))
            .key("SK", s("N"))
            .update_expression("SET #n = if_not_exists(#n, :zero) + :one, #u = if_not_exists(#u, :until), #t = if_not_exists(#t, :ttl)")
            .condition_expression("attribute_not_exists(#n) OR (#n < :max AND #u > :now)")
            .expression_attribute_names("#n", "n")
            .expression_attribute_names("#u", "until")
            .expression_attribute_names("#t", "ttl")
            .expression_attribute_values(":zero", n(0))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":max", n(limit.max))
            .expression_attribute_values(":now", n(now.timestamp_millis()))
            .expression_attribute_values(":until", n(until.timestamp_millis()))
            .expression_attribute_values(":ttl", n((until + chrono::Duration::days(1)).timestamp()))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match r {
            Ok(out) => {
                let attrs = out.attributes.unwrap_or_default();
                let number = |name: &str| match attrs.get(name) {
                    Some(AttributeValue::N(v)) => v.parse::<i64>().map_err(corrupt),
                    _ => Err(corrupt(format!("attempt window without {name}"))),
                };
                let count = u32::try_from(number("n")?).map_err(corrupt)?;
                let until =
                    DateTime::from_timestamp_millis(number("until")?).ok_or_else(|| corrupt("attempt window end"))?;
                Ok(Some(Admission::Admitted { count, until }))
            }
            Err(e) => {
                let err = e.into_service_error();
                if err.is_conditional_check_failed_exception() {
                    Ok(None)
                } else {
                    Err(unavailable(err))
                }
            }
        }
    }

    /// Replaces a closed window by a new one with this attempt as its first, on the
    /// condition that none is open. `false` when another caller opened one first.
    async fn open_attempt_window(
        &self,
        key: &str,
        limit: AttemptLimit,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let until = now + limit.window;
        let r = self
            .client
            .put_item()
            .table_name(&self.table)
            .item("PK", s(attempts_pk(key)))
            .item("SK", s("N"))
            .item("n", n(1))
            .item("until", n(until.timestamp_millis()))
            .item("ttl", n((until + chrono::Duration::days(1)).timestamp()))
            .condition_expression("attribute_not_exists(PK) OR #u <= :now")
            .expression_attribute_names("#u", "until")
            .expression_attribute_values(":now", n(now.timestamp_millis()))
            .send()
            .await;
        match r {
            Ok(_) => Ok(true),
            Err(e) => {
                let err = e.into_service_error();
                if err.is_conditional_check_failed_exception() {
                    Ok(false)
                } else {
                    Err(unavailable(err))
                }
            }
        }
    }

    /// Every item of a query (all pages), in sort-key order.
    async fn query(
        &self,
        index: Option<&str>,
        key_condition: &str,
        values: Vec<(&str, AttributeValue)>,
    ) -> Result<Vec<Item>, StoreError> {
        let mut req = self.client.query().table_name(&self.table).key_condition_expression(key_condition);
        if let Some(index) = index {
            req = req.index_name(index);
        } else {
            req = req.consistent_read(true);
        }
        for (name, value) in values {
            req = req.expression_attribute_values(name, value);
        }
        req.into_paginator()
            .items()
            .send()
            .collect::<Result<_, _>>()
            .await
            .map_err(|e| unavailable(e.into_service_error()))
    }

    /// At most `limit` items of the outbox index (GSI1), one request: the oldest first.
    async fn first_page(
        &self,
        key_condition: &str,
        values: Vec<(&str, AttributeValue)>,
        limit: usize,
    ) -> Result<Vec<Item>, StoreError> {
        let mut req = self
            .client
            .query()
            .table_name(&self.table)
            .index_name("GSI1")
            .key_condition_expression(key_condition)
            .limit(i32::try_from(limit).unwrap_or(i32::MAX));
        for (name, value) in values {
            req = req.expression_attribute_values(name, value);
        }
        let out = req.send().await.map_err(|e| unavailable(e.into_service_error()))?;
        Ok(out.items.unwrap_or_default())
    }
}

/// The index of the first write whose condition failed, from the cancellation reasons.
fn conflict_index(err: &TransactWriteItemsError) -> Option<usize> {
    match err {
        TransactWriteItemsError::TransactionCanceledException(e) => {
            e.cancellation_reasons().iter().position(|r| r.code() == Some("ConditionalCheckFailed"))
        }
        _ => None,
    }
}

#[async_trait::async_trait]
impl Store for DynamoStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let items = writes.into_iter().map(|w| self.transact_item(w)).collect::<Result<Vec<_>, _>>()?;
        match self.client.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => Ok(()),
            Err(e) => {
                let err = e.into_service_error();
                match conflict_index(&err) {
                    Some(index) => Err(StoreError::Conflict { index }),
                    None => Err(unavailable(err)),
                }
            }
        }
    }

    async fn get_application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError> {
        self.get(app_pk(id), "A").await?.map(from_item).transpose()
    }

    async fn get_account(&self, id: &ApplicationId) -> Result<Option<Account>, StoreError> {
        self.get(format!("ACCOUNT#{id}"), "A").await?.map(from_item).transpose()
    }

    async fn get_rate(&self, key: &str) -> Result<Versioned<RateWindow>, StoreError> {
        let Some(mut item) = self.get(format!("RATE#{key}"), "R").await? else { return Ok(Versioned::default()) };
        let version = match item.remove("version") {
            Some(AttributeValue::N(v)) => v.parse().map_err(corrupt)?,
            _ => 0,
        };
        Ok(Versioned { value: from_item(item)?, version })
    }

    async fn count_attempt(&self, key: &str, limit: AttemptLimit, now: DateTime<Utc>) -> Result<Admission, StoreError> {
        for _ in 0..ATTEMPT_ROUNDS {
            if let Some(admitted) = self.add_attempt(key, limit, now).await? {
                return Ok(admitted);
            }
            // Full, or closed and still stored: read which.
            let open_until = match self.get(attempts_pk(key), "N").await? {
                Some(item) => match item.get("until") {
                    Some(AttributeValue::N(v)) => v.parse::<i64>().ok().and_then(DateTime::from_timestamp_millis),
                    _ => None,
                },
                None => None,
            };
            match open_until {
                Some(until) if until > now => return Ok(Admission::Refused { retry_after: until - now }),
                _ => {
                    if self.open_attempt_window(key, limit, now).await? {
                        return Ok(Admission::Admitted { count: 1, until: now + limit.window });
                    }
                }
            }
        }
        // Windows kept opening and filling under us: count it as refused, never as admitted.
        Ok(Admission::Refused { retry_after: chrono::Duration::seconds(1) })
    }

    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError> {
        let item = slot_item(slot)?;
        let r = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await;
        match r {
            Ok(_) => Ok(()),
            Err(e) => {
                let err = e.into_service_error();
                if err.is_conditional_check_failed_exception() {
                    Err(StoreError::Conflict { index: 0 })
                } else {
                    Err(unavailable(err))
                }
            }
        }
    }

    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError> {
        self.get(format!("SLOT#{id}"), "S").await?.map(from_item).transpose()
    }

    async fn list_slots(&self, from: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
        let pages = self
            .client
            .query()
            .table_name(&self.table)
            .index_name("GSI1")
            .key_condition_expression("GSI1PK = :pk AND GSI1SK > :from")
            .expression_attribute_values(":pk", s("SLOTS"))
            .expression_attribute_values(":from", s(slot_sort_key(from)))
            .into_paginator()
            .items()
            .send();
        let items: Vec<Item> =
            pages.collect::<Result<_, _>>().await.map_err(|e| unavailable(e.into_service_error()))?;
        let mut slots = items.into_iter().map(from_item::<Slot>).collect::<Result<Vec<_>, _>>()?;
        slots.retain(|s| s.start > from);
        Ok(slots)
    }

    async fn get_clerk(&self, username: &Username) -> Result<Option<Clerk>, StoreError> {
        self.get(clerk_pk(username.as_str()), "C").await?.map(from_item).transpose()
    }

    async fn get_clerk_session(&self, token_hash: &str) -> Result<Option<ClerkSession>, StoreError> {
        self.get(session_pk(token_hash), "S").await?.map(from_item).transpose()
    }

    async fn calls_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError> {
        let items = self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(calls_pk(day)))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn unverified_before(&self, now: DateTime<Utc>) -> Result<Vec<Application>, StoreError> {
        let values = vec![(":pk", s("UNVERIFIED")), (":now", s(due_sort_key(now)))];
        let items = self.query(Some("GSI1"), "GSI1PK = :pk AND GSI1SK < :now", values).await?;
        let apps: Vec<Application> = items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        Ok(apps.into_iter().filter(|a| a.status == ApplicationStatus::AwaitingSmsCode).collect())
    }

    async fn profiles_ended_before(&self, now: DateTime<Utc>) -> Result<Vec<Account>, StoreError> {
        let mut ended = Vec::new();
        for back in (0..=ENDED_LOOK_BACK_MONTHS).rev() {
            let Some(month) = now.checked_sub_months(chrono::Months::new(back)) else { continue };
            let values = vec![(":pk", s(profiles_ending_pk(month))), (":now", s(due_sort_key(now)))];
            for item in self.query(Some("GSI1"), "GSI1PK = :pk AND GSI1SK <= :now", values).await? {
                let account: Account = from_item(item)?;
                if account.is_due_to_expire(now) {
                    ended.push(account);
                }
            }
        }
        Ok(ended)
    }

    async fn audit_on(&self, day: NaiveDate) -> Result<Vec<AuditEntry>, StoreError> {
        let items = self.query(None, "PK = :pk", vec![(":pk", s(audit_pk(day)))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn audit_of(&self, application: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        let items =
            self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(format!("AUDITAPP#{application}")))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn claim_owner(&self, key: &UniqueKey) -> Result<Option<ApplicationId>, StoreError> {
        let Some(item) = self.get(claim_pk(key), "U").await? else { return Ok(None) };
        match item.get("owner") {
            Some(AttributeValue::S(owner)) => {
                ApplicationId::parse(owner).map(Some).map_err(|_| corrupt("bad claim owner"))
            }
            _ => Err(corrupt("a claim without its owner")),
        }
    }

    async fn get_record(&self, key: &RecordKey) -> Result<Option<Record>, StoreError> {
        self.get(record_pk(key), "R").await?.map(|item| record_from_item(key.kind, item)).transpose()
    }

    async fn pending_pushes(&self, device: &DeviceId, now: DateTime<Utc>) -> Result<Vec<Challenge>, StoreError> {
        let items = self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(pushes_pk(device)))]).await?;
        let challenges: Vec<Challenge> = items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        Ok(challenges.into_iter().filter(|c| c.awaits_app(now)).collect())
    }

    async fn history_of(&self, account: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        let items = self.query(None, "PK = :pk", vec![(":pk", s(format!("HISTORY#{account}")))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn get_message(&self, id: &str) -> Result<Option<OutboxMessage>, StoreError> {
        self.get(format!("OUTBOX#{id}"), "M").await?.map(from_item).transpose()
    }

    async fn due_messages(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<String>, StoreError> {
        let values = vec![(":pk", s(PENDING)), (":now", s(due_sort_key(now)))];
        let items = self.first_page("GSI1PK = :pk AND GSI1SK <= :now", values, limit).await?;
        Ok(items
            .into_iter()
            .filter_map(|mut i| match i.remove("id") {
                Some(AttributeValue::S(id)) => Some(id),
                _ => None,
            })
            .collect())
    }

    async fn claim_message(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>, StoreError> {
        let r = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("PK", s(format!("OUTBOX#{id}")))
            .key("SK", s("M"))
            .update_expression("SET lease_until = :lease, attempts = attempts + :one")
            .condition_expression(
                "#st = :pending AND next_attempt_at <= :now AND (attribute_not_exists(lease_until) OR attribute_type(lease_until, :null) OR lease_until < :now)",
            )
            .expression_attribute_names("#st", "status")
            .expression_attribute_values(":lease", n((now + LEASE).timestamp_millis()))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":pending", s("pending"))
            .expression_attribute_values(":now", n(now.timestamp_millis()))
            .expression_attribute_values(":null", s("NULL"))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match r {
            Ok(out) => out.attributes.map(from_item).transpose(),
            Err(e) => {
                let err = e.into_service_error();
                if err.is_conditional_check_failed_exception() {
                    Ok(None)
                } else {
                    Err(unavailable(err))
                }
            }
        }
    }

    async fn dead_messages(&self, limit: usize) -> Result<Vec<OutboxMessage>, StoreError> {
        let items = self.first_page("GSI1PK = :pk", vec![(":pk", s(DEAD))], limit).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn requeue_message(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let r = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("PK", s(format!("OUTBOX#{id}")))
            .key("SK", s("M"))
            .update_expression(
                "SET #st = :pending, attempts = :zero, next_attempt_at = :now, GSI1PK = :pk, GSI1SK = :due",
            )
            .condition_expression("#st = :dead")
            .expression_attribute_names("#st", "status")
            .expression_attribute_values(":pending", s("pending"))
            .expression_attribute_values(":dead", s("dead"))
            .expression_attribute_values(":zero", n(0))
            .expression_attribute_values(":now", n(now.timestamp_millis()))
            .expression_attribute_values(":pk", s(PENDING))
            .expression_attribute_values(":due", s(due_sort_key(now)))
            .send()
            .await;
        match r {
            Ok(_) => Ok(true),
            Err(e) => {
                let err = e.into_service_error();
                if err.is_conditional_check_failed_exception() {
                    Ok(false)
                } else {
                    Err(unavailable(err))
                }
            }
        }
    }

    async fn finish_message(&self, id: &str, outcome: DeliveryOutcome) -> Result<(), StoreError> {
        let req = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("PK", s(format!("OUTBOX#{id}")))
            .key("SK", s("M"))
            .condition_expression("attribute_exists(lease_until) AND NOT attribute_type(lease_until, :null)")
            .expression_attribute_values(":null", s("NULL"));
        let req = match outcome {
            DeliveryOutcome::Sent { at } => req
                .update_expression(
                    "SET #st = :sent, sent_at = :at REMOVE lease_until, body, last_error, GSI1PK, GSI1SK",
                )
                .expression_attribute_names("#st", "status")
                .expression_attribute_values(":sent", s("sent"))
                .expression_attribute_values(":at", s(at.to_rfc3339())),
            DeliveryOutcome::Retry { next_attempt_at, error } => req
                .update_expression("SET next_attempt_at = :next, last_error = :err, GSI1SK = :due REMOVE lease_until")
                .expression_attribute_values(":next", n(next_attempt_at.timestamp_millis()))
                .expression_attribute_values(":err", s(error))
                .expression_attribute_values(":due", s(due_sort_key(next_attempt_at))),
            DeliveryOutcome::Dead { error } => req
                .update_expression("SET #st = :dead, last_error = :err, GSI1PK = :deadpk REMOVE lease_until")
                .expression_attribute_names("#st", "status")
                .expression_attribute_values(":dead", s("dead"))
                .expression_attribute_values(":err", s(error))
                .expression_attribute_values(":deadpk", s(DEAD)),
        };
        match req.send().await {
            Ok(_) => Ok(()),
            Err(e) => {
                let err = e.into_service_error();
                if err.is_conditional_check_failed_exception() {
                    Err(StoreError::Conflict { index: 0 })
                } else {
                    Err(unavailable(err))
                }
            }
        }
    }
}

#[cfg(feature = "local")]
impl DynamoStore {
    /// Creates the table as `template.yaml` declares it, if it does not exist yet
    /// (for an emulator or a fresh test table; the deployed table comes from the template).
    pub async fn ensure_table(&self) -> Result<(), StoreError> {
        let spec = super::table_spec::TableSpec::of_template().map_err(unavailable)?;
        spec.ensure(&self.client, &self.table).await.map_err(unavailable)
    }
}
