//! The application flow over HTTP through the local gateway, as a browser walks it.

use e2e::*;
use hyper::StatusCode;
use serde_json::json;

const PHONE_1: &str = "+48500000001";

#[tokio::test]
async fn whole_flow_from_wyslij_wniosek_to_two_emails() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 2).await;
    let free_before = free_places(&b, &slot).await;

    // "Wyślij wniosek"
    let r = b.post("/api/applications", &application(1, &slot)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(r.json()["status"], "awaiting_sms_code");
    assert!(b.cookie("pz_app").is_some() && b.cookie("pz_app_csrf").is_some());

    // the SMS code
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    assert_eq!(r.json(), json!({"sent_to": "+48 *** *** 001", "expires_in": 300}));
    let code = last_sms_code(&b, PHONE_1).await;

    // a wrong code first
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": wrong })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.json()["error"], "wrong_code");
    assert_eq!(r.json()["field"], "code");
    assert!(r.json()["message"].as_str().unwrap().contains("2 próby"));

    // then "Dalej" with the right one
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json(), json!({"status": "submitted"}));

    // two emails, in Polish, the second with the secret application number
    let mails = emails_to(&b, "obywatel1@example.pl", 2).await;
    assert_eq!(mails.len(), 2, "exactly two emails: {mails:?}");
    assert_eq!(mails[0]["subject"], "Potwierdzenie założenia konta w serwisie Profil Zaufany");
    assert_eq!(mails[1]["subject"], "Potwierdzenie wysłania wniosku o tymczasowy profil zaufany");
    let body = mails[1]["body"].as_str().unwrap();
    let number = body.lines().find_map(|l| l.strip_prefix("Numer wniosku: ")).expect("number in email");
    assert_eq!(number.len(), 14);
    assert!(body.contains("Nikomu nie podawaj tego numeru"));
    assert!(!number.contains(&id) && !id.contains(&number.to_lowercase()), "the number is not the id");

    // the status page, and the code cannot be used again
    let r = b.get(&format!("/api/applications/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "submitted");
    assert_eq!(r.json()["video_app"], "Skype");
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["error"], "already_submitted");

    // the slot lost one free place
    assert_eq!(free_places(&b, &slot).await, free_before - 1);
}

async fn free_places(b: &Browser, slot: &str) -> u64 {
    let slots = b.get("/api/slots").await.json();
    slots["slots"].as_array().unwrap().iter().find(|s| s["id"] == slot).map_or(0, |s| s["free"].as_u64().unwrap())
}

#[tokio::test]
async fn third_wrong_code_kills_the_code_and_a_new_one_works() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id = b.post("/api/applications", &application(2, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    let code = last_sms_code(&b, "+48500000002").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(verify(&b, &id, wrong).await.json()["error"], "wrong_code");
    assert_eq!(verify(&b, &id, wrong).await.json()["error"], "wrong_code");
    assert_eq!(verify(&b, &id, wrong).await.json()["error"], "code_dead");
    assert_eq!(verify(&b, &id, &code).await.json()["error"], "code_dead", "the right code is dead too");
    b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    let fresh = last_sms_code(&b, "+48500000002").await;
    assert_eq!(verify(&b, &id, &fresh).await.status, StatusCode::OK);
}

async fn verify(b: &Browser, id: &str, code: &str) -> Resp {
    b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await
}

#[tokio::test]
async fn sixth_code_within_an_hour_is_refused_with_retry_after() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id = b.post("/api/applications", &application(3, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    for _ in 0..5 {
        assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    }
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    assert_eq!(r.json()["error"], "too_many_codes");
    let retry: i64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((3500..=3600).contains(&retry), "{retry}");
}

#[tokio::test]
async fn only_the_browser_that_applied_sees_or_changes_the_application() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id = b.post("/api/applications", &application(4, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();

    let stranger = Browser::new(gw.url());
    let r = stranger.get(&format!("/api/applications/{id}")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error"], "not_authorised");
    assert_eq!(stranger.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::UNAUTHORIZED);

    // a stranger with an application of their own cannot use its cookie on ours
    let other_id = stranger.post("/api/applications", &application(5, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    assert_ne!(other_id, id);
    assert_eq!(stranger.get(&format!("/api/applications/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(stranger.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(b.get("/api/applications/not-an-id").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn state_changes_need_the_csrf_header() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id = b.post("/api/applications", &application(6, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    let token = b.cookie("pz_app").unwrap();
    // a forged request carries the cookie (if the browser sent it) but cannot know the token
    let forger = Browser::new(gw.url());
    let r = forger
        .send(hyper::Method::POST, &format!("/api/applications/{id}/sms-code"), Some("application/json"), b"{}".to_vec())
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let raw = hyper_post_with_cookie(&gw.url(), &format!("/api/applications/{id}/sms-code"), &format!("pz_app={token}")).await;
    assert_eq!(raw, StatusCode::FORBIDDEN);
    assert!(outbox(&b).await.iter().all(|m| m["to"] != "+48500000006"), "no SMS sent");
}

async fn hyper_post_with_cookie(base: &str, path: &str, cookie: &str) -> StatusCode {
    use http_body_util::Full;
    use hyper_util::client::legacy::Client;
    let client: Client<_, Full<bytes::Bytes>> = Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let req = hyper::Request::post(format!("{base}{path}"))
        .header("cookie", cookie)
        .header("content-type", "application/json")
        .body(Full::new(bytes::Bytes::from_static(b"{}")))
        .unwrap();
    client.request(req).await.unwrap().status()
}

#[tokio::test]
async fn one_open_application_per_pesel_username_and_email() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 3).await;
    assert_eq!(b.post("/api/applications", &application(7, &slot)).await.status, StatusCode::CREATED);

    let mut same_pesel = application(8, &slot);
    same_pesel["pesel"] = json!(pesel(7));
    let r = b.post("/api/applications", &same_pesel).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "pesel_taken"));

    let mut same_user = application(9, &slot);
    same_user["username"] = json!("Obywatel_7");
    let r = b.post("/api/applications", &same_user).await;
    assert_eq!((r.status, r.json()["field"].as_str().unwrap()), (StatusCode::CONFLICT, "username"));

    // case matters: obywatel_7 is another user
    let mut other_case = application(10, &slot);
    other_case["username"] = json!("obywatel_7");
    assert_eq!(b.post("/api/applications", &other_case).await.status, StatusCode::CREATED);
}
