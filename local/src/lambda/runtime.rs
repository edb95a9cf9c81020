//! One AWS Lambda Runtime Interface Emulator per function, running the function's
//! release `bootstrap` with its environment from `template.yaml`; invocations as the
//! Lambda service makes them (`POST …/2015-03-31/functions/function/invocations`), one
//! at a time per function, as one warm instance takes them.

use std::collections::{BTreeMap, HashMap};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use tokio::process::{Child, Command};
use tokio::sync::Mutex;

use crate::functions::{FunctionSpec, Stack};

/// Where Lambda mode finds what it runs.
#[derive(Debug, Clone)]
pub struct LambdaOptions {
    /// The built functions: `<dir>/<crate>/bootstrap` (`cargo lambda build --release`
    /// writes `target/lambda`), or `sam build`'s `<dir>/<LogicalId>/bootstrap`.
    pub bootstraps: PathBuf,
    /// The emulator binary (`aws-lambda-rie-x86_64` of PyPI `aws-sam-cli`).
    pub rie: PathBuf,
    /// One log file per function (what its bootstrap and the emulator print), in a folder
    /// per table: `<logs>/<table>/<crate>.log`.
    pub logs: PathBuf,
}

impl LambdaOptions {
    /// `PZ_LAMBDA_BOOTSTRAPS` (default `target/lambda`), `PZ_LAMBDA_RIE` (default: the
    /// emulator inside an `aws-sam-cli` of `.venv-test` or `.venv-lambda`), `PZ_LAMBDA_LOGS`
    /// (default `target/lambda-logs`).
    pub fn from_env() -> Result<Self, String> {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty()).map(PathBuf::from);
        let bootstraps = var("PZ_LAMBDA_BOOTSTRAPS").unwrap_or_else(|| "target/lambda".into());
        let rie = match var("PZ_LAMBDA_RIE") {
            Some(p) => p,
            None => find_rie().ok_or(
                "the Lambda Runtime Interface Emulator was not found: install PyPI aws-sam-cli \
                 (python3 -m venv .venv-lambda && .venv-lambda/bin/pip install aws-sam-cli) or set PZ_LAMBDA_RIE",
            )?,
        };
        let logs = var("PZ_LAMBDA_LOGS").unwrap_or_else(|| "target/lambda-logs".into());
        Ok(Self { bootstraps, rie, logs })
    }
}

/// `<venv>/lib/python3.*/site-packages/samcli/local/rapid/aws-lambda-rie-x86_64`.
fn find_rie() -> Option<PathBuf> {
    for venv in [".venv-test", ".venv-lambda"] {
        let Ok(entries) = std::fs::read_dir(Path::new(venv).join("lib")) else { continue };
        for entry in entries.flatten() {
            let rie = entry.path().join("site-packages/samcli/local/rapid/aws-lambda-rie-x86_64");
            if rie.is_file() {
                return Some(rie);
            }
        }
    }
    None
}

struct Instance {
    invocations: String,
    _child: Child,
}

/// The emulated functions, by crate name.
pub struct Runtime {
    functions: HashMap<String, Mutex<Instance>>,
    client: Client<HttpConnector, Full<Bytes>>,
}

#[derive(Debug, thiserror::Error)]
pub enum InvokeError {
    #[error("no function {0} in Lambda mode")]
    Unknown(String),
    #[error("invoking {function}: {reason}")]
    Failed { function: String, reason: String },
}

/// The variables the Lambda service sets in every function's environment, and the
/// emulator's endpoint and test credentials from the gateway's own environment.
fn service_variables(spec: &FunctionSpec, region: &str) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    let mut set = |k: &str, v: String| {
        env.insert(k.to_owned(), v);
    };
    set("AWS_LAMBDA_FUNCTION_NAME", spec.logical_id.clone());
    set("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into());
    set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into());
    set("AWS_LAMBDA_FUNCTION_TIMEOUT", spec.timeout.to_string());
    set("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{}", spec.logical_id));
    set("AWS_LAMBDA_LOG_STREAM_NAME", "pz-local".into());
    set("AWS_REGION", region.to_owned());
    set("AWS_DEFAULT_REGION", region.to_owned());
    for k in ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
        if let Ok(v) = std::env::var(k) {
            set(k, v);
        }
    }
    set("AWS_EC2_METADATA_DISABLED", "true".into());
    env
}

fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

impl Runtime {
    /// Starts an emulator for every function of `specs`; fails if a bootstrap is missing.
    pub fn start(
        opts: &LambdaOptions,
        specs: &[FunctionSpec],
        stack: &Stack,
        region: &str,
        table: &str,
    ) -> Result<Self, String> {
        let logs = opts.logs.join(table);
        std::fs::create_dir_all(&logs).map_err(|e| format!("cannot create {}: {e}", logs.display()))?;
        let rie = std::fs::canonicalize(&opts.rie).map_err(|e| format!("{}: {e}", opts.rie.display()))?;
        let mut functions = HashMap::new();
        for spec in specs {
            let bootstrap = bootstrap_of(&opts.bootstraps, spec)?;
            let mut env = spec.environment(stack)?;
            env.extend(service_variables(spec, region));
            let log = std::fs::File::create(logs.join(format!("{}.log", spec.crate_name)))
                .map_err(|e| format!("cannot write the log of {}: {e}", spec.crate_name))?;
            let err = log.try_clone().map_err(|e| e.to_string())?;
            let port = free_port()?;
            let child = Command::new(&rie)
                .arg("--runtime-interface-emulator-address")
                .arg(format!("127.0.0.1:{port}"))
                .arg("--runtime-api-address")
                .arg(format!("127.0.0.1:{}", free_port()?))
                .arg(&bootstrap)
                .env_clear()
                .envs(&env)
                .stdin(Stdio::null())
                .stdout(Stdio::from(log))
                .stderr(Stdio::from(err))
                .kill_on_drop(true)
                .spawn()
                .map_err(|e| format!("cannot start {}: {e}", rie.display()))?;
            let invocations = format!("http://127.0.0.1:{port}/2015-03-31/functions/function/invocations");
            functions.insert(spec.crate_name.clone(), Mutex::new(Instance { invocations, _child: child }));
        }
        let client = Client::builder(TokioExecutor::new()).build_http();
        Ok(Self { functions, client })
    }

    /// The function's result for `event` (what the Lambda service returns on an invoke).
    pub async fn invoke(&self, function: &str, event: &Value) -> Result<Value, InvokeError> {
        let instance = self.functions.get(function).ok_or_else(|| InvokeError::Unknown(function.to_owned()))?;
        let instance = instance.lock().await;
        let failed = |reason: String| InvokeError::Failed { function: function.to_owned(), reason };
        // The emulator listens a moment after it starts.
        let mut last = String::new();
        for _ in 0..100 {
            let req = hyper::Request::post(&instance.invocations)
                .header(hyper::header::CONTENT_TYPE, "application/json")
                .body(Full::new(Bytes::from(event.to_string())))
                .map_err(|e| failed(e.to_string()))?;
            match self.client.request(req).await {
                Ok(resp) => {
                    let body = resp.into_body().collect().await.map_err(|e| failed(e.to_string()))?.to_bytes();
                    return serde_json::from_slice(&body)
                        .map_err(|e| failed(format!("not JSON ({e}): {}", String::from_utf8_lossy(&body))));
                }
                Err(e) if e.is_connect() => {
                    last = e.to_string();
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => return Err(failed(e.to_string())),
            }
        }
        Err(failed(format!("the emulator does not answer: {last}")))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.functions.keys().map(String::as_str)
    }
}

/// `cargo lambda build`'s `<dir>/<crate>/bootstrap`, else `sam build`'s `<dir>/<LogicalId>/bootstrap`.
fn bootstrap_of(dir: &Path, spec: &FunctionSpec) -> Result<PathBuf, String> {
    [dir.join(&spec.crate_name).join("bootstrap"), dir.join(&spec.logical_id).join("bootstrap")]
        .into_iter()
        .find(|p| p.is_file())
        .and_then(|p| std::fs::canonicalize(p).ok())
        .ok_or_else(|| {
            format!(
                "no bootstrap for {} in {} (build the functions first: cargo lambda build --release)",
                spec.crate_name,
                dir.display()
            )
        })
}
