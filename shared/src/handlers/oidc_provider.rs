//! The oidc-provider function: `/.well-known/openid-configuration`, `/oauth2/authorize`,
//! `/oauth2/token`, `/oauth2/userinfo`, `/oauth2/jwks.json`, `/oauth2/logout`, and the
//! consent page's `/api/consent`.

use base64::Engine;
use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request, Response};

use super::citizen::{citizen_session, session_cookies, session_token};
use super::default_route;
use crate::deps::HasOidc;
use crate::http::routes::oidc_provider::{
    AUTHORIZE, CONSENT, CONSENT_ANSWER, DISCOVERY, JWKS, LOGOUT, LOGOUT_POST, TOKEN, USERINFO, USERINFO_POST,
};
use crate::http::{json, read_json, request_lang, respond, route_key, ApiError};
use crate::service::oidc::{self, Authorize, AuthorizeRequest, OAuthError, Provider, TokenRequest};
use crate::service::signin::authenticate;
use crate::texts::{self, Lang};

pub async fn handle(deps: &impl HasOidc, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    let provider = deps.oidc();
    match route_key(&req) {
        Some(DISCOVERY) => cacheable(json(StatusCode::OK, &provider.discovery())),
        Some(JWKS) => cacheable(json(StatusCode::OK, &provider.jwks())),
        Some(AUTHORIZE) => respond(lang, authorize(deps, provider, req).await),
        Some(TOKEN) => token(deps, provider, req).await,
        Some(USERINFO | USERINFO_POST) => userinfo(deps, provider, req).await,
        Some(CONSENT) => respond(lang, consent_ask(deps, provider, req).await),
        Some(LOGOUT | LOGOUT_POST) => respond(lang, logout(deps, provider, req).await),
        Some(CONSENT_ANSWER) => respond(lang, consent_answer(deps, provider, req).await),
        _ => default_route::answer(&req),
    }
}

/// Discovery and keys change only with a new key: clients may cache them for an hour.
fn cacheable(mut resp: Response<Body>) -> Response<Body> {
    resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("public, max-age=3600"));
    resp.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, header::HeaderValue::from_static("*"));
    resp
}

fn redirect(location: &str) -> Result<Response<Body>, ApiError> {
    Response::builder()
        .status(StatusCode::FOUND)
        .header(header::LOCATION, location)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::Empty)
        .map_err(|_| ApiError::internal())
}

async fn authorize(deps: &impl HasOidc, provider: &Provider, req: Request) -> Result<Response<Body>, ApiError> {
    let query = req.uri().query().unwrap_or("");
    let params: AuthorizeRequest = serde_urlencoded::from_str(query)
        .map_err(|_| ApiError::bad_request("invalid_request", texts::OIDC_BAD_REQUEST))?;
    let signed_in = match session_token(&req) {
        Some(t) => authenticate(&deps.ctx(), &t).await.ok(),
        None => None,
    };
    match oidc::authorize(&deps.ctx(), &*deps.random, provider, &params, signed_in).await? {
        Authorize::Redirect(to) => redirect(&to),
        Authorize::SignIn { auth_after } => {
            let mut back = return_query(query, "pz_auth_after=");
            if let Some(mark) = auth_after.as_deref() {
                back.push('&');
                back.push_str(&serde_urlencoded::to_string([("pz_auth_after", mark)]).unwrap_or_default());
            }
            let back = format!("/oauth2/authorize?{}", back.trim_start_matches('&'));
            let mut pairs = vec![("next", back.as_str())];
            let hint = params.ui_locales.as_deref().and_then(crate::http::ui_locales_lang);
            if let Some(lang) = hint {
                pairs.push(("ui_locales", lang.code()));
            }
            let next = serde_urlencoded::to_string(pairs).unwrap_or_default();
            redirect(&format!("/logowanie?{next}"))
        }
        Authorize::Consent => {
            let back = return_query(query, "pz_consent=");
            redirect(&format!("/zgoda?{back}"))
        }
        Authorize::Refuse(code) => Err(ApiError::bad_request(code, texts::OIDC_BAD_CLIENT)),
    }
}

