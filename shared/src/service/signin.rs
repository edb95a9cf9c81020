//! Signing in with a confirmed profile (docs/rules.md §2, §3): password, then an SMS code or a push
//! answered in the mObywatel app; sessions; step-ups (method change, extension) that the
//! same challenges authorise; the citizen's own history.

use crate::ports::Stored;
use chrono::{DateTime, Duration, Utc};

use super::application::unique_key;
use super::audit::entry;
use super::Ctx;
use super::{
    count_attempt, count_together, lost_race, per_source, source_subject, try_commit, until_committed, FlowError, Step,
    RACE_RETRIES,
};
use crate::crypto::{constant_time_eq, HashKey};
use crate::domain::account::SignInRefusal;
use crate::domain::attempts::{Admission, PASSWORD as PASSWORD_ATTEMPTS, SIGN_IN_PER_SOURCE};
use crate::domain::disavow::SecurityEvent;
use crate::domain::signin::{Purpose, PushLimited};
use crate::domain::IdleSession;
use crate::domain::Lang;
use crate::domain::{
    Account, Actor, ApplicationId, AuditAction, AuditEntry, AuthMethod, Challenge, ChallengeId, ChallengeKind,
    ChallengeView, CitizenSession, Device, DeviceId, Email, Invalid, OutboxMessage, PasswordHash, SmsCode, Token,
    Username,
};
use crate::ports::{
    load, AuditLog, Found, ItemKey, Random, RecordKey, RecordKind, RecordType, SmsSender, StoreError, UniqueKind, Write,
};
use crate::texts;

use super::clerk::{verify as verify_password, DUMMY_HASH};

/// A challenge has started: a code went by SMS or a push is on its way to the app.
#[derive(Debug, Clone)]
pub struct Started {
    pub challenge_id: ChallengeId,
    pub method: AuthMethod,
    pub match_number: Option<String>,
    pub masked_phone: Option<String>,
    pub expires_in: Duration,
}

/// Who asks about a challenge: the browser's `pz_login` token and the signed-in account,
/// as far as the request has them. A sign-in is for the browser that typed the password,
/// a step-up for the signed-in owner.
#[derive(Clone, Copy, Default)]
pub struct Binding<'a> {
    pub browser: Option<&'a Token>,
    pub account: Option<&'a ApplicationId>,
}

/// What a confirmed challenge did.
#[derive(Debug)]
pub enum Outcome {
    SignedIn(Token),
    Extended(DateTime<Utc>),
    MethodChanged(AuthMethod),
    DeviceLinked(DeviceId),
    /// The profile is gone (its account write is `Write::ForgetAccount`: `account_write`).
    Deleted,
    /// A phone change was approved: a code went to the new number (masked).
    PhoneCodeSent(String),
}

pub fn login_token_hash(keys: &HashKey, token: &Token) -> String {
    keys.hash("login-browser", token.reveal())
}

pub fn session_hash(keys: &HashKey, token: &Token) -> String {
    keys.hash("citizen-session", token.reveal())
}

/// The CSRF token of a citizen's session (signed double-submit).
pub fn csrf_token(keys: &HashKey, token: &Token) -> String {
    keys.hash("citizen-csrf", token.reveal())[..32].to_owned()
}

/// The CSRF token of a sign-in in progress (bound to its `pz_login` token).
pub fn login_csrf_token(keys: &HashKey, token: &Token) -> String {
    keys.hash("login-csrf", token.reveal())[..32].to_owned()
}

fn code_hash(keys: &HashKey, id: &ChallengeId, code: &SmsCode) -> String {
    keys.hash("sign-in-code", &format!("{id}:{}", code.reveal()))
}

fn method_name(m: AuthMethod) -> &'static str {
    m.as_str()
}

pub(crate) fn history(
    rng: &dyn Random,
    at: DateTime<Utc>,
    account: &ApplicationId,
    action: AuditAction,
    note: &str,
) -> Write {
    match entry(rng, at, Actor::Citizen, action).on(account).note(note).write() {
        Write::Audit(e) => Write::History(e),
        other => other,
    }
}

