//! Every bad input gets a 400 (413 when too large) with the JSON error of docs/api.md §2.3 naming the
//! field, and changes nothing.

use e2e::*;
use hyper::{Method, StatusCode};
use serde_json::{json, Value};

async fn assert_refused(
    b: &Browser,
    body: Vec<u8>,
    content_type: Option<&str>,
    status: StatusCode,
    error: &str,
    field: Option<&str>,
) {
    let r = b.send(Method::POST, "/api/applications", content_type, body).await;
    assert_eq!(r.status, status, "{}", r.text);
    let j = r.json();
    assert_eq!(j["error"], error, "{j}");
    assert!(!j["message"].as_str().unwrap().is_empty());
    if let Some(f) = field {
        assert_eq!(j["field"], f, "{j}");
    }
    assert!(b.cookie("pz_app").is_none(), "no application started");
}

#[tokio::test]
async fn malformed_bodies_are_refused_with_a_clear_reason() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let json_ct = Some("application/json");
    assert_refused(&b, b"{\"username\": ".to_vec(), json_ct, StatusCode::BAD_REQUEST, "invalid_json", None).await;
    assert_refused(&b, b"[1,2]".to_vec(), json_ct, StatusCode::BAD_REQUEST, "invalid_json", None).await;
    assert_refused(
        &b,
        application(1, &slot).to_string().into_bytes(),
        Some("text/plain"),
        StatusCode::BAD_REQUEST,
        "unsupported_content_type",
        None,
    )
    .await;
    assert_refused(
        &b,
        application(1, &slot).to_string().into_bytes(),
        None,
        StatusCode::BAD_REQUEST,
        "unsupported_content_type",
        None,
    )
    .await;
    let mut extra = application(1, &slot);
    extra["is_admin"] = json!(true);
    assert_refused(
        &b,
        extra.to_string().into_bytes(),
        json_ct,
        StatusCode::BAD_REQUEST,
        "unknown_field",
        Some("is_admin"),
    )
    .await;
    let mut missing = application(1, &slot);
    missing.as_object_mut().unwrap().remove("pesel");
    assert_refused(
        &b,
        missing.to_string().into_bytes(),
        json_ct,
        StatusCode::BAD_REQUEST,
        "missing_field",
        Some("pesel"),
    )
    .await;
    let mut number = application(1, &slot);
    number["pesel"] = json!(44051401359u64);
    assert_refused(&b, number.to_string().into_bytes(), json_ct, StatusCode::BAD_REQUEST, "wrong_type", Some("pesel"))
        .await;
    let mut huge = application(1, &slot);
    huge["first_name"] = json!("A".repeat(20_000));
    assert_refused(&b, huge.to_string().into_bytes(), json_ct, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", None)
        .await;
    let megabyte = vec![b' '; 1_100_000];
    assert_refused(&b, megabyte, json_ct, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", None).await;
}

#[tokio::test]
async fn each_invalid_field_is_named_with_a_polish_message() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let cases: [(&str, Value, &str); 12] = [
        ("username", json!("jan.kowalski"), "username_dot"),
        ("username", json!("Łukasz"), "username_polish_letters"),
        ("password", json!("bezduzych1"), "password_no_upper"),
        ("password", json!("Obywatel_1xx"), "password_contains_username"),
        ("first_name", json!("J4n"), "name_characters"),
        ("last_name", json!(""), "name_empty"),
        ("pesel", json!("44051401358"), "pesel_checksum"),
        ("email", json!("jan@"), "email_format"),
        ("phone", json!("22 123 45 67"), "phone_not_mobile"),
        ("slot_id", json!("nonexistent"), "slot_unknown"),
        ("video_app", json!("Zoom"), "video_app_unknown"),
        ("second_name", json!("<b>"), "name_characters"),
    ];
    for (field, value, code) in cases {
        let mut form = application(1, &slot);
        form[field] = value;
        let r = b.post("/api/applications", &form).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}: {}", r.text);
        assert_eq!(r.json()["error"], code, "{field}");
        assert_eq!(r.json()["field"], field);
        assert!(r.json()["fields"][field].as_str().is_some());
    }
    // several at once: all reported
    let mut form = application(1, &slot);
    form["pesel"] = json!("1");
    form["email"] = json!("x");
    let r = b.post("/api/applications", &form).await;
    assert_eq!(r.json()["fields"].as_object().unwrap().len(), 2);
    // a slot id of the right shape that does not exist
    form = application(1, &slot);
    form["slot_id"] = json!("0000000000000000");
    assert_eq!(b.post("/api/applications", &form).await.json()["error"], "slot_unknown");
    // nothing was changed: the same application still goes through
    assert_eq!(b.post("/api/applications", &application(1, &slot)).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn bad_codes_and_unknown_routes_get_json_errors() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let id =
        b.post("/api/applications", &application(2, &slot)).await.json()["application_id"].as_str().unwrap().to_owned();
    for (body, error) in [
        (json!({"code": "12ab56"}), "code_format"),
        (json!({"code": 123456}), "wrong_type"),
        (json!({}), "missing_field"),
        (json!({"code": "123456", "x": 1}), "unknown_field"),
    ] {
        let r = b.post(&format!("/api/applications/{id}/verify"), &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(r.json()["error"], error, "{body}");
    }
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({"code": "123456"})).await;
    assert_eq!(r.json()["error"], "no_code");
    let r = b.get("/api/nothing-here").await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::NOT_FOUND, "not_found"));
    let r = b.send(Method::DELETE, "/api/slots", None, vec![]).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
    assert_eq!(r.headers["allow"], "GET", "RFC 9110: a 405 says what is allowed (no HEAD on an API route)");
    let r = b.send(Method::DELETE, "/wniosek", None, vec![]).await;
    assert_eq!((r.status, r.headers["allow"].to_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "GET, HEAD"));
}

