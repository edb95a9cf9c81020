//! The clerk's side of one application: the view for the call (with the number to read
//! out), the call link, confirmation and rejection. Each change, its email and its audit
//! entry are one transaction; the optimistic version makes concurrent decisions safe:
//! one wins, the others re-read and are refused.

use crate::ports::Stored;
use chrono::{DateTime, Utc};

use super::application::unique_key;
use super::audit::entry;
use super::Ctx;
use super::{lost_race, FlowError, RACE_RETRIES};
use crate::domain::application::{parse_reason, Decision};
use crate::domain::attempts::{Admission, COUNTER_SEARCHES};
use crate::domain::video_app::CallLink;
use crate::domain::{
    Account, Application, ApplicationId, ApplicationStatus, AuditAction, AuditEntry, ClerkSession, FieldError, Invalid,
    OutboxMessage, Pesel,
};
use crate::ports::{AuditLog, Condition, Found, ItemKey, Random, StoreError, UniqueKind, Write};
use crate::texts;

/// The three checks of the call (docs/rules.md §1.8); confirmation needs all of them.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    pub data_confirmed: bool,
    pub rules_presented: bool,
    pub id_document_checked: bool,
}

impl Checks {
    fn missing(&self) -> Vec<FieldError> {
        [
            (self.data_confirmed, "data_confirmed", texts::field::CHECK_DATA),
            (self.rules_presented, "rules_presented", texts::field::CHECK_RULES),
            (self.id_document_checked, "id_document_checked", texts::field::CHECK_ID),
        ]
        .into_iter()
        .filter(|(done, _, _)| !done)
        .map(|(_, field, msg)| Invalid::new("check_missing", msg).for_field(field))
        .collect()
    }
}

/// An application a clerk may see (sent: code accepted, whatever happened since) and the
/// account it created (same id), in one read.
async fn load_with_account(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &ApplicationId,
) -> Result<(Application, Account), FlowError> {
    let keys = [ItemKey::Application(id.clone()), ItemKey::Account(id.clone())];
    let mut found = ctx.store.get_many(&keys).await?.into_iter();
    let app = found.next().flatten().and_then(Found::application);
    let account = found.next().flatten().and_then(Found::account);
    match (app, account) {
        (Some(app), Some(account)) if app.status != ApplicationStatus::AwaitingSmsCode => Ok((app, account)),
        _ => Err(FlowError::NotFound),
    }
}

pub struct ClerkView {
    pub application: Application,
    pub valid_until: Option<DateTime<Utc>>,
    pub audit: Vec<AuditEntry>,
}

/// `GET /api/clerk/applications/{id}`: everything for the call. Viewing personal data is
/// itself recorded in the audit trail.
pub async fn view(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    audit: &(impl AuditLog + ?Sized),
    rng: &dyn Random,
    clerk: &ClerkSession,
    id: &ApplicationId,
) -> Result<ClerkView, FlowError> {
    let (application, account) = load_with_account(ctx, id).await?;
    seen(ctx, audit, rng, clerk, application, account, None).await
}

/// Records that the clerk saw the application (and how it was found), then its trail.
async fn seen(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    audit: &(impl AuditLog + ?Sized),
    rng: &dyn Random,
    clerk: &ClerkSession,
    application: Application,
    account: Account,
    how: Option<&str>,
) -> Result<ClerkView, FlowError> {
    let mut viewed = entry(rng, ctx.clock.now(), clerk.into(), AuditAction::ApplicationViewed).on(&application.id);
    if let Some(how) = how {
        viewed = viewed.note(how);
    }
    ctx.store.commit(vec![viewed.write()]).await?;
    let audit = audit.audit_of(&application.id).await?;
    Ok(ClerkView { application, valid_until: account.valid_until, audit })
}

/// `GET /api/clerk/counter?pesel=&number=`: at a confirmation point the clerk finds the
/// application by the PESEL on the citizen's ID document and the application number the
/// citizen shows. Both must match an application that was sent; otherwise it is simply not
/// found: the same answer, after the same reads, for an unknown PESEL and a wrong number.
/// Every search is counted against the clerk's limit before it runs and leaves an entry in
/// the audit trail: a found one as a viewing "punkt potwierdzający", a miss as
/// `counter_search_missed` (with no PESEL or number in it).
pub async fn find_at_counter(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    audit: &(impl AuditLog + ?Sized),
    rng: &dyn Random,
    clerk: &ClerkSession,
    pesel: &str,
    number: &str,
) -> Result<ClerkView, FlowError> {
    let now = ctx.clock.now();
    let pesel = Pesel::parse(pesel, crate::domain::time::polish_date(now))
        .map_err(|e| FlowError::Invalid(vec![e.for_field("pesel")]))?;
    let subject = ctx.keys.hash("counter-clerk", clerk.clerk_id.as_str());
    if let Admission::Refused { retry_after } =
        super::count_attempt(ctx.attempts, now, COUNTER_SEARCHES, &subject).await?
    {
        return Err(FlowError::SourceLimit { retry_after });
    }
    let key = unique_key(ctx.keys, UniqueKind::Pesel, pesel.as_str());
    // No owner: the same second read, of an id nobody has, so a miss takes as long.
    let id = ctx.store.claim_owner(&key).await?.unwrap_or_else(ApplicationId::nobody);
    let found = match load_with_account(ctx, &id).await {
        Ok(both) => Some(both).filter(|(a, _)| a.number.matches(number)),
        Err(FlowError::NotFound) => None,
        Err(e) => return Err(e),
    };
    let Some((application, account)) = found else {
        let missed = entry(rng, now, clerk.into(), AuditAction::CounterSearchMissed).write();
        ctx.store.commit(vec![missed]).await?;
        tracing::info!(clerk = %clerk.clerk_id, "counter search found nothing");
        return Err(FlowError::NotFound);
    };
    seen(ctx, audit, rng, clerk, application, account, Some("punkt potwierdzający")).await
}

