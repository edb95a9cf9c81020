//! What a signed-in citizen changes on `/profil` (docs/rules.md §3.8, §3.9): the password
//! (the current one first, counted like a sign-in's), the sessions (listed, and all but
//! this one ended), and the linked mObywatel app ("Odłącz").

use chrono::{DateTime, Utc};

use super::signin::{account_password_subject, end_sessions, history};
use super::{argon2, count_attempt, until_committed, Ctx, FirstRead, FlowError, Step};
use crate::domain::attempts::{Admission, PASSWORD as PASSWORD_ATTEMPTS};
use crate::domain::disavow::SecurityEvent;
use crate::domain::session::IdleSession;
use crate::domain::{Account, AuditAction, AuthMethod, CitizenSession, DeviceId, Invalid, OutboxMessage, Password};
use crate::ports::{Found, ItemKey, Random, RecordKey, RecordKind, Stored, Write};
use crate::texts;

/// `POST /api/profile/password`: the current password (a check counted against the
/// account's sign-in limit before argon2 runs), then the new one (the application's
/// rules). The other sessions end, this one stays; the owner is told by email.
pub async fn change_password(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    session: &CitizenSession,
    account: &Account,
    current: &str,
    new: &str,
) -> Result<(), FlowError> {
    let password = Password::parse(new, Some(&account.username))
        .map_err(|e: Invalid| FlowError::Invalid(vec![e.for_field("new_password")]))?;
    if current.is_empty() || current.len() > 1024 {
        return Err(wrong_current());
    }
    let subject = account_password_subject(ctx.keys, &account.id);
    if let Admission::Refused { retry_after } =
        count_attempt(ctx.attempts, ctx.clock.now(), PASSWORD_ATTEMPTS, &subject).await?
    {
        return Err(FlowError::Locked { retry_after });
    }
    if !super::clerk::verify(account.password_hash.clone(), current).await? {
        tracing::warn!(account = %account.id, "wrong current password at a password change");
        return Err(wrong_current());
    }
    let hash = argon2(move || password.hash()).await?;
    // The account the session read is the first try; a lost race reads it again.
    let first = FirstRead::new(account);
    let checked = &account.password_hash;
    let (hash, subject, first) = (&hash, &subject, &first);
    until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let mut account = first.take_or_read(ctx).await?;
        // A recovery or "To nie ja" that landed meanwhile ended this session or set another
        // password: this change no longer stands on the check it made.
        if !account.has_session(&session.token_hash) || account.password_hash != *checked {
            return Err(FlowError::SignInRequired);
        }
        account.password_hash = hash.clone();
        account.password_set_at = Some(now);
        let told = super::oidc::others_ended(ctx, &account, &session.token_hash, now).await?;
        let mut writes = end_sessions(&mut account, Some(&session.token_hash));
        writes.extend(told);
        let (link, not_me) = super::disavow::link_for(ctx, rng, &account, SecurityEvent::PasswordChanged, now);
        let mail = crate::letter!(account.lang, |t| t.password_changed_email(&account, now, &not_me));
        writes.push(link);
        let id = format!("{}.password-changed", crate::domain::ids::random_base32(rng, 16).to_lowercase());
        writes.push(Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)));
        writes.push(Write::ClearAttempts(PASSWORD_ATTEMPTS.key(subject)));
        writes.push(history(rng, now, &account.id, AuditAction::PasswordChanged, ""));
        writes.insert(0, Write::UpdateAccount(account));
        Ok(Step::Commit(writes, ()))
    })
    .await
}

fn wrong_current() -> FlowError {
    FlowError::Invalid(
        vec![Invalid::new("wrong_password", texts::WRONG_CURRENT_PASSWORD).for_field("current_password")],
    )
}

/// One of the profile's live sessions, as `/profil` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    /// A public handle (the start of the token's keyed hash: it opens nothing).
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub current: bool,
}

