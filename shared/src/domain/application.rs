//! The application for a temporary trusted profile: its data, states and transitions.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{
    ApplicationId, ApplicationNumber, CodeGuard, Email, FieldError, Password, PasswordHash, PersonName, Pesel,
    PhoneNumber, SlotId, SlotRef, Username, VideoApp,
};

/// An application not confirmed by SMS code within this time is abandoned: its PESEL,
/// username and email may be claimed again *(ours)*.
pub const UNVERIFIED_LIFETIME: Duration = Duration::hours(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    AwaitingSmsCode,
    Submitted,
    Confirmed,
    Rejected,
    Expired,
}

impl ApplicationStatus {
    /// The state machine: every transition an application may make.
    pub fn can_become(self, next: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        matches!(
            (self, next),
            (AwaitingSmsCode, Submitted)
                | (AwaitingSmsCode, Expired)
                | (Submitted, Confirmed)
                | (Submitted, Rejected)
                | (Submitted, Expired)
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwaitingSmsCode => "awaiting_sms_code",
            Self::Submitted => "submitted",
            Self::Confirmed => "confirmed",
            Self::Rejected => "rejected",
            Self::Expired => "expired",
        }
    }
}

/// The request fields of "Wyślij wniosek", each already parsed into its domain type.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub username: Username,
    pub password: Password,
    pub first_name: PersonName,
    pub second_name: Option<PersonName>,
    pub last_name: PersonName,
    pub pesel: Pesel,
    pub email: Email,
    pub phone: PhoneNumber,
    pub slot_id: SlotId,
    pub video_app: VideoApp,
}

/// The raw form, as the browser sends it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationForm {
    pub username: String,
    pub password: String,
    pub first_name: String,
    #[serde(default)]
    pub second_name: Option<String>,
    pub last_name: String,
    pub pesel: String,
    pub email: String,
    pub phone: String,
    pub slot_id: String,
    pub video_app: String,
}

impl NewApplication {
    /// Parses every field and reports every refused one, so the form can mark them all.
    pub fn parse(form: &ApplicationForm, today: NaiveDate, video_apps: &[String]) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let username = take(&mut errors, "username", Username::parse(&form.username));
        let password = take(&mut errors, "password", Password::parse(&form.password, username.as_ref()));
        let first_name = take(&mut errors, "first_name", PersonName::parse(&form.first_name));
        let second_name = take(&mut errors, "second_name", PersonName::parse_optional(form.second_name.as_deref()));
        let last_name = take(&mut errors, "last_name", PersonName::parse(&form.last_name));
        let pesel = take(&mut errors, "pesel", Pesel::parse(&form.pesel, today));
        let email = take(&mut errors, "email", Email::parse(&form.email));
        let phone = take(&mut errors, "phone", super::PhoneNumber::parse(&form.phone));
        let slot_id = take(&mut errors, "slot_id", SlotId::parse(&form.slot_id).map_err(|_| {
            super::Invalid::new("slot_unknown", crate::texts::field::SLOT_UNKNOWN)
        }));
        let video_app = take(&mut errors, "video_app", VideoApp::parse(&form.video_app, video_apps));
        match (username, password, first_name, second_name, last_name, pesel, email, phone, slot_id, video_app) {
            (Some(username), Some(password), Some(first_name), Some(second_name), Some(last_name), Some(pesel), Some(email), Some(phone), Some(slot_id), Some(video_app)) => {
                Ok(Self { username, password, first_name, second_name, last_name, pesel, email, phone, slot_id, video_app })
            }
            _ => Err(errors),
        }
    }
}

fn take<T>(errors: &mut Vec<FieldError>, field: &'static str, r: Result<T, super::Invalid>) -> Option<T> {
    r.map_err(|e| errors.push(e.for_field(field))).ok()
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Application {
    pub id: ApplicationId,
    pub number: ApplicationNumber,
    pub status: ApplicationStatus,
    pub username: Username,
    /// Moves to the account when the code is accepted.
    pub password_hash: Option<PasswordHash>,
    pub first_name: PersonName,
    pub second_name: Option<PersonName>,
    pub last_name: PersonName,
    pub pesel: Pesel,
    pub email: Email,
    pub phone: PhoneNumber,
    pub slot: SlotRef,
    pub video_app: VideoApp,
    pub created_at: DateTime<Utc>,
    /// Deadline for the SMS code step; none once submitted.
    pub verify_by: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Keyed hash of the `pz_app` cookie that proves the browser started this application.
    pub browser_token_hash: String,
    pub code: CodeGuard,
    /// Optimistic-locking version, checked by the store on every update.
    pub version: u64,
}

impl Application {
    /// The status as of `now`: an unverified application past its deadline is expired.
    pub fn status_at(&self, now: DateTime<Utc>) -> ApplicationStatus {
        match (self.status, self.verify_by) {
            (ApplicationStatus::AwaitingSmsCode, Some(deadline)) if now >= deadline => ApplicationStatus::Expired,
            (s, _) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::{self, *};

    const ALL: [ApplicationStatus; 5] = [AwaitingSmsCode, Submitted, Confirmed, Rejected, Expired];

    #[test]
    fn every_transition_is_allowed_or_refused_on_purpose() {
        let allowed = [
            (AwaitingSmsCode, Submitted),
            (AwaitingSmsCode, Expired),
            (Submitted, Confirmed),
            (Submitted, Rejected),
            (Submitted, Expired),
        ];
        for from in ALL {
            for to in ALL {
                assert_eq!(from.can_become(to), allowed.contains(&(from, to)), "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn statuses_serialise_as_the_api_names_them() {
        for s in ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
