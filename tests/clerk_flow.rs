//! The clerk's side over HTTP through the local gateway: sign-in, the day's calls, the
//! call link, the number to read out, confirmation (three years) or rejection (PESEL
//! free again), and the audit trail.

use chrono::{DateTime, Datelike, Duration, Utc};
use e2e::*;
use hyper::StatusCode;
use serde_json::json;
use shared::adapters::clock::FixedClock;
use shared::adapters::random::SeededRandom;
use shared::domain::totp::TotpSecret;
use shared::domain::AuditAction;
use shared::service::clerk::{create_clerk_with_totp, login as login_clerk, reset_totp, ClerkLogin};
use shared::service::FlowError;
use shared::Wired;

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
    let number_in_email =
        mails[1]["body"].as_str().unwrap().lines().find_map(|l| l.strip_prefix("Numer wniosku: ")).unwrap().to_owned();
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
    // the date as a Pole reads it (after 23:00 UTC in winter it is already the next day)
    let polish_day = shared::domain::time::polish_date(valid_until).format("%d.%m.%Y").to_string();
    assert!(mails[3]["body"].as_str().unwrap().contains(&polish_day), "{}", mails[3]["body"]);
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
        .post(
            &format!("/api/clerk/applications/{id}/confirm"),
            &json!({"data_confirmed":true,"rules_presented":false,"id_document_checked":false}),
        )
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
    let clerks =
        [clerk_browser(&gw).await, clerk_browser(&gw).await, clerk_browser(&gw).await, clerk_browser(&gw).await];
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
    let listed =
        slots["slots"].as_array().unwrap().iter().find(|s| s["id"] == id.as_str()).expect("listed at once").clone();
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
    let r = clerk
        .post("/api/clerk/slots", &json!({"start": start.to_rfc3339(), "end": start.to_rfc3339(), "capacity": "2"}))
        .await;
    assert_eq!((r.status, r.json()["field"].as_str().unwrap()), (StatusCode::BAD_REQUEST, "capacity"));
}

/// The body of `POST /api/clerk/login`.
fn clerk_login(username: &str, password: &str, totp: Option<&str>) -> serde_json::Value {
    match totp {
        Some(code) => json!({"username": username, "password": password, "totp": code}),
        None => json!({"username": username, "password": password}),
    }
}

/// The demo clerk's code of the step `from_now` steps away from the gateway's clock.
fn code_at(gw: &pz_local::Gateway, from_now: i64) -> String {
    code_of(gw, CLERK_TOTP_SECRET, from_now)
}

fn code_of(gw: &pz_local::Gateway, secret: &str, from_now: i64) -> String {
    let step = shared::domain::totp::step_at(gw.deps.clock.now()) + from_now;
    TotpSecret::parse(secret).unwrap().code_at(u64::try_from(step).unwrap())
}

async fn gateway_at_fixed_time() -> (pz_local::Gateway, std::sync::Arc<FixedClock>) {
    let clock = std::sync::Arc::new(FixedClock::at("2026-12-01T09:00:10Z"));
    let gw = pz_local::start(pz_local::Options { clock: clock.clone(), ..gateway_options() }).await.unwrap();
    (gw, clock)
}

