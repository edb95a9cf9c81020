//! Answers without an error: a JSON body with the headers every API answer carries
//! (never cached, never sniffed), or no body at all.

use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Response};
use serde::Serialize;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_answer_is_typed_uncached_and_not_sniffed() {
        let resp = json(StatusCode::CREATED, &serde_json::json!({"a": 1}));
        assert_eq!(resp.status(), StatusCode::CREATED);
        let h = resp.headers();
        assert_eq!(h[header::CONTENT_TYPE], "application/json; charset=utf-8");
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(matches!(resp.body(), Body::Text(t) if t == r#"{"a":1}"#));
        let none = empty(StatusCode::NO_CONTENT);
        assert!(matches!(none.body(), Body::Empty) && none.headers().is_empty());
    }
}
