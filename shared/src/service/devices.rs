//! The mObywatel app: linking a device to the profile (an SNS platform endpoint), its
//! list of pending requests, and its answers (number matching).

use super::application::Ctx;
use super::signin::{carry_out, history, Outcome};
use super::{lost_race, FlowError, RACE_RETRIES};
use crate::crypto::{constant_time_eq, HashKey};
use crate::domain::{
    Account, AuditAction, Challenge, ChallengeKind, ChallengeStatus, Device, DeviceId, Platform, Token,
};
use crate::ports::{load, PushSender, Random, RecordType, StoreError, Write};

pub fn device_secret_hash(keys: &HashKey, secret: &Token) -> String {
    keys.hash("device-secret", secret.reveal())
}

pub struct Linked {
    pub device_id: DeviceId,
    pub secret: Token,
}

/// `POST /api/devices` (signed in): registers the push token with SNS and makes this
/// device the one the profile's pushes go to.
pub async fn link(
    ctx: &Ctx<'_>,
    rng: &dyn Random,
    push: &dyn PushSender,
    account: &Account,
    platform: Platform,
    push_token: &str,
) -> Result<Linked, FlowError> {
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
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut account = ctx.store.get_account(&account.id).await?.ok_or(FlowError::NotFound)?;
        account.device_id = Some(device.id.clone());
        let note = history(rng, now, &account.id, AuditAction::DeviceLinked, platform.as_str());
        let writes = vec![Write::UpdateAccount(account), Write::CreateRecord(device.clone().into_record()), note];
        match ctx.store.commit(writes).await {
            Ok(()) => return Ok(Linked { device_id: device.id, secret }),
            Err(StoreError::Conflict { index: 0 }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}

/// The device behind `Authorization: Device <secret>`; a wrong secret looks like no device.
pub async fn authenticate(ctx: &Ctx<'_>, id: &DeviceId, secret: Option<&Token>) -> Result<Device, FlowError> {
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
pub async fn pending(ctx: &Ctx<'_>, id: &DeviceId, secret: Option<&Token>) -> Result<Vec<Challenge>, FlowError> {
    let device = authenticate(ctx, id, secret).await?;
    Ok(ctx.store.pending_pushes(&device.id, ctx.clock.now()).await?)
}

/// `POST /api/push-requests/{id}/respond`: the app's answer, once, only from the device
/// the push went to (any other device gets 404, as for an unknown request). An approved
/// step-up is carried out in the same transaction.
pub async fn respond(
    ctx: &Ctx<'_>,
    rng: &dyn Random,
    request: &crate::domain::ChallengeId,
    secret: Option<&Token>,
    approve: bool,
    pick: Option<&str>,
) -> Result<ChallengeStatus, FlowError> {
    let secret = secret.ok_or(FlowError::DeviceRequired)?;
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut challenge = load::<Challenge>(ctx.store, request.as_str()).await?.ok_or(FlowError::NotFound)?;
        let device_id = challenge.push.as_ref().map(|p| p.device_id.clone()).ok_or(FlowError::NotFound)?;
        let device = authenticate(ctx, &device_id, Some(secret)).await.map_err(|_| FlowError::NotFound)?;
        let mut account = ctx.store.get_account(&device.account_id).await?.ok_or(FlowError::NotFound)?;
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
        let mut all = vec![Write::UpdateRecord(challenge.into_record()), Write::UpdateAccount(account)];
        all.extend(writes);
        match ctx.store.commit(all).await {
            Ok(()) => {
                tracing::info!(challenge = %request, ?status, "push answered");
                return Ok(status);
            }
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}