/// One refused field of the citizen's and the app's own requests: 400, its code, its field,
/// its Polish sentence.
fn assert_field_refused(r: &Resp, error: &str, field: &str, message: &str) {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    let j = r.json();
    assert_eq!((j["error"].as_str(), j["field"].as_str()), (Some(error), Some(field)), "{j}");
    assert_eq!((j["message"].as_str(), j["fields"][field].as_str()), (Some(message), Some(message)), "{j}");
}

#[tokio::test]
async fn a_bad_platform_push_token_method_or_match_number_is_refused_by_name() {
    const PLATFORM: &str = "Platforma urządzenia to android albo ios.";
    const PUSH_TOKEN: &str = "Podaj token powiadomień urządzenia (od 1 do 4096 znaków).";
    const METHOD: &str = "Wybierz metodę autoryzacji: sms albo push.";
    const MATCH_NUMBER: &str = "Wybierz jedną z trzech liczb.";
    let gw = spawn_gateway().await;
    let login = active_profile(&gw, 31).await;
    let b = signed_in(&gw, 31, &login).await;

    let r = b.post("/api/devices", &json!({"platform": "windows", "push_token": ""})).await;
    assert_field_refused(&r, "bad_platform", "platform", PLATFORM);
    assert_eq!(r.json()["fields"]["push_token"], PUSH_TOKEN, "both fields are named");
    let r = b.post("/api/devices", &json!({"platform": "iOS", "push_token": "apns-token"})).await;
    assert_field_refused(&r, "bad_platform", "platform", PLATFORM);
    for token in ["two words", &"a".repeat(4097), "zażółć"] {
        let r = b.post("/api/devices", &json!({"platform": "android", "push_token": token})).await;
        assert_field_refused(&r, "bad_push_token", "push_token", PUSH_TOKEN);
        assert!(r.json()["fields"].get("platform").is_none());
    }
    for method in ["email", "SMS", ""] {
        let r = b.post("/api/profile/auth-method", &json!({ "method": method })).await;
        assert_field_refused(&r, "bad_method", "method", METHOD);
    }

    let app = App::link(&b, &gw.url()).await;
    let unknown = shared::domain::ChallengeId::generate(&shared::adapters::random::OsRandom).to_string();
    for answer in [
        json!({"approve": true}),
        json!({"approve": true, "match_number": null}),
        json!({"approve": true, "match_number": "123"}),
        json!({"approve": true, "match_number": "4a"}),
    ] {
        assert_field_refused(&app.respond(&unknown, answer).await, "bad_match_number", "match_number", MATCH_NUMBER);
    }
    let r = app.respond(&unknown, json!({"approve": false, "match_number": "nonsense"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a refusal's number is not checked: {}", r.text);
}
