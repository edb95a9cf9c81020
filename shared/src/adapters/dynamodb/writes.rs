//! `Store::commit`: each `Write` as one item of a `TransactWriteItems`, under its
//! condition expression; a cancelled transaction names the condition that failed.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem, Update};

use super::attempts::{attempts_pk, Shift};
use super::items::*;
use super::{malformed, n, s, DynamoStore, Item};
use chrono::{DateTime, Utc};

use crate::domain::SlotId;
use crate::ports::{StoreError, UniqueKey, Write};

pub(super) fn unconditional_put(table: &str, item: Item) -> Result<TransactWriteItem, StoreError> {
    let put = Put::builder().table_name(table).set_item(Some(item)).build().map_err(malformed)?;
    Ok(TransactWriteItem::builder().put(put).build())
}

pub(super) fn delete(table: &str, pk: String, sk: &str) -> aws_sdk_dynamodb::types::builders::DeleteBuilder {
    Delete::builder().table_name(table).key("PK", s(pk)).key("SK", s(sk))
}

pub(super) fn put(table: &str, item: Item, condition: &str) -> PutBuilder {
    PutBuilder { put: Put::builder().table_name(table).set_item(Some(item)).condition_expression(condition) }
}

pub(super) struct PutBuilder {
    put: aws_sdk_dynamodb::types::builders::PutBuilder,
}

impl PutBuilder {
    fn value(mut self, name: &str, v: AttributeValue) -> Self {
        self.put = self.put.expression_attribute_values(name, v);
        self
    }

    fn build(self) -> Result<TransactWriteItem, StoreError> {
        let put = self.put.build().map_err(malformed)?;
        Ok(TransactWriteItem::builder().put(put).build())
    }
}

/// A new item: the condition is that none has its key.
fn create(table: &str, item: Item) -> Result<TransactWriteItem, StoreError> {
    put(table, item, "attribute_not_exists(PK)").build()
}

/// A new version of an item: the condition is that the stored one is still `expected`.
fn versioned(table: &str, item: Item, expected: u64) -> Result<TransactWriteItem, StoreError> {
    put(table, item, "version = :v").value(":v", n(expected)).build()
}

/// An item with nothing but its key.
fn key_item(pk: String, sk: &str) -> Item {
    Item::from([("PK".to_owned(), s(pk)), ("SK".to_owned(), s(sk))])
}

fn delete_item(table: &str, pk: String, sk: &str) -> Result<TransactWriteItem, StoreError> {
    let del = delete(table, pk, sk).build().map_err(malformed)?;
    Ok(TransactWriteItem::builder().delete(del).build())
}

