//! The ports a function is wired with, built once at cold start and shared by reference.
//!
//! Every function has the stored ports, a clock and randomness (`Base`). The senders and
//! the OpenID Connect provider are wired only where used, and their presence is part of
//! the type: `Deps<S, E, P, O>` holds an `Arc<dyn SmsSender>` in `S` when SMS is wired
//! and `Absent` when it is not. A handler declares what it needs by its bound
//! (`deps: &impl HasSms`), so a function's entry that forgets a port does not compile.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use crate::adapters::clock::SystemClock;
use crate::adapters::random::OsRandom;
use crate::config::Config;
use crate::ports::{
    Attempts, AuditLog, Clock, EmailSender, OutboxQueue, PushSender, Random, Schedule, SmsSender, Storage, Store,
    Sweeps,
};
use crate::service::oidc::Provider;
use crate::service::Ctx;

/// What every function has.
pub struct Base {
    pub config: Config,
    pub store: Arc<dyn Store>,
    pub attempts: Arc<dyn Attempts>,
    pub schedule: Arc<dyn Schedule>,
    pub sweeps: Arc<dyn Sweeps>,
    pub audit: Arc<dyn AuditLog>,
    pub queue: Arc<dyn OutboxQueue>,
    pub clock: Arc<dyn Clock>,
    pub random: Arc<dyn Random>,
}

impl Base {
    /// The ports most flow steps use: the state, the attempt counter, the time, the key.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx { store: &*self.store, attempts: &*self.attempts, clock: &*self.clock, keys: &self.config.hash_key }
    }
}

/// A port this function is not wired with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Absent;

/// A function's ports: `Base` plus the senders (`S`ms, `E`mail, `P`ush) and the `O`penID
/// Connect provider, each either wired (`Arc<…>`) or `Absent`.
pub struct Deps<S = Absent, E = Absent, P = Absent, O = Absent> {
    base: Base,
    pub sms: S,
    pub email: E,
    pub push: P,
    pub oidc: O,
}

/// Everything wired: the local gateway, the tests, the benches.
pub type FullDeps = Deps<Arc<dyn SmsSender>, Arc<dyn EmailSender>, Arc<dyn PushSender>, Arc<Provider>>;

impl<S, E, P, O> Deref for Deps<S, E, P, O> {
    type Target = Base;
    fn deref(&self) -> &Base {
        &self.base
    }
}

impl<S, E, P, O> DerefMut for Deps<S, E, P, O> {
    fn deref_mut(&mut self) -> &mut Base {
        &mut self.base
    }
}

impl Deps {
    /// Every stored port from one adapter, the system clock and the OS's randomness;
    /// no sender.
    pub fn new(config: Config, storage: Arc<dyn Storage>) -> Self {
        let base = Base {
            config,
            store: storage.clone(),
            attempts: storage.clone(),
            schedule: storage.clone(),
            sweeps: storage.clone(),
            audit: storage.clone(),
            queue: storage,
            clock: Arc::new(SystemClock),
            random: Arc::new(OsRandom),
        };
        Self { base, sms: Absent, email: Absent, push: Absent, oidc: Absent }
    }
}

impl<S, E, P, O> Deps<S, E, P, O> {
    pub fn with_sms(self, sms: Arc<dyn SmsSender>) -> Deps<Arc<dyn SmsSender>, E, P, O> {
        Deps { base: self.base, sms, email: self.email, push: self.push, oidc: self.oidc }
    }

    pub fn with_email(self, email: Arc<dyn EmailSender>) -> Deps<S, Arc<dyn EmailSender>, P, O> {
        Deps { base: self.base, sms: self.sms, email, push: self.push, oidc: self.oidc }
    }

    pub fn with_push(self, push: Arc<dyn PushSender>) -> Deps<S, E, Arc<dyn PushSender>, O> {
        Deps { base: self.base, sms: self.sms, email: self.email, push, oidc: self.oidc }
    }

    pub fn with_oidc(self, oidc: Arc<Provider>) -> Deps<S, E, P, Arc<Provider>> {
        Deps { base: self.base, sms: self.sms, email: self.email, push: self.push, oidc }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.base.clock = clock;
        self
    }

    pub fn with_random(mut self, random: Arc<dyn Random>) -> Self {
        self.base.random = random;
        self
    }

    /// Another `Store` in front of the same other ports (a test's fault injector).
    pub fn with_store(mut self, store: Arc<dyn Store>) -> Self {
        self.base.store = store;
        self
    }
}

/// Any function's ports.
pub trait Wired: Deref<Target = Base> + Send + Sync {}

impl<S: Send + Sync, E: Send + Sync, P: Send + Sync, O: Send + Sync> Wired for Deps<S, E, P, O> {}

/// A function wired with SMS.
pub trait HasSms: Wired {
    fn sms(&self) -> &dyn SmsSender;
}

/// A function wired with email.
pub trait HasEmail: Wired {
    fn email(&self) -> &dyn EmailSender;
}

/// A function wired with mobile push.
pub trait HasPush: Wired {
    fn push(&self) -> &dyn PushSender;
}

/// A function wired with the OpenID Connect provider.
pub trait HasOidc: Wired {
    fn oidc(&self) -> &Provider;
}

impl<E: Send + Sync, P: Send + Sync, O: Send + Sync> HasSms for Deps<Arc<dyn SmsSender>, E, P, O> {
    fn sms(&self) -> &dyn SmsSender {
        &*self.sms
    }
}

impl<S: Send + Sync, P: Send + Sync, O: Send + Sync> HasEmail for Deps<S, Arc<dyn EmailSender>, P, O> {
    fn email(&self) -> &dyn EmailSender {
        &*self.email
    }
}

impl<S: Send + Sync, E: Send + Sync, O: Send + Sync> HasPush for Deps<S, E, Arc<dyn PushSender>, O> {
    fn push(&self) -> &dyn PushSender {
        &*self.push
    }
}

impl<S: Send + Sync, E: Send + Sync, P: Send + Sync> HasOidc for Deps<S, E, P, Arc<Provider>> {
    fn oidc(&self) -> &Provider {
        &self.oidc
    }
}
