//! What invokes the functions that no HTTP request invokes: the table's stream (read
//! through the DynamoDB Streams API of the emulator, filtered by each trigger's
//! `FilterCriteria`, in batches of its `BatchSize`) and the schedules.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodbstreams::types::{AttributeValue, Record, ShardIteratorType};
use serde_json::{json, Value};

use super::runtime::Runtime;
use crate::functions::{passes, FunctionSpec};

/// Schedules run at their rate, but at least this often locally, so that a demo shows
/// retries and expiry without waiting a quarter of an hour.
const LOCAL_SCHEDULE_CEILING: Duration = Duration::from_secs(30);

/// A failed batch is retried this many times before its records are left to the
/// sender's schedule (Lambda retries up to `MaximumRetryAttempts`, then the dead-letter queue).
const BATCH_RETRIES: usize = 3;

pub async fn schedule(runtime: Arc<Runtime>, spec: FunctionSpec, every: Duration) {
    let every = every.min(LOCAL_SCHEDULE_CEILING);
    loop {
        tokio::time::sleep(every).await;
        let event = scheduled_event(&spec);
        match runtime.invoke(&spec.crate_name, &event).await {
            Ok(result) if result.get("errorType").is_some() => {
                tracing::warn!(function = %spec.crate_name, error = %result, "scheduled run failed")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "scheduled run not delivered"),
        }
    }
}

