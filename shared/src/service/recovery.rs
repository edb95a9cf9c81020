//! "Nie pamiętasz hasła?" and "Nie pamiętasz nazwy użytkownika?" (docs/rules.md §3.6, §3.7).
//!
//! Anyone may ask, so the answer says nothing: the same 202 after the same time
//! (`recovery::ANSWER_FLOOR`) whether the data matched a profile or not, and the owner
//! alone learns more, by email. The link then leads to an SMS code to the profile's phone
//! and a new password; every session ends and the owner is told.

use std::net::IpAddr;

use chrono::{DateTime, Utc};

use super::application::unique_key;
use super::signin::{account_password_subject, end_sessions, history};
use super::{argon2, per_source, until_committed, Ctx, FlowError, Step};
use crate::crypto::HashKey;
use crate::domain::account::SignInRefusal;
use crate::domain::attempts::{AttemptLimit, CODE_SENDS_PER_SOURCE, PASSWORD as PASSWORD_ATTEMPTS};
use crate::domain::disavow::SecurityEvent;
use crate::domain::ids::random_base32;
use crate::domain::recovery::{Recovery, ANSWER_FLOOR};
use crate::domain::time::polish_date;
use crate::domain::{
    Account, ApplicationId, AuditAction, Email, Invalid, OutboxMessage, Password, Pesel, SmsCode, Username,
};
use crate::ports::{Found, ItemKey, Random, RecordKey, RecordKind, RecordType, SmsSender, StoreError, Stored};
use crate::ports::{UniqueKind, Write};

/// Recovery requests (password or username) from one source address *(ours)*.
pub const REQUESTS_PER_SOURCE: AttemptLimit =
    AttemptLimit { scope: "recovery-source", max: 10, window: chrono::Duration::hours(1) };

/// Recovery emails one profile is sent *(ours)*: a stranger cannot flood its mailbox.
pub const EMAILS_PER_ACCOUNT: AttemptLimit =
    AttemptLimit { scope: "recovery-email", max: 3, window: chrono::Duration::hours(1) };

/// The secret part of a link's token (160 bits), after the account's id.
const SECRET_CHARS: usize = 32;

/// A recovery link's token: the account's id (so that the link and its account are read
/// in one request), then the secret. Only its keyed hash is stored.
pub struct LinkToken(String);

impl LinkToken {
    pub(crate) fn generate(rng: &dyn Random, account: &ApplicationId) -> Self {
        Self(format!("{account}{}", random_base32(rng, SECRET_CHARS).to_lowercase()))
    }

    /// Any text the browser sends; `None` unless it has the shape we generate.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = text.len() == ApplicationId::CHARS + SECRET_CHARS
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        ok.then(|| Self(text.to_owned()))
    }

    pub(crate) fn account(&self) -> Option<ApplicationId> {
        ApplicationId::parse(self.0.get(..ApplicationId::CHARS)?).ok()
    }

    pub fn reveal(&self) -> &str {
        &self.0
    }
}

fn link_hash(keys: &HashKey, token: &LinkToken) -> String {
    keys.hash("recovery-link", token.reveal())
}

fn code_hash(keys: &HashKey, link_hash: &str, code: &SmsCode) -> String {
    keys.hash("recovery-code", &format!("{link_hash}:{}", code.reveal()))
}

/// Waits until `ANSWER_FLOOR` has passed since `started`, then gives `answer`.
async fn after_floor<T>(started: tokio::time::Instant, answer: T) -> T {
    tokio::time::sleep_until(started + ANSWER_FLOOR).await;
    answer
}

/// What `POST /api/recovery/password` was given, and where from.
pub struct PasswordRequest<'a> {
    pub username: &'a str,
    pub pesel: &'a str,
    pub source: Option<IpAddr>,
}

