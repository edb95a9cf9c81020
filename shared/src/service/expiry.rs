//! Profiles past their three years (docs/rules.md §4, §8.4): the profile closes and frees its
//! PESEL, username and email for a new application, keeping its history. The scheduled
//! sweep does it, and so does any step that meets such a profile first (a sign-in, an
//! application with the same PESEL, username or email), so nobody waits for the sweep.

use crate::ports::Stored;
use chrono::{DateTime, Utc};

use super::application::unique_key;
use super::audit::entry;
use super::Ctx;
use super::{try_commit, FlowError, RACE_RETRIES};
use crate::domain::account::REMINDER_DAYS;
use crate::domain::{Account, Actor, ApplicationStatus, AuditAction, OutboxMessage};
use crate::ports::{Random, StoreError, Sweeps, UniqueKey, UniqueKind, Write};

/// The uniqueness claims an account holds (keyed hashes of its PESEL, username, email).
pub(crate) fn account_claims(ctx: &Ctx<'_, impl Stored + ?Sized>, account: &Account) -> [UniqueKey; 3] {
    [
        unique_key(ctx.keys, UniqueKind::Pesel, account.pesel.as_str()),
        unique_key(ctx.keys, UniqueKind::Username, account.username.as_str()),
        unique_key(ctx.keys, UniqueKind::Email, account.email.as_str()),
    ]
}

/// The writes that close an expired profile, or `None` if it is not due: the account
/// (version-checked), its claims released, the citizen told, the history kept.
fn closing(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    mut account: Account,
    now: DateTime<Utc>,
) -> Option<Vec<Write>> {
    let ended = account.valid_until?;
    if !account.expire(now) {
        return None;
    }
    let mut writes: Vec<Write> = account_claims(ctx, &account)
        .into_iter()
        .map(|key| Write::Release { key, owner: account.id.clone() })
        .collect();
    let mail = crate::letter!(account.lang, |t| t.profile_expired_email(&account));
    // One email per profile and end date: a retried sweep cannot send it twice.
    let id = format!("{}.profile-expired.{}", account.id, ended.timestamp());
    writes.push(Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)));
    let note = entry(rng, now, Actor::System, AuditAction::Expired).on(&account.id).note("profil wygasł").write();
    if let Write::Audit(e) = note {
        writes.push(Write::History(e));
    }
    writes.insert(0, Write::UpdateAccount(account));
    Some(writes)
}

/// Closes this profile now if its validity has ended; returns the account as stored.
pub async fn expire_if_due(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    first: Account,
) -> Result<Account, FlowError> {
    let mut account = first;
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let Some(writes) = closing(ctx, rng, account.clone(), now) else { return Ok(account) };
        if try_commit(ctx.store, writes).await? {
            tracing::info!(account = %account.id, "profile expired and closed");
            account.expire(now);
            account.version += 1;
            return Ok(account);
        }
        account = ctx.store.get_account(&account.id).await?.ok_or(FlowError::NotFound)?;
    }
    Err(super::lost_race())
}

/// Frees a uniqueness claim that an expired profile still holds, or an application past its
/// deadline that the sweep has not reached (a missed call seven days on, an office
/// application after its 14 days), so that a new application can take it. `true` if the
/// claim was such a one's and is now free (or another step freed it meanwhile).
pub async fn free_if_expired(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    key: &UniqueKey,
) -> Result<bool, FlowError> {
    let Some(owner) = ctx.store.claim_owner(key).await? else { return Ok(true) };
    let Some(account) = ctx.store.get_account(&owner).await? else { return Ok(false) };
    let now = ctx.clock.now();
    if !account.is_due_to_expire(now) {
        let Some(app) = ctx.store.get_application(&owner).await? else { return Ok(false) };
        if app.status != ApplicationStatus::Submitted || app.status_at(now) != ApplicationStatus::Expired {
            return Ok(false);
        }
        return match super::noshow::expire_missed(ctx, rng, app, now).await {
            Ok(()) | Err(StoreError::Conflict(_)) => Ok(true),
            Err(e) => Err(e.into()),
        };
    }
    expire_if_due(ctx, rng, account).await?;
    Ok(true)
}

/// The sweep's part: every profile whose validity ended before `now`.
pub async fn expire_profiles(
    ctx: &Ctx<'_, impl Stored + Sweeps + ?Sized>,
    rng: &dyn Random,
) -> Result<(usize, usize), StoreError> {
    let now = ctx.clock.now();
    let (mut done, mut skipped) = (0, 0);
    for account in ctx.store.profiles_ended_before(now).await? {
        match expire_if_due(ctx, rng, account).await {
            Ok(_) => done += 1,
            Err(e) => {
                tracing::warn!(error = %e, "profile expiry skipped; the next run retries it");
                skipped += 1;
            }
        }
    }
    Ok((done, skipped))
}

/// How far back each reminder's window reaches: a sweep that did not run for up to this
/// long still sends the reminders that fell due meanwhile (every run reads only the
/// profiles whose reminder time came in this window, not every profile ending soon).
const REMINDER_LOOK_BACK: chrono::Duration = chrono::Duration::days(2);

/// The sweep's part: the expiry reminders, 30 and 7 days before the end of validity, once
/// each per end date (docs/rules.md §4). `(sent, skipped)`; a skipped one goes next run.
pub async fn send_reminders(
    ctx: &Ctx<'_, impl Stored + Sweeps + ?Sized>,
    rng: &dyn Random,
) -> Result<(usize, usize), StoreError> {
    let now = ctx.clock.now();
    let (mut sent, mut skipped) = (0, 0);
    for days in REMINDER_DAYS {
        let at = now + chrono::Duration::days(i64::from(days));
        for mut account in ctx.store.profiles_ending_between(at - REMINDER_LOOK_BACK, at).await? {
            let (Some(due), Some(until)) = (account.take_reminder(now), account.valid_until) else { continue };
            let mail = crate::letter!(account.lang, |t| t.expiry_reminder_email(
                &account,
                due,
                &format!("{}/profil?lang={}", ctx.public_url, account.lang),
            ));
            // One email per profile, end date and reminder: a retried sweep cannot send it twice.
            let id = format!("{}.expiry-reminder.{due}.{}", account.id, until.timestamp());
            let note =
                entry(rng, now, Actor::System, AuditAction::ExpiryReminder).on(&account.id).note(format!("{due} dni"));
            let mut writes =
                vec![Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now))];
            if let Write::Audit(e) = note.write() {
                writes.push(Write::History(e));
            }
            writes.insert(0, Write::UpdateAccount(account));
            match ctx.store.commit(writes).await {
                Ok(()) => sent += 1,
                Err(e) => {
                    tracing::warn!(error = %e, "expiry reminder skipped; the next run retries it");
                    skipped += 1;
                }
            }
        }
    }
    Ok((sent, skipped))
}
