//! Clerk accounts (created by the operator's command), sign-in with a password and a
//! TOTP code under limits that slow down rather than lock, sessions that a reset or a
//! disable ends.

use crate::ports::Stored;
use chrono::{DateTime, Utc};

use super::audit::entry;
use super::Ctx;
use super::{argon2, count_attempt, count_together, try_commit, until_committed, FlowError, Step};
use crate::crypto::HashKey;
use crate::domain::attempts::Admission;
use crate::domain::clerk::{SlowDown, PER_ACCOUNT, PER_ACCOUNT_FROM_SOURCE, PER_SOURCE, TOTP_CHECKS};
use crate::domain::totp::TotpSecret;
use crate::domain::IdleSession;
use crate::domain::{Actor, AuditAction, Clerk, ClerkId, ClerkSession, Password, PasswordHash, Token, Username};
use crate::ports::{Attempts, Random, StoreError, UniqueKind, Write};

/// Verified when the username (or a citizen's login) is unknown, so that both answers
/// take the same time.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$cHotZHVtbXktc2FsdC0xNg$r1YxXbEiiiALgxdhLbBg94fT6IRu8/c3lwxsairxWdU";

/// What the TOTP secret is sealed for (`HashKey::seal`), bound to the clerk's id.
const TOTP_PURPOSE: &str = "clerk-totp-secret";

pub fn session_hash(keys: &HashKey, token: &Token) -> String {
    keys.hash("clerk-session", token.reveal())
}

/// The CSRF token of a clerk session (signed double-submit, like the application's).
pub fn csrf_token(keys: &HashKey, token: &Token) -> String {
    keys.hash("clerk-csrf", token.reveal())[..32].to_owned()
}

/// Checks a password on the blocking pool (argon2 never runs on the async executor).
pub(crate) async fn verify(hash: PasswordHash, candidate: &str) -> Result<bool, FlowError> {
    let candidate = candidate.to_owned();
    argon2(move || hash.verify(&candidate)).await
}

async fn hash_password(username: &Username, password: &str) -> Result<PasswordHash, FlowError> {
    let password =
        Password::parse(password, Some(username)).map_err(|e| FlowError::Invalid(vec![e.for_field("password")]))?;
    argon2(move || password.hash()).await
}

fn parse_username(username: &str) -> Result<Username, FlowError> {
    Username::parse(username).map_err(|e| FlowError::Invalid(vec![e.for_field("username")]))
}

fn seal_totp(keys: &HashKey, rng: &dyn Random, clerk: &ClerkId, secret: &TotpSecret) -> crate::crypto::Sealed {
    keys.seal(TOTP_PURPOSE, clerk.as_str(), secret.bytes(), rng)
}

/// The clerk's TOTP secret; `None` when there is none or it does not open (sealed with
/// another key): the clerk then cannot sign in, and the operator issues a new one.
fn open_totp(keys: &HashKey, clerk: &Clerk) -> Option<TotpSecret> {
    let opened = keys.open(TOTP_PURPOSE, clerk.id.as_str(), clerk.totp.as_ref()?);
    if opened.is_none() {
        tracing::error!(clerk = %clerk.id, "TOTP secret does not open with this key");
    }
    TotpSecret::from_bytes(&opened?)
}

/// A new clerk and the TOTP secret to show them once.
pub struct NewClerk {
    pub clerk: Clerk,
    pub totp: TotpSecret,
}

/// The operator's command: a new clerk with a password that follows the citizens' rules
/// and a new TOTP secret.
pub async fn create_clerk(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    username: &str,
    password: &str,
) -> Result<NewClerk, FlowError> {
    create_clerk_with_totp(ctx, rng, username, password, TotpSecret::generate(rng)).await
}

/// `create_clerk` with a given TOTP secret (local mode's demo clerk, tests).
pub async fn create_clerk_with_totp(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    username: &str,
    password: &str,
    totp: TotpSecret,
) -> Result<NewClerk, FlowError> {
    let username = parse_username(username)?;
    let hash = hash_password(&username, password).await?;
    let mut clerk = Clerk::new(ClerkId::generate(rng), username, hash, ctx.clock.now());
    clerk.totp = Some(seal_totp(ctx.keys, rng, &clerk.id, &totp));
    match ctx.store.commit(vec![Write::CreateClerk(clerk.clone())]).await {
        Ok(()) => Ok(NewClerk { clerk, totp }),
        Err(StoreError::Conflict(_)) => Err(FlowError::Taken(UniqueKind::Username)),
        Err(e) => Err(e.into()),
    }
}

