//! Building the dependencies of local mode: in-process by default, AWS APIs on request.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use shared::adapters::clock::SystemClock;
use shared::adapters::dev_outbox::DevOutbox;
use shared::adapters::dynamodb::DynamoStore;
use shared::adapters::memory::MemoryStore;
use shared::adapters::random::OsRandom;
use shared::adapters::ses::SesSender;
use shared::adapters::sns::{PlatformApps, SnsSender};
use shared::config::{parse_hash_key, Config};
use shared::crypto::{hex, HashKey};
use shared::domain::totp::TotpSecret;
use shared::ports::{Clock, Random, Storage};
use shared::service::clerk::{ensure_demo_clerk, random_password, DEMO_CLERK};
use shared::service::oidc::Provider;
use shared::service::slots::seed_demo_slots;
use shared::{Deps, FullDeps, Wired};

use crate::lambda::{self, LambdaMode, LambdaOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// In-process store and outbox: nothing leaves the machine.
    Memory,
    /// DynamoDB, SNS and SES at the endpoint of the usual AWS environment variables.
    Aws,
}

#[derive(Clone)]
pub struct Options {
    pub bind: IpAddr,
    pub port: u16,
    pub backend: Backend,
    pub seed_demo_slots: bool,
    /// Create the demo clerk `urzednik` (with this password, or a random one when `None`).
    pub demo_clerk: bool,
    pub demo_clerk_password: Option<String>,
    /// The demo clerk's TOTP secret (base32), or a random one, printed, when `None`.
    pub demo_clerk_totp_secret: Option<String>,
    pub clock: Arc<dyn Clock>,
    /// Lambda mode: the functions' release bootstraps under the Lambda Runtime Interface
    /// Emulator answer, instead of the handlers in this process (needs the AWS backend).
    pub lambda: Option<LambdaOptions>,
    /// Identity providers besides the demo banks (a test's independent provider).
    pub identity_providers: Vec<shared::domain::idp::IdentityProvider>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 3000,
            backend: Backend::Memory,
            seed_demo_slots: true,
            demo_clerk: true,
            demo_clerk_password: None,
            demo_clerk_totp_secret: None,
            clock: Arc::new(SystemClock),
            lambda: None,
            identity_providers: Vec::new(),
        }
    }
}

impl Options {
    /// `PZ_PORT`, `PZ_BIND`, and the backend: AWS when `PZ_BACKEND=aws` or `AWS_ENDPOINT_URL` is set.
    pub fn from_env() -> Result<Self, String> {
        let mut o = Self::default();
        if let Ok(p) = std::env::var("PZ_PORT") {
            o.port = p.parse().map_err(|_| format!("PZ_PORT is not a port number: {p}"))?;
        }
        if let Ok(b) = std::env::var("PZ_BIND") {
            o.bind = b.parse().map_err(|_| format!("PZ_BIND is not an IP address: {b}"))?;
        }
        o.demo_clerk_password = std::env::var("PZ_DEMO_CLERK_PASSWORD").ok().filter(|p| !p.is_empty());
        o.demo_clerk_totp_secret = std::env::var("PZ_DEMO_CLERK_TOTP_SECRET").ok().filter(|p| !p.is_empty());
        let backend = std::env::var("PZ_BACKEND").unwrap_or_default();
        o.backend = match backend.as_str() {
            "aws" => Backend::Aws,
            "memory" => Backend::Memory,
            "" if std::env::var("AWS_ENDPOINT_URL").is_ok() => Backend::Aws,
            "" => Backend::Memory,
            other => return Err(format!("PZ_BACKEND must be memory or aws, not {other}")),
        };
        Ok(o)
    }
}

