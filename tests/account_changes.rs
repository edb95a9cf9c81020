//! What a signed-in citizen changes on `/profil`, over HTTP through the local gateway
//! (docs/rules.md §3.8, §3.9): the password (the current one checked under the sign-in
//! limit, even at once), the sessions listed and ended elsewhere.

use e2e::*;
use hyper::StatusCode;
use serde_json::json;

const NEW_PASSWORD: &str = "Niebieska8Rzeka?";

#[tokio::test]
async fn changing_the_password_needs_the_current_one_keeps_this_session_and_ends_the_others() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 321).await;
    let here = signed_in(&gw, 321, &username).await;
    let elsewhere = signed_in(&gw, 321, &username).await;

    let r = here
        .post("/api/profile/password", &json!({"current_password": "Zle8Haslo!", "new_password": NEW_PASSWORD}))
        .await;
    assert_eq!(
        (r.status, r.json()["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("current_password")),
        "{}",
        r.text
    );
    let r = here.post("/api/profile/password", &json!({"current_password": PASSWORD, "new_password": "slabe"})).await;
    assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("new_password")), "{}", r.text);
    let r =
        here.post("/api/profile/password", &json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD})).await;
    assert_eq!((r.status, r.json()), (StatusCode::OK, json!({"status": "password_changed"})), "{}", r.text);

    assert_eq!(here.get("/api/profile").await.status, StatusCode::OK, "this session stays");
    assert_eq!(elsewhere.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "the others end");
    let b = Browser::new(gw.url());
    let old = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let mails = emails_to(&b, &email(321), 4).await;
    assert!(mails.iter().any(|m| m["subject"] == "Zmieniono hasło do Twojego profilu zaufanego"), "the owner is told");
    let history = here.get("/api/profile/history").await.json();
    assert!(history["entries"].as_array().unwrap().iter().any(|e| e["action"] == "password_changed"), "{history}");
}

#[tokio::test]
async fn guesses_of_the_current_password_at_once_are_checked_at_most_five_times() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 322).await;
    let here = std::sync::Arc::new(signed_in(&gw, 322, &username).await);
    let guesses: Vec<_> = (0..12)
        .map(|i| {
            let here = here.clone();
            tokio::spawn(async move {
                let body = json!({"current_password": format!("Zgaduje{i}!x"), "new_password": NEW_PASSWORD});
                here.post("/api/profile/password", &body).await
            })
        })
        .collect();
    let (mut wrong, mut locked) = (0, 0);
    for g in guesses {
        let r = g.await.unwrap();
        match (r.status, r.json()["error"].as_str().unwrap_or_default().to_owned()) {
            (StatusCode::BAD_REQUEST, e) if e == "wrong_password" => wrong += 1,
            (StatusCode::TOO_MANY_REQUESTS, e) if e == "account_locked" => locked += 1,
            other => panic!("{other:?}: {}", r.text),
        }
    }
    assert_eq!((wrong, locked), (5, 7), "five checks, then the account's sign-in limit");
    let r =
        here.post("/api/profile/password", &json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "even the right one waits: {}", r.text);
}

#[tokio::test]
async fn sessions_are_listed_and_signing_out_elsewhere_ends_all_but_this_one() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 323).await;
    let here = signed_in(&gw, 323, &username).await;
    let phone_browser = signed_in(&gw, 323, &username).await;
    let list = here.get("/api/profile/sessions").await.json();
    let sessions = list["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{list}");
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    assert!(sessions.iter().all(|s| s["id"].as_str().unwrap().len() == 16), "{list}");

    let r = here.post("/api/profile/sessions/end-others", &json!({})).await;
    assert_eq!((r.status, r.json()["ended"].as_u64()), (StatusCode::OK, Some(1)), "{}", r.text);
    assert_eq!(phone_browser.get("/api/profile").await.status, StatusCode::UNAUTHORIZED);
    let list = here.get("/api/profile/sessions").await.json();
    assert_eq!(list["sessions"].as_array().unwrap().len(), 1, "{list}");
    let r = here.post("/api/profile/sessions/end-others", &json!({})).await;
    assert_eq!(r.json()["ended"], 0, "nothing more to end");
    let history = here.get("/api/profile/history").await.json();
    assert!(history["entries"].as_array().unwrap().iter().any(|e| e["action"] == "other_sessions_ended"), "{history}");
}

