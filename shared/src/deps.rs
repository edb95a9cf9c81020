//! The ports a function is wired with, built once at cold start and shared by reference.
//!
//! Every function has the stored ports of one adapter, a clock and randomness. The senders
//! and the OpenID Connect provider are wired only where used, and their presence is part
//! of the type: `Deps<S, E, P, O>` holds an `Arc<dyn SmsSender>` in `S` when SMS is wired
//! and `Absent` when it is not. A handler declares what it needs by its bound
//! (`deps: &impl HasSms`), so a function's entry that forgets a port does not compile.
//!
//! The stored ports come from one adapter, held by its own type (`St`): `DynamoStore` in a
//! function, so its steps call it directly and only the methods they call (and the
//! DynamoDB operations behind them) are linked into the binary: the free slots link the
//! schedule's one query, not the outbox's or the sweeps'. Each step still names the
//! narrowest port it takes (`free_slots(schedule: &(impl Schedule + ?Sized), …)`). The
//! local gateway holds `dyn Storage`; a test holds any adapter.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use crate::adapters::clock::SystemClock;
use crate::adapters::random::OsRandom;
use crate::config::Config;
use crate::ports::{Clock, EmailSender, PushSender, Random, SmsSender, Storage};
use crate::service::oidc::Provider;
use crate::service::Ctx;

/// What every function has besides its stored ports.
pub struct Base {
    pub config: Config,
    pub clock: Arc<dyn Clock>,
    pub random: Arc<dyn Random>,
}

/// A port this function is not wired with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Absent;

/// A function's ports: `Base`, the stored ports of the adapter `St`, and the senders
/// (`S`ms, `E`mail, `P`ush) and the `O`penID Connect provider, each either wired (`Arc<…>`)
/// or `Absent`.
pub struct Deps<S = Absent, E = Absent, P = Absent, O = Absent, St: ?Sized = dyn Storage> {
    base: Base,
    storage: Arc<St>,
    pub sms: S,
    pub email: E,
    pub push: P,
    pub oidc: O,
}

/// Everything wired over any adapter: the local gateway, the tests, the benches.
pub type FullDeps = Deps<Arc<dyn SmsSender>, Arc<dyn EmailSender>, Arc<dyn PushSender>, Arc<Provider>>;

impl<S, E, P, O, St: ?Sized> Deref for Deps<S, E, P, O, St> {
    type Target = Base;
    fn deref(&self) -> &Base {
        &self.base
    }
}

impl<S, E, P, O, St: ?Sized> DerefMut for Deps<S, E, P, O, St> {
    fn deref_mut(&mut self) -> &mut Base {
        &mut self.base
    }
}

impl<St: ?Sized + Storage> Deps<Absent, Absent, Absent, Absent, St> {
    /// The stored ports of `storage`, the system clock and the OS's randomness; no sender.
    /// `Arc<DynamoStore>` gives a function's `Deps`, `Arc<dyn Storage>` the gateway's.
    pub fn new(config: Config, storage: Arc<St>) -> Self {
        let base = Base { config, clock: Arc::new(SystemClock), random: Arc::new(OsRandom) };
        Self { base, storage, sms: Absent, email: Absent, push: Absent, oidc: Absent }
    }
}

impl<S, E, P, O, St: ?Sized + Storage> Deps<S, E, P, O, St> {
    pub fn with_sms(self, sms: Arc<dyn SmsSender>) -> Deps<Arc<dyn SmsSender>, E, P, O, St> {
        Deps { base: self.base, storage: self.storage, sms, email: self.email, push: self.push, oidc: self.oidc }
    }

    pub fn with_email(self, email: Arc<dyn EmailSender>) -> Deps<S, Arc<dyn EmailSender>, P, O, St> {
        Deps { base: self.base, storage: self.storage, sms: self.sms, email, push: self.push, oidc: self.oidc }
    }

    pub fn with_push(self, push: Arc<dyn PushSender>) -> Deps<S, E, Arc<dyn PushSender>, O, St> {
        Deps { base: self.base, storage: self.storage, sms: self.sms, email: self.email, push, oidc: self.oidc }
    }

    pub fn with_oidc(self, oidc: Arc<Provider>) -> Deps<S, E, P, Arc<Provider>, St> {
        Deps { base: self.base, storage: self.storage, sms: self.sms, email: self.email, push: self.push, oidc }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.base.clock = clock;
        self
    }

    pub fn with_random(mut self, random: Arc<dyn Random>) -> Self {
        self.base.random = random;
        self
    }

    /// The adapter itself (a test reads through it after the gateway has dropped).
    pub fn storage(&self) -> &Arc<St> {
        &self.storage
    }
}

/// Any function's ports: what `Deps` answers, for a handler generic over its wiring.
pub trait Wired: Deref<Target = Base> + Send + Sync {
    /// The adapter: `DynamoStore` in a function, `dyn Storage` in the gateway.
    type Storage: ?Sized + Storage;
    /// The ports most flow steps use: the state, the attempt counter, the time, the key.
    fn ctx(&self) -> Ctx<'_, Self::Storage>;
    /// The whole adapter, for a step that takes another of its ports (the schedule, the
    /// sweeps, the audit trail, the outbox).
    fn store(&self) -> &Self::Storage;
}

impl<S: Send + Sync, E: Send + Sync, P: Send + Sync, O: Send + Sync, St: ?Sized + Storage> Wired
    for Deps<S, E, P, O, St>
{
    type Storage = St;
    fn ctx(&self) -> Ctx<'_, St> {
        Ctx::over(&*self.storage, &*self.clock, &self.config.hash_key).linking_to(&self.config.public_url)
    }
    fn store(&self) -> &St {
        &self.storage
    }
}

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

impl<E: Send + Sync, P: Send + Sync, O: Send + Sync, St: ?Sized + Storage> HasSms
    for Deps<Arc<dyn SmsSender>, E, P, O, St>
{
    fn sms(&self) -> &dyn SmsSender {
        &*self.sms
    }
}

impl<S: Send + Sync, P: Send + Sync, O: Send + Sync, St: ?Sized + Storage> HasEmail
    for Deps<S, Arc<dyn EmailSender>, P, O, St>
{
    fn email(&self) -> &dyn EmailSender {
        &*self.email
    }
}

impl<S: Send + Sync, E: Send + Sync, O: Send + Sync, St: ?Sized + Storage> HasPush
    for Deps<S, E, Arc<dyn PushSender>, O, St>
{
    fn push(&self) -> &dyn PushSender {
        &*self.push
    }
}

impl<S: Send + Sync, E: Send + Sync, P: Send + Sync, St: ?Sized + Storage> HasOidc
    for Deps<S, E, P, Arc<Provider>, St>
{
    fn oidc(&self) -> &Provider {
        &self.oidc
    }
}