/// The account a login names: a username, or an email when it holds an `@`. Read
/// through the uniqueness claim, one lookup whether or not it exists.
async fn find_owner(ctx: &Ctx<'_, impl Stored + ?Sized>, login: &str) -> Result<Option<ApplicationId>, FlowError> {
    let key = if login.contains('@') {
        Email::parse(login).ok().map(|e| unique_key(ctx.keys, UniqueKind::Email, e.as_str()))
    } else {
        Username::parse(login).ok().map(|u| unique_key(ctx.keys, UniqueKind::Username, u.as_str()))
    };
    let Some(key) = key else { return Ok(None) };
    Ok(ctx.store.claim_owner(&key).await?)
}

/// The subject of an account's password-check count (`attempts::PASSWORD`).
pub(crate) fn account_password_subject(keys: &HashKey, account: &ApplicationId) -> String {
    keys.hash("password-attempts", account.as_str())
}

/// Whose password checks a login spends: the account's (its username and email share
/// one count), or, for a login no one has, that login's own, so that unknown logins are
/// limited and answered exactly like known ones (docs/rules.md §8.2).
fn password_subject(ctx: &Ctx<'_, impl Stored + ?Sized>, owner: Option<&ApplicationId>, login: &str) -> String {
    match owner {
        Some(id) => account_password_subject(ctx.keys, id),
        None => ctx.keys.hash("password-attempts-unknown", login),
    }
}