/// A uniqueness claim for `owner`: free, already its own, or expired.
fn reserve(
    table: &str,
    key: &UniqueKey,
    owner: &str,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<TransactWriteItem, StoreError> {
    let mut item = key_item(claim_pk(key), "U");
    item.insert("owner".into(), s(owner));
    if let Some(e) = expires_at {
        item.insert("expires_at".into(), n(e.timestamp()));
    }
    let put = Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression("attribute_not_exists(PK) OR #o = :owner OR expires_at < :now")
        .expression_attribute_names("#o", "owner")
        .expression_attribute_values(":owner", s(owner))
        .expression_attribute_values(":now", n(now.timestamp()))
        .build()
        .map_err(malformed)?;
    Ok(TransactWriteItem::builder().put(put).build())
}

/// Frees a claim unless someone else holds it.
fn release(table: &str, key: &UniqueKey, owner: &str) -> Result<TransactWriteItem, StoreError> {
    let del = delete(table, claim_pk(key), "U")
        .condition_expression("attribute_not_exists(PK) OR #o = :owner")
        .expression_attribute_names("#o", "owner")
        .expression_attribute_values(":owner", s(owner))
        .build()
        .map_err(malformed)?;
    Ok(TransactWriteItem::builder().delete(del).build())
}

/// Moves a slot's `booked` count by one (`update`), on `condition` and the slot existing.
fn slot_count(table: &str, id: &SlotId, update: &str, condition: &str) -> Result<TransactWriteItem, StoreError> {
    let mut builder = Update::builder()
        .table_name(table)
        .key("PK", s(slot_pk(id)))
        .key("SK", s("S"))
        .update_expression(update)
        .condition_expression(format!("attribute_exists(PK) AND {condition}"))
        .expression_attribute_values(":one", n(1));
    builder = if condition.contains("#cap") {
        builder.expression_attribute_names("#cap", "capacity")
    } else {
        builder.expression_attribute_values(":zero", n(0))
    };
    Ok(TransactWriteItem::builder().update(builder.build().map_err(malformed)?).build())
}

/// One more event under `pk`, shifted in on the `Shift`'s condition (see `attempts.rs`).
fn shift_in(table: &str, pk: String, sk: &str, shift: Shift) -> Result<TransactWriteItem, StoreError> {
    let mut update = Update::builder()
        .table_name(table)
        .key("PK", s(pk))
        .key("SK", s(sk))
        .update_expression(shift.update)
        .condition_expression(shift.condition);
    for (name, attr) in shift.names {
        update = update.expression_attribute_names(name, attr);
    }
    for (name, value) in shift.values {
        update = update.expression_attribute_values(name, value);
    }
    Ok(TransactWriteItem::builder().update(update.build().map_err(malformed)?).build())
}

impl DynamoStore {
    /// Writes all or nothing (one `TransactWriteItems`).
    pub(super) async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let conditions: Vec<_> = writes.iter().map(Write::condition).collect();
        let items = writes.into_iter().map(|w| self.transact_item(w)).collect::<Result<Vec<_>, _>>()?;
        let sent = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        let Err(e) = sent else { return Ok(()) };
        let reasons: Vec<Option<String>> = match &e {
            aws_sdk_dynamodb::error::SdkError::ServiceError(se) => match se.err() {
                TransactWriteItemsError::TransactionCanceledException(c) => {
                    c.cancellation_reasons().iter().map(|r| r.code().map(str::to_owned)).collect()
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        match cancelled_by(&reasons, &conditions) {
            Some(err) => Err(err),
            None => Err(super::classify(e)),
        }
    }

    /// One `Write` as a transaction item under its condition (see `Write` for each).
    fn transact_item(&self, w: Write) -> Result<TransactWriteItem, StoreError> {
        let t = &self.table;
        match w {
            Write::CreateApplication(a) => create(t, app_item(&a)?),
            Write::UpdateApplication(mut a) => {
                a.version += 1;
                versioned(t, app_item(&a)?, a.version - 1)
            }
            Write::UpdateAccount(mut a) => {
                a.version += 1;
                // Accounts created before versions existed have none: version 0.
                put(t, account_item(&a)?, "version = :v OR (attribute_not_exists(version) AND :v = :zero)")
                    .value(":v", n(a.version - 1))
                    .value(":zero", n(0))
                    .build()
            }
            Write::Release { key, owner } => release(t, &key, owner.as_str()),
            Write::BookSlot(id) => slot_count(t, &id, "SET booked = booked + :one", "booked < #cap"),
            Write::ReleaseSlot(id) => slot_count(t, &id, "SET booked = booked - :one", "booked > :zero"),
            Write::CreateSlot(slot) => create(t, slot_item(&slot)?),
            Write::ClaimTime(block) => create(t, key_item(format!("TIME#{block}"), "T")),
            Write::CreateClerk(c) => create(t, to_item(&c, clerk_pk(c.username.as_str()), "C")?),
            Write::UpdateClerk(mut c) => {
                c.version += 1;
                versioned(t, to_item(&c, clerk_pk(c.username.as_str()), "C")?, c.version - 1)
            }
            Write::PutClerkSession(session) => unconditional_put(t, clerk_session_item(&session)?),
            Write::TouchClerkSession(session) => put(t, clerk_session_item(&session)?, "attribute_exists(PK)").build(),
            Write::DeleteClerkSession(hash) => delete_item(t, session_pk(&hash), "S"),
            Write::Audit(e) => create(t, audit_item(&e)?),
            Write::History(e) => create(t, history_item(&e)?),
            Write::CreateRecord(r) => create(t, record_item(&r)?),
            Write::UpdateRecord(mut r) => {
                r.bump_version();
                versioned(t, record_item(&r)?, r.version() - 1)
            }
            Write::DeleteRecord(key) => delete_item(t, record_pk(&key), "R"),
            Write::ClearAttempts(key) => delete_item(t, attempts_pk(&key), "N"),
            Write::Reserve { key, owner, expires_at, now } => reserve(t, &key, owner.as_str(), expires_at, now),
            Write::CountRate { key, limit, period, now } => {
                shift_in(t, rate_pk(&key), "R", Shift::new(limit, limit, period, now)?)
            }
            Write::CountAttempt { key, limit, now, spare } => {
                let kept = usize::try_from(limit.max).map_err(malformed)?;
                let room = kept.saturating_sub(usize::try_from(spare).map_err(malformed)?);
                shift_in(t, attempts_pk(&key), "N", Shift::new(kept, room, limit.window, now)?)
            }
            Write::CreateAccount(a) => create(t, account_item(&a)?),
            Write::ForgetAccount { id, version } => {
                let del = delete(t, account_pk(&id), "A")
                    .condition_expression("version = :v OR (attribute_not_exists(version) AND :v = :zero)")
                    .expression_attribute_values(":v", n(version))
                    .expression_attribute_values(":zero", n(0))
                    .build()
                    .map_err(malformed)?;
                Ok(TransactWriteItem::builder().delete(del).build())
            }
            Write::ForgetApplication(id) => delete_item(t, app_pk(&id), "A"),
            Write::Enqueue(m) => {
                let mut item = to_item(&m, format!("OUTBOX#{}", m.id), "M")?;
                item.insert("GSI1PK".into(), s(self.stirred(&m.id)));
                item.insert("GSI1SK".into(), s(due_sort_key(m.next_attempt_at)));
                create(t, item)
            }
        }
    }
}

/// What cancelled a transaction, from its reasons (one per write, in order): the first
/// failed condition by its name, or contention (another transaction, throttling).
fn cancelled_by(reasons: &[Option<String>], conditions: &[Option<crate::ports::Condition>]) -> Option<StoreError> {
    let failed = reasons.iter().zip(conditions).find(|(r, _)| r.as_deref() == Some("ConditionalCheckFailed"));
    if let Some((_, Some(condition))) = failed {
        return Some(StoreError::Conflict(*condition));
    }
    let contended = reasons
        .iter()
        .flatten()
        .find(|r| matches!(r.as_str(), "TransactionConflict" | "ThrottlingError" | "ProvisionedThroughputExceeded"));
    contended.map(|r| StoreError::Throttled(format!("transaction cancelled: {r}").into()))
}

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
