//! Wiring for the function binaries: logs, config, clients, and the runtime loop.

use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::request::RequestContext;
use lambda_http::{service_fn, Request, RequestExt};
use tracing::Instrument;

use aws_types::SdkConfig;

use crate::adapters::dynamodb::DynamoStore;
use crate::adapters::secrets::SecretsManager;
use crate::config::Config;
use crate::crypto::HashKey;
use crate::deps::{Absent, Deps};
use crate::handlers::HttpHandler;
use crate::service::oidc::Provider;

pub type Error = lambda_http::Error;

/// A function's ports over DynamoDB, the adapter held by its own type (`crate::deps`:
/// only the store's methods its steps call are linked).
pub type FunctionDeps = Deps<Absent, Absent, Absent, Absent, DynamoStore>;

/// JSON logs for CloudWatch; level from `RUST_LOG` (default `info`).
pub fn init_tracing() {
    init_tracing_to(std::io::stdout, "info");
}

/// One JSON object per line (`crate::logs`), with the `request` span's fields
/// (`request_id`, `route`) on every line logged while a request is handled; the filter from
/// `RUST_LOG`, else `default_filter`. Tests pass their own writer.
/// Nothing secret goes in: see SECURITY.md, "What is logged".
pub fn init_tracing_to<W, T>(make_writer: W, default_filter: &str)
where
    W: Fn() -> T + Send + Sync + 'static,
    T: std::io::Write,
{
    use crate::logs::{Filter, JsonLines};
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| Filter::parse(&v))
        .or_else(|| Filter::parse(default_filter))
        .unwrap_or_else(|| Filter::level(tracing::level_filters::LevelFilter::INFO));
    // Set once per process; a second call (tests) keeps the first.
    let _ = tracing::subscriber::set_global_default(JsonLines::new(filter, make_writer));
}

/// The span every request is handled in: its id (API Gateway's, or the local
/// gateway's) and its route template, never the concrete path (it may hold ids).
pub fn request_span(request_id: &str, route: &str) -> tracing::Span {
    tracing::info_span!("request", request_id = %request_id, route = %route)
}

/// Config (the hash key read once from Secrets Manager, kept for the life of the
/// process) plus the SDK config, built from the Lambda environment, and the DynamoDB
/// store every function with a table uses. The clients are the function's own: this one
/// builds the Secrets Manager and DynamoDB clients, a main adds its senders.
pub async fn cold_start() -> Result<(FunctionDeps, SdkConfig), Error> {
    init_tracing();
    let sdk = crate::adapters::aws::lambda_sdk_config()?;
    let config = Config::from_secrets(&SecretsManager::new(&sdk)).await?;
    let store = Arc::new(DynamoStore::new(&sdk, config.table.clone()));
    Ok((Deps::new(config, store), sdk))
}

/// The same for a function that keys no hash (the free slots): it is not allowed to read
/// the secret, so its key is random for this process. Nothing it does is compared with
/// another process's hashes.
pub async fn cold_start_without_secrets() -> Result<(FunctionDeps, SdkConfig), Error> {
    let config = config_without_secrets()?;
    let sdk = crate::adapters::aws::lambda_sdk_config()?;
    let store = Arc::new(DynamoStore::new(&sdk, config.table.clone()));
    Ok((Deps::new(config, store), sdk))
}

/// Logs and the settings alone, with a key random for this process: for a function that
/// needs no AWS client at all (the pages). No SDK config, no store, nothing to link.
pub fn config_without_secrets() -> Result<Config, Error> {
    init_tracing();
    let mut key = vec![0u8; HashKey::MIN_BYTES];
    crate::ports::Random::fill(&crate::adapters::random::OsRandom, &mut key);
    Ok(Config::with_key(HashKey::new(key).ok_or("a 32-byte key")?))
}

/// The environment variable listing the banks and Envelo (JSON, no secrets), and the one
/// naming the Secrets Manager secret with their client secrets (`{"<provider id>": "…"}`).
pub const IDENTITY_PROVIDERS: &str = "PZ_IDENTITY_PROVIDERS";
pub const IDENTITY_PROVIDER_SECRETS: &str = "PZ_IDENTITY_PROVIDER_SECRETS";

/// `cold_start` for the identity-providers function: the hash key and the providers'
/// client secrets read from Secrets Manager at once; a provider that is malformed or has
/// no secret stops the start.
pub async fn cold_start_with_identity_providers() -> Result<FunctionDeps, Error> {
    init_tracing();
    let sdk = crate::adapters::aws::lambda_sdk_config()?;
    let secrets = SecretsManager::new(&sdk);
    let var = |name| std::env::var(name).ok().filter(|v: &String| !v.trim().is_empty());
    let listed = var(IDENTITY_PROVIDERS).unwrap_or_else(|| "[]".into());
    let (config, client_secrets) = match var(IDENTITY_PROVIDER_SECRETS) {
        Some(id) => {
            let (config, secret) = tokio::join!(Config::from_secrets(&secrets), secrets.get(&id));
            (config?, secret?)
        }
        None => (Config::from_secrets(&secrets).await?, "{}".to_owned()),
    };
    let mut config = config;
    config.identity_providers = identity_providers(&listed, &client_secrets)?;
    let store = Arc::new(DynamoStore::new(&sdk, config.table.clone()));
    Ok(Deps::new(config, store))
}