/// The operator's command: a new password. Ends the clerk's sessions and lets them
/// try at once (the account's sign-in limits are cleared).
pub async fn reset_password(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    username: &str,
    password: &str,
) -> Result<(), FlowError> {
    let username = parse_username(username)?;
    let hash = hash_password(&username, password).await?;
    let clear = account_limit_keys(ctx.keys, &username);
    update_clerk_ending_sessions(ctx, &username, clear, |c| c.password_hash = hash.clone()).await
}

/// The operator's command: a new TOTP secret (the old one stops working), to show once.
/// Ends the clerk's sessions.
pub async fn reset_totp(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    username: &str,
) -> Result<TotpSecret, FlowError> {
    let username = parse_username(username)?;
    let totp = TotpSecret::generate(rng);
    let clear = account_limit_keys(ctx.keys, &username);
    update_clerk_ending_sessions(ctx, &username, clear, |c| {
        c.totp = Some(seal_totp(ctx.keys, rng, &c.id, &totp));
        c.last_totp_step = None;
    })
    .await?;
    Ok(totp)
}

/// The operator's command: the clerk can no longer sign in (and answers like an unknown
/// username); their sessions end now.
pub async fn disable(ctx: &Ctx<'_, impl Stored + ?Sized>, username: &str) -> Result<(), FlowError> {
    let username = parse_username(username)?;
    update_clerk_ending_sessions(ctx, &username, Vec::new(), |c| c.disabled = true).await
}

/// Changes a clerk and ends every session listed on it, in one transaction conditioned
/// on the clerk's version: a sign-in that adds a session at the same time either comes
/// first (and its session is ended here, after a re-read) or fails.
async fn update_clerk_ending_sessions(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    username: &Username,
    clear: Vec<String>,
    change: impl Fn(&mut Clerk),
) -> Result<(), FlowError> {
    let (change, clear) = (&change, &clear);
    let (clerk, ended) = until_committed(ctx.store, || async move {
        let mut clerk = ctx.store.get_clerk(username).await?.ok_or(FlowError::NotFound)?;
        change(&mut clerk);
        let ended = clerk.end_sessions();
        let mut writes = vec![Write::UpdateClerk(clerk.clone())];
        writes.extend(ended.iter().cloned().map(Write::DeleteClerkSession));
        writes.extend(clear.iter().cloned().map(Write::ClearAttempts));
        Ok(Step::Commit(writes, (clerk.id, ended.len())))
    })
    .await?;
    tracing::info!(%clerk, sessions_ended = ended, "clerk changed by the operator");
    Ok(())
}

pub struct SignedIn {
    pub session: ClerkSession,
    pub token: Token,
}

/// What `POST /api/clerk/login` was given, and where from.
#[derive(Clone, Copy)]
pub struct ClerkLogin<'a> {
    pub username: &'a str,
    pub password: &'a str,
    /// The code from the authenticator app (a missing one is a wrong one).
    pub totp: &'a str,
    /// The client's address, for the per-source limits.
    pub source: Option<std::net::IpAddr>,
}

/// The subject of a username's limits: a keyed hash of the name as typed, the same
/// whether a clerk has it or not (no lookup decides what is counted).
fn account_subject(keys: &HashKey, username: &str) -> String {
    keys.hash("clerk-attempts", username)
}

fn source_subject(keys: &HashKey, source: std::net::IpAddr) -> String {
    keys.hash("source-address", &source.to_string())
}

/// The subject of one username tried from one address (or from an unknown one).
fn account_from_source_subject(keys: &HashKey, username: &str, source: Option<std::net::IpAddr>) -> String {
    let from = source.map_or_else(|| "-".to_owned(), |ip| ip.to_string());
    keys.hash("clerk-attempts-from", &format!("{username}\0{from}"))
}

/// The counters a clerk's successful sign-in (or the operator) clears.
fn account_limit_keys(keys: &HashKey, username: &Username) -> Vec<String> {
    let subject = account_subject(keys, username.as_str());
    [PER_ACCOUNT, TOTP_CHECKS].iter().flat_map(|l| l.keys(&subject)).collect()
}

