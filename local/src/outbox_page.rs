//! `GET /dev/outbox`: every SMS, push and email of this run. JSON for programs (newest
//! last, as docs/api.md §12 says), an HTML page for people (newest first).

use bytes::Bytes;
use http_body_util::Full;
use hyper::{header, Request, Response, StatusCode};
use serde::Serialize;
use shared::adapters::dev_outbox::{DevMessage, DevOutbox};

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

pub async fn serve<B>(source: &Source, req: &Request<B>) -> Response<Full<Bytes>> {
    let messages = match source {
        Source::Memory(outbox) => outbox.messages(),
        Source::Emulator(endpoint) => match crate::emulator_outbox::messages(endpoint).await {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the emulator's messages");
                let body = r#"{"error":"unavailable","message":"Nie udało się odczytać wiadomości z emulatora AWS."}"#;
                return page(StatusCode::SERVICE_UNAVAILABLE, "application/json", body.to_owned());
            }
        },
        Source::None => {
            let body = r#"{"error":"not_found","message":"Skrzynka wiadomości działa z magazynem w pamięci albo z emulatorem AWS; w AWS wiadomości wysyłają SNS i SES."}"#;
            return page(StatusCode::NOT_FOUND, "application/json", body.to_owned());
        }
    };
    if !wants_html(req) {
        let body = serde_json::to_string(&OutboxOut { messages: &messages }).unwrap_or_default();
        return page(StatusCode::OK, "application/json", body);
    }
    page(StatusCode::OK, "text/html; charset=utf-8", html(&messages))
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

fn copy_button(value: &str, what: &str) -> String {
    format!(
        "<button type=\"button\" class=\"secondary small\" data-copy=\"{v}\">Kopiuj {what}</button>",
        v = escape(value)
    )
}

fn item(m: &DevMessage) -> String {
    let kind = match m.channel {
        "sms" => "SMS",
        "email" => "E-mail",
        _ => "Push",
    };
    let mut quick = String::new();
    if m.channel == "sms" {
        if let Some(code) = code_in(&m.body) {
            quick = format!(
                "<p class=\"copy\">Kod: <code class=\"code\">{c}</code> {b}</p>",
                c = escape(code),
                b = copy_button(code, "kod")
            );
        }
    } else if let Some(at) = m.body.find("http") {
        let url = m.body[at..].split_whitespace().next().unwrap_or("").trim_end_matches(['.', ',', ')']);
        if url.starts_with("http://") || url.starts_with("https://") {
            quick = format!("<p class=\"copy\">{b}</p>", b = copy_button(url, "link"));
        }
    }
    let time = m.sent_at.map_or_else(String::new, |at| {
        format!(" · <time datetime=\"{}\">{}</time>", at.to_rfc3339(), at.format("%Y-%m-%d %H:%M:%S UTC"))
    });
    format!(
        "<li class=\"msg msg-{ch}\"><p class=\"meta\"><span class=\"tag\">{kind}</span> do <strong>{to}</strong>{time}</p>{subject}{quick}<pre>{body}</pre></li>\n",
        ch = escape(m.channel),
        to = escape(&m.to),
        subject = m.subject.as_deref().map(|s| format!("<h2>{}</h2>", escape(s))).unwrap_or_default(),
        body = linkify(&m.body),
    )
}

fn html(messages: &[DevMessage]) -> String {
    let mut items: String = messages.iter().rev().map(item).collect();
    if items.is_empty() {
        items.push_str("<li>Brak wiadomości.</li>");
    }
    format!(
        r#"<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Skrzynka wiadomości (tryb lokalny) — Profil Zaufany</title><link rel="stylesheet" href="/static/style.css"><script src="/dev/outbox.js" defer></script></head>
<body><div class="local-banner" role="note"><strong>Tryb lokalny.</strong> Tu trafiają SMS-y, powiadomienia push i e-maile zamiast do prawdziwych odbiorców.</div>
<header class="top"><a class="brand" href="/">Profil Zaufany</a></header>
<main class="page" id="main"><h1>Skrzynka wiadomości</h1><p>Najnowsze na górze ({count}). <a href="/dev/outbox">Odśwież</a> · <a href="/dev/outbox?format=json">JSON</a> · <a href="/">Strona główna</a></p>
<p id="copied" class="notice" role="status" aria-live="polite"></p>
<ul class="outbox">{items}</ul></main></body></html>"#,
        count = messages.len(),
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
    fn links_are_clickable_and_the_rest_is_escaped() {
        let html = linkify("Wejdź: https://x.pl/a?b=1&c=2. <b>ok</b>");
        assert_eq!(
            html,
            "Wejdź: <a href=\"https://x.pl/a?b=1&amp;c=2\">https://x.pl/a?b=1&amp;c=2</a>. &lt;b&gt;ok&lt;/b&gt;"
        );
        assert_eq!(linkify("bez linku"), "bez linku");
    }
}
