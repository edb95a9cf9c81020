//! Signing in with a confirmed profile (docs/rules.md §2, §3): challenges answered with an SMS code or
//! by a push with number matching, linked mObywatel devices, citizens' sessions.

use chrono::{DateTime, Duration, Utc};

pub use super::ids::{ChallengeId, DeviceId};
use super::sms_code::VALID_FOR as CODE_VALID_FOR;
use super::{Account, ApplicationId, AuthMethod, CodeError, Invalid, SmsCode};
use crate::ports::Random;

/// A sign-in must be finished within this time in the browser that started it (its
/// `pz_login` cookie lives as long).
pub const SIGN_IN_TIME_LIMIT: Duration = Duration::minutes(10);
/// A push waits this long for the app's answer.
pub const PUSH_LIFETIME: Duration = Duration::minutes(2);
/// At most this many unanswered pushes per account…
pub const PUSHES_PER_WINDOW: usize = 5;
/// …in this window *(ours)*.
pub const PUSH_WINDOW: Duration = Duration::minutes(15);
/// The app offers this many numbers to pick from, one of them the browser's.
pub const CHOICES: usize = 3;
/// A citizen's session ends after this long without a request…
pub const SESSION_IDLE: Duration = Duration::minutes(15);
/// …and in any case after this long.
pub const SESSION_MAX: Duration = Duration::hours(8);

/// What a challenge authorises once answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeKind {
    Login,
    AuthMethodChange,
    Extend,
    /// Linking a new mObywatel app while one is linked or the method is push: a stolen
    /// session alone must not swap the citizen's authenticator.
    LinkDevice,
    /// "Usuń profil zaufany": a session alone must not delete the profile.
    DeleteProfile,
    /// A new phone number: the current method approves, then a code goes to the new one.
    PhoneChange,
}

impl ChallengeKind {
    /// How a challenge of this kind is answered, given the profile's method: a change to
    /// push is always confirmed by the app it switches to.
    pub fn method(self, current: AuthMethod) -> AuthMethod {
        match self {
            Self::AuthMethodChange => AuthMethod::Push,
            _ => current,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::AuthMethodChange => "auth_method_change",
            Self::Extend => "extend",
            Self::LinkDevice => "link_device",
            Self::DeleteProfile => "delete_profile",
            Self::PhoneChange => "phone_change",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeStatus {
    Pending,
    /// The app approved a sign-in; the browser has not collected its session yet.
    Approved,
    Denied,
    /// Answered and carried out (session issued, method changed, profile extended).
    Done,
}

/// How a challenge looks to the browser that waits for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeView {
    Pending,
    Approved,
    Denied,
    Expired,
}

impl ChallengeView {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Denied => "denied",
            Self::Expired => "expired",
        }
    }
}

/// Number matching: the browser shows `match_number`, the app offers `choices` (three
/// distinct two-digit numbers, one of them the match, in random order).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PushPrompt {
    pub device_id: DeviceId,
    pub match_number: String,
    pub choices: Vec<String>,
}

impl PushPrompt {
    pub fn new(rng: &dyn Random, device_id: DeviceId) -> Self {
        let mut choices: Vec<u8> = Vec::with_capacity(CHOICES);
        while choices.len() < CHOICES {
            let n = uniform(rng, 90) as u8 + 10;
            if !choices.contains(&n) {
                choices.push(n);
            }
        }
        let match_number = choices[uniform(rng, CHOICES as u32) as usize].to_string();
        Self { device_id, match_number, choices: choices.iter().map(u8::to_string).collect() }
    }
}

