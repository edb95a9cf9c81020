//! The sign-in function: `POST /api/login` (password), `POST /api/login/{challenge_id}/confirm`
//! ("Potwierdź" with the SMS code), `GET /api/login/{challenge_id}` (waiting for the
//! app), `POST /api/login/{challenge_id}/sms` (a code instead of the push), `POST /api/logout`;
//! and "Nie pamiętasz hasła?" / "Nie pamiętasz nazwy użytkownika?" / "To nie ja"
//! (`super::recovery`).

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use super::citizen::{citizen_session, session_cookies, session_token, ChallengeOut, LOGIN_COOKIE, LOGIN_PATH};
use super::default_route;
use crate::deps::HasSms;
use crate::domain::{ChallengeId, SmsCode, Token};
use crate::http::routes::sign_in::{
    CONFIRM, DISAVOW, LOGIN, LOGOUT, POLL, RECOVERY_CODE, RECOVERY_CONFIRM, RECOVER_PASSWORD, RECOVER_USERNAME, SMS,
};
use crate::http::{
    chosen_lang, cookie, empty, json, path_param, read_json, request_lang, require_csrf_any, respond, route_key,
    set_cookie, source_ip, ApiError, CookieSpec, CSRF_COOKIE, LOGIN_CSRF_COOKIE,
};
use crate::service::signin::{self, authenticate, csrf_token, login_csrf_token, Binding, LoginAttempt, Outcome};

const LOGIN_COOKIE_MAX_AGE: i64 = crate::domain::signin::SIGN_IN_TIME_LIMIT.num_seconds();

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Login {
    login: String,
    password: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Confirm {
    code: String,
}

#[derive(Serialize)]
struct Status<'a> {
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    csrf_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_method: Option<&'static str>,
    /// A phone change approved: where its code went.
    #[serde(skip_serializing_if = "Option::is_none")]
    sent_to: Option<String>,
}

pub async fn handle(deps: &impl HasSms, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    respond(
        lang,
        match route_key(&req) {
            Some(LOGIN) => start(deps, req).await,
            Some(LOGOUT) => sign_out(deps, req).await,
            Some(CONFIRM) => confirm(deps, req).await,
            Some(SMS) => fall_back(deps, req).await,
            Some(POLL) => poll(deps, req).await,
            Some(RECOVER_PASSWORD) => super::recovery::password(deps, req).await,
            Some(RECOVERY_CODE) => super::recovery::send_code(deps, req).await,
            Some(RECOVERY_CONFIRM) => super::recovery::confirm(deps, req).await,
            Some(RECOVER_USERNAME) => super::recovery::username(deps, req).await,
            Some(DISAVOW) => super::recovery::disavow(deps, req).await,
            _ => return default_route::answer(&req),
        },
    )
}

async fn start(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let body: Login = read_json(&req, false)?;
    let browser = Token::generate(&*deps.random);
    let attempt =
        LoginAttempt { login: &body.login, password: &body.password, source: source_ip(&req), lang: chosen_lang(&req) };
    let started = signin::login(&deps.ctx(), &*deps.random, deps.sms(), attempt, &browser).await?;
    let csrf = login_csrf_token(&deps.config.hash_key, &browser);
    let mut out = ChallengeOut::from(started);
    out.csrf_token = Some(csrf.clone());
    let mut resp = json(StatusCode::OK, &out);
    login_cookies(&mut resp, deps, browser.reveal(), &csrf);
    Ok(resp)
}

/// The sign-in's own cookies: `pz_login` and its CSRF cookie, on `/api/login` only.
fn login_cookies(resp: &mut Response<Body>, deps: &impl HasSms, token: &str, csrf: &str) {
    let secure = deps.config.secure_cookies;
    let max_age_secs = LOGIN_COOKIE_MAX_AGE;
    set_cookie(resp, CookieSpec::secret(LOGIN_COOKIE, token, LOGIN_PATH, secure, max_age_secs));
    set_cookie(resp, CookieSpec::readable(LOGIN_CSRF_COOKIE, csrf, LOGIN_PATH, secure, max_age_secs));
}

