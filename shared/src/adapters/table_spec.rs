//! The table as `template.yaml` declares it, for the local gateway, its operator commands
//! and the tests (feature `local`, which no Lambda function enables): they create it on an
//! emulator from the very declaration the deployed stack is built from, so the two cannot
//! drift apart.
//!
//! The template is compiled in rather than read at run time: `pz-local` and `pz-clerk`
//! then work from any directory with no repository beside them, the table they create is
//! the one of the template they were built with, and cargo rebuilds them when it changes.

use aws_sdk_dynamodb::client::Waiters;
use aws_sdk_dynamodb::operation::create_table::builders::CreateTableFluentBuilder;
use aws_sdk_dynamodb::operation::create_table::CreateTableOutput;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection, ProjectionType,
    ScalarAttributeType, StreamSpecification, StreamViewType, TableStatus, TimeToLiveSpecification,
};
use aws_sdk_dynamodb::Client;
use serde::de::IgnoredAny;
use serde::Deserialize;
use yaml_serde::Value;

use crate::ports::BoxError;

/// `template.yaml` of the repository, compiled in.
pub const TEMPLATE: &str = include_str!("../../../template.yaml");

/// How long a new table may stay `CREATING` before its time to live can be set (an
/// emulator answers `ACTIVE` at once; DynamoDB takes seconds).
const ACTIVE_WITHIN: std::time::Duration = std::time::Duration::from_secs(120);