/// Counts one attempt against a slow-down before the check it pays for (docs/rules.md §8.1, §8.3):
/// admitted within the burst, else one per trickle window; `false` when neither has room.
async fn admitted(
    attempts: &(impl Attempts + ?Sized),
    now: DateTime<Utc>,
    limit: SlowDown,
    subject: &str,
) -> Result<bool, FlowError> {
    if let Admission::Admitted { .. } = count_attempt(attempts, now, limit.burst, subject).await? {
        return Ok(true);
    }
    Ok(matches!(count_attempt(attempts, now, limit.trickle, subject).await?, Admission::Admitted { .. }))
}

/// Records a failed sign-in of a known clerk in the audit trail (never the password or code).
async fn audit_failure(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    actor: Actor,
    note: &str,
) -> Result<FlowError, FlowError> {
    let audit = entry(rng, ctx.clock.now(), actor, AuditAction::SignInFailed).note(note).write();
    ctx.store.commit(vec![audit]).await?;
    Ok(FlowError::ClerkBadCredentials)
}

/// `POST /api/clerk/login`: password, then the TOTP code.
///
/// Every attempt is counted before anything is checked (docs/rules.md §6.2, §8.3), per source address,
/// per username from that address and per username from everywhere, each a slow-down
/// (a burst, then one try per 10–30 s) and never a lock: an outsider who fails from
/// elsewhere spends their own address's tries, not the clerk's. A TOTP try is counted
/// only after the right password. An unknown or disabled username, a wrong password, a
/// wrong, reused or missing code and a limited try all get the same 401.
pub async fn login(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    attempt: ClerkLogin<'_>,
) -> Result<SignedIn, FlowError> {
    let ClerkLogin { username, password, totp, source } = attempt;
    let now = ctx.clock.now();
    let (subject, from_source) = count_sign_in(ctx, username, source, now).await?;
    let clerk = match Username::parse(username) {
        Ok(u) => ctx.store.get_clerk(&u).await?.filter(Clerk::can_sign_in),
        Err(_) => None,
    };
    let Some(clerk) = clerk else {
        verify(PasswordHash::from_phc(DUMMY_HASH), password).await?;
        return Err(FlowError::ClerkBadCredentials);
    };
    let actor = Actor::Clerk { id: clerk.id.clone(), username: clerk.username.as_str().to_owned() };
    if !verify(clerk.password_hash.clone(), password).await? {
        tracing::warn!(clerk = %clerk.id, "clerk sign-in failed: password");
        return Err(audit_failure(ctx, rng, actor, "hasło").await?);
    }
    if !admitted(ctx.attempts, now, TOTP_CHECKS, &subject).await? {
        tracing::warn!(clerk = %clerk.id, "clerk sign-in limited: TOTP checks");
        return Err(audit_failure(ctx, rng, actor, "kod (limit)").await?);
    }
    let step = open_totp(ctx.keys, &clerk).and_then(|s| s.accepts(totp.trim(), now, clerk.last_totp_step));
    let Some(step) = step else {
        tracing::warn!(clerk = %clerk.id, "clerk sign-in failed: TOTP code");
        return Err(audit_failure(ctx, rng, actor, "kod").await?);
    };
    open_session(ctx, rng, clerk, step, &from_source, actor).await
}

/// Counts a sign-in per source, per username from that source and per username, before
/// anything is checked; the subjects of the last two (for the TOTP count and the clean-up).
async fn count_sign_in(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    username: &str,
    source: Option<std::net::IpAddr>,
    now: DateTime<Utc>,
) -> Result<(String, String), FlowError> {
    let subject = account_subject(ctx.keys, username);
    let from_source = account_from_source_subject(ctx.keys, username, source);
    // All three in one write while each has room in its burst (the usual case).
    let mut bursts =
        vec![(PER_ACCOUNT_FROM_SOURCE.burst, from_source.clone(), 0), (PER_ACCOUNT.burst, subject.clone(), 0)];
    if let Some(ip) = source {
        bursts.insert(0, (PER_SOURCE.burst, source_subject(ctx.keys, ip), 0));
    }
    if count_together(ctx.store, now, bursts).await? {
        return Ok((subject, from_source));
    }
    // One by one (nothing was counted): which refused, and the slow lanes after a burst.
    if let Some(ip) = source {
        if !admitted(ctx.attempts, now, PER_SOURCE, &source_subject(ctx.keys, ip)).await? {
            tracing::warn!("clerk sign-in limited per source");
            return Err(FlowError::ClerkBadCredentials);
        }
    }
    if !admitted(ctx.attempts, now, PER_ACCOUNT_FROM_SOURCE, &from_source).await?
        || !admitted(ctx.attempts, now, PER_ACCOUNT, &subject).await?
    {
        tracing::warn!("clerk sign-in limited per username");
        return Err(FlowError::ClerkBadCredentials);
    }
    Ok((subject, from_source))
}

