//! The reader's language (docs/rules.md §12): a page's `?lang=` sets the cookie `pz_lang`;
//! every answer follows that cookie, else a relying service's `ui_locales` passed on to the
//! page, else `Accept-Language`, else Polish.

use lambda_http::http::{header, HeaderMap};
use lambda_http::{Request, RequestExt};

use super::cookies::cookie;
use crate::domain::Lang;

/// The cookie that remembers the language chosen on a page (readable by the pages' scripts,
/// a year long: it holds nothing but `pl`, `en` or `uk`).
pub const LANG_COOKIE: &str = "pz_lang";

/// The language the person chose: `?lang=` of this request, else the `pz_lang` cookie.
pub fn chosen_lang(req: &Request) -> Option<Lang> {
    asked_lang(req).or_else(|| cookie(req, LANG_COOKIE).and_then(Lang::parse))
}

/// `?lang=` of this request (a page's language switch).
pub fn asked_lang(req: &Request) -> Option<Lang> {
    req.query_string_parameters_ref().and_then(|q| q.first("lang")).and_then(Lang::parse)
}

/// The language to answer in: the person's choice, else the one a relying service asked
/// for (`ui_locales`, OpenID Connect Core §3.1.2.1: a hint, never remembered), else the
/// browser's, else Polish.
pub fn request_lang(req: &Request) -> Lang {
    chosen_lang(req).or_else(|| hinted_lang(req)).or_else(|| browser_lang(req.headers())).unwrap_or_default()
}

/// The first language of `?ui_locales=` (space-separated tags, in order of preference) we speak.
pub fn hinted_lang(req: &Request) -> Option<Lang> {
    let tags = req.query_string_parameters_ref()?.first("ui_locales")?.to_owned();
    ui_locales_lang(&tags)
}

/// The first tag of a `ui_locales` value whose language we speak (`en-GB` is English).
pub fn ui_locales_lang(tags: &str) -> Option<Lang> {
    tags.split_whitespace().find_map(|t| Lang::parse(t.split(['-', '_']).next().unwrap_or("")))
}

/// The language of a request known only by its headers (before it is a `Request`): the
/// `pz_lang` cookie, else `Accept-Language`, else Polish.
pub fn headers_lang(headers: &HeaderMap) -> Lang {
    let cookie = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        v.split(';').find_map(|c| c.trim().strip_prefix(LANG_COOKIE)?.strip_prefix('=').and_then(Lang::parse))
    });
    cookie.or_else(|| browser_lang(headers)).unwrap_or_default()
}

fn browser_lang(headers: &HeaderMap) -> Option<Lang> {
    Lang::from_accept_language(headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    use lambda_http::http::HeaderValue;

    fn request(query: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> Request {
        let mut req = Request::default();
        if let Some(c) = cookie {
            req.headers_mut().insert(header::COOKIE, HeaderValue::from_str(c).unwrap());
        }
        if let Some(a) = accept {
            req.headers_mut().insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(a).unwrap());
        }
        match query {
            Some(q) => req.with_query_string_parameters(HashMap::from([("lang".to_owned(), q.to_owned())])),
            None => req,
        }
    }

    #[test]
    fn the_query_beats_the_cookie_which_beats_the_browser_which_beats_polish() {
        assert_eq!(request_lang(&request(Some("uk"), Some("pz_lang=en"), Some("pl"))), Lang::Uk);
        assert_eq!(request_lang(&request(None, Some("a=b; pz_lang=en"), Some("uk"))), Lang::En);
        assert_eq!(request_lang(&request(None, None, Some("uk-UA,uk;q=0.9"))), Lang::Uk);
        assert_eq!(request_lang(&request(None, None, Some("de"))), Lang::Pl);
        assert_eq!(request_lang(&request(None, None, None)), Lang::Pl);
        assert_eq!(
            request_lang(&request(Some("xx"), Some("pz_lang=zz"), Some("en"))),
            Lang::En,
            "unknown codes say nothing"
        );
        assert_eq!(chosen_lang(&request(None, None, Some("en"))), None, "the browser's is no choice");
        assert_eq!(ui_locales_lang("de-DE uk-UA en"), Some(Lang::Uk));
        assert_eq!(ui_locales_lang("de fr"), None);
        assert_eq!(headers_lang(request(None, Some("a=1; pz_lang=uk"), Some("en")).headers()), Lang::Uk);
        assert_eq!(headers_lang(request(None, Some("pz_language=uk"), Some("en")).headers()), Lang::En);
    }
}
