//! The account created when the application's SMS code is accepted. It becomes an active
//! trusted profile when a clerk confirms the identity, valid three years from then.

use chrono::{DateTime, Months, Utc};

use super::application::PROFILE_VALIDITY_MONTHS;
use super::lang::Lang;
use super::{
    Application, ApplicationId, ClerkId, CodeGuard, DeviceId, Email, Invalid, PasswordHash, PersonName, Pesel,
    PhoneNumber, RateWindow, Username,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// Waiting for the clerk's video call.
    AwaitingIdentityCheck,
    Active,
    Closed,
    /// Three years passed: closed, its PESEL, username and email freed (history kept).
    Expired,
    /// "Usuń profil zaufany" was confirmed: the account is deleted in the same write
    /// (`Write::ForgetAccount`); never stored with this status.
    Deleted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    Sms,
    Push,
}

impl AuthMethod {
    /// "Zmień metodę autoryzacji": `sms` or `push`, as the API names them.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input {
            "sms" => Ok(Self::Sms),
            "push" => Ok(Self::Push),
            _ => Err(Invalid::new("bad_method", crate::texts::signin_field::METHOD)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Push => "push",
        }
    }
}

/// A change of email address or phone number in progress (docs/rules.md §3.12).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PendingContact {
    /// A code went to the new address.
    Email { email: Email },
    /// `authorised` once the current method approved the change; then a code goes to the
    /// new number.
    /// `requested_at`: only a challenge started after it approves this number (a newer
    /// request replaces it, and an older challenge cannot approve the newer number).
    Phone { phone: PhoneNumber, authorised: bool, requested_at: DateTime<Utc> },
}

/// A relying service the citizen agreed to share data with and signed in to
/// (docs/rules.md §3.13, §6.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConnectedService {
    pub client_id: String,
    pub name: String,
    /// The scopes the citizen agreed to give it ("Zgadzam się"): what it may receive
    /// without asking again.
    pub scope: Vec<String>,
    /// Since when it is connected: tokens issued before it (before a revocation) are dead.
    pub since: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    /// What its pairwise `sub` is keyed on (docs/rules.md §6.6).
    #[serde(default = "SubjectBasis::before_persons")]
    pub subject: SubjectBasis,
}

/// What a service's pairwise `sub` is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectBasis {
    /// The person (the PESEL): the same `sub` after a new profile. Every connection made
    /// since the registry of services.
    Person,
    /// The account: connections made before, which keep the `sub` the service knows
    /// until the citizen revokes it or the profile ends.
    Account,
}

impl SubjectBasis {
    fn before_persons() -> Self {
        Self::Account
    }
}

impl Account {
    /// "Zgadzam się": the service may receive `scope` from now on, beside what it had.
    pub fn consent_to(&mut self, client_id: &str, name: &str, scope: &[String], now: DateTime<Utc>) {
        match self.services.iter_mut().find(|s| s.client_id == client_id) {
            Some(s) => {
                s.name = name.to_owned();
                for wanted in scope {
                    if !s.scope.contains(wanted) {
                        s.scope.push(wanted.clone());
                    }
                }
            }
            None => self.services.push(ConnectedService {
                client_id: client_id.to_owned(),
                name: name.to_owned(),
                scope: scope.to_vec(),
                since: now,
                last_used_at: now,
                subject: SubjectBasis::Person,
            }),
        }
    }

    /// Whether the citizen agreed to give the service all of `scope`.
    pub fn consented(&self, client_id: &str, scope: &[String]) -> bool {
        self.services.iter().any(|s| s.client_id == client_id && scope.iter().all(|w| s.scope.contains(w)))
    }

    /// Notes a sign-in to a connected service; false if it is not connected (revoked since).
    pub fn note_service_use(&mut self, client_id: &str, now: DateTime<Utc>) -> bool {
        match self.services.iter_mut().find(|s| s.client_id == client_id) {
            Some(s) => {
                s.last_used_at = now;
                true
            }
            None => false,
        }
    }

