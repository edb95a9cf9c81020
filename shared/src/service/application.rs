//! The application flow (docs/rules.md §1.1–1.7): submit, send the SMS code, verify it.

use crate::ports::Stored;
use chrono::{DateTime, Duration, Utc};

use super::audit::entry;
use super::{argon2, lost_race, try_commit, Ctx, FlowError, RACE_RETRIES};
use crate::crypto::{constant_time_eq, HashKey};
use crate::domain::application::{Booked, Way};
use crate::domain::attempts::{CODE_SENDS_PER_SOURCE, SUBMIT_PER_SOURCE};
use crate::domain::slot::NotBookable;
use crate::domain::sms_code::{HOUR, SENDS_PER_HOUR, VALID_FOR};
use crate::domain::{
    Account, Application, ApplicationForm, ApplicationId, ApplicationNumber, ApplicationStatus, CodeError,
    IdempotencyKey, Invalid, NewApplication, OutboxMessage, SlotId, SlotRef, SmsCode, Token,
};
use crate::domain::{Actor, AuditAction};
use crate::ports::{Condition, Found, ItemKey, Random, SmsSender, StoreError, UniqueKey, UniqueKind, Write};
use crate::texts;

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

/// Application codes to the numbers of one foreign country, all applications together,
/// per 10 minutes *(ours)*: about 180 an hour, far more than the country's genuine
/// applicants, far too few for a toll-fraud run. Polish numbers have no such budget. (A
/// rate window keeps one attribute per event: 30 keeps the update expression small.)
pub const FOREIGN_SENDS: usize = 30;
pub const FOREIGN_WINDOW: Duration = Duration::minutes(10);

/// The window of codes sent to one foreign country (by its calling code), if foreign.
fn country_rate_key(phone: &crate::domain::PhoneNumber) -> Option<String> {
    (!phone.is_polish()).then(|| format!("sms-country#{}", phone.country_code()))
}

fn phone_rate_key(keys: &HashKey, app: &Application) -> String {
    format!("sms-phone#{}", keys.hash("phone", app.phone.e164()))
}

/// "Wyślij wniosek": checks every field and claims the username and the phone number
/// (one open application per number) until the SMS code is due.
///
/// Nothing here can keep anyone else out (docs/rules.md §8.4): no place in the slot is taken and the
/// PESEL and email are not claimed until the code proves the phone (`verify`), so a
/// stranger's submission neither hoards places nor learns whether a PESEL or an email has
/// a profile — the answer is the same. Submissions are limited per source address.
///
/// With an `Idempotency-Key`, the key is claimed in the same transaction, and a repeat of
/// the same submission (same PESEL, username, email and password) gets the application
/// it created, with the same browser token, instead of a second one or a "taken" error.
pub async fn submit(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    video_apps: &[String],
    request: Submission<'_>,
) -> Result<Submitted, FlowError> {
    let now = ctx.clock.now();
    let new = NewApplication::parse(request.form, crate::domain::time::polish_date(now), video_apps)
        .map_err(FlowError::Invalid)?;
    let Submission { idempotency, source, browser, lang, .. } = request;
    submit_new(ctx, rng, new, Sent { idempotency, source, browser, lang }).await
}

/// Where a submission came from, whatever its form: its `Idempotency-Key`, the client's
/// address, and the `pz_app` token of this browser's earlier application.
#[derive(Clone, Copy)]
pub struct Sent<'a> {
    pub idempotency: Option<&'a IdempotencyKey>,
    pub source: Option<std::net::IpAddr>,
    pub browser: Option<&'a Token>,
    /// The language the citizen reads: the application and the profile keep it.
    pub lang: crate::domain::Lang,
}

/// `POST /api/bank-applications`: the names and PESEL a bank or Envelo vouched for (the
/// `pz_idp` cookie's record) with the citizen's username, password, email and phone; then
/// the same SMS code step, after which the profile is active at once (`verify`).
pub async fn submit_vouched(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    vouched: &crate::domain::idp::Vouched,
    form: &crate::domain::application::VouchedForm,
    sent: Sent<'_>,
) -> Result<Submitted, FlowError> {
    let new = NewApplication::vouched(form, vouched).map_err(FlowError::Invalid)?;
    submit_new(ctx, rng, new, sent).await
}

