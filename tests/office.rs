//! Confirmation at an office ("poświadczając w urzędzie"): the points, an application
//! that chooses one instead of a video slot, the counter view that finds it by PESEL and
//! the number the citizen shows, confirmation with the same checks as a call, and the
//! expiry after 14 days that frees the claims.

use std::sync::Arc;

use chrono::{Duration, Utc};
use e2e::*;
use hyper::StatusCode;
use pz_local::{start, Gateway, Options};
use serde_json::{json, Value};
use shared::adapters::clock::FixedClock;
use shared::handlers::expire_applications;

const POINT: &str = "urzad-demo-warszawa";

fn office_form(n: u32) -> Value {
    let mut form = application(n, "");
    let form_map = form.as_object_mut().unwrap();
    form_map.remove("slot_id");
    form_map.remove("video_app");
    form_map.insert("confirmation".into(), json!("office"));
    form_map.insert("point_id".into(), json!(POINT));
    form
}

/// Sends office application `n` and confirms it by SMS code; its id and the number from
/// the second email.
async fn office_application(b: &Browser, n: u32) -> (String, String) {
    let r = b.post("/api/applications", &office_form(n)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let code = last_sms_code(b, &phone(n)).await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let mails = emails_to(b, &email(n), 2).await;
    let body = mails[1]["body"].as_str().unwrap();
    let number = body.lines().find_map(|l| l.strip_prefix("Numer wniosku: ")).expect("the number").to_owned();
    (id, number)
}

#[tokio::test]
async fn an_office_application_is_found_at_the_counter_by_pesel_and_number_and_confirmed() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());

    // the points, with address and hours
    let points = b.get("/api/confirmation-points").await;
    assert_eq!(points.status, StatusCode::OK);
    let points = points.json()["points"].as_array().unwrap().clone();
    assert_eq!(points.len(), 3, "{points:?}");
    let chosen = points.iter().find(|p| p["id"] == POINT).expect("the demo point");
    assert!(chosen["address"].as_str().unwrap().contains("Warszawa") && chosen["hours"].is_string());

    // a slot and a point at once, or an unknown point, are refused
    let slot = a_free_slot(&b, 1).await;
    let mut mixed = office_form(41);
    mixed["slot_id"] = json!(slot);
    let r = b.post("/api/applications", &mixed).await;
    assert_eq!((r.status, r.json()["error"].clone()), (StatusCode::BAD_REQUEST, json!("confirmation_mixed")));
    let mut unknown = office_form(41);
    unknown["point_id"] = json!("nie-ma-takiego");
    let r = b.post("/api/applications", &unknown).await;
    assert_eq!((r.status, r.json()["error"].clone()), (StatusCode::BAD_REQUEST, json!("point_unknown")));
    assert_eq!(r.json()["field"], "point_id");

    let free_before = b.get("/api/slots").await.json()["slots"].clone();
    let (id, number) = office_application(&b, 41).await;
    let mails = emails_to(&b, &email(41), 2).await;
    assert!(mails[0]["body"].as_str().unwrap().contains("w punkcie potwierdzającym"));
    let sent = mails[1]["body"].as_str().unwrap();
    assert!(sent.contains("w ciągu 14 dni") && sent.contains("dowodem osobistym lub paszportem"), "{sent}");
    assert!(sent.contains("Urząd Dzielnicy Demo (Warszawa)") && sent.contains("ul. Przykładowa 1"), "{sent}");
    assert_eq!(b.get("/api/slots").await.json()["slots"], free_before, "no slot place taken");

    // the citizen's status: the point, and 14 days
    let status = b.get(&format!("/api/applications/{id}")).await.json();
    assert_eq!(status["status"], "submitted");
    assert_eq!(status["confirmation"], "office");
    assert_eq!(status["office"]["id"], POINT);
    assert!(status.get("slot").is_none() && status.get("video_app").is_none(), "{status}");
    let expires: chrono::DateTime<Utc> = status["expires_at"].as_str().unwrap().parse().unwrap();
    let submitted: chrono::DateTime<Utc> = status["submitted_at"].as_str().unwrap().parse().unwrap();
    let last_day = shared::domain::time::polish_date(submitted + Duration::days(14));
    assert_eq!(expires, shared::domain::time::end_of_polish_day(submitted + Duration::days(14)));
    assert_eq!(shared::domain::time::polish_date(expires), last_day, "to the end of the 14th day");

    // at the counter: a wrong number and an unknown PESEL look alike; the number may be
    // typed in lower case, without hyphens
    let clerk = clerk_browser(&gw).await;
    let counter = |pesel: String, number: String| {
        let clerk = &clerk;
        async move { clerk.get(&format!("/api/clerk/counter?pesel={pesel}&number={number}")).await }
    };
    let wrong = counter(pesel(41), "AAAA-BBBB-CCCC".into()).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND, "{}", wrong.text);
    let stranger = counter(pesel(42), number.clone()).await;
    assert_eq!((stranger.status, stranger.json()), (wrong.status, wrong.json()));
    let bad = counter("123".into(), number.clone()).await;
    assert_eq!((bad.status, bad.json()["field"].clone()), (StatusCode::BAD_REQUEST, json!("pesel")));
    let anonymous =
        Browser::new(gw.url()).get(&format!("/api/clerk/counter?pesel={}&number={number}", pesel(41))).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let typed = number.replace('-', "").to_lowercase();
    let found = counter(pesel(41), typed).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    let found = found.json();
    assert_eq!(found["application_id"], id.as_str());
    assert_eq!(found["confirmation"], "office");
    assert_eq!(found["office"]["name"], "Urząd Dzielnicy Demo (Warszawa)");
    assert_eq!(found["application_number"], number.as_str());
    let audit = found["audit"].as_array().unwrap();
    assert!(audit.iter().any(|e| e["note"] == "punkt potwierdzający"), "{audit:?}");

    // the same checks as a call, then active for three years
    let confirm = format!("/api/clerk/applications/{id}/confirm");
    let r = clerk_post(
        &gw,
        &confirm,
        &json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": false}),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    let all = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let r = clerk_post(&gw, &confirm, &all).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = clerk_post(&gw, &confirm, &all).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "decided once: {}", r.text);
    let mails = emails_to(&b, &email(41), 3).await;
    assert_eq!(mails[2]["subject"], "Twój tymczasowy profil zaufany jest aktywny");
    assert_eq!(b.get(&format!("/api/applications/{id}")).await.json()["status"], "confirmed");
}

