//! The product through Lambda mode (`pz-local --lambda`): every request answered by the
//! function's release `bootstrap` under the official Lambda Runtime Interface Emulator,
//! with its environment from `template.yaml`; the outbox delivered by the send-emails,
//! send-push and send-logout bootstraps, triggered by the table's stream; DynamoDB, SNS, SES and Secrets
//! Manager on moto. The test command builds the bootstraps (`cargo lambda build --release`)
//! and sets `PZ_LAMBDA_BOOTSTRAPS` and `PZ_LAMBDA_RIE`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use e2e::{
    active_profile_with_id, gateway_options, last_sms_code, outbox, phone, signed_in, unique, App, Browser, PASSWORD,
};
use hyper::{Method, StatusCode};
use pz_local::{start, Backend, Gateway, LambdaOptions, Options};
use serde_json::{json, Value};

/// The gateway in Lambda mode on a new table, and the folder of its functions' logs.
async fn lambda_gateway() -> (Gateway, PathBuf) {
    // The table is named by the process's environment while a gateway starts: one at a time.
    static STARTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one = STARTING.lock().await;
    // One table per run: the emulator outlives the test.
    let table = format!("lambda-mode-{}", unique(8));
    std::env::set_var("PZ_TABLE", &table);
    let lambda =
        LambdaOptions::from_env().expect("PZ_LAMBDA_BOOTSTRAPS and PZ_LAMBDA_RIE (the test command sets them)");
    let logs = lambda.logs.join(&table);
    let opts = Options { backend: Backend::Aws, lambda: Some(lambda), ..gateway_options() };
    (start(opts).await.expect("the gateway starts the functions under the emulator"), logs)
}

