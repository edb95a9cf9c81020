//! "Nie pamiętasz hasła?" and "Nie pamiętasz nazwy użytkownika?" over HTTP through the local
//! gateway (docs/rules.md §5.1, §5.2): the whole recovery from the emailed link, every session
//! ended, the same answer after the same time whatever the data, and the limits.

use std::time::{Duration, Instant};

use e2e::*;
use hyper::StatusCode;
use serde_json::{json, Value};
use shared::Wired;

const NEW_PASSWORD: &str = "Niebieska8Rzeka?";

/// The token of the newest recovery link emailed to `to`.
async fn link_token(b: &Browser, to: &str, count: usize) -> String {
    let mails = emails_to(b, to, count).await;
    let body =
        mails.iter().rev().find_map(|m| m["body"].as_str().filter(|t| t.contains("/odzyskiwanie?lang=pl#"))).unwrap();
    let after = body.split("/odzyskiwanie?lang=pl#").nth(1).unwrap();
    after.chars().take_while(char::is_ascii_alphanumeric).collect()
}

fn recovery_mails(mails: &[Value]) -> usize {
    mails.iter().filter(|m| m["subject"].as_str().is_some_and(|s| s.contains("zapomnianego hasła"))).count()
}

async fn ask_for_link(b: &Browser, username: &str, n: u32) -> Resp {
    b.post("/api/recovery/password", &json!({"username": username, "pesel": pesel(n)})).await
}

#[tokio::test]
async fn a_forgotten_password_is_replaced_from_the_emailed_link_and_every_session_ends() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 301).await;
    let elsewhere = signed_in(&gw, 301, &username).await;
    assert_eq!(elsewhere.get("/api/profile").await.status, StatusCode::OK);

    let b = Browser::new(gw.url());
    let r = ask_for_link(&b, &username, 301).await;
    assert_eq!((r.status, r.json()), (StatusCode::ACCEPTED, json!({"status": "email_sent"})), "{}", r.text);
    let spare = link_token(&b, &email(301), 4).await;
    let r = ask_for_link(&b, &username, 301).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let token = link_token(&b, &email(301), 5).await;
    assert_ne!(token, spare, "a link per request");
    assert_eq!(token.len(), 58, "the account's id and 160 secret bits");

    let r = b.post("/api/recovery/password/sms-code", &json!({ "token": token })).await;
    assert_eq!((r.status, r.json()["sent_to"].as_str()), (StatusCode::ACCEPTED, Some("+48 *** *** 301")), "{}", r.text);
    let code = last_sms_code(&b, &phone(301)).await;
    let sms = outbox(&b).await.into_iter().rev().find(|m| m["channel"] == "sms").unwrap();
    assert!(sms["body"].as_str().unwrap().contains("kod zmiany hasla"), "{sms}");

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = b
        .post("/api/recovery/password/confirm", &json!({"token": token, "code": wrong, "new_password": NEW_PASSWORD}))
        .await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_code")), "{}", r.text);
    let r = b
        .post("/api/recovery/password/confirm", &json!({"token": token, "code": code, "new_password": "krotkie"}))
        .await;
    assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("new_password")), "{}", r.text);
    let r = b
        .post("/api/recovery/password/confirm", &json!({"token": token, "code": code, "new_password": NEW_PASSWORD}))
        .await;
    assert_eq!((r.status, r.json()), (StatusCode::OK, json!({"status": "password_changed"})), "{}", r.text);

    assert_eq!(elsewhere.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "every session ended");
    let again = b.post("/api/recovery/password/sms-code", &json!({ "token": token })).await;
    assert_eq!(
        (again.status, again.json()["error"].as_str()),
        (StatusCode::GONE, Some("recovery_link_invalid")),
        "a link works once"
    );
    let other = b.post("/api/recovery/password/sms-code", &json!({ "token": spare })).await;
    assert_eq!(other.status, StatusCode::GONE, "the new password spends the other link of that hour too");
    let old = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED, "the old password is gone");
    let new = b.post("/api/login", &json!({"login": username, "password": NEW_PASSWORD})).await;
    assert_eq!(new.status, StatusCode::OK, "{}", new.text);

    let mails = emails_to(&b, &email(301), 6).await;
    let told = mails.iter().find(|m| m["subject"].as_str().is_some_and(|s| s.contains("zostało zmienione"))).unwrap();
    assert!(told["body"].as_str().unwrap().contains("Wszystkie sesje zostały zakończone"), "{told}");
    let account = shared::domain::ApplicationId::parse(
        &gw.deps
            .store()
            .claim_owner(&shared::service::application::unique_key(
                &gw.deps.config.hash_key,
                shared::ports::UniqueKind::Username,
                &username,
            ))
            .await
            .unwrap()
            .unwrap()
            .to_string(),
    )
    .unwrap();
    let history = gw.deps.store().history_of(&account).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"recovery_requested") && actions.contains(&"password_recovered"), "{actions:?}");
}

