//! No-shows on a clock the test moves: the slot passes with no decision → an email with a
//! one-time re-booking link → a new slot (same application, same number) → missed again →
//! no second re-booking → expired after seven days, PESEL free. And abandoned (never
//! confirmed by code) applications give their slot's place back.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use e2e::*;
use hyper::StatusCode;
use pz_local::{start, Gateway, Options};
use serde_json::json;
use shared::adapters::clock::FixedClock;
use shared::handlers::expire_applications;

async fn gateway_on(clock: Arc<FixedClock>) -> Gateway {
    let opts = Options { clock, ..gateway_options() };
    start(opts).await.expect("gateway starts")
}

fn clock_now() -> Arc<FixedClock> {
    Arc::new(FixedClock::at(&Utc::now().to_rfc3339()))
}

/// Moves the clock to one hour and a minute after `end` (the grace hour) and sweeps.
async fn pass_slot(gw: &Gateway, clock: &FixedClock, end: &str) {
    let end: DateTime<Utc> = end.parse().unwrap();
    let now = clock_time(gw);
    if end + Duration::minutes(61) > now {
        clock.advance(end + Duration::minutes(61) - now);
    }
    expire_applications::handle(&*gw.deps).await.unwrap();
}

fn clock_time(gw: &Gateway) -> DateTime<Utc> {
    gw.deps.clock.now()
}

fn rebook_link(body: &str) -> Option<(String, String)> {
    let link = body.split_whitespace().find(|w| w.contains("/wniosek/nowy-termin?lang=pl#"))?;
    let (id, token) = link.split_once('#')?.1.split_once('.')?;
    Some((id.to_owned(), token.to_owned()))
}

#[tokio::test]
async fn a_missed_call_can_be_rebooked_once_then_the_application_expires_and_frees_the_pesel() {
    let clock = clock_now();
    let gw = gateway_on(clock.clone()).await;
    let (citizen, id) = submitted_application(&gw, 31).await;
    let number = emails_to(&citizen, &email(31), 2).await[1]["body"].as_str().unwrap().to_owned();
    let first = citizen.get(&format!("/api/applications/{id}")).await.json();

    // the sweep before the slot changes nothing
    let report = expire_applications::handle(&*gw.deps).await.unwrap();
    assert_eq!(report.no_shows, 0);

    // the slot passes with no call: one email with a re-booking link
    pass_slot(&gw, &clock, first["slot"]["end"].as_str().unwrap()).await;
    let mails = emails_to(&citizen, &email(31), 3).await;
    assert_eq!(mails[2]["subject"], "Rozmowa wideo w sprawie Twojego wniosku nie odbyła się");
    let (link_id, token) = rebook_link(mails[2]["body"].as_str().unwrap()).expect("a re-booking link");
    assert_eq!(link_id, id);
    let status = citizen.get(&format!("/api/applications/{id}")).await.json();
    assert_eq!(status["status"], "submitted");
    assert!(status["expires_at"].is_string(), "{status}");
    // the sweep is idempotent: no second email
    assert_eq!(expire_applications::handle(&*gw.deps).await.unwrap().no_shows, 0);

    // a wrong token is refused like an unknown application; the right one re-books
    let anyone = Browser::new(gw.url());
    let slot = a_free_slot(&anyone, 1).await;
    let r = anyone
        .post(&format!("/api/applications/{id}/rebook"), &json!({"token": "x".repeat(32), "slot_id": slot}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = anyone.post(&format!("/api/applications/{id}/rebook"), &json!({"token": token, "slot_id": slot})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["status"], "submitted");
    let second_end = r.json()["slot"]["end"].as_str().unwrap().to_owned();
    assert_ne!(r.json()["slot"], first["slot"]);
    let r = anyone.post(&format!("/api/applications/{id}/rebook"), &json!({"token": token, "slot_id": slot})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "the token works once");

    // same application number for the clerk
    let clerk = clerk_browser(&gw).await;
    let view = clerk.get(&format!("/api/clerk/applications/{id}")).await.json();
    assert!(number.contains(view["application_number"].as_str().unwrap()));
    assert_eq!(view["rebooked"], true);

    // missed again: no second re-booking; seven days later it expires
    pass_slot(&gw, &clock, &second_end).await;
    let mails = emails_to(&citizen, &email(31), 5).await;
    assert_eq!(mails[4]["subject"], "Rozmowa wideo w sprawie Twojego wniosku nie odbyła się");
    assert!(rebook_link(mails[4]["body"].as_str().unwrap()).is_none(), "no second link");
    clock.advance(Duration::days(7));
    let report = expire_applications::handle(&*gw.deps).await.unwrap();
    assert_eq!(report.expired, 1, "{report:?}");
    let mails = emails_to(&citizen, &email(31), 6).await;
    assert_eq!(mails[5]["subject"], "Wniosek o tymczasowy profil zaufany wygasł");
    assert_eq!(citizen.get(&format!("/api/applications/{id}")).await.json()["status"], "expired");

    // a clerk can no longer confirm it; the PESEL, username and email are free
    let clerk = clerk_browser(&gw).await;
    let r = clerk
        .post(
            &format!("/api/clerk/applications/{id}/confirm"),
            &json!({"data_confirmed":true,"rules_presented":true,"id_document_checked":true}),
        )
        .await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "application_expired"));
    let start = (clock_time(&gw) + Duration::days(1)).date_naive().and_hms_opt(7, 0, 0).unwrap().and_utc();
    let r = clerk
        .post(
            "/api/clerk/slots",
            &json!({"start": start.to_rfc3339(), "end": (start + Duration::minutes(20)).to_rfc3339(), "capacity": 1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let again = Browser::new(gw.url());
    let r = again.post("/api/applications", &application(31, r.json()["id"].as_str().unwrap())).await;
    assert_eq!(r.status, StatusCode::CREATED, "free again: {}", r.text);
}

#[tokio::test]
async fn an_application_never_confirmed_by_code_takes_no_place_and_expires() {
    let clock = clock_now();
    let gw = gateway_on(clock.clone()).await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let free = |slots: serde_json::Value| {
        slots["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == slot.as_str())
            .map_or(0, |s| s["free"].as_u64().unwrap())
    };
    let before = free(b.get("/api/slots").await.json());
    let r = b.post("/api/applications", &application(32, &slot)).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(free(b.get("/api/slots").await.json()), before, "no place before the code (docs/rules.md §8.4)");

    clock.advance(Duration::minutes(61));
    let report = expire_applications::handle(&*gw.deps).await.unwrap();
    assert_eq!(report.unverified_expired, 1, "{report:?}");
    assert_eq!(free(b.get("/api/slots").await.json()), before);
    assert_eq!(b.get(&format!("/api/applications/{id}")).await.json()["status"], "expired");
    assert_eq!(expire_applications::handle(&*gw.deps).await.unwrap().unverified_expired, 0, "once");
}
