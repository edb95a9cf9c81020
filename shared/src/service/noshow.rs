//! Applications whose call did not happen: the citizen may choose a new slot once (same
//! application, same number); otherwise the application expires seven days after the
//! missed slot and frees PESEL, username and email. The sweep also expires applications
//! never confirmed by SMS code and gives their slot's place back, and office applications
//! nobody confirmed within their 14 days.

use crate::ports::Stored;
use chrono::{DateTime, Duration, Utc};

use super::audit::entry;
use super::review::{email, release_claims};
use super::Ctx;
use super::FlowError;
use crate::crypto::constant_time_eq;
use crate::domain::application::NO_SHOW_LIFETIME;
use crate::domain::time::polish_date;
use crate::domain::{Actor, Application, ApplicationId, ApplicationStatus, AuditAction, SlotId, SlotRef, Token};
use crate::ports::{Condition, Random, Schedule, StoreError, Sweeps, Write};

pub fn rebook_token_hash(keys: &crate::crypto::HashKey, token: &str) -> String {
    keys.hash("rebook", token)
}

/// The page a no-show email links to, in the email's language; the token is in the
/// fragment, never sent in a URL.
pub fn rebook_link(public_url: &str, app: &Application, token: &Token) -> String {
    let (base, id, lang) = (public_url.trim_end_matches('/'), &app.id, app.lang);
    format!("{base}/wniosek/nowy-termin?lang={lang}#{id}.{}", token.reveal())
}

