//! The web-pages function: the citizen's and the clerk's pages (plain HTML/CSS/JS from
//! `web/`, compiled in; no build step, no CDN), served by the deployed API and by the
//! local gateway from the same routes of `template.yaml`; and the `$default` route, which
//! takes every request no other route does.
//!
//! A page file names its words by key (`{{login.title}}`); each language's catalogue
//! (`texts::<lang>::pages`) fills them in, and the words its scripts show (`js.<script>.*`)
//! come with the page as JSON (`#pz-texts`). `?lang=pl|en|uk` picks the language and sets
//! `pz_lang`; without it the cookie, then `Accept-Language`, then Polish (docs/rules.md §12).

use std::sync::OnceLock;

use lambda_http::http::{header, Method, StatusCode};
use lambda_http::{Body, Request, RequestExt, Response};

use super::{default_route, without_body};
use crate::http::routes::{self, web_pages as route, DEFAULT};
use crate::http::{asked_lang, request_lang, route_key, set_cookie, CookieSpec, LANG_COOKIE};
use crate::texts::Lang;

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

/// The pages in the layout, built once per process and language (a few kilobytes each).
fn built(route: &str, lang: Lang) -> Option<&'static str> {
    static BUILT: [OnceLock<Vec<(&'static str, String)>>; 3] = [const { OnceLock::new() }; 3];
    let pages = BUILT[lang.index()]
        .get_or_init(|| PAGES.iter().map(|(route, file)| (*route, into_layout(file, lang))).collect());
    pages.iter().find(|(r, _)| *r == route).map(|(_, page)| page.as_str())
}

/// The layout around a page file's body, with its title, its scripts and their words, and
/// every `{{key}}` filled in `lang`.
pub fn into_layout(file: &str, lang: Lang) -> String {
    let (header, body) = split_page(file);
    let names: Vec<&str> = attribute(header, "scripts").split_whitespace().collect();
    let mut scripts = script_texts(&names, lang);
    scripts.extend(names.iter().map(|s| format!("  <script src=\"/static/{s}\" defer></script>\n")));
    layout(header, body, &scripts, lang, Lang::page_text)
}

/// The 404 page in the layout: no script, and only the shared words looked up
/// ([`Lang::shared_page_text`]), so that every function (each can answer a route it does
/// not serve with it) links no other page's words.
fn not_found_page(lang: Lang) -> String {
    let (header, body) = split_page(NOT_FOUND);
    layout(header, body, "", lang, Lang::shared_page_text)
}

/// A page file's first line (`<!--page title="…" scripts="…"-->`) and its body.
fn split_page(file: &str) -> (&str, &str) {
    file.strip_prefix("<!--page ").and_then(|f| f.split_once("-->\n")).unwrap_or(("", file))
}

fn layout(header: &str, body: &str, scripts: &str, lang: Lang, words: Words) -> String {
    let page = LAYOUT
        .replace("{{lang}}", lang.code())
        .replace("{{title}}", &format!("{{{{{}}}}}", attribute(header, "title")))
        .replace("{{scripts}}", scripts)
        .replace("{{body}}", body);
    fill(&page, lang, words)
}

/// Where a page's words are looked up: every page's, or only the shared ones.
type Words = fn(Lang, &str) -> Option<&'static str>;

/// Every `{{key}}` of a page replaced by its words in `lang`. A key no catalogue has stays
/// as it is, and is logged (the tests keep every key in every language).
fn fill(page: &str, lang: Lang, words: Words) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 2);
    let mut rest = page;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        out.push_str(&rest[..start]);
        let (key, whole) = (&rest[start + 2..start + 2 + len], &rest[start..start + len + 4]);
        match words(lang, key) {
            Some(words) => out.push_str(words),
            None => {
                tracing::error!(key, lang = lang.code(), "a page names words no catalogue has");
                out.push_str(whole);
            }
        }
        rest = &rest[start + len + 4..];
    }
    out.push_str(rest);
    out
}

