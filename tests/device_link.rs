//! Linking the mObywatel app (issue 15, item 5): a session alone links only the first app
//! of an SMS profile; replacing a linked app, or linking while the method is push, waits
//! for a challenge by the current method (an SMS code, or the old app's approval). The
//! citizen is told by email and SMS each time, and the history shows it.

use e2e::*;
use hyper::{Method, StatusCode};
use serde_json::{json, Value};

/// An app's request list: `None` when the device is not (or no longer) accepted.
async fn requests_of(app: &App) -> Option<Vec<Value>> {
    let auth = format!("Device {}", app.secret);
    let r = app
        .http
        .send_with_headers(
            Method::GET,
            &format!("/api/devices/{}/requests", app.device_id),
            &[("authorization", &auth)],
            None,
        )
        .await;
    match r.status {
        StatusCode::OK => Some(r.json()["requests"].as_array().unwrap().clone()),
        StatusCode::UNAUTHORIZED => None,
        other => panic!("unexpected {other}: {}", r.text),
    }
}

/// `POST /api/devices` for a profile that already has an app (or uses push): 202.
async fn ask_to_link(b: &Browser, gw_url: &str) -> (Value, App) {
    let r = b.post("/api/devices", &json!({"platform": "ios", "push_token": "apns-token-new"})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "a session alone does not replace the app: {}", r.text);
    let v = r.json();
    assert!(v["challenge_id"].is_string() && v["method"].is_string(), "{v}");
    let app = App {
        device_id: v["device_id"].as_str().unwrap().into(),
        secret: v["device_secret"].as_str().unwrap().into(),
        http: Browser::new(gw_url),
    };
    (v, app)
}

fn actions(history: &Value) -> Vec<String> {
    history["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect()
}

/// The security notifications of linked apps: emails to `n`'s address and SMS to `n`'s
/// phone, waiting up to 5 s for the outbox deliverer.
async fn link_notices(b: &Browser, n: u32, count: usize) -> (Vec<Value>, Vec<Value>) {
    for _ in 0..50 {
        let all = outbox(b).await;
        let mails: Vec<Value> = all
            .iter()
            .filter(|m| {
                m["channel"] == "email"
                    && m["to"] == email(n)
                    && m["subject"].as_str().unwrap_or("").contains("Połączono aplikację mObywatel")
            })
            .cloned()
            .collect();
        let sms: Vec<Value> = all
            .iter()
            .filter(|m| {
                m["channel"] == "sms"
                    && m["to"] == phone(n)
                    && m["body"].as_str().unwrap_or("").contains("polaczono z Twoim profilem aplikacje mObywatel")
            })
            .cloned()
            .collect();
        if mails.len() >= count && sms.len() >= count {
            return (mails, sms);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("fewer than {count} link notifications for person {n}");
}

fn holds_no_code(text: &str) -> bool {
    !text.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 6)
}

#[tokio::test]
async fn replacing_the_app_with_sms_method_needs_the_code_and_the_citizen_is_told() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 901).await;
    let b = signed_in(&gw, 901, &username).await;

    // the first app of an SMS profile links at once, and the citizen is told
    let old = App::link(&b, &gw.url()).await;
    let (mails, sms) = link_notices(&b, 901, 1).await;
    assert!(
        mails[0]["body"].as_str().unwrap().contains("Jeśli to nie Ty"),
        "what to do if it was not them: {}",
        mails[0]
    );
    assert!(holds_no_code(sms[0]["body"].as_str().unwrap()), "a notification holds no code: {}", sms[0]);

    // a second link with the session alone: 202, a code goes to the profile's phone
    let (pending, new) = ask_to_link(&b, &gw.url()).await;
    assert_eq!(
        (pending["method"].as_str(), pending["sent_to"].as_str()),
        (Some("sms"), Some("+48 *** *** 901")),
        "{pending}"
    );
    assert_eq!(requests_of(&old).await, Some(vec![]), "the old app keeps working");
    assert_eq!(requests_of(&new).await, None, "the new one is nothing until the code is typed");
    let id = pending["challenge_id"].as_str().unwrap();
    let stranger = Browser::new(gw.url());
    let r = stranger.post(&format!("/api/login/{id}/confirm"), &json!({"code": "123456"})).await;
    assert!(matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "only the owner's session: {}", r.text);
    let code = last_sms_code(&b, &phone(901)).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = b.post(&format!("/api/login/{id}/confirm"), &json!({"code": wrong})).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("wrong_code")));
    assert_eq!(requests_of(&new).await, None, "a wrong code links nothing");

    // the right code links the new app; the old one is out
    let r = b.post(&format!("/api/login/{id}/confirm"), &json!({"code": code})).await;
    assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::OK, Some("approved")), "{}", r.text);
    assert_eq!(requests_of(&new).await, Some(vec![]), "the new app is linked");
    assert_eq!(requests_of(&old).await, None, "the replaced app is no longer accepted");
    assert_eq!(b.get("/api/profile").await.json()["auth_method"], "sms", "the method stays");

    // told twice (first link and replacement), by email and by SMS; the history shows both
    let (mails, sms) = link_notices(&b, 901, 2).await;
    assert_eq!((mails.len(), sms.len()), (2, 2));
    let history = b.get("/api/profile/history").await.json();
    assert_eq!(actions(&history).iter().filter(|a| *a == "device_linked").count(), 2, "{history}");
    assert_eq!(
        (history["entries"][0]["action"].as_str(), history["entries"][0]["channel"].as_str()),
        (Some("device_linked"), Some("ios"))
    );
}