/// The parts of the table resource that shape what the code can store and query:
/// attributes, keys, indexes, the stream and the time to live. Names and values are
/// CloudFormation's (`PAY_PER_REQUEST`, `HASH`, `KEYS_ONLY`…), which are also the API's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    pub attribute_definitions: Vec<Attribute>,
    pub key_schema: Vec<KeyElement>,
    pub global_secondary_indexes: Vec<SecondaryIndex>,
    /// `StreamViewType` when the table has a stream.
    pub stream_view_type: Option<String>,
    /// The attribute DynamoDB expires items by, when the time to live is enabled.
    pub ttl_attribute: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Attribute {
    pub attribute_name: String,
    pub attribute_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct KeyElement {
    pub attribute_name: String,
    pub key_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SecondaryIndex {
    pub index_name: String,
    pub key_schema: Vec<KeyElement>,
    pub projection: IndexProjection,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct IndexProjection {
    pub projection_type: String,
    #[serde(default)]
    pub non_key_attributes: Vec<String>,
}

/// The table resource's `Properties`. Every property is named, so one added to the
/// template is refused here until someone decides what it means for a local table.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Properties {
    billing_mode: String,
    attribute_definitions: Vec<Attribute>,
    key_schema: Vec<KeyElement>,
    #[serde(default)]
    global_secondary_indexes: Vec<SecondaryIndex>,
    stream_specification: Option<Stream>,
    time_to_live_specification: Option<TimeToLive>,
    /// Backups and encryption at rest: the deployed table's concern, not an emulator's.
    #[allow(dead_code)]
    point_in_time_recovery_specification: Option<IgnoredAny>,
    #[serde(rename = "SSESpecification")]
    #[allow(dead_code)]
    sse_specification: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Stream {
    stream_view_type: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct TimeToLive {
    attribute_name: String,
    enabled: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum TableSpecError {
    #[error("template.yaml cannot be read: {0}")]
    Yaml(#[from] yaml_serde::Error),
    #[error("template.yaml declares {0} DynamoDB tables; one is expected")]
    TableCount(usize),
    #[error("the table of template.yaml: {0}")]
    Unsupported(String),
    #[error("the table of template.yaml does not make a valid request")]
    Request(#[source] BoxError),
    #[error("the table could not be created")]
    Create(#[source] BoxError),
}

impl TableSpec {
    /// The table of the compiled-in `template.yaml`.
    pub fn of_template() -> Result<Self, TableSpecError> {
        Self::from_template(TEMPLATE)
    }

    /// The one `AWS::DynamoDB::Table` resource of a template's text. Short-form tags
    /// elsewhere in the template (`!Ref`, `!Sub`, `!GetAtt`) are read as tagged values.
    pub fn from_template(text: &str) -> Result<Self, TableSpecError> {
        let doc: Value = yaml_serde::from_str(text)?;
        let resources = doc.get("Resources").and_then(Value::as_mapping);
        let tables: Vec<&Value> = resources
            .into_iter()
            .flat_map(|r| r.values())
            .filter(|r| r.get("Type").and_then(Value::as_str) == Some("AWS::DynamoDB::Table"))
            .collect();
        let [table] = tables[..] else { return Err(TableSpecError::TableCount(tables.len())) };
        let props: Properties = yaml_serde::from_value(table.get("Properties").cloned().unwrap_or(Value::Null))?;
        if props.billing_mode != "PAY_PER_REQUEST" {
            return Err(TableSpecError::Unsupported(format!("billing mode {} (only on-demand)", props.billing_mode)));
        }
        Ok(Self {
            attribute_definitions: props.attribute_definitions,
            key_schema: props.key_schema,
            global_secondary_indexes: props.global_secondary_indexes,
            stream_view_type: props.stream_specification.map(|s| s.stream_view_type),
            ttl_attribute: props.time_to_live_specification.filter(|t| t.enabled).map(|t| t.attribute_name),
        })
    }

    /// The `CreateTable` request of this table under `name`, on demand.
    pub fn create_request(&self, client: &Client, name: &str) -> Result<CreateTableFluentBuilder, TableSpecError> {
        let mut req = client.create_table().table_name(name).billing_mode(BillingMode::PayPerRequest);
        for a in &self.attribute_definitions {
            let kind = parse(&a.attribute_type, ScalarAttributeType::try_parse)?;
            let def = AttributeDefinition::builder().attribute_name(&a.attribute_name).attribute_type(kind).build();
            req = req.attribute_definitions(def.map_err(request)?);
        }
        for k in key_schema(&self.key_schema)? {
            req = req.key_schema(k);
        }
        for index in &self.global_secondary_indexes {
            req = req.global_secondary_indexes(index.request()?);
        }
        if let Some(view) = &self.stream_view_type {
            let view = parse(view, StreamViewType::try_parse)?;
            let stream = StreamSpecification::builder().stream_enabled(true).stream_view_type(view).build();
            req = req.stream_specification(stream.map_err(request)?);
        }
        Ok(req)
    }

    /// Creates the table under `name` if there is none by that name yet (one that exists
    /// is left as it is), then turns on its time to live.
    pub async fn ensure(&self, client: &Client, name: &str) -> Result<(), TableSpecError> {
        match self.create_request(client, name)?.send().await {
            Ok(created) => self.enable_ttl(client, name, &created).await,
            Err(e) => match e.into_service_error() {
                err if err.is_resource_in_use_exception() => Ok(()),
                err => Err(TableSpecError::Create(err.into())),
            },
        }
    }

    /// `UpdateTimeToLive` once the new table is `ACTIVE` (no such setting in `CreateTable`).
    async fn enable_ttl(&self, client: &Client, name: &str, created: &CreateTableOutput) -> Result<(), TableSpecError> {
        let Some(attribute) = &self.ttl_attribute else { return Ok(()) };
        let status = created.table_description().and_then(|d| d.table_status());
        if status != Some(&TableStatus::Active) {
            let waited = client.wait_until_table_exists().table_name(name).wait(ACTIVE_WITHIN).await;
            waited.map_err(|e| TableSpecError::Create(e.into()))?;
        }
        let ttl = TimeToLiveSpecification::builder().attribute_name(attribute).enabled(true).build();
        let sent = client.update_time_to_live().table_name(name).time_to_live_specification(ttl.map_err(request)?);
        sent.send().await.map_err(|e| TableSpecError::Create(e.into_service_error().into()))?;
        Ok(())
    }
}

impl SecondaryIndex {
    fn request(&self) -> Result<GlobalSecondaryIndex, TableSpecError> {
        let projection = Projection::builder()
            .projection_type(parse(&self.projection.projection_type, ProjectionType::try_parse)?)
            .set_non_key_attributes(
                Some(self.projection.non_key_attributes.clone()).filter(|attributes| !attributes.is_empty()),
            )
            .build();
        GlobalSecondaryIndex::builder()
            .index_name(&self.index_name)
            .set_key_schema(Some(key_schema(&self.key_schema)?))
            .projection(projection)
            .build()
            .map_err(request)
    }
}

fn key_schema(keys: &[KeyElement]) -> Result<Vec<KeySchemaElement>, TableSpecError> {
    keys.iter()
        .map(|k| {
            let kind = parse(&k.key_type, KeyType::try_parse)?;
            KeySchemaElement::builder().attribute_name(&k.attribute_name).key_type(kind).build().map_err(request)
        })
        .collect()
}

/// One of the API's enumerated values, refusing one the SDK does not know.
fn parse<T, E: std::error::Error + Send + Sync + 'static>(
    value: &str,
    try_parse: impl Fn(&str) -> Result<T, E>,
) -> Result<T, TableSpecError> {
    try_parse(value).map_err(request)
}

fn request(e: impl std::error::Error + Send + Sync + 'static) -> TableSpecError {
    TableSpecError::Request(Box::new(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str, kind: &str) -> KeyElement {
        KeyElement { attribute_name: name.into(), key_type: kind.into() }
    }

    #[test]
    fn the_template_declares_one_table_with_its_keys_index_stream_and_ttl() {
        let spec = TableSpec::of_template().unwrap();
        let names: Vec<&str> = spec.attribute_definitions.iter().map(|a| a.attribute_name.as_str()).collect();
        assert_eq!(names, ["PK", "SK", "GSI1PK", "GSI1SK"]);
        assert!(spec.attribute_definitions.iter().all(|a| a.attribute_type == "S"));
        assert_eq!(spec.key_schema, [key("PK", "HASH"), key("SK", "RANGE")]);
        let gsi = &spec.global_secondary_indexes;
        assert_eq!(gsi.len(), 1);
        assert_eq!(
            (gsi[0].index_name.as_str(), &gsi[0].key_schema[..]),
            ("GSI1", &[key("GSI1PK", "HASH"), key("GSI1SK", "RANGE")][..])
        );
        assert_eq!(gsi[0].projection, IndexProjection { projection_type: "ALL".into(), non_key_attributes: vec![] });
        assert_eq!(spec.stream_view_type.as_deref(), Some("KEYS_ONLY"));
        assert_eq!(spec.ttl_attribute.as_deref(), Some("ttl"));
    }

    const TABLE: &str = "Resources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      Name: !Sub \"${AWS::StackName}\"\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n";

    #[test]
    fn tags_elsewhere_are_read_and_what_the_table_lacks_is_absent() {
        let spec = TableSpec::from_template(TABLE).unwrap();
        assert_eq!(spec.key_schema, [key("id", "HASH")]);
        assert!(spec.global_secondary_indexes.is_empty() && spec.stream_view_type.is_none());
        assert_eq!(spec.ttl_attribute, None);
    }

    #[test]
    fn a_table_the_code_cannot_reproduce_is_refused_not_approximated() {
        let unknown =
            TABLE.replace("BillingMode: PAY_PER_REQUEST", "BillingMode: PAY_PER_REQUEST\n      TableClass: X");
        assert!(matches!(TableSpec::from_template(&unknown), Err(TableSpecError::Yaml(_))), "a property not known");
        let provisioned = TABLE.replace("PAY_PER_REQUEST", "PROVISIONED");
        assert!(matches!(TableSpec::from_template(&provisioned), Err(TableSpecError::Unsupported(_))));
        let two = format!("{TABLE}  U:\n    Type: AWS::DynamoDB::Table\n");
        assert!(matches!(TableSpec::from_template(&two), Err(TableSpecError::TableCount(2))));
        assert!(matches!(TableSpec::from_template("Resources: {}\n"), Err(TableSpecError::TableCount(0))));
        let client = Client::from_conf(aws_sdk_dynamodb::Config::builder().behavior_version_latest().build());
        let odd_key = TableSpec::from_template(&TABLE.replace("KeyType: HASH", "KeyType: PRIMARY")).unwrap();
        assert!(matches!(odd_key.create_request(&client, "t"), Err(TableSpecError::Request(_))), "not an API value");
        assert!(TableSpec::of_template().unwrap().create_request(&client, "t").is_ok());
    }
}