/// The token of the newest "To nie ja" link in the emails to `to`.
fn not_me_token(mails: &[serde_json::Value]) -> String {
    let body =
        mails.iter().rev().find_map(|m| m["body"].as_str().filter(|b| b.contains("/to-nie-ja?lang=pl#"))).unwrap();
    body.split("/to-nie-ja?lang=pl#").nth(1).unwrap().chars().take_while(char::is_ascii_alphanumeric).collect()
}

#[tokio::test]
async fn to_nie_ja_ends_every_session_unlinks_the_app_and_blocks_the_password_until_it_is_recovered() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 324).await;
    let here = signed_in(&gw, 324, &username).await;
    let app = App::link(&here, &gw.url()).await;
    let b = Browser::new(gw.url());
    let mails = emails_to(&b, &email(324), 4).await;
    let linked = mails.iter().find(|m| m["subject"].as_str().unwrap().contains("Połączono aplikację")).unwrap();
    assert!(linked["body"].as_str().unwrap().contains("To nie ja"), "{linked}");
    let token = not_me_token(&mails);

    let r = b.post("/api/disavow", &json!({ "token": token })).await;
    assert_eq!((r.status, r.json()), (StatusCode::OK, json!({"status": "disavowed"})), "{}", r.text);
    assert_eq!(here.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "every session ends");
    let auth = format!("Device {}", app.secret);
    let path = format!("/api/devices/{}/requests", app.device_id);
    let r = app.http.send_with_headers(hyper::Method::GET, &path, &[("authorization", &auth)], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the app is unlinked: {}", r.text);
    let r = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::FORBIDDEN, Some("password_blocked")), "{}", r.text);
    let r = b.post("/api/login", &json!({"login": username, "password": "Zle8Haslo!"})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "a wrong password is still just wrong");
    let again = b.post("/api/disavow", &json!({ "token": token })).await;
    assert_eq!((again.status, again.json()["error"].as_str()), (StatusCode::GONE, Some("disavow_link_invalid")));
    let told = emails_to(&b, &email(324), 5).await;
    assert!(told.iter().any(|m| m["subject"] == "Zablokowaliśmy logowanie hasłem do Twojego profilu zaufanego"));

    // The way back in: a recovered password.
    let r = b.post("/api/recovery/password", &json!({"username": username, "pesel": pesel(324)})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let mails = emails_to(&b, &email(324), 6).await;
    let body =
        mails.iter().rev().find_map(|m| m["body"].as_str().filter(|t| t.contains("/odzyskiwanie?lang=pl#"))).unwrap();
    let link: String =
        body.split("/odzyskiwanie?lang=pl#").nth(1).unwrap().chars().take_while(char::is_ascii_alphanumeric).collect();
    assert_eq!(b.post("/api/recovery/password/sms-code", &json!({ "token": link })).await.status, StatusCode::ACCEPTED);
    let code = last_sms_code(&b, &phone(324)).await;
    let r = b
        .post("/api/recovery/password/confirm", &json!({"token": link, "code": code, "new_password": NEW_PASSWORD}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = b.post("/api/login", &json!({"login": username, "password": NEW_PASSWORD})).await;
    assert_eq!((r.status, r.json()["method"].as_str()), (StatusCode::OK, Some("sms")), "{}", r.text);
}

#[tokio::test]
async fn every_security_notification_carries_its_own_to_nie_ja_link() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 325).await;
    let here = signed_in(&gw, 325, &username).await;
    let r =
        here.post("/api/profile/password", &json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK);
    App::link(&here, &gw.url()).await;
    let r = here.post("/api/profile/auth-method", &json!({"method": "sms"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let b = Browser::new(gw.url());
    let mails = emails_to(&b, &email(325), 5).await;
    let notices: Vec<&str> = mails
        .iter()
        .filter(|m| m["body"].as_str().unwrap().contains("/to-nie-ja?lang=pl#"))
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert_eq!(notices.len(), 2, "the password change and the linked app: {notices:?}");
    let tokens: std::collections::BTreeSet<String> = mails
        .iter()
        .filter(|m| m["body"].as_str().unwrap().contains("/to-nie-ja?lang=pl#"))
        .map(|m| not_me_token(std::slice::from_ref(m)))
        .collect();
    assert_eq!(tokens.len(), 2, "one link per notification");
}

/// docs/rules.md §4: an email 30 and 7 days before the end of validity, once each, from the
/// scheduled sweep, with the way to extend; an extension starts the reminders afresh.
#[tokio::test]
async fn expiry_reminders_go_30_and_7_days_before_the_end_once_each() {
    use chrono::Duration;
    let clock = std::sync::Arc::new(shared::adapters::clock::FixedClock::at(&chrono::Utc::now().to_rfc3339()));
    let gw = pz_local::start(pz_local::Options { clock: clock.clone(), ..gateway_options() }).await.unwrap();
    let (_, id) = active_profile_with_id(&gw, 326).await;
    let sweep = || async { shared::handlers::expire_applications::handle(&*gw.deps).await.unwrap().reminders_sent };
    let account = shared::domain::ApplicationId::parse(&id).unwrap();
    let until = shared::Wired::store(&*gw.deps).get_account(&account).await.unwrap().unwrap().valid_until.unwrap();
    let now = shared::ports::Clock::now(&*clock);
    clock.advance(until - now - Duration::days(31));
    assert_eq!(sweep().await, 0, "31 days before: nothing yet");
    clock.advance(Duration::days(2));
    assert_eq!(sweep().await, 1, "29 days before: the 30-day reminder");
    assert_eq!(sweep().await, 0, "once");
    clock.advance(Duration::days(23));
    assert_eq!(sweep().await, 1, "6 days before: the 7-day reminder");
    assert_eq!(sweep().await, 0, "once");

    let b = Browser::new(gw.url());
    let mails = emails_to(&b, &email(326), 5).await;
    let reminders: Vec<&str> = mails
        .iter()
        .filter_map(|m| m["subject"].as_str().filter(|s| s.starts_with("Twój profil zaufany wygaśnie")))
        .collect();
    assert_eq!(reminders, ["Twój profil zaufany wygaśnie za 30 dni", "Twój profil zaufany wygaśnie za 7 dni"]);
    let body = mails.iter().rev().find(|m| m["subject"] == reminders[1]).unwrap()["body"].as_str().unwrap().to_owned();
    assert!(body.contains("Przedłuż ważność profilu") && body.contains("/profil"), "{body}");
    let history = shared::Wired::store(&*gw.deps).history_of(&account).await.unwrap();
    assert_eq!(history.iter().filter(|e| e.action == shared::domain::AuditAction::ExpiryReminder).count(), 2);
}

#[tokio::test]
async fn odlacz_unlinks_the_app_and_the_method_falls_back_to_sms() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 327).await;
    let here = signed_in(&gw, 327, &username).await;
    let other = signed_in(&gw, 328, &active_profile(&gw, 328).await).await;
    let app = App::link(&here, &gw.url()).await;
    let theirs = App::link(&other, &gw.url()).await;
    let profile = here.get("/api/profile").await.json();
    assert_eq!(
        (profile["device_linked"].as_bool(), profile["device_id"].as_str()),
        (Some(true), Some(app.device_id.as_str()))
    );

    let r = here.send(hyper::Method::DELETE, &format!("/api/profile/devices/{}", theirs.device_id), None, vec![]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "another's app looks unknown: {}", r.text);
    let r = here.send(hyper::Method::DELETE, &format!("/api/profile/devices/{}", app.device_id), None, vec![]).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let profile = here.get("/api/profile").await.json();
    assert_eq!((profile["device_linked"].as_bool(), profile["auth_method"].as_str()), (Some(false), Some("sms")));
    let auth = format!("Device {}", app.secret);
    let path = format!("/api/devices/{}/requests", app.device_id);
    let r = app.http.send_with_headers(hyper::Method::GET, &path, &[("authorization", &auth)], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the app no longer answers anything");
    assert_eq!(theirs.requests().await, Vec::<serde_json::Value>::new(), "the other profile's app is untouched");
    let r = here.send(hyper::Method::DELETE, &format!("/api/profile/devices/{}", app.device_id), None, vec![]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "once");
    let mails = emails_to(&here, &email(327), 5).await;
    let told = mails.iter().find(|m| m["subject"] == "Odłączono aplikację mObywatel od Twojego profilu zaufanego");
    assert!(told.is_some_and(|m| m["body"].as_str().unwrap().contains("/to-nie-ja?lang=pl#")), "{mails:?}");
    // A session alone cannot put another app in its place: the next link needs the SMS code.
    let r = here.post("/api/devices", &json!({"platform": "android", "push_token": "fcm-token-intruder"})).await;
    assert_eq!((r.status, r.json()["method"].as_str()), (StatusCode::ACCEPTED, Some("sms")), "{}", r.text);
    let history = here.get("/api/profile/history").await.json();
    assert!(history["entries"].as_array().unwrap().iter().any(|e| e["action"] == "device_unlinked"), "{history}");
}

/// Person `n` applies again (the same PESEL, username and email) on the first free slot.
async fn apply_again(gw: &pz_local::Gateway, n: u32) -> Resp {
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    b.post("/api/applications", &application(n, &slot)).await
}

#[tokio::test]
async fn usun_profil_confirmed_by_sms_code_deletes_the_profile_and_frees_its_pesel_username_and_email() {
    let gw = spawn_gateway().await;
    let (username, id) = active_profile_with_id(&gw, 329).await;
    let here = signed_in(&gw, 329, &username).await;
    let elsewhere = signed_in(&gw, 329, &username).await;
    assert_eq!(apply_again(&gw, 329).await.status, StatusCode::CONFLICT, "taken while the profile lives");

    let r = here.post("/api/profile/delete", &json!({})).await;
    assert_eq!((r.status, r.json()["method"].as_str()), (StatusCode::OK, Some("sms")), "{}", r.text);
    let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
    assert_eq!(here.get("/api/profile").await.status, StatusCode::OK, "nothing happens before the code");
    let sms = outbox(&here).await.into_iter().rev().find(|m| m["channel"] == "sms").unwrap();
    assert!(sms["body"].as_str().unwrap().contains("USUNIECIA profilu"), "{sms}");
    let code = last_sms_code(&here, &phone(329)).await;
    let r = here.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": code })).await;
    assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::OK, Some("deleted")), "{}", r.text);
    assert!(r.headers.get_all("set-cookie").iter().any(|c| c.to_str().unwrap().starts_with("pz_session=;")));

    assert_eq!(elsewhere.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "every session ends");
    let r = Browser::new(gw.url()).post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("bad_credentials")));
    let account = shared::domain::ApplicationId::parse(&id).unwrap();
    let store = shared::Wired::store(&*gw.deps);
    assert!(store.get_account(&account).await.unwrap().is_none(), "the account is gone");
    assert!(store.get_application(&account).await.unwrap().is_none(), "and the application's personal data");
    let history = store.history_of(&account).await.unwrap();
    assert_eq!(history.last().map(|e| e.action), Some(shared::domain::AuditAction::ProfileDeleted), "history kept");
    let mails = emails_to(&here, &email(329), 4).await;
    assert!(mails.iter().any(|m| m["subject"] == "Twój profil zaufany został usunięty"));

    let r = apply_again(&gw, 329).await;
    assert_eq!(r.status, StatusCode::CREATED, "the same PESEL, username and email apply again: {}", r.text);
}

