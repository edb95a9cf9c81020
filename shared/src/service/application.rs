//! The application flow (SPEC 1, steps 1–7): submit, send the SMS code, verify it.

use chrono::{DateTime, Duration, Utc};

use super::{argon2, lost_race, try_commit, FlowError, RACE_RETRIES};
use crate::crypto::{constant_time_eq, HashKey};
use crate::domain::application::UNVERIFIED_LIFETIME;
use crate::domain::sms_code::{HOUR, SENDS_PER_HOUR, VALID_FOR};
use crate::domain::{
    Account, Application, ApplicationForm, ApplicationId, ApplicationNumber, ApplicationStatus, CodeError, CodeGuard, IdempotencyKey,
    NewApplication, OutboxMessage, SlotRef, SmsCode, Token,
};
use crate::ports::{Clock, Random, SmsSender, Store, StoreError, UniqueKey, UniqueKind, Write};
use crate::texts;

/// The secrets and clock every step uses.
pub struct Ctx<'a> {
    pub store: &'a dyn Store,
    pub clock: &'a dyn Clock,
    pub keys: &'a HashKey,
}

pub struct Submitted {
    pub id: ApplicationId,
    pub browser_token: Token,
}

pub struct CodeSent {
    pub masked_phone: String,
    pub expires_in: Duration,
}

pub fn unique_key(keys: &HashKey, kind: UniqueKind, value: &str) -> UniqueKey {
    UniqueKey { kind, hash: keys.hash(kind.as_str(), value) }
}

pub fn code_hash(keys: &HashKey, id: &ApplicationId, code: &SmsCode) -> String {
    keys.hash("application-sms-code", &format!("{id}:{}", code.reveal()))
}

pub fn browser_token_hash(keys: &HashKey, token: &Token) -> String {
    keys.hash("application-browser", token.reveal())
}

/// The CSRF token bound to the browser token (signed double-submit).
pub fn csrf_token(keys: &HashKey, token: &Token) -> String {
    keys.hash("application-csrf", token.reveal())[..32].to_owned()
}

fn phone_rate_key(keys: &HashKey, app: &Application) -> String {
    format!("sms-phone#{}", keys.hash("phone", app.phone.e164()))
}

