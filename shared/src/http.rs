//! Everything HTTP, once for every function: JSON bodies in and out, the error shape of
//! docs/api.md §2.3, cookies and CSRF.

use std::borrow::Cow;
use std::collections::BTreeMap;

use lambda_http::http::{header, HeaderValue, StatusCode};
use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::crypto::constant_time_eq;
use crate::domain::account::SignInRefusal;
use crate::domain::application::Refusal;
use crate::domain::{CodeError, FieldError};
use crate::ports::{StoreError, UniqueKind};
use crate::service::FlowError;
use crate::texts;

pub const MAX_BODY: usize = 16 * 1024;
/// `Retry-After` of a 503 `busy`.
pub const BUSY_RETRY_AFTER_SECS: i64 = 1;

/// The body of a route that takes nothing: `{}` or empty; any field is refused.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}
/// The CSRF cookie of the citizen's session (Path=/; the name docs/api.md §2.6 fixes). Each flow has
/// a cookie of its own: an application's token under the same name and path replaced the
/// session's, and then "Wyloguj" failed and left the session alive.
pub const CSRF_COOKIE: &str = "pz_csrf";
/// …of an application in progress (Path=/, read by the application page's script).
pub const APP_CSRF_COOKIE: &str = "pz_app_csrf";
/// …of a sign-in in progress (Path=/api/login).
pub const LOGIN_CSRF_COOKIE: &str = "pz_login_csrf";
/// …of the clerk's session (Path=/api/clerk).
pub const CLERK_CSRF_COOKIE: &str = "pz_clerk_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// An error answer: status, machine code, Polish message, and the field(s) at fault.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: Cow<'static, str>,
    pub field: Option<String>,
    pub fields: Vec<FieldError>,
    pub retry_after: Option<i64>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<&'a str, &'a str>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self { status, code, message: message.into(), field: None, fields: Vec::new(), retry_after: None }
    }

    pub fn bad_request(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn on_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// 400 listing every refused field; the first one names the error.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let first = errors.first().cloned();
        let (code, message, field) = match first {
            Some(f) => (f.code, f.message, Some(f.field.to_owned())),
            None => ("invalid_input", Cow::Borrowed(texts::INVALID_JSON), None),
        };
        Self { status: StatusCode::BAD_REQUEST, code, message, field, fields: errors, retry_after: None }
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", texts::NOT_FOUND)
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", texts::INTERNAL)
    }

    pub fn too_many(code: &'static str, message: &'static str, retry_after: chrono::Duration) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, code, message);
        e.retry_after = Some(retry_after.num_seconds().max(1));
        e
    }

    /// 503 `busy`: concurrent requests kept winning the race for the same item. A second
    /// is long enough for them to finish (each holds it for one store round trip).
    pub fn busy() -> Self {
        let mut e = Self::new(StatusCode::SERVICE_UNAVAILABLE, "busy", texts::BUSY);
        e.retry_after = Some(BUSY_RETRY_AFTER_SECS);
        e
    }

    pub fn into_response(self) -> Response<Body> {
        let fields = self.fields.iter().map(|f| (f.field, f.message.as_ref())).collect();
        let body = ErrorBody { error: self.code, message: &self.message, field: self.field.as_deref(), fields };
        let mut resp = json(self.status, &body);
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match &e {
            StoreError::Unavailable(_) => {
                tracing::error!(error = %e, source = ?std::error::Error::source(&e), "store unavailable");
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", texts::UNAVAILABLE)
            }
            _ => {
                tracing::error!(error = %e, source = ?std::error::Error::source(&e), "store failure");
                Self::internal()
            }
        }
    }
}