fn check_login_input(login: &str, password: &str) -> Result<(), FlowError> {
    let mut errors = Vec::new();
    if login.trim().is_empty() || login.len() > 254 {
        errors.push(Invalid::new("login_required", texts::signin_field::LOGIN).for_field("login"));
    }
    if password.is_empty() || password.len() > 1024 {
        errors.push(Invalid::new("password_required", texts::signin_field::PASSWORD).for_field("password"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(FlowError::Invalid(errors))
    }
}

/// Applies `step` to the account the caller has already read, and re-reads it only when
/// the optimistic lock lost a race, until the writes go through. `step` returns the
/// extra writes and the answer; an error answer is still committed (wrong codes and
/// wrong passwords must count).
async fn with_account<T>(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    first: Account,
    mut step: impl FnMut(&mut Account, DateTime<Utc>) -> Result<(Vec<Write>, Result<T, FlowError>), FlowError>,
) -> Result<T, FlowError> {
    let id = first.id.clone();
    let mut read = Some(first);
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut account = match read.take() {
            Some(a) => a,
            None => ctx.store.get_account(&id).await?.ok_or(FlowError::NotFound)?,
        };
        let (extra, answer) = step(&mut account, now)?;
        let mut writes = vec![Write::UpdateAccount(account)];
        writes.extend(extra);
        if try_commit(ctx.store, writes).await? {
            return answer;
        }
    }
    Err(lost_race())
}

/// `POST /api/login`: the password, then a challenge by the profile's method.
///
/// The attempt is counted before argon2 runs, in one conditional write (docs/rules.md §8.1): with
/// any number of requests at once, at most five password checks per login run in 15
/// minutes, and the one that reaches the limit already answers "locked". An unknown
/// login takes the same steps (claim lookup, count, argon2 on a dummy hash) and gets
/// the same answers, locked included.
pub async fn login(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    attempt: LoginAttempt<'_>,
    browser: &Token,
) -> Result<Started, FlowError> {
    let LoginAttempt { login, password, source, lang } = attempt;
    check_login_input(login, password)?;
    let login = login.trim();
    let now = ctx.clock.now();
    let owner = find_owner(ctx, login).await?;
    let subject = password_subject(ctx, owner.as_ref(), login);
    let last = count_password_check(ctx, now, source, &subject).await?;
    let refused = || match last {
        Some(retry_after) => FlowError::Locked { retry_after },
        None => FlowError::BadCredentials,
    };
    let account = match &owner {
        Some(id) => ctx.store.get_account(id).await?,
        None => None,
    };
    let Some(account) = account else {
        verify_password(PasswordHash::from_phc(DUMMY_HASH), password).await?;
        return Err(refused());
    };
    if !verify_password(account.password_hash.clone(), password).await? {
        tracing::warn!(account = %account.id, "wrong password");
        ctx.store.commit(vec![history(rng, ctx.clock.now(), &account.id, AuditAction::SignInFailed, "hasło")]).await?;
        return Err(refused());
    }
    let account = super::expiry::expire_if_due(ctx, rng, account).await?;
    account.usable_at(ctx.clock.now())?;
    if account.password_blocked {
        return Err(SignInRefusal::PasswordBlocked.into());
    }
    let hash = login_token_hash(ctx.keys, browser);
    // The right password clears the count in the same write that starts the challenge.
    let clear = Write::ClearAttempts(PASSWORD_ATTEMPTS.key(&subject));
    let start = Start { kind: ChallengeKind::Login, browser_hash: Some(hash), linking: None, also: vec![clear], lang };
    start_with(ctx, rng, sms, account, start).await
}

/// Counts the source's sign-in (docs/rules.md §8.5) and the login's password check (§8.1)
/// before argon2 runs. Both in one conditional write when the source's window has room and
/// the login's has room for one more after this (so this check is not its window's last);
/// otherwise one by one, which also tells the refusals apart. `Some(time left)` when this
/// is the last check its window allows: a wrong password then already answers "locked".
async fn count_password_check(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    now: DateTime<Utc>,
    source: Option<std::net::IpAddr>,
    subject: &str,
) -> Result<Option<Duration>, FlowError> {
    if let Some(ip) = source {
        let both =
            vec![(SIGN_IN_PER_SOURCE, source_subject(ctx.keys, ip), 0), (PASSWORD_ATTEMPTS, subject.to_owned(), 1)];
        if count_together(ctx.store, now, both).await? {
            return Ok(None);
        }
    }
    per_source(ctx.attempts, ctx.keys, now, SIGN_IN_PER_SOURCE, source).await?;
    match count_attempt(ctx.attempts, now, PASSWORD_ATTEMPTS, subject).await? {
        Admission::Refused { retry_after } => Err(FlowError::Locked { retry_after }),
        admitted => Ok(admitted.last_of_window(PASSWORD_ATTEMPTS, now)),
    }
}

/// What `POST /api/login` was given, and where from.
#[derive(Clone, Copy)]
pub struct LoginAttempt<'a> {
    pub login: &'a str,
    pub password: &'a str,
    /// The client's address, for the per-source limit.
    pub source: Option<std::net::IpAddr>,
    /// The language chosen on the page, if any (`pz_lang`): it becomes the profile's.
    pub lang: Option<Lang>,
}

/// Starts a challenge of `kind` for the account: a code by SMS, or a push to the linked
/// app (always a push for a change to push). The challenge, the account's limits and
/// the push message are one transaction; the SMS goes out after it.
pub async fn start(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    account: Account,
    kind: ChallengeKind,
    browser_hash: Option<String>,
) -> Result<Started, FlowError> {
    start_with(ctx, rng, sms, account, Start { kind, browser_hash, linking: None, also: Vec::new(), lang: None }).await
}

/// What a challenge is started for, beyond `start`'s kind and browser: the app a
/// `LinkDevice` challenge links once confirmed, and more writes for the same transaction.
pub(crate) struct Start {
    pub kind: ChallengeKind,
    pub browser_hash: Option<String>,
    pub linking: Option<Device>,
    pub also: Vec<Write>,
    /// The language the person chose on the page (`pz_lang`): the profile's from now on,
    /// in the same write (its messages, this challenge's SMS or push among them).
    pub lang: Option<Lang>,
}

