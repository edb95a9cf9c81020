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
use shared::ports::{Clock, Record, Write};
use shared::service::application::{browser_token_hash, code_hash};
use shared::Wired;
use shared::{Deps, FullDeps};

const KEY: &str = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a";
const APP_ID: &str = "0123456789abcdefghjkmnpqrs";
const TOKEN: &str = "eventtoken0123456789abcdefghjkmn";
const SLOT_ID: &str = "0123456789abcdef";
const NOW: &str = "2026-11-22T10:00:00Z";

struct World {
    deps: FullDeps,
    outbox: Arc<DevOutbox>,
    clock: Arc<FixedClock>,
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The provider of the local gateway's development key, issuing for a deployed address.
fn provider() -> shared::service::oidc::Provider {
    let key = std::fs::read_to_string(format!("{}/../local/dev-keys/oidc-signing-key.pem", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    shared::service::oidc::Provider::configured("https://pz.example.gov.pl", &key, None).unwrap()
}

async fn world() -> World {
    let fixed = Arc::new(FixedClock::at(NOW));
    let clock: Arc<dyn Clock> = fixed.clone();
    let outbox = Arc::new(DevOutbox::new(clock.clone()));
    let config = Config::with_key(parse_hash_key(KEY).unwrap());
    let storage: Arc<dyn shared::ports::Storage> = Arc::new(MemoryStore::new());
    let deps = Deps::new(config, storage)
        .with_clock(clock)
        .with_sms(outbox.clone())
        .with_email(outbox.clone())
        .with_push(outbox.clone())
        .with_oidc(Arc::new(provider()));
    let start = at(NOW) + Duration::hours(23);
    let slot = Slot {
        id: SlotId::parse(SLOT_ID).unwrap(),
        start,
        end: start + Duration::minutes(20),
        capacity: 2,
        booked: 0,
        demo: false,
    };
    deps.store().create_slot(&slot).await.unwrap();
    World { deps, outbox, clock: fixed }
}

/// An application awaiting its SMS code, whose browser holds `TOKEN` and whose current code is 123456.
async fn an_application_awaiting_its_code(w: &World) {
    let id = ApplicationId::parse(APP_ID).unwrap();
    let key = &w.deps.config.hash_key;
    let now = at(NOW);
    let slot = w.deps.store().get_slot(&SlotId::parse(SLOT_ID).unwrap()).await.unwrap().unwrap();
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
        slot: Some(SlotRef::from(&slot)),
        video_app: Some(VideoApp::parse("Skype", &["Skype".to_owned()]).unwrap()),
        office: None,
        vouched_by: None,
        created_at: now,
        verify_by: Some(now + Duration::hours(1)),
        submitted_at: None,
        browser_token_hash: browser_token_hash(key, &Token::from_cookie(TOKEN)),
        code,
        review: Default::default(),
        lang: Default::default(),
        version: 0,
    };
    // No place yet: a place in the slot is taken only with the code (docs/rules.md §8.4).
    w.deps.store().commit(vec![Write::CreateApplication(app)]).await.unwrap();
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
    assert!(cookies.iter().any(|c| c.starts_with("pz_app_csrf=")));
    let id = ApplicationId::parse(body["application_id"].as_str().unwrap()).unwrap();
    assert!(w.deps.store().get_application(&id).await.unwrap().is_some());
    assert_eq!(
        w.deps.store().get_slot(&SlotId::parse(SLOT_ID).unwrap()).await.unwrap().unwrap().booked,
        0,
        "a place is taken only with the code"
    );
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
    assert_eq!(w.deps.store().due_messages(outbox::Lane::Email, at(NOW), 10).await.unwrap().len(), 2);
    assert!(w.deps.store().get_account(&ApplicationId::parse(APP_ID).unwrap()).await.unwrap().is_some());
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
    w.deps.store().commit(vec![Write::Enqueue(msg)]).await.unwrap();
    let text = std::fs::read_to_string(format!("{}/../events/send-emails.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let event: Value = serde_json::from_str(&text).unwrap();
    let resp = send_emails::handle(&w.deps, event.clone()).await.unwrap();
    assert!(resp.batch_item_failures.is_empty());
    // The stream may deliver a record twice: the second time nothing is sent.
    send_emails::handle(&w.deps, event).await.unwrap();
    let sent = w.outbox.messages();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].subject.as_deref(), Some("Temat"));
    assert_eq!(w.deps.store().get_message(&id).await.unwrap().unwrap().status, DeliveryStatus::Sent);
}

const CLERK_TOKEN: &str = "clerktoken0123456789abcdefghjkmn";
const CLERK_PASSWORD: &str = "Urzad-Testowy-2026";
const REBOOK_TOKEN: &str = "rebooktoken123456789abcdefghjkmn";

/// The clerk `urzednik`, signed in with `CLERK_TOKEN` (the events' `pz_clerk` cookie).
async fn a_signed_in_clerk(w: &World) {
    let ctx = w.deps.ctx();
    let rng = shared::adapters::random::SeededRandom::new(9);
    let clerk = shared::service::clerk::create_clerk(&ctx, &rng, "urzednik", CLERK_PASSWORD).await.unwrap().clerk;
    let session = ClerkSession {
        token_hash: shared::service::clerk::session_hash(&w.deps.config.hash_key, &Token::from_cookie(CLERK_TOKEN)),
        clerk_id: clerk.id,
        username: clerk.username,
        created_at: at(NOW),
        last_seen: at(NOW),
    };
    w.deps.store().commit(vec![Write::PutClerkSession(session)]).await.unwrap();
}

/// The application, sent (its code accepted through the verify-code event).
async fn a_submitted_application(w: &World) {
    an_application_awaiting_its_code(w).await;
    let (status, body, _) = run_http_event(w, "verify-code").await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn clerk_session_event_signs_the_clerk_in() {
    let w = world().await;
    let rng = shared::adapters::random::SeededRandom::new(9);
    // The event's code "023403" is this secret's at NOW (the events' fixed time).
    let totp = shared::domain::totp::TotpSecret::parse("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").unwrap();
    shared::service::clerk::create_clerk_with_totp(&w.deps.ctx(), &rng, "urzednik", CLERK_PASSWORD, totp)
        .await
        .unwrap();
    let (status, body, resp) = run_http_event(&w, "clerk-session").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["username"], "urzednik");
    let cookies: Vec<&str> = resp.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("pz_clerk=")
            && c.contains("HttpOnly")
            && c.contains("Secure")
            && c.contains("Path=/api/clerk")
            && c.contains("SameSite=Strict")),
        "{cookies:?}"
    );
}

