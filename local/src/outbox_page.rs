//! `GET /dev/outbox`: every SMS, push and email of this run. JSON for programs (newest
//! last, as docs/api.md §12 says), an HTML page for people (newest first).

use bytes::Bytes;
use http_body_util::Full;
use hyper::{header, Request, Response, StatusCode};
use serde::Serialize;
use shared::adapters::dev_outbox::{DevMessage, DevOutbox};
use shared::http::headers_lang;
use shared::texts::Lang;

use crate::web::page;

#[derive(Serialize)]
struct OutboxOut<'a> {
    messages: &'a [DevMessage],
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn wants_html<B>(req: &Request<B>) -> bool {
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    accept.contains("text/html") && !req.uri().query().is_some_and(|q| q.contains("format=json"))
}

/// Where the outbox page reads what was sent.
pub enum Source {
    /// The in-process outbox of the memory backend.
    Memory(std::sync::Arc<DevOutbox>),
    /// What the AWS API emulator at this endpoint accepted (the AWS backend on moto).
    Emulator(String),
    /// Real AWS: SNS and SES send for real, nothing to show.
    None,
}

impl Source {
    pub fn is_some(&self) -> bool {
        !matches!(self, Source::None)
    }
}

/// An error as the API writes one (`error`, `message` in the reader's language).
fn error(status: StatusCode, code: &str, message: &str) -> Response<Full<Bytes>> {
    let body = serde_json::json!({ "error": code, "message": message }).to_string();
    page(status, "application/json", body)
}

/// The page and its messages in the reader's language (`pz_lang`, else `Accept-Language`).
pub async fn serve<B>(source: &Source, req: &Request<B>) -> Response<Full<Bytes>> {
    let lang = headers_lang(req.headers());
    let messages = match source {
        Source::Memory(outbox) => outbox.messages(),
        Source::Emulator(endpoint) => match crate::emulator_outbox::messages(endpoint).await {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the emulator's messages");
                let message = lang.dev_page_text("dev.outbox.unavailable");
                return error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message);
            }
        },
        Source::None => {
            return error(StatusCode::NOT_FOUND, "not_found", lang.dev_page_text("dev.outbox.not_here"));
        }
    };
    if !wants_html(req) {
        let body = serde_json::to_string(&OutboxOut { messages: &messages }).unwrap_or_default();
        return page(StatusCode::OK, "application/json", body);
    }
    crate::web::html_in(lang, html(&messages, lang))
}

/// The first run of exactly six digits: the code of an SMS.
fn code_in(body: &str) -> Option<&str> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if run == 6 {
            return Some(&body[i..i + 6]);
        }
        i += run.max(1);
    }
    None
}

/// The body, escaped, with every `http(s)://` address made a link.
fn linkify(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find("http://").into_iter().chain(rest.find("https://")).min() {
        out.push_str(&escape(&rest[..at]));
        let len = rest[at..].find(char::is_whitespace).unwrap_or(rest.len() - at);
        let url = rest[at..at + len].trim_end_matches(['.', ',', ')']);
        out.push_str(&format!("<a href=\"{0}\">{0}</a>", escape(url)));
        rest = &rest[at + url.len()..];
    }
    out.push_str(&escape(rest));
    out
}

fn copy_button(value: &str, label: &str) -> String {
    format!("<button type=\"button\" class=\"secondary small\" data-copy=\"{v}\">{label}</button>", v = escape(value))
}

fn item(m: &DevMessage, lang: Lang) -> String {
    let words = |key| lang.dev_page_text(key);
    let kind = match m.channel {
        "sms" => "SMS",
        "email" => words("dev.outbox.email"),
        _ => "Push",
    };
    let mut quick = String::new();
    if m.channel == "sms" {
        if let Some(code) = code_in(&m.body) {
            quick = format!(
                "<p class=\"copy\">{label} <code class=\"code\">{c}</code> {b}</p>",
                label = words("dev.outbox.code"),
                c = escape(code),
                b = copy_button(code, words("dev.outbox.copy_code"))
            );
        }
    } else if let Some(at) = m.body.find("http") {
        let url = m.body[at..].split_whitespace().next().unwrap_or("").trim_end_matches(['.', ',', ')']);
        if url.starts_with("http://") || url.starts_with("https://") {
            quick = format!("<p class=\"copy\">{b}</p>", b = copy_button(url, words("dev.outbox.copy_link")));
        }
    }
    let time = m.sent_at.map_or_else(String::new, |at| {
        format!(" · <time datetime=\"{}\">{}</time>", at.to_rfc3339(), at.format("%Y-%m-%d %H:%M:%S UTC"))
    });
    format!(
        "<li class=\"msg msg-{ch}\"><p class=\"meta\"><span class=\"tag\">{kind}</span> {to_word} <strong>{to}</strong>{time}</p>{subject}{quick}<pre>{body}</pre></li>\n",
        ch = escape(m.channel),
        to_word = words("dev.outbox.to"),
        to = escape(&m.to),
        subject = m.subject.as_deref().map(|s| format!("<h2>{}</h2>", escape(s))).unwrap_or_default(),
        body = linkify(&m.body),
    )
}