/// `start` with everything `Start` carries.
pub(crate) async fn start_with(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    account: Account,
    start: Start,
) -> Result<Started, FlowError> {
    let Start { kind, browser_hash, linking, also, lang: chosen } = start;
    let (account_id, phone) = (account.id.clone(), account.phone.clone());
    // This challenge's SMS or push is in the language chosen on the page; the profile's
    // language changes only when the sign-in succeeds (`new_session`).
    let lang = chosen.unwrap_or(account.lang);
    let account_id = &account_id;
    let method = kind.method(account.auth_method);
    let device = match method {
        AuthMethod::Sms => None,
        AuthMethod::Push => {
            let id = account.device_id.as_ref().ok_or(FlowError::NoDevice)?;
            Some(load::<Device>(ctx.store, id.as_str()).await?.ok_or(FlowError::NoDevice)?)
        }
    };
    let mut code = None;
    let challenge = with_account(ctx, account, |a, now| {
        let purpose = Purpose { kind, browser_hash: browser_hash.clone(), linking: linking.clone(), lang: chosen };
        let mut writes = Vec::new();
        let challenge = match &device {
            None => {
                let (challenge, c) = Challenge::for_sms(rng, a, purpose, now, |id, c| code_hash(ctx.keys, id, c))?;
                code = Some(c);
                challenge
            }
            Some(device) => {
                let challenge = Challenge::for_push(rng, a, purpose, device.id.clone(), now)
                    .map_err(|PushLimited { retry_after }| FlowError::PushLimit { retry_after })?;
                let (title, body) = crate::letter!(lang, |t| t.sign_in_push(kind));
                let id = challenge.id.to_string();
                writes.push(Write::Enqueue(OutboxMessage::push(id, &device.endpoint, title, body, now)));
                challenge
            }
        };
        writes.insert(0, Write::CreateRecord(challenge.clone().into_record()));
        writes.extend(also.iter().cloned());
        Ok((writes, Ok(challenge)))
    })
    .await?;
    if let Some(code) = code {
        if let Err(e) = sms.send_sms(&phone, &crate::letter!(lang, |t| t.sign_in_sms(kind, code.reveal()))).await {
            tracing::warn!(account = %account_id, error = %e, "sign-in SMS not sent");
            return Err(FlowError::SmsUnavailable);
        }
    }
    tracing::info!(account = %account_id, challenge = %challenge.id, kind = kind.as_str(), method = method_name(method), "challenge started");
    Ok(Started {
        challenge_id: challenge.id.clone(),
        method,
        match_number: challenge.push.as_ref().map(|p| p.match_number.clone()),
        masked_phone: (method == AuthMethod::Sms).then(|| phone.masked()),
        expires_in: challenge.expires_at - challenge.created_at,
    })
}

/// Loads a challenge for whoever may see it; anyone else gets 404, as for an unknown id.
async fn load_bound(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &ChallengeId,
    binding: Binding<'_>,
) -> Result<Challenge, FlowError> {
    let c = load::<Challenge>(ctx.store, id.as_str()).await?.ok_or(FlowError::NotFound)?;
    bound(ctx, c, binding)
}

/// `load_bound` and the challenge's account: one read when the id names the account
/// (`ChallengeId::for_account`), which must be the challenge's own.
async fn load_bound_with_account(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &ChallengeId,
    binding: Binding<'_>,
) -> Result<(Challenge, Account), FlowError> {
    let Some(hint) = id.account_hint() else {
        let challenge = load_bound(ctx, id, binding).await?;
        let account = ctx.store.get_account(&challenge.account_id).await?.ok_or(FlowError::NotFound)?;
        return Ok((challenge, account));
    };
    let key = RecordKey { kind: RecordKind::Challenge, id: id.as_str().to_owned() };
    let mut found = ctx.store.get_many(&[ItemKey::Record(key), ItemKey::Account(hint.clone())]).await?.into_iter();
    let challenge = found.next().flatten().and_then(Found::record::<Challenge>).ok_or(FlowError::NotFound)?;
    let challenge = bound(ctx, challenge, binding)?;
    let account = found.next().flatten().and_then(Found::account);
    match account {
        Some(account) if challenge.account_id == hint => Ok((challenge, account)),
        _ => Err(FlowError::NotFound),
    }
}