/// `POST /api/recovery/password`: if the username and the PESEL are one profile's, its
/// email gets a link (`<public url>/odzyskiwanie#token`, 30 minutes). The answer is the same
/// either way, after `ANSWER_FLOOR`; only malformed input is told apart (a format says
/// nothing about anyone).
pub async fn request_password(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    request: PasswordRequest<'_>,
) -> Result<(), FlowError> {
    let started = tokio::time::Instant::now();
    let now = ctx.clock.now();
    let username = Username::parse(request.username.trim()).map_err(|e| e.for_field("username"));
    let pesel = Pesel::parse(request.pesel, polish_date(now)).map_err(|e| e.for_field("pesel"));
    let (username, pesel) = match (username, pesel) {
        (Ok(u), Ok(p)) => (u, p),
        (u, p) => return Err(FlowError::Invalid(u.err().into_iter().chain(p.err()).collect())),
    };
    let found = async {
        per_source(ctx.attempts, ctx.keys, now, REQUESTS_PER_SOURCE, request.source).await?;
        let claims = [
            ItemKey::Claim(unique_key(ctx.keys, UniqueKind::Username, username.as_str())),
            ItemKey::Claim(unique_key(ctx.keys, UniqueKind::Pesel, pesel.as_str())),
        ];
        let mut owners = ctx.store.get_many(&claims).await?.into_iter().map(|f| f.and_then(Found::claim_owner));
        let (by_username, by_pesel) = (owners.next().flatten(), owners.next().flatten());
        let Some(owner) = by_username.filter(|o| Some(o) == by_pesel.as_ref()) else { return Ok(()) };
        quietly(send_link(ctx, rng, &owner, now).await, &owner)
    }
    .await;
    after_floor(started, found).await
}

/// A failure past this point happens only for a matching profile: it is logged and the
/// answer stays the same 202 (a 503 here would tell a match from a miss).
fn quietly(done: Result<(), FlowError>, account: &ApplicationId) -> Result<(), FlowError> {
    if let Err(e) = done {
        tracing::warn!(account = %account, error = %e, "recovery email not queued; the answer is the same");
    }
    Ok(())
}

/// The link for a matching profile: the record, the email, the history, within the
/// profile's email limit.
async fn send_link(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    owner: &ApplicationId,
    now: DateTime<Utc>,
) -> Result<(), FlowError> {
    {
        let Some(account) = ctx.store.get_account(owner).await? else { return Ok(()) };
        if !may_recover(&account, now) {
            return Ok(());
        }
        let token = LinkToken::generate(rng, &account.id);
        let recovery = Recovery::new(link_hash(ctx.keys, &token), account.id.clone(), now);
        let link = format!("{}/odzyskiwanie?lang={}#{}", ctx.public_url, account.lang, token.reveal());
        let mail = crate::letter!(account.lang, |t| t.recovery_link_email(&account, &link));
        let id = format!("{}.recovery-link", &recovery.token_hash[..26]);
        let writes = vec![
            limit_emails(ctx.keys, &account.id, now),
            Write::CreateRecord(recovery.into_record()),
            Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)),
            history(rng, now, &account.id, AuditAction::RecoveryRequested, "hasło"),
        ];
        quietly_limited(ctx.store.commit(writes).await, &account.id)
    }
}

/// Whether a profile may recover its password or be reminded of its username: an active
/// one, or one still waiting for its video call (it will need its password after it).
fn may_recover(account: &Account, now: DateTime<Utc>) -> bool {
    matches!(account.usable_at(now), Ok(()) | Err(SignInRefusal::NotConfirmed))
}

fn limit_emails(keys: &HashKey, account: &ApplicationId, now: DateTime<Utc>) -> Write {
    let subject = keys.hash("recovery-emails", account.as_str());
    Write::CountAttempt { key: EMAILS_PER_ACCOUNT.key(&subject), limit: EMAILS_PER_ACCOUNT, now, spare: 0 }
}