fn html(messages: &[DevMessage], lang: Lang) -> String {
    let words = |key| lang.dev_page_text(key);
    let mut items: String = messages.iter().rev().map(|m| item(m, lang)).collect();
    if items.is_empty() {
        items = format!("<li>{}</li>", words("dev.outbox.empty"));
    }
    let newest_first = words("dev.outbox.newest_first").replace("{count}", &messages.len().to_string());
    // outbox.js reads its words and the date's locale from `<main>`.
    format!(
        r#"<!doctype html>
<html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="/static/style.css"><script src="/dev/outbox.js" defer></script></head>
<body><div class="local-banner" role="note">{banner}</div>
<header class="top"><a class="brand" href="/">Profil Zaufany</a></header>
<main class="page" id="main" data-copied="{copied}" data-selected="{selected}" data-locale="{locale}"><h1>{heading}</h1><p>{newest_first} <a href="/dev/outbox">{refresh}</a> · <a href="/dev/outbox?format=json">JSON</a> · <a href="/">{home}</a></p>
<p id="copied" class="notice" role="status" aria-live="polite"></p>
<ul class="outbox">{items}</ul></main></body></html>"#,
        code = lang.code(),
        title = words("dev.outbox.title"),
        banner = words("dev.outbox.banner"),
        copied = escape(words("dev.outbox.copied")),
        selected = escape(words("dev.outbox.selected")),
        locale = words("dev.outbox.locale"),
        heading = words("dev.outbox.heading"),
        refresh = words("dev.outbox.refresh"),
        home = words("dev.outbox.home"),
    )
}

/// `GET /dev/outbox.js`: the copy buttons.
pub fn script() -> Response<Full<Bytes>> {
    page(StatusCode::OK, "text/javascript; charset=utf-8", include_str!("outbox.js").to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_of_an_sms_is_its_six_digit_run() {
        assert_eq!(code_in("Profil Zaufany: kod 123456. Nie podawaj go nikomu."), Some("123456"));
        assert_eq!(code_in("tel 5001002003, kod 654321"), Some("654321"));
        assert_eq!(code_in("brak kodu 12345"), None);
    }

    #[test]
    fn the_page_is_in_the_readers_language() {
        let sms = DevMessage {
            channel: "sms",
            to: "+48500100200".into(),
            subject: None,
            body: "Profil Zaufany: code 123456.".into(),
            sent_at: None,
        };
        let english = html(std::slice::from_ref(&sms), Lang::En);
        assert!(english.starts_with("<!doctype html>\n<html lang=\"en\">"));
        for words in ["<h1>Message outbox</h1>", "Newest first (1).", ">Copy code</button>", "> to <strong>"] {
            assert!(english.contains(words), "{words}");
        }
        assert!(!english.chars().any(|c| "ąćęłńśźżó".contains(c)), "no Polish: {english}");
        let ukrainian = html(&[], Lang::Uk);
        assert!(ukrainian.contains("<li>Повідомлень немає.</li>") && ukrainian.contains("data-locale=\"uk-UA\""));
        assert!(html(&[sms], Lang::Pl).contains(">Kopiuj kod</button>"));
    }

    #[test]
    fn links_are_clickable_and_the_rest_is_escaped() {
        let html = linkify("Wejdź: https://x.pl/a?b=1&c=2. <b>ok</b>");
        assert_eq!(
            html,
            "Wejdź: <a href=\"https://x.pl/a?b=1&amp;c=2\">https://x.pl/a?b=1&amp;c=2</a>. &lt;b&gt;ok&lt;/b&gt;"
        );
        assert_eq!(linkify("bez linku"), "bez linku");
    }
}