/// A key for this run (and its hex, which Lambda mode stores as the functions' secret):
/// from `PZ_HASH_KEY`, or random (fine for an in-process store that forgets everything
/// at exit).
fn hash_key(rng: &dyn Random) -> Result<(HashKey, String), String> {
    let hexkey = std::env::var("PZ_HASH_KEY").unwrap_or_else(|_| {
        let mut k = vec![0u8; 32];
        rng.fill(&mut k);
        hex(&k)
    });
    Ok((parse_hash_key(&hexkey).map_err(|e| e.to_string())?, hexkey))
}

/// Local mode's signing key for ID tokens, used when `PZ_OIDC_SIGNING_KEY` is not set.
/// It is public (it is in the repository): never deploy with it.
const DEV_OIDC_KEY: &str = include_str!("../dev-keys/oidc-signing-key.pem");

fn oidc_key() -> String {
    std::env::var("PZ_OIDC_SIGNING_KEY").ok().filter(|k| !k.trim().is_empty()).unwrap_or_else(|| DEV_OIDC_KEY.into())
}

fn oidc_provider(public_url: &str) -> Result<Provider, String> {
    let clients = std::env::var("PZ_OIDC_CLIENTS").ok();
    Provider::configured(public_url, &oidc_key(), clients.as_deref())
}

pub struct Built {
    pub deps: Arc<FullDeps>,
    /// The demo banks (`/dev/idp/…`), which the relying party is registered at.
    pub idps: Arc<crate::idp_demo::DemoIdps>,
    /// The IKP demo's back-channel logout URI and session question (`/dev/ikp/…`).
    pub ikp: Arc<crate::ikp_demo::IkpDemo>,
    pub outbox: Option<Arc<DevOutbox>>,
    pub demo_clerk: Option<DemoClerk>,
    pub lambda: Option<LambdaMode>,
}

/// What to tell the person who started the gateway about the demo clerk.
#[derive(Debug, Clone)]
pub enum DemoClerk {
    /// Created now. What was generated (not given by `PZ_DEMO_CLERK_PASSWORD` or
    /// `PZ_DEMO_CLERK_TOTP_SECRET`) is here, to be printed once.
    Created { password: Option<String>, totp: Option<TotpSecret> },
    /// Already in the store (a persistent backend); its password and TOTP are unchanged.
    Existing,
}

