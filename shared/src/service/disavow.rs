//! "To nie ja" (docs/rules.md §3.10): the link in every security notification, and what
//! using it does.

use super::application::unique_key;
use super::recovery::LinkToken;
use super::signin::{end_sessions, history};
use super::{until_committed, Ctx, FlowError, Step};
use crate::domain::disavow::{Disavow, SecurityEvent};
use crate::domain::{Account, AuditAction, AuthMethod, Email, OutboxMessage, PhoneNumber};
use crate::ports::UniqueKind;
use crate::ports::{Found, ItemKey, Random, RecordKey, RecordKind, RecordType, Stored, Write};
use chrono::{DateTime, Utc};

fn link_hash(keys: &crate::crypto::HashKey, token: &str) -> String {
    keys.hash("disavow-link", token)
}

/// A new "To nie ja" link for a notification about `event`: the record to write with the
/// notification, and the link to put in it.
pub(crate) fn link_for(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    event: SecurityEvent,
    now: DateTime<Utc>,
) -> (Write, String) {
    link_restoring(ctx, rng, account, event, None, now)
}

/// `link_for` a change of the email or phone: using the link puts `previous` back.
pub(crate) fn link_restoring(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    event: SecurityEvent,
    previous: Option<String>,
    now: DateTime<Utc>,
) -> (Write, String) {
    let token = LinkToken::generate(rng, &account.id);
    let mut record = Disavow::new(link_hash(ctx.keys, token.reveal()), account.id.clone(), event, now);
    record.previous = previous;
    let link = format!("{}/to-nie-ja?lang={}#{}", ctx.public_url, account.lang, token.reveal());
    (Write::CreateRecord(record.into_record()), link)
}

/// The email address or phone number a disavowed change replaced, back on the account (an
/// address that another profile took meanwhile stays as it is).
async fn restore_contact(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    account: &mut Account,
    link: &Disavow,
    now: DateTime<Utc>,
) -> Result<Vec<Write>, FlowError> {
    let Some(previous) = &link.previous else { return Ok(Vec::new()) };
    match link.event {
        SecurityEvent::EmailChanged => {
            let Ok(old) = Email::parse(previous) else { return Ok(Vec::new()) };
            let old_key = unique_key(ctx.keys, UniqueKind::Email, old.as_str());
            let holder = ctx.store.claim_owner(&old_key).await?;
            if old == account.email || holder.is_some_and(|h| h != account.id) {
                return Ok(Vec::new());
            }
            let current = unique_key(ctx.keys, UniqueKind::Email, account.email.as_str());
            account.email = old;
            Ok(vec![
                Write::Reserve { key: old_key, owner: account.id.clone(), expires_at: None, now },
                Write::Release { key: current, owner: account.id.clone() },
            ])
        }
        SecurityEvent::PhoneChanged => {
            if let Ok(old) = PhoneNumber::from_e164(previous) {
                account.phone = old;
            }
            Ok(Vec::new())
        }
        _ => Ok(Vec::new()),
    }
}

/// `POST /api/disavow`: the owner says the change was not theirs. Every session ends, the
/// app is unlinked (the method falls back to SMS), the password signs in no more until it
/// is recovered, the history says so and the owner is told what to do, in one write.
pub async fn disavow(ctx: &Ctx<'_, impl Stored + ?Sized>, rng: &dyn Random, token: &str) -> Result<(), FlowError> {
    let token = LinkToken::parse(token).ok_or(FlowError::DisavowLinkDead)?;
    let hint = token.account().ok_or(FlowError::DisavowLinkDead)?;
    let hash = link_hash(ctx.keys, token.reveal());
    let (hint, hash) = (&hint, &hash);
    until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let key = ItemKey::Record(RecordKey { kind: RecordKind::Disavow, id: hash.clone() });
        let mut found = ctx.store.get_many(&[key, ItemKey::Account(hint.clone())]).await?.into_iter();
        let link = found.next().flatten().and_then(Found::record::<Disavow>);
        let account = found.next().flatten().and_then(Found::account);
        let (Some(mut link), Some(mut account)) = (link, account) else { return Err(FlowError::DisavowLinkDead) };
        if link.account_id != account.id || !link.use_up(now) {
            return Err(FlowError::DisavowLinkDead);
        }
        let mut writes = end_sessions(&mut account, None);
        writes.extend(crate::service::oidc::all_sessions_ended(ctx.keys, &account, "disavowed", now));
        if let Some(device) = account.device_id.take() {
            writes.push(Write::DeleteRecord(RecordKey { kind: RecordKind::Device, id: device.to_string() }));
        }
        account.auth_method = AuthMethod::Sms;
        account.password_blocked = true;
        account.pending_contact = None;
        writes.extend(restore_contact(ctx, &mut account, &link, now).await?);
        let mail = crate::letter!(account.lang, |t| t.disavowed_email(
            &account,
            now,
            &format!("{}/odzyskiwanie?lang={}", ctx.public_url, account.lang),
        ));
        let id = format!("{}.disavowed", &link.token_hash[..26]);
        writes.push(Write::Enqueue(OutboxMessage::email(id, account.email.as_str(), mail.subject, mail.body, now)));
        writes.push(history(rng, now, &account.id, AuditAction::Disavowed, link.event.as_str()));
        writes.push(Write::UpdateRecord(link.into_record()));
        tracing::warn!(account = %account.id, "a security change was disavowed: sessions ended, password blocked");
        writes.insert(0, Write::UpdateAccount(account));
        Ok(Step::Commit(writes, ()))
    })
    .await
}