/// A uniform number below `n` (rejection sampling).
fn uniform(rng: &dyn Random, n: u32) -> u32 {
    let zone = u32::MAX - u32::MAX % n;
    loop {
        let mut b = [0u8; 4];
        rng.fill(&mut b);
        let v = u32::from_le_bytes(b);
        if v < zone {
            return v % n;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Challenge {
    pub id: ChallengeId,
    pub account_id: ApplicationId,
    pub kind: ChallengeKind,
    pub method: AuthMethod,
    pub status: ChallengeStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Sign-in: the keyed hash of the `pz_login` token of the browser that started it.
    /// Step-ups are bound to the signed-in account instead.
    #[serde(default)]
    pub browser_hash: Option<String>,
    #[serde(default)]
    pub push: Option<PushPrompt>,
    #[serde(default)]
    pub answered_at: Option<DateTime<Utc>>,
    /// `LinkDevice`: the app to link once the challenge is confirmed. It is stored only
    /// then, so an unconfirmed app has no device record and can answer nothing.
    #[serde(default)]
    pub linking: Option<Device>,
    /// Sign-in: the language chosen on the page. Stored on the profile only when the
    /// sign-in succeeds: a password alone changes nothing on the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<super::Lang>,
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("already answered")]
    Answered,
    #[error("expired")]
    Expired,
}

/// What a new challenge authorises and who may answer it.
#[derive(Debug, Clone)]
pub struct Purpose {
    pub kind: ChallengeKind,
    /// Sign-in: the keyed hash of the `pz_login` token of the browser that started it.
    pub browser_hash: Option<String>,
    /// `LinkDevice`: the app to link once the challenge is confirmed.
    pub linking: Option<Device>,
    /// Sign-in: the language chosen on the page, the profile's once the sign-in succeeds.
    pub lang: Option<super::Lang>,
}

/// The account has too many unanswered pushes: the next is allowed after `retry_after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many unanswered pushes")]
pub struct PushLimited {
    pub retry_after: Duration,
}

impl Challenge {
    fn pending(id: ChallengeId, account: &Account, purpose: Purpose, method: AuthMethod, now: DateTime<Utc>) -> Self {
        let Purpose { kind, browser_hash, linking, lang } = purpose;
        Self {
            id,
            account_id: account.id.clone(),
            kind,
            method,
            status: ChallengeStatus::Pending,
            created_at: now,
            expires_at: now + CODE_VALID_FOR,
            browser_hash,
            push: None,
            answered_at: None,
            linking,
            lang,
            version: 0,
        }
    }

    /// A challenge answered with an SMS code: a new code is issued on the account's code
    /// guard (its limits on sends and wrong tries apply, and it replaces any earlier code),
    /// and the challenge lasts as long as the code. `hash` is how the code is kept (keyed,
    /// with the challenge's id); the code itself goes to the citizen and nowhere else.
    pub fn for_sms(
        rng: &dyn Random,
        account: &mut Account,
        purpose: Purpose,
        now: DateTime<Utc>,
        hash: impl FnOnce(&ChallengeId, &SmsCode) -> String,
    ) -> Result<(Self, SmsCode), CodeError> {
        let id = ChallengeId::for_account(rng, &account.id);
        let code = SmsCode::generate(rng);
        account.sign_in_code.issue(now, hash(&id, &code))?;
        Ok((Self::pending(id, account, purpose, AuthMethod::Sms, now), code))
    }

    /// A push to the account's app `device`, answered by picking the number the browser
    /// shows: at most `PUSHES_PER_WINDOW` unanswered ones per `PUSH_WINDOW`, and the app
    /// has `PUSH_LIFETIME` to answer.
    pub fn for_push(
        rng: &dyn Random,
        account: &mut Account,
        purpose: Purpose,
        device: DeviceId,
        now: DateTime<Utc>,
    ) -> Result<Self, PushLimited> {
        let id = ChallengeId::for_account(rng, &account.id);
        account
            .unanswered_pushes
            .admit(now, PUSHES_PER_WINDOW, PUSH_WINDOW)
            .map_err(|retry_after| PushLimited { retry_after })?;
        let mut challenge = Self::pending(id, account, purpose, AuthMethod::Push, now);
        challenge.expires_at = now + PUSH_LIFETIME;
        challenge.push = Some(PushPrompt::new(rng, device));
        Ok(challenge)
    }

    pub fn view(&self, now: DateTime<Utc>) -> ChallengeView {
        match self.status {
            ChallengeStatus::Pending if now >= self.expires_at => ChallengeView::Expired,
            ChallengeStatus::Pending => ChallengeView::Pending,
            ChallengeStatus::Approved | ChallengeStatus::Done => ChallengeView::Approved,
            ChallengeStatus::Denied => ChallengeView::Denied,
        }
    }

    /// Whether the app should still show it.
    pub fn awaits_app(&self, now: DateTime<Utc>) -> bool {
        self.push.is_some() && self.view(now) == ChallengeView::Pending
    }

    fn require_pending(&self, now: DateTime<Utc>) -> Result<(), AnswerError> {
        match self.view(now) {
            ChallengeView::Pending => Ok(()),
            ChallengeView::Expired => Err(AnswerError::Expired),
            _ => Err(AnswerError::Answered),
        }
    }

    /// The app's answer: approved only with the number the browser shows; any other
    /// pick denies (a push-fatigue attacker cannot approve by tapping at random).
    /// An approved step-up is carried out at once (`Done`); a sign-in waits for its browser.
    pub fn answer(
        &mut self,
        now: DateTime<Utc>,
        approve: bool,
        pick: Option<&str>,
    ) -> Result<ChallengeStatus, AnswerError> {
        self.require_pending(now)?;
        let matched = self.push.as_ref().is_some_and(|p| pick == Some(p.match_number.as_str()));
        self.status = match (approve && matched, self.kind) {
            (false, _) => ChallengeStatus::Denied,
            (true, ChallengeKind::Login) => ChallengeStatus::Approved,
            (true, _) => ChallengeStatus::Done,
        };
        self.answered_at = Some(now);
        Ok(self.status)
    }

    /// "Wyślij kod SMS": the citizen has no phone with the app at hand. A pending push
    /// sign-in or extension becomes an SMS challenge; the push is withdrawn, so the app
    /// can no longer answer it. A change to push can only be confirmed by the app.
    pub fn fall_back_to_sms(&mut self, now: DateTime<Utc>) -> Result<(), AnswerError> {
        self.require_pending(now)?;
        self.method = AuthMethod::Sms;
        self.push = None;
        self.expires_at = now + CODE_VALID_FOR;
        Ok(())
    }

    /// The right SMS code was typed: the challenge is used up.
    pub fn complete(&mut self, now: DateTime<Utc>) -> Result<(), AnswerError> {
        self.require_pending(now)?;
        self.status = ChallengeStatus::Done;
        self.answered_at = Some(now);
        Ok(())
    }

    /// The browser collects the session of an approved sign-in, once.
    pub fn collect(&mut self) -> bool {
        if self.status == ChallengeStatus::Approved && self.kind == ChallengeKind::Login {
            self.status = ChallengeStatus::Done;
            true
        } else {
            false
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Android,
    Ios,
}

impl Platform {
    /// The platform a linked app says it runs on, as the API names it.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input {
            "android" => Ok(Self::Android),
            "ios" => Ok(Self::Ios),
            _ => Err(Invalid::new("bad_platform", crate::texts::signin_field::PLATFORM)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Android => "android",
            Self::Ios => "ios",
        }
    }
}

/// A linked mObywatel app: where its pushes go and the hash of the secret it proves itself with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Device {
    pub id: DeviceId,
    pub account_id: ApplicationId,
    pub platform: Platform,
    /// The SNS platform endpoint ARN (or local mode's stand-in).
    pub endpoint: String,
    pub secret_hash: String,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

/// A signed-in citizen. Stored under the keyed hash of its cookie token, never the token.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CitizenSession {
    pub token_hash: String,
    pub account_id: ApplicationId,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// How the sign-in was authorised.
    pub method: AuthMethod,
    /// The bank or Envelo that vouched for the citizen instead (its name), if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The relying services this session signed in to (their client ids): each hears
    /// of its end (back-channel logout).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    #[serde(default)]
    pub version: u64,
}

super::session::idle_session!(CitizenSession, idle: SESSION_IDLE, max: SESSION_MAX);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::random::SeededRandom;
    use crate::domain::account::tests::active;
    use crate::domain::session::IdleSession;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn purpose(kind: ChallengeKind) -> Purpose {
        Purpose { kind, browser_hash: Some("browser".into()), linking: None, lang: None }
    }

    fn push_challenge(kind: ChallengeKind) -> Challenge {
        let rng = SeededRandom::new(3);
        let mut account = active("2029-11-23T10:00:00Z");
        Challenge::for_push(&rng, &mut account, purpose(kind), DeviceId::generate(&rng), t0()).unwrap()
    }

    #[test]
    fn an_sms_challenge_issues_a_fresh_code_on_the_account_and_lasts_as_long_as_it() {
        let rng = SeededRandom::new(5);
        let mut account = active("2029-11-23T10:00:00Z");
        let mut kept = None;
        let (c, code) = Challenge::for_sms(&rng, &mut account, purpose(ChallengeKind::Extend), t0(), |id, code| {
            kept = Some(format!("{id}:{}", code.reveal()));
            "hash".into()
        })
        .unwrap();
        assert_eq!(kept, Some(format!("{}:{}", c.id, code.reveal())), "the code is hashed with its challenge's id");
        assert_eq!(
            (c.account_id.clone(), c.kind, c.method, c.status, c.browser_hash.as_deref()),
            (account.id.clone(), ChallengeKind::Extend, AuthMethod::Sms, ChallengeStatus::Pending, Some("browser"))
        );
        assert_eq!((c.created_at, c.expires_at, c.push.is_none()), (t0(), t0() + CODE_VALID_FOR, true));
        let issued = account.sign_in_code.challenge.clone().unwrap();
        assert_eq!((issued.hash.as_str(), issued.expires_at, issued.wrong_tries), ("hash", c.expires_at, 0));
        assert_eq!(c.view(t0() + CODE_VALID_FOR), ChallengeView::Expired);
    }

    #[test]
    fn sms_challenges_stop_at_the_hourly_limit_of_codes() {
        let rng = SeededRandom::new(6);
        let mut account = active("2029-11-23T10:00:00Z");
        let mut ids = Vec::new();
        for i in 0..crate::domain::sms_code::SENDS_PER_HOUR as i64 {
            let at = t0() + Duration::minutes(i);
            let (c, _) =
                Challenge::for_sms(&rng, &mut account, purpose(ChallengeKind::Login), at, |_, _| "h".into()).unwrap();
            ids.push(c.id);
        }
        assert!(ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id)), "a new id each time");
        let refused = Challenge::for_sms(&rng, &mut account, purpose(ChallengeKind::Login), t0(), |_, _| "h".into());
        assert!(matches!(refused, Err(CodeError::TooManySends { .. })));
    }

    #[test]
    fn a_push_challenge_offers_the_numbers_to_the_app_for_two_minutes() {
        let rng = SeededRandom::new(7);
        let mut account = active("2029-11-23T10:00:00Z");
        let device = DeviceId::generate(&rng);
        let linking = Purpose { kind: ChallengeKind::LinkDevice, browser_hash: None, linking: None, lang: None };
        let c = Challenge::for_push(&rng, &mut account, linking, device.clone(), t0()).unwrap();
        assert_eq!(
            (c.method, c.status, c.kind, c.expires_at),
            (AuthMethod::Push, ChallengeStatus::Pending, ChallengeKind::LinkDevice, t0() + PUSH_LIFETIME)
        );
        let prompt = c.push.clone().unwrap();
        assert_eq!(prompt.device_id, device);
        assert!(prompt.choices.contains(&prompt.match_number));
        assert!(c.awaits_app(t0()));
        assert_eq!(account.unanswered_pushes.events, vec![t0()], "counted against the push limit");
    }

    #[test]
    fn pushes_stop_at_five_unanswered_in_fifteen_minutes() {
        let rng = SeededRandom::new(8);
        let mut account = active("2029-11-23T10:00:00Z");
        let device = DeviceId::generate(&rng);
        for i in 0..PUSHES_PER_WINDOW as i64 {
            let at = t0() + Duration::minutes(i);
            assert!(Challenge::for_push(&rng, &mut account, purpose(ChallengeKind::Login), device.clone(), at).is_ok());
        }
        let at = t0() + Duration::minutes(5);
        let refused = Challenge::for_push(&rng, &mut account, purpose(ChallengeKind::Login), device.clone(), at);
        assert_eq!(refused, Err(PushLimited { retry_after: PUSH_WINDOW - Duration::minutes(5) }));
        assert!(
            Challenge::for_push(&rng, &mut account, purpose(ChallengeKind::Login), device, t0() + PUSH_WINDOW).is_ok()
        );
    }

    #[test]
    fn a_change_to_push_is_confirmed_by_push_everything_else_by_the_current_method() {
        for current in [AuthMethod::Sms, AuthMethod::Push] {
            assert_eq!(ChallengeKind::AuthMethodChange.method(current), AuthMethod::Push);
            for kind in [ChallengeKind::Login, ChallengeKind::Extend, ChallengeKind::LinkDevice] {
                assert_eq!(kind.method(current), current, "{kind:?}");
            }
        }
    }

    #[test]
    fn the_platform_is_android_or_ios_as_the_api_names_them() {
        for p in [Platform::Android, Platform::Ios] {
            assert_eq!(Platform::parse(p.as_str()), Ok(p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        for bad in ["", "Android", "iOS", "windows", " ios"] {
            let e = Platform::parse(bad).unwrap_err();
            assert_eq!((e.code, e.message.clone()), ("bad_platform", crate::texts::signin_field::PLATFORM), "{bad:?}");
        }
    }

    #[test]
    fn three_distinct_two_digit_choices_one_of_them_the_match() {
        let rng = SeededRandom::new(9);
        for _ in 0..200 {
            let p = PushPrompt::new(&rng, DeviceId::generate(&rng));
            assert_eq!(p.choices.len(), 3);
            assert!(p.choices.iter().all(|c| c.len() == 2 && c.parse::<u8>().is_ok_and(|n| (10..100).contains(&n))));
            assert!(p.choices[0] != p.choices[1] && p.choices[1] != p.choices[2] && p.choices[0] != p.choices[2]);
            assert!(p.choices.contains(&p.match_number));
        }
    }

    #[test]
    fn the_right_number_approves_a_sign_in_which_the_browser_collects_once() {
        let mut c = push_challenge(ChallengeKind::Login);
        let m = c.push.clone().unwrap().match_number;
        assert_eq!(c.answer(t0(), true, Some(&m)), Ok(ChallengeStatus::Approved));
        assert_eq!(c.view(t0()), ChallengeView::Approved);
        assert!(c.collect());
        assert!(!c.collect(), "a second collection gets no session");
        assert_eq!(c.answer(t0(), true, Some(&m)), Err(AnswerError::Answered));
    }

    #[test]
    fn a_wrong_number_or_a_refusal_denies() {
        let mut c = push_challenge(ChallengeKind::Login);
        let wrong = c.push.clone().unwrap().choices.into_iter().find(|n| *n != c.push.as_ref().unwrap().match_number);
        assert_eq!(c.answer(t0(), true, wrong.as_deref()), Ok(ChallengeStatus::Denied));
        let mut c = push_challenge(ChallengeKind::Login);
        assert_eq!(c.answer(t0(), false, None), Ok(ChallengeStatus::Denied));
        assert_eq!(c.view(t0()), ChallengeView::Denied);
        assert!(!c.collect());
    }

    #[test]
    fn falling_back_to_sms_withdraws_the_push_and_gives_the_code_its_five_minutes() {
        let mut c = push_challenge(ChallengeKind::Login);
        let m = c.push.clone().unwrap().match_number;
        let at = t0() + Duration::seconds(90);
        assert_eq!(c.fall_back_to_sms(at), Ok(()));
        assert_eq!(
            (c.method, c.push.is_none(), c.expires_at),
            (AuthMethod::Sms, true, at + crate::domain::sms_code::VALID_FOR)
        );
        assert!(!c.awaits_app(at), "no longer listed for the app");
        assert_eq!(c.answer(at, true, Some(&m)), Ok(ChallengeStatus::Denied), "the old number approves nothing");
        let mut late = push_challenge(ChallengeKind::Login);
        assert_eq!(late.fall_back_to_sms(t0() + PUSH_LIFETIME), Err(AnswerError::Expired));
    }

    #[test]
    fn an_approved_step_up_is_done_at_once_and_a_late_answer_is_refused() {
        let mut c = push_challenge(ChallengeKind::Extend);
        let m = c.push.clone().unwrap().match_number;
        assert_eq!(c.answer(t0(), true, Some(&m)), Ok(ChallengeStatus::Done));
        let mut late = push_challenge(ChallengeKind::AuthMethodChange);
        assert_eq!(late.view(t0() + PUSH_LIFETIME), ChallengeView::Expired);
        assert_eq!(late.answer(t0() + PUSH_LIFETIME, true, Some(&m)), Err(AnswerError::Expired));
    }

    #[test]
    fn a_session_ends_after_fifteen_idle_minutes_or_eight_hours() {
        let rng = SeededRandom::new(4);
        let mut s = CitizenSession {
            token_hash: "h".into(),
            account_id: ApplicationId::generate(&rng),
            created_at: t0(),
            last_seen: t0(),
            method: AuthMethod::Sms,
            via: None,
            services: Vec::new(),
            version: 0,
        };
        assert!(s.is_live(t0() + Duration::minutes(14)));
        assert!(!s.is_live(t0() + SESSION_IDLE));
        s.last_seen = t0() + Duration::hours(7) + Duration::minutes(59);
        assert!(!s.is_live(t0() + SESSION_MAX));
    }
}
