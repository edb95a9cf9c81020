//! The identity-providers function: the banks and Envelo (`GET /api/identity-providers`),
//! the trip to one and back (`GET /idp/{provider_id}/start`, `…/callback`), and the new
//! profile they vouched for (`GET /api/bank-applications/identity`,
//! `POST /api/bank-applications`; then the application's own SMS code and "Dalej").
//! docs/rules.md §1.12.

use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request, RequestExt, Response};
use serde::Serialize;

use super::citizen::session_cookies;
use super::submit_application::{created, earlier_application, idempotency_key};
use crate::deps::Wired;
use crate::domain::application::VouchedForm;
use crate::domain::idp::{safe_next, IdentityProvider, IdpKind, Purpose};
use crate::domain::Token;
use crate::http::routes::identity_providers::{BANK_APPLICATION, CALLBACK, IDENTITY, LIST, START};
use crate::http::{
    cookie, json, path_param, read_json, request_lang, respond, route_key, set_cookie, source_ip, ApiError, CookieSpec,
};
use crate::service::application::{submit_vouched, Sent};
use crate::service::federation::{callback, start, vouched, Callback, IdpError, Landed, Refused};
use crate::service::signin::csrf_token;
use crate::texts;

/// Binds a trip to a provider to the browser that started it (path `/idp/`, 10 minutes;
/// `SameSite=Lax`: the provider's redirect back is a top-level navigation from its site).
pub const STATE_COOKIE: &str = "pz_idp_state";
/// The identity a provider vouched for, until the form on `/wniosek/bank` is sent.
pub const VOUCHED_COOKIE: &str = "pz_idp";
const VOUCHED_PATH: &str = "/api/bank-applications";

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    respond(
        lang,
        match route_key(&req) {
            Some(LIST) => list(deps),
            Some(START) => begin(deps, &req).await,
            Some(CALLBACK) => back(deps, &req).await,
            Some(IDENTITY) => identity(deps, &req).await,
            Some(BANK_APPLICATION) => application(deps, req).await,
            _ => return super::default_route::answer(&req),
        },
    )
}

#[derive(Serialize)]
struct ProviderOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: IdpKind,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    demo: bool,
}

#[derive(Serialize)]
struct ProvidersOut<'a> {
    providers: Vec<ProviderOut<'a>>,
}

fn list(deps: &impl Wired) -> Result<Response<Body>, ApiError> {
    let providers = deps
        .config
        .identity_providers
        .iter()
        .map(|p| ProviderOut { id: &p.id, name: &p.name, kind: p.kind, demo: p.demo })
        .collect();
    Ok(json(StatusCode::OK, &ProvidersOut { providers }))
}

fn provider<'a>(deps: &'a impl Wired, req: &Request) -> Result<&'a IdentityProvider, ApiError> {
    let id = path_param(req, "provider_id")?;
    deps.config.identity_providers.iter().find(|p| p.id == id).ok_or_else(ApiError::not_found)
}

fn query<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.query_string_parameters_ref().and_then(|q| q.first(name))
}