/// The challenge if `binding` may see it.
fn bound(ctx: &Ctx<'_, impl Stored + ?Sized>, c: Challenge, binding: Binding<'_>) -> Result<Challenge, FlowError> {
    let allowed = match &c.browser_hash {
        Some(expected) => binding
            .browser
            .is_some_and(|t| constant_time_eq(login_token_hash(ctx.keys, t).as_bytes(), expected.as_bytes())),
        None => binding.account == Some(&c.account_id),
    };
    if allowed {
        Ok(c)
    } else {
        Err(FlowError::NotFound)
    }
}

/// A new session, listed on the account (the caller writes the account in the same
/// commit); the oldest is pushed out past `MAX_SESSIONS`. The history says how it was
/// signed in: the method, or the bank or Envelo that vouched (`via`, its name).
fn new_session(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &mut Account,
    (method, via): (AuthMethod, Option<&str>),
    now: DateTime<Utc>,
) -> Result<(Token, Vec<Write>), FlowError> {
    account.usable_at(now)?;
    // "To nie ja" after this sign-in began: it ends here too.
    if account.password_blocked {
        return Err(SignInRefusal::PasswordBlocked.into());
    }
    let token = Token::generate(rng);
    let session = CitizenSession {
        token_hash: session_hash(ctx.keys, &token),
        account_id: account.id.clone(),
        created_at: now,
        last_seen: now,
        method,
        via: via.map(str::to_owned),
        services: Vec::new(),
        version: 0,
    };
    let mut writes = Vec::new();
    if let Some(oldest) = account.add_session(session.token_hash.clone()) {
        // Its services hear of its end (without reading it: every connected one).
        writes.extend(super::oidc::pushed_out(ctx.keys, account, &oldest, now));
        writes.push(Write::DeleteRecord(RecordKey { kind: RecordKind::Session, id: oldest }));
    }
    writes.push(Write::CreateRecord(session.into_record()));
    let how = match via {
        Some(provider) => format!("bank lub Envelo: {provider}"),
        None => method_name(method).to_owned(),
    };
    writes.push(history(rng, now, &account.id, AuditAction::SignedIn, &how));
    Ok((token, writes))
}

