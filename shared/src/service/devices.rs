//! The mObywatel app: linking a device to the profile (an SNS platform endpoint), its
//! list of pending requests, and its answers (number matching).

use crate::domain::disavow::SecurityEvent;
use crate::ports::Stored;
use chrono::{DateTime, Utc};

use super::signin::{carry_out, history, start_with, Outcome, Start, Started};
use super::Ctx;
use super::{lost_race, until_committed, FlowError, Step, RACE_RETRIES};
use crate::crypto::{constant_time_eq, HashKey};
use crate::domain::{
    Account, AuditAction, Challenge, ChallengeKind, ChallengeStatus, Device, DeviceId, OutboxMessage, Platform, Token,
};
use crate::ports::{
    load, Condition, Found, ItemKey, PushSender, Random, RecordKey, RecordKind, RecordType, SmsSender, StoreError,
    Write,
};

pub fn device_secret_hash(keys: &HashKey, secret: &Token) -> String {
    keys.hash("device-secret", secret.reveal())
}

pub struct Linked {
    pub device_id: DeviceId,
    pub secret: Token,
}

/// What `POST /api/devices` did: linked at once, or a challenge by the current method
/// stands between the new app and the profile.
pub enum Linking {
    Linked(Linked),
    Pending { app: Linked, started: Started },
}

