//! The web pages (plain HTML/CSS/JS from `web/`, compiled in; no build step, no CDN).

use bytes::Bytes;
use http_body_util::Full;
use hyper::{header, Response, StatusCode};

const INDEX: &str = include_str!("../../web/index.html");
const APPLY: &str = include_str!("../../web/apply.html");
const NOT_FOUND: &str = include_str!("../../web/404.html");
const CSS: &str = include_str!("../../web/style.css");
const APPLY_JS: &str = include_str!("../../web/apply.js");

/// Marks every page of local mode as such.
const LOCAL_BANNER: &str = r#"<div class="local-banner" role="note"><strong>Tryb lokalny (demonstracyjny).</strong> Terminy rozmów są przykładowe, a SMS-y i e-maile nie wychodzą na zewnątrz — przeczytasz je w <a href="/dev/outbox">skrzynce wiadomości</a>.</div>"#;

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

pub fn page(status: StatusCode, content_type: &str, body: String) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_SECURITY_POLICY, CSP)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::REFERRER_POLICY, "no-referrer")
        .header(header::X_FRAME_OPTIONS, "DENY")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_default()
}

fn html(status: StatusCode, template: &str) -> Response<Full<Bytes>> {
    page(status, "text/html; charset=utf-8", template.replace("<!--LOCAL-BANNER-->", LOCAL_BANNER))
}

pub fn serve(path: &str) -> Response<Full<Bytes>> {
    match path {
        "/" => html(StatusCode::OK, INDEX),
        "/wniosek" => html(StatusCode::OK, APPLY),
        "/static/style.css" => page(StatusCode::OK, "text/css; charset=utf-8", CSS.to_owned()),
        // Browsers ask for it on every page; there is none (yet), and no error either.
        "/favicon.ico" => page(StatusCode::NO_CONTENT, "image/x-icon", String::new()),
        "/static/apply.js" => page(StatusCode::OK, "text/javascript; charset=utf-8", APPLY_JS.to_owned()),
        _ => html(StatusCode::NOT_FOUND, NOT_FOUND),
    }
}