/// `/oauth2/logout` (RP-Initiated Logout 1.0). A POST form is answered with a 303 to the
/// same request as a GET: the session cookie is `SameSite=Lax`, so a browser sends it on
/// a top-level GET from a service's page but not on its cross-site POST, and a logout
/// that cannot see the session must not tell the service it happened.
async fn logout(deps: &impl HasOidc, provider: &Provider, req: Request) -> Result<Response<Body>, ApiError> {
    let bad = || ApiError::bad_request("invalid_request", texts::OIDC_BAD_REQUEST);
    if req.method() == lambda_http::http::Method::POST {
        let body = body_text(&req);
        if body.len() > crate::http::MAX_BODY {
            return Err(bad());
        }
        let form: Vec<(String, String)> = serde_urlencoded::from_bytes(body).map_err(|_| bad())?;
        let query = serde_urlencoded::to_string(&form).map_err(|_| bad())?;
        let mut resp = redirect(&format!("/oauth2/logout?{query}"))?;
        *resp.status_mut() = StatusCode::SEE_OTHER;
        return Ok(resp);
    }
    let query = req.uri().query().unwrap_or("");
    let params: oidc::LogoutRequest = serde_urlencoded::from_str(query).map_err(|_| bad())?;
    let signed_in = match session_token(&req) {
        Some(t) => authenticate(&deps.ctx(), &t).await.ok(),
        None => None,
    };
    match oidc::end_session(&deps.ctx(), &*deps.random, provider, &params, signed_in).await? {
        oidc::EndSession::Ended { to, ended } => {
            let mut resp = redirect(&to)?;
            if ended {
                session_cookies(&mut resp, deps, "", "");
            }
            Ok(resp)
        }
        // The citizen decides on our page; once signed out, it comes back here.
        oidc::EndSession::Ask if query.is_empty() => redirect(oidc::LOGGED_OUT_PAGE),
        oidc::EndSession::Ask => redirect(&format!("{}?{query}", oidc::LOGGED_OUT_PAGE)),
        oidc::EndSession::Refuse(code) => Err(ApiError::bad_request(code, texts::OIDC_BAD_LOGOUT)),
    }
}

/// The authorize query the consent page was given (its own query, passed on).
fn consent_query(query: &str) -> Result<AuthorizeRequest, ApiError> {
    serde_urlencoded::from_str(query).map_err(|_| ApiError::bad_request("invalid_request", texts::OIDC_BAD_REQUEST))
}

/// `GET /api/consent?<authorize query>`: who asks for what, for the signed-in citizen.
async fn consent_ask(deps: &impl HasOidc, provider: &Provider, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, false).await?;
    let query = req.uri().query().unwrap_or("");
    let asked = oidc::consent_ask(&deps.ctx(), provider, &consent_query(query)?, &me.account).await?;
    let asked = asked.map_err(|code| ApiError::bad_request(code, texts::OIDC_BAD_REQUEST))?;
    let body = serde_json::json!({
        "client_id": asked.client_id,
        "client_name": asked.client_name,
        "scopes": asked.scope,
        "new_scopes": asked.new,
        "csrf_token": crate::service::signin::csrf_token(&deps.config.hash_key, &me.token),
    });
    let mut resp = json(StatusCode::OK, &body);
    resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(resp)
}

/// The body of `POST /api/consent`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsentAnswer {
    /// The authorize query the page was given.
    query: String,
    /// `allow` ("Zgadzam się") or `deny` ("Anuluj").
    decision: String,
}

/// `POST /api/consent`: `{"redirect": <where the browser goes>}`.
async fn consent_answer(deps: &impl HasOidc, provider: &Provider, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let answer: ConsentAnswer = read_json(&req, false)?;
    let allow = match answer.decision.as_str() {
        "allow" => true,
        "deny" => false,
        _ => return Err(ApiError::bad_request("bad_decision", texts::CONSENT_DECISION).on_field("decision")),
    };
    let query = answer.query.trim_start_matches('?');
    let params = consent_query(query)?;
    let ctx = deps.ctx();
    let to = oidc::consent(&ctx, &*deps.random, provider, &params, query, &me.account, allow).await?;
    let to = to.map_err(|code| ApiError::bad_request(code, texts::OIDC_BAD_REQUEST))?;
    Ok(json(StatusCode::OK, &serde_json::json!({ "redirect": to })))
}