/// A session for the owner a bank or Envelo vouched for (matched by PESEL): the account and
/// the new session in one commit under the account's version, retried after a lost race.
/// The history names the provider.
pub(crate) async fn vouched_session(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    mut account: Account,
    provider: &str,
) -> Result<(Token, Account), FlowError> {
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let method = account.auth_method;
        let (token, mut writes) = new_session(ctx, rng, &mut account, (method, Some(provider)), now)?;
        writes.insert(0, Write::UpdateAccount(account.clone()));
        match ctx.store.commit(writes).await {
            Ok(()) => return Ok((token, account)),
            Err(StoreError::Conflict(crate::ports::Condition::AccountChanged)) => {
                account = ctx.store.get_account(&account.id).await?.ok_or(FlowError::NotFound)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(super::lost_race())
}

/// Ends the account's sessions but `keep` (its list and their records, in the caller's
/// commit with the account).
pub(crate) fn end_sessions(account: &mut Account, keep: Option<&str>) -> Vec<Write> {
    let ended = account.end_sessions_except(keep);
    ended.into_iter().map(|id| Write::DeleteRecord(RecordKey { kind: RecordKind::Session, id })).collect()
}

/// What an authorised step-up does to the account (a sign-in makes a session instead).
pub(crate) fn carry_out(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &mut Account,
    challenge: &Challenge,
    now: DateTime<Utc>,
) -> Result<(Vec<Write>, Outcome), FlowError> {
    let note = method_name(challenge.method);
    Ok(match challenge.kind {
        ChallengeKind::Login => {
            account.lang = challenge.lang.unwrap_or(account.lang);
            let (token, writes) = new_session(ctx, rng, account, (challenge.method, None), now)?;
            (writes, Outcome::SignedIn(token))
        }
        ChallengeKind::Extend => {
            let until = account.extend(now)?;
            (vec![history(rng, now, &account.id, AuditAction::Extended, note)], Outcome::Extended(until))
        }
        ChallengeKind::AuthMethodChange => {
            account.auth_method = AuthMethod::Push;
            let mut writes = method_changed_notice(ctx, rng, account, now);
            writes.push(history(rng, now, &account.id, AuditAction::AuthMethodChanged, "push"));
            (writes, Outcome::MethodChanged(AuthMethod::Push))
        }
        ChallengeKind::DeleteProfile => (delete_profile(ctx, rng, account, now), Outcome::Deleted),
        ChallengeKind::PhoneChange => {
            let (writes, sent_to) = super::contact::authorised_phone(ctx, rng, account, challenge.created_at, now)?;
            (writes, Outcome::PhoneCodeSent(sent_to))
        }
        ChallengeKind::LinkDevice => {
            let device = challenge.linking.clone().ok_or(FlowError::NotFound)?;
            let id = device.id.clone();
            (super::devices::take_over(ctx, rng, account, device, now), Outcome::DeviceLinked(id))
        }
    })
}

/// "Usuń profil zaufany", confirmed: every session and the app go, the PESEL, username and
/// email are freed, the application (personal data) is deleted, the owner is told, and the
/// history (no personal data) keeps the last entry. The account itself is deleted by the
/// caller's `account_write`, under the same version condition as any update.
fn delete_profile(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &mut Account,
    now: DateTime<Utc>,
) -> Vec<Write> {
    let mut writes = end_sessions(account, None);
    writes.extend(super::oidc::all_sessions_ended(ctx.keys, account, "profile-deleted", now));
    if let Some(device) = account.device_id.take() {
        writes.push(Write::DeleteRecord(RecordKey { kind: RecordKind::Device, id: device.to_string() }));
    }
    for key in super::expiry::account_claims(ctx, account) {
        writes.push(Write::Release { key, owner: account.id.clone() });
    }
    writes.push(Write::ForgetApplication(account.id.clone()));
    let mail = crate::letter!(account.lang, |t| t.profile_deleted_email(account, now));
    let id = format!("{}.profile-deleted", account.id);
    writes.push(Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)));
    writes.push(history(rng, now, &account.id, AuditAction::ProfileDeleted, account.auth_method.as_str()));
    account.status = crate::domain::AccountStatus::Deleted;
    tracing::info!(account = %account.id, "profile deleted by its owner");
    writes
}

/// How a changed account is written: updated, or deleted once "Usuń profil zaufany" was
/// confirmed (both under its version).
pub(crate) fn account_write(account: Account) -> Write {
    if account.status == crate::domain::AccountStatus::Deleted {
        Write::ForgetAccount { id: account.id, version: account.version }
    } else {
        Write::UpdateAccount(account)
    }
}

/// `POST /api/profile/delete`: a challenge by the current method; confirming it deletes.
pub async fn delete(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    account: &Account,
) -> Result<Started, FlowError> {
    start(ctx, rng, sms, account.clone(), ChallengeKind::DeleteProfile, None).await
}

/// The security email after a method change (the account already has the new method),
/// with its "To nie ja" link.
fn method_changed_notice(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    now: DateTime<Utc>,
) -> Vec<Write> {
    let (link, not_me) = super::disavow::link_for(ctx, rng, account, SecurityEvent::AuthMethodChanged, now);
    let mail = crate::letter!(account.lang, |t| t.auth_method_changed_email(account, now, &not_me));
    let id = format!("{}.method-changed", crate::domain::ids::random_base32(rng, 16).to_lowercase());
    vec![link, Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now))]
}