/// `POST /api/applications/{id}/rebook`: a new slot for a missed call, authorised by the
/// one-time token of the no-show email.
pub async fn rebook(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    id: &ApplicationId,
    token: &str,
    slot_id: &str,
) -> Result<Application, FlowError> {
    let now = ctx.clock.now();
    let mut app = ctx.store.get_application(id).await?.ok_or(FlowError::NotFound)?;
    let presented = rebook_token_hash(ctx.keys, token);
    let valid =
        app.review.rebook_token_hash.as_ref().is_some_and(|h| constant_time_eq(h.as_bytes(), presented.as_bytes()));
    if !valid {
        // A used, wrong or missing token and an unknown application look the same.
        return Err(FlowError::NotFound);
    }
    let slot_id = SlotId::parse(slot_id).map_err(|_| FlowError::SlotUnknown)?;
    let slot = ctx.store.get_slot(&slot_id).await?.ok_or(FlowError::SlotUnknown)?;
    slot.check_bookable(now).map_err(super::application::not_bookable)?;
    app.rebook(SlotRef::from(&slot), now)?;
    let writes = vec![
        Write::UpdateApplication(app.clone()),
        Write::BookSlot(slot.id.clone()),
        email(&app, "rebooked", crate::letter!(app.lang, |t| t.rebooked_email(&app)), now),
        entry(rng, now, Actor::Citizen, AuditAction::Rebooked).on(id).slot(&slot.id).write(),
    ];
    match ctx.store.commit(writes).await {
        Ok(()) => Ok(app),
        Err(StoreError::Conflict(Condition::SlotFull)) => Err(FlowError::SlotFull),
        // Raced with a decision, the sweep or a second tab: the token is spent or stale.
        Err(StoreError::Conflict(_)) => Err(FlowError::NotFound),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SweepReport {
    pub unverified_expired: usize,
    pub no_shows: usize,
    pub expired: usize,
    /// Profiles past their three years, closed and their claims freed.
    pub profiles_expired: usize,
    /// Expiry reminders emailed (30 and 7 days before a profile's end).
    pub reminders_sent: usize,
    /// Changes that lost a race or failed; the next run tries them again.
    pub skipped: usize,
}

/// How far back the sweep looks for missed calls: the expiry window plus a margin.
const LOOK_BACK_DAYS: i64 = NO_SHOW_LIFETIME.num_days() + 2;
/// How far back the sweep looks for office applications whose 14 days ended.
const OFFICE_LOOK_BACK_DAYS: i64 = 2;

/// The scheduled sweep (`expire-applications`, every 15 minutes; each step is idempotent).
/// It also reads what fell due (`Sweeps`) and the days' calls (`Schedule`) of the same adapter.
pub async fn sweep(
    ctx: &Ctx<'_, impl Stored + Sweeps + Schedule + ?Sized>,
    rng: &dyn Random,
    public_url: &str,
) -> Result<SweepReport, StoreError> {
    let now = ctx.clock.now();
    let mut report = SweepReport::default();
    for app in ctx.store.unverified_before(now).await? {
        count(&mut report.unverified_expired, &mut report.skipped, expire_unverified(ctx, app, now).await);
    }
    for days_back in (0..=LOOK_BACK_DAYS).rev() {
        for app in ctx.store.calls_on(polish_date(now - Duration::days(days_back))).await? {
            if app.status_at(now) == ApplicationStatus::Expired && app.status == ApplicationStatus::Submitted {
                count(&mut report.expired, &mut report.skipped, expire_missed(ctx, rng, app, now).await);
            } else if app.is_unnoticed_no_show(now) {
                count(&mut report.no_shows, &mut report.skipped, notice_no_show(ctx, rng, app, now, public_url).await);
            }
        }
    }
    // Office applications whose 14 days ended (today's list, and the last days' in case
    // a run was missed).
    for days_back in (0..=OFFICE_LOOK_BACK_DAYS).rev() {
        for app in ctx.store.office_due_on(polish_date(now - Duration::days(days_back))).await? {
            if app.status_at(now) == ApplicationStatus::Expired && app.status == ApplicationStatus::Submitted {
                count(&mut report.expired, &mut report.skipped, expire_missed(ctx, rng, app, now).await);
            }
        }
    }
    let (closed, skipped) = super::expiry::expire_profiles(ctx, rng).await?;
    report.profiles_expired = closed;
    report.skipped += skipped;
    let (reminded, skipped) = super::expiry::send_reminders(ctx, rng).await?;
    report.reminders_sent = reminded;
    report.skipped += skipped;
    Ok(report)
}

fn count(done: &mut usize, skipped: &mut usize, result: Result<(), StoreError>) {
    match result {
        Ok(()) => *done += 1,
        Err(e) => {
            tracing::warn!(error = %e, "sweep step skipped; the next run retries it");
            *skipped += 1;
        }
    }
}

/// An application never confirmed by code holds no place (places are taken only with
/// the code), and its username and phone claims lapsed with its deadline (another
/// application may already hold them, so they are not released here).
async fn expire_unverified(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    mut app: Application,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if app.expire(now).is_err() {
        return Ok(());
    }
    ctx.store.commit(vec![Write::UpdateApplication(app)]).await
}

pub(crate) async fn expire_missed(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    mut app: Application,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if app.expire(now).is_err() {
        return Ok(());
    }
    let Some(mut account) = ctx.store.get_account(&app.id).await? else { return Ok(()) };
    account.close();
    let mut writes = vec![Write::UpdateApplication(app.clone()), Write::UpdateAccount(account)];
    writes.extend(release_claims(ctx, &app));
    writes.push(email(&app, "expired", crate::letter!(app.lang, |t| t.expired_email(&app)), now));
    writes.push(entry(rng, now, Actor::System, AuditAction::Expired).on(&app.id).write());
    ctx.store.commit(writes).await
}

async fn notice_no_show(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    mut app: Application,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<(), StoreError> {
    let Some(slot_id) = app.slot.as_ref().map(|s| s.id.clone()) else { return Ok(()) };
    let token = Token::generate(rng);
    app.mark_no_show(now, Some(rebook_token_hash(ctx.keys, token.reveal())));
    let link = app.review.rebook_token_hash.is_some().then(|| rebook_link(public_url, &app, &token));
    let expires_at = app.review.expires_at.unwrap_or(now);
    // One no-show email per slot: the id names the slot.
    let kind = format!("no-show-{slot_id}");
    let writes = vec![
        Write::UpdateApplication(app.clone()),
        email(&app, &kind, crate::letter!(app.lang, |t| t.no_show_email(&app, link.as_deref(), expires_at)), now),
        entry(rng, now, Actor::System, AuditAction::NoShow).on(&app.id).slot(&slot_id).write(),
    ];
    ctx.store.commit(writes).await
}
