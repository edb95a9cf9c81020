//! Lambda mode (`pz-local --lambda`): every route, stream record and schedule invokes the
//! function's release `bootstrap` under the official Lambda Runtime Interface Emulator,
//! with the function's environment from `template.yaml`, against the AWS APIs of the
//! environment (moto in the test command). What the gateway still does itself is what
//! API Gateway, the event source mapping and EventBridge do in AWS.

mod provision;
mod runtime;
mod triggers;

use std::sync::Arc;

pub use provision::{provision, Provisioned};
pub use runtime::{InvokeError, LambdaOptions, Runtime};

use crate::functions::{self, Stack};

/// The running functions and the tasks that trigger the non-HTTP ones.
pub struct LambdaMode {
    pub runtime: Arc<Runtime>,
    pub tasks: Vec<tokio::task::JoinHandle<()>>,
}

/// Starts an emulator per function and the stream and schedule triggers.
pub async fn start(
    opts: &LambdaOptions,
    sdk: &aws_config::SdkConfig,
    table: &str,
    overrides: &[(&str, String)],
) -> Result<LambdaMode, String> {
    let template: yaml_serde::Value = yaml_serde::from_str(crate::routes::TEMPLATE).map_err(|e| e.to_string())?;
    let specs = functions::from_template(&template)?;
    let region = sdk.region().map_or_else(|| "eu-central-1".to_owned(), |r| r.to_string());
    let stack = Stack::new(&template, &region, overrides);
    let runtime = Arc::new(Runtime::start(opts, &specs, &stack, &region, table).await?);
    let mut tasks = Vec::new();
    let streamed: Vec<_> = specs.iter().filter(|s| !s.streams.is_empty()).cloned().collect();
    if !streamed.is_empty() {
        tasks.push(tokio::spawn(triggers::forward_stream(sdk.clone(), table.to_owned(), runtime.clone(), streamed)));
    }
    for spec in &specs {
        for every in &spec.schedules {
            tasks.push(tokio::spawn(triggers::schedule(runtime.clone(), spec.clone(), *every)));
        }
    }
    Ok(LambdaMode { runtime, tasks })
}
