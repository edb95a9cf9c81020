//! Building the dependencies of local mode: in-process by default, AWS APIs on request.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use shared::adapters::clock::SystemClock;
use shared::adapters::dev_outbox::DevOutbox;
use shared::adapters::dynamodb::DynamoStore;
use shared::adapters::memory::MemoryStore;
use shared::adapters::random::OsRandom;
use shared::adapters::{ses::SesSender, sns::SnsSender};
use shared::config::{parse_hash_key, Config};
use shared::crypto::{hex, HashKey};
use shared::ports::{Clock, Random, Store};
use shared::service::slots::seed_demo_slots;
use shared::Deps;

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
    pub clock: Arc<dyn Clock>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 3000,
            backend: Backend::Memory,
            seed_demo_slots: true,
            clock: Arc::new(SystemClock),
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

/// A key for this run: from `PZ_HASH_KEY`, or random (fine for an in-process store that
/// forgets everything at exit).
fn hash_key(rng: &dyn Random) -> Result<HashKey, String> {
    match std::env::var("PZ_HASH_KEY") {
        Ok(hexkey) => parse_hash_key(&hexkey).map_err(|e| e.to_string()),
        Err(_) => {
            let mut k = vec![0u8; 32];
            rng.fill(&mut k);
            parse_hash_key(&hex(&k)).map_err(|e| e.to_string())
        }
    }
}

pub struct Built {
    pub deps: Arc<Deps>,
    pub outbox: Option<Arc<DevOutbox>>,
}

pub async fn build(opts: &Options) -> Result<Built, String> {
    let random: Arc<dyn Random> = Arc::new(OsRandom);
    let mut config = Config::with_key(hash_key(&*random)?);
    config.secure_cookies = false; // plain http on 127.0.0.1
    let (deps, outbox) = match opts.backend {
        Backend::Memory => {
            let outbox = Arc::new(DevOutbox::new(opts.clock.clone()));
            let store: Arc<dyn Store> = Arc::new(MemoryStore::new());
            let deps = Deps::new(config, store).with_sms(outbox.clone()).with_email(outbox.clone()).with_push(outbox.clone());
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
            let sns = Arc::new(SnsSender::new(&sdk, config.sms_sender_id.clone()));
            let ses = Arc::new(SesSender::new(&sdk, config.email_from.clone()));
            let deps = Deps::new(config, Arc::new(store)).with_sms(sns.clone()).with_push(sns).with_email(ses);
            (deps, None)
        }
    };
    let deps = deps.with_clock(opts.clock.clone()).with_random(random);
    if opts.seed_demo_slots {
        let now = deps.clock.now();
        let n = seed_demo_slots(&*deps.store, &*deps.random, now).await.map_err(|e| format!("cannot seed slots: {e}"))?;
        tracing::info!(slots = n, "demo slots created (local mode only)");
    }
    Ok(Built { deps: Arc::new(deps), outbox })
}
