//! The ports a handler may use, built once at cold start and shared by reference.

use std::sync::Arc;

use crate::adapters::clock::SystemClock;
use crate::adapters::random::OsRandom;
use crate::config::Config;
use crate::domain::{PhoneNumber, Platform};
use crate::ports::{Clock, EmailSender, PushSender, Random, SendError, SmsSender, Store};
use crate::service::application::Ctx;
use crate::service::oidc::Provider;

pub struct Deps {
    pub config: Config,
    pub store: Arc<dyn Store>,
    pub sms: Arc<dyn SmsSender>,
    pub email: Arc<dyn EmailSender>,
    pub push: Arc<dyn PushSender>,
    pub clock: Arc<dyn Clock>,
    pub random: Arc<dyn Random>,
    /// The OpenID Connect provider (only the oidc-provider function and the gateway).
    pub oidc: Option<Arc<Provider>>,
}

impl Deps {
    /// A store and nothing else: senders a function does not wire refuse to send, so a
    /// binary links only the SDK clients it really uses.
    pub fn new(config: Config, store: Arc<dyn Store>) -> Self {
        Self {
            config,
            store,
            sms: Arc::new(Unwired),
            email: Arc::new(Unwired),
            push: Arc::new(Unwired),
            clock: Arc::new(SystemClock),
            random: Arc::new(OsRandom),
            oidc: None,
        }
    }

    pub fn with_sms(mut self, sms: Arc<dyn SmsSender>) -> Self {
        self.sms = sms;
        self
    }

    pub fn with_email(mut self, email: Arc<dyn EmailSender>) -> Self {
        self.email = email;
        self
    }

    pub fn with_push(mut self, push: Arc<dyn PushSender>) -> Self {
        self.push = push;
        self
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_random(mut self, random: Arc<dyn Random>) -> Self {
        self.random = random;
        self
    }

    pub fn with_oidc(mut self, provider: Arc<Provider>) -> Self {
        self.oidc = Some(provider);
        self
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx { store: &*self.store, clock: &*self.clock, keys: &self.config.hash_key }
    }
}

/// A sender this function was not given (a wiring mistake, reported, never a panic).
struct Unwired;

fn unwired() -> SendError {
    tracing::error!("a sender was used by a function that does not wire it");
    SendError("sender not wired in this function".into())
}

#[async_trait::async_trait]
impl SmsSender for Unwired {
    async fn send_sms(&self, _: &PhoneNumber, _: &str) -> Result<(), SendError> {
        Err(unwired())
    }
}

#[async_trait::async_trait]
impl EmailSender for Unwired {
    async fn send_email(&self, _: &str, _: &str, _: &str) -> Result<(), SendError> {
        Err(unwired())
    }
}

#[async_trait::async_trait]
impl PushSender for Unwired {
    async fn send_push(&self, _: &str, _: &str, _: &str) -> Result<(), SendError> {
        Err(unwired())
    }

    async fn register_device(&self, _: Platform, _: &str) -> Result<String, SendError> {
        Err(unwired())
    }
}
