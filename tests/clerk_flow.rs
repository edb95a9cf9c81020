//! The clerk's side over HTTP through the local gateway: sign-in, the day's calls, the
//! call link, the number to read out, confirmation (three years) or rejection (PESEL
//! free again), and the audit trail.

use chrono::{DateTime, Datelike, Duration, Utc};
use e2e::*;
use hyper::StatusCode;
use serde_json::json;

const CHECKS: &str = r#"{"data_confirmed":true,"rules_presented":true,"id_document_checked":true}"#;

fn checks() -> serde_json::Value {
    serde_json::from_str(CHECKS).unwrap()
}

/// The Polish date of a slot start (the clerk's day), as the API wants it.
fn polish_day(start: &str) -> String {
    let t: DateTime<Utc> = start.parse().unwrap();
    shared::domain::time::polish_date(t).to_string()
}

#[tokio::test]
async fn apply_verify_clerk_sends_link_reads_number_confirms_profile_valid_three_years() {
    let gw = spawn_gateway().await;
    let (citizen, id) = submitted_application(&gw, 11).await;
    let mails = emails_to(&citizen, &email(11), 2).await;
    let number_in_email = mails[1]["body"].as_str().unwrap().lines().find_map(|l| l.strip_prefix("Numer wniosku: ")).unwrap().to_owned();
    let status = citizen.get(&format!("/api/applications/{id}")).await.json();
    let day = polish_day(status["slot"]["start"].as_str().unwrap());

    let clerk = clerk_browser(&gw).await;

    // the day's calls list the application
    let r = clerk.get(&format!("/api/clerk/calls?date={day}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let calls = r.json()["calls"].as_array().unwrap().clone();
    let call = calls.iter().find(|c| c["application_id"] == id.as_str()).expect("the call is listed");
    assert_eq!(call["first_name"], "Łucja");
    assert_eq!(call["last_name"], "Żółkiewska-Nowak");
    assert_eq!(call["video_app"], "Skype");
    assert_eq!(call["slot"], status["slot"]);

    // the call link goes to the citizen by email, in Polish
    let url = "https://join.skype.com/AbCdEf123";
    let r = clerk.post(&format!("/api/clerk/applications/{id}/call-link"), &json!({ "url": url })).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let mails = emails_to(&citizen, &email(11), 3).await;
    assert_eq!(mails[2]["subject"], "Link do rozmowy wideo — tymczasowy profil zaufany");
    assert!(mails[2]["body"].as_str().unwrap().contains(url));

    // the clerk's view has the number to read out, the same as in the citizen's email
    let r = clerk.get(&format!("/api/clerk/applications/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let view = r.json();
    assert_eq!(view["application_number"], number_in_email.as_str());
    assert_eq!(view["pesel"], pesel(11));
    assert_eq!(view["email"], email(11));
    assert_eq!(view["phone"], phone(11));
    assert_eq!(view["status"], "submitted");
    assert_eq!(view["call_links_sent"], 1);

    // three checks → confirmed, valid three years from now
    let r = clerk.post(&format!("/api/clerk/applications/{id}/confirm"), &checks()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["status"], "confirmed");
    let valid_until: DateTime<Utc> = r.json()["valid_until"].as_str().unwrap().parse().unwrap();
    let expected = Utc::now() + Duration::days(3 * 365);
    assert!((valid_until - expected).num_days().abs() <= 1, "three years ahead: {valid_until}");
    assert_eq!(valid_until.year(), Utc::now().year() + 3);

    // the citizen's confirmation email, and the status the citizen sees
    let mails = emails_to(&citizen, &email(11), 4).await;
    assert_eq!(mails[3]["subject"], "Twój tymczasowy profil zaufany jest aktywny");
    assert!(mails[3]["body"].as_str().unwrap().contains(&valid_until.format("%d.%m.%Y").to_string()));
    let r = citizen.get(&format!("/api/applications/{id}")).await;
    assert_eq!(r.json()["status"], "confirmed");
    let seen: DateTime<Utc> = r.json()["valid_until"].as_str().unwrap().parse().unwrap();
    assert_eq!(seen, valid_until);

    // confirming again is a conflict; so is rejecting now
    let r = clerk.post(&format!("/api/clerk/applications/{id}/confirm"), &checks()).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "already_decided"));
    let r = clerk.post(&format!("/api/clerk/applications/{id}/reject"), &json!({"reason": "Za późno"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // the audit trail names the clerk and every action, never the number
    let r = clerk.get(&format!("/api/clerk/applications/{id}")).await;
    let audit = r.json()["audit"].as_array().unwrap().clone();
    let actions: Vec<&str> = audit.iter().map(|e| e["action"].as_str().unwrap()).collect();
    for a in ["application_viewed", "call_link_sent", "confirmed"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    assert!(audit.iter().all(|e| e["actor"]["kind"] == "clerk" && e["actor"]["username"] == "urzednik"));
    let today = shared::domain::time::polish_date(Utc::now()).to_string();
    let day_audit = clerk.get(&format!("/api/clerk/audit?date={today}")).await;
    assert_eq!(day_audit.status, StatusCode::OK);
    assert!(day_audit.text.contains("signed_in") && day_audit.text.contains("confirmed"));
    assert!(!day_audit.text.contains(&number_in_email) && !r.text.contains("Zielony7Las"));
}

#[tokio::test]
async fn confirmation_needs_all_three_checks_and_says_which_is_missing() {
    let gw = spawn_gateway().await;
    let (_, id) = submitted_application(&gw, 12).await;
    let clerk = clerk_browser(&gw).await;
    let r = clerk
        .post(&format!("/api/clerk/applications/{id}/confirm"), &json!({"data_confirmed":true,"rules_presented":false,"id_document_checked":false}))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.json()["error"], "check_missing");
    assert_eq!(r.json()["field"], "rules_presented");
    assert!(r.json()["fields"]["id_document_checked"].is_string());
    let r = clerk.post(&format!("/api/clerk/applications/{id}/confirm"), &json!({"data_confirmed":true})).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::BAD_REQUEST, "missing_field"));
    let view = clerk.get(&format!("/api/clerk/applications/{id}")).await.json();
    assert_eq!(view["status"], "submitted", "nothing changed");
}

#[tokio::test]
async fn rejection_emails_the_reason_and_frees_pesel_username_and_email() {
    let gw = spawn_gateway().await;
    let (citizen, id) = submitted_application(&gw, 13).await;
    let clerk = clerk_browser(&gw).await;
    let r = clerk.post(&format!("/api/clerk/applications/{id}/reject"), &json!({"reason": "  "})).await;
    assert_eq!((r.status, r.json()["field"].as_str().unwrap()), (StatusCode::BAD_REQUEST, "reason"));
    let reason = "Dokument tożsamości był nieczytelny.";
    let r = clerk.post(&format!("/api/clerk/applications/{id}/reject"), &json!({ "reason": reason })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json(), json!({"status": "rejected"}));

    let mails = emails_to(&citizen, &email(13), 3).await;
    assert_eq!(mails[2]["subject"], "Wniosek o tymczasowy profil zaufany został odrzucony");
    assert!(mails[2]["body"].as_str().unwrap().contains(reason));
    let r = citizen.get(&format!("/api/applications/{id}")).await;
    assert_eq!((r.json()["status"].as_str().unwrap(), r.json()["reason"].as_str().unwrap()), ("rejected", reason));

    // the same person applies again: same PESEL, username and email
    let again = Browser::new(gw.url());
    let slot = a_free_slot(&again, 1).await;
    let r = again.post("/api/applications", &application(13, &slot)).await;
    assert_eq!(r.status, StatusCode::CREATED, "PESEL, username and email are free again: {}", r.text);

    let r = clerk.post(&format!("/api/clerk/applications/{id}/confirm"), &checks()).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "already_decided"));
}

#[tokio::test]
async fn two_clerks_confirming_at_once_make_one_profile_and_a_409() {
    let gw = spawn_gateway().await;
    let (citizen, id) = submitted_application(&gw, 14).await;
    let clerks = [clerk_browser(&gw).await, clerk_browser(&gw).await, clerk_browser(&gw).await, clerk_browser(&gw).await];
    let path = format!("/api/clerk/applications/{id}/confirm");
    let reject = format!("/api/clerk/applications/{id}/reject");
    let (yes, why) = (checks(), json!({"reason": "Rozmowa przerwana."}));
    let (a, b, c, d) = tokio::join!(
        clerks[0].post(&path, &yes),
        clerks[1].post(&path, &yes),
        clerks[2].post(&path, &yes),
        clerks[3].post(&reject, &why),
    );
    let statuses = [a.status, b.status, c.status, d.status];
    let wins = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(wins, 1, "exactly one decision wins: {statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 3, "{statuses:?}");
    // one outcome email only
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mails = emails_to(&citizen, &email(14), 3).await;
    assert_eq!(mails.len(), 3, "account, application, one decision: {mails:?}");
}

#[tokio::test]
async fn a_clerk_publishes_a_slot_that_citizens_see_at_once_and_overlaps_are_refused() {
    let gw = spawn_gateway().await;
    let clerk = clerk_browser(&gw).await;
    let start = (Utc::now() + Duration::days(5)).date_naive().and_hms_opt(6, 0, 0).unwrap().and_utc();
    let body = json!({"start": start.to_rfc3339(), "end": (start + Duration::minutes(30)).to_rfc3339(), "capacity": 3});
    let r = clerk.post("/api/clerk/slots", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let citizen = Browser::new(gw.url());
    let slots = citizen.get("/api/slots").await.json();
    let listed = slots["slots"].as_array().unwrap().iter().find(|s| s["id"] == id.as_str()).expect("listed at once").clone();
    assert_eq!(listed["free"], 3);
    assert!(listed.get("demo").is_none());

    let overlapping = json!({"start": (start + Duration::minutes(25)).to_rfc3339(), "end": (start + Duration::minutes(45)).to_rfc3339(), "capacity": 1});
    let r = clerk.post("/api/clerk/slots", &overlapping).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "slot_overlap"));
    let adjacent = json!({"start": (start + Duration::minutes(30)).to_rfc3339(), "end": (start + Duration::minutes(50)).to_rfc3339(), "capacity": 1});
    assert_eq!(clerk.post("/api/clerk/slots", &adjacent).await.status, StatusCode::CREATED);

    let past = json!({"start": "2020-01-01T10:00:00Z", "end": "2020-01-01T10:20:00Z", "capacity": 1});
    let r = clerk.post("/api/clerk/slots", &past).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::BAD_REQUEST, "slot_past"));
    let r = clerk.post("/api/clerk/slots", &json!({"start": start.to_rfc3339(), "end": start.to_rfc3339(), "capacity": "2"})).await;
    assert_eq!((r.status, r.json()["field"].as_str().unwrap()), (StatusCode::BAD_REQUEST, "capacity"));
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_clerk_for_fifteen_minutes_and_unknown_users_look_the_same() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let wrong = b.post("/api/clerk/login", &json!({"username": "urzednik", "password": "Zle-haslo-1"})).await;
    let unknown = b.post("/api/clerk/login", &json!({"username": "nikt_taki", "password": "Zle-haslo-1"})).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.text, unknown.text, "no account enumeration");
    for _ in 0..3 {
        assert_eq!(b.post("/api/clerk/login", &json!({"username": "urzednik", "password": "Zle-haslo-1"})).await.status, StatusCode::UNAUTHORIZED);
    }
    let fifth = b.post("/api/clerk/login", &json!({"username": "urzednik", "password": "Zle-haslo-1"})).await;
    assert_eq!(fifth.status, StatusCode::TOO_MANY_REQUESTS, "{}", fifth.text);
    let r = b.post("/api/clerk/login", &json!({"username": "urzednik", "password": CLERK_PASSWORD})).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::TOO_MANY_REQUESTS, "account_locked"));
    let wait: i64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((850..=900).contains(&wait), "about 15 minutes: {wait}");
    assert!(b.cookie("pz_clerk").is_none());
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let gw = spawn_gateway().await;
    let clerk = clerk_browser(&gw).await;
    let token = clerk.cookie("pz_clerk").unwrap();
    assert_eq!(clerk.get("/api/clerk/me").await.json()["username"], "urzednik");
    assert_eq!(clerk.post("/api/clerk/logout", &json!({})).await.status, StatusCode::NO_CONTENT);
    // even a copy of the old cookie is refused
    let thief = Browser::new(gw.url());
    let r = thief.send(hyper::Method::GET, "/api/clerk/me", None, Vec::new()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = raw_get(&gw, "/api/clerk/me", &format!("pz_clerk={token}")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

/// A GET with exactly this Cookie header.
pub async fn raw_get(gw: &pz_local::Gateway, path: &str, cookie: &str) -> Resp {
    let b = Browser::new(gw.url());
    b.send_with_headers(hyper::Method::GET, path, &[("cookie", cookie)], None).await
}