impl From<FlowError> for ApiError {
    fn from(e: FlowError) -> Self {
        use StatusCode as S;
        match e {
            FlowError::Invalid(fields) => Self::invalid_fields(fields),
            FlowError::SlotUnknown => Self::bad_request("slot_unknown", texts::field::SLOT_UNKNOWN).on_field("slot_id"),
            FlowError::SlotPast => Self::bad_request("slot_past", texts::field::SLOT_PAST).on_field("slot_id"),
            FlowError::SlotTooFar => {
                Self::bad_request("slot_too_far", texts::field::SLOT_BEYOND_BOOKING).on_field("slot_id")
            }
            FlowError::SlotFull => Self::new(S::CONFLICT, "slot_full", texts::SLOT_FULL).on_field("slot_id"),
            FlowError::Taken(UniqueKind::Pesel) => {
                Self::new(S::CONFLICT, "pesel_taken", texts::PESEL_TAKEN).on_field("pesel")
            }
            FlowError::Taken(UniqueKind::Username) => {
                Self::new(S::CONFLICT, "username_taken", texts::USERNAME_TAKEN).on_field("username")
            }
            FlowError::Taken(UniqueKind::Phone) => {
                Self::new(S::CONFLICT, "phone_taken", texts::PHONE_TAKEN).on_field("phone")
            }
            FlowError::Taken(UniqueKind::Email) => {
                Self::new(S::CONFLICT, "email_taken", texts::EMAIL_TAKEN).on_field("email")
            }
            FlowError::NotFound => Self::not_found(),
            FlowError::NotAuthorised => Self::new(S::UNAUTHORIZED, "not_authorised", texts::NOT_AUTHORISED),
            FlowError::AlreadySubmitted => Self::new(S::CONFLICT, "already_submitted", texts::ALREADY_SUBMITTED),
            FlowError::Expired => Self::new(S::CONFLICT, "application_expired", texts::APPLICATION_EXPIRED),
            FlowError::WrongState => Self::new(S::CONFLICT, "wrong_state", texts::WRONG_STATE),
            FlowError::Code(c) => code_error(c),
            FlowError::SmsUnavailable => Self::new(S::SERVICE_UNAVAILABLE, "sms_unavailable", texts::SMS_UNAVAILABLE),
            FlowError::Refused(r) => refusal(r),
            FlowError::BadCredentials => Self::new(S::UNAUTHORIZED, "bad_credentials", texts::BAD_CREDENTIALS),
            FlowError::ClerkBadCredentials => {
                Self::new(S::UNAUTHORIZED, "bad_credentials", texts::CLERK_BAD_CREDENTIALS)
            }
            FlowError::Locked { retry_after } => Self::too_many("account_locked", texts::LOGIN_LOCKED, retry_after),
            FlowError::SourceLimit { retry_after } => {
                Self::too_many("too_many_requests", texts::SOURCE_LIMIT, retry_after)
            }
            FlowError::ClerkRequired => Self::new(S::UNAUTHORIZED, "clerk_login_required", texts::CLERK_REQUIRED),
            FlowError::NotAClerk => Self::new(S::FORBIDDEN, "not_a_clerk", texts::NOT_A_CLERK),
            FlowError::SlotOverlap => Self::new(S::CONFLICT, "slot_overlap", texts::SLOT_OVERLAP).on_field("start"),
            FlowError::ProfileUnusable(r) => {
                let (code, msg) = match r {
                    SignInRefusal::ProfileExpired => ("profile_expired", texts::PROFILE_EXPIRED),
                    SignInRefusal::NotConfirmed => ("profile_not_confirmed", texts::PROFILE_NOT_CONFIRMED),
                    SignInRefusal::Closed => ("profile_closed", texts::PROFILE_CLOSED),
                };
                Self::new(S::FORBIDDEN, code, msg)
            }
            FlowError::SignInRequired => Self::new(S::UNAUTHORIZED, "login_required", texts::LOGIN_REQUIRED),
            FlowError::ChallengeExpired => Self::new(S::CONFLICT, "challenge_expired", texts::CHALLENGE_EXPIRED),
            FlowError::ChallengeAnswered => Self::new(S::CONFLICT, "already_answered", texts::CHALLENGE_ANSWERED),
            FlowError::NoDevice => Self::new(S::CONFLICT, "no_device", texts::NO_DEVICE).on_field("method"),
            FlowError::PushLimit { retry_after } => Self::too_many("too_many_pushes", texts::PUSH_LIMIT, retry_after),
            FlowError::PushUnavailable => {
                Self::new(S::SERVICE_UNAVAILABLE, "push_unavailable", texts::PUSH_UNAVAILABLE)
            }
            FlowError::DeviceRequired => Self::new(S::UNAUTHORIZED, "device_required", texts::DEVICE_REQUIRED),
            FlowError::IdempotencyKeyReused | FlowError::Taken(UniqueKind::Idempotency) => {
                Self::new(S::UNPROCESSABLE_ENTITY, "idempotency_key_reused", texts::IDEMPOTENCY_KEY_REUSED)
            }
            FlowError::WrongMethod => Self::new(S::CONFLICT, "wrong_method", texts::WRONG_METHOD),
            FlowError::Busy => Self::busy(),
            FlowError::Store(s) => s.into(),
        }
    }
}

fn refusal(r: Refusal) -> ApiError {
    let conflict = |code, msg| ApiError::new(StatusCode::CONFLICT, code, msg);
    match r {
        Refusal::NotSubmitted => conflict("not_submitted", texts::NOT_SUBMITTED),
        Refusal::AlreadyDecided => conflict("already_decided", texts::ALREADY_DECIDED),
        Refusal::Expired => conflict("application_expired", texts::APPLICATION_EXPIRED_NO_SHOW),
        Refusal::SlotNotPassed => conflict("slot_not_passed", texts::SLOT_NOT_PASSED),
        Refusal::RebookUsed => conflict("rebook_used", texts::REBOOK_USED),
    }
}

