//! Writing to the audit trail: every clerk action commits its entry in the same
//! transaction as the change it records.

use chrono::{DateTime, Utc};

use crate::domain::{Actor, ApplicationId, AuditAction, AuditEntry, AuditId, ClerkSession, SlotId};
use crate::ports::{Random, Write};

impl From<&ClerkSession> for Actor {
    fn from(s: &ClerkSession) -> Self {
        Actor::Clerk { id: s.clerk_id.clone(), username: s.username.as_str().to_owned() }
    }
}

/// One entry to append; chain `.on(app)`, `.slot(id)`, `.note(text)` as needed.
pub struct Entry(AuditEntry);

pub fn entry(rng: &dyn Random, at: DateTime<Utc>, actor: Actor, action: AuditAction) -> Entry {
    Entry(AuditEntry { id: AuditId::generate(rng), at, actor, action, application_id: None, slot_id: None, note: None })
}

impl Entry {
    pub fn on(mut self, app: &ApplicationId) -> Self {
        self.0.application_id = Some(app.clone());
        self
    }

    pub fn slot(mut self, id: &SlotId) -> Self {
        self.0.slot_id = Some(id.clone());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.0.note = Some(note.into());
        self
    }

    pub fn write(self) -> Write {
        Write::Audit(self.0)
    }
}
