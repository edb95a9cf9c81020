//! Hostile input through the gateway: nasty values in every field, duplicate keys, odd
//! cookies and paths, and guessing. Each is refused with 400/413/429 and changes nothing,
//! and no answer or page carries the payload back.

use e2e::*;
use hyper::{Method, StatusCode};
use serde_json::{json, Value};

/// Payloads that no field of the application form may accept (the password only for the
/// ones with control characters or over the limit: any printable text is a good password,
/// it is only ever hashed).
fn nasty() -> Vec<String> {
    let mut v: Vec<String> = [
        "Jan\u{0000}",
        "Jan\u{001b}[2J",
        "Jan\r\nSet-Cookie: pz_app=x",
        "Jan\u{202e}ikswolwok",
        "Ja\u{200b}n",
        "J\u{0430}n",                  // Cyrillic а
        "\u{FF2A}an",                  // fullwidth Ｊ
        "Jan\u{0301}\u{0301}\u{0301}", // stacked combining marks
        "Jan\u{01C3}",                 // ǃ: a letter that looks like "!"
        "Jan\u{01C0}Kowalski",         // ǀ: a letter that looks like "|"
        "\u{01C1}\u{01C2}",            // ǁ ǂ
        "' OR '1'='1' --",
        "Robert'); DROP TABLE Students;--",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "{{7*7}}",
        "${jndi:ldap://x/a}",
        "../../etc/passwd",
        "1e3",
        "0x1F",
        "-0",
        "4.4051401359e10",
        "٤٤٠٥١٤٠١٣٥٩", // Arabic-Indic digits
    ]
    .map(str::to_owned)
    .into();
    v.push("A".repeat(5_000));
    v
}

const FIELDS: [&str; 9] =
    ["username", "first_name", "second_name", "last_name", "pesel", "email", "phone", "slot_id", "video_app"];

/// Legitimate values among the payloads: short numbers-as-text are valid usernames.
fn is_a_real_username(p: &str) -> bool {
    matches!(p, "1e3" | "0x1F")
}

async fn free_places(b: &Browser, slot: &str) -> u64 {
    b.get("/api/slots").await.json()["slots"].as_array().unwrap().iter().find(|s| s["id"] == slot).unwrap()["free"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn nasty_values_in_every_field_are_refused_and_nothing_is_stored() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let free_before = free_places(&b, &slot).await;
    let mut tried = 0;
    for field in FIELDS {
        for payload in nasty() {
            if field == "username" && is_a_real_username(&payload) {
                continue;
            }
            let mut form = application(1, &slot);
            form[field] = json!(payload);
            let r = b.post("/api/applications", &form).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field} = {payload:?}: {}", r.text);
            let j = r.json();
            assert_eq!(j["field"], field, "{field} = {payload:?}: {j}");
            assert!(!j["message"].as_str().unwrap().is_empty());
            assert!(!r.text.contains(&payload), "{field}: the payload comes back: {}", r.text);
            tried += 1;
        }
    }
    for password in ["Zielony7Las!\u{0000}", "Zielony7Las!\r\n", "Zielony\u{001b}7Las!", &"Aa1!".repeat(33)] {
        let mut form = application(1, &slot);
        form["password"] = json!(password);
        let r = b.post("/api/applications", &form).await;
        assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("password")), "{password:?}");
        tried += 1;
    }
    assert!(tried > 180, "{tried}");
    assert!(b.cookie("pz_app").is_none(), "no application started");
    assert_eq!(free_places(&b, &slot).await, free_before, "no place taken");
    assert!(outbox(&b).await.is_empty(), "no SMS, no email");
    // nothing was claimed either: the same person applies normally, with a password that
    // looks like SQL (it is only hashed)
    let mut form = application(1, &slot);
    form["password"] = json!("Robert'); DROP TABLE Students;--");
    let r = b.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn a_field_given_twice_is_refused() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let form = application(2, &slot).to_string();
    // the same PESEL key again at the end: which one would a proxy or a WAF have checked?
    let twice = format!("{}, \"pesel\": \"{}\"}}", &form[..form.len() - 1], pesel(3));
    let r = b.send(Method::POST, "/api/applications", Some("application/json"), twice.into_bytes()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!((r.json()["error"].as_str(), r.json()["field"].as_str()), (Some("duplicate_field"), Some("pesel")));
    assert!(b.cookie("pz_app").is_none());
    let r = b
        .send(
            Method::POST,
            "/api/clerk/login",
            Some("application/json"),
            br#"{"username":"a","username":"urzednik","password":"x"}"#.to_vec(),
        )
        .await;
    assert_eq!(r.json()["error"], "duplicate_field");
}

