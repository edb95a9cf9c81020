//! Signing in over HTTP through the local gateway (docs/rules.md §2, §3): password + SMS code by
//! username and by email, the lockout, push with number matching in the mObywatel app,
//! changing the method both ways, extending the profile, the account history, an
//! expired profile, and one citizen never reaching another's data or pushes.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use e2e::*;
use hyper::StatusCode;
use pz_local::{start, Gateway, Options};
use serde_json::{json, Value};
use shared::adapters::clock::FixedClock;
use shared::Wired;

async fn login(b: &Browser, login: &str, password: &str) -> Resp {
    b.post("/api/login", &json!({"login": login, "password": password})).await
}

async fn poll(b: &Browser, challenge: &str) -> Value {
    let r = b.get(&format!("/api/login/{challenge}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

/// Switches a signed-in citizen to push: the app gets an `auth_method_change` request and
/// approves it with the number the browser shows.
async fn switch_to_push(citizen: &Browser, app: &App) {
    let r = citizen.post("/api/profile/auth-method", &json!({"method": "push"})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let pending = r.json();
    assert_eq!(pending["status"], "pending_app_confirmation");
    assert_eq!(
        citizen.get("/api/profile").await.json()["auth_method"],
        "sms",
        "nothing changes before the app approves"
    );
    let requests = app.requests().await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["kind"], "auth_method_change");
    let r = app
        .respond(
            requests[0]["request_id"].as_str().unwrap(),
            json!({"approve": true, "match_number": pending["match_number"]}),
        )
        .await;
    assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::OK, Some("approved")), "{}", r.text);
    assert_eq!(poll(citizen, pending["challenge_id"].as_str().unwrap()).await["status"], "approved");
    assert_eq!(citizen.get("/api/profile").await.json()["auth_method"], "push");
}

#[tokio::test]
async fn sign_in_with_password_and_sms_code_by_username_and_by_email_then_sign_out() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 201).await;

    let b = signed_in(&gw, 201, &username).await;
    let session = b.cookie("pz_session").unwrap();
    assert!(session.len() >= 26, "a session token of at least 128 bits");
    let profile = b.get("/api/profile").await;
    assert_eq!(profile.status, StatusCode::OK, "{}", profile.text);
    let p = profile.json();
    assert_eq!(
        (p["username"].as_str(), p["first_name"].as_str(), p["status"].as_str()),
        (Some("Obywatel_201"), Some("Łucja"), Some("active"))
    );
    assert_eq!((p["auth_method"].as_str(), p["email"].as_str()), (Some("sms"), Some("obywatel201@example.pl")));
    let valid_until: DateTime<Utc> = p["valid_until"].as_str().unwrap().parse().unwrap();
    assert!(valid_until > Utc::now() + Duration::days(3 * 365 - 2));

    let r = b.post("/api/logout", &json!({})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(b.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "the session ended");
    let stolen = Browser::new(gw.url());
    let r = stolen
        .send_with_headers(hyper::Method::GET, "/api/profile", &[("cookie", &format!("pz_session={session}"))], None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "a signed-out token is dead");

    let by_email = signed_in(&gw, 201, "Obywatel201@Example.pl").await;
    assert_eq!(by_email.get("/api/profile").await.json()["username"], "Obywatel_201");
    let history = by_email.get("/api/profile/history").await.json();
    let actions: Vec<&str> =
        history["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["signed_in", "signed_out", "signed_in"], "newest first: {history}");
    assert_eq!(history["entries"][0]["channel"], "sms");
}

#[tokio::test]
async fn a_wrong_code_counts_and_the_session_needs_the_code() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 202).await;
    let b = Browser::new(gw.url());
    let started = login(&b, &username, PASSWORD).await.json();
    let id = started["challenge_id"].as_str().unwrap();
    assert_eq!(started["sent_to"], "+48 *** *** 202");
    assert_eq!(b.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "a password alone signs nobody in");
    let code = last_sms_code(&b, &phone(202)).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = b.post(&format!("/api/login/{id}/confirm"), &json!({"code": wrong})).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_code")));
    let other = Browser::new(gw.url());
    let r = other.post(&format!("/api/login/{id}/confirm"), &json!({"code": code})).await;
    assert!(
        matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "another browser cannot finish it: {}",
        r.text
    );
    let r = b.post(&format!("/api/login/{id}/confirm"), &json!({"code": code})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = b.post(&format!("/api/login/{id}/confirm"), &json!({"code": code})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "a code is used once: {}", r.text);
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_and_unknown_logins_look_the_same() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 203).await;
    let b = Browser::new(gw.url());
    let unknown = login(&b, "Nikt_Taki", PASSWORD).await;
    let wrong = login(&b, &username, "Zly-Haslo-1").await;
    assert_eq!((unknown.status, wrong.status), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED));
    assert_eq!(unknown.text, wrong.text, "no account enumeration");
    for _ in 0..3 {
        assert_eq!(login(&b, &username, "Zly-Haslo-1").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(login(&b, "Nikt_Taki", "Zly-Haslo-1").await.status, StatusCode::UNAUTHORIZED);
    }
    let fifth = login(&b, &username, "Zly-Haslo-1").await;
    assert_eq!(fifth.status, StatusCode::TOO_MANY_REQUESTS, "{}", fifth.text);
    let fifth_unknown = login(&b, "Nikt_Taki", "Zly-Haslo-1").await;
    assert_eq!(fifth_unknown.text, fifth.text, "an unknown login is locked alike after five failures");
    let r = login(&b, &username, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits: {}", r.text);
    let wait: i64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((850..=900).contains(&wait), "about 15 minutes: {wait}");
    assert_eq!(r.json()["error"], "account_locked");
    let locked_unknown = login(&b, "Nikt_Taki", PASSWORD).await;
    assert_eq!(
        (locked_unknown.status, &locked_unknown.text),
        (r.status, &r.text),
        "locked known and unknown logins answer alike"
    );
}

#[tokio::test]
async fn push_sign_in_approved_denied_and_a_wrong_number_then_back_to_sms() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 204).await;
    let citizen = signed_in(&gw, 204, &username).await;
    let r = citizen.post("/api/profile/auth-method", &json!({"method": "push"})).await;
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (StatusCode::CONFLICT, Some("no_device")),
        "the app must be linked first"
    );
    let app = App::link(&citizen, &gw.url()).await;
    switch_to_push(&citizen, &app).await;

    // signing in with push: the browser shows a number, the app picks it
    let b = Browser::new(gw.url());
    let started = login(&b, &username, PASSWORD).await.json();
    assert_eq!(started["method"], "push", "{started}");
    let number = started["match_number"].as_str().unwrap().to_owned();
    let id = started["challenge_id"].as_str().unwrap().to_owned();
    assert_eq!(poll(&b, &id).await["status"], "pending");
    let pushes: Vec<Value> = outbox(&b).await.into_iter().filter(|m| m["channel"] == "push").collect();
    assert!(!pushes.is_empty(), "a push went out through the outbox");
    let requests = app.requests().await;
    assert_eq!(requests.len(), 1);
    assert!(requests[0]["choices"].as_array().unwrap().iter().any(|c| c == number.as_str()));
    let r = app.respond(&id, json!({"approve": true, "match_number": number})).await;
    assert_eq!(r.json()["status"], "approved");
    let r = app.respond(&id, json!({"approve": true, "match_number": number})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "answered once: {}", r.text);
    let done = poll(&b, &id).await;
    assert_eq!(done["status"], "approved");
    assert!(b.cookie("pz_session").is_some());
    assert_eq!(b.get("/api/profile").await.json()["username"], username);

    // a wrong number denies
    let b2 = Browser::new(gw.url());
    let started = login(&b2, &username, PASSWORD).await.json();
    let id = started["challenge_id"].as_str().unwrap().to_owned();
    let requests = app.requests().await;
    let wrong =
        requests[0]["choices"].as_array().unwrap().iter().find(|c| *c != &started["match_number"]).unwrap().clone();
    assert_eq!(app.respond(&id, json!({"approve": true, "match_number": wrong})).await.json()["status"], "denied");
    assert_eq!(poll(&b2, &id).await["status"], "denied");
    assert_eq!(b2.get("/api/profile").await.status, StatusCode::UNAUTHORIZED);

    // "To nie ja": denied
    let started = login(&b2, &username, PASSWORD).await.json();
    let id = started["challenge_id"].as_str().unwrap().to_owned();
    assert_eq!(app.respond(&id, json!({"approve": false})).await.json()["status"], "denied");
    assert_eq!(poll(&b2, &id).await["status"], "denied");
    assert!(app.requests().await.is_empty(), "nothing left to answer");

    // back to SMS at any time
    let r = citizen.post("/api/profile/auth-method", &json!({"method": "sms"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(login(&Browser::new(gw.url()), &username, PASSWORD).await.json()["method"], "sms");
    let history = citizen.get("/api/profile/history").await.json();
    let actions: Vec<&str> =
        history["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in ["device_linked", "auth_method_changed", "signed_in", "sign_in_failed"] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}

/// Three years from the day of the extension, never stacked (docs/rules.md §3.4): the review saw
/// three extensions in a minute move 2029 to 2038.
fn three_years_from(t: DateTime<Utc>) -> DateTime<Utc> {
    // Whole seconds: the API gives times to the second.
    DateTime::from_timestamp(t.timestamp(), 0).unwrap().checked_add_months(chrono::Months::new(36)).unwrap()
}

async fn extend_by_sms(b: &Browser, n: u32) -> DateTime<Utc> {
    let r = b.post("/api/profile/extend", &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let started = r.json();
    assert_eq!(started["method"], "sms");
    let code = last_sms_code(b, &phone(n)).await;
    let r = b
        .post(&format!("/api/login/{}/confirm", started["challenge_id"].as_str().unwrap()), &json!({"code": code}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()["valid_until"].as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn extending_by_sms_code_gives_three_years_from_today_and_never_stacks() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 205).await;
    let b = signed_in(&gw, 205, &username).await;
    let mut ends = Vec::new();
    for _ in 0..3 {
        let asked = Utc::now();
        let after = extend_by_sms(&b, 205).await;
        assert!(
            three_years_from(asked) <= after && after <= three_years_from(Utc::now() + Duration::seconds(1)),
            "three years from today: {after}"
        );
        ends.push(after);
    }
    assert!(ends[2] - ends[0] < chrono::Duration::minutes(1), "three extensions in a row do not stack: {ends:?}");
    assert_eq!(
        b.get("/api/profile").await.json()["valid_until"].as_str().unwrap().parse::<DateTime<Utc>>().unwrap(),
        ends[2]
    );
    let history = b.get("/api/profile/history").await.json();
    assert_eq!(
        (history["entries"][0]["action"].as_str(), history["entries"][0]["channel"].as_str()),
        (Some("extended"), Some("sms"))
    );
}

#[tokio::test]
async fn extending_by_push_in_the_app() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 206).await;
    let b = signed_in(&gw, 206, &username).await;
    let app = App::link(&b, &gw.url()).await;
    switch_to_push(&b, &app).await;
    let asked = Utc::now();
    let started = b.post("/api/profile/extend", &json!({})).await.json();
    assert_eq!(started["method"], "push", "{started}");
    let id = started["challenge_id"].as_str().unwrap();
    assert_eq!(app.requests().await[0]["kind"], "extend");
    app.respond(id, json!({"approve": true, "match_number": started["match_number"]})).await;
    assert_eq!(poll(&b, id).await["status"], "approved");
    let after: DateTime<Utc> = b.get("/api/profile").await.json()["valid_until"].as_str().unwrap().parse().unwrap();
    assert!(
        three_years_from(asked) <= after && after <= three_years_from(Utc::now() + Duration::seconds(1)),
        "three years from today: {after}"
    );
}

#[tokio::test]
async fn a_push_sign_in_goes_on_by_sms_code_when_the_phone_is_not_at_hand() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 209).await;
    let citizen = signed_in(&gw, 209, &username).await;
    let app = App::link(&citizen, &gw.url()).await;
    switch_to_push(&citizen, &app).await;

    let b = Browser::new(gw.url());
    let started = login(&b, &username, PASSWORD).await.json();
    let id = started["challenge_id"].as_str().unwrap().to_owned();
    let stranger = Browser::new(gw.url());
    assert_eq!(
        stranger.post(&format!("/api/login/{id}/sms"), &json!({})).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token, no switch"
    );
    let r = b.post(&format!("/api/login/{id}/sms"), &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let sms = r.json();
    assert_eq!((sms["method"].as_str(), sms["challenge_id"].as_str()), (Some("sms"), Some(id.as_str())), "{sms}");
    assert!(sms.get("match_number").is_none());
    assert!(app.requests().await.is_empty(), "the push is withdrawn from the app");
    let r = app.respond(&id, json!({"approve": true, "match_number": started["match_number"]})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "the app can no longer answer: {}", r.text);
    let r = b.post(&format!("/api/login/{id}/sms"), &json!({})).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::CONFLICT, Some("wrong_method")), "once is enough");

    let code = last_sms_code(&b, &phone(209)).await;
    let r = b.post(&format!("/api/login/{id}/confirm"), &json!({"code": code})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(b.get("/api/profile").await.json()["auth_method"], "push", "the method stays push for next time");
    let history = b.get("/api/profile/history").await.json();
    assert_eq!(history["entries"][0]["channel"], "sms", "{history}");

    // a change to push can only be confirmed in the app
    let r = citizen.post("/api/profile/auth-method", &json!({"method": "sms"})).await;
    assert_eq!(r.status, StatusCode::OK);
    let change = citizen.post("/api/profile/auth-method", &json!({"method": "push"})).await.json();
    let r = citizen.post(&format!("/api/login/{}/sms", change["challenge_id"].as_str().unwrap()), &json!({})).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::CONFLICT, Some("wrong_method")), "{}", r.text);
}

