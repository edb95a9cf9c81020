//! Logout both ways (RP-Initiated Logout 1.0, Back-Channel Logout 1.0): a service sends the
//! citizen to `/oauth2/logout` with the ID token it got, and we end the session and send
//! the browser back to its registered URI; and whenever a session ends here (signing out,
//! "To nie ja", deleting the profile, a service's logout), each service it signed in to
//! hears of it through the outbox: a logout token signed when it is sent, posted to the
//! service's back-channel URI, retried until it is taken, dead-lettered for operators.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::claims::pairwise_subject;
use super::clients::Client;
use super::{session_id, Provider};
use crate::crypto::HashKey;
use crate::domain::outbox::{ClientNotice, LogoutNotice};
use crate::domain::{Account, CitizenSession, OutboxMessage};
use crate::ports::{LogoutSender, SendError, Store, Stored, Write};
use crate::service::{Ctx, FlowError};

/// How long a logout token may be taken (Back-Channel Logout 1.0 §2.4: short).
const LOGOUT_TOKEN_LIFETIME: Duration = Duration::minutes(2);
const BACKCHANNEL_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// One outbox message for an event that ends sessions: the notices to every service it
/// concerns, spread into a message per service by the send-logout function (so an event
/// adds one item to its transaction however many services there are). `None`: nobody.
fn fan_out(id: String, notices: Vec<ClientNotice>, now: DateTime<Utc>) -> Option<Write> {
    (!notices.is_empty()).then(|| Write::Enqueue(OutboxMessage::logout_fan_out(id, &notices, now)))
}

fn notice(keys: &HashKey, account: &Account, client_id: &str, session_hash: Option<&str>) -> ClientNotice {
    ClientNotice {
        client_id: client_id.to_owned(),
        notice: LogoutNotice {
            sub: pairwise_subject(keys, client_id, account),
            sid: session_hash.map(|h| session_id(keys, client_id, h)),
        },
    }
}

/// Tells each service the session signed in to that it ended: its `sub` and its `sid`
/// there. Services the citizen revoked since hear nothing.
pub(crate) fn session_ended(
    keys: &HashKey,
    account: &Account,
    session: &CitizenSession,
    now: DateTime<Utc>,
) -> Vec<Write> {
    let notices = session
        .services
        .iter()
        .filter(|client_id| account.services.iter().any(|s| &s.client_id == *client_id))
        .map(|client_id| notice(keys, account, client_id, Some(&session.token_hash)))
        .collect();
    fan_out(format!("{}.ended", &session.token_hash[..26]), notices, now).into_iter().collect()
}

/// Tells every connected service that a session ended without reading it (the oldest,
/// pushed out by a new sign-in past the limit): its `sid` at each, which a service that
/// never saw it ignores.
pub(crate) fn pushed_out(keys: &HashKey, account: &Account, session_hash: &str, now: DateTime<Utc>) -> Vec<Write> {
    let notices = account.services.iter().map(|s| notice(keys, account, &s.client_id, Some(session_hash))).collect();
    fan_out(format!("{}.pushed-out", &session_hash[..26]), notices, now).into_iter().collect()
}

/// The notices for the account's sessions but `keep` that are about to end ("Wyloguj na
/// pozostałych urządzeniach", a new password): each session's services, told with its
/// `sid`. One read of the sessions.
pub(crate) async fn others_ended(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    account: &Account,
    keep: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Write>, crate::ports::StoreError> {
    use crate::ports::{Found, ItemKey, RecordKey, RecordKind};
    let keys: Vec<ItemKey> = account
        .sessions
        .iter()
        .filter(|s| s.as_str() != keep)
        .map(|id| ItemKey::Record(RecordKey { kind: RecordKind::Session, id: id.clone() }))
        .collect();
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let found = ctx.store.get_many(&keys).await?;
    let sessions: Vec<CitizenSession> = found.into_iter().flatten().filter_map(Found::record).collect();
    let notices = sessions
        .iter()
        .flat_map(|s| {
            s.services
                .iter()
                .filter(|c| account.services.iter().any(|x| &x.client_id == *c))
                .map(|c| notice(ctx.keys, account, c, Some(&s.token_hash)))
        })
        .collect();
    Ok(fan_out(format!("{}.others-ended.{}", &keep[..26], now.timestamp_millis()), notices, now).into_iter().collect())
}

/// Tells every connected service that all of the citizen's sessions ended (a logout token
/// with `sub` and no `sid`): "To nie ja", a recovered password, the profile deleted.
/// `event` names the cause in the message's id (one event, one message).
pub(crate) fn all_sessions_ended(keys: &HashKey, account: &Account, event: &str, now: DateTime<Utc>) -> Vec<Write> {
    let notices = account.services.iter().map(|s| notice(keys, account, &s.client_id, None)).collect();
    fan_out(format!("{}.{event}.{}", account.id, now.timestamp_millis()), notices, now).into_iter().collect()
}

/// A logout token's claims (Back-Channel Logout 1.0 §2.4): never a `nonce`.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct LogoutTokenClaims {
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    pub events: Value,
    pub sub: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
}