/// The words a page's scripts show (`js.<script>.*`), as JSON the scripts read
/// (`common.js`: `t(key, values)`); none when the page has no script.
fn script_texts(scripts: &[&str], lang: Lang) -> String {
    let prefixes: Vec<String> = scripts.iter().map(|s| format!("js.{}.", s.trim_end_matches(".js"))).collect();
    if scripts.is_empty() {
        return String::new();
    }
    let words: serde_json::Map<String, serde_json::Value> = lang
        .page_words()
        .filter(|(k, _)| prefixes.iter().any(|p| k.starts_with(p.as_str())))
        .map(|(k, v)| (k.to_owned(), serde_json::Value::from(v)))
        .collect();
    // `<` never ends the script element early: JSON reads `\u003c` as `<`.
    let json = serde_json::Value::Object(words).to_string().replace('<', "\\u003c");
    format!("  <script type=\"application/json\" id=\"pz-texts\">{json}</script>\n")
}

/// Where each page has its language switch (built per request, for the page's address).
const SWITCH_MARKER: &str = "<!--LANGS-->";

/// The language switch of a page: a link per language, in that language, to the same page
/// with `?lang=` (a query-only reference: nothing of the request is written into the page);
/// the current one marked. `common.js` keeps the address's own query and fragment.
fn switch(lang: Lang) -> String {
    let links: String = Lang::ALL
        .iter()
        .map(|l| {
            let href = format!("?lang={}", l.code());
            let current = if *l == lang { " aria-current=\"true\"" } else { "" };
            let code = l.code();
            let name = l.own_name();
            format!("<li><a href=\"{href}\" lang=\"{code}\" hreflang=\"{code}\"{current}>{name}</a></li>")
        })
        .collect();
    let label = lang.shared_page_text("common.langs").unwrap_or("Język");
    format!("<nav class=\"langs\" aria-label=\"{label}\"><ul>{links}</ul></nav>")
}

/// A request to this machine over plain HTTP (the local gateway on 127.0.0.1): the only
/// place a cookie is set without `Secure`.
fn on_loopback(req: &Request) -> bool {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let name = host.rsplit_once(':').filter(|(h, p)| !h.ends_with(']') || p.is_empty()).map_or(host, |(h, _)| h);
    ["127.0.0.1", "localhost", "[::1]"].contains(&name)
}

/// `name="value"` in a page file's first line.
fn attribute<'a>(header: &'a str, name: &str) -> &'a str {
    let pattern = format!("{name}=\"");
    let Some(start) = header.find(&pattern).map(|i| i + pattern.len()) else { return "" };
    header[start..].split('"').next().unwrap_or("")
}

/// A static file under `/static/`, compiled in as `build.rs` gzip-compressed it.
pub struct StaticFile {
    pub name: &'static str,
    pub content_type: &'static str,
    gzip: &'static [u8],
}

impl StaticFile {
    /// The file as it is in `web/`, inflated once per process (for a client that refuses
    /// gzip, and for the tests).
    pub fn text(&self) -> &'static str {
        static TEXTS: [OnceLock<String>; STATIC.len()] = [const { OnceLock::new() }; STATIC.len()];
        let index = STATIC.iter().position(|f| f.name == self.name).unwrap_or(0);
        TEXTS[index].get_or_init(|| {
            let deflated = self.gzip.get(10..self.gzip.len().saturating_sub(8)).unwrap_or_default();
            let text = miniz_oxide::inflate::decompress_to_vec(deflated).ok().and_then(|b| String::from_utf8(b).ok());
            text.unwrap_or_else(|| {
                // Cannot happen with what build.rs wrote (a test inflates every file).
                tracing::error!(file = self.name, "a static file does not inflate");
                String::new()
            })
        })
    }

    /// The file for this request: gzip as compiled in where the client accepts it.
    fn response(&self, req: &Request) -> Response<Body> {
        let mut resp = if accepts_gzip(req) {
            let mut resp = page(StatusCode::OK, self.content_type, "");
            resp.headers_mut().insert(header::CONTENT_ENCODING, header::HeaderValue::from_static("gzip"));
            *resp.body_mut() = Body::Binary(self.gzip.to_vec());
            resp
        } else {
            page(StatusCode::OK, self.content_type, self.text())
        };
        resp.headers_mut().insert(header::VARY, header::HeaderValue::from_static("Accept-Encoding"));
        resp
    }
}

/// `OUT_DIR/<name>.gz`, as `build.rs` wrote it from `web/<name>`.
macro_rules! gz {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".gz"))
    };
}

