//! The oidc-provider function: `/.well-known/openid-configuration`, `/oauth2/authorize`,
//! `/oauth2/token`, `/oauth2/userinfo`, `/oauth2/jwks.json`.

use base64::Engine;
use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request, Response};

use super::citizen::session_token;
use super::default_route;
use crate::deps::HasOidc;
use crate::http::routes::oidc_provider::{AUTHORIZE, DISCOVERY, JWKS, TOKEN, USERINFO, USERINFO_POST};
use crate::http::{json, respond, route_key, ApiError};
use crate::service::oidc::{self, Authorize, AuthorizeRequest, OAuthError, Provider, TokenRequest};
use crate::service::signin::authenticate;
use crate::texts;

pub async fn handle(deps: &impl HasOidc, req: Request) -> Response<Body> {
    let provider = deps.oidc();
    match route_key(&req) {
        Some(DISCOVERY) => cacheable(json(StatusCode::OK, &provider.discovery())),
        Some(JWKS) => cacheable(json(StatusCode::OK, &provider.jwks())),
        Some(AUTHORIZE) => respond(authorize(deps, provider, req).await),
        Some(TOKEN) => token(deps, provider, req).await,
        Some(USERINFO | USERINFO_POST) => userinfo(deps, provider, req).await,
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
            let back = format!("/oauth2/authorize?{}", return_query(query, auth_after.as_deref()));
            let next = serde_urlencoded::to_string([("next", back.as_str())]).unwrap_or_default();
            redirect(&format!("/logowanie?{next}"))
        }
        Authorize::Refuse(code) => Err(ApiError::bad_request(code, texts::OIDC_BAD_CLIENT)),
    }
}

/// The client's query for coming back after the sign-in, with our own mark (if any)
/// replacing an earlier one: a second `pz_auth_after` would make the query unreadable.
fn return_query(query: &str, auth_after: Option<&str>) -> String {
    let mut pairs: Vec<String> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("pz_auth_after=")).map(str::to_owned).collect();
    if let Some(mark) = auth_after {
        pairs.push(serde_urlencoded::to_string([("pz_auth_after", mark)]).unwrap_or_default());
    }
    pairs.join("&")
}

/// The credentials of an `Authorization` header with this scheme, which is
/// case-insensitive (RFC 9110 §11.1: `bearer` and `BEARER` are `Bearer`).
fn authorization<'r>(req: &'r Request, scheme: &str) -> Option<&'r str> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (given, credentials) = v.trim_start().split_once(' ')?;
    given.eq_ignore_ascii_case(scheme).then(|| credentials.trim()).filter(|c| !c.is_empty())
}

fn oauth_error(e: OAuthError) -> Response<Body> {
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
    let body = serde_json::json!({ "error": code, "error_description": description, "message": texts::OIDC_REFUSED });
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
    let body = body_text(&req);
    if body.len() > crate::http::MAX_BODY {
        return oauth_error(OAuthError::InvalidRequest("body too large"));
    }
    let Ok(form) = serde_urlencoded::from_bytes::<TokenRequest>(body) else {
        return oauth_error(OAuthError::InvalidRequest("expected application/x-www-form-urlencoded"));
    };
    match oidc::token(&deps.ctx(), &*deps.random, provider, &form, basic_auth(&req)).await {
        Ok(t) => {
            let mut resp = json(StatusCode::OK, &t);
            resp.headers_mut().insert(header::PRAGMA, header::HeaderValue::from_static("no-cache"));
            resp
        }
        Err(e) => oauth_error(e),
    }
}

async fn userinfo(deps: &impl HasOidc, provider: &Provider, req: Request) -> Response<Body> {
    match oidc::userinfo(&deps.ctx(), provider, authorization(&req, "Bearer")).await {
        Ok(claims) => json(StatusCode::OK, &claims),
        Err(e) => oauth_error(e),
    }
}
