//! The account created when the application's SMS code is accepted. It becomes an active
//! trusted profile when a clerk confirms the identity, valid three years from then.

use chrono::{DateTime, Months, Utc};

use super::application::PROFILE_VALIDITY_MONTHS;
use super::{Application, ApplicationId, ClerkId, Email, PasswordHash, PersonName, Pesel, PhoneNumber, Username};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// Waiting for the clerk's video call.
    AwaitingIdentityCheck,
    Active,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    Sms,
    Push,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Account {
    /// The id of the application that created it.
    pub id: ApplicationId,
    pub username: Username,
    pub password_hash: PasswordHash,
    pub first_name: PersonName,
    pub second_name: Option<PersonName>,
    pub last_name: PersonName,
    pub pesel: Pesel,
    pub email: Email,
    pub phone: PhoneNumber,
    pub status: AccountStatus,
    pub auth_method: AuthMethod,
    pub created_at: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    #[serde(default)]
    pub confirmed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub confirmed_by: Option<ClerkId>,
    /// Optimistic-locking version, checked by the store on every update.
    #[serde(default)]
    pub version: u64,
}

impl Account {
    pub fn from_application(app: &Application, password_hash: PasswordHash, now: DateTime<Utc>) -> Self {
        Self {
            id: app.id.clone(),
            username: app.username.clone(),
            password_hash,
            first_name: app.first_name.clone(),
            second_name: app.second_name.clone(),
            last_name: app.last_name.clone(),
            pesel: app.pesel.clone(),
            email: app.email.clone(),
            phone: app.phone.clone(),
            status: AccountStatus::AwaitingIdentityCheck,
            auth_method: AuthMethod::Sms,
            created_at: now,
            valid_until: None,
            confirmed_at: None,
            confirmed_by: None,
            version: 0,
        }
    }

    /// The clerk confirmed the identity: the trusted profile is active for three years.
    pub fn activate(&mut self, by: ClerkId, now: DateTime<Utc>) -> DateTime<Utc> {
        let valid_until = now.checked_add_months(Months::new(PROFILE_VALIDITY_MONTHS)).unwrap_or(now);
        self.status = AccountStatus::Active;
        self.valid_until = Some(valid_until);
        self.confirmed_at = Some(now);
        self.confirmed_by = Some(by);
        valid_until
    }

    /// Rejected or expired before confirmation: the account can never be used.
    pub fn close(&mut self) {
        self.status = AccountStatus::Closed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_years_from_confirmation_even_from_a_leap_day() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let add = |now: DateTime<Utc>| now.checked_add_months(Months::new(PROFILE_VALIDITY_MONTHS)).unwrap();
        assert_eq!(add(t("2026-11-23T10:15:00Z")), t("2029-11-23T10:15:00Z"));
        assert_eq!(add(t("2028-02-29T12:00:00Z")), t("2031-02-28T12:00:00Z"));
    }
}