/// The providers of `PZ_IDENTITY_PROVIDERS` with their secrets, each checked.
pub fn identity_providers(
    listed: &str,
    client_secrets: &str,
) -> Result<Vec<crate::domain::idp::IdentityProvider>, Error> {
    let mut providers: Vec<crate::domain::idp::IdentityProvider> =
        serde_json::from_str(listed).map_err(|e| format!("{IDENTITY_PROVIDERS}: {e}"))?;
    let secrets: std::collections::HashMap<String, String> =
        serde_json::from_str(client_secrets).map_err(|_| format!("{IDENTITY_PROVIDER_SECRETS}: not a JSON object"))?;
    for p in &mut providers {
        p.check()?;
        p.client_secret = secrets.get(&p.id).cloned().ok_or_else(|| format!("no client secret for {}", p.id))?;
    }
    Ok(providers)
}

/// `cold_start` for the OpenID Connect provider: the hash key, its signing key
/// (`PZ_OIDC_SIGNING_KEY_SECRET`) and, during a rotation, the retired one
/// (`PZ_OIDC_PREVIOUS_SIGNING_KEY_SECRET`) are read from Secrets Manager at once (one round
/// trip at cold start, not three); the registered clients from `PZ_OIDC_CLIENTS`.
pub async fn cold_start_with_oidc() -> Result<(FunctionDeps, Provider), Error> {
    init_tracing();
    let sdk = crate::adapters::aws::lambda_sdk_config()?;
    let secrets = SecretsManager::new(&sdk);
    let var = |name| std::env::var(name).ok().filter(|v: &String| !v.trim().is_empty());
    let key_id = var(OIDC_KEY_SECRET).ok_or(crate::config::ConfigError::Missing(OIDC_KEY_SECRET))?;
    let previous_id = var(OIDC_PREVIOUS_KEY_SECRET);
    let clients = var("PZ_OIDC_CLIENTS");
    let (config, keys) =
        tokio::join!(Config::from_secrets(&secrets), oidc_keys(&secrets, &key_id, previous_id.as_deref()));
    let (config, (key, previous)) = (config?, keys?);
    let provider = oidc_provider_with(&config.public_url, &key, &previous, clients.as_deref())?;
    let store = Arc::new(DynamoStore::new(&sdk, config.table.clone()));
    Ok((Deps::new(config, store), provider))
}

/// The provider with the secrets and the clients named here (the local gateway, tests).
pub async fn oidc_provider_from(
    secrets: &SecretsManager,
    public_url: &str,
    key_id: &str,
    previous_id: Option<&str>,
    clients: Option<&str>,
) -> Result<Provider, Error> {
    let (key, previous) = oidc_keys(secrets, key_id, previous_id).await?;
    oidc_provider_with(public_url, &key, &previous, clients)
}

/// The signing key and the retired one (empty if none), read at once.
async fn oidc_keys(
    secrets: &SecretsManager,
    key_id: &str,
    previous_id: Option<&str>,
) -> Result<(String, String), crate::adapters::secrets::SecretError> {
    let previous = async {
        match previous_id {
            Some(id) => secrets.get(id).await,
            None => Ok(String::new()),
        }
    };
    let (key, previous) = tokio::join!(secrets.get(key_id), previous);
    Ok((key?, previous?))
}

fn oidc_provider_with(public_url: &str, key: &str, previous: &str, clients: Option<&str>) -> Result<Provider, Error> {
    Ok(Provider::configured(public_url, key, clients)?.with_retired_key(previous)?)
}

pub const OIDC_KEY_SECRET: &str = "PZ_OIDC_SIGNING_KEY_SECRET";
pub const OIDC_PREVIOUS_KEY_SECRET: &str = "PZ_OIDC_PREVIOUS_SIGNING_KEY_SECRET";

/// Serves one HTTP handler until the Lambda runtime stops the process. `D` is what the
/// handler is wired with: a function's `Deps` (the handler's bound says which ports it
/// needs), or the bare `Config` of the pages.
pub async fn serve_http<D: Send + Sync + 'static>(deps: D, handler: HttpHandler<D>) -> Result<(), Error> {
    // One per process, alive until it exits.
    let deps: &'static D = Box::leak(Box::new(deps));
    lambda_http::run(service_fn(move |req: Request| async move {
        let id = req.lambda_context_ref().map(|c| c.request_id.clone()).unwrap_or_default();
        let route = req.request_context_ref().and_then(route_key).unwrap_or_default();
        Ok::<_, Infallible>(crate::handlers::run(handler, deps, req).instrument(request_span(&id, &route)).await)
    }))
    .await
}

/// The HTTP API's route key (`POST /api/applications/{application_id}/verify`).
fn route_key(ctx: &RequestContext) -> Option<String> {
    match ctx {
        RequestContext::ApiGatewayV2(c) => c.route_key.clone(),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}