/// "Wyślij wniosek": checks every field, books the slot and claims PESEL, username and
/// email in one transaction.
///
/// With an `Idempotency-Key`, the key is claimed in the same transaction, and a repeat of
/// the same submission (same PESEL, username, email and password) gets the application
/// it created, with the same browser token, instead of a second one or a "taken" error.
pub async fn submit(
    ctx: &Ctx<'_>,
    rng: &dyn Random,
    video_apps: &[String],
    form: &ApplicationForm,
    idempotency: Option<&IdempotencyKey>,
) -> Result<Submitted, FlowError> {
    let now = ctx.clock.now();
    let new = NewApplication::parse(form, crate::domain::time::polish_date(now), video_apps).map_err(FlowError::Invalid)?;
    let repeat = idempotency.map(|k| Repeat::new(ctx.keys, k));
    if let Some(done) = replay(ctx, repeat.as_ref(), &new).await? {
        return Ok(done);
    }
    let slot = ctx.store.get_slot(&new.slot_id).await?.ok_or(FlowError::SlotUnknown)?;
    if slot.start <= now {
        return Err(FlowError::SlotPast);
    }
    if slot.free() == 0 {
        return Err(FlowError::SlotFull);
    }
    let password = new.password.clone();
    let password_hash = argon2(move || password.hash()).await?;

    let browser_token = match &repeat {
        Some(r) => r.browser_token.clone(),
        None => Token::generate(rng),
    };
    let app = Application {
        id: ApplicationId::generate(rng),
        number: ApplicationNumber::generate(rng),
        status: ApplicationStatus::AwaitingSmsCode,
        username: new.username.clone(),
        password_hash: Some(password_hash),
        first_name: new.first_name.clone(),
        second_name: new.second_name.clone(),
        last_name: new.last_name.clone(),
        pesel: new.pesel.clone(),
        email: new.email.clone(),
        phone: new.phone.clone(),
        slot: SlotRef::from(&slot),
        video_app: new.video_app.clone(),
        created_at: now,
        verify_by: Some(now + UNVERIFIED_LIFETIME),
        submitted_at: None,
        browser_token_hash: browser_token_hash(ctx.keys, &browser_token),
        code: CodeGuard::default(),
        review: Default::default(),
        version: 0,
    };
    let claims = claims(ctx.keys, &app, app.verify_by, now);
    let mut writes = vec![Write::CreateApplication(app.clone())];
    writes.extend(claims);
    writes.push(Write::BookSlot(slot.id.clone()));
    if let Some(r) = &repeat {
        writes.push(Write::Reserve { key: r.key.clone(), owner: app.id.clone(), expires_at: app.verify_by, now });
    }
    // A claim held by a profile whose three years have passed is freed at once and the
    // submission goes through (SPEC 8: an expired profile never locks its owner out).
    for _ in 0..CLAIMS_OF_AN_APPLICATION + 1 {
        match ctx.store.commit(writes.clone()).await {
            Ok(()) => return Ok(Submitted { id: app.id, browser_token }),
            Err(StoreError::Conflict { index }) => {
                // A concurrent copy of this very submission may have won: answer as it did.
                if let Some(done) = replay(ctx, repeat.as_ref(), &new).await? {
                    return Ok(done);
                }
                let freed = match writes.get(index) {
                    Some(Write::Reserve { key, .. }) if key.kind != UniqueKind::Idempotency => {
                        super::expiry::free_if_expired(ctx, rng, key).await?
                    }
                    _ => false,
                };
                if !freed {
                    return Err(conflict_error(index));
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(super::lost_race())
}

/// PESEL, username, email.
const CLAIMS_OF_AN_APPLICATION: usize = 3;

/// What a failed submit transaction's first failing write means.
fn conflict_error(index: usize) -> FlowError {
    match index {
            1 => FlowError::Taken(UniqueKind::Pesel),
            2 => FlowError::Taken(UniqueKind::Username),
            3 => FlowError::Taken(UniqueKind::Email),
        4 => FlowError::SlotFull,
        // A 130-bit id collision, or a key claimed by a submission since deleted: the
        // request may simply be sent again.
        _ => FlowError::Store(StoreError::Conflict { index }),
    }
}

/// A submission sent with an `Idempotency-Key`: the claim it makes and the browser token
/// it hands out, both derived from the key with the service's secret, so every copy of
/// the request gets the same token and none needs a write.
struct Repeat {
    key: UniqueKey,
    browser_token: Token,
}

impl Repeat {
    fn new(keys: &HashKey, k: &IdempotencyKey) -> Self {
        Self {
            key: unique_key(keys, UniqueKind::Idempotency, k.as_str()),
            browser_token: Token::from_cookie(&keys.hash("application-browser-repeat", k.as_str())[..32]),
        }
    }
}

/// The application an earlier copy of this submission created, if there is one. A key
/// used for a different person, or with another password, is refused; so is one whose
/// application has moved on (the SMS code was confirmed, or it expired).
async fn replay(ctx: &Ctx<'_>, repeat: Option<&Repeat>, new: &NewApplication) -> Result<Option<Submitted>, FlowError> {
    let Some(repeat) = repeat else { return Ok(None) };
    let Some(owner) = ctx.store.claim_owner(&repeat.key).await? else { return Ok(None) };
    let Some(app) = ctx.store.get_application(&owner).await? else { return Ok(None) };
    let same_person = app.pesel == new.pesel && app.username == new.username && app.email == new.email;
    if !same_person {
        return Err(FlowError::IdempotencyKeyReused);
    }
    // Confirmed by SMS code (the hash has moved to the account) or expired: say so.
    require_awaiting_code(&app, ctx.clock.now())?;
    let Some(hash) = app.password_hash.clone() else { return Err(FlowError::IdempotencyKeyReused) };
    let candidate = new.password.clone();
    if !argon2(move || candidate.matches(&hash)).await? {
        return Err(FlowError::IdempotencyKeyReused);
    }
    Ok(Some(Submitted { id: app.id, browser_token: repeat.browser_token.clone() }))
}

/// The three uniqueness claims, in this order: PESEL, username, email.
fn claims(keys: &HashKey, app: &Application, expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Vec<Write> {
    [
        (UniqueKind::Pesel, app.pesel.as_str()),
        (UniqueKind::Username, app.username.as_str()),
        (UniqueKind::Email, app.email.as_str()),
    ]
    .into_iter()
    .map(|(kind, value)| Write::Reserve { key: unique_key(keys, kind, value), owner: app.id.clone(), expires_at, now })
    .collect()
}

/// Loads an application for the browser that started it (its `pz_app` token).
/// An unknown id and someone else's application look the same: 404.
pub async fn load_owned(ctx: &Ctx<'_>, id: &ApplicationId, token: Option<&Token>) -> Result<Application, FlowError> {
    let token = token.ok_or(FlowError::NotAuthorised)?;
    let app = ctx.store.get_application(id).await?.ok_or(FlowError::NotFound)?;
    let presented = browser_token_hash(ctx.keys, token);
    if constant_time_eq(presented.as_bytes(), app.browser_token_hash.as_bytes()) {
        Ok(app)
    } else {
        Err(FlowError::NotFound)
    }
}

fn require_awaiting_code(app: &Application, now: DateTime<Utc>) -> Result<(), FlowError> {
    match app.status_at(now) {
        ApplicationStatus::AwaitingSmsCode => Ok(()),
        ApplicationStatus::Expired => Err(FlowError::Expired),
        ApplicationStatus::Submitted => Err(FlowError::AlreadySubmitted),
        _ => Err(FlowError::WrongState),
    }
}

/// Sends (or re-sends) the SMS code, within the per-application and per-phone limits.
pub async fn send_code(
    ctx: &Ctx<'_>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    id: &ApplicationId,
    token: Option<&Token>,
) -> Result<CodeSent, FlowError> {
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut app = load_owned(ctx, id, token).await?;
        require_awaiting_code(&app, now)?;
        let rate_key = phone_rate_key(ctx.keys, &app);
        let mut phone_rate = ctx.store.get_rate(&rate_key).await?;
        let code = SmsCode::generate(rng);
        app.code.issue(now, code_hash(ctx.keys, id, &code))?;
        phone_rate
            .value
            .admit(now, SENDS_PER_HOUR, HOUR)
            .map_err(|retry_after| CodeError::TooManySends { retry_after })?;
        let writes = vec![
            Write::UpdateApplication(app.clone()),
            Write::PutRate { key: rate_key, window: phone_rate.value, version: phone_rate.version },
        ];
        if !try_commit(ctx.store, writes).await? {
            continue;
        }
        if let Err(e) = sms.send_sms(&app.phone, &texts::sms_code(code.reveal())).await {
            tracing::warn!(application = %id, error = %e, source = %super::delivery::provider_error(&e), "SMS not sent");
            return Err(FlowError::SmsUnavailable);
        }
        return Ok(CodeSent { masked_phone: app.phone.masked(), expires_in: VALID_FOR });
    }
    Err(lost_race())
}

/// "Dalej": checks the code; on success the application is sent, the account created and
/// both emails queued — all in one transaction.
pub async fn verify(
    ctx: &Ctx<'_>,
    id: &ApplicationId,
    token: Option<&Token>,
    code: &SmsCode,
) -> Result<ApplicationStatus, FlowError> {
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut app = load_owned(ctx, id, token).await?;
        require_awaiting_code(&app, now)?;
        let before = app.code.clone();
        let checked = app.code.check(now, &code_hash(ctx.keys, id, code));
        let writes = match checked {
            Ok(()) => submitted_writes(ctx.keys, &mut app, now)?,
            // Wrong tries are remembered even though the answer is an error.
            Err(_) if app.code != before => vec![Write::UpdateApplication(app.clone())],
            Err(other) => return Err(other.into()),
        };
        match ctx.store.commit(writes).await {
            Ok(()) => return checked.map(|()| ApplicationStatus::Submitted).map_err(FlowError::from),
            Err(StoreError::Conflict { index: 0 }) => continue,
            // A claim was taken over: the application had expired.
            Err(StoreError::Conflict { .. }) => return Err(FlowError::Expired),
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}

fn submitted_writes(keys: &HashKey, app: &mut Application, now: DateTime<Utc>) -> Result<Vec<Write>, FlowError> {
    let password_hash = app.password_hash.take().ok_or(FlowError::WrongState)?;
    app.status = ApplicationStatus::Submitted;
    app.submitted_at = Some(now);
    app.verify_by = None;
    let account = Account::from_application(app, password_hash, now);
    let created = texts::account_created_email(app);
    let sent = texts::application_sent_email(app);
    let mut writes = vec![Write::UpdateApplication(app.clone()), Write::CreateAccount(account)];
    writes.extend(claims(keys, app, None, now));
    writes.push(Write::Enqueue(OutboxMessage::email(
        format!("{}.account-created", app.id),
        app.email.as_str(),
        created.subject,
        created.body,
        now,
    )));
    writes.push(Write::Enqueue(OutboxMessage::email(
        format!("{}.application-sent", app.id),
        app.email.as_str(),
        sent.subject,
        sent.body,
        now,
    )));
    Ok(writes)
}

/// What the citizen's browser may see of its application.
pub async fn status(ctx: &Ctx<'_>, id: &ApplicationId, token: Option<&Token>) -> Result<Application, FlowError> {
    load_owned(ctx, id, token).await
}

/// The same for the signed-in owner of the account the application created (an account
/// has its application's id): the browser that applied may be long gone. Anyone else's
/// application is 404, as for a wrong `pz_app`.
pub async fn status_for_owner(ctx: &Ctx<'_>, id: &ApplicationId, owner: &Account) -> Result<Application, FlowError> {
    if owner.id != *id {
        return Err(FlowError::NotFound);
    }
    ctx.store.get_application(id).await?.ok_or(FlowError::NotFound)
}