#[tokio::test]
async fn clerk_schedule_event_publishes_a_slot() {
    let w = world().await;
    a_signed_in_clerk(&w).await;
    let (status, body, _) = run_http_event(&w, "clerk-schedule").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!((body["start"].as_str(), body["capacity"].as_u64()), (Some("2026-11-24T08:00:00Z"), Some(2)));
    let id = SlotId::parse(body["id"].as_str().unwrap()).unwrap();
    assert!(w.deps.store().get_slot(&id).await.unwrap().is_some());
}

#[tokio::test]
async fn clerk_application_event_shows_the_number_to_read_out() {
    let w = world().await;
    a_submitted_application(&w).await;
    a_signed_in_clerk(&w).await;
    let (status, body, _) = run_http_event(&w, "clerk-application").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let app = w.deps.store().get_application(&ApplicationId::parse(APP_ID).unwrap()).await.unwrap().unwrap();
    assert_eq!(body["application_number"], app.number.reveal());
    assert_eq!((body["first_name"].as_str(), body["status"].as_str()), (Some("Anna"), Some("submitted")));
}

#[tokio::test]
async fn confirm_by_clerk_event_activates_the_profile_for_three_years() {
    let w = world().await;
    a_submitted_application(&w).await;
    a_signed_in_clerk(&w).await;
    let (status, body, _) = run_http_event(&w, "confirm-by-clerk").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, serde_json::json!({"status": "confirmed", "valid_until": "2029-11-22T10:00:00Z"}));
    let account = w.deps.store().get_account(&ApplicationId::parse(APP_ID).unwrap()).await.unwrap().unwrap();
    assert_eq!(account.status, AccountStatus::Active);
    // a second delivery of the same event changes nothing
    let (status, _, _) = run_http_event(&w, "confirm-by-clerk").await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn rebook_application_event_moves_a_missed_call_to_the_new_slot() {
    let w = world().await;
    a_submitted_application(&w).await;
    let id = ApplicationId::parse(APP_ID).unwrap();
    let mut app = w.deps.store().get_application(&id).await.unwrap().unwrap();
    let past = Slot {
        id: SlotId::parse("00000000000000aa").unwrap(),
        start: at(NOW) - Duration::days(1),
        end: at(NOW) - Duration::days(1) + Duration::minutes(20),
        capacity: 1,
        booked: 1,
        demo: false,
    };
    app.slot = Some(SlotRef::from(&past));
    app.mark_no_show(at(NOW), Some(shared::service::noshow::rebook_token_hash(&w.deps.config.hash_key, REBOOK_TOKEN)));
    w.deps.store().commit(vec![Write::UpdateApplication(app)]).await.unwrap();
    let (status, body, _) = run_http_event(&w, "rebook-application").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "submitted");
    let app = w.deps.store().get_application(&id).await.unwrap().unwrap();
    assert_eq!((app.slot.unwrap().id.as_str(), app.review.rebooked), (SLOT_ID, true));
}