#[tokio::test]
async fn one_citizen_cannot_reach_another_citizens_challenge_push_or_device() {
    let gw = spawn_gateway().await;
    let anna = active_profile(&gw, 207).await;
    let bartek = active_profile(&gw, 208).await;
    let anna_b = signed_in(&gw, 207, &anna).await;
    let bartek_b = signed_in(&gw, 208, &bartek).await;
    let anna_app = App::link(&anna_b, &gw.url()).await;
    let bartek_app = App::link(&bartek_b, &gw.url()).await;
    assert_eq!(
        bartek_b.get("/api/profile").await.json()["username"],
        bartek.as_str(),
        "each sees only their own profile"
    );

    // Anna's step-up: Bartek's session can neither watch nor confirm it
    let r = anna_b.post("/api/profile/auth-method", &json!({"method": "push"})).await;
    let pending = r.json();
    let id = pending["challenge_id"].as_str().unwrap();
    assert_eq!(bartek_b.get(&format!("/api/login/{id}")).await.status, StatusCode::NOT_FOUND);
    let r = bartek_b.post(&format!("/api/login/{id}/confirm"), &json!({"code": "123456"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);

    // Bartek's app neither sees nor answers Anna's push
    assert!(bartek_app.requests().await.is_empty());
    let r = bartek_app.respond(id, json!({"approve": true, "match_number": pending["match_number"]})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    let forged =
        App { device_id: anna_app.device_id.clone(), secret: bartek_app.secret.clone(), http: Browser::new(gw.url()) };
    let auth = format!("Device {}", forged.secret);
    let r = forged
        .http
        .send_with_headers(
            hyper::Method::GET,
            &format!("/api/devices/{}/requests", forged.device_id),
            &[("authorization", &auth)],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "another device's secret does not open Anna's list");
    assert_eq!(anna_b.get("/api/profile").await.json()["auth_method"], "sms", "nothing changed for Anna");

    // without the CSRF header nothing changes
    let cookie = format!("pz_session={}", anna_b.cookie("pz_session").unwrap());
    let r = anna_b
        .send_with_headers(
            hyper::Method::POST,
            "/api/profile/auth-method",
            &[("cookie", &cookie)],
            Some(&json!({"method": "sms"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
}

/// A slot the demo clerk publishes `days` ahead of the gateway's clock, at 10:00 UTC.
async fn slot_ahead(gw: &Gateway, clock: &FixedClock, days: i64) -> String {
    let clerk = clerk_browser(gw).await;
    let day = (shared::ports::Clock::now(clock) + Duration::days(days)).date_naive();
    let start = day.and_hms_opt(10, 0, 0).unwrap().and_utc();
    let r = clerk
        .post(
            "/api/clerk/slots",
            &json!({"start": start.to_rfc3339(), "end": (start + Duration::minutes(30)).to_rfc3339(), "capacity": 5}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_owned()
}

async fn apply_again(gw: &Gateway, n: u32, slot: &str) {
    let b = Browser::new(gw.url());
    let r = b.post("/api/applications", &application(n, slot)).await;
    assert_eq!(r.status, StatusCode::CREATED, "the same PESEL, username and email apply again: {}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    let code = last_sms_code(&b, &phone(n)).await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

/// Outside review: after `valid_until` a new application with the same PESEL, username or
/// email got 409 for ever. Now the profile closes and frees them: when its owner signs in,
/// when a new application meets them, and in the sweep; its history stays.
#[tokio::test]
async fn an_expired_profile_closes_and_frees_its_pesel_username_and_email_keeping_its_history() {
    let clock = Arc::new(FixedClock::at(&Utc::now().to_rfc3339()));
    let opts = Options { clock: clock.clone(), ..gateway_options() };
    let gw: Gateway = start(opts).await.expect("gateway starts");
    let (by_sign_in, first) = active_profile_with_id(&gw, 209).await;
    let b = signed_in(&gw, 209, &by_sign_in).await;
    let old_accounts = [first, active_profile_with_id(&gw, 210).await.1, active_profile_with_id(&gw, 211).await.1];
    clock.advance(Duration::days(3 * 366));
    assert_eq!(b.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "the session ends with the profile");

    let r = login(&Browser::new(gw.url()), &by_sign_in, PASSWORD).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::FORBIDDEN, Some("profile_expired")), "{}", r.text);
    assert!(r.json()["message"].as_str().unwrap().contains("załóż nowy profil zaufany"));
    let slot = slot_ahead(&gw, &clock, 3).await;
    apply_again(&gw, 209, &slot).await;
    apply_again(&gw, 211, &slot).await; // no sign-in, no sweep: the application frees them

    let report = shared::handlers::expire_applications::handle(&*gw.deps).await.unwrap();
    assert_eq!(report.profiles_expired, 1, "the sweep closes the one left: {report:?}");
    apply_again(&gw, 210, &slot).await;
    let report = shared::handlers::expire_applications::handle(&*gw.deps).await.unwrap();
    assert_eq!(report.profiles_expired, 0, "once");

    let probe = Browser::new(gw.url());
    for (n, old) in [209, 210, 211].into_iter().zip(old_accounts) {
        let mails = emails_to(&probe, &email(n), 1).await;
        assert!(mails.iter().any(|m| m["subject"] == "Twój profil zaufany wygasł"), "the owner is told: {mails:?}");
        let old = shared::domain::ApplicationId::parse(&old).unwrap();
        let old = gw.deps.store().get_account(&old).await.unwrap().unwrap();
        assert_eq!(old.status, shared::domain::AccountStatus::Expired);
        let history = gw.deps.store().history_of(&old.id).await.unwrap();
        assert!(history.iter().any(|e| e.action == shared::domain::AuditAction::Expired), "history kept: {history:?}");
    }
}

/// "Zażółć-Gęślą-1" as one code point per letter (NFC, what most keyboards send) and with
/// each of ż ó ć ę ś ą as a base letter and a combining mark (NFD, what some systems send).
const POLISH_NFC: &str = "Zażółć-Gęślą-1";
const POLISH_NFD: &str = "Zaz\u{0307}o\u{0301}łc\u{0301}-Ge\u{0328}s\u{0301}la\u{0328}-1";

/// Person `n` applies with this password, confirms the SMS code, and the clerk confirms.
async fn profile_with_password(gw: &Gateway, n: u32, password: &str) -> String {
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let mut form = application(n, &slot);
    form["password"] = json!(password);
    let r = b.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    let code = last_sms_code(&b, &phone(n)).await;
    assert_eq!(
        b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await.status,
        StatusCode::OK
    );
    let checks = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let r = clerk_browser(gw).await.post(&format!("/api/clerk/applications/{id}/confirm"), &checks).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    format!("Obywatel_{n}")
}

#[tokio::test]
async fn a_polish_password_signs_in_whether_typed_composed_or_decomposed() {
    assert_ne!(POLISH_NFC.as_bytes(), POLISH_NFD.as_bytes());
    let gw = spawn_gateway().await;
    for (n, applied, typed) in
        [(216, POLISH_NFC, POLISH_NFD), (217, POLISH_NFD, POLISH_NFC), (218, POLISH_NFD, POLISH_NFD)]
    {
        let username = profile_with_password(&gw, n, applied).await;
        let b = Browser::new(gw.url());
        let r = login(&b, &username, typed).await;
        assert_eq!(r.status, StatusCode::OK, "applied {applied:?}, typed {typed:?}: {}", r.text);
        let id = r.json()["challenge_id"].as_str().unwrap().to_owned();
        let code = last_sms_code(&b, &phone(n)).await;
        let r = b.post(&format!("/api/login/{id}/confirm"), &json!({ "code": code })).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(b.get("/api/profile").await.json()["username"], username.as_str());
        // the marks still matter: without them it is another password
        let r = login(&Browser::new(gw.url()), &username, "Zazolc-Gesla-1").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    }
}

/// docs/rules.md §8.5 (outside review: one client tried 120 accounts in 3 s): sign-ins from one
/// address are limited, whichever logins they name; another address is not affected.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_address_trying_many_accounts_is_stopped_and_others_are_not() {
    use shared::domain::attempts::SIGN_IN_PER_SOURCE;
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 219).await;
    let stuffer: std::net::IpAddr = [127, 9, 9, 9].into();
    let tasks: Vec<_> = (0..120)
        .map(|i| {
            let url = gw.url();
            tokio::spawn(async move {
                let r = login(&Browser::from_address(url, stuffer), &format!("Ofiara_{i}"), "Haslo-Z-Wycieku-1").await;
                (r.status, r.json()["error"].as_str().unwrap_or_default().to_owned())
            })
        })
        .collect();
    let mut limited = 0;
    for t in tasks {
        match t.await.unwrap() {
            (StatusCode::UNAUTHORIZED, e) if e == "bad_credentials" => {}
            (StatusCode::TOO_MANY_REQUESTS, e) if e == "too_many_requests" => limited += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert_eq!(
        limited,
        120 - SIGN_IN_PER_SOURCE.max as usize,
        "only {} tries from one address",
        SIGN_IN_PER_SOURCE.max
    );
    let r = login(&Browser::from_address(gw.url(), stuffer), &username, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    assert!(r.headers["retry-after"].to_str().unwrap().parse::<i64>().unwrap() > 500);
    let r = login(&Browser::new(gw.url()), &username, PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "the citizen at another address signs in: {}", r.text);
}

/// docs/rules.md §8.4 (outside review: anonymous applications could spend a phone's SMS budget so its
/// owner got no sign-in code): the application's budget for a number and the account's
/// sign-in budget are apart.
#[tokio::test]
async fn applications_with_someones_phone_do_not_spend_their_sign_in_codes() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 220).await;
    let attacker = Browser::new(gw.url());
    let slot = a_free_slot(&attacker, 1).await;
    let mut form = application(221, &slot);
    form["phone"] = json!(phone(220));
    let r = attacker.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    let mut last = None;
    for _ in 0..8 {
        last = Some(attacker.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await);
    }
    let last = last.unwrap();
    assert_eq!(
        (last.status, last.json()["error"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("too_many_codes")),
        "the number's application budget is spent"
    );
    let r = login(&Browser::new(gw.url()), &username, PASSWORD).await;
    assert_eq!((r.status, r.json()["method"].as_str()), (StatusCode::OK, Some("sms")), "{}", r.text);
    signed_in(&gw, 220, &username).await;
}
