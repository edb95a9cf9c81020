//! Clerks (urzędnicy): their accounts, sign-in limits and sessions.

use chrono::{DateTime, Duration, Utc};

use super::attempts::AttemptLimit;
use super::{ClerkId, PasswordHash, Username};
use crate::crypto::Sealed;

/// A clerk session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::minutes(15);
/// …and in any case after a working day.
pub const SESSION_MAX: Duration = Duration::hours(10);
pub use super::session::SESSION_REFRESH;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Clerk {
    pub id: ClerkId,
    /// Case-sensitive, the same rules as citizens' usernames.
    pub username: Username,
    pub password_hash: PasswordHash,
    pub created_at: DateTime<Utc>,
    /// The TOTP secret, encrypted (`HashKey::seal`, bound to the clerk's id). A clerk
    /// without one cannot sign in until the operator issues one (`pz-clerk reset-totp`).
    #[serde(default)]
    pub totp: Option<Sealed>,
    /// The last TOTP step accepted: a code works once.
    #[serde(default)]
    pub last_totp_step: Option<u64>,
    /// The sessions begun (by token hash), so that a reset or a disable can end them.
    #[serde(default)]
    pub sessions: Vec<SessionRef>,
    /// A disabled clerk answers like an unknown one.
    #[serde(default)]
    pub disabled: bool,
    /// Optimistic-locking version, checked by the store on every update.
    #[serde(default)]
    pub version: u64,
}

impl Clerk {
    pub fn new(id: ClerkId, username: Username, password_hash: PasswordHash, now: DateTime<Utc>) -> Self {
        Self {
            id,
            username,
            password_hash,
            created_at: now,
            totp: None,
            last_totp_step: None,
            sessions: Vec::new(),
            disabled: false,
            version: 0,
        }
    }

    /// Whether this clerk may sign in at all (the answer is the same as for an unknown one).
    pub fn can_sign_in(&self) -> bool {
        !self.disabled && self.totp.is_some()
    }

    /// Notes a new session; forgets the ones that have ended by themselves and returns
    /// those beyond `MAX_SESSIONS` (oldest first), which the caller ends.
    pub fn begin_session(&mut self, token_hash: String, now: DateTime<Utc>) -> Vec<String> {
        self.sessions.retain(|s| s.created_at + SESSION_MAX > now);
        self.sessions.push(SessionRef { token_hash, created_at: now });
        let excess = self.sessions.len().saturating_sub(MAX_SESSIONS);
        self.sessions.drain(..excess).map(|s| s.token_hash).collect()
    }

    /// Forgets every session and returns them, for the caller to end in the same write.
    pub fn end_sessions(&mut self) -> Vec<String> {
        std::mem::take(&mut self.sessions).into_iter().map(|s| s.token_hash).collect()
    }
}

/// One of a clerk's sessions, as the clerk's item lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionRef {
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
}

/// Sessions one clerk may have at once *(ours)*: a few browsers; signing in once more
/// ends the oldest.
pub const MAX_SESSIONS: usize = 10;

/// A limit that slows down instead of locking *(ours)*: `burst` attempts per window,
/// then one per `trickle` window. Nobody is shut out for long, whoever failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlowDown {
    pub burst: AttemptLimit,
    pub trickle: AttemptLimit,
}

const fn slow_down(scope: &'static str, trickle_scope: &'static str, burst: u32, every_secs: i64) -> SlowDown {
    SlowDown {
        burst: AttemptLimit { scope, max: burst, window: Duration::minutes(15) },
        trickle: AttemptLimit { scope: trickle_scope, max: 1, window: Duration::seconds(every_secs) },
    }
}

