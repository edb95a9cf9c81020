//! The load and concurrency scenarios of issue 7, run against any store the gateway can
//! use: the in-process one (`tests/load.rs`) and DynamoDB on the emulator
//! (`tests/load_emulator.rs`). Every request goes over loopback HTTP to the gateway; the
//! answers and then the stored state are checked.

use std::collections::HashSet;

use chrono::Duration;
use hyper::{Method, StatusCode};
use pz_local::Gateway;
use serde_json::json;
use shared::domain::{AccountStatus, ApplicationId, Slot, SlotId};
use shared::ports::UniqueKind;
use shared::service::application::unique_key;
use shared::Wired;

use crate::{application, clerk_browser, phone, Browser, Resp};

/// Where the SMS codes can be read: the local outbox page or the emulator's SNS record.
#[derive(Clone, Copy)]
pub enum Sms {
    Outbox,
    Emulator,
}

impl Sms {
    async fn code(self, b: &Browser, n: u32) -> String {
        match self {
            Self::Outbox => crate::last_sms_code(b, &phone(n)).await,
            Self::Emulator => {
                let texts = crate::sms_to(&phone(n)).await;
                let last = texts.last().expect("an SMS through SNS");
                last.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a 6-digit code").to_owned()
            }
        }
    }
}

impl Sms {
    /// The newest code sent to each of these people, read in one look (the emulator's
    /// record of everything it sent grows with every test: one read, not one per person).
    async fn codes(self, b: &Browser, people: &[u32]) -> Vec<String> {
        let sent: Vec<(String, String)> = match self {
            Self::Outbox => crate::outbox(b)
                .await
                .into_iter()
                .filter(|m| m["channel"] == "sms")
                .map(|m| {
                    (m["to"].as_str().unwrap_or_default().to_owned(), m["body"].as_str().unwrap_or_default().to_owned())
                })
                .collect(),
            Self::Emulator => {
                let data = crate::emulator_data().await;
                let mut all = Vec::new();
                let mut collect = |v: &serde_json::Value| {
                    for m in v.as_array().into_iter().flatten() {
                        all.push((
                            m["phone_number"].as_str().unwrap_or_default().to_owned(),
                            m["message"].as_str().unwrap_or_default().to_owned(),
                        ));
                    }
                };
                for (_, by_region) in data["sns"]["SMS"].as_object().into_iter().flatten() {
                    collect(by_region);
                }
                collect(&data["sns"]["SMS"]);
                all
            }
        };
        people
            .iter()
            .map(|&n| {
                let to = phone(n);
                sent.iter()
                    .rev()
                    .filter(|(p, _)| *p == to)
                    .find_map(|(_, text)| {
                        text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).map(str::to_owned)
                    })
                    .unwrap_or_else(|| panic!("no code sent to {to}"))
            })
            .collect()
    }
}

/// A slot two days ahead with `capacity` places, straight into the store (the clerk's
/// schedule form allows at most a few places per call).
pub async fn slot_with(gw: &Gateway, id: &str, capacity: u32) -> Slot {
    let start = gw.deps.clock.now() + Duration::days(2);
    let slot = Slot {
        id: SlotId::parse(id).unwrap(),
        start,
        end: start + Duration::minutes(20),
        capacity,
        booked: 0,
        demo: false,
    };
    gw.deps.store().create_slot(&slot).await.expect("slot stored");
    slot
}

/// Sends every request at once, each from its own browser (own connection and cookies).
async fn all_at_once<F, Fut>(count: u32, request: F) -> Vec<Resp>
where
    F: Fn(u32) -> Fut,
    Fut: std::future::Future<Output = Resp> + Send + 'static,
{
    let tasks: Vec<_> = (0..count).map(|i| tokio::spawn(request(i))).collect();
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        out.push(t.await.expect("request task"));
    }
    out
}

