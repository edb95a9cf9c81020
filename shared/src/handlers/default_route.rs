//! What the API answers a request that no route of template.yaml takes: API Gateway hands
//! it to the `$default` route (web-pages), and a function handed a route key it does not
//! serve answers the same. 405 with `Allow` on a path the API has with other methods;
//! otherwise 404, as JSON under `/api/` and the 404 page elsewhere.

use lambda_http::http::{header, HeaderValue, StatusCode};
use lambda_http::{Body, Request, Response};

use crate::http::routes::allowed_methods;
use crate::http::{request_lang, route_key, ApiError};
use crate::texts;

pub fn answer(req: &Request) -> Response<Body> {
    let path = req.uri().path();
    let allowed = allowed_methods(path);
    if allowed.contains(&req.method().as_str()) {
        // A route's own method and path with a key that is not the route's: a request
        // built by hand without its route key. API Gateway never sends one.
        tracing::warn!(route_key = route_key(req).unwrap_or(""), "a request with another route's key");
    } else if !allowed.is_empty() {
        return method_not_allowed(req, &allowed);
    }
    if path.starts_with("/api/") {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", texts::ROUTE_NOT_FOUND).into_response(request_lang(req))
    } else {
        super::web_pages::not_found(req)
    }
}

/// 405 with the `Allow` header RFC 9110 asks for.
fn method_not_allowed(req: &Request, allowed: &[&str]) -> Response<Body> {
    let mut resp = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", texts::METHOD_NOT_ALLOWED)
        .into_response(request_lang(req));
    if let Ok(v) = HeaderValue::from_str(&allowed.join(", ")) {
        resp.headers_mut().insert(header::ALLOW, v);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::routed;
    use crate::http::routes::DEFAULT;

    fn unmatched(method: &str, path: &str) -> Response<Body> {
        let req = lambda_http::http::Request::builder().method(method).uri(path).body(Body::Empty).unwrap();
        answer(&routed(req, DEFAULT))
    }

    fn error_code(resp: &Response<Body>) -> String {
        let Body::Text(t) = resp.body() else { panic!("a body") };
        serde_json::from_str::<serde_json::Value>(t).unwrap()["error"].as_str().unwrap().to_owned()
    }

    #[test]
    fn another_method_on_a_known_path_is_405_with_allow() {
        let r = unmatched("DELETE", "/api/slots");
        assert_eq!((r.status(), error_code(&r).as_str()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
        assert_eq!(r.headers()["allow"], "GET");
        assert_eq!(unmatched("HEAD", "/api/slots").headers()["allow"], "GET", "HEAD is not GET's on the API");
        assert_eq!(unmatched("GET", "/api/login").headers()["allow"], "POST");
        assert_eq!(unmatched("POST", "/wniosek").headers()["allow"], "GET, HEAD");
    }

    #[test]
    fn an_unknown_path_is_json_404_under_api_and_the_404_page_elsewhere() {
        let r = unmatched("GET", "/api/nothing");
        assert_eq!((r.status(), error_code(&r).as_str()), (StatusCode::NOT_FOUND, "not_found"));
        let r = unmatched("POST", "/nic/tutaj");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    }

    #[test]
    fn a_route_without_its_key_is_not_found_rather_than_refused_with_its_own_method() {
        let r = unmatched("GET", "/api/slots");
        assert_eq!((r.status(), error_code(&r).as_str()), (StatusCode::NOT_FOUND, "not_found"));
    }
}