fn code_error(e: CodeError) -> ApiError {
    let bad = |code, msg: Cow<'static, str>| ApiError::bad_request(code, msg).on_field("code");
    match e {
        CodeError::TooManySends { retry_after } => {
            ApiError::too_many("too_many_codes", texts::TOO_MANY_SENDS, retry_after)
        }
        CodeError::Blocked { retry_after } => ApiError::too_many("code_blocked", texts::BLOCKED, retry_after),
        CodeError::NoCode => bad("no_code", texts::CODE_NONE.into()),
        CodeError::Expired => bad("code_expired", texts::CODE_EXPIRED.into()),
        CodeError::Dead => bad("code_dead", texts::CODE_DEAD.into()),
        CodeError::Used => bad("code_used", texts::CODE_USED.into()),
        CodeError::Wrong { tries_left } => bad("wrong_code", texts::wrong_code(tries_left).into()),
    }
}

/// Runs a fallible handler body and turns its error into the JSON error answer.
pub fn respond(result: Result<Response<Body>, ApiError>) -> Response<Body> {
    result.unwrap_or_else(ApiError::into_response)
}

pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response<Body> {
    match serde_json::to_string(value) {
        Ok(text) => Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
            .header(header::CACHE_CONTROL, "no-store")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .body(Body::Text(text))
            .unwrap_or_default(),
        Err(_) => {
            let mut r = Response::new(Body::Text(r#"{"error":"internal_error","message":"Błąd."}"#.into()));
            *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            r
        }
    }
}

pub fn empty(status: StatusCode) -> Response<Body> {
    let mut r = Response::new(Body::Empty);
    *r.status_mut() = status;
    r
}

fn body_bytes(req: &Request) -> &[u8] {
    match req.body() {
        Body::Empty => &[],
        Body::Text(t) => t.as_bytes(),
        Body::Binary(b) => b,
    }
}

/// Parses a JSON object body into `T` (which should `deny_unknown_fields`), enforcing the
/// content type and size limit, and naming the field at fault. `{}` may be omitted when
/// `empty_ok` (bodies of routes that take nothing).
pub fn read_json<T: DeserializeOwned>(req: &Request, empty_ok: bool) -> Result<T, ApiError> {
    let bytes = body_bytes(req);
    if bytes.len() > MAX_BODY {
        return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", texts::TOO_LARGE));
    }
    let bytes: &[u8] = if bytes.is_empty() && empty_ok { b"{}" } else { bytes };
    if !(empty_ok && bytes == b"{}") {
        let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let mime = ct.split(';').next().unwrap_or("").trim();
        if !mime.eq_ignore_ascii_case("application/json") {
            return Err(ApiError::bad_request("unsupported_content_type", texts::CONTENT_TYPE));
        }
    }
    let value = match serde_json::from_slice::<StrictJson>(bytes) {
        Ok(StrictJson(value)) => value,
        Err(e) => {
            let msg = e.to_string();
            return Err(match between_backticks(&msg).filter(|_| msg.starts_with(DUPLICATE)) {
                Some(name) => ApiError::bad_request("duplicate_field", texts::duplicate_field(name)).on_field(name),
                None => ApiError::bad_request("invalid_json", texts::INVALID_JSON),
            });
        }
    };
    if !value.is_object() {
        return Err(ApiError::bad_request("invalid_json", texts::NOT_AN_OBJECT));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let msg = e.inner().to_string();
        if let Some(name) = between_backticks(&msg).filter(|_| msg.starts_with("unknown field")) {
            ApiError::bad_request("unknown_field", texts::unknown_field(name)).on_field(name)
        } else if let Some(name) = between_backticks(&msg).filter(|_| msg.starts_with("missing field")) {
            ApiError::bad_request("missing_field", texts::missing_field(name)).on_field(name)
        } else {
            ApiError::bad_request("wrong_type", texts::wrong_type(&path)).on_field(path)
        }
    })
}

const DUPLICATE: &str = "duplicate key";

/// A JSON value read in one pass that refuses an object naming the same key twice, at any
/// depth: `{"pesel": "…", "pesel": "…"}` is ambiguous (proxies and parsers disagree on which
/// one wins), so it is refused rather than silently taking the last.
struct StrictJson(serde_json::Value);

impl<'de> serde::Deserialize<'de> for StrictJson {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictJson)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictJson(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(items.into())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictJson(value) = map.next_value()?;
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!("{DUPLICATE} `{key}`")));
            }
            object.insert(key, value);
        }
        Ok(object.into())
    }
}