#[tokio::test]
async fn usun_profil_with_push_is_approved_in_the_app_and_a_denial_keeps_the_profile() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 330).await;
    let here = signed_in(&gw, 330, &username).await;
    let app = App::link(&here, &gw.url()).await;
    // Switch to push: the app approves with the browser's number.
    let pending = here.post("/api/profile/auth-method", &json!({"method": "push"})).await.json();
    let request = app.requests().await[0]["request_id"].as_str().unwrap().to_owned();
    let answer = json!({"approve": true, "match_number": pending["match_number"]});
    assert_eq!(app.respond(&request, answer).await.status, StatusCode::OK);

    let started = here.post("/api/profile/delete", &json!({})).await.json();
    assert_eq!(started["method"], "push", "{started}");
    let request = app.requests().await[0].clone();
    assert_eq!(request["kind"], "delete_profile");
    let r = app.respond(request["request_id"].as_str().unwrap(), json!({"approve": false})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(here.get("/api/profile").await.status, StatusCode::OK, "a denial keeps the profile");

    let started = here.post("/api/profile/delete", &json!({})).await.json();
    let request = app.requests().await[0]["request_id"].as_str().unwrap().to_owned();
    let answer = json!({"approve": true, "match_number": started["match_number"]});
    assert_eq!(app.respond(&request, answer).await.status, StatusCode::OK);
    assert_eq!(here.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "deleted");
    assert_eq!(apply_again(&gw, 330).await.status, StatusCode::CREATED);
}

