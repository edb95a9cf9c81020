//! The web-pages function: the citizen's and the clerk's pages (plain HTML/CSS/JS from
//! `web/`, compiled in; no build step, no CDN), served by the deployed API and by the
//! local gateway from the same routes of `template.yaml`; and the `$default` route, which
//! takes every request no other route does.

use std::sync::OnceLock;

use lambda_http::http::{header, Method, StatusCode};
use lambda_http::{Body, Request, RequestExt, Response};

use super::{default_route, without_body};
use crate::http::route_key;
use crate::http::routes::{self, web_pages as route, DEFAULT};

/// What every page shares: the document, its head (language, charset, viewport, the
/// stylesheet) and the place of the local-mode banner.
const LAYOUT: &str = include_str!("../../../web/layout.html");

/// The pages, by route. Each file starts with one line naming its title and scripts,
/// `<!--page title="…" scripts="common.js login.js"-->`, and goes on with its body.
const PAGES: &[(&str, &str)] = &[
    (route::HOME, include_str!("../../../web/index.html")),
    (route::APPLY, include_str!("../../../web/apply.html")),
    (route::APPLY_BANK, include_str!("../../../web/bank.html")),
    (route::REBOOK, include_str!("../../../web/rebook.html")),
    (route::CLERK, include_str!("../../../web/clerk.html")),
    (route::SIGN_IN, include_str!("../../../web/login.html")),
    (route::PROFILE, include_str!("../../../web/profile.html")),
    (route::RECOVERY, include_str!("../../../web/recovery.html")),
    (route::DISAVOW, include_str!("../../../web/disavow.html")),
    (route::CONSENT, include_str!("../../../web/consent.html")),
    (route::LOGGED_OUT, include_str!("../../../web/logged-out.html")),
    (route::APP, include_str!("../../../web/app.html")),
    (route::IKP, include_str!("../../../web/ikp.html")),
    (route::IKP_CALLBACK, include_str!("../../../web/ikp.html")),
];
const NOT_FOUND: &str = include_str!("../../../web/404.html");

/// The pages in the layout, built once per process (a few kilobytes each).
fn pages() -> &'static [(&'static str, String)] {
    static BUILT: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    BUILT.get_or_init(|| PAGES.iter().map(|(route, file)| (*route, into_layout(file))).collect())
}

fn built(route: &str) -> Option<&'static str> {
    pages().iter().find(|(r, _)| *r == route).map(|(_, page)| page.as_str())
}

/// The layout around a page file's body, with its title and scripts.
pub fn into_layout(file: &str) -> String {
    let (header, body) = file.strip_prefix("<!--page ").and_then(|f| f.split_once("-->\n")).unwrap_or(("", file));
    let scripts: String = attribute(header, "scripts")
        .split_whitespace()
        .map(|s| format!("  <script src=\"/static/{s}\" defer></script>\n"))
        .collect();
    LAYOUT.replace("{{title}}", attribute(header, "title")).replace("{{scripts}}", &scripts).replace("{{body}}", body)
}

/// `name="value"` in a page file's first line.
fn attribute<'a>(header: &'a str, name: &str) -> &'a str {
    let pattern = format!("{name}=\"");
    let Some(start) = header.find(&pattern).map(|i| i + pattern.len()) else { return "" };
    header[start..].split('"').next().unwrap_or("")
}

/// The static files, by name under `/static/`.
const STATIC: &[(&str, &str, &str)] = &[
    ("style.css", "text/css; charset=utf-8", include_str!("../../../web/style.css")),
    ("apply.js", "text/javascript; charset=utf-8", include_str!("../../../web/apply.js")),
    ("rebook.js", "text/javascript; charset=utf-8", include_str!("../../../web/rebook.js")),
    ("clerk.js", "text/javascript; charset=utf-8", include_str!("../../../web/clerk.js")),
    ("common.js", "text/javascript; charset=utf-8", include_str!("../../../web/common.js")),
    ("login.js", "text/javascript; charset=utf-8", include_str!("../../../web/login.js")),
    ("profile.js", "text/javascript; charset=utf-8", include_str!("../../../web/profile.js")),
    ("recovery.js", "text/javascript; charset=utf-8", include_str!("../../../web/recovery.js")),
    ("disavow.js", "text/javascript; charset=utf-8", include_str!("../../../web/disavow.js")),
    ("consent.js", "text/javascript; charset=utf-8", include_str!("../../../web/consent.js")),
    ("logged-out.js", "text/javascript; charset=utf-8", include_str!("../../../web/logged-out.js")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../../../web/app.js")),
    ("ikp.js", "text/javascript; charset=utf-8", include_str!("../../../web/ikp.js")),
    ("idp.js", "text/javascript; charset=utf-8", include_str!("../../../web/idp.js")),
    ("bank.js", "text/javascript; charset=utf-8", include_str!("../../../web/bank.js")),
];

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

pub fn page(status: StatusCode, content_type: &str, body: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_SECURITY_POLICY, CSP)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::REFERRER_POLICY, "no-referrer")
        .header(header::X_FRAME_OPTIONS, "DENY")
        .header(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::Text(body.to_owned()))
        .unwrap_or_default()
}

fn html(status: StatusCode, text: &str) -> Response<Body> {
    page(status, "text/html; charset=utf-8", text)
}

/// The 404 page (built alone: the functions that answer a route key they do not serve
/// with it need no other page).
pub fn not_found() -> Response<Body> {
    static BUILT: OnceLock<String> = OnceLock::new();
    html(StatusCode::NOT_FOUND, BUILT.get_or_init(|| into_layout(NOT_FOUND)))
}