/// The client's query for coming back, without an earlier mark of ours (`drop`, e.g.
/// `pz_auth_after=`): a second one would make the query unreadable.
fn return_query(query: &str, drop: &str) -> String {
    query.split('&').filter(|p| !p.is_empty() && !p.starts_with(drop)).collect::<Vec<_>>().join("&")
}

/// The credentials of an `Authorization` header with this scheme, which is
/// case-insensitive (RFC 9110 §11.1: `bearer` and `BEARER` are `Bearer`).
fn authorization<'r>(req: &'r Request, scheme: &str) -> Option<&'r str> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (given, credentials) = v.trim_start().split_once(' ')?;
    given.eq_ignore_ascii_case(scheme).then(|| credentials.trim()).filter(|c| !c.is_empty())
}

/// An OAuth error for the service's server: `error` and `error_description` for it, and
/// the `message` a person might be shown, in the request's language.
fn oauth_error(lang: Lang, e: OAuthError) -> Response<Body> {
    let (status, code, description) = match e {
        OAuthError::InvalidRequest(d) => (StatusCode::BAD_REQUEST, "invalid_request", d),
        OAuthError::InvalidClient => (StatusCode::UNAUTHORIZED, "invalid_client", "client authentication failed"),
        OAuthError::InvalidGrant(d) => (StatusCode::BAD_REQUEST, "invalid_grant", d),
        OAuthError::UnsupportedGrantType => {
            (StatusCode::BAD_REQUEST, "unsupported_grant_type", "only authorization_code")
        }
        OAuthError::InvalidToken => {
            (StatusCode::UNAUTHORIZED, "invalid_token", "the access token is invalid or expired")
        }
        OAuthError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "temporarily_unavailable", "try again later"),
    };
    let body = serde_json::json!({ "error": code, "error_description": description, "message": texts::OIDC_REFUSED.in_(lang) });
    let mut resp = json(status, &body);
    if e == OAuthError::InvalidToken {
        resp.headers_mut()
            .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer error=\"invalid_token\""));
    }
    resp
}

fn body_text(req: &Request) -> &[u8] {
    match req.body() {
        Body::Empty => &[],
        Body::Text(t) => t.as_bytes(),
        Body::Binary(b) => b,
    }
}

/// `Authorization: Basic base64(client_id:client_secret)` (RFC 6749 §2.3.1).
fn basic_auth(req: &Request) -> Option<(String, String)> {
    let raw = base64::engine::general_purpose::STANDARD.decode(authorization(req, "Basic")?).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (id, secret) = text.split_once(':')?;
    let decode =
        |s: &str| serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={s}")).ok()?.pop().map(|(_, v)| v);
    Some((decode(id)?, decode(secret)?))
}

async fn token(deps: &impl HasOidc, provider: &Provider, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    let body = body_text(&req);
    if body.len() > crate::http::MAX_BODY {
        return oauth_error(lang, OAuthError::InvalidRequest("body too large"));
    }
    let Ok(form) = serde_urlencoded::from_bytes::<TokenRequest>(body) else {
        return oauth_error(lang, OAuthError::InvalidRequest("expected application/x-www-form-urlencoded"));
    };
    match oidc::token(&deps.ctx(), &*deps.random, provider, &form, basic_auth(&req)).await {
        Ok(t) => {
            let mut resp = json(StatusCode::OK, &t);
            resp.headers_mut().insert(header::PRAGMA, header::HeaderValue::from_static("no-cache"));
            resp
        }
        Err(e) => oauth_error(lang, e),
    }
}

async fn userinfo(deps: &impl HasOidc, provider: &Provider, req: Request) -> Response<Body> {
    match oidc::userinfo(&deps.ctx(), provider, authorization(&req, "Bearer")).await {
        Ok(claims) => json(StatusCode::OK, &claims),
        Err(e) => oauth_error(request_lang(&req), e),
    }
}