/// The newest 6-digit code in the emails to `to`.
async fn emailed_code(b: &Browser, to: &str) -> String {
    for _ in 0..50 {
        let code =
            outbox(b).await.into_iter().rev().filter(|m| m["channel"] == "email" && m["to"] == to).find_map(|m| {
                m["body"]
                    .as_str()
                    .unwrap_or("")
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 6)
                    .map(str::to_owned)
            });
        if let Some(code) = code {
            return code;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no code emailed to {to}");
}

#[tokio::test]
async fn a_new_email_address_is_proved_by_its_code_and_the_old_one_is_told() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 331).await;
    active_profile(&gw, 332).await;
    let here = signed_in(&gw, 331, &username).await;
    let r = here.post("/api/profile/email", &json!({"email": email(331)})).await;
    assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("email")), "the same address");

    let new = "nowy.adres331@example.pl";
    let r = here.post("/api/profile/email", &json!({ "email": new })).await;
    assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::ACCEPTED, Some("code_sent")), "{}", r.text);
    assert_eq!(here.get("/api/profile").await.json()["email"], email(331), "nothing changes before the code");
    let code = emailed_code(&here, new).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = here.post("/api/profile/email/confirm", &json!({ "code": wrong })).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_code")), "{}", r.text);
    let r = here.post("/api/profile/email/confirm", &json!({ "code": code })).await;
    assert_eq!((r.status, r.json()["email"].as_str()), (StatusCode::OK, Some(new)), "{}", r.text);
    assert_eq!(here.get("/api/profile").await.json()["email"], new);

    let old = emails_to(&here, &email(331), 4).await;
    let told = old.iter().find(|m| m["subject"] == "Zmieniono adres e-mail w Twoim profilu zaufanym").unwrap();
    assert!(told["body"].as_str().unwrap().contains("/to-nie-ja?lang=pl#"), "{told}");
    let r = Browser::new(gw.url()).post("/api/login", &json!({"login": new, "password": PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK, "signing in with the new address: {}", r.text);
    let r = Browser::new(gw.url()).post("/api/login", &json!({"login": email(331), "password": PASSWORD})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the old one is free");

    // Another profile's address: proved by its code, then refused as taken.
    let r = here.post("/api/profile/email", &json!({"email": email(332)})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "no answer tells whose it is before the code");
    let code = emailed_code(&here, &email(332)).await;
    let r = here.post("/api/profile/email/confirm", &json!({ "code": code })).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::CONFLICT, Some("email_taken")), "{}", r.text);
    assert_eq!(here.get("/api/profile").await.json()["email"], new);
}

