//! The table of template.yaml, created on the AWS API emulator by `ensure_table` (as the
//! local gateway, `pz-clerk` and the emulator tests do), is what the template declares:
//! read back with `DescribeTable` and `DescribeTimeToLive`, not from our own request.

use aws_sdk_dynamodb::types::{BillingMode, TimeToLiveStatus};
use e2e::unique;
use shared::adapters::aws::sdk_config;
use shared::adapters::dynamodb::DynamoStore;
use shared::adapters::table_spec::{KeyElement, TableSpec};

fn keys(k: &[KeyElement]) -> Vec<(String, String)> {
    k.iter().map(|k| (k.attribute_name.clone(), k.key_type.clone())).collect()
}

fn sdk_keys(k: &[aws_sdk_dynamodb::types::KeySchemaElement]) -> Vec<(String, String)> {
    k.iter().map(|k| (k.attribute_name().to_owned(), k.key_type().as_str().to_owned())).collect()
}

#[tokio::test]
async fn ensure_table_creates_the_templates_table_once() {
    let sdk = sdk_config().await;
    assert!(sdk.endpoint_url().is_some(), "AWS_ENDPOINT_URL must point at the emulator (the test command sets it)");
    let name = format!("spec-{}", unique(10));
    let store = DynamoStore::new(&sdk, name.clone());
    store.ensure_table().await.expect("created");
    store.ensure_table().await.expect("an existing table is left as it is");

    let spec = TableSpec::of_template().unwrap();
    let client = aws_sdk_dynamodb::Client::new(&sdk);
    let described = client.describe_table().table_name(&name).send().await.unwrap();
    let table = described.table().unwrap();
    let mut attributes: Vec<(String, String)> = table
        .attribute_definitions()
        .iter()
        .map(|a| (a.attribute_name().to_owned(), a.attribute_type().as_str().to_owned()))
        .collect();
    let mut declared: Vec<(String, String)> =
        spec.attribute_definitions.iter().map(|a| (a.attribute_name.clone(), a.attribute_type.clone())).collect();
    attributes.sort();
    declared.sort();
    assert_eq!(attributes, declared);
    assert_eq!(sdk_keys(table.key_schema()), keys(&spec.key_schema));
    let indexes = table.global_secondary_indexes();
    assert_eq!(indexes.len(), spec.global_secondary_indexes.len());
    for declared in &spec.global_secondary_indexes {
        let index = indexes.iter().find(|i| i.index_name() == Some(declared.index_name.as_str())).unwrap();
        assert_eq!(sdk_keys(index.key_schema()), keys(&declared.key_schema));
        let projection = index.projection().and_then(|p| p.projection_type()).map(|p| p.as_str());
        assert_eq!(projection, Some(declared.projection.projection_type.as_str()));
    }
    let stream = table.stream_specification().unwrap();
    assert!(stream.stream_enabled());
    assert_eq!(stream.stream_view_type().map(|v| v.as_str()), spec.stream_view_type.as_deref());
    let billing = table.billing_mode_summary().and_then(|b| b.billing_mode());
    assert_eq!(billing, Some(&BillingMode::PayPerRequest));

    let ttl = client.describe_time_to_live().table_name(&name).send().await.unwrap();
    let ttl = ttl.time_to_live_description().unwrap();
    assert_eq!(ttl.time_to_live_status(), Some(&TimeToLiveStatus::Enabled));
    assert_eq!(ttl.attribute_name(), spec.ttl_attribute.as_deref());
}
