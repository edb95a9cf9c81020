//! What local mode adds to the pages of the web-pages function: a banner saying it is
//! local (demo slots, messages in the outbox), and the same security headers on the
//! gateway's own pages.

use bytes::Bytes;
use http_body_util::Full;
use hyper::{header, Response, StatusCode};
use shared::texts::Lang;

/// Marks every page of local mode as such, in the page's language (`Content-Language`).
fn local_banner(lang: Lang) -> String {
    let words = lang.shared_page_text("common.local_banner").unwrap_or_default();
    format!(r#"<div class="local-banner" role="note">{words}</div>"#)
}

/// A page of the gateway itself (the outbox), with the headers of every page.
/// Marker in every page (an HTML comment) where the local gateway puts its banner.
pub const BANNER_MARKER: &str = "<!--LOCAL-BANNER-->";

pub fn page(status: StatusCode, content_type: &str, body: String) -> Response<Full<Bytes>> {
    to_hyper(shared::handlers::web_pages::page(status, content_type, &body))
}

/// An HTML page of the gateway itself in `lang`, saying so as the functions' pages do
/// (`Content-Language`; `Vary`, as the same address answers in three languages).
pub fn html_in(lang: Lang, body: String) -> Response<Full<Bytes>> {
    let mut resp = page(StatusCode::OK, "text/html; charset=utf-8", body);
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_LANGUAGE, header::HeaderValue::from_static(lang.code()));
    headers.insert(header::VARY, header::HeaderValue::from_static("Cookie, Accept-Language"));
    resp
}

/// A handler's answer as hyper sends it.
pub fn to_hyper(resp: lambda_http::Response<lambda_http::Body>) -> Response<Full<Bytes>> {
    let (parts, body) = resp.into_parts();
    let bytes = match body {
        lambda_http::Body::Empty => Bytes::new(),
        lambda_http::Body::Text(t) => Bytes::from(t),
        lambda_http::Body::Binary(b) => Bytes::from(b),
    };
    Response::from_parts(parts, Full::new(bytes))
}

/// Puts the local-mode banner into an HTML page of the web-pages function.
pub fn with_banner(mut resp: lambda_http::Response<lambda_http::Body>) -> lambda_http::Response<lambda_http::Body> {
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return resp;
    }
    let lang = resp.headers().get(header::CONTENT_LANGUAGE).and_then(|v| Lang::parse(v.to_str().ok()?));
    let banner = local_banner(lang.unwrap_or_default());
    match resp.body_mut() {
        lambda_http::Body::Text(text) => *text = text.replace(BANNER_MARKER, &banner),
        // A HEAD's answer: no body, the page's length, which the banner makes longer (every
        // page has its marker once).
        lambda_http::Body::Empty => {
            let len = resp.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
            if let Some(len) = len.filter(|l| *l >= BANNER_MARKER.len()) {
                let banner = len - BANNER_MARKER.len() + banner.len();
                resp.headers_mut().insert(header::CONTENT_LENGTH, banner.into());
            }
        }
        lambda_http::Body::Binary(_) => {}
    }
    resp
}