#[tokio::test]
async fn web_pages_event_serves_the_clerk_panel() {
    let w = world().await;
    let (status, _, resp) = run_http_event(&w, "web-pages").await;
    assert_eq!(status, StatusCode::OK);
    let Body::Text(html) = resp.body() else { panic!("a text body") };
    assert!(html.contains("Panel urzędnika") && html.contains("/static/clerk.js"));
    assert!(resp.headers()["content-security-policy"].to_str().unwrap().contains("default-src 'self'"));
}

#[tokio::test]
async fn expire_applications_event_expires_an_abandoned_application() {
    let w = world().await;
    an_application_awaiting_its_code(&w).await;
    w.clock.advance(Duration::hours(2));
    let text =
        std::fs::read_to_string(format!("{}/../events/expire-applications.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let _scheduled: Value = serde_json::from_str(&text).unwrap();
    let report = shared::handlers::expire_applications::handle(&w.deps).await.unwrap();
    assert_eq!(report.unverified_expired, 1);
    let app = w.deps.store().get_application(&ApplicationId::parse(APP_ID).unwrap()).await.unwrap().unwrap();
    assert_eq!(app.status, ApplicationStatus::Expired);
    assert_eq!(w.deps.store().get_slot(&SlotId::parse(SLOT_ID).unwrap()).await.unwrap().unwrap().booked, 0);
}

const SESSION_TOKEN: &str = "sessiontoken0123456789abcdefghjk";
const DEVICE_ID: &str = "0123456789abcdef";
const DEVICE_SECRET: &str = "devicesecret0123456789abcdefghjk";

/// Anna's profile, confirmed by a clerk: active for three years.
async fn an_active_profile(w: &World) -> Account {
    a_submitted_application(w).await;
    let id = ApplicationId::parse(APP_ID).unwrap();
    let mut account = w.deps.store().get_account(&id).await.unwrap().unwrap();
    account.activate(ClerkId::parse("00000000000000cc").unwrap(), at(NOW));
    w.deps.store().commit(vec![Write::UpdateAccount(account)]).await.unwrap();
    w.deps.store().get_account(&id).await.unwrap().unwrap()
}

fn set_cookies(resp: &Response<Body>) -> Vec<String> {
    resp.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn sign_in_event_checks_the_password_and_sends_a_code() {
    let w = world().await;
    an_active_profile(&w).await;
    let (status, body, resp) = run_http_event(&w, "sign-in").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["method"].as_str(), body["expires_in"].as_i64()), (Some("sms"), Some(300)));
    ChallengeId::parse(body["challenge_id"].as_str().unwrap()).unwrap();
    let sms = w.outbox.messages().into_iter().rfind(|m| m.channel == "sms").unwrap();
    assert!(sms.to == "+48500100200" && sms.body.contains("kod logowania"), "{sms:?}");
    let cookies = set_cookies(&resp);
    assert!(
        cookies.iter().any(|c| c.starts_with("pz_login=") && c.contains("HttpOnly") && c.contains("Path=/api/login")),
        "{cookies:?}"
    );
}

#[tokio::test]
async fn profile_event_shows_the_signed_in_citizen_their_profile() {
    let w = world().await;
    let account = an_active_profile(&w).await;
    let session = CitizenSession {
        token_hash: shared::service::signin::session_hash(&w.deps.config.hash_key, &Token::from_cookie(SESSION_TOKEN)),
        account_id: account.id.clone(),
        created_at: at(NOW),
        last_seen: at(NOW),
        method: AuthMethod::Sms,
        via: None,
        services: Vec::new(),
        version: 0,
    };
    let mut account = account;
    account.add_session(session.token_hash.clone());
    let writes = vec![Write::CreateRecord(Record::Session(session)), Write::UpdateAccount(account)];
    w.deps.store().commit(writes).await.unwrap();
    let (status, body, _) = run_http_event(&w, "profile").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["username"].as_str(), body["auth_method"].as_str()), (Some("Anna_N"), Some("sms")));
    assert_eq!(body["valid_until"], "2029-11-22T10:00:00Z");
}