pub async fn build(opts: &Options, public_url: String) -> Result<Built, String> {
    let random: Arc<dyn Random> = Arc::new(OsRandom);
    let (key, key_hex) = hash_key(&*random)?;
    let mut config = Config::with_key(key);
    config.secure_cookies = false; // plain http on 127.0.0.1
    let provider = Arc::new(oidc_provider(&public_url)?);
    let mut secret = [0u8; 16];
    random.fill(&mut secret);
    let idps = Arc::new(crate::idp_demo::DemoIdps::new(&public_url, hex(&secret))?);
    config.identity_providers = idps.registrations();
    for p in &opts.identity_providers {
        p.check()?;
    }
    config.identity_providers.extend(opts.identity_providers.iter().cloned());
    config.public_url = public_url;
    let mut lambda_mode = None;
    let (deps, outbox) = match opts.backend {
        Backend::Memory if opts.lambda.is_some() => {
            return Err(
                "Lambda mode runs the functions against AWS APIs: set AWS_ENDPOINT_URL (moto) or PZ_BACKEND=aws".into(),
            )
        }
        Backend::Memory => {
            let outbox = Arc::new(DevOutbox::new(opts.clock.clone()));
            let store: Arc<dyn Storage> = Arc::new(MemoryStore::new());
            let deps =
                Deps::new(config, store).with_sms(outbox.clone()).with_email(outbox.clone()).with_push(outbox.clone());
            (deps, Some(outbox))
        }
        Backend::Aws => {
            let sdk = shared::adapters::aws::sdk_config().await;
            let store = DynamoStore::new(&sdk, config.table.clone());
            if std::env::var("AWS_ENDPOINT_URL").is_ok() {
                // An emulator starts empty: create the table and verify the sender.
                store.ensure_table().await.map_err(|e| format!("cannot create table: {e}"))?;
                SesSender::new(&sdk, config.email_from.clone())
                    .verify_sender()
                    .await
                    .map_err(|e| format!("cannot verify sender: {e}"))?;
            }
            let sns = Arc::new(
                SnsSender::new(&sdk, config.sms_sender_id.clone()).with_platform_apps(PlatformApps::from_env()),
            );
            let ses = Arc::new(SesSender::new(&sdk, config.email_from.clone()));
            if let Some(lambda_opts) = &opts.lambda {
                let provisioned =
                    lambda::provision(&sdk, &config.table, &key_hex, &oidc_key(), &config.identity_providers).await?;
                let mut overrides = provisioned.overrides;
                overrides.push(("Table", config.table.clone()));
                overrides.push(("EmailFrom", config.email_from.clone()));
                overrides.push(("PublicUrl", config.public_url.clone()));
                if let Ok(clients) = std::env::var("PZ_OIDC_CLIENTS") {
                    overrides.push(("OidcClients", clients));
                }
                lambda_mode = Some(lambda::start(lambda_opts, &sdk, &config.table, &overrides).await?);
            }
            let store: Arc<dyn Storage> = Arc::new(store);
            let deps = Deps::new(config, store).with_sms(sns.clone()).with_push(sns).with_email(ses);
            (deps, None)
        }
    };
    let deps = deps.with_clock(opts.clock.clone()).with_random(random).with_oidc(provider.clone());
    if opts.seed_demo_slots {
        let n = seed_demo_slots(&deps.ctx(), &*deps.random).await.map_err(|e| format!("cannot seed slots: {e}"))?;
        tracing::info!(slots = n, "demo slots created (local mode only)");
        for point in shared::domain::office::demo_points() {
            deps.store().put_point(&point).await.map_err(|e| format!("cannot seed confirmation points: {e}"))?;
        }
    }
    let ikp = Arc::new(crate::ikp_demo::IkpDemo::new(provider.clone()));
    if opts.seed_demo_slots && std::env::var("PZ_OIDC_CLIENTS").is_err() {
        // The IKP demo as an operator would register it (pz-rp): told of logouts here.
        let public_url = deps.config.public_url.clone();
        let ikp_demo = shared::service::oidc::Client {
            backchannel_logout_uri: Some(format!("{public_url}/dev/ikp/backchannel-logout")),
            ..shared::service::oidc::demo_client(&public_url)
        };
        deps.store().put_client(&ikp_demo).await.map_err(|e| format!("cannot register the IKP demo: {e}"))?;
    }
    let demo_clerk = if opts.demo_clerk { Some(demo_clerk(&deps, opts).await?) } else { None };
    Ok(Built { deps: Arc::new(deps), idps, ikp, outbox, demo_clerk, lambda: lambda_mode })
}

async fn demo_clerk(deps: &FullDeps, opts: &Options) -> Result<DemoClerk, String> {
    let (password, generated_password) = match &opts.demo_clerk_password {
        Some(p) => (p.clone(), None),
        None => {
            let p = random_password(&*deps.random);
            (p.clone(), Some(p))
        }
    };
    let (totp, generated_totp) = match &opts.demo_clerk_totp_secret {
        Some(s) => (
            TotpSecret::parse(s)
                .ok_or("PZ_DEMO_CLERK_TOTP_SECRET is not a 160-bit base32 secret (32 characters A-Z, 2-7)")?,
            None,
        ),
        None => {
            let s = TotpSecret::generate(&*deps.random);
            (s.clone(), Some(s))
        }
    };
    let created = ensure_demo_clerk(&deps.ctx(), &*deps.random, &password, totp)
        .await
        .map_err(|e| format!("cannot create the demo clerk {DEMO_CLERK} (is PZ_DEMO_CLERK_PASSWORD valid?): {e}"))?;
    Ok(if created {
        DemoClerk::Created { password: generated_password, totp: generated_totp }
    } else {
        DemoClerk::Existing
    })
}
