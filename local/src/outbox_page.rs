//! `GET /dev/outbox`: every SMS, push and email of this run. JSON for programs (newest
//! last, as API.md says), an HTML page for people (newest first).

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

pub fn serve<B>(outbox: Option<&DevOutbox>, req: &Request<B>) -> Response<Full<Bytes>> {
    let Some(outbox) = outbox else {
        let body = r#"{"error":"not_found","message":"Skrzynka wiadomości działa tylko w trybie z magazynem w pamięci; w trybie AWS wiadomości wysyłają SNS i SES."}"#;
        return page(StatusCode::NOT_FOUND, "application/json", body.to_owned());
    };
    let messages = outbox.messages();
    if !wants_html(req) {
        let body = serde_json::to_string(&OutboxOut { messages: &messages }).unwrap_or_default();
        return page(StatusCode::OK, "application/json", body);
    }
    page(StatusCode::OK, "text/html; charset=utf-8", html(&messages))
}

fn html(messages: &[DevMessage]) -> String {
    let mut items = String::new();
    for m in messages.iter().rev() {
        let kind = match m.channel {
            "sms" => "SMS",
            "email" => "E-mail",
            _ => "Push",
        };
        items.push_str(&format!(
            "<li class=\"msg msg-{ch}\"><p class=\"meta\"><span class=\"tag\">{kind}</span> do <strong>{to}</strong> · <time datetime=\"{t}\">{t}</time></p>{subject}<pre>{body}</pre></li>\n",
            ch = escape(m.channel),
            to = escape(&m.to),
            t = m.sent_at.format("%Y-%m-%d %H:%M:%S UTC"),
            subject = m.subject.as_deref().map(|s| format!("<h2>{}</h2>", escape(s))).unwrap_or_default(),
            body = escape(&m.body),
        ));
    }
    if items.is_empty() {
        items.push_str("<li>Brak wiadomości.</li>");
    }
    format!(
        r#"<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Skrzynka wiadomości (tryb lokalny) — Profil Zaufany</title><link rel="stylesheet" href="/static/style.css"></head>
<body><div class="local-banner" role="note"><strong>Tryb lokalny.</strong> Tu trafiają SMS-y, powiadomienia push i e-maile zamiast do prawdziwych odbiorców.</div>
<main class="page"><h1>Skrzynka wiadomości</h1><p>Najnowsze na górze. <a href="/dev/outbox">Odśwież</a> · <a href="/dev/outbox?format=json">JSON</a> · <a href="/">Strona główna</a></p>
<ul class="outbox">{items}</ul></main></body></html>"#
    )
}