/// "Potwierdź": the SMS code of a challenge. Wrong tries count against the code (3) and
/// the hour (10), as in the application flow.
pub async fn confirm_code(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    id: &ChallengeId,
    binding: Binding<'_>,
    code: &SmsCode,
) -> Result<Outcome, FlowError> {
    until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let (mut challenge, mut account) = load_bound_with_account(ctx, id, binding).await?;
        if challenge.method != AuthMethod::Sms {
            return Err(FlowError::WrongMethod);
        }
        match challenge.view(now) {
            ChallengeView::Pending => {}
            ChallengeView::Expired => return Err(FlowError::ChallengeExpired),
            _ => return Err(FlowError::ChallengeAnswered),
        }
        let before = account.sign_in_code.clone();
        let checked = account.sign_in_code.check(now, &code_hash(ctx.keys, id, code));
        let (writes, answer) = match checked {
            Ok(()) => {
                challenge.complete(now)?;
                let (mut writes, outcome) = carry_out(ctx, rng, &mut account, &challenge, now)?;
                writes.insert(0, Write::UpdateRecord(challenge.into_record()));
                (writes, Ok(outcome))
            }
            // Wrong tries are remembered even though the answer is an error.
            Err(e) if account.sign_in_code != before => (Vec::new(), Err(FlowError::Code(e))),
            Err(other) => return Err(other.into()),
        };
        let mut all = vec![account_write(account)];
        all.extend(writes);
        Ok(Step::Commit(all, answer))
    })
    .await?
}

/// "Wyślij kod SMS" on the waiting screen: a pending push sign-in or extension goes on
/// by SMS code instead (the push is withdrawn in the same write). The code guard of the
/// account applies as to any other code; the withdrawn push still counts against the
/// push limit, so switching back and forth gains an attacker nothing.
pub async fn fall_back_to_sms(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    id: &ChallengeId,
    binding: Binding<'_>,
) -> Result<Started, FlowError> {
    let (phone, lang, kind, expires_in, code) = until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let (mut challenge, mut account) = load_bound_with_account(ctx, id, binding).await?;
        if challenge.method != AuthMethod::Push || challenge.kind == ChallengeKind::AuthMethodChange {
            return Err(FlowError::WrongMethod);
        }
        challenge.fall_back_to_sms(now)?;
        let code = SmsCode::generate(rng);
        account.sign_in_code.issue(now, code_hash(ctx.keys, id, &code))?;
        let sent = (
            account.phone.clone(),
            challenge.lang.unwrap_or(account.lang),
            challenge.kind,
            challenge.expires_at - now,
            code,
        );
        Ok(Step::Commit(vec![Write::UpdateRecord(challenge.into_record()), Write::UpdateAccount(account)], sent))
    })
    .await?;
    if let Err(e) = sms.send_sms(&phone, &crate::letter!(lang, |t| t.sign_in_sms(kind, code.reveal()))).await {
        tracing::warn!(challenge = %id, error = %e, "fallback SMS not sent");
        return Err(FlowError::SmsUnavailable);
    }
    tracing::info!(challenge = %id, "push challenge switched to SMS");
    Ok(Started {
        challenge_id: id.clone(),
        method: AuthMethod::Sms,
        match_number: None,
        masked_phone: Some(phone.masked()),
        expires_in,
    })
}

/// `GET /api/login/{id}`: where a challenge stands. An approved sign-in gives its
/// session here, once.
pub async fn poll(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    id: &ChallengeId,
    binding: Binding<'_>,
) -> Result<(ChallengeView, Option<Token>), FlowError> {
    until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let mut challenge = load_bound(ctx, id, binding).await?;
        if !challenge.collect() {
            return Ok(Step::Answer((challenge.view(now), None)));
        }
        let mut account = ctx.store.get_account(&challenge.account_id).await?.ok_or(FlowError::NotFound)?;
        account.lang = challenge.lang.unwrap_or(account.lang);
        let (token, mut writes) = new_session(ctx, rng, &mut account, (challenge.method, None), now)?;
        writes.insert(0, Write::UpdateRecord(challenge.into_record()));
        writes.insert(1, Write::UpdateAccount(account));
        Ok(Step::Commit(writes, (ChallengeView::Approved, Some(token))))
    })
    .await
}