#[tokio::test]
async fn an_office_application_nobody_confirmed_expires_after_14_days_and_frees_the_pesel() {
    let clock = Arc::new(FixedClock::at(&Utc::now().to_rfc3339()));
    let gw: Gateway = start(Options { clock: clock.clone(), ..gateway_options() }).await.expect("gateway starts");
    let b = Browser::new(gw.url());
    let (id, _) = office_application(&b, 43).await;

    // 13 days on, the sweep leaves it alone
    clock.advance(Duration::days(13));
    let report = expire_applications::handle(&*gw.deps).await.unwrap();
    assert_eq!(report.expired, 0);
    assert_eq!(b.get(&format!("/api/applications/{id}")).await.json()["status"], "submitted");

    // past the 14th day: expired, the citizen told why, PESEL, username and email free again
    clock.advance(Duration::days(2));
    let report = expire_applications::handle(&*gw.deps).await.unwrap();
    assert_eq!(report.expired, 1, "{report:?}");
    assert_eq!(expire_applications::handle(&*gw.deps).await.unwrap().expired, 0, "once");
    let mails = emails_to(&b, &email(43), 3).await;
    assert_eq!(mails[2]["subject"], "Wniosek o tymczasowy profil zaufany wygasł");
    assert!(mails[2]["body"].as_str().unwrap().contains("punkcie potwierdzającym"));
    assert_eq!(b.get(&format!("/api/applications/{id}")).await.json()["status"], "expired");

    let again = Browser::new(gw.url());
    let (second, _) = office_application(&again, 43).await;
    assert_ne!(second, id);
}

#[tokio::test]
async fn an_office_application_the_sweep_never_reached_frees_the_pesel_when_someone_applies_again() {
    let clock = Arc::new(FixedClock::at(&Utc::now().to_rfc3339()));
    let gw: Gateway = start(Options { clock: clock.clone(), ..gateway_options() }).await.expect("gateway starts");
    let b = Browser::new(gw.url());
    let (id, _) = office_application(&b, 44).await;

    // three weeks on, past the sweep's look-back, with no sweep at all
    clock.advance(Duration::days(21));
    let again = Browser::new(gw.url());
    let (second, _) = office_application(&again, 44).await;
    assert_ne!(second, id);
    assert_eq!(b.get(&format!("/api/applications/{id}")).await.json()["status"], "expired");
    let mails = emails_to(&b, &email(44), 3).await;
    assert!(mails.iter().any(|m| m["subject"] == "Wniosek o tymczasowy profil zaufany wygasł"));
}