#[tokio::test]
async fn a_new_phone_number_is_approved_by_the_current_method_then_proved_by_its_code() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 333).await;
    let here = signed_in(&gw, 333, &username).await;
    let new = "+48501333444";
    let r = here.post("/api/profile/phone", &json!({ "phone": "501 333 444" })).await;
    assert_eq!((r.status, r.json()["method"].as_str()), (StatusCode::ACCEPTED, Some("sms")), "{}", r.text);
    let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
    let r = here.post("/api/profile/phone/confirm", &json!({"code": "123456"})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "no code to the new number before the approval: {}", r.text);
    // The current method: a code to the OLD number.
    let old_code = last_sms_code(&here, &phone(333)).await;
    let r = here.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": old_code })).await;
    assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::OK, Some("code_sent")), "{}", r.text);
    assert_eq!(r.json()["sent_to"], "+48 *** *** 444");
    let mut new_code = None;
    for _ in 0..50 {
        if let Some(m) = outbox(&here).await.into_iter().rev().find(|m| m["channel"] == "sms" && m["to"] == new) {
            new_code = m["body"]
                .as_str()
                .unwrap()
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .map(str::to_owned);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let r =
        here.post("/api/profile/phone/confirm", &json!({ "code": new_code.expect("a code to the new number") })).await;
    assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::OK, Some("phone_changed")), "{}", r.text);
    assert_eq!(here.get("/api/profile").await.json()["phone"], new);

    let mut told_old = false;
    for _ in 0..50 {
        told_old = outbox(&here)
            .await
            .iter()
            .any(|m| m["to"] == phone(333) && m["body"].as_str().unwrap().contains("zmieniono numer telefonu"));
        if told_old {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(told_old, "the old number is told by SMS");
    let mails = emails_to(&here, &email(333), 4).await;
    assert!(mails.iter().any(|m| m["subject"] == "Zmieniono numer telefonu w Twoim profilu zaufanym"));
    // Signing in now sends the code to the new number.
    let r = Browser::new(gw.url()).post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!(r.json()["sent_to"], "+48 *** *** 444", "{}", r.text);
}

#[tokio::test]
async fn to_nie_ja_after_an_email_change_puts_the_old_address_back() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 335).await;
    let intruder = signed_in(&gw, 335, &username).await;
    let theirs = "intruz335@example.pl";
    assert_eq!(intruder.post("/api/profile/email", &json!({ "email": theirs })).await.status, StatusCode::ACCEPTED);
    let code = emailed_code(&intruder, theirs).await;
    assert_eq!(intruder.post("/api/profile/email/confirm", &json!({ "code": code })).await.status, StatusCode::OK);

    // The owner's old address got the notice; its "To nie ja" puts that address back.
    let b = Browser::new(gw.url());
    let old = emails_to(&b, &email(335), 4).await;
    let r = b.post("/api/disavow", &json!({ "token": not_me_token(&old) })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let told = emails_to(&b, &email(335), 5).await;
    assert!(told.iter().any(|m| m["subject"] == "Zablokowaliśmy logowanie hasłem do Twojego profilu zaufanego"));
    let r = b.post("/api/login", &json!({"login": email(335), "password": PASSWORD})).await;
    assert_eq!(r.json()["error"], "password_blocked", "the old address names the profile again: {}", r.text);
    let r = b.post("/api/login", &json!({"login": theirs, "password": PASSWORD})).await;
    assert_eq!(r.json()["error"], "bad_credentials", "the intruder's address is free again");
    // and the way back in goes to the owner's address
    let r = b.post("/api/recovery/password", &json!({"username": username, "pesel": pesel(335)})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let mails = emails_to(&b, &email(335), 6).await;
    assert!(mails.iter().any(|m| m["body"].as_str().unwrap().contains("/odzyskiwanie?lang=pl#")), "{mails:?}");
}
