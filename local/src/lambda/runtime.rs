//! One AWS Lambda Runtime Interface Emulator per function, running the function's
//! release `bootstrap` with its environment from `template.yaml`; invocations as the
//! Lambda service makes them (`POST …/2015-03-31/functions/function/invocations`), one
//! at a time per function, as one warm instance takes them.

use std::collections::{BTreeMap, HashMap};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::AtomicU32;
use std::sync::atomic::Ordering::SeqCst;
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
    _emulator: Emulator,
}

/// A running emulator. Dropped (the gateway stops), it and its bootstrap are killed. The
/// emulator starts the bootstrap in a process group of its own, so the bootstrap is found
/// as the emulator's child and its group killed first: left alone, it would ask a dead
/// Runtime API for its next event, or finish an invocation nobody waits for.
struct Emulator(Child);

impl Emulator {
    fn kill_group(pid: i32) {
        // SAFETY: kill(2) on a process group (a negative pid); no memory is touched.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let Some(pid) = self.0.id().and_then(|id| i32::try_from(id).ok()) else { return };
        let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        for child in children.split_whitespace().filter_map(|c| c.parse::<i32>().ok()) {
            Self::kill_group(child);
        }
        // The emulator leads its own group (`process_group(0)` at spawn).
        Self::kill_group(pid);
    }
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

/// Loopback ports for the emulators, below the kernel's ephemeral range (32768 and up, from
/// which `bind(0)` and every outgoing connection take theirs) and held open until all are
/// chosen, then released just before the emulators are spawned: two emulators never get
/// the same port, and no connection the gateway opens meanwhile can take one. A port
/// handed out twice would send one function's invocations to another (which answers 404
/// for a route it does not own). The cursor is the process's: the gateways a test binary
/// starts one after another use fresh ports.
struct Ports {
    held: Vec<TcpListener>,
}

static NEXT_PORT: AtomicU32 = AtomicU32::new(0);

impl Ports {
    const FIRST: u32 = 20_000;
    const END: u32 = 32_000;

    fn new() -> Self {
        // Another process (a parallel test binary) starts elsewhere in the range.
        let seed = std::process::id().wrapping_mul(7919)
            ^ std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let _ = NEXT_PORT.compare_exchange(0, Self::FIRST + seed % (Self::END - Self::FIRST), SeqCst, SeqCst);
        Self { held: Vec::new() }
    }

    fn take(&mut self) -> Result<u16, String> {
        for _ in Self::FIRST..Self::END {
            let at = NEXT_PORT.fetch_add(1, SeqCst);
            let port = Self::FIRST + at.saturating_sub(Self::FIRST) % (Self::END - Self::FIRST);
            let Ok(port) = u16::try_from(port) else { continue };
            if let Ok(listener) = TcpListener::bind(("127.0.0.1", port)) {
                self.held.push(listener);
                return Ok(port);
            }
        }
        Err(format!("no free loopback port in {}..{}", Self::FIRST, Self::END))
    }

    /// Lets the emulators bind what was taken.
    fn release(&mut self) {
        self.held.clear();
    }
}

/// How one function's emulator is started (kept to start it again on other ports).
struct Launch {
    rie: PathBuf,
    bootstrap: PathBuf,
    env: BTreeMap<String, String>,
    log: PathBuf,
}

impl Launch {
    fn spawn(&self, ports: (u16, u16), append: bool) -> Result<Child, String> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&self.log)
            .map_err(|e| format!("cannot write {}: {e}", self.log.display()))?;
        let err = log.try_clone().map_err(|e| e.to_string())?;
        Command::new(&self.rie)
            .arg("--runtime-interface-emulator-address")
            .arg(format!("127.0.0.1:{}", ports.0))
            .arg("--runtime-api-address")
            .arg(format!("127.0.0.1:{}", ports.1))
            .arg(&self.bootstrap)
            .env_clear()
            .envs(&self.env)
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(err))
            // Its own process group, so that stopping it stops its bootstrap too (`Emulator`).
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.rie.display()))
    }
}

/// Waits until the emulator listens on `port`; `false` if it exited or did not listen
/// within 10 s. An emulator that cannot bind its port exits at once, so it must still be
/// running a moment after the port answers: another process may have been listening there.
async fn listening(child: &mut Child, port: u16) -> bool {
    let running = |child: &mut Child| matches!(child.try_wait(), Ok(None));
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(100)).await;
            return running(child);
        }
        if !running(child) {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

fn invocations_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}/2015-03-31/functions/function/invocations")
}

impl Runtime {
    /// Starts an emulator for every function of `specs` and waits until each listens;
    /// fails if a bootstrap is missing or an emulator cannot start.
    pub async fn start(
        opts: &LambdaOptions,
        specs: &[FunctionSpec],
        stack: &Stack,
        region: &str,
        table: &str,
    ) -> Result<Self, String> {
        let logs = opts.logs.join(table);
        std::fs::create_dir_all(&logs).map_err(|e| format!("cannot create {}: {e}", logs.display()))?;
        let rie = std::fs::canonicalize(&opts.rie).map_err(|e| format!("{}: {e}", opts.rie.display()))?;
        let mut launches = Vec::new();
        for spec in specs {
            let mut env = spec.environment(stack)?;
            env.extend(service_variables(spec, region));
            launches.push(Launch {
                rie: rie.clone(),
                bootstrap: bootstrap_of(&opts.bootstraps, spec)?,
                env,
                log: logs.join(format!("{}.log", spec.crate_name)),
            });
        }
        let mut ports = Ports::new();
        let mut chosen = Vec::new();
        for _ in &launches {
            chosen.push((ports.take()?, ports.take()?));
        }
        ports.release();
        let mut emulators = Vec::new();
        for (launch, pair) in launches.iter().zip(&chosen) {
            emulators.push(Emulator(launch.spawn(*pair, false)?));
        }
        let mut functions = HashMap::new();
        for ((spec, launch), (mut emulator, mut pair)) in
            specs.iter().zip(&launches).zip(emulators.into_iter().zip(chosen))
        {
            let mut attempts = 1;
            while !listening(&mut emulator.0, pair.0).await {
                if attempts == 3 {
                    return Err(format!(
                        "the emulator of {} does not start (see {})",
                        spec.crate_name,
                        launch.log.display()
                    ));
                }
                attempts += 1;
                drop(emulator);
                let mut ports = Ports::new();
                pair = (ports.take()?, ports.take()?);
                ports.release();
                emulator = Emulator(launch.spawn(pair, true)?);
            }
            let instance = Instance { invocations: invocations_url(pair.0), _emulator: emulator };
            functions.insert(spec.crate_name.clone(), Mutex::new(instance));
        }
        let client = Client::builder(TokioExecutor::new()).build_http();
        Ok(Self { functions, client })
    }

    /// The function's result for `event` (what the Lambda service returns on an invoke).
    pub async fn invoke(&self, function: &str, event: &Value) -> Result<Value, InvokeError> {
        let instance = self.functions.get(function).ok_or_else(|| InvokeError::Unknown(function.to_owned()))?;
        let instance = instance.lock().await;
        let failed = |reason: String| InvokeError::Failed { function: function.to_owned(), reason };
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
