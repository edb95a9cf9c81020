//! `Store::commit`: each `Write` as one item of a `TransactWriteItems`, under its
//! condition expression; a cancelled transaction names the condition that failed.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem, Update};

use super::attempts::attempts_pk;
use super::items::*;
use super::{malformed, n, s, DynamoStore, Item};
use crate::ports::{StoreError, Write};

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
                    .map_err(malformed)?;
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
                    .map_err(malformed)?;
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
                let del = delete(t, session_pk(&hash), "S").build().map_err(malformed)?;
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
                let del = delete(t, record_pk(&key), "R").build().map_err(malformed)?;
                Ok(TransactWriteItem::builder().delete(del).build())
            }
            Write::ClearAttempts(key) => {
                let del = delete(t, attempts_pk(&key), "N").build().map_err(malformed)?;
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
                    .map_err(malformed)?;
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
