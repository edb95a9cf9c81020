//! Counting attempts before the check: one conditional `UpdateItem` per attempt.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use chrono::{DateTime, Utc};

use super::{conditional, corrupt, n, s, DynamoStore};
use crate::domain::attempts::{Admission, AttemptLimit};
use crate::ports::{Attempts, StoreError};

pub(super) fn attempts_pk(key: &str) -> String {
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
        match conditional(r)? {
            Some(out) => {
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
            None => Ok(None),
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
        Ok(conditional(r)?.is_some())
    }
}

#[async_trait::async_trait]
impl Attempts for DynamoStore {
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
}
