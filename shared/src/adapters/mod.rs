//! Implementations of the ports: AWS (DynamoDB, SNS, SES, Secrets Manager) and, with the
//! `local` feature (tests and the local gateway only), the in-memory store and dev outbox.

pub mod aws;
pub mod clock;
#[cfg(feature = "local")]
pub mod dev_outbox;
pub mod dynamodb;
#[cfg(feature = "local")]
pub mod memory;
pub mod outbound;
pub mod random;
pub mod secrets;
pub mod ses;
pub mod sns;
#[cfg(feature = "local")]
pub mod table_spec;