#[tokio::test]
async fn with_push_the_old_app_must_approve_and_its_pending_pushes_die_with_it() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 902).await;
    let b = signed_in(&gw, 902, &username).await;
    let old = App::link(&b, &gw.url()).await;
    let r = b.post("/api/profile/auth-method", &json!({"method": "push"})).await;
    let change = r.json();
    let request = &old.requests().await[0];
    old.respond(
        request["request_id"].as_str().unwrap(),
        json!({"approve": true, "match_number": change["match_number"]}),
    )
    .await;
    assert_eq!(b.get("/api/profile").await.json()["auth_method"], "push");

    // a sign-in somewhere waits for the old app
    let elsewhere = Browser::new(gw.url());
    let login = elsewhere.post("/api/login", &json!({"login": username, "password": PASSWORD})).await.json();
    assert_eq!(login["method"], "push", "{login}");

    // someone with the session alone tries to link their phone: the old app is asked, says no
    let (pending, intruder) = ask_to_link(&b, &gw.url()).await;
    assert_eq!(pending["method"], "push", "{pending}");
    let asked = old.requests().await;
    let link_request =
        asked.iter().find(|q| q["kind"] == "link_device").unwrap_or_else(|| panic!("the old app is asked: {asked:?}"));
    assert_eq!(link_request["request_id"], pending["challenge_id"]);
    let r = old.respond(pending["challenge_id"].as_str().unwrap(), json!({"approve": false})).await;
    assert_eq!(r.json()["status"], "denied");
    let id = pending["challenge_id"].as_str().unwrap();
    assert_eq!(b.get(&format!("/api/login/{id}")).await.json()["status"], "denied");
    assert_eq!(requests_of(&intruder).await, None, "a refused link links nothing");
    assert_eq!(
        requests_of(&old).await.map(|r| r.len()),
        Some(1),
        "the old app keeps working: the sign-in still waits there"
    );

    // the citizen links the new phone and approves in the old app with the number shown
    let (pending, new) = ask_to_link(&b, &gw.url()).await;
    let id = pending["challenge_id"].as_str().unwrap();
    assert_eq!(b.get(&format!("/api/login/{id}")).await.json()["status"], "pending");
    assert_eq!(requests_of(&new).await, None, "not before the approval");
    let r = old.respond(id, json!({"approve": true, "match_number": pending["match_number"]})).await;
    assert_eq!(r.json()["status"], "approved", "{}", r.text);
    assert_eq!(b.get(&format!("/api/login/{id}")).await.json()["status"], "approved");
    assert_eq!(requests_of(&new).await, Some(vec![]), "the new app is linked");
    assert_eq!(requests_of(&old).await, None, "the old app is out");
    let r = old
        .respond(
            login["challenge_id"].as_str().unwrap(),
            json!({"approve": true, "match_number": login["match_number"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "the old app can no longer answer what was sent to it: {}", r.text);

    // pushes now go to the new app
    let again = Browser::new(gw.url());
    let login = again.post("/api/login", &json!({"login": username, "password": PASSWORD})).await.json();
    let asked = new.requests().await;
    assert_eq!((asked.len(), asked[0]["kind"].as_str()), (1, Some("login")));
    new.respond(
        login["challenge_id"].as_str().unwrap(),
        json!({"approve": true, "match_number": login["match_number"]}),
    )
    .await;
    assert_eq!(
        again.get(&format!("/api/login/{}", login["challenge_id"].as_str().unwrap())).await.json()["status"],
        "approved"
    );
    assert_eq!(again.get("/api/profile").await.json()["username"], username.as_str());

    let (mails, sms) = link_notices(&b, 902, 2).await;
    assert_eq!((mails.len(), sms.len()), (2, 2), "first link and replacement, not the refused attempt");
    let history = b.get("/api/profile/history").await.json();
    assert_eq!(actions(&history).iter().filter(|a| *a == "device_linked").count(), 2, "{history}");
}