async fn submit_new(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    new: NewApplication,
    sent: Sent<'_>,
) -> Result<Submitted, FlowError> {
    let Sent { idempotency, source, browser, lang } = sent;
    let now = ctx.clock.now();
    let repeat = idempotency.map(|k| Repeat::new(ctx.keys, k));
    // The slot (or the point) and an earlier copy's claim in one read.
    let mut keys: Vec<ItemKey> = match &new.way {
        Way::Video { slot_id, .. } => vec![ItemKey::Slot(slot_id.clone())],
        Way::Office { point_id } => vec![ItemKey::Point(point_id.clone())],
        Way::Bank(_) => Vec::new(),
    };
    let needs_place = !keys.is_empty();
    keys.extend(repeat.as_ref().map(|r| ItemKey::Claim(r.key.clone())));
    let mut found = if keys.is_empty() { Vec::new() } else { ctx.store.get_many(&keys).await? }.into_iter();
    let place = if needs_place { found.next().flatten() } else { None };
    let earlier = found.next().flatten().and_then(Found::claim_owner);
    if let Some(done) = replay(ctx, repeat.as_ref(), earlier, &new).await? {
        return Ok(done);
    }
    super::per_source(ctx.attempts, ctx.keys, now, SUBMIT_PER_SOURCE, source).await?;
    let booked = match (&new.way, place) {
        (Way::Video { video_app, .. }, Some(Found::Slot(slot))) => {
            slot.check_bookable(now).map_err(not_bookable)?;
            Booked::Video(SlotRef::from(&slot), video_app.clone())
        }
        (Way::Video { .. }, _) => return Err(FlowError::SlotUnknown),
        (Way::Office { .. }, Some(Found::Point(point))) => Booked::Office(point),
        (Way::Office { .. }, _) => {
            let unknown = Invalid::new("point_unknown", texts::field::POINT_UNKNOWN).for_field("point_id");
            return Err(FlowError::Invalid(vec![unknown]));
        }
        (Way::Bank(by), _) => Booked::Bank(by.clone()),
    };
    let password = new.password.clone();
    let password_hash = argon2(move || password.hash()).await?;

    let browser_token = match &repeat {
        Some(r) => r.browser_token.clone(),
        None => Token::generate(rng),
    };
    let ids = (ApplicationId::generate(rng), ApplicationNumber::generate(rng));
    let app = new.application(ids, booked, password_hash, browser_token_hash(ctx.keys, &browser_token), lang, now);
    let mut writes = vec![Write::CreateApplication(app.clone())];
    writes.extend(claims(ctx.keys, &app, &[UniqueKind::Username, UniqueKind::Phone], app.verify_by, now));
    if let Some(r) = &repeat {
        writes.push(Write::Reserve { key: r.key.clone(), owner: app.id.clone(), expires_at: app.verify_by, now });
    }
    let vouched = match &new.way {
        Way::Bank(by) => Some(by.record.as_str()),
        _ => None,
    };
    match commit_freeing_expired(ctx, rng, &writes, Mine { browser, vouched }).await? {
        None => Ok(Submitted { id: app.id, browser_token }),
        Some(lost) => {
            // A concurrent copy of this very submission may have won: answer as it did.
            let earlier = match &repeat {
                Some(r) => ctx.store.claim_owner(&r.key).await?,
                None => None,
            };
            if let Some(done) = replay(ctx, repeat.as_ref(), earlier, &new).await? {
                return Ok(done);
            }
            Err(lost)
        }
    }
}

/// What `POST /api/applications` was given, and where from.
#[derive(Clone, Copy)]
pub struct Submission<'a> {
    pub form: &'a ApplicationForm,
    pub idempotency: Option<&'a IdempotencyKey>,
    /// The client's address, for the per-source limit.
    pub source: Option<std::net::IpAddr>,
    /// The `pz_app` token of an earlier application from this browser, if any: a
    /// corrected form replaces it while it still waits for its code.
    pub browser: Option<&'a Token>,
    /// The language the citizen reads.
    pub lang: crate::domain::Lang,
}

pub(crate) fn not_bookable(e: NotBookable) -> FlowError {
    match e {
        NotBookable::Past => FlowError::SlotPast,
        NotBookable::TooFarAhead => FlowError::SlotTooFar,
        NotBookable::Full => FlowError::SlotFull,
    }
}

