//! Feeds every file in `events/` to the handler of its function and checks the answer,
//! on state prepared so that each event takes its success path.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use serde_json::Value;
use shared::adapters::clock::FixedClock;
use shared::adapters::dev_outbox::DevOutbox;
use shared::adapters::memory::MemoryStore;
use shared::config::{parse_hash_key, Config};
use shared::domain::*;
use shared::handlers::{http_function, send_emails};
use shared::ports::{Clock, Write};
use shared::service::application::{browser_token_hash, code_hash};
use shared::Deps;

const KEY: &str = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a";
const APP_ID: &str = "0123456789abcdefghjkmnpqrs";
const TOKEN: &str = "eventtoken0123456789abcdefghjkmn";
const SLOT_ID: &str = "0123456789abcdef";
const NOW: &str = "2026-11-22T10:00:00Z";

struct World {
    deps: Deps,
    outbox: Arc<DevOutbox>,
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

async fn world() -> World {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(NOW));
    let outbox = Arc::new(DevOutbox::new(clock.clone()));
    let config = Config::with_key(parse_hash_key(KEY).unwrap());
    let deps = Deps::new(config, Arc::new(MemoryStore::new()))
        .with_clock(clock)
        .with_sms(outbox.clone())
        .with_email(outbox.clone());
    let start = at(NOW) + Duration::hours(23);
    let slot = Slot { id: SlotId::parse(SLOT_ID).unwrap(), start, end: start + Duration::minutes(20), capacity: 2, booked: 0, demo: false };
    deps.store.create_slot(&slot).await.unwrap();
    World { deps, outbox }
}

/// An application awaiting its SMS code, whose browser holds `TOKEN` and whose current code is 123456.
async fn an_application_awaiting_its_code(w: &World) {
    let id = ApplicationId::parse(APP_ID).unwrap();
    let key = &w.deps.config.hash_key;
    let now = at(NOW);
    let slot = w.deps.store.get_slot(&SlotId::parse(SLOT_ID).unwrap()).await.unwrap().unwrap();
    let mut code = CodeGuard::default();
    code.issue(now, code_hash(key, &id, &SmsCode::parse("123456").unwrap())).unwrap();
    let app = Application {
        id: id.clone(),
        number: ApplicationNumber::generate(&shared::adapters::random::SeededRandom::new(1)),
        status: ApplicationStatus::AwaitingSmsCode,
        username: Username::parse("Anna_N").unwrap(),
        password_hash: Some(Password::parse("Zielony7Las!", None).unwrap().hash()),
        first_name: PersonName::parse("Anna").unwrap(),
        second_name: None,
        last_name: PersonName::parse("Nowak").unwrap(),
        pesel: Pesel::parse(&e2e::pesel(5), now.date_naive()).unwrap(),
        email: Email::parse("anna.nowak@example.pl").unwrap(),
        phone: PhoneNumber::parse("500 100 200").unwrap(),
        slot: SlotRef::from(&slot),
        video_app: VideoApp::parse("Skype", &["Skype".to_owned()]).unwrap(),
        created_at: now,
        verify_by: Some(now + Duration::hours(1)),
        submitted_at: None,
        browser_token_hash: browser_token_hash(key, &Token::from_cookie(TOKEN)),
        code,
        version: 0,
    };
    w.deps.store.commit(vec![Write::CreateApplication(app)]).await.unwrap();
}

async fn run_http_event(w: &World, name: &str) -> (StatusCode, Value, Response<Body>) {
    let text = std::fs::read_to_string(format!("{}/../events/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let req = lambda_http::request::from_str(&text).unwrap_or_else(|e| panic!("events/{name}.json: {e}"));
    let handler = http_function(name).unwrap_or_else(|| panic!("no handler for events/{name}.json"));
    let resp = handler(&w.deps, req).await;
    let body = match resp.body() {
        Body::Text(t) => serde_json::from_str(t).unwrap_or(Value::Null),
        _ => Value::Null,
    };
    (resp.status(), body, resp)
}

#[tokio::test]
async fn list_slots_event_lists_the_future_slot() {
    let w = world().await;
    let (status, body, _) = run_http_event(&w, "list-slots").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["slots"][0]["id"], SLOT_ID);
    assert_eq!(body["slots"][0]["free"], 2);
    assert_eq!(body["video_apps"], serde_json::json!(["Skype", "Microsoft Teams"]));
}

#[tokio::test]
async fn submit_application_event_creates_an_application_and_sets_cookies() {
    let w = world().await;
    let (status, body, resp) = run_http_event(&w, "submit-application").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "awaiting_sms_code");
    let cookies: Vec<&str> = resp.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("pz_app=") && c.contains("HttpOnly") && c.contains("Secure")));
    assert!(cookies.iter().any(|c| c.starts_with("pz_csrf=")));
    let id = ApplicationId::parse(body["application_id"].as_str().unwrap()).unwrap();
    assert!(w.deps.store.get_application(&id).await.unwrap().is_some());
    assert_eq!(w.deps.store.get_slot(&SlotId::parse(SLOT_ID).unwrap()).await.unwrap().unwrap().booked, 1);
}

#[tokio::test]
async fn send_sms_code_event_sends_an_sms() {
    let w = world().await;
    an_application_awaiting_its_code(&w).await;
    let (status, body, _) = run_http_event(&w, "send-sms-code").await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!(body, serde_json::json!({"sent_to": "+48 *** *** 200", "expires_in": 300}));
    let sms = w.outbox.messages();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0].to, "+48500100200");
}

#[tokio::test]
async fn verify_code_event_submits_and_queues_two_emails() {
    let w = world().await;
    an_application_awaiting_its_code(&w).await;
    let (status, body, _) = run_http_event(&w, "verify-code").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "submitted");
    assert_eq!(w.deps.store.due_messages(at(NOW), 10).await.unwrap().len(), 2);
    assert!(w.deps.store.get_account(&ApplicationId::parse(APP_ID).unwrap()).await.unwrap().is_some());
}

#[tokio::test]
async fn application_status_event_shows_the_status() {
    let w = world().await;
    an_application_awaiting_its_code(&w).await;
    let (status, body, _) = run_http_event(&w, "application-status").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "awaiting_sms_code");
    assert_eq!(body["video_app"], "Skype");
}

#[tokio::test]
async fn send_emails_event_delivers_the_queued_email_once() {
    let w = world().await;
    let id = format!("{APP_ID}.application-sent");
    let msg = OutboxMessage::email(id.clone(), "anna.nowak@example.pl", "Temat".into(), "Treść".into(), at(NOW));
    w.deps.store.commit(vec![Write::Enqueue(msg)]).await.unwrap();
    let text = std::fs::read_to_string(format!("{}/../events/send-emails.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let event: Value = serde_json::from_str(&text).unwrap();
    let resp = send_emails::handle(&w.deps, event.clone()).await.unwrap();
    assert!(resp.batch_item_failures.is_empty());
    // The stream may deliver a record twice: the second time nothing is sent.
    send_emails::handle(&w.deps, event).await.unwrap();
    let sent = w.outbox.messages();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].subject.as_deref(), Some("Temat"));
    assert_eq!(w.deps.store.get_message(&id).await.unwrap().unwrap().status, DeliveryStatus::Sent);
}

#[test]
fn every_event_file_is_tested() {
    let tested = ["list-slots", "submit-application", "send-sms-code", "verify-code", "application-status", "send-emails"];
    for entry in std::fs::read_dir(format!("{}/../events", env!("CARGO_MANIFEST_DIR"))).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".json") {
            assert!(tested.contains(&stem), "events/{name} has no test");
        }
    }
}