#[tokio::test]
async fn devices_event_lists_the_push_waiting_for_the_app() {
    let w = world().await;
    let account = an_active_profile(&w).await;
    let rng = shared::adapters::random::SeededRandom::new(5);
    let device = Device {
        id: DeviceId::parse(DEVICE_ID).unwrap(),
        account_id: account.id.clone(),
        platform: Platform::Android,
        endpoint: "local:endpoint/android/x".into(),
        secret_hash: shared::service::devices::device_secret_hash(
            &w.deps.config.hash_key,
            &Token::from_cookie(DEVICE_SECRET),
        ),
        created_at: at(NOW),
        version: 0,
    };
    let challenge = Challenge {
        id: ChallengeId::generate(&rng),
        account_id: account.id,
        kind: ChallengeKind::Login,
        method: AuthMethod::Push,
        status: ChallengeStatus::Pending,
        created_at: at(NOW),
        expires_at: at(NOW) + Duration::minutes(2),
        browser_hash: Some("h".into()),
        push: Some(PushPrompt::new(&rng, device.id.clone())),
        answered_at: None,
        linking: None,
        lang: None,
        version: 0,
    };
    w.deps
        .store()
        .commit(vec![
            Write::CreateRecord(Record::Device(device)),
            Write::CreateRecord(Record::Challenge(challenge.clone())),
        ])
        .await
        .unwrap();
    let (status, body, _) = run_http_event(&w, "devices").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let requests = body["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        (requests[0]["request_id"].as_str(), requests[0]["kind"].as_str()),
        (Some(challenge.id.as_str()), Some("login"))
    );
    assert_eq!(requests[0]["choices"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn send_push_event_delivers_the_queued_push_once_and_send_emails_leaves_it() {
    let w = world().await;
    let push = OutboxMessage::push(APP_ID.into(), "local:endpoint/android/x", "Logowanie", "Potwierdź", at(NOW));
    w.deps.store().commit(vec![Write::Enqueue(push)]).await.unwrap();
    let text = std::fs::read_to_string(format!("{}/../events/send-push.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let event: Value = serde_json::from_str(&text).unwrap();
    send_emails::handle(&w.deps, event.clone()).await.unwrap();
    assert!(w.outbox.messages().is_empty(), "send-emails does not deliver pushes");
    let resp = shared::handlers::send_push::handle(&w.deps, event.clone()).await.unwrap();
    assert!(resp.batch_item_failures.is_empty());
    shared::handlers::send_push::handle(&w.deps, event).await.unwrap();
    let pushes: Vec<_> = w.outbox.messages().into_iter().filter(|m| m.channel == "push").collect();
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].to, "local:endpoint/android/x");
}

#[tokio::test]
async fn send_logout_event_posts_one_signed_logout_token_to_the_services_uri_and_the_others_leave_it() {
    let w = world().await;
    let receiver = e2e::LogoutReceiver::start().await;
    let mut service = shared::service::oidc::demo_client("https://pz.example.gov.pl");
    service.client_id = "zus-pue".into();
    service.backchannel_logout_uri = Some(receiver.url.clone());
    w.deps.store().put_client(&service).await.unwrap();
    let notice = shared::domain::outbox::LogoutNotice { sub: "s-1".into(), sid: Some("sid-1".into()) };
    let message = OutboxMessage::logout(format!("{APP_ID}.zus-pue"), "zus-pue", &notice, at(NOW));
    w.deps.store().commit(vec![Write::Enqueue(message)]).await.unwrap();
    let text = std::fs::read_to_string(format!("{}/../events/send-logout.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let event: Value = serde_json::from_str(&text).unwrap();
    send_emails::handle(&w.deps, event.clone()).await.unwrap();
    shared::handlers::send_push::handle(&w.deps, event.clone()).await.unwrap();
    assert!(receiver.tokens().is_empty(), "send-emails and send-push leave logouts to send-logout");
    let provider = provider();
    let resp = send_emails::handle_logout(&w.deps, &provider, event.clone()).await.unwrap();
    assert!(resp.batch_item_failures.is_empty());
    send_emails::handle_logout(&w.deps, &provider, event).await.unwrap();
    let tokens = receiver.tokens();
    assert_eq!(tokens.len(), 1, "delivered once");
    let claims = e2e::jwt_payload(&tokens[0]);
    assert_eq!((claims["iss"].as_str(), claims["aud"].as_str()), (Some("https://pz.example.gov.pl"), Some("zus-pue")));
    assert_eq!((claims["sub"].as_str(), claims["sid"].as_str()), (Some("s-1"), Some("sid-1")));
    assert!(claims["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object(), "{claims}");
    assert!(claims.get("nonce").is_none() && claims["jti"].as_str().is_some_and(|j| j.len() >= 16));
}

#[tokio::test]
async fn oidc_provider_event_answers_the_discovery_document() {
    let w = world().await;
    let (status, body, _) = run_http_event(&w, "oidc-provider").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["issuer"], "https://pz.example.gov.pl");
    assert_eq!(body["code_challenge_methods_supported"], serde_json::json!(["S256"]));
    assert_eq!(body["jwks_uri"], "https://pz.example.gov.pl/oauth2/jwks.json");
}

/// Each HTTP event carries the route key API Gateway gives it: one of its function's
/// routes, the one its method and path take, at the top and in the request context.
#[test]
fn every_http_event_carries_the_route_key_of_its_function() {
    let mut checked = 0;
    for f in shared::handlers::HTTP_FUNCTIONS {
        let text =
            std::fs::read_to_string(format!("{}/../events/{}.json", env!("CARGO_MANIFEST_DIR"), f.name)).unwrap();
        let event: Value = serde_json::from_str(&text).unwrap();
        let key = event["routeKey"].as_str().unwrap_or_else(|| panic!("events/{}.json has no routeKey", f.name));
        assert_eq!(event["requestContext"]["routeKey"].as_str(), Some(key), "events/{}.json", f.name);
        let own = shared::http::routes::of_function(f.name);
        let (method, path) =
            (event["requestContext"]["http"]["method"].as_str().unwrap(), event["rawPath"].as_str().unwrap());
        let taken = shared::http::routes::find(own.iter().copied(), method, path).map(|(k, _)| k);
        assert_eq!(taken, Some(key), "events/{}.json: {method} {path}", f.name);
        checked += 1;
    }
    assert_eq!(checked, 16);
}

#[test]
fn every_event_file_is_tested() {
    let tested = [
        "list-slots",
        "submit-application",
        "send-sms-code",
        "verify-code",
        "application-status",
        "send-emails",
        "clerk-session",
        "clerk-schedule",
        "clerk-application",
        "confirm-by-clerk",
        "rebook-application",
        "web-pages",
        "expire-applications",
        "sign-in",
        "profile",
        "devices",
        "send-push",
        "send-logout",
        "oidc-provider",
        "identity-providers",
    ];
    for entry in std::fs::read_dir(format!("{}/../events", env!("CARGO_MANIFEST_DIR"))).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".json") {
            assert!(tested.contains(&stem), "events/{name} has no test");
        }
    }
}

#[tokio::test]
async fn identity_providers_event_lists_the_registered_providers() {
    let mut w = world().await;
    w.deps.config.identity_providers = shared::lambda::identity_providers(
        r#"[{"id":"bank-x","name":"Bank X","kind":"bank","issuer":"https://id.bank-x.example","client_id":"pz"}]"#,
        r#"{"bank-x":"s3cret"}"#,
    )
    .unwrap();
    let (status, body, _) = run_http_event(&w, "identity-providers").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, serde_json::json!({"providers": [{"id": "bank-x", "name": "Bank X", "kind": "bank"}]}));
    assert!(!body.to_string().contains("s3cret"), "no secret in the list");
}