/// Issue 15 item 6: unknown names answered differently from locked ones, and five wrong
/// passwords locked the real clerk out. Now every refusal is the same 401 — unknown,
/// disabled, wrong password, wrong or missing code, and the limited tries after them.
#[tokio::test]
async fn unknown_disabled_wrong_password_wrong_code_missing_code_and_limited_answer_alike() {
    let (gw, _clock) = gateway_at_fixed_time().await;
    let b = Browser::new(gw.url());
    let unknown = b.post("/api/clerk/login", &clerk_login("nikt_taki", "Zle-haslo-1", Some("123456"))).await;
    assert_eq!((unknown.status, unknown.json()["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("bad_credentials")));
    assert!(unknown.headers.get("retry-after").is_none());
    let same = |r: &Resp, what: &str| {
        assert_eq!((r.status, &r.text), (unknown.status, &unknown.text), "{what} answers like an unknown username");
        assert!(r.headers.get("retry-after").is_none(), "{what}: nothing tells a limited try apart");
    };
    let wrong_code = if code_at(&gw, 0) == "000000" { "111111" } else { "000000" };
    same(
        &b.post("/api/clerk/login", &clerk_login("urzednik", "Zle-haslo-1", Some(&code_at(&gw, 0)))).await,
        "a wrong password",
    );
    same(&b.post("/api/clerk/login", &clerk_login("urzednik", CLERK_PASSWORD, Some(wrong_code))).await, "a wrong code");
    same(&b.post("/api/clerk/login", &clerk_login("urzednik", CLERK_PASSWORD, None)).await, "a missing code");
    same(&b.post("/api/clerk/login", &clerk_login("urzednik", CLERK_PASSWORD, Some(""))).await, "an empty code");
    for i in 0..10 {
        same(
            &b.post("/api/clerk/login", &clerk_login("urzednik", "Zle-haslo-1", Some("123456"))).await,
            &format!("wrong password {i}"),
        );
        same(
            &b.post("/api/clerk/login", &clerk_login("nikt_taki", "Zle-haslo-1", Some("123456"))).await,
            &format!("unknown {i}"),
        );
    }
    same(
        &b.post("/api/clerk/login", &clerk_login("urzednik", CLERK_PASSWORD, Some(&code_at(&gw, 0)))).await,
        "the right one while limited",
    );
    assert!(b.cookie("pz_clerk").is_none());

    let ctx = gw.deps.ctx();
    let rng = SeededRandom::new(5);
    let secret = TotpSecret::parse(CLERK_TOTP_SECRET).unwrap();
    create_clerk_with_totp(&ctx, &rng, "wylaczony", CLERK_PASSWORD, secret).await.unwrap();
    shared::service::clerk::disable(&ctx, "wylaczony").await.unwrap();
    same(
        &b.post("/api/clerk/login", &clerk_login("wylaczony", CLERK_PASSWORD, Some(&code_at(&gw, 0)))).await,
        "a disabled clerk",
    );
}

/// Issue 15 item 6: an outsider's failures from another address slowed nobody but the
/// clerk. Now they spend the outsider's own tries: after 40 failures from elsewhere the
/// clerk signs in from the office with password and code at once.
#[tokio::test]
async fn an_outsider_failing_from_another_address_does_not_keep_the_clerk_out() {
    let (gw, _clock) = gateway_at_fixed_time().await;
    let outsider: std::net::IpAddr = "203.0.113.7".parse().unwrap();
    let office: std::net::IpAddr = "198.51.100.20".parse().unwrap();
    // The service directly: the local gateway does not give the client's address yet.
    async fn attempt(
        gw: &pz_local::Gateway,
        password: &str,
        totp: String,
        source: std::net::IpAddr,
    ) -> Result<(), FlowError> {
        let login = ClerkLogin { username: "urzednik", password, totp: &totp, source: Some(source) };
        login_clerk(&gw.deps.ctx(), &*gw.deps.random, login).await.map(drop)
    }
    for _ in 0..40 {
        let r = attempt(&gw, "Zle-haslo-1", code_at(&gw, 0), outsider).await;
        assert!(matches!(r, Err(FlowError::ClerkBadCredentials)), "{:?}", r.err());
    }
    let today = shared::domain::time::polish_date(gw.deps.clock.now());
    let checked =
        gw.deps.store().audit_on(today).await.unwrap().iter().filter(|e| e.action == AuditAction::SignInFailed).count();
    assert_eq!(checked, 6, "five checks, then one per 30 s: the rest never reached argon2");
    let signed_in = attempt(&gw, CLERK_PASSWORD, code_at(&gw, 0), office).await;
    assert!(signed_in.is_ok(), "the clerk gets in from the office: {:?}", signed_in.err());
    let r = attempt(&gw, CLERK_PASSWORD, code_at(&gw, 1), outsider).await;
    assert!(r.is_err(), "the outsider's address stays slowed down, even with the right password and code");
}

/// RFC 6238 as the clerk's second factor: a code one step either side of now works, two
/// steps away does not, and no code works twice (also when sent twice at once).
#[tokio::test]
async fn a_totp_code_works_one_step_either_side_and_only_once() {
    let (gw, clock) = gateway_at_fixed_time().await;
    let sign_in = |code: String| {
        let b = Browser::new(gw.url());
        async move { (b.post("/api/clerk/login", &clerk_login("urzednik", CLERK_PASSWORD, Some(&code))).await, b) }
    };
    assert_eq!(sign_in(code_at(&gw, 2)).await.0.status, StatusCode::UNAUTHORIZED, "a minute ahead");
    assert_eq!(sign_in(code_at(&gw, -2)).await.0.status, StatusCode::UNAUTHORIZED, "a minute old");
    let (r, b) = sign_in(code_at(&gw, -1)).await;
    assert_eq!(r.status, StatusCode::OK, "30 s old: {}", r.text);
    assert_eq!(b.get("/api/clerk/me").await.json()["username"], "urzednik");
    assert_eq!(sign_in(code_at(&gw, -1)).await.0.status, StatusCode::UNAUTHORIZED, "used once");
    assert_eq!(sign_in(code_at(&gw, 1)).await.0.status, StatusCode::OK, "30 s ahead");
    assert_eq!(sign_in(code_at(&gw, 0)).await.0.status, StatusCode::UNAUTHORIZED, "older than the last one used");

    clock.advance(Duration::seconds(60));
    let code = code_at(&gw, 0);
    let (a, b) = tokio::join!(sign_in(code.clone()), sign_in(code));
    let mut statuses = [a.0.status, b.0.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNAUTHORIZED], "one code sent twice at once signs in once");
}

/// A password reset, a TOTP reset and a disable (the operator's `pz-clerk`) each end the
/// clerk's sessions at once; after a TOTP reset only the new secret's codes work.
#[tokio::test]
async fn a_password_reset_a_totp_reset_and_a_disable_end_the_clerks_sessions() {
    let (gw, clock) = gateway_at_fixed_time().await;
    let ctx = gw.deps.ctx();
    let rng = SeededRandom::new(6);
    let signed_in = |secret: String, password: &'static str| {
        let b = Browser::new(gw.url());
        let code = code_of(&gw, &secret, 0);
        async move {
            let r = b.post("/api/clerk/login", &clerk_login("urzednik", password, Some(&code))).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
            b
        }
    };
    let step = || clock.advance(Duration::seconds(30));
    let (a, c) = (signed_in(CLERK_TOTP_SECRET.into(), CLERK_PASSWORD).await, {
        step();
        signed_in(CLERK_TOTP_SECRET.into(), CLERK_PASSWORD).await
    });
    assert_eq!(a.get("/api/clerk/me").await.status, StatusCode::OK);
    shared::service::clerk::reset_password(&ctx, "urzednik", "Nowe-Haslo-2027").await.unwrap();
    assert_eq!(a.get("/api/clerk/me").await.status, StatusCode::UNAUTHORIZED, "ended by the password reset");
    assert_eq!(c.get("/api/clerk/me").await.status, StatusCode::UNAUTHORIZED, "every session of the clerk");

    step();
    let b = signed_in(CLERK_TOTP_SECRET.into(), "Nowe-Haslo-2027").await;
    let new_secret = reset_totp(&ctx, &rng, "urzednik").await.unwrap().to_base32();
    assert_eq!(b.get("/api/clerk/me").await.status, StatusCode::UNAUTHORIZED, "ended by the TOTP reset");
    step();
    let old = Browser::new(gw.url())
        .post("/api/clerk/login", &clerk_login("urzednik", "Nowe-Haslo-2027", Some(&code_at(&gw, 0))))
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED, "the old secret's codes stop working");
    let d = signed_in(new_secret, "Nowe-Haslo-2027").await;
    assert_eq!(d.get("/api/clerk/me").await.status, StatusCode::OK);
    shared::service::clerk::disable(&ctx, "urzednik").await.unwrap();
    assert_eq!(d.get("/api/clerk/me").await.status, StatusCode::UNAUTHORIZED, "ended by the disable");
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