/// The signed-in citizen behind a `pz_session` token; moves the idle deadline.
pub async fn authenticate(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    token: &Token,
) -> Result<(CitizenSession, Account), FlowError> {
    let now = ctx.clock.now();
    let hash = session_hash(ctx.keys, token);
    let mut session = load::<CitizenSession>(ctx.store, &hash).await?.ok_or(FlowError::SignInRequired)?;
    let account = ctx.store.get_account(&session.account_id).await?.ok_or(FlowError::SignInRequired)?;
    if !session.is_live(now) || !account.has_session(&hash) || account.usable_at(now).is_err() {
        let key = RecordKey { kind: RecordKind::Session, id: hash };
        ctx.store.commit(vec![Write::DeleteRecord(key)]).await?;
        return Err(FlowError::SignInRequired);
    }
    if session.needs_refresh(now) {
        session.last_seen = now;
        // A concurrent request refreshed it first: just as good.
        match ctx.store.commit(vec![Write::UpdateRecord(session.clone().into_record())]).await {
            Ok(()) | Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok((session, account))
}

/// Signing out: the session ends, and each service it signed in to hears of it
/// (back-channel logout, through the outbox), in one write.
pub async fn logout(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    session: &CitizenSession,
    account: &Account,
) -> Result<(), FlowError> {
    let now = ctx.clock.now();
    let key = RecordKey { kind: RecordKind::Session, id: session.token_hash.clone() };
    let note = history(rng, now, &session.account_id, AuditAction::SignedOut, "");
    let mut writes = vec![Write::DeleteRecord(key), note];
    writes.extend(super::oidc::session_ended(ctx.keys, account, session, now));
    match ctx.store.commit(writes).await {
        Ok(()) => Ok(()),
        // Signed out twice at once: the other request sent the notices.
        Err(StoreError::Conflict(crate::ports::Condition::MessageExists)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/profile/auth-method`: to push only through the app's approval (a
/// challenge is started); back to SMS at once.
pub async fn change_method(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    account: &Account,
    method: AuthMethod,
) -> Result<Option<Started>, FlowError> {
    match method {
        AuthMethod::Push => {
            start(ctx, rng, sms, account.clone(), ChallengeKind::AuthMethodChange, None).await.map(Some)
        }
        AuthMethod::Sms => {
            with_account(ctx, account.clone(), |a, now| {
                let changed = a.auth_method != AuthMethod::Sms;
                a.auth_method = AuthMethod::Sms;
                let mut writes = Vec::new();
                if changed {
                    writes = method_changed_notice(ctx, rng, a, now);
                    writes.push(history(rng, now, &a.id, AuditAction::AuthMethodChanged, "sms"));
                }
                Ok((writes, Ok(None)))
            })
            .await
        }
    }
}

/// `POST /api/profile/extend`: a challenge by the current method; confirming it extends.
pub async fn extend(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    account: &Account,
) -> Result<Started, FlowError> {
    account.usable_at(ctx.clock.now()).map_err(|_| FlowError::ProfileUnusable(SignInRefusal::ProfileExpired))?;
    start(ctx, rng, sms, account.clone(), ChallengeKind::Extend, None).await
}

/// The citizen's own history, newest first.
pub async fn history_of(
    audit: &(impl AuditLog + ?Sized),
    account: &ApplicationId,
) -> Result<Vec<AuditEntry>, FlowError> {
    let mut entries = audit.history_of(account).await?;
    entries.reverse();
    Ok(entries)
}
