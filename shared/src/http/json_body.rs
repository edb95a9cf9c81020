//! Request bodies: a JSON object within the size limit, of the JSON content type, with no
//! key repeated, read into a struct that names the field at fault when it refuses.

use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request};
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::strict_json::{StrictJson, DUPLICATE};
use crate::texts::{self, Text};

pub const MAX_BODY: usize = 16 * 1024;

/// The body of a route that takes nothing: `{}` or empty; any field is refused.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

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
    let takes_nothing = empty_ok && bytes == b"{}";
    if !(takes_nothing || is_json(req)) {
        return Err(ApiError::bad_request("unsupported_content_type", texts::CONTENT_TYPE));
    }
    let value = match serde_json::from_slice::<StrictJson>(bytes) {
        Ok(StrictJson(value)) => value,
        Err(e) => return Err(unreadable(&e.to_string())),
    };
    if !value.is_object() {
        return Err(ApiError::bad_request("invalid_json", texts::NOT_AN_OBJECT));
    }
    serde_path_to_error::deserialize(value).map_err(|e| refused_field(e.path().to_string(), &e.inner().to_string()))
}

/// `Content-Type: application/json`, with any parameters (`; charset=utf-8`).
fn is_json(req: &Request) -> bool {
    let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("application/json")
}

/// The answer to a body that is not JSON, or names a key twice.
fn unreadable(msg: &str) -> ApiError {
    match between_backticks(msg).filter(|_| msg.starts_with(DUPLICATE)) {
        Some(name) => {
            ApiError::bad_request("duplicate_field", Text::about(name, |t, n| t.duplicate_field(n))).on_field(name)
        }
        None => ApiError::bad_request("invalid_json", texts::INVALID_JSON),
    }
}

/// The answer to a JSON object that is not the struct: a field it does not have, lacks,
/// or of the wrong type (`path` says where).
fn refused_field(path: String, msg: &str) -> ApiError {
    if let Some(name) = between_backticks(msg).filter(|_| msg.starts_with("unknown field")) {
        ApiError::bad_request("unknown_field", Text::about(name, |t, n| t.unknown_field(n))).on_field(name)
    } else if let Some(name) = between_backticks(msg).filter(|_| msg.starts_with("missing field")) {
        ApiError::bad_request("missing_field", Text::about(name, |t, n| t.missing_field(n))).on_field(name)
    } else {
        ApiError::bad_request("wrong_type", Text::about(&path, |t, n| t.wrong_type(n))).on_field(path)
    }
}

fn between_backticks(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}