fn between_backticks(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// The value of one cookie of the request (`Cookie` header; API Gateway v2 puts its
/// `cookies` there too).
pub fn cookie<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    cookies(req, name).into_iter().next()
}

/// Every value of a cookie (the same name may come once per matching path).
pub fn cookies<'a>(req: &'a Request, name: &str) -> Vec<&'a str> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .collect()
}

pub struct CookieSpec<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub path: &'a str,
    pub http_only: bool,
    pub secure: bool,
    pub max_age_secs: i64,
    /// `SameSite=Lax` (sent on top-level navigations from other sites, which signing in
    /// to a relying service needs) instead of `Strict`.
    pub lax: bool,
}

pub fn set_cookie(resp: &mut Response<Body>, c: CookieSpec<'_>) {
    let same_site = if c.lax { "Lax" } else { "Strict" };
    let mut s = format!("{}={}; Path={}; Max-Age={}; SameSite={same_site}", c.name, c.value, c.path, c.max_age_secs);
    if c.http_only {
        s.push_str("; HttpOnly");
    }
    if c.secure {
        s.push_str("; Secure");
    }
    if let Ok(v) = HeaderValue::from_str(&s) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Double-submit check: the `X-CSRF-Token` header equals the flow's CSRF `cookie` and
/// the token derived from the flow's secret (so a cookie planted by another site does not pass).
pub fn require_csrf(req: &Request, cookie: &str, expected: &str) -> Result<(), ApiError> {
    require_csrf_any(req, &[(cookie, expected)])
}

/// The same, when the request may belong to more than one flow (a sign-in in progress
/// and a session): the header must match one flow's cookie and that flow's token.
pub fn require_csrf_any(req: &Request, flows: &[(&str, &str)]) -> Result<(), ApiError> {
    let header = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let matches = |(cookie, expected): &(&str, &str)| {
        constant_time_eq(header.as_bytes(), expected.as_bytes())
            && cookies(req, cookie).into_iter().any(|c| constant_time_eq(header.as_bytes(), c.as_bytes()))
    };
    if !header.is_empty() && flows.iter().any(matches) {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "csrf", texts::CSRF))
    }
}

/// The client's IP address as API Gateway saw it (`requestContext.http.sourceIp`; the
/// local gateway puts the TCP peer there). Never a header: `X-Forwarded-For` is written
/// by the client and would let anyone pick the address their limits are counted on.
pub fn source_ip(req: &Request) -> Option<std::net::IpAddr> {
    match req.request_context_ref()? {
        RequestContext::ApiGatewayV2(c) => c.http.source_ip.as_deref()?.parse().ok(),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// A path parameter, or 404 when the route was matched without it.
pub fn path_param(req: &Request, name: &str) -> Result<String, ApiError> {
    req.path_parameters().first(name).map(str::to_owned).ok_or_else(ApiError::not_found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::aws_lambda_events::apigw::{
        ApiGatewayV2httpRequestContext, ApiGatewayV2httpRequestContextHttpDescription,
    };

    fn from(source_ip: Option<&str>) -> Request {
        let http = ApiGatewayV2httpRequestContextHttpDescription {
            method: lambda_http::http::Method::POST,
            path: Some("/api/login".into()),
            source_ip: source_ip.map(str::to_owned),
            ..Default::default()
        };
        let ctx =
            ApiGatewayV2httpRequestContext { route_key: Some("POST /api/login".into()), http, ..Default::default() };
        Request::default().with_request_context(RequestContext::ApiGatewayV2(ctx))
    }

    #[test]
    fn source_ip_is_read_from_the_request_context() {
        assert_eq!(source_ip(&from(Some("203.0.113.7"))), Some("203.0.113.7".parse().unwrap()));
        assert_eq!(source_ip(&from(Some("2001:db8::1"))), Some("2001:db8::1".parse().unwrap()));
    }

    #[test]
    fn source_ip_is_none_without_a_context_or_a_valid_address_and_ignores_forwarded_headers() {
        assert_eq!(source_ip(&from(None)), None);
        assert_eq!(source_ip(&from(Some("not an address"))), None);
        let mut req = Request::default();
        req.headers_mut().insert("x-forwarded-for", HeaderValue::from_static("198.51.100.1"));
        assert_eq!(source_ip(&req), None, "a header the client writes is not its address");
    }

    #[test]
    fn a_lost_race_is_503_busy_with_retry_after_not_a_500() {
        let resp = ApiError::from(FlowError::Busy).into_response();
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(resp.headers()[header::RETRY_AFTER], "1");
        let Body::Text(text) = resp.body() else { panic!("a JSON body") };
        let body: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!((body["error"].as_str(), body["message"].as_str()), (Some("busy"), Some(texts::BUSY)));
    }
}
