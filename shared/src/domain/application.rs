//! The application for a temporary trusted profile: its data, states and transitions.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{
    ApplicationId, ApplicationNumber, ClerkId, CodeGuard, Email, FieldError, Password, PasswordHash, PersonName, Pesel,
    PhoneNumber, SlotId, SlotRef, Username, VideoApp,
};

/// An application not confirmed by SMS code within this time is abandoned: its PESEL,
/// username and email may be claimed again *(ours)*.
pub const UNVERIFIED_LIFETIME: Duration = Duration::hours(1);
/// A slot counts as missed this long after its end with no decision *(ours)*.
pub const NO_SHOW_GRACE: Duration = Duration::hours(1);
/// A missed application expires this long after its slot ended *(ours)*.
pub const NO_SHOW_LIFETIME: Duration = Duration::days(7);
/// A confirmed profile is valid this many months (SPEC 2: three years).
pub const PROFILE_VALIDITY_MONTHS: u32 = 36;

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
    /// Set once the citizen chose a new slot after a no-show (allowed once).
    #[serde(default)]
    pub rebooked: bool,
    /// When the system noticed that the slot passed with no decision.
    #[serde(default)]
    pub missed_at: Option<DateTime<Utc>>,
    /// After a no-show: the application expires at this time unless re-booked or decided.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// Keyed hash of the one-time token in the no-show email's re-booking link.
    #[serde(default)]
    pub rebook_token_hash: Option<String>,
    #[serde(default)]
    pub call_links_sent: u32,
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Optimistic-locking version, checked by the store on every update.
    pub version: u64,
}

/// Who confirmed or rejected the application, when, and why (rejections).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    pub by: ClerkId,
    pub by_username: String,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A clerk's reason for rejecting: 3–500 characters, no control characters but newlines.
pub fn parse_reason(input: &str) -> Result<String, super::Invalid> {
    let reason = input.trim();
    let len = reason.chars().count();
    if !(3..=500).contains(&len) || reason.chars().any(|c| c.is_control() && c != '\n') {
        return Err(super::Invalid::new("bad_reason", crate::texts::field::REASON));
    }
    Ok(reason.to_owned())
}

/// Why a step refused to move the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Still waiting for the SMS code: nothing for a clerk yet.
    NotSubmitted,
    AlreadyDecided,
    Expired,
    /// Re-booking before the slot has passed.
    SlotNotPassed,
    /// The one re-booking was used.
    RebookUsed,
}

impl Application {
    /// The status as of `now`: an unverified application past its deadline is expired.
    pub fn status_at(&self, now: DateTime<Utc>) -> ApplicationStatus {
        match (self.status, self.verify_by, self.expires_at) {
            (ApplicationStatus::AwaitingSmsCode, Some(deadline), _) if now >= deadline => ApplicationStatus::Expired,
            (ApplicationStatus::Submitted, _, Some(deadline)) if now >= deadline => ApplicationStatus::Expired,
            (s, _, _) => s,
        }
    }

    /// The application may be decided now (a clerk's confirm or reject).
    fn open_for_decision(&self, now: DateTime<Utc>) -> Result<(), Refusal> {
        match self.status_at(now) {
            ApplicationStatus::Submitted => Ok(()),
            ApplicationStatus::AwaitingSmsCode => Err(Refusal::NotSubmitted),
            ApplicationStatus::Confirmed | ApplicationStatus::Rejected => Err(Refusal::AlreadyDecided),
            ApplicationStatus::Expired => Err(Refusal::Expired),
        }
    }

    /// Confirmed or rejected by a clerk: `outcome` must be one of the two.
    pub fn decide(&mut self, outcome: ApplicationStatus, decision: Decision) -> Result<(), Refusal> {
        self.open_for_decision(decision.at)?;
        if !self.status.can_become(outcome) || outcome == ApplicationStatus::Expired {
            return Err(Refusal::AlreadyDecided);
        }
        self.status = outcome;
        self.decision = Some(decision);
        self.expires_at = None;
        self.rebook_token_hash = None;
        Ok(())
    }

    /// A clerk may send the call link while the application waits for its decision.
    pub fn record_call_link(&mut self, now: DateTime<Utc>) -> Result<u32, Refusal> {
        self.open_for_decision(now)?;
        self.call_links_sent += 1;
        Ok(self.call_links_sent)
    }

    /// The slot passed with no decision (the grace hour included), not yet noticed.
    pub fn is_unnoticed_no_show(&self, now: DateTime<Utc>) -> bool {
        self.status_at(now) == ApplicationStatus::Submitted
            && self.missed_at.is_none()
            && self.slot.end + NO_SHOW_GRACE <= now
    }

    /// Records the no-show; it expires in seven days. `rebook_token_hash` is set when
    /// the citizen may still choose a new slot.
    pub fn mark_no_show(&mut self, now: DateTime<Utc>, rebook_token_hash: Option<String>) {
        self.missed_at = Some(now);
        self.expires_at = Some(self.slot.end + NO_SHOW_LIFETIME);
        self.rebook_token_hash = if self.rebooked { None } else { rebook_token_hash };
    }

    /// A new slot for a missed call: once, same application and number.
    pub fn rebook(&mut self, slot: SlotRef, now: DateTime<Utc>) -> Result<(), Refusal> {
        self.open_for_decision(now)?;
        if self.slot.end > now {
            return Err(Refusal::SlotNotPassed);
        }
        if self.rebooked {
            return Err(Refusal::RebookUsed);
        }
        self.slot = slot;
        self.rebooked = true;
        self.missed_at = None;
        self.expires_at = None;
        self.rebook_token_hash = None;
        Ok(())
    }

    /// Past its deadline (SMS code step or no-show): stored as expired.
    pub fn expire(&mut self, now: DateTime<Utc>) -> Result<(), Refusal> {
        if self.status_at(now) != ApplicationStatus::Expired || self.status == ApplicationStatus::Expired {
            return Err(Refusal::AlreadyDecided);
        }
        self.status = ApplicationStatus::Expired;
        self.verify_by = None;
        self.rebook_token_hash = None;
        Ok(())
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