#[tokio::test]
async fn odd_cookies_headers_and_paths_get_plain_refusals() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id =
        b.post("/api/applications", &application(4, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    let own = b.cookie("pz_app").unwrap();
    let path = format!("/api/applications/{id}");
    let long = "x".repeat(4_000);
    for cookie in [
        "pz_app=".to_owned(),
        "pz_app=<script>alert(1)</script>".to_owned(),
        format!("pz_app={long}"),
        "pz_app=%00%0d%0a".to_owned(),
        "pz_app=Jаn; pz_app=".to_owned(),
        ";;;=;=pz_app".to_owned(),
        format!("pz_app={own}x"),
    ] {
        let r = b.send_with_headers(Method::GET, &path, &[("cookie", &cookie)], None).await;
        assert!(
            matches!(r.status, StatusCode::UNAUTHORIZED | StatusCode::NOT_FOUND),
            "{cookie}: {} {}",
            r.status,
            r.text
        );
        assert!(!r.text.contains("<script"));
    }
    // the browser's own cookie still works after all that
    let r = b.send_with_headers(Method::GET, &path, &[("cookie", &format!("pz_app={own}"))], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // Idempotency-Key with control characters or too long
    for key in ["short", &"k".repeat(200), "klucz z odstępami"] {
        let r = b
            .send_with_headers(
                Method::POST,
                "/api/applications",
                &[("idempotency-key", key)],
                Some(&application(5, &slot)),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("bad_idempotency_key")),
            "{key}"
        );
    }
    // paths carrying markup: a 404 page or JSON that does not repeat it
    for path in [
        "/%3Cscript%3Ealert(1)%3C/script%3E",
        "/api/applications/%3Cimg%20src=x%20onerror=alert(1)%3E",
        "/wniosek/%22%3E%3Csvg%3E",
    ] {
        let r = b.get(path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !r.text.contains("<script>alert") && !r.text.contains("onerror") && !r.text.contains("<svg"),
            "{path}: {}",
            r.text
        );
        assert_eq!(r.headers["x-content-type-options"], "nosniff", "{path}");
    }
    // a query string is never echoed into a page
    let r = b.get("/wniosek?next=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.text.contains("alert(1)"));
    assert!(r.headers["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
}

#[tokio::test]
async fn guessing_sms_codes_across_resends_stops_at_ten_wrong_in_an_hour() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id =
        b.post("/api/applications", &application(6, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    let mut wrong_tries = 0;
    let mut last: Option<Resp> = None;
    'codes: for _ in 0..4 {
        let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
        let code = last_sms_code(&b, &phone(6)).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..3 {
            let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": wrong })).await;
            wrong_tries += 1;
            if wrong_tries == 10 {
                last = Some(r);
                break 'codes;
            }
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "try {wrong_tries}: {}", r.text);
        }
    }
    let tenth = last.expect("ten wrong tries");
    assert_eq!(tenth.status, StatusCode::TOO_MANY_REQUESTS, "{}", tenth.text);
    let blocked = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS, "no new code: {}", blocked.text);
    let wait: i64 = blocked.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((3000..=3600).contains(&wait), "{wait}");
    let sms = outbox(&b).await.into_iter().filter(|m| m["channel"] == "sms").count();
    assert_eq!(sms, 4, "no SMS after the block");
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": "123456" })).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    assert!(r.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn guessing_sign_in_codes_blocks_the_sms_channel_and_a_flood_of_logins_sends_no_more() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 7).await;
    let b = Browser::new(gw.url());
    let mut statuses: Vec<Value> = vec![];
    for _ in 0..4 {
        let r = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
        if r.status != StatusCode::OK {
            statuses.push(json!([r.status.as_u16(), r.json()["error"]]));
            break;
        }
        let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
        let code = last_sms_code(&b, &phone(7)).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..3 {
            let r = b.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": wrong })).await;
            statuses.push(json!([r.status.as_u16(), r.json()["error"]]));
            if r.status == StatusCode::TOO_MANY_REQUESTS {
                break;
            }
        }
    }
    let blocked = statuses.iter().position(|s| s[0] == 429).unwrap_or_else(|| panic!("never blocked: {statuses:?}"));
    assert_eq!(blocked, 9, "the tenth wrong code blocks: {statuses:?}");
    assert_eq!(statuses[9][1], "code_blocked");
    let sms_before = outbox(&b).await.iter().filter(|m| m["channel"] == "sms").count();
    for _ in 0..5 {
        let r = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
        assert!(r.headers.contains_key("retry-after"));
    }
    assert_eq!(outbox(&b).await.iter().filter(|m| m["channel"] == "sms").count(), sms_before, "no SMS while blocked");
}