/// Commits `writes`; a uniqueness claim that fails because an expired profile still
/// holds it (docs/rules.md §4: an expired profile never locks its owner out), or an earlier
/// application of the same browser still waiting for its code, is freed at once and the
/// commit tried again. `Ok(None)` once written; `Ok(Some(error))` names the write that
/// lost: the claim taken, the slot full, or a race.
async fn commit_freeing_expired(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    writes: &[Write],
    mine: Mine<'_>,
) -> Result<Option<FlowError>, FlowError> {
    for _ in 0..=CLAIMS_OF_AN_APPLICATION {
        match ctx.store.commit(writes.to_vec()).await {
            Ok(()) => return Ok(None),
            Err(StoreError::Conflict(Condition::Taken(kind))) if kind != UniqueKind::Idempotency => {
                let Some(key) = reserved(writes, kind) else { return Err(super::lost_race()) };
                let freed =
                    super::expiry::free_if_expired(ctx, rng, key).await? || free_if_own_pending(ctx, key, mine).await?;
                if !freed {
                    return Ok(Some(FlowError::Taken(kind)));
                }
            }
            Err(StoreError::Conflict(Condition::Taken(kind))) => return Ok(Some(FlowError::Taken(kind))),
            Err(StoreError::Conflict(Condition::SlotFull)) => return Ok(Some(FlowError::SlotFull)),
            Err(StoreError::Conflict(_)) => return Ok(Some(super::lost_race())),
            Err(e) => return Err(e.into()),
        }
    }
    Err(super::lost_race())
}

/// The claim of this kind among `writes`.
fn reserved(writes: &[Write], kind: UniqueKind) -> Option<&UniqueKey> {
    writes.iter().find_map(|w| match w {
        Write::Reserve { key, .. } if key.kind == kind => Some(key),
        _ => None,
    })
}

/// PESEL, username, email, phone.
const CLAIMS_OF_AN_APPLICATION: usize = 4;

/// What shows that an earlier application waiting for its code is this citizen's own: the
/// `pz_app` token of the browser that sent it, or the vouched identity both came from.
#[derive(Clone, Copy, Default)]
struct Mine<'a> {
    browser: Option<&'a Token>,
    /// The key of the vouched identity's record (`/wniosek/bank`).
    vouched: Option<&'a str>,
}

