//! The audit trail: an append-only record of every clerk action (and of what the system
//! decided on its own). It names people by id and username, never holds passwords,
//! codes, tokens or the application number.

use chrono::{DateTime, Utc};

use super::{ApplicationId, AuditId, ClerkId, SlotId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignedIn,
    SignInFailed,
    SignedOut,
    SlotPublished,
    ApplicationViewed,
    CallLinkSent,
    Confirmed,
    Rejected,
    /// The slot passed with no decision (the system noticed).
    NoShow,
    /// The citizen chose a new slot after a no-show.
    Rebooked,
    /// Seven days after a no-show with no decision (the system).
    Expired,
    /// A citizen's history: the authorisation method changed (note: the new method).
    AuthMethodChanged,
    /// A citizen's history: the profile was extended (note: the method that authorised it).
    Extended,
    /// A citizen's history: the mObywatel app was linked.
    DeviceLinked,
    /// A citizen's history: a service (IKP) signed in through the profile (note: its name).
    ServiceSignIn,
    /// A citizen's history: someone asked for a recovery email (note: "hasło" or
    /// "nazwa użytkownika"); the owner got it.
    RecoveryRequested,
    /// A citizen's history: a new password was set through a recovery link.
    PasswordRecovered,
    /// A citizen's history: the password was changed on `/profil`.
    PasswordChanged,
    /// A citizen's history: "Wyloguj na pozostałych urządzeniach".
    OtherSessionsEnded,
    /// A citizen's history: "To nie ja" (note: what the notification was about).
    Disavowed,
    /// A citizen's history: an expiry reminder was emailed (note: how many days before).
    ExpiryReminder,
    /// A citizen's history: the mObywatel app was unlinked on `/profil`.
    DeviceUnlinked,
    /// A citizen's history: "Usuń profil zaufany" (the last entry; note: the method).
    ProfileDeleted,
    /// A citizen's history: the email address changed (the code from the new one).
    EmailChanged,
    /// A citizen's history: the phone number changed (note: the method that approved it).
    PhoneChanged,
    /// A citizen's history: a connected service was revoked (note: its name).
    ServiceRevoked,
    /// A citizen's history: "Zgadzam się" for a service (note: its name and the scopes).
    ServiceConsented,
    /// A clerk's search at a confirmation point that found nothing (no PESEL or number
    /// is kept: the entry says only who searched and when).
    CounterSearchMissed,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignedIn => "signed_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignedOut => "signed_out",
            Self::SlotPublished => "slot_published",
            Self::ApplicationViewed => "application_viewed",
            Self::CallLinkSent => "call_link_sent",
            Self::Confirmed => "confirmed",
            Self::Rejected => "rejected",
            Self::NoShow => "no_show",
            Self::Rebooked => "rebooked",
            Self::Expired => "expired",
            Self::AuthMethodChanged => "auth_method_changed",
            Self::Extended => "extended",
            Self::DeviceLinked => "device_linked",
            Self::ServiceSignIn => "service_sign_in",
            Self::RecoveryRequested => "recovery_requested",
            Self::PasswordRecovered => "password_recovered",
            Self::PasswordChanged => "password_changed",
            Self::OtherSessionsEnded => "other_sessions_ended",
            Self::Disavowed => "disavowed",
            Self::ExpiryReminder => "expiry_reminder",
            Self::DeviceUnlinked => "device_unlinked",
            Self::ProfileDeleted => "profile_deleted",
            Self::EmailChanged => "email_changed",
            Self::PhoneChanged => "phone_changed",
            Self::ServiceRevoked => "service_revoked",
            Self::ServiceConsented => "service_consented",
            Self::CounterSearchMissed => "counter_search_missed",
        }
    }
}

/// How long a citizen's history entry is kept from when it happened (DynamoDB TTL), also
/// after the profile was deleted or expired: it holds no personal data (times, actions,
/// channels, services' names), and it is the audit record of what was done with the profile.
pub const HISTORY_YEARS: i64 = 5;

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    Clerk { id: ClerkId, username: String },
    Citizen,
    System,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: AuditAction,
    #[serde(default)]
    pub application_id: Option<ApplicationId>,
    #[serde(default)]
    pub slot_id: Option<SlotId>,
    /// A short note: the rejection reason, the slot's time. Never a secret.
    #[serde(default)]
    pub note: Option<String>,
}