impl LogoutTokenClaims {
    pub fn new(issuer: &str, client_id: &str, notice: &LogoutNotice, jti: String, now: DateTime<Utc>) -> Self {
        Self {
            iss: issuer.to_owned(),
            aud: client_id.to_owned(),
            iat: now.timestamp(),
            exp: (now + LOGOUT_TOKEN_LIFETIME).timestamp(),
            jti,
            events: json!({ BACKCHANNEL_EVENT: {} }),
            sub: notice.sub.clone(),
            sid: notice.sid.clone(),
        }
    }
}

/// The sender of the logout lane: looks the service up (the store's registry, else the
/// seed), signs a logout token and posts it to its back-channel URI (`adapters::outbound`).
pub struct BackChannel<'a, S: ?Sized> {
    provider: &'a Provider,
    store: &'a S,
}

impl<'a, S: ?Sized> BackChannel<'a, S> {
    pub fn new(provider: &'a Provider, store: &'a S) -> Self {
        Self { provider, store }
    }
}

fn refused(text: String) -> SendError {
    SendError(text.into())
}

#[async_trait::async_trait]
impl<S: Store + ?Sized> LogoutSender for BackChannel<'_, S> {
    async fn spread(&self, id: &str, notices: &[ClientNotice]) -> Result<(), SendError> {
        let now = Utc::now();
        let base = id.trim_start_matches(crate::domain::outbox::LOGOUT_PREFIX);
        for (i, n) in notices.iter().enumerate() {
            let one = OutboxMessage::logout(format!("{base}.{i}"), &n.client_id, &n.notice, now);
            match self.store.commit(vec![Write::Enqueue(one)]).await {
                // Queued by an earlier try of this spread: one event, one message each.
                Ok(()) | Err(crate::ports::StoreError::Conflict(crate::ports::Condition::MessageExists)) => {}
                Err(e) => return Err(SendError(Box::new(e))),
            }
        }
        Ok(())
    }

    async fn send_logout(&self, client_id: &str, notice: &LogoutNotice) -> Result<(), SendError> {
        let client = self.provider.client(self.store, client_id).await.map_err(|e| SendError(Box::new(e)))?;
        let Some(uri) = client.as_ref().and_then(|c: &Client| c.backchannel_logout_uri.clone()) else {
            tracing::info!(client = %client_id, "no back-channel logout URI registered: nothing to tell");
            return Ok(());
        };
        let jti = crate::domain::oidc::base64url(&random_bytes::<16>()?);
        let claims = LogoutTokenClaims::new(self.provider.issuer(), client_id, notice, jti, Utc::now());
        let token =
            self.provider.sign_logout_token(&claims).map_err(|_| refused("the logout token was not signed".into()))?;
        let body = serde_urlencoded::to_string([("logout_token", token.as_str())]).unwrap_or_default();
        let req = lambda_http::http::Request::post(uri.as_str())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.into_bytes())
            .map_err(|e| refused(format!("the back-channel URI is unusable: {e}")))?;
        let resp = crate::adapters::outbound::call(req).await.map_err(|e| SendError(Box::new(e)))?;
        // §2.8: 200 (or 204) taken; anything else (400 a token refused, 5xx) is retried.
        match resp.status().as_u16() {
            200 | 204 => Ok(()),
            status => Err(refused(format!("the service answered {status}"))),
        }
    }
}

fn random_bytes<const N: usize>() -> Result<[u8; N], SendError> {
    let mut bytes = [0u8; N];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
        .map_err(|_| refused("no randomness".into()))?;
    Ok(bytes)
}

/// The query (or form) of `/oauth2/logout` (RP-Initiated Logout 1.0 §2).
#[derive(Debug, Default, Deserialize)]
pub struct LogoutRequest {
    pub id_token_hint: Option<String>,
    pub post_logout_redirect_uri: Option<String>,
    pub state: Option<String>,
    pub client_id: Option<String>,
    pub logout_hint: Option<String>,
    pub ui_locales: Option<String>,
}