/// Runs `step` on a fresh copy of the application until its writes commit without losing
/// an optimistic-lock race (the first write must be the application's update).
async fn with_retries<T>(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &ApplicationId,
    mut step: impl FnMut(Application, Account, DateTime<Utc>) -> Result<(Vec<Write>, T), FlowError>,
) -> Result<T, FlowError> {
    for _ in 0..RACE_RETRIES {
        let (app, account) = load_with_account(ctx, id).await?;
        let (writes, out) = step(app, account, ctx.clock.now())?;
        match ctx.store.commit(writes).await {
            Ok(()) => return Ok(out),
            // Lost a race on the application or account: re-read and decide again.
            Err(StoreError::Conflict(Condition::ApplicationChanged | Condition::AccountChanged)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}

pub(crate) fn email(app: &Application, kind: &str, mail: texts::Email, now: DateTime<Utc>) -> Write {
    Write::Enqueue(OutboxMessage::email(format!("{}.{kind}", app.id), app.email.as_str(), mail.subject, mail.body, now))
}

/// `POST /api/clerk/applications/{id}/call-link`: emails the link through the outbox.
pub async fn send_call_link(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    clerk: &ClerkSession,
    id: &ApplicationId,
    url: &str,
) -> Result<(), FlowError> {
    let link = CallLink::parse(url).map_err(|e| FlowError::Invalid(vec![e.for_field("url")]))?;
    with_retries(ctx, id, |mut app, _, now| {
        let n = app.record_call_link(now)?;
        let mail = email(
            &app,
            &format!("call-link-{n}"),
            crate::letter!(app.lang, |t| t.call_link_email(&app, link.as_str())),
            now,
        );
        let audit = entry(rng, now, clerk.into(), AuditAction::CallLinkSent).on(id).write();
        Ok((vec![Write::UpdateApplication(app), mail, audit], ()))
    })
    .await
}

fn decision(clerk: &ClerkSession, at: DateTime<Utc>, reason: Option<String>) -> Decision {
    Decision { by: clerk.clerk_id.clone(), by_username: clerk.username.as_str().to_owned(), at, reason }
}

/// `POST /api/clerk/applications/{id}/confirm`: all three checks, a `submitted`
/// application; the profile becomes active for three years. Returns `valid_until`.
pub async fn confirm(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    clerk: &ClerkSession,
    id: &ApplicationId,
    checks: Checks,
) -> Result<DateTime<Utc>, FlowError> {
    let missing = checks.missing();
    if !missing.is_empty() {
        return Err(FlowError::Invalid(missing));
    }
    with_retries(ctx, id, |mut app, mut account, now| {
        app.decide(ApplicationStatus::Confirmed, decision(clerk, now, None))?;
        let valid_until = account.activate(clerk.clerk_id.clone(), now);
        let mail = email(&app, "confirmed", crate::letter!(app.lang, |t| t.confirmed_email(&app, valid_until)), now);
        let mut audit = entry(rng, now, clerk.into(), AuditAction::Confirmed).on(id);
        if app.office.is_some() {
            audit = audit.note("punkt potwierdzający");
        }
        // Decided: the phone number may serve another application.
        let phone =
            Write::Release { key: unique_key(ctx.keys, UniqueKind::Phone, app.phone.e164()), owner: app.id.clone() };
        let mut writes =
            vec![Write::UpdateApplication(app.clone()), Write::UpdateAccount(account), mail, audit.write()];
        writes.push(phone);
        // Confirmed before its call (in person at a counter): the place goes back.
        if let Some(slot) = app.slot.as_ref().filter(|s| s.start > now) {
            writes.push(Write::ReleaseSlot(slot.id.clone()));
        }
        Ok((writes, valid_until))
    })
    .await
}

/// `POST /api/clerk/applications/{id}/reject`: with a reason, emailed to the citizen;
/// frees the PESEL, username and email (and the slot's place if it is still ahead).
pub async fn reject(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    clerk: &ClerkSession,
    id: &ApplicationId,
    reason: &str,
) -> Result<(), FlowError> {
    let reason = parse_reason(reason).map_err(|e| FlowError::Invalid(vec![e.for_field("reason")]))?;
    with_retries(ctx, id, |mut app, mut account, now| {
        app.decide(ApplicationStatus::Rejected, decision(clerk, now, Some(reason.clone())))?;
        account.close();
        let mail = email(&app, "rejected", crate::letter!(app.lang, |t| t.rejected_email(&app, &reason)), now);
        let audit = entry(rng, now, clerk.into(), AuditAction::Rejected).on(id).note(reason.clone()).write();
        let mut writes = vec![Write::UpdateApplication(app.clone()), Write::UpdateAccount(account)];
        writes.extend(release_claims(ctx, &app));
        if let Some(slot) = app.slot.as_ref().filter(|s| s.start > now) {
            writes.push(Write::ReleaseSlot(slot.id.clone()));
        }
        writes.extend([mail, audit]);
        Ok((writes, ()))
    })
    .await
}

/// Frees PESEL, username, email and phone number for a new application.
pub(crate) fn release_claims(ctx: &Ctx<'_, impl Stored + ?Sized>, app: &Application) -> Vec<Write> {
    [
        (UniqueKind::Pesel, app.pesel.as_str()),
        (UniqueKind::Username, app.username.as_str()),
        (UniqueKind::Email, app.email.as_str()),
        (UniqueKind::Phone, app.phone.e164()),
    ]
    .into_iter()
    .map(|(kind, value)| Write::Release { key: unique_key(ctx.keys, kind, value), owner: app.id.clone() })
    .collect()
}