    /// Whether a token issued at `issued_at` for this client is still the profile's will.
    pub fn service_allows(&self, client_id: &str, issued_at: DateTime<Utc>) -> bool {
        self.services.iter().any(|s| s.client_id == client_id && s.since <= issued_at)
    }

    /// Revokes a service; false if it was not connected.
    pub fn revoke_service(&mut self, client_id: &str) -> bool {
        let before = self.services.len();
        self.services.retain(|s| s.client_id != client_id);
        self.services.len() != before
    }
}

/// Expiry reminders by email, in days before the end of validity (docs/rules.md §4).
pub const REMINDER_DAYS: [u32; 2] = [30, 7];

/// Sessions one profile may have at once (browsers, devices); a new one pushes out the oldest.
pub const MAX_SESSIONS: usize = 10;

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
    /// The bank or Envelo (its name) that vouched for the identity instead of a clerk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vouched_by: Option<String>,
    /// The live sign-in SMS code and the hourly limits on codes (as for applications).
    #[serde(default)]
    pub sign_in_code: CodeGuard,
    /// Pushes sent and not yet answered, for the limit of 5 per 15 minutes.
    #[serde(default)]
    pub unanswered_pushes: RateWindow,
    /// The linked mObywatel app, where pushes go.
    #[serde(default)]
    pub device_id: Option<DeviceId>,
    /// The keyed hashes of its sessions' tokens, oldest first (at most `MAX_SESSIONS`): a
    /// session not listed here is over, so ending them all is one write of the account.
    #[serde(default)]
    pub sessions: Vec<String>,
    /// "To nie ja" was used: the password signs in no more until it is recovered.
    #[serde(default)]
    pub password_blocked: bool,
    /// The expiry reminders (days before `valid_until`, `REMINDER_DAYS`) already sent for
    /// the current end date; an extension clears them.
    #[serde(default)]
    pub reminders_sent: Vec<u32>,
    /// A new email address or phone number waiting for the code sent to it.
    #[serde(default)]
    pub pending_contact: Option<PendingContact>,
    /// The code sent to `pending_contact` and its limits (as for any code).
    #[serde(default)]
    pub contact_code: CodeGuard,
    /// The relying services this profile signed in to, and what they were given.
    #[serde(default)]
    pub services: Vec<ConnectedService>,
    /// An app was linked once: any later link needs a challenge by the current method, even
    /// after "Odłącz" (else a session alone could unlink the citizen's app and link its own).
    #[serde(default)]
    pub had_app: bool,
    /// When the password was last set by its owner (changed or recovered): recovery links
    /// from before it are spent.
    #[serde(default)]
    pub password_set_at: Option<DateTime<Utc>>,
    /// The language the person reads: the application's, then the one chosen when signing
    /// in. Every email and SMS goes out in it.
    #[serde(default)]
    pub lang: Lang,
    /// Optimistic-locking version, checked by the store on every update.
    #[serde(default)]
    pub version: u64,
}