/// Clerk sign-ins from one address, whatever the username *(ours)*.
pub const PER_SOURCE: SlowDown = slow_down("clerk-source", "clerk-source-slow", 30, 30);
/// Password checks of one username from one address *(ours)*: an outsider slows down
/// only their own tries, not the clerk's from the office.
pub const PER_ACCOUNT_FROM_SOURCE: SlowDown = slow_down("clerk-account-source", "clerk-account-source-slow", 5, 30);
/// Password checks of one username from everywhere *(ours)*: the ceiling against guesses
/// from many addresses.
pub const PER_ACCOUNT: SlowDown = slow_down("clerk-account", "clerk-account-slow", 50, 10);
/// TOTP checks of one clerk *(ours)*: counted only after the right password, so only
/// someone who knows it can spend them.
pub const TOTP_CHECKS: SlowDown = slow_down("clerk-totp", "clerk-totp-slow", 5, 30);

impl SlowDown {
    /// The storage keys of both windows for one subject (cleared after a success).
    pub fn keys(&self, subject: &str) -> [String; 2] {
        [self.burst.key(subject), self.trickle.key(subject)]
    }
}

/// A signed-in clerk. Stored under the keyed hash of its cookie token, never the token.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClerkSession {
    pub token_hash: String,
    pub clerk_id: ClerkId,
    pub username: Username,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

super::session::idle_session!(ClerkSession, idle: SESSION_IDLE, max: SESSION_MAX);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::random::SeededRandom;
    use crate::domain::session::IdleSession;

    fn clerk() -> (Clerk, DateTime<Utc>) {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z").unwrap().with_timezone(&Utc);
        let rng = SeededRandom::new(7);
        let c =
            Clerk::new(ClerkId::generate(&rng), Username::parse("urzednik").unwrap(), PasswordHash::from_phc("x"), now);
        (c, now)
    }

    #[test]
    fn sessions_are_listed_on_the_clerk_the_oldest_ended_beyond_the_limit() {
        let (mut c, now) = clerk();
        for i in 0..MAX_SESSIONS {
            assert!(c.begin_session(format!("h{i}"), now).is_empty());
        }
        assert_eq!(c.begin_session("new".into(), now), vec!["h0".to_owned()]);
        assert_eq!(
            c.begin_session("later".into(), now + SESSION_MAX),
            Vec::<String>::new(),
            "ended ones are forgotten"
        );
        assert_eq!(c.sessions.len(), 1);
        assert_eq!(c.end_sessions(), vec!["later".to_owned()]);
        assert!(c.sessions.is_empty());
    }

    #[test]
    fn only_an_enabled_clerk_with_a_totp_secret_signs_in() {
        let (mut c, _) = clerk();
        assert!(!c.can_sign_in(), "no second factor yet");
        c.totp = Some(Sealed { nonce: "00".into(), data: "00".into() });
        assert!(c.can_sign_in());
        c.disabled = true;
        assert!(!c.can_sign_in());
    }

    #[test]
    fn limits_slow_down_and_never_share_keys() {
        let all = [PER_SOURCE, PER_ACCOUNT_FROM_SOURCE, PER_ACCOUNT, TOTP_CHECKS];
        let keys: std::collections::HashSet<String> = all.iter().flat_map(|l| l.keys("x")).collect();
        assert_eq!(keys.len(), 8);
        assert!(
            all.iter().all(|l| l.trickle.max == 1 && l.trickle.window <= Duration::seconds(30)),
            "a slow-down, not a lock"
        );
    }

    #[test]
    fn a_session_ends_after_fifteen_idle_minutes_or_ten_hours() {
        let (c, now) = clerk();
        let mut s = ClerkSession {
            token_hash: "h".into(),
            clerk_id: c.id,
            username: c.username,
            created_at: now,
            last_seen: now,
        };
        assert!(s.is_live(now + Duration::minutes(14)));
        assert!(!s.is_live(now + SESSION_IDLE));
        s.last_seen = now + Duration::hours(9) + Duration::minutes(55);
        assert!(!s.is_live(now + SESSION_MAX), "the day's limit holds even when active");
    }
}