/// Needs no port: any function's `Deps` (the local gateway's) or the pages' bare `Config`.
pub async fn handle<D: Sync + ?Sized>(_deps: &D, req: Request) -> Response<Body> {
    match route_key(&req) {
        Some(DEFAULT) => fallback(&req),
        Some(key) => match serve(key, req.path_parameters().first("file")) {
            Some(resp) => resp,
            None => default_route::answer(&req),
        },
        None => default_route::answer(&req),
    }
}

/// A route of this function, or none if it is not one.
fn serve(key: &str, file: Option<&str>) -> Option<Response<Body>> {
    if let Some(page) = built(key) {
        return Some(html(StatusCode::OK, page));
    }
    Some(match key {
        // Browsers ask for it on every page; there is none, and no error either.
        route::FAVICON => page(StatusCode::NO_CONTENT, "image/x-icon", ""),
        route::STATIC => match STATIC.iter().find(|(n, _, _)| Some(*n) == file) {
            Some((_, content_type, text)) => page(StatusCode::OK, content_type, text),
            None => not_found(),
        },
        _ => return None,
    })
}

/// The `$default` route, every request no other route takes: HEAD on a page of this
/// function (an HTTP API routes by method, and template.yaml declares GET) is answered as
/// GET without the body; anything else gets `default_route`'s 405 with `Allow`, or 404.
fn fallback(req: &Request) -> Response<Body> {
    let head = req.method() == Method::HEAD;
    if head || req.method() == Method::GET {
        let own = routes::of_function(routes::DEFAULT_FUNCTION).iter().copied();
        if let Some((key, params)) = routes::find(own, "GET", req.uri().path()) {
            let file = params.get("file").map(String::as_str);
            if let Some(resp) = serve(key, file) {
                return if head { without_body(resp) } else { resp };
            }
        }
    }
    default_route::answer(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_a_whole_polish_document_with_its_title_scripts_and_banner_place() {
        for (key, file) in PAGES.iter().chain([&("404", NOT_FOUND)]) {
            let page = into_layout(file);
            assert!(page.starts_with("<!doctype html>\n<html lang=\"pl\">\n<head>\n"), "{key}");
            assert!(page.ends_with("</body>\n</html>\n"), "{key}");
            assert!(!page.contains("{{") && !page.contains("<!--page"), "{key}: the layout is filled");
            assert_eq!(page.matches("<!--LOCAL-BANNER-->").count(), 1, "{key}");
            let title = attribute(file.lines().next().unwrap_or(""), "title");
            assert!(!title.is_empty() && page.contains(&format!("<title>{title}</title>")), "{key}");
        }
        let login = into_layout(PAGES.iter().find(|(r, _)| *r == route::SIGN_IN).map(|(_, f)| *f).unwrap_or(""));
        assert!(login.contains(
            "  <script src=\"/static/common.js\" defer></script>\n  <script src=\"/static/login.js\" defer></script>\n  <script src=\"/static/idp.js\" defer></script>\n</head>"
        ));
    }

    #[test]
    fn every_route_of_the_function_is_served_by_its_key() {
        for key in routes::of_function(routes::DEFAULT_FUNCTION).iter().filter(|k| **k != DEFAULT) {
            let resp = serve(key, Some("app.js")).unwrap_or_else(|| panic!("{key} is not served"));
            assert!(resp.status().is_success(), "{key}: {}", resp.status());
        }
        assert_eq!(serve(route::STATIC, Some("nope.js")).map(|r| r.status()), Some(StatusCode::NOT_FOUND));
        assert!(serve("GET /api/slots", None).is_none());
    }

    fn on_default(method: &str, path: &str) -> Response<Body> {
        let req = lambda_http::http::Request::builder().method(method).uri(path).body(Body::Empty).unwrap();
        fallback(&crate::http::routed(req, DEFAULT))
    }

    #[test]
    fn head_on_a_page_reaches_default_and_is_answered_like_get_without_the_body() {
        let get = serve(route::APPLY, None).unwrap();
        let Body::Text(page) = get.body() else { panic!("a page") };
        for path in ["/wniosek", "/wniosek/"] {
            let head = on_default("HEAD", path);
            assert_eq!(head.status(), StatusCode::OK, "{path}");
            assert!(matches!(head.body(), Body::Empty));
            assert_eq!(head.headers()["content-length"], page.len().to_string().as_str());
            assert_eq!(head.headers()["content-type"], get.headers()["content-type"]);
        }
        let head = on_default("HEAD", "/static/clerk.js");
        assert_eq!((head.status(), head.headers()["content-type"].to_str().unwrap()), (StatusCode::OK, STATIC[3].1));
        assert_eq!(on_default("HEAD", "/static/nope.js").status(), StatusCode::NOT_FOUND);
        assert_eq!(on_default("HEAD", "/favicon.ico").status(), StatusCode::NO_CONTENT);
    }

    #[test]
    fn head_on_another_functions_route_is_405_with_allow() {
        let r = on_default("HEAD", "/api/clerk/calls");
        assert_eq!((r.status(), r.headers()["allow"].to_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "GET"));
        let r = on_default("HEAD", "/.well-known/openid-configuration");
        assert_eq!((r.status(), r.headers()["allow"].to_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "GET"));
        let r = on_default("PUT", "/urzednik");
        assert_eq!((r.status(), r.headers()["allow"].to_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "GET, HEAD"));
        assert_eq!(on_default("HEAD", "/nie-ma").status(), StatusCode::NOT_FOUND);
    }
}