#[tokio::test]
async fn recovery_requests_get_the_same_answer_after_the_same_time_whatever_the_data() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 302).await;
    active_profile(&gw, 303).await;
    let b = Browser::new(gw.url());
    let asks = [
        ("password", json!({"username": username, "pesel": pesel(302)})),
        ("password", json!({"username": username, "pesel": pesel(303)})),
        ("password", json!({"username": "Nikt_Taki_302", "pesel": pesel(302)})),
        ("password", json!({"username": "Nikt_Taki_303", "pesel": pesel(309)})),
        ("username", json!({"email": email(302)})),
        ("username", json!({"email": "nikt.taki@example.pl"})),
    ];
    let mut times = Vec::new();
    for (what, body) in &asks {
        let started = Instant::now();
        let r = b.post(&format!("/api/recovery/{what}"), body).await;
        times.push(started.elapsed());
        assert_eq!((r.status, r.text.as_str()), (StatusCode::ACCEPTED, r#"{"status":"email_sent"}"#), "{body}");
    }
    println!("answers (match, wrong PESEL, unknown ×2, username known, unknown): {times:?}");
    let (fastest, slowest) = (times.iter().min().unwrap(), times.iter().max().unwrap());
    assert!(*fastest >= Duration::from_millis(400), "no answer before the floor: {times:?}");
    assert!(*slowest - *fastest < Duration::from_millis(150), "the same time whatever was found: {times:?}");

    let mails = emails_to(&b, &email(302), 4).await;
    assert_eq!(recovery_mails(&mails), 1, "only the matching username and PESEL get a link");
    let reminder =
        mails.iter().find(|m| m["subject"].as_str().is_some_and(|s| s.contains("nazwa użytkownika"))).unwrap();
    assert!(reminder["body"].as_str().unwrap().contains(&format!("Nazwa użytkownika: {username}")), "{reminder}");
    let to_303: Vec<Value> = outbox(&b).await.into_iter().filter(|m| m["to"] == email(303)).collect();
    assert_eq!(recovery_mails(&to_303), 0, "another's PESEL sends its owner nothing");

    let r = b.post("/api/recovery/password", &json!({"username": username, "pesel": "12345"})).await;
    assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("pesel")), "{}", r.text);
    let r = b.post("/api/recovery/username", &json!({"email": "nie-adres"})).await;
    assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("email")), "{}", r.text);
    let r = b.post("/api/recovery/password/sms-code", &json!({"token": "a".repeat(58)})).await;
    assert_eq!(r.status, StatusCode::GONE, "a made-up link: {}", r.text);
}

#[tokio::test]
async fn recovery_is_limited_per_source_per_profile_and_per_code() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 304).await;
    let one_address = std::net::IpAddr::from([127, 30, 4, 1]);
    let asks: Vec<_> = (0..12)
        .map(|_| {
            let (url, username) = (gw.url(), username.clone());
            tokio::spawn(async move { ask_for_link(&Browser::from_address(url, one_address), &username, 304).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in asks {
        statuses.push(t.await.unwrap().status);
    }
    let accepted = statuses.iter().filter(|s| **s == StatusCode::ACCEPTED).count();
    let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((accepted, limited), (10, 2), "ten an hour from one address, even at once: {statuses:?}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let b = Browser::new(gw.url());
    assert_eq!(recovery_mails(&emails_to(&b, &email(304), 6).await), 3, "three links an hour to one profile");

    // Wrong codes sent at once to one link: at most three checks of the code.
    let token = link_token(&b, &email(304), 5).await;
    assert_eq!(
        b.post("/api/recovery/password/sms-code", &json!({ "token": token })).await.status,
        StatusCode::ACCEPTED
    );
    let code = last_sms_code(&b, &phone(304)).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guesses: Vec<_> = (0..20)
        .map(|_| {
            let (url, token) = (gw.url(), token.clone());
            tokio::spawn(async move {
                let body = json!({"token": token, "code": wrong, "new_password": NEW_PASSWORD});
                Browser::new(url).post("/api/recovery/password/confirm", &body).await
            })
        })
        .collect();
    let mut wrong_answers = 0;
    for t in guesses {
        let r = t.await.unwrap();
        assert!(r.status.is_client_error() || r.status == StatusCode::SERVICE_UNAVAILABLE, "{}", r.text);
        wrong_answers += usize::from(r.json()["error"] == "wrong_code");
    }
    assert!(wrong_answers <= 2, "two wrong answers, then the code is dead: {wrong_answers}");
    let r = b
        .post("/api/recovery/password/confirm", &json!({"token": token, "code": code, "new_password": NEW_PASSWORD}))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "the right code comes too late: {}", r.text);
    let r = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK, "the password is unchanged: {}", r.text);
}
