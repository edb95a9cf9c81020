//! How recent the citizen's sign-in must be: `prompt=login`/`none`/`consent` and
//! `max_age` (OIDC Core §3.1.2.1), and the marks that say "signed in again after this
//! request" and "agreed again after this request".

use chrono::{DateTime, Duration, Utc};
use subtle::ConstantTimeEq;

use super::authorize::AuthorizeRequest;
use super::clients::Client;
use crate::crypto::HashKey;
use crate::domain::CitizenSession;

/// How long a citizen has to sign in again after a client asked for it (password, then an
/// SMS code valid 5 minutes or a push waiting 2).
const REAUTH_WINDOW: Duration = Duration::minutes(10);

/// What a mark on the authorize URL vouches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// `pz_auth_after`: the citizen must have signed in after this instant.
    Reauth,
    /// `pz_consent`: the citizen said "Zgadzam się" at this instant.
    Consent,
}

impl Mark {
    fn purpose(self) -> &'static str {
        match self {
            Self::Reauth => "oidc-reauth",
            Self::Consent => "oidc-consent",
        }
    }
}

/// `<milliseconds>.<mac>`, bound to its kind, the client and the request's `state` so
/// that it cannot be moved to another request.
pub(super) fn mark(keys: &HashKey, kind: Mark, client: &Client, state: &str, at: DateTime<Utc>) -> String {
    let ms = at.timestamp_millis();
    let id = &client.client_id;
    format!("{ms}.{}", &keys.hash(kind.purpose(), &format!("{ms}:{}:{id}:{state}", id.len()))[..32])
}

/// The instant of a genuine, recent mark; `None` for a forged, foreign or stale one.
pub(super) fn marked_at(
    keys: &HashKey,
    kind: Mark,
    client: &Client,
    state: &str,
    given: &str,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let at = DateTime::from_timestamp_millis(given.split_once('.')?.0.parse().ok()?)?;
    let genuine: bool = mark(keys, kind, client, state, at).as_bytes().ct_eq(given.as_bytes()).into();
    (genuine && at <= now && now - at <= REAUTH_WINDOW).then_some(at)
}

/// What the client asked about the sign-in's age (OIDC Core §3.1.2.1).
pub(super) struct Freshness {
    login: bool,
    /// `prompt=none`: never show a sign-in or consent page, answer `login_required` or
    /// `consent_required` instead.
    pub(super) none: bool,
    /// `prompt=consent`: ask the citizen to agree even if they did before.
    pub(super) consent: bool,
    max_age: Option<Duration>,
}

