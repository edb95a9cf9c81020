//! What the signed-in citizen's routes share: the `pz_session` cookie, its CSRF token,
//! and the shape of a started challenge.

use chrono::{DateTime, Utc};
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::deps::Wired;
use crate::domain::signin::SESSION_MAX;
use crate::domain::{Account, AuthMethod, CitizenSession, Token};
use crate::http::{cookie, require_csrf, set_cookie, ApiError, CookieSpec, CSRF_COOKIE};
use crate::service::signin::{authenticate, csrf_token, Started};
use crate::service::FlowError;

pub const SESSION_COOKIE: &str = "pz_session";
pub const LOGIN_COOKIE: &str = "pz_login";
pub const LOGIN_PATH: &str = "/api/login";

pub struct SignedIn {
    pub session: CitizenSession,
    pub account: Account,
    pub token: Token,
}

pub fn session_token(req: &Request) -> Option<Token> {
    cookie(req, SESSION_COOKIE).filter(|v| !v.is_empty()).map(Token::from_cookie)
}

/// The signed-in citizen, or 401. With `state_changing`, the `X-CSRF-Token` header must
/// match the session's token too.
pub async fn citizen_session(deps: &impl Wired, req: &Request, state_changing: bool) -> Result<SignedIn, ApiError> {
    let token = session_token(req).ok_or(FlowError::SignInRequired)?;
    let (session, account) = authenticate(&deps.ctx(), &token).await?;
    if state_changing {
        require_csrf(req, CSRF_COOKIE, &csrf_token(&deps.config.hash_key, &token))?;
    }
    Ok(SignedIn { session, account, token })
}

/// The session cookie (HttpOnly, `SameSite=Lax` so that a relying service's redirect
/// to `/oauth2/authorize` carries it) and its CSRF cookie; empty values end them.
pub fn session_cookies(resp: &mut Response<Body>, deps: &impl Wired, token: &str, csrf: &str) {
    let secure = deps.config.secure_cookies;
    let max_age_secs = if token.is_empty() { 0 } else { SESSION_MAX.num_seconds() };
    // Lax: a relying service's redirect to `/oauth2/authorize` must carry the session.
    set_cookie(resp, CookieSpec { lax: true, ..CookieSpec::secret(SESSION_COOKIE, token, "/", secure, max_age_secs) });
    set_cookie(resp, CookieSpec::readable(CSRF_COOKIE, csrf, "/", secure, max_age_secs));
}

pub fn method_str(m: AuthMethod) -> &'static str {
    m.as_str()
}

/// A started challenge as the browser gets it.
#[derive(Serialize)]
pub struct ChallengeOut {
    pub challenge_id: String,
    pub method: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub match_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_to: Option<String>,
    pub expires_in: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

impl From<Started> for ChallengeOut {
    fn from(s: Started) -> Self {
        Self {
            challenge_id: s.challenge_id.to_string(),
            method: method_str(s.method),
            match_number: s.match_number,
            sent_to: s.masked_phone,
            expires_in: s.expires_in.num_seconds(),
            csrf_token: None,
        }
    }
}

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
