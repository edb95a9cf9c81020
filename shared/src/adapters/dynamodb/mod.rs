//! The DynamoDB store: one table (`PK`, `SK`) with one index (`GSI1PK`, `GSI1SK`).
//!
//! | item          | PK                      | SK | GSI1PK          | GSI1SK              |
//! |---------------|-------------------------|----|-----------------|---------------------|
//! | application   | `APP#<id>`              | A  |                 |                     |
//! | account       | `ACCOUNT#<id>`          | A  |                 |                     |
//! | unique claim  | `UNIQ#<kind>#<hmac>`    | U  |                 |                     |
//! | slot          | `SLOT#<id>`             | S  | `SLOTS#<UTC day of start>` | start (fixed format)|
//! | rate window   | `RATE#<key>`            | R  |                 | (`t0`… latest events, `ttl`) |
//! | (account, active)| `ACCOUNT#<id>`       | A  | `PROFILESENDING#<yyyy-mm of valid_until>` | valid_until (ms)#id |
//! | attempt window| `ATTEMPTS#<limit>#<hmac>`| N |                 | (`t0`… latest attempts, `ttl`) |
//! | outbox message| `OUTBOX#<id>`           | M  | `OUTBOX#pending#<lane>#<shard>` while pending, `OUTBOX#dead` dead | due time (ms, padded)|
//! | schedule block| `TIME#<yyyy-mm-ddThh:mm>`| T |                 |                     |
//! | clerk         | `CLERK#<username>`      | C  |                 |                     |
//! | clerk session | `CLERKSESSION#<hmac>`   | S  |                 | (`ttl` for DynamoDB TTL) |
//! | audit entry   | `AUDIT#<Polish date>`   | time#id | `AUDITAPP#<app id>` | time#id   |
//! | history entry | `HISTORY#<account id>`  | time#id |                 |                     |
//! | sign-in record| `<KIND>#<id or hmac>` (`CHALLENGE`, `DEVICE`, `SESSION`, `AUTHCODE`, `ACCESSTOKEN`, `RECOVERY`, `DISAVOW`, `IDPSTATE`, `VOUCHED`, `ASSERTION`) | R | `PUSHREQ#<device>` while a push waits | created time |
//! | confirmation point | `POINT#<id>`       | P  | `POINTS`        | id                  |
//! | relying service | `CLIENT#<client id>`   | C  | `CLIENTS`       | client id           |
//!
//! Applications are also indexed: waiting for the SMS code under `UNVERIFIED` (by
//! deadline), afterwards under `CALLS#<Polish date of the slot>` (by slot start), which
//! is how the clerk's day and the expiry sweep find them; an office application instead
//! under `OFFICE#<Polish date its 14 days end>` (by deadline) until it is decided.
//!
//! The busy index keys are split so that no partition takes the whole country's traffic
//! (SCALE.md): pending messages by lane (`email`, `sms`, `push`, from the id) and a
//! hash of the id (`outbox::Shard`), slots by the day they start. Items keyed the old
//! way (`OUTBOX#pending`, `SLOTS`) are still read until none is left.
//!
//! Every invariant is a condition expression; multi-item changes are one
//! `TransactWriteItems`. Times compared in conditions are stored as epoch numbers.
//! Independent reads of one step are one `BatchGetItem` (`Store::get_many`).

mod attempts;
mod items;
mod queue;
mod store;
mod writes;

use std::collections::HashMap;

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes};
use aws_sdk_dynamodb::Client;

use crate::ports::{BoxError, StoreError};

type Item = HashMap<String, AttributeValue>;

pub struct DynamoStore {
    client: Client,
    table: String,
    quiet: queue::QuietShards,
}

fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

fn n(v: impl ToString) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn corrupt(e: impl Into<BoxError>) -> StoreError {
    StoreError::Corrupt(e.into())
}

/// A request this adapter built that the SDK refused to build.
fn malformed(e: impl Into<BoxError>) -> StoreError {
    StoreError::Malformed(e.into())
}

/// DynamoDB's error codes for "slow down": nothing was written, a retry may succeed.
const THROTTLING: [&str; 5] = [
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "TransactionConflictException",
    "TransactionInProgressException",
];

/// Sorts a failed request by what the caller can do about it.
fn classify<E, R>(e: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match e {
        SdkError::ConstructionFailure(_) => malformed(e),
        SdkError::ServiceError(se) => {
            let err = se.into_err();
            match err.code() {
                Some("ResourceNotFoundException") => StoreError::TableMissing(Box::new(err)),
                Some(code) if THROTTLING.contains(&code) => StoreError::Throttled(Box::new(err)),
                Some("ValidationException" | "SerializationException") => StoreError::Malformed(Box::new(err)),
                _ => StoreError::Unavailable(Box::new(err)),
            }
        }
        _ => StoreError::Unavailable(Box::new(e)),
    }
}

