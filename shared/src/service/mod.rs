//! The steps of each flow: domain rules plus the ports they need, no HTTP.

pub mod account_changes;
pub mod application;
pub mod audit;
pub mod clerk;
pub mod contact;
pub mod delivery;
pub mod devices;
pub mod disavow;
pub mod expiry;
pub mod federation;
pub mod noshow;
pub mod oidc;
pub mod recovery;
pub mod review;
pub mod signin;
pub mod slots;

use crate::crypto::HashKey;
use crate::domain::account::SignInRefusal;
use crate::domain::application::Refusal;
use crate::domain::attempts::{Admission, AttemptLimit};
use crate::domain::signin::AnswerError;
use crate::domain::{CodeError, FieldError};
use crate::ports::{Attempts, Clock, Store, StoreError, Stored, UniqueKind, Write};

/// The ports most steps use: the state and the attempt counter, the time and the hash
/// key. `store` and `attempts` are the same adapter `St`, named by the port each call uses.
/// A step takes `&Ctx<'_, impl Stored + ?Sized>`: a function's `St` is its `DynamoStore`,
/// called directly, so only the DynamoDB operations its steps use are linked into it
/// (`crate::deps`); the gateway's is `dyn Storage`, a test's any adapter.
pub struct Ctx<'a, St: ?Sized + Stored> {
    pub store: &'a St,
    pub attempts: &'a St,
    pub clock: &'a dyn Clock,
    pub keys: &'a HashKey,
    /// Where citizens open the pages (`PZ_PUBLIC_URL`), for links in emails; empty: links
    /// start at the path.
    pub public_url: &'a str,
}

impl<'a, St: ?Sized + Stored> Ctx<'a, St> {
    /// The state and the counter of one adapter.
    pub fn over(storage: &'a St, clock: &'a dyn Clock, keys: &'a HashKey) -> Self {
        Self { store: storage, attempts: storage, clock, keys, public_url: "" }
    }

    /// With emailed links starting at `public_url`.
    pub fn linking_to(self, public_url: &'a str) -> Self {
        Self { public_url, ..self }
    }
}