/// After the password and the code: the session, the TOTP step used, the audit entry and
/// the counts cleared, in one transaction on the clerk's version.
async fn open_session(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    mut clerk: Clerk,
    step: u64,
    from_source: &str,
    actor: Actor,
) -> Result<SignedIn, FlowError> {
    let now = ctx.clock.now();
    let mut clear = account_limit_keys(ctx.keys, &clerk.username);
    clear.extend(PER_ACCOUNT_FROM_SOURCE.keys(from_source));
    let token = Token::generate(rng);
    let session = ClerkSession {
        token_hash: session_hash(ctx.keys, &token),
        clerk_id: clerk.id.clone(),
        username: clerk.username.clone(),
        created_at: now,
        last_seen: now,
    };
    clerk.last_totp_step = Some(step);
    let too_many = clerk.begin_session(session.token_hash.clone(), now);
    let audit = entry(rng, now, actor, AuditAction::SignedIn).write();
    let mut writes = vec![Write::UpdateClerk(clerk.clone()), Write::PutClerkSession(session.clone()), audit];
    writes.extend(too_many.into_iter().map(Write::DeleteClerkSession));
    writes.extend(clear.into_iter().map(Write::ClearAttempts));
    // The clerk's version condition makes the code single-use even for two requests at
    // once: the second one lost the race and is refused like a reused code.
    if !try_commit(ctx.store, writes).await? {
        tracing::warn!(clerk = %clerk.id, "clerk sign-in lost a race (code used at once twice, or a reset)");
        return Err(FlowError::ClerkBadCredentials);
    }
    tracing::info!(clerk = %clerk.id, "clerk signed in");
    Ok(SignedIn { session, token })
}

/// The clerk behind a `pz_clerk` token, if the session is live; moves its idle deadline.
pub async fn authenticate(ctx: &Ctx<'_, impl Stored + ?Sized>, token: &Token) -> Result<ClerkSession, FlowError> {
    let now = ctx.clock.now();
    let hash = session_hash(ctx.keys, token);
    let mut session = ctx.store.get_clerk_session(&hash).await?.ok_or(FlowError::ClerkRequired)?;
    if !session.is_live(now) {
        ctx.store.commit(vec![Write::DeleteClerkSession(hash)]).await?;
        return Err(FlowError::ClerkRequired);
    }
    if session.needs_refresh(now) {
        session.last_seen = now;
        // Only if it still exists: a reset or disable that ended it since it was read
        // must not see it written back.
        if !try_commit(ctx.store, vec![Write::TouchClerkSession(session.clone())]).await? {
            return Err(FlowError::ClerkRequired);
        }
    }
    Ok(session)
}

pub async fn logout(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    session: &ClerkSession,
) -> Result<(), FlowError> {
    let audit = entry(rng, ctx.clock.now(), Actor::from(session), AuditAction::SignedOut).write();
    ctx.store.commit(vec![Write::DeleteClerkSession(session.token_hash.clone()), audit]).await?;
    Ok(())
}

/// Local mode: the demo clerk `urzednik`, created if missing.
pub async fn ensure_demo_clerk(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    password: &str,
    totp: TotpSecret,
) -> Result<bool, FlowError> {
    match create_clerk_with_totp(ctx, rng, DEMO_CLERK, password, totp).await {
        Ok(_) => Ok(true),
        Err(FlowError::Taken(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

pub const DEMO_CLERK: &str = "urzednik";

/// A random password that passes the password rules, for a demo clerk with none given.
pub fn random_password(rng: &dyn Random) -> String {
    let raw = crate::domain::ids::random_base32(rng, 16);
    format!("Pz-{}-{}-{}", &raw[0..5], raw[5..10].to_lowercase(), &raw[10..16])
}