/// Where `/oauth2/logout` sends the browser.
#[derive(Debug, PartialEq, Eq)]
pub enum EndSession {
    /// The session (if it was the one the service knew) ended; back to the service's
    /// registered URI with its `state`, or to our own page.
    Ended { to: String, ended: bool },
    /// Without a hint that names this session, the citizen is asked (`/wylogowanie`, which
    /// comes back to the same request once signed out, to be sent back to the service).
    Ask,
    /// A hint that is not ours, or a redirect URI the service did not register: an error
    /// page, never a redirect.
    Refuse(&'static str),
}

/// Our page after a logout with nowhere else to go (it also asks when there was no hint).
pub const LOGGED_OUT_PAGE: &str = "/wylogowanie";

/// `/oauth2/logout`: checks the hint and the redirect URI, then ends the session the
/// hint names (with back-channel notices to the session's services) and sends the browser
/// back.
pub async fn end_session(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn crate::ports::Random,
    provider: &Provider,
    req: &LogoutRequest,
    signed_in: Option<(CitizenSession, Account)>,
) -> Result<EndSession, FlowError> {
    let hint = match req.id_token_hint.as_deref().filter(|h| !h.is_empty()) {
        Some(h) => match provider.verified_id_token(h) {
            Some(claims) => Some(claims),
            None => return Ok(EndSession::Refuse("invalid_id_token_hint")),
        },
        None => None,
    };
    let hinted_client = hint.as_ref().and_then(|c| c.get("aud")).and_then(Value::as_str);
    let client_id = match (hinted_client, req.client_id.as_deref()) {
        (Some(a), Some(b)) if a != b => return Ok(EndSession::Refuse("client_id_mismatch")),
        (a, b) => a.or(b),
    };
    let client = match client_id {
        Some(id) => provider.client(ctx.store, id).await?,
        None => None,
    };
    let back = match req.post_logout_redirect_uri.as_deref() {
        Some(uri) => match &client {
            Some(c) if c.allows_post_logout_redirect(uri) => Some(with_state(uri, req.state.as_deref())),
            _ => return Ok(EndSession::Refuse("bad_post_logout_redirect_uri")),
        },
        None => None,
    };
    let Some((session, account)) = signed_in else {
        return Ok(EndSession::Ended { to: back.unwrap_or_else(|| LOGGED_OUT_PAGE.to_owned()), ended: false });
    };
    let names_this = hint.as_ref().zip(client_id).is_some_and(|(h, id)| {
        let sid = session_id(ctx.keys, id, &session.token_hash);
        let sub_matches = h.get("sub").and_then(Value::as_str) == Some(&pairwise_subject(ctx.keys, id, &account));
        h.get("sid").and_then(Value::as_str) == Some(sid.as_str()) || (h.get("sid").is_none() && sub_matches)
    });
    if !names_this {
        return Ok(EndSession::Ask);
    }
    crate::service::signin::logout(ctx, rng, &session, &account).await?;
    Ok(EndSession::Ended { to: back.unwrap_or_else(|| LOGGED_OUT_PAGE.to_owned()), ended: true })
}

fn with_state(uri: &str, state: Option<&str>) -> String {
    match state.filter(|s| !s.is_empty()) {
        Some(state) => {
            let sep = if uri.contains('?') { '&' } else { '?' };
            format!("{uri}{sep}{}", serde_urlencoded::to_string([("state", state)]).unwrap_or_default())
        }
        None => uri.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logout_token_carries_the_event_and_never_a_nonce() {
        let now = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z").unwrap().with_timezone(&Utc);
        let notice = LogoutNotice { sub: "s".into(), sid: Some("sid".into()) };
        let claims = LogoutTokenClaims::new("https://pz.example", "ikp", &notice, "j".into(), now);
        let v = serde_json::to_value(&claims).unwrap();
        assert_eq!(v["events"], json!({ "http://schemas.openid.net/event/backchannel-logout": {} }));
        assert_eq!((v["exp"].as_i64().unwrap() - v["iat"].as_i64().unwrap()), 120);
        assert!(v.get("nonce").is_none());
        let everyone = LogoutTokenClaims::new(
            "https://pz.example",
            "ikp",
            &LogoutNotice { sub: "s".into(), sid: None },
            "j".into(),
            now,
        );
        assert!(serde_json::to_value(everyone).unwrap().get("sid").is_none());
    }

    #[test]
    fn the_state_goes_back_after_the_services_own_query() {
        assert_eq!(with_state("https://ikp.example/", Some("a b")), "https://ikp.example/?state=a+b");
        assert_eq!(with_state("https://ikp.example/?x=1", Some("s")), "https://ikp.example/?x=1&state=s");
        assert_eq!(with_state("https://ikp.example/", None), "https://ikp.example/");
    }
}