/// Commits one optimistic attempt: `Ok(true)` once written, `Ok(false)` when a concurrent
/// write got there first and the caller should read again and retry.
pub(crate) async fn try_commit(store: &(impl Store + ?Sized), writes: Vec<Write>) -> Result<bool, FlowError> {
    match store.commit(writes).await {
        Ok(()) => Ok(true),
        Err(StoreError::Conflict(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// What one optimistic attempt decided.
pub(crate) enum Step<T> {
    /// Commit these writes, then answer.
    Commit(Vec<Write>, T),
    /// Nothing to write: answer now.
    Answer(T),
}

/// Reads, decides and commits until one decision's writes commit without losing an
/// optimistic-lock race, at most `RACE_RETRIES` times (then `Busy`: nothing was written).
/// `decide` reads afresh each time; its error ends the step at once.
pub(crate) async fn until_committed<T, F>(
    store: &(impl Store + ?Sized),
    mut decide: impl FnMut() -> F,
) -> Result<T, FlowError>
where
    F: std::future::Future<Output = Result<Step<T>, FlowError>>,
{
    for _ in 0..RACE_RETRIES {
        match decide().await? {
            Step::Answer(answer) => return Ok(answer),
            Step::Commit(writes, answer) => {
                if try_commit(store, writes).await? {
                    return Ok(answer);
                }
            }
        }
    }
    Err(lost_race())
}

/// The account a step works on: the one the session read, on the first try; read afresh
/// after a lost optimistic-lock race.
pub(crate) struct FirstRead {
    id: crate::domain::ApplicationId,
    first: std::sync::Mutex<Option<crate::domain::Account>>,
}

impl FirstRead {
    pub(crate) fn new(account: &crate::domain::Account) -> Self {
        Self { id: account.id.clone(), first: std::sync::Mutex::new(Some(account.clone())) }
    }

    pub(crate) async fn take_or_read(
        &self,
        ctx: &Ctx<'_, impl Stored + ?Sized>,
    ) -> Result<crate::domain::Account, FlowError> {
        let first = self.first.lock().ok().and_then(|mut f| f.take());
        match first {
            Some(a) => Ok(a),
            None => ctx.store.get_account(&self.id).await?.ok_or(FlowError::SignInRequired),
        }
    }
}

/// The answer when every optimistic attempt lost its race: nothing was written and the
/// client may simply try again (503 with `Retry-After`, not a 500: nothing is broken).
pub(crate) fn lost_race() -> FlowError {
    FlowError::Busy
}

/// What can go wrong in a flow step; `http::ApiError` maps each to an answer.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("unknown slot")]
    SlotUnknown,
    #[error("slot in the past")]
    SlotPast,
    #[error("slot beyond the booking horizon")]
    SlotTooFar,
    #[error("slot full")]
    SlotFull,
    #[error("{} already taken", .0.as_str())]
    Taken(UniqueKind),
    #[error("not found")]
    NotFound,
    #[error("not authorised")]
    NotAuthorised,
    #[error("already submitted")]
    AlreadySubmitted,
    #[error("application expired")]
    Expired,
    #[error("not allowed in this state")]
    WrongState,
    #[error("code refused: {0}")]
    Code(#[from] CodeError),
    #[error("SMS not sent")]
    SmsUnavailable,
    #[error("step refused: {0:?}")]
    Refused(Refusal),
    #[error("wrong username or password")]
    BadCredentials,
    /// A clerk's sign-in refused, whatever the reason (unknown, disabled, wrong password
    /// or code, limited): one answer for all.
    #[error("clerk sign-in refused")]
    ClerkBadCredentials,
    #[error("account locked")]
    Locked { retry_after: chrono::Duration },
    #[error("too many requests from one source")]
    SourceLimit { retry_after: chrono::Duration },
    #[error("clerk session required")]
    ClerkRequired,
    #[error("not a clerk")]
    NotAClerk,
    #[error("slot overlaps another")]
    SlotOverlap,
    #[error("profile cannot sign in: {0:?}")]
    ProfileUnusable(SignInRefusal),
    #[error("citizen session required")]
    SignInRequired,
    #[error("challenge expired")]
    ChallengeExpired,
    #[error("challenge already answered")]
    ChallengeAnswered,
    #[error("no linked device")]
    NoDevice,
    #[error("too many pushes")]
    PushLimit { retry_after: chrono::Duration },
    #[error("device not registered for push")]
    PushUnavailable,
    #[error("device secret required")]
    DeviceRequired,
    #[error("idempotency key used for another submission")]
    IdempotencyKeyReused,
    #[error("answered in the app, not by code")]
    WrongMethod,
    /// A password-recovery link that is unknown, expired or already used (one answer).
    #[error("recovery link dead")]
    RecoveryLinkDead,
    /// A "To nie ja" link that is unknown, expired or already used (one answer).
    #[error("disavow link dead")]
    DisavowLinkDead,
    /// Every retry lost its optimistic-lock race to concurrent writers of the same item.
    #[error("lost every retry to concurrent writes")]
    Busy,
    /// The provider's key could not sign a token.
    #[error("signing failed")]
    Signing,
    /// A task on the blocking pool (argon2) failed or could not start.
    #[error("background task failed")]
    Task(#[source] crate::ports::BoxError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<SignInRefusal> for FlowError {
    fn from(r: SignInRefusal) -> Self {
        Self::ProfileUnusable(r)
    }
}

impl From<AnswerError> for FlowError {
    fn from(e: AnswerError) -> Self {
        match e {
            AnswerError::Answered => Self::ChallengeAnswered,
            AnswerError::Expired => Self::ChallengeExpired,
        }
    }
}

impl From<Refusal> for FlowError {
    fn from(r: Refusal) -> Self {
        Self::Refused(r)
    }
}

/// A failed blocking task (argon2 runs on the blocking pool) counts as unavailability.
pub(crate) fn join_error(e: tokio::task::JoinError) -> FlowError {
    FlowError::Task(Box::new(e))
}

/// Runs argon2 (tens of ms and 19 MiB each) on the blocking pool, at most one per core at
/// a time: a burst of submissions or sign-ins waits here instead of holding 19 MiB per
/// waiting request. Never on the async executor.
pub(crate) async fn argon2<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, FlowError> {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let permits = PERMITS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get))
    });
    let _permit = permits.acquire().await.map_err(|e| FlowError::Task(Box::new(e)))?;
    tokio::task::spawn_blocking(work).await.map_err(join_error)
}

/// Counts one attempt against `limit` before the check it pays for (docs/rules.md §8.1).
pub(crate) async fn count_attempt(
    attempts: &(impl Attempts + ?Sized),
    now: chrono::DateTime<chrono::Utc>,
    limit: AttemptLimit,
    subject: &str,
) -> Result<Admission, FlowError> {
    Ok(attempts.count_attempt(&limit.key(subject), limit, now).await?)
}

/// A per-source limit (docs/rules.md §8.5): the address is kept only as a keyed hash. A request with
/// no known source (a test harness that does not say) is not limited by source.
pub(crate) async fn per_source(
    attempts: &(impl Attempts + ?Sized),
    keys: &HashKey,
    now: chrono::DateTime<chrono::Utc>,
    limit: AttemptLimit,
    source: Option<std::net::IpAddr>,
) -> Result<(), FlowError> {
    let Some(ip) = source else { return Ok(()) };
    match count_attempt(attempts, now, limit, &source_subject(keys, ip)).await? {
        Admission::Admitted { .. } => Ok(()),
        Admission::Refused { retry_after } => {
            tracing::warn!(limit = limit.scope, "per-source limit reached");
            Err(FlowError::SourceLimit { retry_after })
        }
    }
}

/// The subject of a per-source limit: the address's keyed hash.
pub(crate) fn source_subject(keys: &HashKey, ip: std::net::IpAddr) -> String {
    keys.hash("source-address", &ip.to_string())
}

/// Counts several attempts (limit, subject, `spare`: how many more each window must
/// still admit after this one) in one conditional write, before the checks they pay for.
/// `Ok(true)`: all counted. `Ok(false)`: none counted, because a window had no room (or
/// not the spare asked for) or the write met contention: count them one by one with
/// `count_attempt`, which says which refused and for how long.
pub(crate) async fn count_together(
    store: &(impl Store + ?Sized),
    now: chrono::DateTime<chrono::Utc>,
    counts: Vec<(AttemptLimit, String, u32)>,
) -> Result<bool, FlowError> {
    let writes = counts
        .into_iter()
        .map(|(limit, subject, spare)| Write::CountAttempt { key: limit.key(&subject), limit, now, spare })
        .collect();
    match store.commit(writes).await {
        Ok(()) => Ok(true),
        Err(StoreError::Conflict(crate::ports::Condition::AttemptsSpent) | StoreError::Throttled(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// How many times a step re-reads and retries after losing an optimistic-lock race.
pub const RACE_RETRIES: usize = 5;
