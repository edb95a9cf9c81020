//! The clerk-session function: `POST /api/clerk/login`, `POST /api/clerk/logout`,
//! `GET /api/clerk/me`.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use super::clerk::{clerk_session, CLERK_COOKIE, CLERK_PATH};
use super::default_route;
use crate::deps::Wired;
use crate::domain::clerk::{SESSION_IDLE, SESSION_MAX};
use crate::http::routes::clerk_session::{LOGIN, LOGOUT, ME};
use crate::http::{
    json, read_json, request_lang, respond, route_key, set_cookie, source_ip, ApiError, CookieSpec, CLERK_CSRF_COOKIE,
};
use crate::service::clerk::{csrf_token, login, logout, ClerkLogin};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Login {
    username: String,
    password: String,
    /// The code from the authenticator app; a missing one is refused like a wrong one.
    #[serde(default)]
    totp: String,
}

#[derive(Serialize)]
struct Me<'a> {
    username: &'a str,
    csrf_token: &'a str,
    idle_timeout: i64,
}

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    respond(
        lang,
        match route_key(&req) {
            Some(LOGIN) => sign_in(deps, req).await,
            Some(LOGOUT) => sign_out(deps, req).await,
            Some(ME) => me(deps, req).await,
            _ => return default_route::answer(&req),
        },
    )
}

fn session_cookies(resp: &mut Response<Body>, deps: &impl Wired, token: &str, csrf: &str, max_age_secs: i64) {
    let secure = deps.config.secure_cookies;
    set_cookie(resp, CookieSpec::secret(CLERK_COOKIE, token, CLERK_PATH, secure, max_age_secs));
    set_cookie(resp, CookieSpec::readable(CLERK_CSRF_COOKIE, csrf, CLERK_PATH, secure, max_age_secs));
}

async fn sign_in(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let body: Login = read_json(&req, false)?;
    let attempt =
        ClerkLogin { username: &body.username, password: &body.password, totp: &body.totp, source: source_ip(&req) };
    let signed_in = login(&deps.ctx(), &*deps.random, attempt).await?;
    let csrf = csrf_token(&deps.config.hash_key, &signed_in.token);
    let me = Me {
        username: signed_in.session.username.as_str(),
        csrf_token: &csrf,
        idle_timeout: SESSION_IDLE.num_seconds(),
    };
    let mut resp = json(StatusCode::OK, &me);
    session_cookies(&mut resp, deps, signed_in.token.reveal(), &csrf, SESSION_MAX.num_seconds());
    Ok(resp)
}

async fn sign_out(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (session, _) = clerk_session(deps, &req, true).await?;
    logout(&deps.ctx(), &*deps.random, &session).await?;
    let mut resp = crate::http::empty(StatusCode::NO_CONTENT);
    session_cookies(&mut resp, deps, "", "", 0);
    Ok(resp)
}

async fn me(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (session, token) = clerk_session(deps, &req, false).await?;
    let csrf = csrf_token(&deps.config.hash_key, &token);
    let me = Me { username: session.username.as_str(), csrf_token: &csrf, idle_timeout: SESSION_IDLE.num_seconds() };
    Ok(json(StatusCode::OK, &me))
}
