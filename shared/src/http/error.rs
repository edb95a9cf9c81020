//! `ApiError`: the one error answer of every function, as docs/api.md §2.3 shapes it — a status, a
//! machine code, a message in the reader's language, the field(s) at fault and, for limits,
//! `Retry-After`.

use std::collections::BTreeMap;

use lambda_http::http::{header, HeaderValue, StatusCode};
use lambda_http::{Body, Response};
use serde::Serialize;

use super::response::json;
use crate::domain::FieldError;
use crate::texts::{self, Lang, Text};

/// `Retry-After` of a 503 `busy`.
pub const BUSY_RETRY_AFTER_SECS: i64 = 1;

/// An error answer: status, machine code, message (put in words when answered), and the
/// field(s) at fault.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: Text,
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
    pub fn new(status: StatusCode, code: &'static str, message: Text) -> Self {
        Self { status, code, message, field: None, fields: Vec::new(), retry_after: None }
    }

    pub fn bad_request(code: &'static str, message: Text) -> Self {
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
            None => ("invalid_input", texts::INVALID_JSON, None),
        };
        Self { status: StatusCode::BAD_REQUEST, code, message, field, fields: errors, retry_after: None }
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", texts::NOT_FOUND)
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", texts::INTERNAL)
    }

    pub fn too_many(code: &'static str, message: Text, retry_after: chrono::Duration) -> Self {
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

    /// The answer, its messages in `lang`.
    pub fn into_response(self, lang: Lang) -> Response<Body> {
        let messages: Vec<_> = self.fields.iter().map(|f| (f.field, f.message.in_(lang))).collect();
        let fields = messages.iter().map(|(field, message)| (*field, message.as_ref())).collect();
        let message = self.message.in_(lang);
        let body = ErrorBody { error: self.code, message: &message, field: self.field.as_deref(), fields };
        let mut resp = json(self.status, &body);
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}

/// Runs a fallible handler body and turns its error into the JSON error answer, in the
/// reader's language.
pub fn respond(lang: Lang, result: Result<Response<Body>, ApiError>) -> Response<Body> {
    result.unwrap_or_else(|e| e.into_response(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(resp: &Response<Body>) -> serde_json::Value {
        let Body::Text(text) = resp.body() else { panic!("a JSON body") };
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn an_error_answer_is_json_with_code_message_and_fields() {
        let errors = vec![
            FieldError { field: "pesel", code: "invalid_pesel", message: Text::made(|_| "Zły PESEL.".into()) },
            FieldError { field: "phone", code: "invalid_phone", message: Text::made(|_| "Zły numer.".into()) },
        ];
        let resp = ApiError::invalid_fields(errors).into_response(Lang::Pl);
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
        assert_eq!(resp.headers()[header::CONTENT_TYPE], "application/json; charset=utf-8");
        assert_eq!(resp.headers()[header::CACHE_CONTROL], "no-store");
        assert!(resp.headers().get(header::RETRY_AFTER).is_none());
        assert_eq!(
            body(&resp),
            serde_json::json!({"error": "invalid_pesel", "message": "Zły PESEL.", "field": "pesel",
                "fields": {"pesel": "Zły PESEL.", "phone": "Zły numer."}})
        );
        let plain = body(&ApiError::not_found().into_response(Lang::En));
        assert_eq!(
            plain,
            serde_json::json!({"error": "not_found", "message": texts::NOT_FOUND.in_(Lang::En)}),
            "no empty keys"
        );
    }

    #[test]
    fn a_limit_says_when_to_come_back_never_in_less_than_a_second() {
        let resp = ApiError::too_many("x", texts::BUSY, chrono::Duration::milliseconds(10)).into_response(Lang::Pl);
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(resp.headers()[header::RETRY_AFTER], "1");
    }
}