/// The answer of a conditional request: `Some` when written, `None` when its condition
/// did not hold, or the failure sorted by `classify`.
fn conditional<T, E, R>(r: Result<T, SdkError<E, R>>) -> Result<Option<T>, StoreError>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match r {
        Ok(out) => Ok(Some(out)),
        Err(SdkError::ServiceError(se)) if se.err().code() == Some("ConditionalCheckFailedException") => Ok(None),
        Err(e) => Err(classify(e)),
    }
}

/// How many times a batch read asks again for the keys DynamoDB left unprocessed.
const BATCH_ROUNDS: u32 = 4;

impl DynamoStore {
    pub fn new(sdk: &aws_config::SdkConfig, table: impl Into<String>) -> Self {
        Self { client: Client::new(sdk), table: table.into(), quiet: Default::default() }
    }

    /// On a client built by the caller (with an interceptor that counts requests, say).
    pub fn from_client(client: Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into(), quiet: Default::default() }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub(super) async fn get(&self, pk: String, sk: &str) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("PK", s(pk))
            .key("SK", s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(classify)?;
        Ok(out.item)
    }

    /// Several items in one `BatchGetItem` (consistent reads), by key; keys DynamoDB left
    /// unprocessed (throttling) are asked for again.
    pub(super) async fn batch_get(
        &self,
        keys: &[(String, &'static str)],
    ) -> Result<HashMap<(String, &'static str), Item>, StoreError> {
        let mut wanted: Vec<Item> = Vec::new();
        for (pk, sk) in keys {
            let key = Item::from([("PK".to_owned(), s(pk.as_str())), ("SK".to_owned(), s(*sk))]);
            // DynamoDB refuses a batch that names one key twice.
            if !wanted.contains(&key) {
                wanted.push(key);
            }
        }
        let mut found = HashMap::new();
        for round in 0..BATCH_ROUNDS {
            if wanted.is_empty() {
                break;
            }
            if round > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(25 << round)).await;
            }
            let ask = KeysAndAttributes::builder()
                .set_keys(Some(std::mem::take(&mut wanted)))
                .consistent_read(true)
                .build()
                .map_err(malformed)?;
            let out = self.client.batch_get_item().request_items(&self.table, ask).send().await.map_err(classify)?;
            for item in out.responses.and_then(|mut r| r.remove(&self.table)).unwrap_or_default() {
                let key = keys
                    .iter()
                    .find(|(pk, sk)| item.get("PK") == Some(&s(pk.as_str())) && item.get("SK") == Some(&s(*sk)));
                if let Some((pk, sk)) = key {
                    found.insert((pk.clone(), *sk), item);
                }
            }
            wanted = out.unprocessed_keys.and_then(|mut u| u.remove(&self.table)).map(|k| k.keys).unwrap_or_default();
        }
        if wanted.is_empty() {
            Ok(found)
        } else {
            Err(StoreError::Throttled("batch read left keys unprocessed".into()))
        }
    }

    /// Every item of a query (all pages), in sort-key order.
    pub(super) async fn query(
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
        req.into_paginator().items().send().collect::<Result<_, _>>().await.map_err(classify)
    }

    /// Queries sent at once (one per partition of a split key; every page when
    /// `all_pages`, else the first), answered in the order given.
    pub(super) async fn query_each(
        &self,
        queries: Vec<aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder>,
        all_pages: bool,
    ) -> Result<Vec<Vec<Item>>, StoreError> {
        let mut running = tokio::task::JoinSet::new();
        for (i, q) in queries.into_iter().enumerate() {
            running.spawn(async move {
                let items = if all_pages {
                    q.into_paginator().items().send().collect::<Result<Vec<_>, _>>().await
                } else {
                    q.send().await.map(|out| out.items.unwrap_or_default())
                };
                (i, items)
            });
        }
        let mut answers = Vec::new();
        while let Some(done) = running.join_next().await {
            let (i, items) = done.map_err(|e| StoreError::Unavailable(e.into()))?;
            answers.push((i, items.map_err(classify)?));
        }
        answers.sort_by_key(|(i, _)| *i);
        Ok(answers.into_iter().map(|(_, items)| items).collect())
    }

    /// A query of the index (GSI1).
    pub(super) fn index_query(
        &self,
        key_condition: &str,
        values: Vec<(&str, AttributeValue)>,
    ) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
        let mut req =
            self.client.query().table_name(&self.table).index_name("GSI1").key_condition_expression(key_condition);
        for (name, value) in values {
            req = req.expression_attribute_values(name, value);
        }
        req
    }

    /// At most `limit` items of the outbox index (GSI1), one request: the oldest first.
    pub(super) async fn first_page(
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
        let out = req.send().await.map_err(classify)?;
        Ok(out.items.unwrap_or_default())
    }
}

#[cfg(feature = "local")]
impl DynamoStore {
    /// Creates the table as `template.yaml` declares it, if it does not exist yet
    /// (for an emulator or a fresh test table; the deployed table comes from the template).
    pub async fn ensure_table(&self) -> Result<(), StoreError> {
        let spec = super::table_spec::TableSpec::of_template().map_err(|e| StoreError::Malformed(e.into()))?;
        spec.ensure(&self.client, &self.table).await.map_err(|e| StoreError::Unavailable(e.into()))
    }
}
