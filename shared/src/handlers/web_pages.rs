//! The web-pages function: the citizen's and the clerk's pages (plain HTML/CSS/JS from
//! `web/`, compiled in; no build step, no CDN), served by the deployed API and by the
//! local gateway from the same routes of `template.yaml`.

use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request, Response};

use crate::deps::Wired;
use crate::http::path_param;

const INDEX: &str = include_str!("../../../web/index.html");
const APPLY: &str = include_str!("../../../web/apply.html");
const REBOOK: &str = include_str!("../../../web/rebook.html");
const CLERK: &str = include_str!("../../../web/clerk.html");
const LOGIN: &str = include_str!("../../../web/login.html");
const PROFILE: &str = include_str!("../../../web/profile.html");
const APP: &str = include_str!("../../../web/app.html");
const IKP: &str = include_str!("../../../web/ikp.html");
const NOT_FOUND: &str = include_str!("../../../web/404.html");

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
    html(StatusCode::NOT_FOUND, NOT_FOUND)
}

pub async fn handle(_deps: &impl Wired, req: Request) -> Response<Body> {
    match req.uri().path().trim_end_matches('/') {
        "" => html(StatusCode::OK, INDEX),
        "/wniosek" => html(StatusCode::OK, APPLY),
        "/wniosek/nowy-termin" => html(StatusCode::OK, REBOOK),
        "/urzednik" => html(StatusCode::OK, CLERK),
        "/logowanie" => html(StatusCode::OK, LOGIN),
        "/profil" => html(StatusCode::OK, PROFILE),
        "/mobywatel" => html(StatusCode::OK, APP),
        "/ikp" | "/ikp/callback" => html(StatusCode::OK, IKP),
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
