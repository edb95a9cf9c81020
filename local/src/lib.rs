//! The local gateway: serves the web pages and routes `/api/*` to the same handlers the
//! Lambdas run, by the routes of `template.yaml`. In-process store and outbox by default;
//! DynamoDB, SNS and SES when `AWS_ENDPOINT_URL` (or `PZ_BACKEND=aws`) is set.

pub mod emulator_outbox;
pub mod event;
pub mod functions;
pub mod idp_demo;
pub mod ikp_demo;
pub mod lambda;
pub mod outbox_page;
pub mod routes;
pub mod server;
pub mod setup;
pub mod web;

pub use lambda::LambdaOptions;
pub use server::{start, Gateway};
pub use setup::{Backend, DemoClerk, Options};