fn error_of(r: &Resp) -> String {
    serde_json::from_str::<serde_json::Value>(&r.text)
        .ok()
        .and_then(|v| v["error"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// 100 people confirm their SMS codes for the last place of a slot at the same moment (a
/// place is taken only with the code, docs/rules.md §8.4): exactly one gets it, the others hear
/// "slot_full", and the slot says one booked.
pub async fn hundred_bookings_of_a_one_place_slot(gw: &Gateway, first_person: u32, sms: Sms) {
    let slot = slot_with(gw, "0000000000000101", 1).await;
    let mut waiting = Vec::new();
    for i in 0..100 {
        let b = Browser::new(gw.url());
        let r = b.post("/api/applications", &application(first_person + i, "0000000000000101")).await;
        assert_eq!(r.status, StatusCode::CREATED, "every submission is accepted: {}", r.text);
        let id = r.json()["application_id"].as_str().unwrap().to_owned();
        assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
        waiting.push((b, id));
    }
    let people: Vec<u32> = (0..100).map(|i| first_person + i).collect();
    let codes = sms.codes(&waiting[0].0, &people).await;
    let ready: Vec<_> =
        waiting.into_iter().zip(codes).map(|((b, id), code)| std::sync::Arc::new((b, id, code))).collect();
    assert_eq!(gw.deps.store().get_slot(&slot.id).await.unwrap().unwrap().booked, 0, "no place before the code");
    let answers = all_at_once(100, |i| {
        let person = ready[i as usize].clone();
        async move {
            let (b, id, code) = &*person;
            b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await
        }
    })
    .await;
    let sent = answers.iter().filter(|r| r.status == StatusCode::OK).count();
    let full = answers.iter().filter(|r| r.status == StatusCode::CONFLICT && error_of(r) == "slot_full").count();
    let other: Vec<_> = answers
        .iter()
        .filter(|r| r.status != StatusCode::OK && error_of(r) != "slot_full")
        .map(|r| (r.status, r.text.clone()))
        .collect();
    assert!(other.is_empty(), "every answer is 200 or slot_full: {other:?}");
    assert_eq!((sent, full), (1, 99));
    assert_eq!(gw.deps.store().get_slot(&slot.id).await.unwrap().unwrap().booked, 1, "one place booked");
}

/// `count` different people apply at the same moment: all are stored, each username is
/// claimed by exactly the application that carries it, and none has taken a place or its
/// PESEL yet (that comes with the code).
pub async fn applications_at_once(gw: &Gateway, first_person: u32, count: u32) {
    let slot = slot_with(gw, "0000000000000102", count).await;
    let url = gw.url();
    let started = std::time::Instant::now();
    let answers =
        all_at_once(count, |i| {
            let url = url.clone();
            async move {
                Browser::new(url).post("/api/applications", &application(first_person + i, "0000000000000102")).await
            }
        })
        .await;
    let elapsed = started.elapsed();
    let failed: Vec<_> = answers
        .iter()
        .filter(|r| r.status != StatusCode::CREATED)
        .map(|r| (r.status, r.text.clone()))
        .take(5)
        .collect();
    assert!(failed.is_empty(), "every application is created: {failed:?}");
    let ids: HashSet<String> =
        answers.iter().map(|r| r.json()["application_id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), count as usize, "distinct applications");
    let mut pesels = HashSet::new();
    for id in &ids {
        let app = gw.deps.store().get_application(&ApplicationId::parse(id).unwrap()).await.unwrap().expect("stored");
        assert!(pesels.insert(app.pesel.as_str().to_owned()), "PESEL stored twice");
        let claim = unique_key(&gw.deps.config.hash_key, UniqueKind::Username, app.username.as_str());
        assert_eq!(
            gw.deps.store().claim_owner(&claim).await.unwrap().as_ref(),
            Some(&app.id),
            "the username is claimed by its application"
        );
        let claim = unique_key(&gw.deps.config.hash_key, UniqueKind::Pesel, app.pesel.as_str());
        assert_eq!(gw.deps.store().claim_owner(&claim).await.unwrap(), None, "the PESEL only with the code");
    }
    assert_eq!(pesels.len(), count as usize, "0 duplicates");
    assert_eq!(gw.deps.store().get_slot(&slot.id).await.unwrap().unwrap().booked, 0, "no place before the code");
    let secs = elapsed.as_secs_f64();
    eprintln!(
        "{count} concurrent applications stored once each: {secs:.1} s, {:.0} applications/s",
        f64::from(count) / secs
    );
}

/// The same "Wyślij wniosek" sent 5 times at once and once more later, all with one
/// `Idempotency-Key`: one application, every answer names it, the slot counts one, and
/// the SMS step works with the cookie of any of the answers. Another form with the same
/// key is refused.
pub async fn one_submission_retried_with_an_idempotency_key(gw: &Gateway, n: u32, sms: Sms) {
    let slot = slot_with(gw, "0000000000000103", 5).await;
    let url = gw.url();
    let key = format!("retry-{n}-6f1c2a3e8b7d4c1e");
    let send = |url: String, key: String, n: u32| async move {
        let b = Browser::new(url);
        let form = application(n, "0000000000000103");
        let r = b
            .send_with_headers(Method::POST, "/api/applications", &[("idempotency-key", key.as_str())], Some(&form))
            .await;
        (b, r)
    };
    let tasks: Vec<_> = (0..5).map(|_| tokio::spawn(send(url.clone(), key.clone(), n))).collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    answers.push(send(url.clone(), key.clone(), n).await);
    let mut ids = HashSet::new();
    for (_, r) in &answers {
        assert_eq!(r.status, StatusCode::CREATED, "a repeat gets the same answer: {}", r.text);
        ids.insert(r.json()["application_id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1, "one application for six copies");
    assert_eq!(gw.deps.store().get_slot(&slot.id).await.unwrap().unwrap().booked, 0, "no place before the code");
    let id = ids.into_iter().next().unwrap();
    // the same person and key with another password is not a repeat
    let mut other = application(n, "0000000000000103");
    other["password"] = json!("Inne-Haslo-42");
    let r = Browser::new(url.clone())
        .send_with_headers(Method::POST, "/api/applications", &[("idempotency-key", key.as_str())], Some(&other))
        .await;
    assert_eq!(
        (r.status, error_of(&r)),
        (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused".to_owned()),
        "{}",
        r.text
    );

    // the browser of the 3rd copy goes on with its own cookie
    let (_, r) = &answers[2];
    let b = Browser::new(url.clone());
    let cookies: Vec<String> = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect();
    let cookie = cookies.join("; ");
    let csrf = cookies.iter().find_map(|c| c.strip_prefix("pz_app_csrf=")).unwrap().to_owned();
    let headers = [("cookie", cookie.as_str()), ("x-csrf-token", csrf.as_str())];
    let r = b
        .send_with_headers(Method::POST, &format!("/api/applications/{id}/sms-code"), &headers, Some(&json!({})))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let code = sms.code(&b, n).await;
    let r = b
        .send_with_headers(
            Method::POST,
            &format!("/api/applications/{id}/verify"),
            &headers,
            Some(&json!({ "code": code })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // the same key with someone else's form is refused and changes nothing
    let (_, r) = send(url.clone(), key.clone(), n + 1).await;
    assert_eq!(
        (r.status, error_of(&r)),
        (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused".to_owned()),
        "{}",
        r.text
    );
    // and a repeat after the SMS code was confirmed says so
    let (_, r) = send(url.clone(), key.clone(), n).await;
    assert_eq!((r.status, error_of(&r)), (StatusCode::CONFLICT, "already_submitted".to_owned()), "{}", r.text);
    assert_eq!(gw.deps.store().get_slot(&slot.id).await.unwrap().unwrap().booked, 1);
    // a malformed key is a 400
    let (_, r) = send(url, "krótki".into(), n + 2).await;
    assert_eq!((r.status, error_of(&r)), (StatusCode::BAD_REQUEST, "bad_idempotency_key".to_owned()), "{}", r.text);
}

/// Two clerks decide one application at the same moment, ten times each way: one
/// decision wins, every other answer is "already_decided", and the stored application
/// and account agree with the winner.
pub async fn confirm_and_reject_at_once(gw: &Gateway, n: u32, sms: Sms) {
    slot_with(gw, "0000000000000104", 1).await;
    let b = Browser::new(gw.url());
    let r = b.post("/api/applications", &application(n, "0000000000000104")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let code = sms.code(&b, n).await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let clerk = std::sync::Arc::new(clerk_browser(gw).await);
    let checks = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let reason = json!({"reason": "Dokument tożsamości nieczytelny w trakcie rozmowy."});
    let answers = all_at_once(20, |i| {
        let (clerk, id) = (clerk.clone(), id.clone());
        let (checks, reason) = (checks.clone(), reason.clone());
        async move {
            if i % 2 == 0 {
                clerk.post(&format!("/api/clerk/applications/{id}/confirm"), &checks).await
            } else {
                clerk.post(&format!("/api/clerk/applications/{id}/reject"), &reason).await
            }
        }
    })
    .await;
    let won: Vec<usize> =
        answers.iter().enumerate().filter(|(_, r)| r.status == StatusCode::OK).map(|(i, _)| i).collect();
    assert_eq!(
        won.len(),
        1,
        "one decision: {:?}",
        answers.iter().map(|r| (r.status, r.text.clone())).collect::<Vec<_>>()
    );
    for (i, r) in answers.iter().enumerate() {
        if i != won[0] {
            assert_eq!((r.status, error_of(r)), (StatusCode::CONFLICT, "already_decided".to_owned()), "{}", r.text);
        }
    }
    let confirmed = won[0].is_multiple_of(2);
    let app = gw.deps.store().get_application(&ApplicationId::parse(&id).unwrap()).await.unwrap().unwrap();
    let expected = if confirmed { "confirmed" } else { "rejected" };
    assert_eq!(serde_json::to_value(app.status).unwrap(), expected, "the stored application follows the winner");
    let account = gw.deps.store().get_account(&app.id).await.unwrap().expect("the account");
    let expected = if confirmed { AccountStatus::Active } else { AccountStatus::Closed };
    assert_eq!(account.status, expected, "the account follows the winner");
    assert_eq!(account.valid_until.is_some(), confirmed, "valid only if confirmed");
}

/// docs/rules.md §8.1 (outside review: 250 wrong passwords sent at once were all checked, and the
/// right one, sent last, got a session). The attempt is counted before argon2, so of
/// `guesses` at once at most five passwords are checked — four answered "wrong", the
/// fifth already "locked" — and the right password, sent after them, waits too.
pub async fn password_guesses_at_once(gw: &Gateway, n: u32, guesses: u32, sms: Sms) {
    slot_with(gw, "0000000000000105", 1).await;
    let b = Browser::new(gw.url());
    let r = b.post("/api/applications", &application(n, "0000000000000105")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    let code = sms.code(&b, n).await;
    assert_eq!(
        b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await.status,
        StatusCode::OK
    );
    let checks = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    assert_eq!(
        crate::clerk_post(gw, &format!("/api/clerk/applications/{id}/confirm"), &checks).await.status,
        StatusCode::OK
    );

    let username = format!("Obywatel_{n}");
    let url = gw.url();
    let answers = all_at_once(guesses, |i| {
        let (url, username) = (url.clone(), username.clone());
        async move {
            Browser::new(url)
                .post("/api/login", &json!({"login": username, "password": format!("Zgadywanie-{i}")}))
                .await
        }
    })
    .await;
    let wrong = answers
        .iter()
        .filter(|r| (r.status, error_of(r)) == (StatusCode::UNAUTHORIZED, "bad_credentials".to_owned()))
        .count();
    let locked = answers
        .iter()
        .filter(|r| (r.status, error_of(r)) == (StatusCode::TOO_MANY_REQUESTS, "account_locked".to_owned()))
        .count();
    assert_eq!((wrong, locked), (4, guesses as usize - 4), "four checked wrong, every other one locked at once");
    let right = Browser::new(url).post("/api/login", &json!({"login": username, "password": crate::PASSWORD})).await;
    assert_eq!(
        (right.status, error_of(&right)),
        (StatusCode::TOO_MANY_REQUESTS, "account_locked".to_owned()),
        "{}",
        right.text
    );
    let account = ApplicationId::parse(&id).unwrap();
    let history = gw.deps.store().history_of(&account).await.unwrap();
    let checked = history.iter().filter(|e| e.action == shared::domain::AuditAction::SignInFailed).count();
    assert_eq!(checked, 5, "exactly five passwords were checked");
}

/// docs/rules.md §8.1 for codes: `guesses` wrong SMS codes sent at once to one sign-in challenge are
/// at most three checks of that code; every answer is a refusal (never a server error),
/// and the right code, sent after them, is refused too (the code is used up).
pub async fn code_guesses_at_once(gw: &Gateway, n: u32, guesses: u32, sms: Sms) {
    slot_with(gw, "0000000000000106", 1).await;
    let b = Browser::new(gw.url());
    let r = b.post("/api/applications", &application(n, "0000000000000106")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    let code = sms.code(&b, n).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let b = std::sync::Arc::new(b);
    let answers = all_at_once(guesses, |_| {
        let (b, id) = (b.clone(), id.clone());
        async move { b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": wrong })).await }
    })
    .await;
    let mut seen = std::collections::BTreeMap::new();
    for r in &answers {
        *seen.entry((r.status.as_u16(), error_of(r))).or_insert(0) += 1;
    }
    assert!(
        answers.iter().all(|r| r.status == StatusCode::BAD_REQUEST || r.status == StatusCode::TOO_MANY_REQUESTS),
        "refusals only: {seen:?}"
    );
    let checked = answers.iter().filter(|r| error_of(r) == "wrong_code").count()
        + usize::from(seen.contains_key(&(400, "code_dead".to_owned())));
    assert!(checked <= 3, "at most three checks of one code: {seen:?}");
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(
        (r.status, error_of(&r)),
        (StatusCode::BAD_REQUEST, "code_dead".to_owned()),
        "the right code comes too late: {}",
        r.text
    );
    let app = gw.deps.store().get_application(&ApplicationId::parse(&id).unwrap()).await.unwrap().unwrap();
    assert_eq!(app.code.challenge.map(|c| c.wrong_tries), Some(3), "three wrong tries counted");
}

/// docs/rules.md §8.1, §8.3 for clerks: `guesses` wrong passwords for the demo clerk sent at once from one
/// address are at most the allowed checks (five, then one per 30 s: six within a burst),
/// every answer the same 401 as for an unknown username, and the audit trail shows only
/// those checked.
pub async fn clerk_password_guesses_at_once(gw: &Gateway, guesses: u32) {
    let url = gw.url();
    let attacker: std::net::IpAddr = [127, 7, 7, 7].into();
    let answers = all_at_once(guesses, |i| {
        let url = url.clone();
        async move {
            let body = json!({"username": "urzednik", "password": format!("Zgadywanie-{i}"), "totp": "123456"});
            Browser::from_address(url, attacker).post("/api/clerk/login", &body).await
        }
    })
    .await;
    let unknown = Browser::new(gw.url())
        .post("/api/clerk/login", &json!({"username": "nikt_taki", "password": "Zgadywanie-1", "totp": "123456"}))
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let odd: Vec<_> = answers
        .iter()
        .filter(|r| (r.status, &r.text) != (unknown.status, &unknown.text))
        .map(|r| (r.status, r.text.clone()))
        .take(3)
        .collect();
    assert!(odd.is_empty(), "every guess gets the unknown username's answer: {odd:?}");
    let limit = shared::domain::clerk::PER_ACCOUNT_FROM_SOURCE;
    let allowed = (limit.burst.max + limit.trickle.max) as usize;
    let today = shared::domain::time::polish_date(gw.deps.clock.now());
    let trail = gw.deps.store().audit_on(today).await.unwrap();
    let checked = trail.iter().filter(|e| e.action == shared::domain::AuditAction::SignInFailed).count();
    assert!((1..=allowed).contains(&checked), "at most {allowed} of {guesses} passwords checked, {checked} were");
}

impl Sms {
    /// The body of the newest email to `to` that holds `needle`, waiting up to 10 s (the
    /// local outbox, or SES on the emulator).
    async fn email_with(self, b: &Browser, to: &str, needle: &str) -> String {
        for _ in 0..100 {
            let bodies: Vec<String> = match self {
                Self::Outbox => crate::outbox(b)
                    .await
                    .into_iter()
                    .filter(|m| m["channel"] == "email" && m["to"] == to)
                    .map(|m| m["body"].as_str().unwrap_or_default().to_owned())
                    .collect(),
                Self::Emulator => crate::emails_to_on_emulator(to)
                    .await
                    .into_iter()
                    .map(|m| m["body"].as_str().unwrap_or_default().to_owned())
                    .collect(),
            };
            if let Some(body) = bodies.into_iter().rev().find(|t| t.contains(needle)) {
                return body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no email with {needle:?} to {to}");
    }
}

/// Person `n`'s profile, applied for (on a one-place slot of its own) and confirmed by the
/// demo clerk; its application's id.
async fn confirmed_profile(gw: &Gateway, n: u32, slot: &str, sms: Sms) -> String {
    slot_with(gw, slot, 1).await;
    let b = Browser::new(gw.url());
    let r = b.post("/api/applications", &application(n, slot)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    let code = sms.code(&b, n).await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let checks = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let r = crate::clerk_post(gw, &format!("/api/clerk/applications/{id}/confirm"), &checks).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    id
}

/// docs/rules.md §3.6, §3.8, §8.1 for a profile's life: `guesses` wrong codes sent at once to
/// one recovery link are at most three checks of that code (two answered `wrong_code`, every
/// other a refusal) and the right code comes too late; then, signed in, `guesses` wrong
/// current passwords at once on "Zmień hasło" are exactly five checks, every other one
/// answered `account_locked`, and the password is unchanged.
pub async fn profile_guesses_at_once(gw: &Gateway, n: u32, guesses: u32, sms: Sms) {
    let id = confirmed_profile(gw, n, "0000000000000107", sms).await;
    let (username, email) = (format!("Obywatel_{n}"), crate::email(n));
    let b = Browser::new(gw.url());
    let r = b.post("/api/recovery/password", &json!({"username": username, "pesel": crate::pesel(n)})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let body = sms.email_with(&b, &email, "/odzyskiwanie?lang=pl#").await;
    let token: String =
        body.split("/odzyskiwanie?lang=pl#").nth(1).unwrap().chars().take_while(char::is_ascii_alphanumeric).collect();
    let r = b.post("/api/recovery/password/sms-code", &json!({ "token": token })).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let code = sms.code(&b, n).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let url = gw.url();
    let answers = all_at_once(guesses, |_| {
        let (url, token) = (url.clone(), token.clone());
        async move {
            let body = json!({"token": token, "code": wrong, "new_password": "Niebieska8Rzeka?"});
            Browser::new(url).post("/api/recovery/password/confirm", &body).await
        }
    })
    .await;
    let mut seen = std::collections::BTreeMap::new();
    for r in &answers {
        *seen.entry((r.status.as_u16(), error_of(r))).or_insert(0) += 1;
    }
    // A refusal, or 503 `busy` where every retry lost to the others (nothing written).
    let refused = |r: &Resp| r.status.is_client_error() || error_of(r) == "busy";
    assert!(answers.iter().all(refused), "refusals only: {seen:?}");
    let checked = answers.iter().filter(|r| error_of(r) == "wrong_code").count();
    assert!(checked <= 2, "two wrong answers, then the code is dead: {seen:?}");
    let body = json!({"token": token, "code": code, "new_password": "Niebieska8Rzeka?"});
    let r = b.post("/api/recovery/password/confirm", &body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "the right code comes too late: {}", r.text);

    let signed = Browser::new(gw.url());
    let r = signed.post("/api/login", &json!({"login": username, "password": crate::PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK, "the password is unchanged: {}", r.text);
    let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
    let code = sms.code(&signed, n).await;
    let r = signed.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let signed = std::sync::Arc::new(signed);
    let answers = all_at_once(guesses, |i| {
        let signed = signed.clone();
        async move {
            let body = json!({"current_password": format!("Zgaduje{i}!x"), "new_password": "Niebieska8Rzeka?"});
            signed.post("/api/profile/password", &body).await
        }
    })
    .await;
    let wrong = answers.iter().filter(|r| error_of(r) == "wrong_password").count();
    let locked = answers.iter().filter(|r| error_of(r) == "account_locked").count();
    assert_eq!((wrong, locked), (5, guesses as usize - 5), "five checks of the current password, the rest locked");
    let account = gw.deps.store().get_account(&ApplicationId::parse(&id).unwrap()).await.unwrap().unwrap();
    assert!(account.password_set_at.is_none(), "the password was never changed");
}

/// `count` applications with Ukrainian mobile numbers (each its own browser) ask for
/// their SMS code at the same moment: the budget of codes to one foreign country (30 in
/// 10 minutes, all applications together) lets exactly 30 go out; the rest are 429
/// `too_many_codes` with `Retry-After`, and sent nothing.
pub async fn foreign_codes_at_once(gw: &Gateway, first_person: u32, count: u32) {
    use shared::service::application::FOREIGN_SENDS;
    slot_with(gw, "0000000000000110", count).await;
    let mut sent = Vec::new();
    for i in 0..count {
        let b = std::sync::Arc::new(Browser::new(gw.url()));
        let mut form = application(first_person + i, "0000000000000110");
        form["phone"] = json!(format!("+380 67 {:07}", first_person + i));
        let r = b.post("/api/applications", &form).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        sent.push((b, r.json()["application_id"].as_str().unwrap().to_owned()));
    }
    let answers = all_at_once(count, |i| {
        let (b, id) = sent[i as usize].clone();
        async move { b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await }
    })
    .await;
    let accepted = answers.iter().filter(|r| r.status == StatusCode::ACCEPTED).count();
    let refused: Vec<&Resp> = answers.iter().filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS).collect();
    assert_eq!(accepted, FOREIGN_SENDS, "exactly the country's budget goes out");
    assert_eq!(refused.len(), count as usize - FOREIGN_SENDS, "the rest are refused, none fails otherwise");
    assert!(refused.iter().all(|r| error_of(r) == "too_many_codes" && r.headers.contains_key("retry-after")));
    eprintln!("{count} codes to +380 at once: {accepted} sent, {} refused", refused.len());
}

/// One clerk's session searches the counter `count` times at once (each a miss): the
/// clerk's limit lets exactly 60 run (404, each audited), the rest are 429 with
/// `Retry-After` and read nothing.
pub async fn counter_searches_at_once(gw: &Gateway, count: u32) {
    use shared::domain::attempts::COUNTER_SEARCHES;
    let clerk = std::sync::Arc::new(clerk_browser(gw).await);
    let answers = all_at_once(count, |i| {
        let clerk = clerk.clone();
        async move {
            let pesel = crate::pesel(900_000 + i);
            clerk.get(&format!("/api/clerk/counter?pesel={pesel}&number=AAAA-BBBB-CCCC")).await
        }
    })
    .await;
    let ran = answers.iter().filter(|r| r.status == StatusCode::NOT_FOUND).count();
    let limited = answers.iter().filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(ran, COUNTER_SEARCHES.max as usize, "exactly the clerk's limit ran");
    assert_eq!(limited, count as usize - ran, "the rest were refused, none failed otherwise");
    assert!(answers
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .all(|r| r.headers.contains_key("retry-after")));
    let day = shared::domain::time::polish_date(gw.deps.clock.now());
    let audit = clerk.get(&format!("/api/clerk/audit?date={day}")).await.json();
    let missed =
        audit["entries"].as_array().map_or(0, |e| e.iter().filter(|x| x["action"] == "counter_search_missed").count());
    assert_eq!(missed, ran, "every search that ran is in the audit trail");
    eprintln!("{count} counter searches at once: {ran} ran (audited), {limited} refused");
}

/// The demo bank's callback for one trip, sent `count` times at once by the browser that
/// started it: the state is spent once, so exactly one lands on `/wniosek/bank` and every
/// other is sent back as stale.
pub async fn bank_callbacks_at_once(gw: &Gateway, n: u32, count: u32) {
    let base = gw.url();
    let b = std::sync::Arc::new(Browser::new(&base));
    let r = b.get("/idp/bank-demo/start?purpose=create").await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let authorize = r.headers["location"].to_str().unwrap().trim_start_matches(&base).to_owned();
    let query = authorize.split_once('?').unwrap().1.to_owned();
    let form = format!("{query}&first_name=Jan&last_name=Nowak&pesel={}&action=login", crate::pesel(n));
    let r = b
        .send(
            Method::POST,
            "/dev/idp/bank-demo/authorize",
            Some("application/x-www-form-urlencoded"),
            form.into_bytes(),
        )
        .await;
    let callback = r.headers["location"].to_str().unwrap().trim_start_matches(&base).to_owned();
    let answers = all_at_once(count, |_| {
        let (b, callback) = (b.clone(), callback.clone());
        async move { b.get(&callback).await }
    })
    .await;
    let landed: Vec<String> = answers.iter().map(|r| r.headers["location"].to_str().unwrap().to_owned()).collect();
    assert_eq!(landed.iter().filter(|l| *l == "/wniosek/bank").count(), 1, "the state is spent once: {landed:?}");
    assert_eq!(landed.iter().filter(|l| *l == "/wniosek?idp_error=stale").count(), count as usize - 1);
    eprintln!("{count} callbacks of one trip at once: 1 landed, {} stale", count - 1);
}

/// A relying service registered for `private_key_jwt` sends one assertion with `count`
/// different codes at once: its `jti` is spent in the same transaction as the code, so
/// exactly one exchange succeeds and every other is refused (`invalid_client`, or `busy`
/// where the store made it wait: nothing written).
pub async fn one_client_assertion_at_once(gw: &Gateway, n: u32, count: u32, sms: Sms) {
    confirmed_profile(gw, n, "0000000000000111", sms).await;
    let base = gw.url();
    let b = std::sync::Arc::new(Browser::new(&base));
    let r = b.post("/api/login", &json!({"login": format!("Obywatel_{n}"), "password": crate::PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
    let code = sms.code(&b, n).await;
    let r = b.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let client_id = format!("load-rp-{n}");
    let redirect = format!("{base}/load-rp/cb");
    let client = serde_json::from_value::<shared::domain::relying::Client>(json!({
        "client_id": client_id, "name": "Serwis pod obciążeniem", "redirect_uris": [redirect],
        "token_endpoint_auth_method": "private_key_jwt", "jwks": {"keys": [crate::client_jwk("k1")]},
    }))
    .unwrap()
    .checked()
    .unwrap();
    gw.deps.store().put_client(&client).await.unwrap();
    let verifier = "w".repeat(43);
    let path = format!(
        "/oauth2/authorize?response_type=code&client_id={client_id}&redirect_uri={}&scope=openid&state=s&code_challenge={}&code_challenge_method=S256",
        serde_urlencoded::to_string([("v", &redirect)]).unwrap()[2..].to_owned(),
        shared::domain::oidc::s256(&verifier)
    );
    let mut codes = Vec::new();
    for _ in 0..count {
        let r = b.get(&path).await;
        let mut to = r.headers["location"].to_str().unwrap().to_owned();
        if let Some(back) = crate::agree(&b, &to).await {
            to = b.get(&back).await.headers["location"].to_str().unwrap().to_owned();
        }
        codes.push(to.split("code=").nth(1).and_then(|c| c.split('&').next()).expect("a code").to_owned());
    }
    let assertion = crate::client_assertion(&client_id, "k1", &base, &format!("jti-{n}"));
    let answers = all_at_once(count, |i| {
        let (b, code, assertion, redirect, verifier) =
            (b.clone(), codes[i as usize].clone(), assertion.clone(), redirect.clone(), verifier.clone());
        async move {
            let form = serde_urlencoded::to_string([
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", redirect.as_str()),
                ("code_verifier", verifier.as_str()),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", assertion.as_str()),
            ])
            .unwrap();
            b.send(Method::POST, "/oauth2/token", Some("application/x-www-form-urlencoded"), form.into_bytes()).await
        }
    })
    .await;
    let mut seen = std::collections::BTreeMap::new();
    for r in &answers {
        *seen.entry((r.status.as_u16(), error_of(r))).or_insert(0) += 1;
    }
    let taken = answers.iter().filter(|r| r.status == StatusCode::OK).count();
    assert_eq!(taken, 1, "one assertion, one exchange: {seen:?}");
    let refused = |r: &Resp| {
        r.status == StatusCode::OK
            || error_of(r) == "invalid_client"
            || (r.status == StatusCode::SERVICE_UNAVAILABLE && error_of(r) == "temporarily_unavailable")
    };
    assert!(answers.iter().all(refused), "the others refused: {seen:?}");
    eprintln!("{count} token requests with one client assertion at once: {seen:?}");
}
