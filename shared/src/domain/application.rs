//! The application for a temporary trusted profile: its data, states and transitions.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::lang::Lang;
use super::office::{ConfirmationPoint, OFFICE_LIFETIME};
use super::{
    ApplicationId, ApplicationNumber, ClerkId, CodeGuard, Email, FieldError, Password, PasswordHash, PersonName, Pesel,
    PhoneNumber, PointId, SlotId, SlotRef, Username, VideoApp,
};

/// An application not confirmed by SMS code within this time is abandoned: its PESEL,
/// username and email may be claimed again *(ours)*.
pub const UNVERIFIED_LIFETIME: Duration = Duration::hours(1);
/// A slot counts as missed this long after its end with no decision *(ours)*.
pub const NO_SHOW_GRACE: Duration = Duration::hours(1);
/// A missed application expires this long after its slot ended *(ours)*.
pub const NO_SHOW_LIFETIME: Duration = Duration::days(7);
/// A confirmed profile is valid this many months (docs/rules.md §4: three years).
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
    pub way: Way,
}

/// How the citizen will confirm their identity: a video call in a slot, or in person at a
/// confirmation point within 14 days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Way {
    Video {
        slot_id: SlotId,
        video_app: VideoApp,
    },
    Office {
        point_id: PointId,
    },
    /// A bank or Envelo vouched for the names and PESEL: active once the SMS code is in.
    Bank(VouchedBy),
}

/// The provider that vouched for an application's names and PESEL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VouchedBy {
    pub provider: String,
    pub name: String,
    /// The key (a keyed hash) of the vouched identity's record: a corrected form from it
    /// replaces this application, and "Dalej" ends the record.
    #[serde(default)]
    pub record: String,
}

/// Where the application waits for its confirmation, as it is stored: the slot and app of
/// the call, or the point chosen.
#[derive(Debug, Clone)]
pub enum Booked {
    Video(SlotRef, VideoApp),
    Office(ConfirmationPoint),
    Bank(VouchedBy),
}

/// `POST /api/bank-applications`: what the citizen adds to what the provider vouched for.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VouchedForm {
    pub username: String,
    pub password: String,
    pub email: String,
    pub phone: String,
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
    /// `"video"` (the default) or `"office"`.
    #[serde(default)]
    pub confirmation: Option<String>,
    /// The video call's slot and app.
    #[serde(default)]
    pub slot_id: Option<String>,
    #[serde(default)]
    pub video_app: Option<String>,
    /// The confirmation point, for `"office"`.
    #[serde(default)]
    pub point_id: Option<String>,
}

impl NewApplication {
    /// The application this form starts: waiting an hour at most for its SMS code.
    pub fn application(
        &self,
        ids: (ApplicationId, ApplicationNumber),
        booked: Booked,
        password_hash: PasswordHash,
        browser_token_hash: String,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Application {
        let (id, number) = ids;
        let (slot, video_app, office, vouched_by) = match booked {
            Booked::Video(slot, app) => (Some(slot), Some(app), None, None),
            Booked::Office(point) => (None, None, Some(point), None),
            Booked::Bank(by) => (None, None, None, Some(by)),
        };
        Application {
            id,
            number,
            status: ApplicationStatus::AwaitingSmsCode,
            username: self.username.clone(),
            password_hash: Some(password_hash),
            first_name: self.first_name.clone(),
            second_name: self.second_name.clone(),
            last_name: self.last_name.clone(),
            pesel: self.pesel.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            slot,
            video_app,
            office,
            vouched_by,
            created_at: now,
            verify_by: Some(now + UNVERIFIED_LIFETIME),
            submitted_at: None,
            browser_token_hash,
            code: CodeGuard::default(),
            review: Default::default(),
            lang,
            version: 0,
        }
    }

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
        let way = Self::parse_way(form, video_apps, &mut errors);
        match (username, password, first_name, second_name, last_name, pesel, email, phone, way) {
            (
                Some(username),
                Some(password),
                Some(first_name),
                Some(second_name),
                Some(last_name),
                Some(pesel),
                Some(email),
                Some(phone),
                Some(way),
            ) => Ok(Self { username, password, first_name, second_name, last_name, pesel, email, phone, way }),
            _ => Err(errors),
        }
    }