/// The static files, by name under `/static/`.
pub const STATIC: &[StaticFile] = &[
    StaticFile { name: "style.css", content_type: "text/css; charset=utf-8", gzip: gz!("style.css") },
    StaticFile { name: "apply.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("apply.js") },
    StaticFile { name: "rebook.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("rebook.js") },
    StaticFile { name: "clerk.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("clerk.js") },
    StaticFile { name: "common.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("common.js") },
    StaticFile { name: "login.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("login.js") },
    StaticFile { name: "profile.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("profile.js") },
    StaticFile { name: "recovery.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("recovery.js") },
    StaticFile { name: "disavow.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("disavow.js") },
    StaticFile { name: "consent.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("consent.js") },
    StaticFile { name: "logged-out.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("logged-out.js") },
    StaticFile { name: "app.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("app.js") },
    StaticFile { name: "ikp.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("ikp.js") },
    StaticFile { name: "idp.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("idp.js") },
    StaticFile { name: "bank.js", content_type: "text/javascript; charset=utf-8", gzip: gz!("bank.js") },
];

/// Whether `Accept-Encoding` allows gzip (RFC 9110 §12.5.3): named, or `*`, with a weight
/// above 0. Without the header, the file goes as it is: no client is sent an encoding it
/// did not ask for.
fn accepts_gzip(req: &Request) -> bool {
    let lines: Vec<&str> =
        req.headers().get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).collect();
    if lines.is_empty() {
        return false;
    }
    let accept = lines.join(",");
    let weight = |coding: &str| {
        accept.split(',').find_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next()?;
            name.eq_ignore_ascii_case(coding).then(|| {
                parts
                    .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                    .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0))
            })
        })
    };
    weight("gzip").or_else(|| weight("x-gzip")).or_else(|| weight("*")).is_some_and(|q| q > 0.0)
}

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

/// A page in the reader's language: its switch filled for this request, the language said
/// (`Content-Language`, and `Vary`, as the same address answers in three), and a language
/// chosen with `?lang=` remembered in `pz_lang` (a year, `SameSite=Lax` so that a relying
/// service's sign-in brings it, readable as it holds no secret, `Secure` but on loopback).
fn html(req: &Request, status: StatusCode, text: &str) -> Response<Body> {
    let lang = request_lang(req);
    let mut resp = page(status, "text/html; charset=utf-8", &text.replacen(SWITCH_MARKER, &switch(lang), 1));
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_LANGUAGE, header::HeaderValue::from_static(lang.code()));
    headers.insert(header::VARY, header::HeaderValue::from_static("Cookie, Accept-Language"));
    if let Some(asked) = asked_lang(req) {
        let cookie = CookieSpec::readable(LANG_COOKIE, asked.code(), "/", !on_loopback(req), 365 * 86_400);
        set_cookie(&mut resp, CookieSpec { lax: true, ..cookie });
    }
    resp
}

/// The 404 page (built alone: the functions that answer a route key they do not serve
/// with it need no other page).
pub fn not_found(req: &Request) -> Response<Body> {
    static BUILT: [OnceLock<String>; 3] = [const { OnceLock::new() }; 3];
    let lang = request_lang(req);
    html(req, StatusCode::NOT_FOUND, BUILT[lang.index()].get_or_init(|| not_found_page(lang)))
}

/// Needs no port: any function's `Deps` (the local gateway's) or the pages' bare `Config`.
pub async fn handle<D: Sync + ?Sized>(_deps: &D, req: Request) -> Response<Body> {
    match route_key(&req) {
        Some(DEFAULT) => fallback(&req),
        Some(key) => match serve(&req, key, req.path_parameters().first("file")) {
            Some(resp) => resp,
            None => default_route::answer(&req),
        },
        None => default_route::answer(&req),
    }
}

/// A route of this function, or none if it is not one.
fn serve(req: &Request, key: &str, file: Option<&str>) -> Option<Response<Body>> {
    if let Some(page) = built(key, request_lang(req)) {
        return Some(html(req, StatusCode::OK, page));
    }
    Some(match key {
        // Browsers ask for it on every page; there is none, and no error either.
        route::FAVICON => page(StatusCode::NO_CONTENT, "image/x-icon", ""),
        route::STATIC => match STATIC.iter().find(|f| Some(f.name) == file) {
            Some(file) => file.response(req),
            None => not_found(req),
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
            if let Some(resp) = serve(req, key, file) {
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
    fn every_page_is_a_whole_document_in_each_language_with_its_title_scripts_and_markers() {
        for lang in Lang::ALL {
            for (key, file) in PAGES.iter().chain([&("404", NOT_FOUND)]) {
                let page = into_layout(file, lang);
                let head = format!("<!doctype html>\n<html lang=\"{}\">\n<head>\n", lang.code());
                assert!(page.starts_with(&head), "{key} {lang}");
                assert!(page.ends_with("</body>\n</html>\n"), "{key} {lang}");
                assert!(!page.contains("{{") && !page.contains("<!--page"), "{key} {lang}: every key filled");
                assert_eq!(page.matches("<!--LOCAL-BANNER-->").count(), 1, "{key}");
                assert_eq!(page.matches(SWITCH_MARKER).count(), 1, "{key}");
                let title = lang.page_text(attribute(file.lines().next().unwrap_or(""), "title"));
                assert!(title.is_some_and(|t| page.contains(&format!("<title>{t}</title>"))), "{key} {lang}");
            }
        }
        for lang in Lang::ALL {
            assert_eq!(
                not_found_page(lang),
                into_layout(NOT_FOUND, lang),
                "{lang}: the 404 page needs only the shared words"
            );
            assert!(
                lang.shared_page_text("common.langs").is_some()
                    && lang.shared_page_text("common.local_banner").is_some()
            );
        }
        let login = PAGES.iter().find(|(r, _)| *r == route::SIGN_IN).map(|(_, f)| *f).unwrap_or("");
        let login = into_layout(login, Lang::En);
        assert!(login.contains(
            "  <script src=\"/static/common.js\" defer></script>\n  <script src=\"/static/login.js\" defer></script>\n  <script src=\"/static/idp.js\" defer></script>\n</head>"
        ));
        let json = login
            .split("<script type=\"application/json\" id=\"pz-texts\">")
            .nth(1)
            .and_then(|j| j.split("</script>").next());
        let words: serde_json::Value = serde_json::from_str(json.unwrap_or("")).unwrap();
        let keys: Vec<&str> = words.as_object().unwrap().keys().map(String::as_str).collect();
        assert!(
            keys.contains(&"js.common.offline")
                && keys.iter().all(|k| ["js.common.", "js.login.", "js.idp."].iter().any(|p| k.starts_with(p))),
            "{keys:?}"
        );
        assert_eq!(words["js.common.offline"], Lang::En.page_text("js.common.offline").unwrap());
    }

    #[test]
    fn a_key_fills_in_and_an_unclosed_one_stays_as_written() {
        assert_eq!(fill("<p>{{common.brand}}</p>", Lang::Uk, Lang::page_text), "<p>Profil Zaufany</p>");
        assert_eq!(fill("a {{common.brand b", Lang::Pl, Lang::page_text), "a {{common.brand b");
        assert_eq!(fill("{{nie.ma}} x", Lang::Pl, Lang::page_text), "{{nie.ma}} x");
    }

    #[test]
    fn the_switch_keeps_the_query_and_marks_the_language_shown() {
        let req = lambda_http::http::Request::builder()
            .uri("/wylogowanie?id_token_hint=a.b.c&state=x%22y&lang=en")
            .header("cookie", "pz_lang=uk")
            .body(Body::Empty)
            .unwrap()
            .with_query_string_parameters(std::collections::HashMap::from([("lang".to_owned(), "en".to_owned())]));
        let resp = serve(&req, route::LOGGED_OUT, None).unwrap();
        let Body::Text(page) = resp.body() else { panic!("a page") };
        assert!(page.contains(r#"<a href="?lang=pl" lang="pl" hreflang="pl">Polski</a>"#), "{page}");
        assert!(!page.contains("id_token_hint"), "the query is not written into the page");
        assert!(page.contains(r#"lang="en" hreflang="en" aria-current="true">English</a>"#));
        assert!(page.starts_with("<!doctype html>\n<html lang=\"en\">"), "?lang= beats the cookie");
        assert_eq!(resp.headers()["content-language"], "en");
        assert_eq!(resp.headers()["set-cookie"], "pz_lang=en; SameSite=Lax; Secure; Path=/; Max-Age=31536000");
        let local =
            lambda_http::http::Request::builder().uri("/").header("host", "127.0.0.1:3000").body(Body::Empty).unwrap();
        let local =
            local.with_query_string_parameters(std::collections::HashMap::from([("lang".to_owned(), "uk".to_owned())]));
        let resp = serve(&local, route::HOME, None).unwrap();
        assert_eq!(
            resp.headers()["set-cookie"],
            "pz_lang=uk; SameSite=Lax; Path=/; Max-Age=31536000",
            "plain http here"
        );
        let req = lambda_http::http::Request::builder()
            .uri("/")
            .header("accept-language", "uk-UA,uk;q=0.9")
            .body(Body::Empty)
            .unwrap();
        let resp = serve(&req, route::HOME, None).unwrap();
        assert_eq!(resp.headers()["content-language"], "uk");
        assert!(resp.headers().get("set-cookie").is_none(), "the browser's language is no choice to remember");
    }

    /// The web files, for the checks on their words.
    fn web_files() -> Vec<(&'static str, &'static str)> {
        let pages = PAGES.iter().map(|(r, f)| (*r, *f)).chain([("404", NOT_FOUND), ("layout", LAYOUT)]);
        pages.chain(STATIC.iter().filter(|f| f.name.ends_with(".js")).map(|f| (f.name, f.text()))).collect()
    }

    #[test]
    fn every_key_a_page_or_script_names_is_in_the_catalogue_and_each_script_reads_its_own() {
        let layout_own = ["lang", "title", "scripts", "body"];
        for (name, text) in web_files() {
            for key in text.split("{{").skip(1).filter_map(|k| k.split_once("}}").map(|(k, _)| k)) {
                assert!(
                    layout_own.contains(&key) || Lang::Pl.page_text(key).is_some(),
                    "{name}: {{{{{key}}}}} has no words"
                );
            }
            let title = attribute(text.lines().next().unwrap_or(""), "title");
            assert!(
                name.ends_with(".js") || name == "layout" || Lang::Pl.page_text(title).is_some(),
                "{name}: title {title:?}"
            );
            if let Some(stem) = name.strip_suffix(".js") {
                for key in
                    text.split("t(\"js.").skip(1).filter_map(|k| k.split_once('"').map(|(k, _)| format!("js.{k}")))
                {
                    assert!(Lang::Pl.page_text(&key).is_some(), "{name}: t({key:?}) has no words");
                    let own = key.starts_with(&format!("js.{stem}.")) || key.starts_with("js.common.");
                    assert!(own, "{name}: {key} is another script's (the page sends each script its own)");
                }
            }
        }
    }

    #[test]
    fn no_polish_is_left_in_the_web_files() {
        let polish = |c: char| "ąćęłńśźżóĄĆĘŁŃŚŹŻÓ„”".contains(c);
        for (name, text) in web_files() {
            let words = without_comments(text);
            let left: Vec<&str> = words.lines().filter(|l| l.chars().any(polish)).collect();
            assert!(left.is_empty(), "web/{name} still says, outside the catalogue: {left:#?}");
        }
    }

    /// A web file without its comments (`<!-- -->`, `/* */`, and `//` to the end of a line
    /// when it starts a line or follows a space), where Polish may stay.
    fn without_comments(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some((open, close)) = ["<!--", "/*"]
            .iter()
            .zip(["-->", "*/"])
            .filter_map(|(o, c)| rest.find(o).map(|i| (i, (*o, c))))
            .min_by_key(|(i, _)| *i)
            .map(|(i, (o, c))| ((i, o), c))
        {
            out.push_str(&rest[..open.0]);
            rest = rest[open.0 + open.1.len()..].split_once(close).map_or("", |(_, r)| r);
        }
        out.push_str(rest);
        out.lines()
            .map(|l| l.split_once(" //").map_or(l, |(code, _)| code))
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_route_of_the_function_is_served_by_its_key() {
        for key in routes::of_function(routes::DEFAULT_FUNCTION).iter().filter(|k| **k != DEFAULT) {
            let req = lambda_http::http::Request::default();
            let resp = serve(&req, key, Some("app.js")).unwrap_or_else(|| panic!("{key} is not served"));
            assert!(resp.status().is_success(), "{key}: {}", resp.status());
        }
        let req = lambda_http::http::Request::default();
        assert_eq!(serve(&req, route::STATIC, Some("nope.js")).map(|r| r.status()), Some(StatusCode::NOT_FOUND));
        assert!(serve(&req, "GET /api/slots", None).is_none());
    }

    fn with_accept_encoding(value: Option<&str>) -> Request {
        let mut req = lambda_http::http::Request::builder();
        if let Some(value) = value {
            req = req.header("accept-encoding", value);
        }
        req.body(Body::Empty).unwrap()
    }

    #[test]
    fn a_static_file_goes_gzipped_to_a_client_that_accepts_it_and_as_written_to_one_that_does_not() {
        let clerk = include_str!("../../../web/clerk.js");
        let req = with_accept_encoding(Some("gzip, deflate, br"));
        let resp = serve(&req, route::STATIC, Some("clerk.js")).unwrap();
        assert_eq!(resp.headers()["content-encoding"], "gzip");
        assert_eq!(resp.headers()["vary"], "Accept-Encoding");
        assert_eq!(resp.headers()["content-type"], "text/javascript; charset=utf-8");
        let Body::Binary(gzip) = resp.body() else { panic!("gzip bytes") };
        assert!(gzip.len() * 2 < clerk.len(), "compressed: {} of {} bytes", gzip.len(), clerk.len());
        assert_eq!(&gzip[..3], &[0x1f, 0x8b, 8], "a gzip member, deflated");
        let crc_and_length = &gzip[gzip.len() - 8..];
        assert_eq!(crc_and_length[4..], (clerk.len() as u32).to_le_bytes(), "its length at the end");
        let inflated = miniz_oxide::inflate::decompress_to_vec(&gzip[10..gzip.len() - 8]).unwrap();
        assert_eq!(inflated, clerk.as_bytes());
        for refused in [None, Some("identity"), Some("gzip;q=0, br"), Some("br"), Some("*;q=0")] {
            let resp = serve(&with_accept_encoding(refused), route::STATIC, Some("clerk.js")).unwrap();
            assert!(resp.headers().get("content-encoding").is_none(), "{refused:?}");
            assert!(matches!(resp.body(), Body::Text(t) if t == clerk), "{refused:?}: the file as written");
            assert_eq!(resp.headers()["vary"], "Accept-Encoding");
        }
        for accepted in ["gzip", "GZIP;q=0.5", "x-gzip", "br;q=1, *;q=0.1", "identity, gzip ; q=1"] {
            assert!(accepts_gzip(&with_accept_encoding(Some(accepted))), "{accepted}");
        }
        let two_lines =
            lambda_http::http::Request::builder().header("accept-encoding", "br").header("accept-encoding", "gzip");
        assert!(accepts_gzip(&two_lines.body(Body::Empty).unwrap()), "a header sent on two lines is one list");
    }

    #[test]
    fn every_static_file_is_compiled_in_as_written() {
        for file in STATIC {
            let path = format!("{}/../web/{}", env!("CARGO_MANIFEST_DIR"), file.name);
            assert_eq!(file.text(), std::fs::read_to_string(&path).unwrap(), "{}", file.name);
        }
        let web = std::fs::read_dir(format!("{}/../web", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let names: Vec<String> = web.map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        for name in names.iter().filter(|n| n.ends_with(".js") || n.ends_with(".css")) {
            assert!(STATIC.iter().any(|f| f.name == *name), "web/{name} is not served");
        }
    }

    fn on_default(method: &str, path: &str) -> Response<Body> {
        let req = lambda_http::http::Request::builder().method(method).uri(path).body(Body::Empty).unwrap();
        fallback(&crate::http::routed(req, DEFAULT))
    }

    #[test]
    fn head_on_a_page_reaches_default_and_is_answered_like_get_without_the_body() {
        for path in ["/wniosek", "/wniosek/"] {
            let req = lambda_http::http::Request::builder().uri(path).body(Body::Empty).unwrap();
            let get = serve(&req, route::APPLY, None).unwrap();
            let Body::Text(page) = get.body() else { panic!("a page") };
            let head = on_default("HEAD", path);
            assert_eq!(head.status(), StatusCode::OK, "{path}");
            assert!(matches!(head.body(), Body::Empty));
            assert_eq!(head.headers()["content-length"], page.len().to_string().as_str());
            assert_eq!(head.headers()["content-type"], get.headers()["content-type"]);
        }
        let head = on_default("HEAD", "/static/clerk.js");
        assert_eq!(
            (head.status(), head.headers()["content-type"].to_str().unwrap()),
            (StatusCode::OK, STATIC[3].content_type)
        );
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
