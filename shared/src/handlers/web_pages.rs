//! The web-pages function: the citizen's and the clerk's pages (plain HTML/CSS/JS from
//! `web/`, compiled in; no build step, no CDN), served by the deployed API and by the
//! local gateway from the same routes of `template.yaml`.

use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request, Response};

use crate::http::path_param;

/// What every page shares: the document, its head (language, charset, viewport, the
/// stylesheet) and the place of the local-mode banner.
const LAYOUT: &str = include_str!("../../../web/layout.html");

/// The pages, by route. Each file starts with one line naming its title and scripts,
/// `<!--page title="…" scripts="common.js login.js"-->`, and goes on with its body.
const PAGES: &[(&str, &str)] = &[
    ("", include_str!("../../../web/index.html")),
    ("/wniosek", include_str!("../../../web/apply.html")),
    ("/wniosek/nowy-termin", include_str!("../../../web/rebook.html")),
    ("/urzednik", include_str!("../../../web/clerk.html")),
    ("/logowanie", include_str!("../../../web/login.html")),
    ("/profil", include_str!("../../../web/profile.html")),
    ("/mobywatel", include_str!("../../../web/app.html")),
    ("/ikp", include_str!("../../../web/ikp.html")),
    ("/ikp/callback", include_str!("../../../web/ikp.html")),
];
const NOT_FOUND: &str = include_str!("../../../web/404.html");

/// The pages in the layout, built once per process (a few kilobytes each).
fn pages() -> &'static [(&'static str, String)] {
    static BUILT: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let mut pages: Vec<_> = PAGES.iter().map(|(route, file)| (*route, into_layout(file))).collect();
        pages.push((NOT_FOUND_ROUTE, into_layout(NOT_FOUND)));
        pages
    })
}

/// Where the 404 page is kept among `pages()` (no request path is this).
const NOT_FOUND_ROUTE: &str = "404";

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
    ("app.js", "text/javascript; charset=utf-8", include_str!("../../../web/app.js")),
    ("ikp.js", "text/javascript; charset=utf-8", include_str!("../../../web/ikp.js")),
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

pub fn not_found() -> Response<Body> {
    html(StatusCode::NOT_FOUND, built(NOT_FOUND_ROUTE).unwrap_or_default())
}

/// Needs no port: any function's `Deps` (the local gateway's) or the pages' bare `Config`.
pub async fn handle<D: Sync + ?Sized>(_deps: &D, req: Request) -> Response<Body> {
    let path = req.uri().path().trim_end_matches('/');
    if let Some(page) = built(path).filter(|_| path != NOT_FOUND_ROUTE) {
        return html(StatusCode::OK, page);
    }
    match path {
        // Browsers ask for it on every page; there is none, and no error either.
        "/favicon.ico" => page(StatusCode::NO_CONTENT, "image/x-icon", ""),
        _ => {
            let name = path_param(&req, "file").unwrap_or_default();
            match STATIC.iter().find(|(n, _, _)| *n == name) {
                Some((_, content_type, text)) => page(StatusCode::OK, content_type, text),
                None => not_found(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_a_whole_polish_document_with_its_title_scripts_and_banner_place() {
        for (route, file) in PAGES.iter().chain([&(NOT_FOUND_ROUTE, NOT_FOUND)]) {
            let page = into_layout(file);
            assert!(page.starts_with("<!doctype html>\n<html lang=\"pl\">\n<head>\n"), "{route}");
            assert!(page.ends_with("</body>\n</html>\n"), "{route}");
            assert!(!page.contains("{{") && !page.contains("<!--page"), "{route}: the layout is filled");
            assert_eq!(page.matches("<!--LOCAL-BANNER-->").count(), 1, "{route}");
            let title = attribute(file.lines().next().unwrap_or(""), "title");
            assert!(!title.is_empty() && page.contains(&format!("<title>{title}</title>")), "{route}");
        }
        let login = into_layout(PAGES.iter().find(|(r, _)| *r == "/logowanie").map(|(_, f)| *f).unwrap_or(""));
        assert!(login.contains(
            "  <script src=\"/static/common.js\" defer></script>\n  <script src=\"/static/login.js\" defer></script>\n</head>"
        ));
    }
}
