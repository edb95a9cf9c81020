//! Clerk accounts (created by the operator's command), sign-in with lockout, sessions.

use super::audit::entry;
use super::application::Ctx;
use super::{argon2, lost_race, try_commit, FlowError, RACE_RETRIES};
use crate::crypto::HashKey;
use crate::domain::{Actor, AuditAction, Clerk, ClerkId, ClerkSession, Password, PasswordHash, Token, Username};
use crate::domain::IdleSession;
use crate::ports::{Random, StoreError, UniqueKind, Write};

/// Verified when the username (or a citizen's login) is unknown, so that both answers
/// take the same time.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$cHotZHVtbXktc2FsdC0xNg$r1YxXbEiiiALgxdhLbBg94fT6IRu8/c3lwxsairxWdU";

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
    let password = Password::parse(password, Some(username)).map_err(|e| FlowError::Invalid(vec![e.for_field("password")]))?;
    argon2(move || password.hash()).await
}

fn parse_username(username: &str) -> Result<Username, FlowError> {
    Username::parse(username).map_err(|e| FlowError::Invalid(vec![e.for_field("username")]))
}

/// The operator's command: a new clerk with a password that follows the citizens' rules.
pub async fn create_clerk(ctx: &Ctx<'_>, rng: &dyn Random, username: &str, password: &str) -> Result<Clerk, FlowError> {
    let username = parse_username(username)?;
    let hash = hash_password(&username, password).await?;
    let clerk = Clerk::new(ClerkId::generate(rng), username, hash, ctx.clock.now());
    match ctx.store.commit(vec![Write::CreateClerk(clerk.clone())]).await {
        Ok(()) => Ok(clerk),
        Err(StoreError::Conflict { .. }) => Err(FlowError::Taken(UniqueKind::Username)),
        Err(e) => Err(e.into()),
    }
}

/// The operator's command: a new password, and the lock lifted.
pub async fn reset_password(ctx: &Ctx<'_>, username: &str, password: &str) -> Result<(), FlowError> {
    let username = parse_username(username)?;
    let hash = hash_password(&username, password).await?;
    update_clerk(ctx, &username, |c| {
        c.password_hash = hash.clone();
        c.lockout.record_success();
    })
    .await
    .map(drop)
}

/// Re-reads and changes a clerk until the optimistic lock lets the change through.
async fn update_clerk(ctx: &Ctx<'_>, username: &Username, change: impl Fn(&mut Clerk)) -> Result<Clerk, FlowError> {
    for _ in 0..RACE_RETRIES {
        let mut clerk = ctx.store.get_clerk(username).await?.ok_or(FlowError::NotFound)?;
        change(&mut clerk);
        if try_commit(ctx.store, vec![Write::UpdateClerk(clerk.clone())]).await? {
            return Ok(clerk);
        }
    }
    Err(lost_race())
}

/// Counts a wrong password and records it in the audit trail, in one transaction; a lost
/// race re-reads the clerk, so concurrent guesses all count. Returns the answer to give.
async fn count_failure(
    ctx: &Ctx<'_>,
    rng: &dyn Random,
    mut clerk: Clerk,
    actor: Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<FlowError, FlowError> {
    for _ in 0..RACE_RETRIES {
        clerk.lockout.record_failure(now);
        let audit = entry(rng, now, actor.clone(), AuditAction::SignInFailed).write();
        match ctx.store.commit(vec![Write::UpdateClerk(clerk.clone()), audit]).await {
            Ok(()) => {
                tracing::warn!(clerk = %clerk.id, failures = clerk.lockout.failed_logins, "clerk sign-in failed");
                return Ok(match clerk.lockout.locked_for(now) {
                    Some(retry_after) => FlowError::Locked { retry_after },
                    None => FlowError::BadCredentials,
                });
            }
            Err(StoreError::Conflict { .. }) => {
                clerk = ctx.store.get_clerk(&clerk.username).await?.ok_or(FlowError::BadCredentials)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}

pub struct SignedIn {
    pub session: ClerkSession,
    pub token: Token,
}

/// `POST /api/clerk/login`. An unknown username and a wrong password give the same
/// answer after the same argon2 work; five wrong passwords in a row lock for 15 minutes.
pub async fn login(ctx: &Ctx<'_>, rng: &dyn Random, username: &str, password: &str) -> Result<SignedIn, FlowError> {
    let now = ctx.clock.now();
    let clerk = match Username::parse(username) {
        Ok(u) => ctx.store.get_clerk(&u).await?.filter(|c| !c.disabled),
        Err(_) => None,
    };
    let Some(clerk) = clerk else {
        verify(PasswordHash::from_phc(DUMMY_HASH), password).await?;
        return Err(FlowError::BadCredentials);
    };
    if let Some(retry_after) = clerk.lockout.locked_for(now) {
        return Err(FlowError::Locked { retry_after });
    }
    let actor = Actor::Clerk { id: clerk.id.clone(), username: clerk.username.as_str().to_owned() };
    if !verify(clerk.password_hash.clone(), password).await? {
        return Err(count_failure(ctx, rng, clerk, actor, now).await?);
    }
    if clerk.lockout.failed_logins > 0 {
        update_clerk(ctx, &clerk.username, |c| c.lockout.record_success()).await?;
    }
    let token = Token::generate(rng);
    let session = ClerkSession {
        token_hash: session_hash(ctx.keys, &token),
        clerk_id: clerk.id.clone(),
        username: clerk.username.clone(),
        created_at: now,
        last_seen: now,
    };
    let audit = entry(rng, now, actor, AuditAction::SignedIn).write();
    ctx.store.commit(vec![Write::PutClerkSession(session.clone()), audit]).await?;
    tracing::info!(clerk = %clerk.id, "clerk signed in");
    Ok(SignedIn { session, token })
}

/// The clerk behind a `pz_clerk` token, if the session is live; moves its idle deadline.
pub async fn authenticate(ctx: &Ctx<'_>, token: &Token) -> Result<ClerkSession, FlowError> {
    let now = ctx.clock.now();
    let hash = session_hash(ctx.keys, token);
    let mut session = ctx.store.get_clerk_session(&hash).await?.ok_or(FlowError::ClerkRequired)?;
    if !session.is_live(now) {
        ctx.store.commit(vec![Write::DeleteClerkSession(hash)]).await?;
        return Err(FlowError::ClerkRequired);
    }
    if session.needs_refresh(now) {
        session.last_seen = now;
        ctx.store.commit(vec![Write::PutClerkSession(session.clone())]).await?;
    }
    Ok(session)
}

pub async fn logout(ctx: &Ctx<'_>, rng: &dyn Random, session: &ClerkSession) -> Result<(), FlowError> {
    let audit = entry(rng, ctx.clock.now(), Actor::from(session), AuditAction::SignedOut).write();
    ctx.store.commit(vec![Write::DeleteClerkSession(session.token_hash.clone()), audit]).await?;
    Ok(())
}

/// Local mode: the demo clerk `urzednik`, created if missing.
pub async fn ensure_demo_clerk(ctx: &Ctx<'_>, rng: &dyn Random, password: &str) -> Result<bool, FlowError> {
    match create_clerk(ctx, rng, DEMO_CLERK, password).await {
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