/// Why a right password still does not sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInRefusal {
    /// The clerk has not confirmed the identity yet.
    NotConfirmed,
    /// Rejected or expired before confirmation.
    Closed,
    /// Three years have passed: a new profile is needed.
    ProfileExpired,
    /// "To nie ja" blocked the password until it is recovered.
    PasswordBlocked,
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
            vouched_by: None,
            sign_in_code: CodeGuard::default(),
            unanswered_pushes: RateWindow::default(),
            device_id: None,
            sessions: Vec::new(),
            password_blocked: false,
            reminders_sent: Vec::new(),
            pending_contact: None,
            contact_code: CodeGuard::default(),
            services: Vec::new(),
            had_app: false,
            password_set_at: None,
            lang: app.lang,
            version: 0,
        }
    }

    /// Lists a new session; `Some(hash)` of the oldest one, which it pushes out when
    /// `MAX_SESSIONS` are already listed (its record must be deleted in the same write).
    pub fn add_session(&mut self, token_hash: String) -> Option<String> {
        self.sessions.push(token_hash);
        (self.sessions.len() > MAX_SESSIONS).then(|| self.sessions.remove(0))
    }

    /// Whether this session is one of the account's.
    pub fn has_session(&self, token_hash: &str) -> bool {
        self.sessions.iter().any(|s| crate::crypto::constant_time_eq(s.as_bytes(), token_hash.as_bytes()))
    }

    /// Ends every session but `keep`: the hashes whose records go.
    pub fn end_sessions_except(&mut self, keep: Option<&str>) -> Vec<String> {
        let (kept, ended) = self.sessions.drain(..).partition(|s| Some(s.as_str()) == keep);
        self.sessions = kept;
        ended
    }

    /// Whether linking an mObywatel app needs a challenge by the current method: it
    /// would replace a linked app, or the app is the profile's authenticator. Only the
    /// first app of an SMS profile is linked with the session alone (not one after "Odłącz").
    pub fn linking_needs_challenge(&self) -> bool {
        self.device_id.is_some() || self.auth_method == AuthMethod::Push || self.had_app
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

    /// A bank or Envelo vouched for the identity: active for three years, no clerk.
    pub fn activate_vouched(&mut self, provider_name: &str, now: DateTime<Utc>) -> DateTime<Utc> {
        let valid_until = now.checked_add_months(Months::new(PROFILE_VALIDITY_MONTHS)).unwrap_or(now);
        self.status = AccountStatus::Active;
        self.valid_until = Some(valid_until);
        self.confirmed_at = Some(now);
        self.vouched_by = Some(provider_name.to_owned());
        valid_until
    }

    /// Whether this profile may sign in now.
    pub fn usable_at(&self, now: DateTime<Utc>) -> Result<(), SignInRefusal> {
        match (self.status, self.valid_until) {
            (AccountStatus::Active, Some(until)) if now < until => Ok(()),
            (AccountStatus::Active | AccountStatus::Expired, _) => Err(SignInRefusal::ProfileExpired),
            (AccountStatus::AwaitingIdentityCheck, _) => Err(SignInRefusal::NotConfirmed),
            (AccountStatus::Closed | AccountStatus::Deleted, _) => Err(SignInRefusal::Closed),
        }
    }

    /// Extends a valid profile to three years from the day of the extension (docs/rules.md §3.4:
    /// it never stacks, however often it is done); an expired one cannot be extended.
    pub fn extend(&mut self, now: DateTime<Utc>) -> Result<DateTime<Utc>, SignInRefusal> {
        self.usable_at(now)?;
        let extended = now.checked_add_months(Months::new(PROFILE_VALIDITY_MONTHS)).unwrap_or(now);
        self.valid_until = Some(extended);
        self.reminders_sent.clear();
        Ok(extended)
    }

    /// The expiry reminder due now, if any: the nearest of `REMINDER_DAYS` whose time has
    /// come and that was not sent for this end date (a late sweep sends the 7-day one, not
    /// both). Marks it, and any earlier one skipped, as sent.
    pub fn take_reminder(&mut self, now: DateTime<Utc>) -> Option<u32> {
        let until = self.valid_until.filter(|u| self.status == AccountStatus::Active && now < *u)?;
        let due =
            REMINDER_DAYS.iter().copied().filter(|d| until - now <= chrono::Duration::days(i64::from(*d))).min()?;
        if self.reminders_sent.contains(&due) {
            return None;
        }
        for d in REMINDER_DAYS.iter().filter(|d| **d >= due) {
            if !self.reminders_sent.contains(d) {
                self.reminders_sent.push(*d);
            }
        }
        Some(due)
    }

    /// Whether an active profile's three years have passed and it must close now.
    pub fn is_due_to_expire(&self, now: DateTime<Utc>) -> bool {
        self.status == AccountStatus::Active && self.valid_until.is_none_or(|until| until <= now)
    }

    /// Closes a profile whose validity ended (`is_due_to_expire`); false if it is not due.
    pub fn expire(&mut self, now: DateTime<Utc>) -> bool {
        if !self.is_due_to_expire(now) {
            return false;
        }
        self.status = AccountStatus::Expired;
        true
    }

    /// Rejected or expired before confirmation: the account can never be used.
    pub fn close(&mut self) {
        self.status = AccountStatus::Closed;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// An active SMS profile with no app linked, valid until `valid_until` (RFC 3339).
    pub(crate) fn active(valid_until: &str) -> Account {
        let json = serde_json::json!({
            "id": "a".repeat(26), "username": "jan_kowalski", "password_hash": "x",
            "first_name": "Jan", "last_name": "Kowalski", "second_name": null, "pesel": "44051401359",
            "email": "jan@example.com", "phone": "+48600100200", "status": "active", "auth_method": "sms",
            "created_at": "2026-11-23T10:00:00Z", "valid_until": valid_until,
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn consent_grows_by_scope_and_a_connection_stored_before_persons_keeps_its_account_subject() {
        let mut a = active("2029-11-23T10:00:00Z");
        let scope = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<String>>();
        assert!(!a.consented("ikp", &scope(&["openid"])));
        assert!(!a.note_service_use("ikp", t("2026-11-23T10:00:00Z")), "not connected");
        a.consent_to("ikp", "IKP", &scope(&["openid", "profile"]), t("2026-11-23T10:00:00Z"));
        assert!(a.consented("ikp", &scope(&["openid"])) && !a.consented("ikp", &scope(&["openid", "email"])));
        a.consent_to("ikp", "IKP", &scope(&["openid", "email"]), t("2026-11-24T10:00:00Z"));
        assert_eq!(a.services[0].scope, scope(&["openid", "profile", "email"]));
        assert_eq!(a.services[0].since, t("2026-11-23T10:00:00Z"), "still connected since the first time");
        assert_eq!(a.services[0].subject, SubjectBasis::Person);
        let mut stored = serde_json::to_value(&a.services[0]).unwrap();
        stored.as_object_mut().unwrap().remove("subject");
        let old: ConnectedService = serde_json::from_value(stored).unwrap();
        assert_eq!(old.subject, SubjectBasis::Account);
    }

    #[test]
    fn extending_gives_three_years_from_today_never_stacked_and_only_before_the_end() {
        let mut a = active("2029-11-23T10:00:00Z");
        assert_eq!(a.extend(t("2029-11-01T00:00:00Z")), Ok(t("2032-11-01T00:00:00Z")));
        assert_eq!(
            a.extend(t("2029-11-01T00:01:00Z")),
            Ok(t("2032-11-01T00:01:00Z")),
            "a second extension does not stack"
        );
        let mut late = active("2029-11-23T10:00:00Z");
        assert_eq!(late.extend(t("2029-11-23T10:00:00Z")), Err(SignInRefusal::ProfileExpired));
        assert_eq!(late.usable_at(t("2029-11-24T00:00:00Z")), Err(SignInRefusal::ProfileExpired));
        assert_eq!(late.usable_at(t("2029-11-22T00:00:00Z")), Ok(()));
    }

    #[test]
    fn an_active_profile_expires_once_its_end_has_come_and_then_cannot_sign_in() {
        let mut a = active("2029-11-23T10:00:00Z");
        assert!(!a.expire(t("2029-11-23T09:59:59Z")));
        assert!(a.expire(t("2029-11-23T10:00:00Z")));
        assert_eq!(a.status, AccountStatus::Expired);
        assert!(!a.expire(t("2029-11-24T10:00:00Z")), "once");
        assert_eq!(a.usable_at(t("2029-11-24T10:00:00Z")), Err(SignInRefusal::ProfileExpired));
    }

    #[test]
    fn accounts_stored_before_sign_in_existed_still_read() {
        let a = active("2029-11-23T10:00:00Z");
        assert_eq!((a.device_id, a.version), (None, 0));
    }

    #[test]
    fn at_most_ten_sessions_the_oldest_pushed_out_and_all_but_one_can_end() {
        let mut a = active("2029-11-23T10:00:00Z");
        for i in 0..MAX_SESSIONS {
            assert_eq!(a.add_session(format!("s{i}")), None);
        }
        assert_eq!(a.add_session("new".into()), Some("s0".into()));
        assert!(a.has_session("new") && !a.has_session("s0"));
        let ended = a.end_sessions_except(Some("s5"));
        assert_eq!((ended.len(), a.sessions.clone()), (MAX_SESSIONS - 1, vec!["s5".to_owned()]));
        assert_eq!(a.end_sessions_except(None), vec!["s5".to_owned()]);
        assert!(a.sessions.is_empty());
    }

    #[test]
    fn reminders_go_30_and_7_days_before_the_end_once_each_and_again_after_an_extension() {
        let mut a = active("2029-11-23T10:00:00Z");
        assert_eq!(a.take_reminder(t("2029-10-20T10:00:00Z")), None, "34 days before");
        assert_eq!(a.take_reminder(t("2029-10-24T10:00:00Z")), Some(30));
        assert_eq!(a.take_reminder(t("2029-10-25T10:00:00Z")), None, "once");
        assert_eq!(a.take_reminder(t("2029-11-17T10:00:00Z")), Some(7));
        assert_eq!(a.take_reminder(t("2029-11-18T10:00:00Z")), None);
        assert_eq!(a.take_reminder(t("2029-11-23T10:00:00Z")), None, "ended: nothing to remind");
        let mut late = active("2029-11-23T10:00:00Z");
        assert_eq!(late.take_reminder(t("2029-11-20T10:00:00Z")), Some(7), "a late sweep sends the nearer one");
        assert_eq!(late.take_reminder(t("2029-11-21T10:00:00Z")), None, "and not the 30-day one after it");
        late.extend(t("2029-11-21T10:00:00Z")).unwrap();
        assert!(late.reminders_sent.is_empty(), "a new end date, new reminders");
    }

    #[test]
    fn only_the_first_app_of_an_sms_profile_links_without_a_challenge() {
        let mut a = active("2029-11-23T10:00:00Z");
        assert!(!a.linking_needs_challenge(), "no app yet, method sms");
        a.device_id = Some(DeviceId::generate(&crate::adapters::random::SeededRandom::new(1)));
        assert!(a.linking_needs_challenge(), "an app is linked: replacing it needs a challenge");
        a.auth_method = AuthMethod::Push;
        assert!(a.linking_needs_challenge());
        a.device_id = None;
        assert!(a.linking_needs_challenge(), "method push: the app is the authenticator");
    }

    #[test]
    fn the_auth_method_is_sms_or_push_as_the_api_names_them() {
        for m in [AuthMethod::Sms, AuthMethod::Push] {
            assert_eq!(AuthMethod::parse(m.as_str()), Ok(m));
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
        for bad in ["", "SMS", " sms", "push ", "email", "totp"] {
            let e = AuthMethod::parse(bad).unwrap_err();
            assert_eq!((e.code, e.message.clone()), ("bad_method", crate::texts::signin_field::METHOD), "{bad:?}");
        }
    }

    #[test]
    fn three_years_from_confirmation_even_from_a_leap_day() {
        let add = |now: DateTime<Utc>| now.checked_add_months(Months::new(PROFILE_VALIDITY_MONTHS)).unwrap();
        assert_eq!(add(t("2026-11-23T10:15:00Z")), t("2029-11-23T10:15:00Z"));
        assert_eq!(add(t("2028-02-29T12:00:00Z")), t("2031-02-28T12:00:00Z"));
    }
}