/// A full per-account email limit sends nothing and answers as always.
fn quietly_limited(committed: Result<(), StoreError>, account: &ApplicationId) -> Result<(), FlowError> {
    match committed {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict(crate::ports::Condition::AttemptsSpent)) => {
            tracing::warn!(account = %account, "recovery emails limited");
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/recovery/username`: the profile with this email address gets its username
/// by email; the same answer after the same time whatever the address.
pub async fn request_username(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    email: &str,
    source: Option<IpAddr>,
) -> Result<(), FlowError> {
    let started = tokio::time::Instant::now();
    let now = ctx.clock.now();
    let email = Email::parse(email).map_err(|e| FlowError::Invalid(vec![e.for_field("email")]))?;
    let found = async {
        per_source(ctx.attempts, ctx.keys, now, REQUESTS_PER_SOURCE, source).await?;
        let key = unique_key(ctx.keys, UniqueKind::Email, email.as_str());
        let Some(owner) = ctx.store.claim_owner(&key).await? else { return Ok(()) };
        quietly(send_reminder(ctx, rng, &owner, now).await, &owner)
    }
    .await;
    after_floor(started, found).await
}

/// The username for the profile holding the address, within its email limit.
async fn send_reminder(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    owner: &ApplicationId,
    now: DateTime<Utc>,
) -> Result<(), FlowError> {
    {
        let Some(account) = ctx.store.get_account(owner).await? else { return Ok(()) };
        if !may_recover(&account, now) {
            return Ok(());
        }
        let mail = crate::letter!(account.lang, |t| t.username_reminder_email(&account));
        let id = format!("{}.username-reminder", random_base32(rng, 16).to_lowercase());
        let writes = vec![
            limit_emails(ctx.keys, &account.id, now),
            Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)),
            history(rng, now, &account.id, AuditAction::RecoveryRequested, "nazwa użytkownika"),
        ];
        quietly_limited(ctx.store.commit(writes).await, &account.id)
    }
}

/// The link and its account, if the link still works (one request).
async fn open_link(ctx: &Ctx<'_, impl Stored + ?Sized>, token: &str) -> Result<(Recovery, Account, String), FlowError> {
    let token = LinkToken::parse(token).ok_or(FlowError::RecoveryLinkDead)?;
    let hint = token.account().ok_or(FlowError::RecoveryLinkDead)?;
    let hash = link_hash(ctx.keys, &token);
    let key = RecordKey { kind: RecordKind::Recovery, id: hash.clone() };
    let mut found = ctx.store.get_many(&[ItemKey::Record(key), ItemKey::Account(hint.clone())]).await?.into_iter();
    let recovery = found.next().flatten().and_then(Found::record::<Recovery>).ok_or(FlowError::RecoveryLinkDead)?;
    let account = found.next().flatten().and_then(Found::account).ok_or(FlowError::RecoveryLinkDead)?;
    let now = ctx.clock.now();
    // A password set since the link was sent (by this or another link, or on `/profil`)
    // spends it.
    let superseded = account.password_set_at.is_some_and(|set| recovery.created_at < set);
    if recovery.account_id != account.id || recovery.usable(now).is_err() || superseded || !may_recover(&account, now) {
        return Err(FlowError::RecoveryLinkDead);
    }
    Ok((recovery, account, hash))
}

/// `POST /api/recovery/password/sms-code`: a code to the profile's phone for this link
/// (the account's code limits; the source's code-send limit, counted in the same write).
/// The masked number it went to.
pub async fn send_code(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    token: &str,
    source: Option<IpAddr>,
) -> Result<String, FlowError> {
    let mut sent = None;
    for _ in 0..super::RACE_RETRIES {
        let now = ctx.clock.now();
        let (_, mut account, hash) = open_link(ctx, token).await?;
        let code = SmsCode::generate(rng);
        account.sign_in_code.issue(now, code_hash(ctx.keys, &hash, &code))?;
        let (phone, lang) = (account.phone.clone(), account.lang);
        let mut writes = vec![Write::UpdateAccount(account)];
        if let Some(ip) = source {
            let subject = super::source_subject(ctx.keys, ip);
            let limit = CODE_SENDS_PER_SOURCE;
            writes.push(Write::CountAttempt { key: limit.key(&subject), limit, now, spare: 0 });
        }
        match ctx.store.commit(writes).await {
            Ok(()) => {
                sent = Some((phone, lang, code));
                break;
            }
            // The source's window is full: no code (a lost race on the account: read again).
            Err(StoreError::Conflict(crate::ports::Condition::AttemptsSpent)) => {
                return Err(FlowError::SourceLimit { retry_after: CODE_SENDS_PER_SOURCE.window });
            }
            Err(StoreError::Conflict(c)) if c.is_stale_read() => {}
            Err(e) => return Err(e.into()),
        }
    }
    let (phone, lang, code) = sent.ok_or_else(super::lost_race)?;
    if let Err(e) = sms.send_sms(&phone, &crate::letter!(lang, |t| t.recovery_sms(code.reveal()))).await {
        tracing::warn!(error = %e, "recovery SMS not sent");
        return Err(FlowError::SmsUnavailable);
    }
    Ok(phone.masked())
}

/// What `POST /api/recovery/password/confirm` was given.
pub struct NewPassword<'a> {
    pub token: &'a str,
    pub code: &'a str,
    pub new_password: &'a str,
}

/// `POST /api/recovery/password/confirm`: the code, then the new password (the rules of
/// the application). Every session ends, the link is spent, the failed-sign-in count is
/// cleared, the history says so and the owner is told by email. A wrong code counts as a
/// sign-in code's does.
pub async fn confirm(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    given: NewPassword<'_>,
) -> Result<(), FlowError> {
    let code = SmsCode::parse(given.code).map_err(|e| FlowError::Invalid(vec![e.for_field("code")]))?;
    // Hashed once, after the first right code (a wrong code costs no argon2).
    let hashed = tokio::sync::OnceCell::new();
    let (hashed, code) = (&hashed, &code);
    let outcome = until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let (mut recovery, mut account, hash) = open_link(ctx, given.token).await?;
        // The password's rules before the code: a weak password costs no try.
        let password = Password::parse(given.new_password, Some(&account.username))
            .map_err(|e: Invalid| FlowError::Invalid(vec![e.for_field("new_password")]))?;
        if let Err(e) = account.sign_in_code.check(now, &code_hash(ctx.keys, &hash, code)) {
            return Ok(Step::Commit(vec![Write::UpdateAccount(account)], Err(FlowError::Code(e))));
        }
        account.password_hash = hashed.get_or_try_init(|| argon2(move || password.hash())).await?.clone();
        recovery.use_up(now).map_err(|_| FlowError::RecoveryLinkDead)?;
        let mut writes = end_sessions(&mut account, None);
        writes.extend(super::oidc::all_sessions_ended(ctx.keys, &account, "password-recovered", now));
        account.password_blocked = false;
        account.password_set_at = Some(now);
        let (link, not_me) = super::disavow::link_for(ctx, rng, &account, SecurityEvent::PasswordRecovered, now);
        let mail = crate::letter!(account.lang, |t| t.password_recovered_email(&account, now, &not_me));
        writes.push(link);
        let id = format!("{}.password-recovered", &recovery.token_hash[..26]);
        writes.push(Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)));
        writes.push(Write::ClearAttempts(PASSWORD_ATTEMPTS.key(&account_password_subject(ctx.keys, &account.id))));
        writes.push(history(rng, now, &account.id, AuditAction::PasswordRecovered, ""));
        writes.push(Write::UpdateRecord(recovery.into_record()));
        writes.insert(0, Write::UpdateAccount(account));
        Ok(Step::Commit(writes, Ok(())))
    })
    .await?;
    outcome
}
