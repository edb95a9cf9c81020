//! "To nie ja" (docs/rules.md §3.10): every security notification carries a one-use link,
//! valid 10 days, with which the owner says the change was not theirs. Using it ends every
//! session, unlinks the app and blocks signing in with the password until it is recovered.

use chrono::{DateTime, Duration, Utc};

use super::ApplicationId;

/// How long a "To nie ja" link works.
pub const LINK_VALID_FOR: Duration = Duration::days(10);

/// What a security notification told the owner about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecurityEvent {
    DeviceLinked,
    PasswordChanged,
    PasswordRecovered,
    AuthMethodChanged,
    EmailChanged,
    PhoneChanged,
    DeviceUnlinked,
}

impl SecurityEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DeviceLinked => "device_linked",
            Self::PasswordChanged => "password_changed",
            Self::PasswordRecovered => "password_recovered",
            Self::AuthMethodChanged => "auth_method_changed",
            Self::EmailChanged => "email_changed",
            Self::PhoneChanged => "phone_changed",
            Self::DeviceUnlinked => "device_unlinked",
        }
    }
}

/// One "To nie ja" link, stored by the keyed hash of its token.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Disavow {
    pub token_hash: String,
    pub account_id: ApplicationId,
    pub event: SecurityEvent,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The email address or phone number a change replaced: "To nie ja" puts it back (else
    /// the way back in, the recovery, would go to the intruder's address or number).
    #[serde(default)]
    pub previous: Option<String>,
    #[serde(default)]
    pub used_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub version: u64,
}

impl Disavow {
    pub fn new(token_hash: String, account_id: ApplicationId, event: SecurityEvent, now: DateTime<Utc>) -> Self {
        Self {
            token_hash,
            account_id,
            event,
            created_at: now,
            expires_at: now + LINK_VALID_FOR,
            previous: None,
            used_at: None,
            version: 0,
        }
    }

    /// Spends the link; `false` if it was used or has expired (one answer for both).
    pub fn use_up(&mut self, now: DateTime<Utc>) -> bool {
        if self.used_at.is_some() || now >= self.expires_at {
            return false;
        }
        self.used_at = Some(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_works_once_within_ten_days() {
        let t0 = DateTime::parse_from_rfc3339("2026-12-05T10:00:00Z").unwrap().with_timezone(&Utc);
        let id = ApplicationId::parse(&"b".repeat(26)).unwrap();
        let mut late = Disavow::new("h".into(), id.clone(), SecurityEvent::PasswordChanged, t0);
        assert!(!late.use_up(t0 + LINK_VALID_FOR), "not on the tenth day's end");
        let mut d = Disavow::new("h".into(), id, SecurityEvent::PasswordChanged, t0);
        assert!(d.use_up(t0 + Duration::days(9)));
        assert!(!d.use_up(t0 + Duration::days(9)), "once");
    }
}
