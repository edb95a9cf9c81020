//! `POST /api/applications` ("Wyślij wniosek").

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use super::APP_COOKIE;
use crate::deps::Wired;
use crate::domain::{ApplicationForm, IdempotencyKey};
use crate::http::routes::submit_application::SUBMIT;
use crate::http::{
    json, read_json, request_lang, respond, route_key, set_cookie, source_ip, ApiError, CookieSpec, APP_CSRF_COOKIE,
};
use crate::service::application::{csrf_token, submit, Submission};
use crate::texts;

/// The `pz_app` cookie lets this browser follow its application for a week.
const COOKIE_MAX_AGE: i64 = 7 * 24 * 3600;

#[derive(Serialize)]
struct Created<'a> {
    application_id: &'a str,
    status: &'static str,
    csrf_token: &'a str,
}

/// The optional `Idempotency-Key` header; present but malformed is a 400.
pub(super) fn idempotency_key(req: &Request) -> Result<Option<IdempotencyKey>, ApiError> {
    let Some(value) = req.headers().get("idempotency-key") else { return Ok(None) };
    let parsed = value.to_str().ok().and_then(IdempotencyKey::parse);
    parsed.map(Some).ok_or_else(|| ApiError::bad_request("bad_idempotency_key", texts::BAD_IDEMPOTENCY_KEY))
}

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    match route_key(&req) {
        Some(SUBMIT) => respond(lang, run(deps, req).await),
        _ => super::default_route::answer(&req),
    }
}

async fn run(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let idempotency = idempotency_key(&req)?;
    let form: ApplicationForm = read_json(&req, false)?;
    let earlier = earlier_application(&req);
    let request = Submission {
        form: &form,
        idempotency: idempotency.as_ref(),
        source: source_ip(&req),
        browser: earlier.as_ref(),
        lang: request_lang(&req),
    };
    let done = submit(&deps.ctx(), &*deps.random, &deps.config.video_apps, request).await?;
    tracing::info!(application = %done.id, "application created, awaiting SMS code");
    Ok(created(deps, &done))
}

/// The earlier application's `pz_app` token of this browser, if any.
pub(super) fn earlier_application(req: &Request) -> Option<crate::domain::Token> {
    crate::http::cookie(req, APP_COOKIE).filter(|v| !v.is_empty()).map(crate::domain::Token::from_cookie)
}

/// 201 with the application's id and the `pz_app` cookie (and its CSRF cookie) that let this
/// browser follow it.
pub(super) fn created(deps: &impl Wired, done: &crate::service::application::Submitted) -> Response<Body> {
    let csrf = csrf_token(&deps.config.hash_key, &done.browser_token);
    let body = Created { application_id: done.id.as_str(), status: "awaiting_sms_code", csrf_token: &csrf };
    let mut resp = json(StatusCode::CREATED, &body);
    let secure = deps.config.secure_cookies;
    let token = done.browser_token.reveal();
    set_cookie(&mut resp, CookieSpec::secret(APP_COOKIE, token, "/api/applications", secure, COOKIE_MAX_AGE));
    set_cookie(&mut resp, CookieSpec::readable(APP_CSRF_COOKIE, &csrf, "/", secure, COOKIE_MAX_AGE));
    resp
}
