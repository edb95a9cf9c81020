//! Wiring for the function binaries: logs, config, clients, and the runtime loop.

use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::{service_fn, Request};

use crate::adapters::dynamodb::DynamoStore;
use crate::config::Config;
use crate::deps::Deps;
use crate::handlers::HttpHandler;

pub type Error = lambda_http::Error;

/// JSON logs for CloudWatch; level from `RUST_LOG` (default `info`).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_current_span(false)
        .without_time()
        .with_ansi(false)
        .try_init();
}

/// Config from the environment plus the SDK config and the DynamoDB store every function uses.
pub async fn cold_start() -> Result<(Deps, aws_config::SdkConfig), Error> {
    init_tracing();
    let config = Config::from_env()?;
    let sdk = crate::adapters::aws::sdk_config().await;
    let store = Arc::new(DynamoStore::new(&sdk, config.table.clone()));
    Ok((Deps::new(config, store), sdk))
}

/// Serves one HTTP handler until the Lambda runtime stops the process.
pub async fn serve_http(deps: Deps, handler: HttpHandler) -> Result<(), Error> {
    // One per process, alive until it exits.
    let deps: &'static Deps = Box::leak(Box::new(deps));
    lambda_http::run(service_fn(move |req: Request| async move { Ok::<_, Infallible>(handler(deps, req).await) }))
        .await
}