/// Withdraws the application holding `key` if it is this citizen's own (`Mine`) and still
/// waits for its code (the citizen corrected the form, e.g. the email, and sent it again);
/// it frees its username and phone. `true` if the claim may be tried again.
async fn free_if_own_pending(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    key: &UniqueKey,
    mine: Mine<'_>,
) -> Result<bool, FlowError> {
    if mine.browser.is_none() && mine.vouched.is_none() {
        return Ok(false);
    }
    let Some(owner) = ctx.store.claim_owner(key).await? else { return Ok(true) };
    let Some(mut earlier) = ctx.store.get_application(&owner).await? else { return Ok(false) };
    let same_browser = mine.browser.is_some_and(|token| {
        constant_time_eq(browser_token_hash(ctx.keys, token).as_bytes(), earlier.browser_token_hash.as_bytes())
    });
    let same_vouched = match (mine.vouched, &earlier.vouched_by) {
        (Some(record), Some(by)) => !record.is_empty() && constant_time_eq(record.as_bytes(), by.record.as_bytes()),
        _ => false,
    };
    if !(same_browser || same_vouched) || earlier.withdraw().is_err() {
        return Ok(false);
    }
    let mut writes = vec![Write::UpdateApplication(earlier.clone())];
    for kind in [UniqueKind::Username, UniqueKind::Phone] {
        if let Some(value) = claimed_value(&earlier, kind) {
            writes.push(Write::Release { key: unique_key(ctx.keys, kind, value), owner: earlier.id.clone() });
        }
    }
    tracing::info!(application = %earlier.id, "replaced by a corrected form from the same browser");
    // Lost to a concurrent change: the caller's retry reads the claim again.
    try_commit(ctx.store, writes).await.map(|_| true)
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

/// The application an earlier copy of this submission created (`earlier`: the owner of
/// the key's claim), if there is one. A key used for a different person, or with another
/// password, is refused; so is one whose application has moved on (the SMS code was
/// confirmed, or it expired).
async fn replay(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    repeat: Option<&Repeat>,
    earlier: Option<ApplicationId>,
    new: &NewApplication,
) -> Result<Option<Submitted>, FlowError> {
    let (Some(repeat), Some(owner)) = (repeat, earlier) else { return Ok(None) };
    let Some(app) = ctx.store.get_application(&owner).await? else { return Ok(None) };
    let same_person = app.pesel == new.pesel
        && app.username == new.username
        && app.email == new.email
        && app.vouched_by.is_some() == matches!(new.way, Way::Bank(_));
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

/// The uniqueness claims of these kinds for an application.
fn claims(
    keys: &HashKey,
    app: &Application,
    kinds: &[UniqueKind],
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Write> {
    kinds
        .iter()
        .filter_map(|&kind| {
            let value = claimed_value(app, kind)?;
            Some(Write::Reserve { key: unique_key(keys, kind, value), owner: app.id.clone(), expires_at, now })
        })
        .collect()
}

/// The value of an application a claim of this kind is about (an idempotency key is
/// not one of its values).
pub(crate) fn claimed_value(app: &Application, kind: UniqueKind) -> Option<&str> {
    match kind {
        UniqueKind::Pesel => Some(app.pesel.as_str()),
        UniqueKind::Username => Some(app.username.as_str()),
        UniqueKind::Email => Some(app.email.as_str()),
        UniqueKind::Phone => Some(app.phone.e164()),
        UniqueKind::Idempotency => None,
    }
}

/// Loads an application for the browser that started it (its `pz_app` token).
/// An unknown id and someone else's application look the same: 404.
pub async fn load_owned(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &ApplicationId,
    token: Option<&Token>,
) -> Result<Application, FlowError> {
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

/// Sends (or re-sends) the SMS code, within the per-application and per-phone limits;
/// codes asked for from one address (`source`, when known) are limited too, across
/// applications (docs/rules.md §8.5).
pub async fn send_code(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    id: &ApplicationId,
    browser: (Option<&Token>, Option<std::net::IpAddr>),
) -> Result<CodeSent, FlowError> {
    let (token, source) = browser;
    let (phone, lang, code) = issue_code(ctx, rng, id, token, source).await?;
    if let Err(e) = sms.send_sms(&phone, &crate::letter!(lang, |t| t.sms_code(code.reveal()))).await {
        tracing::warn!(application = %id, error = %e, source = %super::delivery::provider_error(&e), "SMS not sent");
        return Err(FlowError::SmsUnavailable);
    }
    Ok(CodeSent { masked_phone: phone.masked(), expires_in: VALID_FOR })
}

/// A new code on the application, one more send on its phone's window and one more code
/// asked for from `source` (docs/rules.md §8.5), in one transaction after one read, before
/// the SMS goes out. The windows are counted by conditional writes, not read first
/// (`Write::CountRate`, `Write::CountAttempt`); one is read only to say how long to wait.
async fn issue_code(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    id: &ApplicationId,
    token: Option<&Token>,
    mut source: Option<std::net::IpAddr>,
) -> Result<(crate::domain::PhoneNumber, crate::domain::Lang, SmsCode), FlowError> {
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut app = load_owned(ctx, id, token).await?;
        require_awaiting_code(&app, now)?;
        let code = SmsCode::generate(rng);
        app.code.issue(now, code_hash(ctx.keys, id, &code))?;
        let rate_key = phone_rate_key(ctx.keys, &app);
        let count = Write::CountRate { key: rate_key.clone(), limit: SENDS_PER_HOUR, period: HOUR, now };
        let mut writes = vec![Write::UpdateApplication(app.clone()), count];
        // Codes to another country's numbers cost more and are the toll-fraud target: a
        // budget per country code for all applications together (docs/rules.md §8.5).
        let country_key = country_rate_key(&app.phone);
        if let Some(key) = &country_key {
            writes.push(Write::CountRate { key: key.clone(), limit: FOREIGN_SENDS, period: FOREIGN_WINDOW, now });
        }
        if let Some(ip) = source {
            let (limit, subject) = (CODE_SENDS_PER_SOURCE, super::source_subject(ctx.keys, ip));
            writes.push(Write::CountAttempt { key: limit.key(&subject), limit, now, spare: 0 });
        }
        match ctx.store.commit(writes).await {
            Ok(()) => return Ok((app.phone, app.lang, code)),
            Err(StoreError::Conflict(Condition::AttemptsSpent)) => {
                // Refused with the time to wait, or (its oldest just left) counted now.
                super::per_source(ctx.attempts, ctx.keys, now, CODE_SENDS_PER_SOURCE, source).await?;
                source = None;
            }
            Err(StoreError::Conflict(Condition::RateFull)) => {
                let mut window = ctx.store.get_rate(&rate_key).await?;
                let mut retry_after = window.admit(now, SENDS_PER_HOUR, HOUR).err();
                if let (None, Some(key)) = (retry_after, &country_key) {
                    let mut window = ctx.store.get_rate(key).await?;
                    retry_after = window.admit(now, FOREIGN_SENDS, FOREIGN_WINDOW).err();
                    tracing::warn!(country = key.as_str(), "the hourly budget of codes to one country is spent");
                }
                let retry_after = retry_after.unwrap_or(Duration::seconds(1));
                return Err(CodeError::TooManySends { retry_after }.into());
            }
            // Lost a race on the application: read it again.
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}

/// "Dalej": checks the code; on success, in one transaction, the application is sent,
/// the account created, PESEL, username and email claimed for good, a place in the slot
/// taken (only now: docs/rules.md §8.4) and both emails queued.
///
/// Only now, with the phone proven, may the answer say that the PESEL or the email
/// already has a profile or an open application (docs/rules.md §1.6, §8.4); the email's owner is told
/// someone used it. A slot that filled up meanwhile answers `slot_full`, and the citizen
/// sends the code again with another `slot_id`.
pub async fn verify(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    id: &ApplicationId,
    token: Option<&Token>,
    code: &SmsCode,
    new_slot: Option<&str>,
) -> Result<Verified, FlowError> {
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut app = load_owned(ctx, id, token).await?;
        require_awaiting_code(&app, now)?;
        let chosen = match new_slot {
            // An office or a vouched application has no slot to choose.
            Some(_) if app.slot.is_none() => return Err(FlowError::SlotUnknown),
            Some(slot_id) => {
                let slot_id = SlotId::parse(slot_id).map_err(|_| FlowError::SlotUnknown)?;
                let slot = ctx.store.get_slot(&slot_id).await?.ok_or(FlowError::SlotUnknown)?;
                slot.check_bookable(now).map_err(not_bookable)?;
                Some(SlotRef::from(&slot))
            }
            None => None,
        };
        let before = app.code.clone();
        let checked = app.code.check(now, &code_hash(ctx.keys, id, code));
        let mut valid_until = None;
        let writes = match checked {
            Ok(()) => {
                if let Some(slot) = chosen {
                    app.slot = Some(slot);
                }
                let (writes, until) = submitted_writes(ctx.keys, rng, &mut app, now)?;
                valid_until = until;
                writes
            }
            // Wrong tries are remembered even though the answer is an error.
            Err(_) if app.code != before => vec![Write::UpdateApplication(app.clone())],
            Err(other) => return Err(other.into()),
        };
        match commit_freeing_expired(ctx, rng, &writes, Mine::default()).await? {
            None => return checked.map(|()| Verified { status: app.status, valid_until }).map_err(FlowError::from),
            // Lost a race on the application itself: read it again.
            Some(FlowError::Busy) => continue,
            Some(FlowError::Taken(UniqueKind::Email)) => {
                tell_the_email_owner(ctx, &app, now).await?;
                return Err(FlowError::Taken(UniqueKind::Email));
            }
            // The username or phone claim made at submission was taken over: the
            // application had expired.
            Some(FlowError::Taken(UniqueKind::Username | UniqueKind::Phone)) => return Err(FlowError::Expired),
            Some(other) => return Err(other),
        }
    }
    Err(lost_race())
}

/// What "Dalej" made of the application: sent to the clerks (`submitted`), or, vouched
/// for by a bank or Envelo, a profile active until `valid_until` (`confirmed`).
pub struct Verified {
    pub status: ApplicationStatus,
    pub valid_until: Option<DateTime<Utc>>,
}

/// Someone who proved a phone applied with an email address a profile already uses: its
/// owner gets one email per application (login.gov's way).
async fn tell_the_email_owner(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    app: &Application,
    now: DateTime<Utc>,
) -> Result<(), FlowError> {
    let owner_lang = email_owner_lang(ctx, app).await;
    let mail = crate::letter!(owner_lang, |t| t.email_in_use_email());
    let message =
        OutboxMessage::email(format!("{}.email-in-use", app.id), app.email.as_str(), mail.subject, mail.body, now);
    match ctx.store.commit(vec![Write::Enqueue(message)]).await {
        // Told already (the code was sent again).
        Ok(()) | Err(StoreError::Conflict(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The language of the profile (or open application) that holds the address: the email is
/// for its owner, not for the one who applied. Polish when it cannot be read.
async fn email_owner_lang(ctx: &Ctx<'_, impl Stored + ?Sized>, app: &Application) -> crate::domain::Lang {
    let key = unique_key(ctx.keys, UniqueKind::Email, app.email.as_str());
    let Ok(Some(owner)) = ctx.store.claim_owner(&key).await else { return Default::default() };
    match ctx.store.get_account(&owner).await {
        Ok(Some(account)) => account.lang,
        _ => ctx.store.get_application(&owner).await.ok().flatten().map(|a| a.lang).unwrap_or_default(),
    }
}

/// The code accepted: the application is sent (or, vouched for, confirmed at once), its
/// account created, the claims taken, the place booked and both emails queued; with the
/// profile's end of validity when it is active already.
fn submitted_writes(
    keys: &HashKey,
    rng: &dyn Random,
    app: &mut Application,
    now: DateTime<Utc>,
) -> Result<(Vec<Write>, Option<DateTime<Utc>>), FlowError> {
    let password_hash = app.submit(now).map_err(|_| FlowError::WrongState)?;
    let mut account = Account::from_application(app, password_hash, now);
    let valid_until = match app.vouched_by.clone() {
        Some(by) => {
            app.confirm_vouched().map_err(|_| FlowError::WrongState)?;
            Some(account.activate_vouched(&by.name, now))
        }
        None => None,
    };
    let created = crate::letter!(app.lang, |t| t.account_created_email(app));
    let sent = match valid_until {
        Some(until) => crate::letter!(app.lang, |t| t.vouched_profile_active_email(app, until)),
        None => crate::letter!(app.lang, |t| t.application_sent_email(app)),
    };
    let mut writes = vec![Write::UpdateApplication(app.clone()), Write::CreateAccount(account)];
    // PESEL, username and email for good (a decision or expiry frees them); the phone
    // while the application is open (an active profile's number may serve another).
    let mut kinds = vec![UniqueKind::Pesel, UniqueKind::Username, UniqueKind::Email];
    match &app.vouched_by {
        None => kinds.push(UniqueKind::Phone),
        Some(by) => {
            writes.push(Write::Release {
                key: unique_key(keys, UniqueKind::Phone, app.phone.e164()),
                owner: app.id.clone(),
            });
            if !by.record.is_empty() {
                // The vouched identity made its profile: it shows no more.
                writes.push(Write::DeleteRecord(crate::ports::RecordKey {
                    kind: crate::ports::RecordKind::Vouched,
                    id: by.record.clone(),
                }));
            }
            let note = format!("bank lub Envelo: {}", by.name);
            writes.push(entry(rng, now, Actor::System, AuditAction::Confirmed).on(&app.id).note(note.clone()).write());
            writes.push(super::signin::history(rng, now, &app.id, AuditAction::Confirmed, &note));
        }
    }
    writes.extend(claims(keys, app, &kinds, None, now));
    if let Some(slot) = &app.slot {
        writes.push(Write::BookSlot(slot.id.clone()));
    }
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
    Ok((writes, valid_until))
}

/// What the citizen's browser may see of its application.
pub async fn status(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &ApplicationId,
    token: Option<&Token>,
) -> Result<Application, FlowError> {
    load_owned(ctx, id, token).await
}

/// The same for the signed-in owner of the account the application created (an account
/// has its application's id): the browser that applied may be long gone. Anyone else's
/// application is 404, as for a wrong `pz_app`.
pub async fn status_for_owner(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    id: &ApplicationId,
    owner: &Account,
) -> Result<Application, FlowError> {
    if owner.id != *id {
        return Err(FlowError::NotFound);
    }
    ctx.store.get_application(id).await?.ok_or(FlowError::NotFound)
}