fn redirect(location: &str) -> Response<Body> {
    let mut resp = Response::new(Body::Empty);
    *resp.status_mut() = StatusCode::FOUND;
    if let Ok(v) = header::HeaderValue::from_str(location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    resp
}

/// The page a failed trip returns to, with the reason the page shows in Polish.
fn back_to(purpose: Purpose, e: &IdpError) -> Response<Body> {
    let page = match purpose {
        Purpose::Create => "/wniosek",
        Purpose::Login => "/logowanie",
    };
    redirect(&format!("{page}?idp_error={}", e.code()))
}

/// `GET /idp/{provider_id}/start?purpose=create|login&next=`.
async fn begin(deps: &impl Wired, req: &Request) -> Result<Response<Body>, ApiError> {
    let provider = provider(deps, req)?;
    let purpose = query(req, "purpose")
        .and_then(Purpose::parse)
        .ok_or_else(|| ApiError::bad_request("bad_purpose", texts::idp::BAD_PURPOSE))?;
    let next = safe_next(query(req, "next"));
    match start(&deps.ctx(), &*deps.random, provider, purpose, next).await {
        Ok(started) => {
            tracing::info!(provider = %provider.id, "sent to an identity provider");
            let mut resp = redirect(&started.location);
            let spec = CookieSpec::secret(
                STATE_COOKIE,
                started.browser_token.reveal(),
                "/idp/",
                deps.config.secure_cookies,
                600,
            );
            set_cookie(&mut resp, CookieSpec { lax: true, ..spec });
            Ok(resp)
        }
        Err(e) => {
            tracing::warn!(provider = %provider.id, error = ?e, "identity provider unavailable");
            Ok(back_to(purpose, &e))
        }
    }
}

/// `GET /idp/{provider_id}/callback?code&state` (or `error`).
async fn back(deps: &impl Wired, req: &Request) -> Result<Response<Body>, ApiError> {
    let provider = provider(deps, req)?;
    let browser = cookie(req, STATE_COOKIE).filter(|v| !v.is_empty()).map(Token::from_cookie);
    let answer = Callback {
        code: query(req, "code"),
        state: query(req, "state"),
        error: query(req, "error"),
        browser: browser.as_ref(),
    };
    let secure = deps.config.secure_cookies;
    let mut resp = match callback(&deps.ctx(), &*deps.random, provider, answer).await {
        Ok(Landed::Vouched(token)) => {
            tracing::info!(provider = %provider.id, "identity vouched for a new profile");
            let mut resp = redirect("/wniosek/bank");
            let max_age = crate::domain::idp::VOUCHED_VALID_FOR.num_seconds();
            set_cookie(&mut resp, CookieSpec::secret(VOUCHED_COOKIE, token.reveal(), VOUCHED_PATH, secure, max_age));
            resp
        }
        Ok(Landed::SignedIn { session, account, next }) => {
            tracing::info!(provider = %provider.id, account = %account.id, "signed in through an identity provider");
            let mut resp = redirect(&next);
            let csrf = csrf_token(&deps.config.hash_key, &session);
            session_cookies(&mut resp, deps, session.reveal(), &csrf);
            resp
        }
        Err(Refused { error, purpose }) => {
            tracing::info!(provider = %provider.id, reason = error.code(), "identity provider trip refused");
            match &error {
                IdpError::ProviderFailed(why) => {
                    tracing::warn!(provider = %provider.id, error = %why, "identity provider failed")
                }
                IdpError::Store(why) => tracing::warn!(provider = %provider.id, error = %why, "store failed"),
                _ => {}
            }
            back_to(purpose, &error)
        }
    };
    // The trip is over either way.
    set_cookie(&mut resp, CookieSpec { lax: true, ..CookieSpec::secret(STATE_COOKIE, "", "/idp/", secure, 0) });
    Ok(resp)
}

#[derive(Serialize)]
struct IdentityOut<'a> {
    first_name: &'a str,
    last_name: &'a str,
    pesel: &'a str,
    provider: &'a str,
    provider_id: &'a str,
}

fn vouched_token(req: &Request) -> Option<Token> {
    cookie(req, VOUCHED_COOKIE).filter(|v| !v.is_empty()).map(Token::from_cookie)
}

/// `GET /api/bank-applications/identity`: what the provider vouched for, read-only.
async fn identity(deps: &impl Wired, req: &Request) -> Result<Response<Body>, ApiError> {
    let found = vouched(&deps.ctx(), vouched_token(req).as_ref(), deps.clock.now()).await?;
    let v = found.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "vouched_gone", texts::idp::VOUCHED_GONE))?;
    Ok(json(
        StatusCode::OK,
        &IdentityOut {
            first_name: v.first_name.as_str(),
            last_name: v.last_name.as_str(),
            pesel: v.pesel.as_str(),
            provider: &v.provider_name,
            provider_id: &v.provider,
        },
    ))
}

/// `POST /api/bank-applications`: the form of `/wniosek/bank`.
async fn application(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let idempotency = idempotency_key(&req)?;
    let found = vouched(&deps.ctx(), vouched_token(&req).as_ref(), deps.clock.now()).await?;
    let v = found.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "vouched_gone", texts::idp::VOUCHED_GONE))?;
    let form: VouchedForm = read_json(&req, false)?;
    let earlier = earlier_application(&req);
    let sent = Sent {
        idempotency: idempotency.as_ref(),
        source: source_ip(&req),
        browser: earlier.as_ref(),
        lang: request_lang(&req),
    };
    let done = submit_vouched(&deps.ctx(), &*deps.random, &v, &form, sent).await?;
    tracing::info!(application = %done.id, provider = %v.provider, "vouched application created, awaiting SMS code");
    Ok(created(deps, &done))
}
