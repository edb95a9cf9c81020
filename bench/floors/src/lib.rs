//! What the floor binaries share: the SDK config straight from the Lambda environment
//! (the same way `shared::adapters::aws::lambda_sdk_config` builds it, repeated here so
//! that no floor links `shared`), one call per client, and the runtime loop.

use std::time::Duration;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_types::region::Region;
use aws_types::sdk_config::{RetryConfig, TimeoutConfig};
use aws_types::SdkConfig;
use lambda_http::{service_fn, Body, Error, Request, Response};

pub use aws_sdk_dynamodb as dynamodb;
pub use aws_sdk_secretsmanager as secretsmanager;
pub use aws_sdk_ses as ses;
pub use aws_sdk_sns as sns;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Region, credentials and `AWS_ENDPOINT_URL` from the environment Lambda sets.
pub fn sdk_config() -> Result<SdkConfig, Error> {
    let required = |name: &'static str| var(name).ok_or_else(|| format!("{name} is not set"));
    let http =
        aws_smithy_http_client::Builder::new().tls_provider(tls::Provider::Rustls(CryptoMode::Ring)).build_https();
    let credentials = Credentials::new(
        required("AWS_ACCESS_KEY_ID")?,
        required("AWS_SECRET_ACCESS_KEY")?,
        var("AWS_SESSION_TOKEN"),
        None,
        "LambdaEnvironment",
    );
    let mut sdk = SdkConfig::builder()
        .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
        .region(Region::new(required("AWS_REGION")?))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .http_client(http)
        .retry_config(RetryConfig::standard())
        .timeout_config(TimeoutConfig::builder().connect_timeout(Duration::from_millis(3100)).build());
    if let Some(url) = var("AWS_ENDPOINT_URL") {
        sdk = sdk.endpoint_url(url);
    }
    Ok(sdk.build())
}

/// The secret a function reads at cold start (`PZ_HASH_KEY_SECRET`), read the same way.
pub async fn read_secret(client: &secretsmanager::Client) -> Result<String, Error> {
    let id = var("PZ_HASH_KEY_SECRET").ok_or("PZ_HASH_KEY_SECRET is not set")?;
    let out = client.get_secret_value().secret_id(id).send().await?;
    Ok(out.secret_string.unwrap_or_default())
}

/// One read, so that the client's code for a call is linked as a function's is.
pub async fn get_item(client: &dynamodb::Client) -> Result<usize, Error> {
    let key = dynamodb::types::AttributeValue::S("floor".into());
    let out = client.get_item().table_name("floor").key("pk", key.clone()).key("sk", key).send().await?;
    Ok(out.item.map_or(0, |i| i.len()))
}

/// One call of each DynamoDB operation the store adapter uses.
pub async fn every_operation(client: &dynamodb::Client) -> Result<usize, Error> {
    use dynamodb::types::{AttributeValue, KeysAndAttributes, Put, TransactWriteItem};
    let s = |v: &str| AttributeValue::S(v.into());
    let key = std::collections::HashMap::from([("pk".to_owned(), s("floor")), ("sk".to_owned(), s("floor"))]);
    let mut n = get_item(client).await?;
    let ask = KeysAndAttributes::builder().keys(key.clone()).consistent_read(true).build()?;
    let got = client.batch_get_item().request_items("floor", ask).send().await?;
    n += got.responses.map_or(0, |r| r.len());
    let found = client
        .query()
        .table_name("floor")
        .key_condition_expression("pk = :pk")
        .expression_attribute_values(":pk", s("floor"))
        .send()
        .await?;
    n += found.items.map_or(0, |i| i.len());
    client
        .update_item()
        .table_name("floor")
        .set_key(Some(key.clone()))
        .update_expression("SET n = :n")
        .expression_attribute_values(":n", AttributeValue::N("1".into()))
        .send()
        .await?;
    client.put_item().table_name("floor").set_item(Some(key.clone())).send().await?;
    let put = Put::builder().table_name("floor").set_item(Some(key)).build()?;
    client.transact_write_items().transact_items(TransactWriteItem::builder().put(put).build()).send().await?;
    Ok(n)
}

pub async fn publish(client: &sns::Client) -> Result<(), Error> {
    client.publish().phone_number("+48500000000").message("floor").send().await?;
    Ok(())
}

pub async fn send_email(client: &ses::Client) -> Result<(), Error> {
    let text = |t: &str| ses::types::Content::builder().data(t).charset("UTF-8").build();
    let message = ses::types::Message::builder()
        .subject(text("floor")?)
        .body(ses::types::Body::builder().text(text("floor")?).build())
        .build();
    client
        .send_email()
        .source("floor@example.pl")
        .destination(ses::types::Destination::builder().to_addresses("floor@example.pl").build())
        .message(message)
        .send()
        .await?;
    Ok(())
}

/// Serves `answer` for every request until the runtime stops the process.
pub async fn serve<F, Fut>(answer: F) -> Result<(), Error>
where
    F: Fn(Request) -> Fut + Send + Sync + Copy + 'static,
    Fut: std::future::Future<Output = Result<String, Error>> + Send,
{
    lambda_http::run(service_fn(move |req: Request| async move {
        let text = answer(req).await?;
        Ok::<_, Error>(Response::new(Body::Text(text)))
    }))
    .await
}
