//! Counting attempts before the check: one conditional `UpdateItem` per attempt, no read
//! first. The item keeps the latest attempts (`t0` the latest, epoch ms); each count
//! shifts them along by one and writes `now` as `t0`, on the condition that the oldest
//! kept (`t{max-1}`) is missing or already out of the window: a sliding window
//! (`AttemptWindow`) in a single write. Rate windows (`Write::CountRate`) are the same.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use chrono::{DateTime, Utc};

use super::items::rate_event;
use super::{conditional, malformed, n, s, DynamoStore, Item};
use crate::domain::attempts::{Admission, AttemptLimit, AttemptWindow};
use crate::ports::{Attempts, StoreError};

pub(super) fn attempts_pk(key: &str) -> String {
    format!("ATTEMPTS#{key}")
}

/// The expressions of one shift: keep `kept` latest events, admit if the `room`-th
/// latest (counting from 1) is missing or not after `now - period`.
pub(super) struct Shift {
    pub update: String,
    pub condition: String,
    pub names: Vec<(String, String)>,
    pub values: Vec<(String, AttributeValue)>,
}

impl Shift {
    pub(super) fn new(
        kept: usize,
        room: usize,
        period: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<Self, StoreError> {
        if room == 0 || room > kept {
            return Err(malformed("a window with no room"));
        }
        // Every operand is read from the item as it was: `t2 = t1, t1 = t0` shifts.
        let mut set: Vec<String> =
            (1..kept).rev().map(|i| format!("#t{i} = if_not_exists(#t{}, :zero)", i - 1)).collect();
        set.push("#t0 = :now".to_owned());
        set.push("#ttl = :ttl".to_owned());
        let check = room - 1;
        let mut names: Vec<(String, String)> = (0..kept).map(|i| (format!("#t{i}"), rate_event(i))).collect();
        names.push(("#ttl".to_owned(), "ttl".to_owned()));
        let mut values = vec![
            (":now".to_owned(), n(now.timestamp_millis())),
            (":since".to_owned(), n((now - period).timestamp_millis())),
            (":ttl".to_owned(), n((now + period + chrono::Duration::days(1)).timestamp())),
        ];
        if kept > 1 {
            values.push((":zero".to_owned(), n(0)));
        }
        Ok(Self {
            update: format!("SET {}", set.join(", ")),
            condition: format!("attribute_not_exists(#t{check}) OR #t{check} <= :since"),
            names,
            values,
        })
    }
}

/// The attempts an item keeps, oldest first.
pub(super) fn window_from_item(item: &Item) -> Result<AttemptWindow, StoreError> {
    Ok(AttemptWindow { attempts: super::items::rate_from_item(item)?.events })
}

fn kept(limit: AttemptLimit) -> Result<usize, StoreError> {
    usize::try_from(limit.max).map_err(malformed)
}

#[async_trait::async_trait]
impl Attempts for DynamoStore {
    async fn count_attempt(&self, key: &str, limit: AttemptLimit, now: DateTime<Utc>) -> Result<Admission, StoreError> {
        let max = kept(limit)?;
        let shift = Shift::new(max, max, limit.window, now)?;
        let mut req = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("PK", s(attempts_pk(key)))
            .key("SK", s("N"))
            .update_expression(shift.update)
            .condition_expression(shift.condition)
            .return_values(ReturnValue::AllNew);
        for (name, attr) in shift.names {
            req = req.expression_attribute_names(name, attr);
        }
        for (name, value) in shift.values {
            req = req.expression_attribute_values(name, value);
        }
        if let Some(out) = conditional(req.send().await)? {
            let window = window_from_item(&out.attributes.unwrap_or_default())?;
            return Ok(window.admission(limit, now));
        }
        // Full: read how long until its oldest leaves (a refused attempt may cost a read).
        let window = match self.get(attempts_pk(key), "N").await? {
            Some(item) => window_from_item(&item)?,
            None => AttemptWindow::default(),
        };
        let retry_after = window.full(limit, now).unwrap_or_else(|| chrono::Duration::seconds(1));
        Ok(Admission::Refused { retry_after: retry_after.max(chrono::Duration::seconds(1)) })
    }
}