impl Freshness {
    pub(super) fn parse(req: &AuthorizeRequest) -> Result<Self, &'static str> {
        let prompt: Vec<&str> = req.prompt.as_deref().unwrap_or("").split_whitespace().collect();
        let none = prompt.contains(&"none");
        if none && prompt.len() > 1 {
            return Err("prompt=none cannot be combined with other values");
        }
        if let Some(unknown) = prompt.iter().find(|p| !["none", "login", "consent"].contains(p)) {
            // OIDC Core §3.1.2.1: select_account cannot be met (one profile per person).
            return Err(if *unknown == "select_account" {
                "prompt=select_account is not supported"
            } else {
                "unknown prompt value"
            });
        }
        let max_age = match req.max_age.as_deref() {
            None => None,
            Some(v) => Some(v.parse::<u32>().map_err(|_| "max_age must be a number of seconds")?),
        };
        // max_age=0 means "sign in now" (OIDC Core §3.1.2.1), as prompt=login does.
        Ok(Self {
            login: prompt.contains(&"login") || max_age == Some(0),
            none,
            consent: prompt.contains(&"consent"),
            max_age: max_age.map(i64::from).map(Duration::seconds),
        })
    }

    /// Whether the client asked for anything about the sign-in's age.
    pub(super) fn asked(&self) -> bool {
        self.login || self.max_age.is_some()
    }

    /// Whether a session's sign-in satisfies the request: made after the mark (the
    /// citizen signed in again because of this request), or else, without `prompt=login`,
    /// no older than `max_age`.
    pub(super) fn satisfied_by(
        &self,
        session: &CitizenSession,
        mark: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        if mark.is_some_and(|at| session.created_at >= at) {
            return true;
        }
        !self.login && self.max_age.is_none_or(|m| now - session.created_at <= m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ApplicationId, AuthMethod};
    use crate::service::oidc::demo_client;

    fn keys() -> HashKey {
        HashKey::new(vec![7; 32]).unwrap()
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn client() -> Client {
        demo_client("https://pz.example")
    }

    fn session(created_at: DateTime<Utc>) -> CitizenSession {
        let rng = crate::adapters::random::SeededRandom::new(1);
        CitizenSession {
            token_hash: "h".into(),
            account_id: ApplicationId::generate(&rng),
            created_at,
            last_seen: created_at,
            method: AuthMethod::Sms,
            via: None,
            services: Vec::new(),
            version: 0,
        }
    }

    fn freshness(prompt: Option<&str>, max_age: Option<&str>) -> Result<Freshness, &'static str> {
        Freshness::parse(&AuthorizeRequest {
            prompt: prompt.map(Into::into),
            max_age: max_age.map(Into::into),
            ..Default::default()
        })
    }

    #[test]
    fn prompt_login_and_max_age_zero_need_a_sign_in_after_the_mark() {
        let now = t0() + Duration::minutes(5);
        for f in [
            freshness(Some("login"), None).unwrap(),
            freshness(None, Some("0")).unwrap(),
            freshness(Some("consent login"), Some("900")).unwrap(),
        ] {
            assert!(f.asked());
            assert!(!f.satisfied_by(&session(now), None, now), "no mark: even a brand-new session is not enough");
            assert!(
                !f.satisfied_by(&session(t0()), Some(t0() + Duration::seconds(1)), now),
                "signed in before the mark"
            );
            assert!(f.satisfied_by(&session(t0() + Duration::seconds(1)), Some(t0() + Duration::seconds(1)), now));
        }
    }

    #[test]
    fn max_age_counts_from_the_sign_in_not_from_the_last_request() {
        let f = freshness(None, Some("300")).unwrap();
        assert!(f.satisfied_by(&session(t0()), None, t0() + Duration::seconds(300)));
        assert!(!f.satisfied_by(&session(t0()), None, t0() + Duration::seconds(301)));
        let none = freshness(None, None).unwrap();
        assert!(!none.asked() && none.satisfied_by(&session(t0()), None, t0() + Duration::hours(7)));
    }

    #[test]
    fn prompt_none_stands_alone_and_max_age_is_a_number_of_seconds() {
        assert!(freshness(Some("none"), None).unwrap().none);
        assert!(freshness(Some("none login"), None).is_err());
        assert!(freshness(Some("consent"), None).unwrap().consent);
        assert!(freshness(Some("select_account"), None).is_err());
        assert!(freshness(Some("login bogus"), None).is_err());
        for bad in ["-1", "1.5", "abc", "", "99999999999"] {
            assert!(freshness(None, Some(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_mark_counts_only_unaltered_for_its_client_and_state_and_for_ten_minutes() {
        let (k, c) = (keys(), client());
        let mark = mark(&k, Mark::Reauth, &c, "s1", t0());
        assert_eq!(marked_at(&k, Mark::Reauth, &c, "s1", &mark, t0() + Duration::minutes(9)), Some(t0()));
        assert_eq!(marked_at(&k, Mark::Reauth, &c, "s2", &mark, t0()), None, "another request");
        let other = Client { client_id: "inny".into(), ..client() };
        assert_eq!(marked_at(&k, Mark::Reauth, &other, "s1", &mark, t0()), None, "another client");
        assert_eq!(marked_at(&k, Mark::Reauth, &c, "s1", &mark, t0() + Duration::minutes(11)), None, "stale");
        assert_eq!(marked_at(&k, Mark::Reauth, &c, "s1", &mark, t0() - Duration::seconds(1)), None, "from the future");
        let (_, mac) = mark.split_once('.').unwrap();
        let earlier = format!("{}.{mac}", (t0() - Duration::hours(1)).timestamp_millis());
        assert_eq!(marked_at(&k, Mark::Reauth, &c, "s1", &earlier, t0()), None, "time moved back");
        assert_eq!(marked_at(&k, Mark::Consent, &c, "s1", &mark, t0()), None, "a sign-in is no consent");
        for junk in ["", ".", "x.y", "1.2.3", "١٢.ab"] {
            assert_eq!(marked_at(&k, Mark::Reauth, &c, "s1", junk, t0()), None, "{junk:?}");
        }
    }
}
