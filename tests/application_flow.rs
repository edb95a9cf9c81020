//! The application flow over HTTP through the local gateway, as a browser walks it.

use e2e::*;
use hyper::StatusCode;
use serde_json::json;
use shared::Wired;

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
    let id =
        b.post("/api/applications", &application(2, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
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
    let id =
        b.post("/api/applications", &application(3, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
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
    let id =
        b.post("/api/applications", &application(4, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();

    let stranger = Browser::new(gw.url());
    let r = stranger.get(&format!("/api/applications/{id}")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error"], "not_authorised");
    assert_eq!(
        stranger.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status,
        StatusCode::UNAUTHORIZED
    );

    // a stranger with an application of their own cannot use its cookie on ours
    let other_id = stranger.post("/api/applications", &application(5, &slot)).await.json()["application_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(other_id, id);
    assert_eq!(stranger.get(&format!("/api/applications/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        stranger.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(b.get("/api/applications/not-an-id").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn state_changes_need_the_csrf_header() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id =
        b.post("/api/applications", &application(6, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    let token = b.cookie("pz_app").unwrap();
    // a forged request carries the cookie (if the browser sent it) but cannot know the token
    let forger = Browser::new(gw.url());
    let r = forger
        .send(
            hyper::Method::POST,
            &format!("/api/applications/{id}/sms-code"),
            Some("application/json"),
            b"{}".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let raw =
        hyper_post_with_cookie(&gw.url(), &format!("/api/applications/{id}/sms-code"), &format!("pz_app={token}"))
            .await;
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

/// Asks for the code and types it: the answer to "Dalej".
async fn send_and_confirm_code(b: &Browser, id: &str, n: u32) -> Resp {
    assert_eq!(b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    let code = last_sms_code(b, &phone(n)).await;
    b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await
}

/// docs/rules.md §7, §8.4: one open application or profile per PESEL, username and email, and one open
/// application per phone number — but a submission tells a stranger nothing about a
/// PESEL or an email: their conflicts show only once the SMS code has proven the phone,
/// and the email's owner is told someone used it (login.gov's way).
#[tokio::test]
async fn one_open_application_per_pesel_username_email_and_phone_revealed_only_after_the_code() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 3).await;
    let first = b.post("/api/applications", &application(7, &slot)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let id = first.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(send_and_confirm_code(&b, &id, 7).await.status, StatusCode::OK);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();

    let mut same_pesel = application(8, &slot);
    same_pesel["pesel"] = json!(pesel(7));
    let other = Browser::new(gw.url());
    let r = other.post("/api/applications", &same_pesel).await;
    assert_eq!(
        (r.status, keys(&r.json())),
        (StatusCode::CREATED, keys(&first.json())),
        "a submission looks the same: {}",
        r.text
    );
    let r = send_and_confirm_code(&other, r.json()["application_id"].as_str().unwrap(), 8).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "pesel_taken"), "{}", r.text);
    assert!(
        r.json()["message"].as_str().unwrap().contains("zgłoś to"),
        "the citizen kept out is told how to report it"
    );

    let mut same_email = application(9, &slot);
    same_email["email"] = json!(email(7));
    let other = Browser::new(gw.url());
    let r = other.post("/api/applications", &same_email).await;
    assert_eq!((r.status, keys(&r.json())), (StatusCode::CREATED, keys(&first.json())), "{}", r.text);
    let r = send_and_confirm_code(&other, r.json()["application_id"].as_str().unwrap(), 9).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "email_taken"), "{}", r.text);
    let told = emails_to(&b, &email(7), 3).await;
    assert!(told.iter().any(|m| m["subject"].as_str().unwrap().contains("Ktoś podał Twój adres e-mail")), "{told:?}");
    assert_eq!(
        gw.deps.store().get_slot(&shared::domain::SlotId::parse(&slot).unwrap()).await.unwrap().unwrap().booked,
        1,
        "refused ones took no place"
    );

    let mut same_user = application(10, &slot);
    same_user["username"] = json!("Obywatel_7");
    let r = b.post("/api/applications", &same_user).await;
    assert_eq!((r.status, r.json()["field"].as_str().unwrap()), (StatusCode::CONFLICT, "username"));

    let mut same_phone = application(11, &slot);
    same_phone["phone"] = json!(phone(7));
    let r = b.post("/api/applications", &same_phone).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "phone_taken"), "{}", r.text);

    // case matters: obywatel_7 is another user
    let mut other_case = application(12, &slot);
    other_case["username"] = json!("obywatel_7");
    assert_eq!(b.post("/api/applications", &other_case).await.status, StatusCode::CREATED);
}

/// docs/rules.md §8.4 (outside review: 61 unverified applications from one phone took every free
/// place in 1.8 s). A place is taken only with the code; one open application per phone
/// number; one address may submit only so many.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn unverified_applications_hoard_no_place_and_one_phone_or_address_cannot_flood() {
    use shared::domain::attempts::SUBMIT_PER_SOURCE;
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let free = || async {
        b.get("/api/slots").await.json()["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == slot.as_str())
            .map_or(0, |s| s["free"].as_u64().unwrap())
    };
    let before = free().await;
    let tasks: Vec<_> = (0..61)
        .map(|i| {
            let (url, slot) = (gw.url(), slot.clone());
            tokio::spawn(async move {
                Browser::new(url).post("/api/applications", &application(400 + i, &slot)).await.status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::CREATED);
    }
    assert_eq!(free().await, before, "61 applications without a code took no place");

    let mut same_phone = application(500, &slot);
    same_phone["phone"] = json!(phone(400));
    let r = Browser::new(gw.url()).post("/api/applications", &same_phone).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::CONFLICT, "phone_taken"), "{}", r.text);

    let one_address: std::net::IpAddr = [127, 8, 8, 8].into();
    let mut statuses = Vec::new();
    for i in 0..SUBMIT_PER_SOURCE.max + 2 {
        statuses.push(
            Browser::from_address(gw.url(), one_address)
                .post("/api/applications", &application(600 + i, &slot))
                .await
                .status,
        );
    }
    let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(limited, 2, "{} submissions from one address an hour: {statuses:?}", SUBMIT_PER_SOURCE.max);
}

/// docs/rules.md §8.4 (outside review: a PESEL squatted with a slot 170 days ahead kept its owner
/// out for six months). Slots are booked at most 30 days ahead, and a clerk's rejection
/// frees the PESEL at once.
#[tokio::test]
async fn slots_are_booked_at_most_thirty_days_ahead_and_a_rejection_frees_the_pesel_at_once() {
    let gw = spawn_gateway().await;
    let clerk = clerk_browser(&gw).await;
    let publish = |days: i64| {
        let clerk = &clerk;
        async move {
            let start = (chrono::Utc::now() + chrono::Duration::days(days))
                .date_naive()
                .and_hms_opt(9, 0, 0)
                .unwrap()
                .and_utc();
            let r = clerk.post("/api/clerk/slots", &json!({"start": start.to_rfc3339(), "end": (start + chrono::Duration::minutes(20)).to_rfc3339(), "capacity": 2})).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            r.json()["id"].as_str().unwrap().to_owned()
        }
    };
    let far = publish(170).await;
    let near = publish(20).await;
    let b = Browser::new(gw.url());
    let listed: Vec<String> = b.get("/api/slots").await.json()["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(listed.contains(&near) && !listed.contains(&far), "only slots within 30 days are offered");
    let r = b.post("/api/applications", &application(700, &far)).await;
    assert_eq!(
        (r.status, r.json()["error"].as_str().unwrap(), r.json()["field"].as_str().unwrap()),
        (StatusCode::BAD_REQUEST, "slot_too_far", "slot_id")
    );

    let r = b.post("/api/applications", &application(700, &near)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_eq!(send_and_confirm_code(&b, &id, 700).await.status, StatusCode::OK);
    let r = clerk
        .post(
            &format!("/api/clerk/applications/{id}/reject"),
            &json!({"reason": "To nie ta osoba: dokument należy do kogoś innego."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let owner = Browser::new(gw.url());
    let mut form = application(701, &near);
    form["pesel"] = json!(pesel(700));
    let r = owner.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = send_and_confirm_code(&owner, r.json()["application_id"].as_str().unwrap(), 701).await;
    assert_eq!(r.status, StatusCode::OK, "the real owner of the PESEL applies at once: {}", r.text);
}

/// After "Dalej" says the email is in use, the same browser corrects it and sends the form
/// again: its earlier application (still waiting for the code) gives way, and the
/// corrected one goes through with the same username and phone.
#[tokio::test]
async fn a_form_corrected_after_the_code_step_replaces_the_browsers_earlier_application() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 3).await;
    let r = b.post("/api/applications", &application(800, &slot)).await;
    assert_eq!(
        send_and_confirm_code(&b, r.json()["application_id"].as_str().unwrap(), 800).await.status,
        StatusCode::OK
    );
    let other = Browser::new(gw.url());
    let mut form = application(801, &slot);
    form["email"] = json!(email(800));
    let r = other.post("/api/applications", &form).await;
    let r = send_and_confirm_code(&other, r.json()["application_id"].as_str().unwrap(), 801).await;
    assert_eq!(r.json()["error"], "email_taken");
    form["email"] = json!(email(801));
    let r = other.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "the corrected form: {}", r.text);
    let r = send_and_confirm_code(&other, r.json()["application_id"].as_str().unwrap(), 801).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let stranger = Browser::new(gw.url());
    let mut form = application(802, &slot);
    form["phone"] = json!(phone(801));
    assert_eq!(
        stranger.post("/api/applications", &form).await.json()["error"],
        "phone_taken",
        "only the same browser replaces it"
    );
}

/// A place is taken only with the code, so a slot can fill up between "Wyślij wniosek"
/// and "Dalej": the code is kept and the citizen confirms it with another slot.
#[tokio::test]
async fn a_slot_that_filled_up_before_the_code_is_chosen_again_with_the_same_code() {
    let gw = spawn_gateway().await;
    let first = Browser::new(gw.url());
    let slots = first.get("/api/slots").await.json()["slots"].as_array().unwrap().clone();
    let one_place =
        slots.iter().find(|s| s["free"] == 1).expect("a slot with one place")["id"].as_str().unwrap().to_owned();
    let other_slot = slots.iter().find(|s| s["id"] != one_place.as_str()).unwrap()["id"].as_str().unwrap().to_owned();
    let second = Browser::new(gw.url());
    let a = first.post("/api/applications", &application(900, &one_place)).await.json()["application_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = second.post("/api/applications", &application(901, &one_place)).await.json()["application_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(send_and_confirm_code(&first, &a, 900).await.status, StatusCode::OK);
    assert_eq!(second.post(&format!("/api/applications/{b}/sms-code"), &json!({})).await.status, StatusCode::ACCEPTED);
    let code = last_sms_code(&second, &phone(901)).await;
    let r = second.post(&format!("/api/applications/{b}/verify"), &json!({ "code": code })).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::CONFLICT, Some("slot_full")), "{}", r.text);
    let r =
        second.post(&format!("/api/applications/{b}/verify"), &json!({ "code": code, "slot_id": other_slot })).await;
    assert_eq!(r.status, StatusCode::OK, "the kept code with another slot: {}", r.text);
    let status = second.get(&format!("/api/applications/{b}")).await.json();
    assert_eq!(status["status"], "submitted");
    let booked = |id: &str| {
        let id = shared::domain::SlotId::parse(id).unwrap();
        let store = gw.deps.storage().clone();
        async move { store.get_slot(&id).await.unwrap().unwrap().booked }
    };
    assert_eq!((booked(&one_place).await, booked(&other_slot).await), (1, 1));
}

#[tokio::test]
async fn a_foreign_mobile_number_gets_the_code_and_a_foreign_landline_is_refused() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;

    let mut form = application(31, &slot);
    form["phone"] = json!("+49 30 1234567");
    let r = b.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.json()["error"], "phone_not_mobile");
    assert_eq!(r.json()["field"], "phone");

    form["phone"] = json!("00380 67 123 4531");
    let r = b.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    assert_eq!(r.json()["sent_to"], "+380 *** *** 531");
    let code = last_sms_code(&b, "+380671234531").await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json(), json!({"status": "submitted"}));
}