/// `POST /api/devices` (signed in): registers the push token with SNS. The first app of
/// an SMS profile becomes the one the profile's pushes go to at once; any other link (an
/// app is linked, or the method is push) waits for a challenge by the current method, so
/// a session alone (a stolen one will do) cannot swap the citizen's authenticator.
pub async fn link(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    senders: (&dyn SmsSender, &dyn PushSender),
    account: &Account,
    platform: Platform,
    push_token: &str,
) -> Result<Linking, FlowError> {
    let (sms, push) = senders;
    let endpoint = push.register_device(platform, push_token).await.map_err(|e| {
        tracing::warn!(account = %account.id, error = %e, source = %super::delivery::provider_error(&e), "device not registered");
        FlowError::PushUnavailable
    })?;
    let secret = Token::generate(rng);
    let device = Device {
        id: DeviceId::generate(rng),
        account_id: account.id.clone(),
        platform,
        endpoint,
        secret_hash: device_secret_hash(ctx.keys, &secret),
        created_at: ctx.clock.now(),
        version: 0,
    };
    let app = Linked { device_id: device.id.clone(), secret };
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut account = ctx.store.get_account(&account.id).await?.ok_or(FlowError::NotFound)?;
        if account.linking_needs_challenge() {
            let kind = ChallengeKind::LinkDevice;
            let start = Start { kind, browser_hash: None, linking: Some(device), also: Vec::new(), lang: None };
            let started = start_with(ctx, rng, sms, account, start).await?;
            tracing::info!(challenge = %started.challenge_id, device = %app.device_id, "device waits for a challenge");
            return Ok(Linking::Pending { app, started });
        }
        let extra = take_over(ctx, rng, &mut account, device.clone(), now);
        let mut writes = vec![Write::UpdateAccount(account)];
        writes.extend(extra);
        match ctx.store.commit(writes).await {
            Ok(()) => return Ok(Linking::Linked(app)),
            // Another request linked an app meanwhile: read again, now it needs a challenge.
            Err(StoreError::Conflict(Condition::AccountChanged)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}

/// Makes `device` the account's app: its record, the old app's record gone (its pending
/// pushes can no longer be answered), the history, and the security notification by
/// email and by SMS. The caller commits these with `Write::UpdateAccount(account)`.
pub(crate) fn take_over(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &mut Account,
    device: Device,
    now: DateTime<Utc>,
) -> Vec<Write> {
    let (link, not_me) = super::disavow::link_for(ctx, rng, account, SecurityEvent::DeviceLinked, now);
    let mut writes = vec![link];
    account.had_app = true;
    if let Some(old) = account.device_id.replace(device.id.clone()) {
        writes.push(Write::DeleteRecord(RecordKey { kind: RecordKind::Device, id: old.to_string() }));
    }
    let platform = device.platform.as_str();
    let mail =
        crate::letter!(account.lang, |t| t.device_linked_email(account.first_name.as_str(), platform, now, &not_me));
    let id = format!("{}.device-linked", device.id);
    writes.push(history(rng, now, &account.id, AuditAction::DeviceLinked, platform));
    writes.push(Write::Enqueue(OutboxMessage::email(
        format!("{id}.email"),
        account.email.as_str(),
        mail.subject,
        mail.body,
        now,
    )));
    writes.push(Write::Enqueue(OutboxMessage::sms(
        format!("{id}.sms"),
        account.phone.e164(),
        crate::letter!(account.lang, |t| t.device_linked_sms(now)),
        now,
    )));
    writes.push(Write::CreateRecord(device.into_record()));
    writes
}

/// The device behind `Authorization: Device <secret>`; a wrong secret looks like no device.
pub async fn authenticate(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &DeviceId,
    secret: Option<&Token>,
) -> Result<Device, FlowError> {
    let secret = secret.ok_or(FlowError::DeviceRequired)?;
    let device = load::<Device>(ctx.store, id.as_str()).await?.ok_or(FlowError::DeviceRequired)?;
    let presented = device_secret_hash(ctx.keys, secret);
    if constant_time_eq(presented.as_bytes(), device.secret_hash.as_bytes()) {
        Ok(device)
    } else {
        Err(FlowError::DeviceRequired)
    }
}

/// `GET /api/devices/{id}/requests`: pushes still waiting for this device's answer.
pub async fn pending(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &DeviceId,
    secret: Option<&Token>,
) -> Result<Vec<Challenge>, FlowError> {
    let device = authenticate(ctx, id, secret).await?;
    Ok(ctx.store.pending_pushes(&device.id, ctx.clock.now()).await?)
}

/// A push request and, when its id names it (`ChallengeId::for_account`), its account, in
/// one read.
async fn load_with_account(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    request: &crate::domain::ChallengeId,
) -> Result<(Challenge, Option<Account>), FlowError> {
    let key = ItemKey::Record(RecordKey { kind: RecordKind::Challenge, id: request.as_str().to_owned() });
    let Some(hint) = request.account_hint() else {
        let challenge = load::<Challenge>(ctx.store, request.as_str()).await?.ok_or(FlowError::NotFound)?;
        return Ok((challenge, None));
    };
    let mut found = ctx.store.get_many(&[key, ItemKey::Account(hint)]).await?.into_iter();
    let challenge = found.next().flatten().and_then(Found::record::<Challenge>).ok_or(FlowError::NotFound)?;
    Ok((challenge, found.next().flatten().and_then(Found::account)))
}

/// `POST /api/push-requests/{id}/respond`: the app's answer, once, only from the device
/// the push went to (any other device gets 404, as for an unknown request). An approved
/// step-up is carried out in the same transaction.
pub async fn respond(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    request: &crate::domain::ChallengeId,
    secret: Option<&Token>,
    approve: bool,
    pick: Option<&str>,
) -> Result<ChallengeStatus, FlowError> {
    let secret = secret.ok_or(FlowError::DeviceRequired)?;
    let status = until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let (mut challenge, account) = load_with_account(ctx, request).await?;
        let device_id = challenge.push.as_ref().map(|p| p.device_id.clone()).ok_or(FlowError::NotFound)?;
        let device = authenticate(ctx, &device_id, Some(secret)).await.map_err(|_| FlowError::NotFound)?;
        let mut account = match account {
            Some(a) if a.id == device.account_id => a,
            _ => ctx.store.get_account(&device.account_id).await?.ok_or(FlowError::NotFound)?,
        };
        if account.device_id.as_ref() != Some(&device.id) {
            // Replaced by a newer app: what was sent to this one is no longer its to answer.
            return Err(FlowError::NotFound);
        }
        let status = challenge.answer(now, approve, pick)?;
        let created = challenge.created_at;
        account.unanswered_pushes.events.retain(|t| *t != created);
        let mut writes = Vec::new();
        if status == ChallengeStatus::Done {
            let (extra, outcome) = carry_out(ctx, rng, &mut account, &challenge, now)?;
            debug_assert!(!matches!(outcome, Outcome::SignedIn(_)));
            writes.extend(extra);
        }
        if status == ChallengeStatus::Denied && challenge.kind == ChallengeKind::Login {
            writes.push(history(rng, now, &account.id, AuditAction::SignInFailed, "push"));
        }
        let mut all = vec![Write::UpdateRecord(challenge.into_record()), super::signin::account_write(account)];
        all.extend(writes);
        Ok(Step::Commit(all, status))
    })
    .await?;
    tracing::info!(challenge = %request, ?status, "push answered");
    Ok(status)
}