/// The challenge of the path and who asks about it: the `pz_login` browser and, if
/// signed in, the account (for step-ups). State-changing requests need the CSRF token
/// of one of them.
async fn bound(
    deps: &impl HasSms,
    req: &Request,
    state_changing: bool,
) -> Result<(ChallengeId, Option<Token>, Option<crate::domain::ApplicationId>), ApiError> {
    let id = ChallengeId::parse(&path_param(req, "challenge_id")?).map_err(|_| ApiError::not_found())?;
    let browser = cookie(req, LOGIN_COOKIE).filter(|v| !v.is_empty()).map(Token::from_cookie);
    let session = session_token(req);
    let account = match &session {
        Some(t) => authenticate(&deps.ctx(), t).await.ok().map(|(s, _)| s.account_id),
        None => None,
    };
    if state_changing {
        let keys = &deps.config.hash_key;
        let mut expected = Vec::new();
        if let Some(b) = &browser {
            expected.push((LOGIN_CSRF_COOKIE, login_csrf_token(keys, b)));
        }
        if let (Some(t), Some(_)) = (&session, &account) {
            expected.push((CSRF_COOKIE, csrf_token(keys, t)));
        }
        require_csrf_any(req, &expected.iter().map(|(c, t)| (*c, t.as_str())).collect::<Vec<_>>())?;
    }
    Ok((id, browser, account))
}

async fn confirm(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, browser, account) = bound(deps, &req, true).await?;
    let body: Confirm = read_json(&req, false)?;
    let code = SmsCode::parse(&body.code).map_err(|e| ApiError::invalid_fields(vec![e.for_field("code")]))?;
    let binding = Binding { browser: browser.as_ref(), account: account.as_ref() };
    let outcome = signin::confirm_code(&deps.ctx(), &*deps.random, &id, binding, &code).await?;
    Ok(outcome_response(deps, outcome))
}

/// "Wyślij kod SMS": the push waiting screen goes on with a code instead.
async fn fall_back(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, browser, account) = bound(deps, &req, true).await?;
    let binding = Binding { browser: browser.as_ref(), account: account.as_ref() };
    let started = signin::fall_back_to_sms(&deps.ctx(), &*deps.random, deps.sms(), &id, binding).await?;
    Ok(json(StatusCode::OK, &ChallengeOut::from(started)))
}

fn outcome_response(deps: &impl HasSms, outcome: Outcome) -> Response<Body> {
    let mut status =
        Status { status: "approved", csrf_token: None, valid_until: None, auth_method: None, sent_to: None };
    match outcome {
        Outcome::SignedIn(token) => {
            let csrf = csrf_token(&deps.config.hash_key, &token);
            status.csrf_token = Some(csrf.clone());
            let mut resp = json(StatusCode::OK, &status);
            session_cookies(&mut resp, deps, token.reveal(), &csrf);
            return resp;
        }
        Outcome::Extended(until) => status.valid_until = Some(super::citizen::rfc3339(until)),
        Outcome::MethodChanged(m) => status.auth_method = Some(super::citizen::method_str(m)),
        Outcome::DeviceLinked(_) => {}
        Outcome::PhoneCodeSent(to) => {
            status.status = "code_sent";
            status.sent_to = Some(to);
        }
        Outcome::Deleted => {
            status.status = "deleted";
            let mut resp = json(StatusCode::OK, &status);
            session_cookies(&mut resp, deps, "", "");
            return resp;
        }
    }
    json(StatusCode::OK, &status)
}

async fn poll(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, browser, account) = bound(deps, &req, false).await?;
    let binding = Binding { browser: browser.as_ref(), account: account.as_ref() };
    let (view, token) = signin::poll(&deps.ctx(), &*deps.random, &id, binding).await?;
    match token {
        Some(token) => Ok(outcome_response(deps, Outcome::SignedIn(token))),
        None => Ok(json(
            StatusCode::OK,
            &Status { status: view.as_str(), csrf_token: None, valid_until: None, auth_method: None, sent_to: None },
        )),
    }
}

async fn sign_out(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    signin::logout(&deps.ctx(), &*deps.random, &me.session, &me.account).await?;
    let mut resp = empty(StatusCode::NO_CONTENT);
    session_cookies(&mut resp, deps, "", "");
    Ok(resp)
}