/// `GET /api/profile/sessions`: the live sessions the account lists, newest first.
pub async fn sessions(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    account: &Account,
    current: &CitizenSession,
) -> Result<Vec<SessionView>, FlowError> {
    let keys: Vec<ItemKey> = account
        .sessions
        .iter()
        .map(|h| ItemKey::Record(RecordKey { kind: RecordKind::Session, id: h.clone() }))
        .collect();
    let now = ctx.clock.now();
    let found = if keys.is_empty() { Vec::new() } else { ctx.store.get_many(&keys).await? };
    let mut out: Vec<SessionView> = found
        .into_iter()
        .filter_map(|f| f.and_then(Found::record::<CitizenSession>))
        .filter(|s| s.is_live(now))
        .map(|s| SessionView {
            id: s.token_hash.chars().take(16).collect(),
            created_at: s.created_at,
            last_seen: s.last_seen,
            current: s.token_hash == current.token_hash,
        })
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.created_at));
    Ok(out)
}

/// `POST /api/profile/sessions/end-others` ("Wyloguj na pozostałych urządzeniach"): every
/// session but this one ends; the history says how many.
pub async fn end_other_sessions(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    current: &CitizenSession,
) -> Result<usize, FlowError> {
    until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let mut account = ctx.store.get_account(&account.id).await?.ok_or(FlowError::SignInRequired)?;
        let told = super::oidc::others_ended(ctx, &account, &current.token_hash, now).await?;
        let mut writes = end_sessions(&mut account, Some(&current.token_hash));
        let ended = writes.len();
        if ended == 0 {
            return Ok(Step::Answer(0));
        }
        writes.extend(told);
        writes.push(history(rng, now, &account.id, AuditAction::OtherSessionsEnded, ""));
        writes.insert(0, Write::UpdateAccount(account));
        Ok(Step::Commit(writes, ended))
    })
    .await
}

/// `DELETE /api/profile/devices/{device_id}` ("Odłącz"): the app is unlinked (its record
/// goes, so its pending requests can no longer be answered) and the method falls back to
/// SMS. Another profile's app, or none, is 404.
pub async fn unlink_device(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    device: &DeviceId,
) -> Result<(), FlowError> {
    let first = FirstRead::new(account);
    let first = &first;
    until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let mut account = first.take_or_read(ctx).await?;
        if account.device_id.as_ref() != Some(device) {
            return Err(FlowError::NotFound);
        }
        account.device_id = None;
        let note = match std::mem::replace(&mut account.auth_method, AuthMethod::Sms) {
            AuthMethod::Push => "push → sms",
            AuthMethod::Sms => "",
        };
        let (link, not_me) = super::disavow::link_for(ctx, rng, &account, SecurityEvent::DeviceUnlinked, now);
        let mail = crate::letter!(account.lang, |t| t.device_unlinked_email(&account, now, &not_me));
        let id = format!("{device}.device-unlinked");
        let writes = vec![
            Write::DeleteRecord(RecordKey { kind: RecordKind::Device, id: device.to_string() }),
            history(rng, now, &account.id, AuditAction::DeviceUnlinked, note),
            link,
            Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)),
        ];
        let mut all = vec![Write::UpdateAccount(account)];
        all.extend(writes);
        Ok(Step::Commit(all, ()))
    })
    .await
}

/// `DELETE /api/profile/services/{client_id}`: the service is no longer connected; its
/// tokens stop working at once (userinfo and the token endpoint check the list) and its
/// next sign-in connects it afresh. Not connected: 404.
pub async fn revoke_service(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    client_id: &str,
) -> Result<(), FlowError> {
    let first = FirstRead::new(account);
    let first = &first;
    until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let mut account = first.take_or_read(ctx).await?;
        let name = account.services.iter().find(|s| s.client_id == client_id).map(|s| s.name.clone());
        let Some(name) = name.filter(|_| account.revoke_service(client_id)) else { return Err(FlowError::NotFound) };
        let note = history(rng, now, &account.id, AuditAction::ServiceRevoked, &name);
        Ok(Step::Commit(vec![Write::UpdateAccount(account), note], ()))
    })
    .await
}