/// The EventBridge event a `Schedule` sends.
fn scheduled_event(spec: &FunctionSpec) -> Value {
    let now = chrono::Utc::now();
    json!({
        "version": "0",
        "id": format!("{}-{}", spec.logical_id, now.timestamp_millis()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": crate::event::ACCOUNT_ID,
        "time": now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "region": std::env::var("AWS_REGION").unwrap_or_else(|_| "eu-central-1".into()),
        "resources": [format!("arn:aws:events:eu-central-1:{}:rule/pz-local-{}", crate::event::ACCOUNT_ID, spec.logical_id)],
        "detail": {}
    })
}

/// Reads the table's stream from its start and hands every record to each stream
/// function whose filters it passes, until the gateway stops.
pub async fn forward_stream(
    sdk: aws_config::SdkConfig,
    table: String,
    runtime: Arc<Runtime>,
    specs: Vec<FunctionSpec>,
) {
    let dynamodb = aws_sdk_dynamodb::Client::new(&sdk);
    let streams = aws_sdk_dynamodbstreams::Client::new(&sdk);
    let mut iterators: HashMap<String, Option<String>> = HashMap::new();
    let mut stream_arn = None;
    loop {
        if stream_arn.is_none() {
            stream_arn = match dynamodb.describe_table().table_name(&table).send().await {
                Ok(t) => t.table().and_then(|t| t.latest_stream_arn()).map(str::to_owned),
                Err(e) => {
                    tracing::warn!(error = %aws_sdk_dynamodb::error::DisplayErrorContext(&e), "cannot describe the table");
                    None
                }
            };
        }
        let Some(arn) = stream_arn.clone() else {
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        };
        if let Err(e) = open_new_shards(&streams, &arn, &mut iterators).await {
            tracing::warn!(error = %e, "cannot describe the table's stream");
        }
        let mut read_any = false;
        for iterator in iterators.values_mut() {
            let Some(it) = iterator.clone() else { continue };
            match streams.get_records().shard_iterator(it).limit(100).send().await {
                Ok(out) => {
                    *iterator = out.next_shard_iterator().map(str::to_owned);
                    let records: Vec<Value> = out.records().iter().map(|r| record_json(r, &arn)).collect();
                    read_any |= !records.is_empty();
                    deliver(&runtime, &specs, &records).await;
                }
                Err(e) => {
                    tracing::warn!(error = %aws_sdk_dynamodbstreams::error::DisplayErrorContext(&e), "cannot read the stream");
                    *iterator = None;
                }
            }
        }
        if !read_any {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// An iterator from the start of every shard not seen before.
async fn open_new_shards(
    streams: &aws_sdk_dynamodbstreams::Client,
    arn: &str,
    iterators: &mut HashMap<String, Option<String>>,
) -> Result<(), String> {
    let described = streams.describe_stream().stream_arn(arn).send().await.map_err(|e| e.to_string())?;
    let shards = described.stream_description().map(|d| d.shards().to_vec()).unwrap_or_default();
    for shard in shards {
        let Some(id) = shard.shard_id() else { continue };
        if iterators.contains_key(id) {
            continue;
        }
        let it = streams
            .get_shard_iterator()
            .stream_arn(arn)
            .shard_id(id)
            .shard_iterator_type(ShardIteratorType::TrimHorizon)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        iterators.insert(id.to_owned(), it.shard_iterator().map(str::to_owned));
    }
    Ok(())
}

/// Each stream function gets the records its filters let through, `BatchSize` at a
/// time; the records it reports as failed (`batchItemFailures`) are sent again.
async fn deliver(runtime: &Runtime, specs: &[FunctionSpec], records: &[Value]) {
    for spec in specs {
        for trigger in &spec.streams {
            let passing: Vec<&Value> = records.iter().filter(|r| passes(trigger, r)).collect();
            for batch in passing.chunks(trigger.batch_size.max(1)) {
                let mut batch: Vec<&Value> = batch.to_vec();
                for attempt in 0..=BATCH_RETRIES {
                    let failed = invoke_batch(runtime, spec, &batch).await;
                    if failed.is_empty() {
                        break;
                    }
                    if attempt == BATCH_RETRIES {
                        tracing::warn!(function = %spec.crate_name, records = failed.len(), "stream records left to the schedule");
                        break;
                    }
                    batch.retain(|r| failed.iter().any(|id| r["dynamodb"]["SequenceNumber"] == *id));
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    }
}

/// The sequence numbers of the records that failed (all of them if the function did).
async fn invoke_batch(runtime: &Runtime, spec: &FunctionSpec, batch: &[&Value]) -> Vec<String> {
    let all = || batch.iter().filter_map(|r| r["dynamodb"]["SequenceNumber"].as_str().map(str::to_owned)).collect();
    match runtime.invoke(&spec.crate_name, &json!({ "Records": batch })).await {
        Ok(result) if result.get("errorType").is_some() => {
            tracing::warn!(function = %spec.crate_name, error = %result, "stream batch failed");
            all()
        }
        Ok(result) => result["batchItemFailures"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["itemIdentifier"].as_str().map(str::to_owned))
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, "stream batch not delivered");
            all()
        }
    }
}

/// A record as the Lambda service passes it (`aws:dynamodb` event source).
fn record_json(r: &Record, stream_arn: &str) -> Value {
    let keys: serde_json::Map<String, Value> = r
        .dynamodb()
        .and_then(|d| d.keys())
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), attribute_json(v)))
        .collect();
    let d = r.dynamodb();
    json!({
        "eventID": r.event_id().unwrap_or_default(),
        "eventName": r.event_name().map_or("", |n| n.as_str()),
        "eventVersion": r.event_version().unwrap_or("1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": r.aws_region().unwrap_or("eu-central-1"),
        "dynamodb": {
            "ApproximateCreationDateTime": d
                .and_then(|d| d.approximate_creation_date_time())
                .map_or_else(|| chrono::Utc::now().timestamp(), |t| t.secs()),
            "Keys": keys,
            "SequenceNumber": d.and_then(|d| d.sequence_number()).unwrap_or_default(),
            "SizeBytes": d.and_then(|d| d.size_bytes()).unwrap_or_default(),
            "StreamViewType": d.and_then(|d| d.stream_view_type()).map_or("KEYS_ONLY", |v| v.as_str()),
        },
        "eventSourceARN": stream_arn,
    })
}

fn attribute_json(v: &AttributeValue) -> Value {
    use base64::Engine;
    match v {
        AttributeValue::S(s) => json!({ "S": s }),
        AttributeValue::N(n) => json!({ "N": n }),
        AttributeValue::B(b) => json!({ "B": base64::engine::general_purpose::STANDARD.encode(b.as_ref()) }),
        AttributeValue::Bool(b) => json!({ "BOOL": b }),
        _ => json!({ "NULL": true }),
    }
}
