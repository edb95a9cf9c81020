//! The logs of a whole flow (issue 7): JSON lines with the request id, and no secret or
//! personal data in them — no PESEL, password, SMS code, application number, cookie,
//! email address, phone number or surname. Logged at `debug`, stricter than production.

use std::io::Write;
use std::sync::{Arc, Mutex};

use e2e::*;
use hyper::StatusCode;
use serde_json::{json, Value};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_logs_of_a_whole_flow_hold_request_ids_and_no_secret_or_personal_data() {
    let captured = Captured::default();
    let writer = captured.clone();
    shared::lambda::init_tracing_to(move || writer.clone(), "debug,hyper=info,h2=info");

    let gw = spawn_gateway().await;
    let n = 61;
    let (citizen, id) = submitted_application(&gw, n).await;
    let mails = emails_to(&citizen, &email(n), 2).await;
    let number =
        mails[1]["body"].as_str().unwrap().lines().find_map(|l| l.strip_prefix("Numer wniosku: ")).unwrap().to_owned();
    // a wrong code and a wrong password are logged too, without what was typed
    let clerk = clerk_browser(&gw).await;
    let r = clerk
        .post(&format!("/api/clerk/applications/{id}/call-link"), &json!({ "url": "https://join.skype.com/AbCdEf123" }))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let checks = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let r = clerk.post(&format!("/api/clerk/applications/{id}/confirm"), &checks).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r =
        Browser::new(gw.url()).post("/api/login", &json!({"login": "Obywatel_61", "password": "Zle-Haslo-123"})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let signed = signed_in(&gw, n, "Obywatel_61").await;
    let r = signed.get("/api/profile").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // let the outbox sender finish its pass
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let codes: Vec<String> = outbox(&citizen)
        .await
        .iter()
        .filter(|m| m["channel"] == "sms")
        .filter_map(|m| {
            m["body"]
                .as_str()
                .and_then(|b| b.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6))
                .map(str::to_owned)
        })
        .collect();
    assert!(codes.len() >= 2, "the SMS codes of applying and signing in");
    let mut secrets: Vec<(String, String)> = vec![
        ("PESEL".into(), pesel(n)),
        ("password".into(), PASSWORD.into()),
        ("wrong password".into(), "Zle-Haslo-123".into()),
        ("clerk password".into(), CLERK_PASSWORD.into()),
        ("application number".into(), number.clone()),
        ("application number without dashes".into(), number.replace('-', "")),
        ("email address".into(), email(n)),
        ("phone number".into(), phone(n)),
        ("phone number as typed".into(), "500-000-061".into()),
        ("surname".into(), "Żółkiewska".into()),
    ];
    secrets.extend(codes.iter().map(|c| ("SMS code".to_owned(), c.clone())));
    for (who, b) in [("citizen", &citizen), ("clerk", &clerk), ("signed in", &signed)] {
        for name in
            ["pz_app", "pz_app_csrf", "pz_csrf", "pz_login", "pz_login_csrf", "pz_session", "pz_clerk", "pz_clerk_csrf"]
        {
            if let Some(v) = b.cookie(name) {
                secrets.push((format!("{who}'s {name} cookie"), v));
            }
        }
    }

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 20, "the flow was logged ({} lines)", lines.len());
    let mut with_request_id = 0;
    for line in &lines {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        if v["fields"]["message"] == "api" {
            let id = v["span"]["request_id"].as_str().expect("an api line carries its request id");
            assert_eq!(id.len(), 20);
            assert!(v["span"]["route"].as_str().unwrap().contains("/api/"), "{line}");
            with_request_id += 1;
        }
    }
    assert!(with_request_id >= 10, "every API request is logged with its id ({with_request_id})");
    for (what, secret) in &secrets {
        // JSON escapes non-ASCII letters in some writers: look for both spellings
        let escaped = serde_json::to_string(secret).unwrap();
        let escaped = escaped.trim_matches('"');
        let hit = lines.iter().find(|l| l.contains(secret.as_str()) || l.contains(escaped));
        assert!(hit.is_none(), "the logs hold the {what}: {}", hit.unwrap());
    }
    if std::env::var("PZ_SHOW_LOGS").is_ok() {
        eprintln!("{text}");
    }
    eprintln!(
        "{} log lines, {with_request_id} API requests with ids, {} secrets looked for, none found",
        lines.len(),
        secrets.len()
    );
}
