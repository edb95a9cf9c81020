//! What the domain needs from the world, one narrow port per concern. Adapters implement
//! them; a function's entry wires the ones it uses (`Deps`); each service function takes
//! only the ports it uses.
//!
//! | port          | what it is for                                              |
//! |---------------|-------------------------------------------------------------|
//! | `Store`       | the state and its invariants: reads and the atomic `commit` |
//! | `Attempts`    | counting attempts before the check they pay for             |
//! | `Schedule`    | the clerks' slots and the calls of a day                    |
//! | `Sweeps`      | what fell due: unverified applications, ended profiles      |
//! | `Registry`    | the relying services registered with the OIDC provider      |
//! | `AuditLog`    | reading the audit trail and a citizen's history             |
//! | `OutboxQueue` | delivering queued messages (taking, finishing, dead letters)|
//! | `SmsSender`, `EmailSender`, `PushSender` | the providers behind the outbox |
//!
//! Writes of the audit trail and of the outbox are `Write`s of a `Store::commit`, in
//! the same transaction as the change they record (one event, one message).

mod queue;
mod senders;
mod store;

pub use queue::{DeliveryOutcome, OutboxQueue};
pub use senders::{EmailSender, LogoutSender, PushSender, SendError, SmsSender};
pub use store::*;

use chrono::{DateTime, Utc};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub trait Random: Send + Sync {
    fn fill(&self, buf: &mut [u8]);
}
