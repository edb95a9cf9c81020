//! Cookies, read from the `Cookie` header and set with `Set-Cookie`, by the `cookie` crate.
//! Values are taken and written as they are (no percent-decoding): every value we set is
//! a base64url token, and any other value a client sends only fails to match one.

use cookie::time::Duration;
use cookie::{Cookie, SameSite};
use lambda_http::http::{header, HeaderValue};
use lambda_http::{Body, Request, Response};

/// The value of one cookie of the request (`Cookie` header; API Gateway v2 puts its
/// `cookies` there too). The first one when the name comes more than once.
pub fn cookie<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    cookies(req, name).into_iter().next()
}

/// Every value of a cookie (the same name may come once per matching path), in the order
/// sent. A pair without `=` or without a name is skipped; the rest of the header is read.
pub fn cookies<'a>(req: &'a Request, name: &str) -> Vec<&'a str> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(|c| c.name() == name)
        .filter_map(|c| c.value_raw())
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

impl<'a> CookieSpec<'a> {
    /// A flow's token: `HttpOnly`, `SameSite=Strict`.
    pub fn secret(name: &'a str, value: &'a str, path: &'a str, secure: bool, max_age_secs: i64) -> Self {
        Self { name, value, path, http_only: true, secure, max_age_secs, lax: false }
    }

    /// A value the page's script reads and sends back (a CSRF token): `SameSite=Strict`.
    pub fn readable(name: &'a str, value: &'a str, path: &'a str, secure: bool, max_age_secs: i64) -> Self {
        Self { name, value, path, http_only: false, secure, max_age_secs, lax: false }
    }
}

/// Adds a `Set-Cookie` with `Path`, `Max-Age` and `SameSite` always, `HttpOnly` and
/// `Secure` when asked. A value that cannot be a header (CR, LF) sets nothing.
pub fn set_cookie(resp: &mut Response<Body>, c: CookieSpec<'_>) {
    let cookie = Cookie::build((c.name, c.value))
        .path(c.path)
        .max_age(Duration::seconds(c.max_age_secs))
        .same_site(if c.lax { SameSite::Lax } else { SameSite::Strict })
        .http_only(c.http_only)
        .secure(c.secure)
        .build();
    if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookies(headers: &[&str]) -> Request {
        let mut req = Request::default();
        for h in headers {
            req.headers_mut().append(header::COOKIE, HeaderValue::from_str(h).unwrap());
        }
        req
    }

    fn set(spec: CookieSpec<'_>) -> Vec<String> {
        let mut resp = Response::new(Body::Empty);
        set_cookie(&mut resp, spec);
        resp.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect()
    }

    #[test]
    fn every_value_of_a_name_is_read_in_order_across_headers() {
        let req = with_cookies(&["pz_app=a; pz_csrf=c; pz_app=b", "pz_app=d"]);
        assert_eq!(cookies(&req, "pz_app"), ["a", "b", "d"]);
        assert_eq!(cookie(&req, "pz_app"), Some("a"), "the first one, as before");
        assert_eq!(cookie(&req, "pz_csrf"), Some("c"));
        assert_eq!(cookie(&req, "pz"), None, "names match whole");
        assert_eq!(cookie(&Request::default(), "pz_app"), None);
    }

    #[test]
    fn malformed_pairs_are_skipped_and_values_are_taken_as_sent() {
        let req = with_cookies(&[";;;=;=pz_app; pz_app; x=1; pz_app=v=w; pz_app=; pz_app=\"q\"; pz_app=%41"]);
        assert_eq!(cookies(&req, "pz_app"), ["v=w", "", "\"q\"", "%41"]);
        assert_eq!(cookie(&with_cookies(&["garbage"]), "garbage"), None);
    }

    #[test]
    fn set_cookie_writes_the_flags_asked_for() {
        let spec = |http_only, secure, lax, max_age_secs| CookieSpec {
            name: "pz_session",
            value: "tok",
            path: "/api/login",
            http_only,
            secure,
            max_age_secs,
            lax,
        };
        assert_eq!(
            set(spec(true, true, false, 900)),
            ["pz_session=tok; HttpOnly; SameSite=Strict; Secure; Path=/api/login; Max-Age=900"]
        );
        assert_eq!(set(spec(false, false, true, 0)), ["pz_session=tok; SameSite=Lax; Path=/api/login; Max-Age=0"]);
        let injected = CookieSpec { value: "x\r\nSet-Cookie: y=1", ..spec(true, true, false, 1) };
        assert!(set(injected).is_empty(), "no header split");
    }
}
