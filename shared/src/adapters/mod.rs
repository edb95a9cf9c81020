//! Implementations of the ports: AWS (DynamoDB, SNS, SES, Secrets Manager) and local (memory, dev outbox).

pub mod aws;
pub mod clock;
pub mod dev_outbox;
pub mod dynamodb;
pub mod memory;
pub mod random;
pub mod secrets;
pub mod ses;
pub mod sns;
#[cfg(feature = "local")]
pub mod table_spec;