/// The messages of the outbox (read from the emulator) that satisfy `pick`, waiting for
/// the stream to reach the sender function.
async fn eventually(b: &Browser, what: &str, pick: impl Fn(&Value) -> bool) -> Vec<Value> {
    for _ in 0..150 {
        let found: Vec<Value> = outbox(b).await.into_iter().filter(|m| pick(m)).collect();
        if !found.is_empty() {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no {what} within 15 s");
}

/// What the emulator wrote for one function: the runtime's START/REPORT lines per invocation.
fn invocations(logs: &Path, function: &str) -> usize {
    let log = std::fs::read_to_string(logs.join(format!("{function}.log"))).unwrap_or_default();
    log.lines().filter(|l| l.contains("START RequestId")).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn application_clerk_confirmation_and_push_sign_in_run_on_the_lambda_runtime() {
    let (gw, logs) = lambda_gateway().await;
    let n = 600_000 + unique(5).parse::<u32>().unwrap();

    // the application: slots, form, SMS code, "Dalej"; the confirmation email by the stream
    let (username, application_id) = active_profile_with_id(&gw, n).await;
    let b = Browser::new(gw.url());
    let email = e2e::email(n);
    let mails = eventually(&b, "email after the confirmation", |m| m["channel"] == "email" && m["to"] == email).await;
    assert!(mails.iter().all(|m| m["subject"].as_str().is_some_and(|s| !s.is_empty())), "{mails:?}");
    assert!(!application_id.is_empty());

    // sign-in by SMS code, link the app, switch to push (approved in the app)
    let citizen = signed_in(&gw, n, &username).await;
    let app = App::link(&citizen, &gw.url()).await;
    let r = citizen.post("/api/profile/auth-method", &json!({"method": "push"})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let pending = r.json();
    let request = app.requests().await.into_iter().next().expect("the app sees the method change");
    let r = app
        .respond(
            request["request_id"].as_str().unwrap(),
            json!({"approve": true, "match_number": pending["match_number"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(citizen.get("/api/profile").await.json()["auth_method"], "push");

    // signing in with push: the push goes out through SNS, the app picks the number
    let b = Browser::new(gw.url());
    let r = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let started = r.json();
    assert_eq!(started["method"], "push", "{started}");
    let id = started["challenge_id"].as_str().unwrap().to_owned();
    eventually(&b, "push to the app", |m| m["channel"] == "push" && m["to"] == "fcm-token-123").await;
    let r = app.respond(&id, json!({"approve": true, "match_number": started["match_number"]})).await;
    assert_eq!(r.json()["status"], "approved", "{}", r.text);
    let done = b.get(&format!("/api/login/{id}")).await;
    assert_eq!(done.json()["status"], "approved", "{}", done.text);
    assert!(b.cookie("pz_session").is_some());
    assert_eq!(b.get("/api/profile").await.json()["username"], username);

    // a relying service registered in the table signs the citizen in (consent, code, token
    // with private data by scope), and hears of the sign-out from the send-logout bootstrap
    let receiver = e2e::LogoutReceiver::start().await;
    let base = gw.url();
    let service = serde_json::from_value::<shared::domain::relying::Client>(json!({
        "client_id": "lambda-rp", "name": "Serwis w trybie Lambda", "redirect_uris": [format!("{base}/lambda-rp/cb")],
        "scopes": ["email"], "backchannel_logout_uri": receiver.url,
    }))
    .unwrap();
    shared::Wired::store(&*gw.deps).put_client(&service).await.unwrap();
    let challenge = shared::domain::oidc::s256(&"v".repeat(43));
    let authorize = format!(
        "/oauth2/authorize?response_type=code&client_id=lambda-rp&redirect_uri={}&scope=openid+email&state=s&code_challenge={challenge}&code_challenge_method=S256",
        serde_urlencoded::to_string([("v", format!("{base}/lambda-rp/cb"))]).unwrap()[2..].to_owned()
    );
    let r = b.get(&authorize).await;
    let to = r.headers["location"].to_str().unwrap().to_owned();
    let back = e2e::agree(&b, &to).await.unwrap_or_else(|| panic!("the consent page: {to}"));
    let r = b.get(&back).await;
    let to = r.headers["location"].to_str().unwrap().to_owned();
    let code = to.split("code=").nth(1).and_then(|c| c.split('&').next()).unwrap_or_else(|| panic!("{to}")).to_owned();
    let form = serde_urlencoded::to_string([
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", format!("{base}/lambda-rp/cb").as_str()),
        ("client_id", "lambda-rp"),
        ("code_verifier", "v".repeat(43).as_str()),
    ])
    .unwrap();
    let r = b.send(Method::POST, "/oauth2/token", Some("application/x-www-form-urlencoded"), form.into_bytes()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let claims = e2e::jwt_payload(r.json()["id_token"].as_str().unwrap());
    assert_eq!(claims["email"], email.as_str());
    assert_eq!(b.post("/api/logout", &json!({})).await.status, StatusCode::NO_CONTENT);
    let mut told = Vec::new();
    for _ in 0..3 {
        told = receiver.wait_for(1).await;
        if !told.is_empty() {
            break;
        }
    }
    assert_eq!(told.len(), 1, "the service was told by the send-logout bootstrap");
    assert_eq!(e2e::jwt_payload(&told[0])["sid"], claims["sid"]);

    // and every step ran in a bootstrap under the emulator
    for function in [
        "list-slots",
        "submit-application",
        "send-sms-code",
        "verify-code",
        "clerk-session",
        "confirm-by-clerk",
        "sign-in",
        "devices",
        "profile",
        "send-emails",
        "send-push",
        "oidc-provider",
        "send-logout",
    ] {
        assert!(invocations(&logs, function) > 0, "{function} was never invoked under the emulator");
    }
    assert!(!last_sms_code(&b, &phone(n)).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_pages_and_api_gateways_answers_are_the_same_in_lambda_mode() {
    let (gw, _) = lambda_gateway().await;
    let b = Browser::new(gw.url());
    let page = b.get("/wniosek?krok=1&x=%C5%81").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Wyślij wniosek"));
    let r = b.get("/api/clerk/calls?date=2026%2D12%2D03").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    assert!(r.headers.get("x-request-id").is_some());

    // what no route takes reaches `$default` (the web-pages bootstrap), as on API Gateway
    let r = b.get("/api/nothing-here").await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{}", r.text);
    let r = b.send(Method::DELETE, "/api/slots", None, vec![]).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{}", r.text);
    assert_eq!(r.headers.get("allow").and_then(|v| v.to_str().ok()), Some("GET"));
    let head = b.send(Method::HEAD, "/wniosek", None, vec![]).await;
    assert_eq!((head.status, head.text.as_str()), (StatusCode::OK, ""));
    let page = b.get("/nie-ma-takiej-strony").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text.contains("<html lang=\"pl\""), "the Polish 404 page");
    // a client that does not ask for gzip gets the script as written (inflated by the bootstrap)
    let script = b.get("/static/common.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.headers.get("content-encoding").is_none());
    assert_eq!(script.text, include_str!("../web/common.js"));
    // a browser gets it gzip-encoded: binary through the runtime (base64) and back
    let gzip = b.send_with_headers(Method::GET, "/static/common.js", &[("accept-encoding", "gzip")], None).await;
    assert_eq!(gzip.status, StatusCode::OK);
    assert_eq!(gzip.headers.get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"));
    let deflated = &gzip.bytes[10..gzip.bytes.len() - 8];
    let inflated = miniz_oxide::inflate::decompress_to_vec(deflated).expect("a gzip member");
    assert_eq!(inflated, include_bytes!("../web/common.js"));
}