    /// The fields of `/wniosek/bank` with the names and PESEL a bank or Envelo vouched for
    /// (checked again by the application's rules when they were vouched).
    pub fn vouched(form: &VouchedForm, vouched: &super::idp::Vouched) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let username = take(&mut errors, "username", Username::parse(&form.username));
        let password = take(&mut errors, "password", Password::parse(&form.password, username.as_ref()));
        let email = take(&mut errors, "email", Email::parse(&form.email));
        let phone = take(&mut errors, "phone", super::PhoneNumber::parse(&form.phone));
        match (username, password, email, phone) {
            (Some(username), Some(password), Some(email), Some(phone)) => Ok(Self {
                username,
                password,
                first_name: vouched.first_name.clone(),
                second_name: None,
                last_name: vouched.last_name.clone(),
                pesel: vouched.pesel.clone(),
                email,
                phone,
                way: Way::Bank(VouchedBy {
                    provider: vouched.provider.clone(),
                    name: vouched.provider_name.clone(),
                    record: vouched.token_hash.clone(),
                }),
            }),
            _ => Err(errors),
        }
    }

    /// A video call (a slot and an app) or an office (a point), never a mix of the two.
    fn parse_way(form: &ApplicationForm, video_apps: &[String], errors: &mut Vec<FieldError>) -> Option<Way> {
        use crate::texts::field as t;
        match form.confirmation.as_deref() {
            None | Some("video") => {
                if form.point_id.is_some() {
                    errors.push(super::Invalid::new("confirmation_mixed", t::CONFIRMATION_MIXED).for_field("point_id"));
                    return None;
                }
                let slot_id = take(
                    errors,
                    "slot_id",
                    SlotId::parse(form.slot_id.as_deref().unwrap_or(""))
                        .map_err(|_| super::Invalid::new("slot_unknown", t::SLOT_UNKNOWN)),
                );
                let video_app =
                    take(errors, "video_app", VideoApp::parse(form.video_app.as_deref().unwrap_or(""), video_apps));
                Some(Way::Video { slot_id: slot_id?, video_app: video_app? })
            }
            Some("office") => {
                if form.slot_id.is_some() || form.video_app.is_some() {
                    errors.push(super::Invalid::new("confirmation_mixed", t::CONFIRMATION_MIXED).for_field("slot_id"));
                    return None;
                }
                let point_id = take(errors, "point_id", PointId::parse(form.point_id.as_deref().unwrap_or("")));
                Some(Way::Office { point_id: point_id? })
            }
            Some(_) => {
                errors.push(super::Invalid::new("bad_confirmation", t::CONFIRMATION).for_field("confirmation"));
                None
            }
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
    /// The video call's slot and app; none for an office confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<SlotRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_app: Option<VideoApp>,
    /// The confirmation point the citizen chose instead of a video call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<ConfirmationPoint>,
    /// The bank or Envelo that vouched for the names and PESEL (no clerk, no call).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vouched_by: Option<VouchedBy>,
    pub created_at: DateTime<Utc>,
    /// Deadline for the SMS code step; none once submitted.
    pub verify_by: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Keyed hash of the `pz_app` cookie that proves the browser started this application.
    pub browser_token_hash: String,
    pub code: CodeGuard,
    /// What happened after it was sent: call links, no-shows, the decision.
    #[serde(default)]
    pub review: Review,
    /// The language the citizen reads (of the request that sent the application): its
    /// SMS and emails, and the profile's, go out in it.
    #[serde(default)]
    pub lang: Lang,
    /// Optimistic-locking version, checked by the store on every update.
    pub version: u64,
}

/// The clerk's part of an application's life, from sending to the decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Review {
    pub call_links_sent: u32,
    /// When the system noticed that the slot passed with no decision.
    pub missed_at: Option<DateTime<Utc>>,
    /// After a no-show: the application expires at this time unless re-booked or decided.
    pub expires_at: Option<DateTime<Utc>>,
    /// Set once the citizen chose a new slot after a no-show (allowed once).
    pub rebooked: bool,
    /// Keyed hash of the one-time token in the no-show email's re-booking link.
    pub rebook_token_hash: Option<String>,
    pub decision: Option<Decision>,
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

/// A rejection's reason is this long, in characters.
pub const REASON_MIN_CHARS: usize = 3;
pub const REASON_MAX_CHARS: usize = 500;

/// A clerk's reason for rejecting: 3–500 characters, no control characters but newlines.
pub fn parse_reason(input: &str) -> Result<String, super::Invalid> {
    let reason = input.trim();
    let len = reason.chars().count();
    if !(REASON_MIN_CHARS..=REASON_MAX_CHARS).contains(&len) || reason.chars().any(|c| c.is_control() && c != '\n') {
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
    /// A call link for an application to be confirmed at an office.
    NoCall,
}

/// A status change the state machine does not allow (`ApplicationStatus::can_become`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an application {from:?} cannot become {to:?}")]
pub struct IllegalTransition {
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
}

impl Application {
    /// Every change of `status` goes through here: only the transitions of the state
    /// machine are made.
    fn move_to(&mut self, next: ApplicationStatus) -> Result<(), IllegalTransition> {
        if !self.status.can_become(next) {
            return Err(IllegalTransition { from: self.status, to: next });
        }
        self.status = next;
        Ok(())
    }

    /// The SMS code proved the phone: the application is sent to the clerks, with no
    /// deadline for the code any more. Gives the password hash, which moves to the
    /// account the caller creates. Only an application still waiting for its code (and
    /// not past its deadline) is sent.
    pub fn submit(&mut self, now: DateTime<Utc>) -> Result<PasswordHash, IllegalTransition> {
        let refused = IllegalTransition { from: self.status_at(now), to: ApplicationStatus::Submitted };
        // Past its deadline it is expired, even before the sweep stores it so; without
        // its password hash it cannot make an account.
        if refused.from != ApplicationStatus::AwaitingSmsCode || self.password_hash.is_none() {
            return Err(refused);
        }
        self.move_to(ApplicationStatus::Submitted)?;
        self.submitted_at = Some(now);
        self.verify_by = None;
        if self.office.is_some() {
            // The citizen has 14 days to come to a point, to the end of the 14th (Polish) day.
            self.review.expires_at = Some(super::time::end_of_polish_day(now + OFFICE_LIFETIME));
        }
        self.password_hash.take().ok_or(refused)
    }

    /// A vouched application, its code just accepted (`submit`): confirmed at once, with no
    /// clerk.
    pub fn confirm_vouched(&mut self) -> Result<(), IllegalTransition> {
        if self.vouched_by.is_none() {
            return Err(IllegalTransition { from: self.status, to: ApplicationStatus::Confirmed });
        }
        self.move_to(ApplicationStatus::Confirmed)
    }

    /// The status as of `now`: an unverified application past its deadline is expired.
    pub fn status_at(&self, now: DateTime<Utc>) -> ApplicationStatus {
        match (self.status, self.verify_by, self.review.expires_at) {
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
        if outcome == ApplicationStatus::Expired {
            return Err(Refusal::AlreadyDecided);
        }
        self.move_to(outcome).map_err(|_| Refusal::AlreadyDecided)?;
        self.review.decision = Some(decision);
        self.review.expires_at = None;
        self.review.rebook_token_hash = None;
        Ok(())
    }

    /// A clerk may send the call link while the application waits for its decision.
    pub fn record_call_link(&mut self, now: DateTime<Utc>) -> Result<u32, Refusal> {
        self.open_for_decision(now)?;
        // An office application has no call.
        if self.slot.is_none() {
            return Err(Refusal::NoCall);
        }
        self.review.call_links_sent += 1;
        Ok(self.review.call_links_sent)
    }

    /// The slot passed with no decision (the grace hour included), not yet noticed.
    pub fn is_unnoticed_no_show(&self, now: DateTime<Utc>) -> bool {
        self.status_at(now) == ApplicationStatus::Submitted
            && self.review.missed_at.is_none()
            && self.slot.as_ref().is_some_and(|s| s.end + NO_SHOW_GRACE <= now)
    }

    /// Records the no-show; it expires in seven days. `rebook_token_hash` is set when
    /// the citizen may still choose a new slot.
    pub fn mark_no_show(&mut self, now: DateTime<Utc>, rebook_token_hash: Option<String>) {
        let Some(slot) = &self.slot else { return };
        self.review.missed_at = Some(now);
        self.review.expires_at = Some(slot.end + NO_SHOW_LIFETIME);
        self.review.rebook_token_hash = if self.review.rebooked { None } else { rebook_token_hash };
    }

    /// A new slot for a missed call: once, same application and number.
    pub fn rebook(&mut self, slot: SlotRef, now: DateTime<Utc>) -> Result<(), Refusal> {
        self.open_for_decision(now)?;
        // An office application has no slot to miss.
        if self.slot.as_ref().is_none_or(|s| s.end > now) {
            return Err(Refusal::SlotNotPassed);
        }
        if self.review.rebooked {
            return Err(Refusal::RebookUsed);
        }
        self.slot = Some(slot);
        self.review.rebooked = true;
        self.review.missed_at = None;
        self.review.expires_at = None;
        self.review.rebook_token_hash = None;
        Ok(())
    }

    /// Past its deadline (SMS code step or no-show): stored as expired.
    /// The browser that started it sent a corrected form before confirming the code: this
    /// one is given up (it held no place, PESEL or email yet).
    pub fn withdraw(&mut self) -> Result<(), Refusal> {
        if self.status != ApplicationStatus::AwaitingSmsCode {
            return Err(Refusal::AlreadyDecided);
        }
        self.move_to(ApplicationStatus::Expired).map_err(|_| Refusal::AlreadyDecided)?;
        self.verify_by = None;
        Ok(())
    }

    pub fn expire(&mut self, now: DateTime<Utc>) -> Result<(), Refusal> {
        if self.status_at(now) != ApplicationStatus::Expired {
            return Err(Refusal::AlreadyDecided);
        }
        self.move_to(ApplicationStatus::Expired).map_err(|_| Refusal::AlreadyDecided)?;
        self.verify_by = None;
        self.review.rebook_token_hash = None;
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

    mod steps {
        use super::super::*;
        use crate::adapters::random::SeededRandom;
        use crate::domain::{ClerkId, PasswordHash};

        fn t(s: &str) -> DateTime<Utc> {
            DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
        }

        /// A sent application whose slot is 10:00–10:20 on 2026-11-24.
        fn sent() -> Application {
            let rng = SeededRandom::new(3);
            let start = t("2026-11-24T10:00:00Z");
            Application {
                id: ApplicationId::generate(&rng),
                number: ApplicationNumber::generate(&rng),
                status: ApplicationStatus::Submitted,
                username: Username::parse("Anna_N").unwrap(),
                password_hash: Some(PasswordHash::from_phc("x")),
                first_name: PersonName::parse("Anna").unwrap(),
                second_name: None,
                last_name: PersonName::parse("Nowak").unwrap(),
                pesel: Pesel::parse("44051401458", t("2026-11-23T00:00:00Z").date_naive()).unwrap(),
                email: Email::parse("anna@example.pl").unwrap(),
                phone: PhoneNumber::parse("500100200").unwrap(),
                slot: Some(SlotRef { id: SlotId::generate(&rng), start, end: start + Duration::minutes(20) }),
                video_app: Some(VideoApp::parse("Skype", &["Skype".to_owned()]).unwrap()),
                office: None,
                vouched_by: None,
                created_at: t("2026-11-23T09:00:00Z"),
                verify_by: None,
                submitted_at: Some(t("2026-11-23T09:05:00Z")),
                browser_token_hash: String::new(),
                code: CodeGuard::default(),
                review: Review::default(),
                lang: Lang::Pl,
                version: 3,
            }
        }

        fn decision(at: &str) -> Decision {
            Decision {
                by: ClerkId::generate(&SeededRandom::new(4)),
                by_username: "urzednik".into(),
                at: t(at),
                reason: None,
            }
        }

        /// Still waiting for its SMS code, due by 10:00 on 2026-11-23.
        fn waiting() -> Application {
            let mut app = sent();
            app.status = ApplicationStatus::AwaitingSmsCode;
            app.verify_by = Some(t("2026-11-23T10:00:00Z"));
            app.submitted_at = None;
            app
        }

        #[test]
        fn only_the_transitions_of_the_state_machine_are_made_and_a_refused_one_changes_nothing() {
            for from in super::ALL {
                for to in super::ALL {
                    let mut app = sent();
                    app.status = from;
                    let moved = app.move_to(to);
                    if from.can_become(to) {
                        assert_eq!((moved, app.status), (Ok(()), to), "{from:?} -> {to:?}");
                    } else {
                        assert_eq!(
                            (moved, app.status),
                            (Err(IllegalTransition { from, to }), from),
                            "{from:?} -> {to:?}"
                        );
                    }
                }
            }
        }

        #[test]
        fn the_code_submits_a_waiting_application_once_and_its_password_moves_out() {
            let mut app = waiting();
            let at = t("2026-11-23T09:30:00Z");
            assert_eq!(app.submit(at), Ok(PasswordHash::from_phc("x")));
            assert_eq!(
                (app.status, app.submitted_at, app.verify_by, app.password_hash.clone()),
                (ApplicationStatus::Submitted, Some(at), None, None)
            );
            let again = IllegalTransition { from: ApplicationStatus::Submitted, to: ApplicationStatus::Submitted };
            assert_eq!(app.clone().submit(at), Err(again));
        }

        #[test]
        fn a_late_decided_or_expired_application_is_not_submitted() {
            let late = t("2026-11-23T10:00:00Z");
            let expired = IllegalTransition { from: ApplicationStatus::Expired, to: ApplicationStatus::Submitted };
            let mut app = waiting();
            assert_eq!(app.submit(late), Err(expired));
            assert_eq!((app.status, app.password_hash.is_some()), (ApplicationStatus::AwaitingSmsCode, true));
            for from in [ApplicationStatus::Confirmed, ApplicationStatus::Rejected, ApplicationStatus::Expired] {
                let mut app = waiting();
                app.status = from;
                let refused = IllegalTransition { from, to: ApplicationStatus::Submitted };
                assert_eq!(app.submit(t("2026-11-23T09:30:00Z")), Err(refused));
                assert_eq!(app.status, from);
            }
        }

        #[test]
        fn a_sent_application_is_confirmed_or_rejected_once() {
            for outcome in [ApplicationStatus::Confirmed, ApplicationStatus::Rejected] {
                let mut app = sent();
                app.decide(outcome, decision("2026-11-24T10:15:00Z")).unwrap();
                assert_eq!(app.status, outcome);
                for again in [ApplicationStatus::Confirmed, ApplicationStatus::Rejected] {
                    assert_eq!(
                        app.clone().decide(again, decision("2026-11-24T10:16:00Z")),
                        Err(Refusal::AlreadyDecided)
                    );
                }
                assert_eq!(app.clone().record_call_link(t("2026-11-24T10:16:00Z")), Err(Refusal::AlreadyDecided));
            }
        }

        #[test]
        fn no_decision_before_the_code_or_after_expiry_and_no_decision_to_expire() {
            let mut waiting = sent();
            waiting.status = ApplicationStatus::AwaitingSmsCode;
            waiting.verify_by = Some(t("2026-11-24T09:00:00Z"));
            assert_eq!(
                waiting.clone().decide(ApplicationStatus::Confirmed, decision("2026-11-24T08:00:00Z")),
                Err(Refusal::NotSubmitted)
            );
            assert_eq!(
                waiting.decide(ApplicationStatus::Confirmed, decision("2026-11-24T10:00:00Z")),
                Err(Refusal::Expired)
            );
            let mut missed = sent();
            missed.mark_no_show(t("2026-11-24T11:30:00Z"), None);
            assert_eq!(missed.review.expires_at, Some(t("2026-12-01T10:20:00Z")));
            assert!(
                missed.clone().decide(ApplicationStatus::Confirmed, decision("2026-11-30T10:00:00Z")).is_ok(),
                "late, but before expiry"
            );
            assert_eq!(
                missed.clone().decide(ApplicationStatus::Confirmed, decision("2026-12-01T10:20:00Z")),
                Err(Refusal::Expired)
            );
            assert_eq!(
                sent().decide(ApplicationStatus::Expired, decision("2026-11-24T10:15:00Z")),
                Err(Refusal::AlreadyDecided)
            );
        }

        #[test]
        fn a_no_show_is_noticed_an_hour_after_the_slot_and_once() {
            let app = sent();
            assert!(!app.is_unnoticed_no_show(t("2026-11-24T11:19:00Z")));
            assert!(app.is_unnoticed_no_show(t("2026-11-24T11:20:00Z")));
            let mut noticed = app.clone();
            noticed.mark_no_show(t("2026-11-24T11:20:00Z"), Some("h".into()));
            assert!(!noticed.is_unnoticed_no_show(t("2026-11-24T12:00:00Z")));
            let mut decided = app;
            decided.decide(ApplicationStatus::Rejected, decision("2026-11-24T10:30:00Z")).unwrap();
            assert!(!decided.is_unnoticed_no_show(t("2026-11-24T12:00:00Z")));
        }

        #[test]
        fn a_missed_call_is_rebooked_once_and_only_after_the_slot() {
            let mut app = sent();
            let new_slot = SlotRef {
                id: SlotId::parse("0000000000000009").unwrap(),
                start: t("2026-11-27T10:00:00Z"),
                end: t("2026-11-27T10:20:00Z"),
            };
            assert_eq!(app.clone().rebook(new_slot.clone(), t("2026-11-24T10:10:00Z")), Err(Refusal::SlotNotPassed));
            app.mark_no_show(t("2026-11-24T11:20:00Z"), Some("h".into()));
            app.rebook(new_slot.clone(), t("2026-11-24T12:00:00Z")).unwrap();
            assert_eq!(
                (
                    app.slot.clone().unwrap(),
                    app.review.rebooked,
                    app.review.expires_at,
                    app.review.rebook_token_hash.clone()
                ),
                (new_slot.clone(), true, None, None)
            );
            app.mark_no_show(t("2026-11-27T11:20:00Z"), Some("h2".into()));
            assert_eq!(app.review.rebook_token_hash, None, "no second link");
            assert_eq!(app.clone().rebook(new_slot, t("2026-11-27T12:00:00Z")), Err(Refusal::RebookUsed));
        }

        #[test]
        fn only_an_overdue_application_expires_and_only_once() {
            let mut app = sent();
            assert!(app.clone().expire(t("2026-11-25T00:00:00Z")).is_err(), "not overdue");
            app.mark_no_show(t("2026-11-24T11:20:00Z"), None);
            app.expire(t("2026-12-01T10:20:00Z")).unwrap();
            assert_eq!(app.status, ApplicationStatus::Expired);
            assert!(app.expire(t("2026-12-02T00:00:00Z")).is_err());
        }

        #[test]
        fn reasons_are_short_plain_text() {
            assert_eq!(
                parse_reason("  Nieczytelny dokument.\nProszę złożyć wniosek ponownie. ").unwrap(),
                "Nieczytelny dokument.\nProszę złożyć wniosek ponownie."
            );
            for bad in ["", "ab", "a\u{0}bc", &"x".repeat(501)] {
                assert!(parse_reason(bad).is_err(), "{bad:?}");
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
