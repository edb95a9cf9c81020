//! The account created when the application's SMS code is accepted. It becomes an active
//! trusted profile when a clerk confirms the identity (a later step).

use chrono::{DateTime, Utc};

use super::{Application, ApplicationId, Email, PasswordHash, PersonName, Pesel, PhoneNumber, Username};

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
        }
    }
}
