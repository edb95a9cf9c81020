//! Implementations of the ports: AWS (DynamoDB, SNS, SES) and local (memory, dev outbox).

pub mod aws;
pub mod clock;
pub mod dev_outbox;
pub mod dynamodb;
pub mod memory;
pub mod random;
pub mod ses;
pub mod sns;
