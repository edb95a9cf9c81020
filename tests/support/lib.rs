//! Test helpers that read like the story: spawn the gateway, be a browser, read the outbox.

pub mod faults;
pub mod load;

use std::collections::HashMap;
use std::sync::Mutex;

use bytes::Bytes;
use chrono::{Duration, NaiveDate};
use http_body_util::{BodyExt, Full};
use hyper::{header, Method, Request, StatusCode};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use pz_local::{start, Gateway, Options};
use serde_json::{json, Value};

pub struct Resp {
    pub status: StatusCode,
    pub headers: hyper::HeaderMap,
    pub text: String,
    /// The body as it came (a gzip-encoded file is no text).
    pub bytes: Bytes,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.text))
    }
}

/// The demo clerk's password in tests (the gateway takes it as `PZ_DEMO_CLERK_PASSWORD`).
pub const CLERK_PASSWORD: &str = "Urzad-Testowy-2026";

/// The demo clerk's TOTP secret in tests (the gateway takes it as `PZ_DEMO_CLERK_TOTP_SECRET`).
pub const CLERK_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The local gateway on a free port with the in-process store, outbox, demo slots and
/// the demo clerk `urzednik`.
pub async fn spawn_gateway() -> Gateway {
    start(gateway_options()).await.expect("gateway starts")
}

/// The options of `spawn_gateway` (the demo clerk's password and TOTP secret known).
pub fn gateway_options() -> Options {
    Options {
        port: 0,
        demo_clerk_password: Some(CLERK_PASSWORD.into()),
        demo_clerk_totp_secret: Some(CLERK_TOTP_SECRET.into()),
        ..Options::default()
    }
}

/// The last TOTP step each gateway's demo clerk was given (a code works once).
static USED_STEPS: Mutex<Option<HashMap<String, i64>>> = Mutex::new(None);

fn gateway_key(gw: &Gateway) -> String {
    format!("{}#{:p}", gw.url(), std::sync::Arc::as_ptr(&gw.deps))
}

/// A code of the demo clerk's authenticator app that has not been used yet on this
/// gateway: one step before now, now, one after (all accepted), then it waits for the
/// gateway's clock to reach a new step.
pub async fn clerk_code(gw: &Gateway) -> String {
    use shared::domain::totp::{step_at, TotpSecret, SKEW};
    let secret = TotpSecret::parse(CLERK_TOTP_SECRET).expect("a valid secret");
    let key = gateway_key(gw);
    for _ in 0..70 {
        let now = step_at(gw.deps.clock.now());
        {
            let mut used = USED_STEPS.lock().unwrap();
            let used = used.get_or_insert_with(HashMap::new);
            let step = used.get(&key).map_or(now - SKEW, |last| (last + 1).max(now - SKEW));
            if step <= now + SKEW {
                used.insert(key, step);
                return secret.code_at(u64::try_from(step).expect("after 1970"));
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    panic!("no unused TOTP step: the gateway's clock stands still")
}

/// A browser signed in to the clerk panel as the demo clerk (password and TOTP code).
pub async fn clerk_browser(gw: &Gateway) -> Browser {
    let b = Browser::new(gw.url());
    let code = clerk_code(gw).await;
    let r =
        b.post("/api/clerk/login", &json!({"username": "urzednik", "password": CLERK_PASSWORD, "totp": code})).await;
    assert_eq!(r.status, StatusCode::OK, "clerk signs in: {}", r.text);
    assert!(b.cookie("pz_clerk").is_some());
    b
}

/// One signed-in clerk per gateway for the helpers that only need a decision made
/// (a TOTP code works once, so every sign-in spends a 30-second step).
static SHARED_CLERKS: Mutex<Option<HashMap<String, std::sync::Arc<Browser>>>> = Mutex::new(None);

async fn shared_clerk(gw: &Gateway, fresh: bool) -> std::sync::Arc<Browser> {
    let key = gateway_key(gw);
    if !fresh {
        if let Some(b) = SHARED_CLERKS.lock().unwrap().get_or_insert_with(HashMap::new).get(&key) {
            return b.clone();
        }
    }
    let b = std::sync::Arc::new(clerk_browser(gw).await);
    SHARED_CLERKS.lock().unwrap().get_or_insert_with(HashMap::new).insert(key, b.clone());
    b
}

/// A clerk's `POST` by the gateway's shared clerk, signed in again if the session ended.
pub async fn clerk_post(gw: &Gateway, path: &str, body: &Value) -> Resp {
    let r = shared_clerk(gw, false).await.post(path, body).await;
    if r.status != StatusCode::UNAUTHORIZED {
        return r;
    }
    shared_clerk(gw, true).await.post(path, body).await
}

/// A citizen's browser whose application `n` was sent and confirmed by SMS code, on the
/// first slot with room; returns the browser and the application id.
pub async fn submitted_application(gw: &Gateway, n: u32) -> (Browser, String) {
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let r = b.post("/api/applications", &application(n, &slot)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let code = last_sms_code(&b, &phone(n)).await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    (b, id)
}

/// The phone number of person `n` in E.164 (as `application(n, …)` gives it).
pub fn phone(n: u32) -> String {
    format!("+48500{:03}{:03}", n / 1000 % 1000, n % 1000)
}

/// The email address of person `n`.
pub fn email(n: u32) -> String {
    format!("obywatel{n}@example.pl")
}

/// One browser: its own cookie jar; sends the CSRF header from the cookie of the flow
/// the path belongs to (`csrf_cookies_for`).
pub struct Browser {
    base: String,
    client: Client<HttpConnector, Full<Bytes>>,
    cookies: Mutex<HashMap<String, String>>,
}

impl Browser {
    /// A browser of its own person, on its own computer: each one connects from its own
    /// loopback address (127.x.y.z), so per-source limits count it apart from the others.
    pub fn new(base: impl Into<String>) -> Self {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let k = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let [_, a, b, c] = (k % 0x00ff_ffff).to_be_bytes();
        Self::from_address(base, std::net::IpAddr::from([127, a.max(1), b, c.max(2)]))
    }

    /// A browser connecting from this address (several browsers behind one address).
    pub fn from_address(base: impl Into<String>, address: std::net::IpAddr) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_local_address(Some(address));
        Self {
            base: base.into(),
            client: Client::builder(TokioExecutor::new()).build(connector),
            cookies: Mutex::new(HashMap::new()),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    pub fn forget_cookies(&self) {
        self.cookies.lock().unwrap().clear();
    }

    pub async fn send(&self, method: Method, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Resp {
        let mut req = Request::builder().method(method).uri(format!("{}{}", self.base, path));
        let jar = self.cookies.lock().unwrap().clone();
        if !jar.is_empty() {
            let c: Vec<String> = jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header(header::COOKIE, c.join("; "));
        }
        if let Some(csrf) = csrf_cookies_for(path).iter().find_map(|name| jar.get(*name)) {
            req = req.header("x-csrf-token", csrf);
        }
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        let resp = self.client.request(req.body(Full::new(Bytes::from(body))).unwrap()).await.expect("request sent");
        for v in resp.headers().get_all(header::SET_COOKIE) {
            let pair = v.to_str().unwrap().split(';').next().unwrap();
            if let Some((k, val)) = pair.split_once('=') {
                let mut jar = self.cookies.lock().unwrap();
                // An empty value (with Max-Age=0) ends the cookie, as in a browser.
                if val.is_empty() {
                    jar.remove(k);
                } else {
                    jar.insert(k.to_owned(), val.to_owned());
                }
            }
        }
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Resp { status, headers, text: String::from_utf8_lossy(&bytes).into_owned(), bytes }
    }

    /// A request with exactly these headers: no cookies from the jar, no CSRF header.
    pub async fn send_with_headers(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        json_body: Option<&Value>,
    ) -> Resp {
        let mut req = Request::builder().method(method).uri(format!("{}{}", self.base, path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let body = match json_body {
            Some(v) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                v.to_string().into_bytes()
            }
            None => Vec::new(),
        };
        let resp = self.client.request(req.body(Full::new(Bytes::from(body))).unwrap()).await.expect("request sent");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Resp { status, headers, text: String::from_utf8_lossy(&bytes).into_owned(), bytes }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None, Vec::new()).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.send(Method::POST, path, Some("application/json"), body.to_string().into_bytes()).await
    }
}

/// The CSRF cookies a page of each flow reads its token from, in order of preference: an
/// application's, the clerk's, a sign-in's (or, for a step-up, the session's), the session's.
/// (`pz_csrf` last everywhere: the single name of before, so that the tests also run
/// against a build from before the flows had names of their own.)
pub fn csrf_cookies_for(path: &str) -> &'static [&'static str] {
    if path.starts_with("/api/applications") || path.starts_with("/api/bank-applications") {
        &["pz_app_csrf", "pz_csrf"]
    } else if path.starts_with("/api/clerk") {
        &["pz_clerk_csrf", "pz_csrf"]
    } else if path.starts_with("/api/login") {
        &["pz_login_csrf", "pz_csrf"]
    } else {
        &["pz_csrf"]
    }
}

/// A valid PESEL for person `n` (distinct for distinct `n`), born in the 1980s.
pub fn pesel(n: u32) -> String {
    let born = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + Duration::days(i64::from(n / 1000));
    let s = born.format("%y%m%d").to_string() + &format!("{:04}", n % 1000);
    let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = s.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{s}{}", (10 - sum % 10) % 10)
}

/// A valid application form for person `n`.
pub fn application(n: u32, slot_id: &str) -> Value {
    json!({
        "username": format!("Obywatel_{n}"),
        "password": "Zielony7Las!",
        "first_name": "Łucja",
        "second_name": "Maria",
        "last_name": "Żółkiewska-Nowak",
        "pesel": pesel(n),
        "email": format!("obywatel{n}@example.pl"),
        "phone": format!("+48 500-{:03}-{:03}", n / 1000 % 1000, n % 1000),
        "slot_id": slot_id,
        "video_app": "Skype",
    })
}

/// The first free slot with at least `free` places.
pub async fn a_free_slot(b: &Browser, free: u64) -> String {
    let slots = b.get("/api/slots").await.json();
    slots["slots"].as_array().unwrap().iter().find(|s| s["free"].as_u64().unwrap() >= free).expect("a free slot")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn outbox(b: &Browser) -> Vec<Value> {
    b.get("/dev/outbox").await.json()["messages"].as_array().unwrap().clone()
}

/// The code of the newest SMS with a code to `phone` (E.164). Security notifications
/// (a linked app) come through the queue, possibly after the code, and hold none.
pub async fn last_sms_code(b: &Browser, phone: &str) -> String {
    let messages = outbox(b).await;
    let code = |m: &Value| {
        m["body"].as_str().unwrap_or("").split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).map(str::to_owned)
    };
    messages
        .iter()
        .rev()
        .filter(|m| m["channel"] == "sms" && m["to"] == phone)
        .find_map(code)
        .unwrap_or_else(|| panic!("no SMS with a code to {phone}"))
}

/// Emails to `to`, waiting up to 5 s for the outbox deliverer to send `count` of them.
pub async fn emails_to(b: &Browser, to: &str, count: usize) -> Vec<Value> {
    for _ in 0..50 {
        let mails: Vec<Value> =
            outbox(b).await.into_iter().filter(|m| m["channel"] == "email" && m["to"] == to).collect();
        if mails.len() >= count {
            return mails;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("fewer than {count} emails to {to}");
}

/// An application awaiting its SMS code, for store-level tests (`n` picks id and PESEL).
pub fn sample_application(n: u32, slot: &shared::domain::Slot) -> shared::domain::Application {
    use shared::adapters::random::SeededRandom;
    use shared::domain::*;
    let rng = SeededRandom::new(u64::from(n));
    let now = chrono::Utc::now();
    Application {
        id: ApplicationId::generate(&rng),
        number: ApplicationNumber::generate(&rng),
        status: ApplicationStatus::AwaitingSmsCode,
        username: Username::parse(&format!("Obywatel_{n}")).unwrap(),
        password_hash: Some(PasswordHash::from_phc(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        )),
        first_name: PersonName::parse("Łucja").unwrap(),
        second_name: Some(PersonName::parse("Maria").unwrap()),
        last_name: PersonName::parse("Żółkiewska-Nowak").unwrap(),
        pesel: Pesel::parse(&pesel(n), now.date_naive()).unwrap(),
        email: Email::parse(&format!("obywatel{n}@example.pl")).unwrap(),
        phone: PhoneNumber::parse("500 100 200").unwrap(),
        slot: Some(SlotRef::from(slot)),
        video_app: Some(VideoApp::parse("Skype", &["Skype".to_owned()]).unwrap()),
        office: None,
        vouched_by: None,
        created_at: now,
        verify_by: Some(now + Duration::hours(1)),
        submitted_at: None,
        browser_token_hash: "ab".repeat(32),
        code: CodeGuard::default(),
        review: Default::default(),
        lang: Default::default(),
        version: 0,
    }
}

/// A slot starting in `days` days.
pub fn sample_slot(id: &str, days: i64, capacity: u32) -> shared::domain::Slot {
    let start =
        chrono::DateTime::from_timestamp(chrono::Utc::now().timestamp() / 60 * 60, 0).unwrap() + Duration::days(days);
    shared::domain::Slot {
        id: shared::domain::SlotId::parse(id).unwrap(),
        start,
        end: start + Duration::minutes(20),
        capacity,
        booked: 0,
        demo: false,
    }
}

/// A DynamoDB store on a fresh table at the emulator of `AWS_ENDPOINT_URL`.
pub async fn dynamo_store_on_emulator() -> shared::adapters::dynamodb::DynamoStore {
    let sdk = shared::adapters::aws::sdk_config().await;
    assert!(sdk.endpoint_url().is_some(), "AWS_ENDPOINT_URL must point at the emulator (the test command sets it)");
    let table = format!(
        "conformance-{}",
        shared::domain::ids::random_base32(&shared::adapters::random::OsRandom, 10).to_lowercase()
    );
    let store = shared::adapters::dynamodb::DynamoStore::new(&sdk, table);
    store.ensure_table().await.expect("table created on the emulator");
    store
}

/// Person `n`'s profile, applied for, verified and confirmed by the demo clerk: active
/// for three years. Returns the username.
pub async fn active_profile(gw: &Gateway, n: u32) -> String {
    active_profile_with_id(gw, n).await.0
}

/// `active_profile`, with the account's id (the id of the application that created it).
pub async fn active_profile_with_id(gw: &Gateway, n: u32) -> (String, String) {
    let (_, id) = submitted_application(gw, n).await;
    let checks = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let r = clerk_post(gw, &format!("/api/clerk/applications/{id}/confirm"), &checks).await;
    assert_eq!(r.status, StatusCode::OK, "the clerk confirms: {}", r.text);
    (format!("Obywatel_{n}"), id)
}

pub const PASSWORD: &str = "Zielony7Las!";

/// A fresh browser signed in as person `n` with password and SMS code (method SMS).
pub async fn signed_in(gw: &Gateway, n: u32, login: &str) -> Browser {
    let b = Browser::new(gw.url());
    let r = b.post("/api/login", &json!({"login": login, "password": PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let started = r.json();
    assert_eq!(started["method"], "sms", "{started}");
    let code = last_sms_code(&b, &phone(n)).await;
    let id = started["challenge_id"].as_str().unwrap();
    let r = b.post(&format!("/api/login/{id}/confirm"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "Potwierdź: {}", r.text);
    assert!(b.cookie("pz_session").is_some());
    b
}

/// A linked mObywatel app: its id and secret, as `POST /api/devices` gave them.
pub struct App {
    pub device_id: String,
    pub secret: String,
    pub http: Browser,
}

impl App {
    /// Links an app to the profile the browser is signed in to.
    pub async fn link(signed_in: &Browser, base: &str) -> App {
        let r = signed_in.post("/api/devices", &json!({"platform": "android", "push_token": "fcm-token-123"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let v = r.json();
        App {
            device_id: v["device_id"].as_str().unwrap().into(),
            secret: v["device_secret"].as_str().unwrap().into(),
            http: Browser::new(base),
        }
    }

    pub async fn requests(&self) -> Vec<Value> {
        let auth = format!("Device {}", self.secret);
        let r = self
            .http
            .send_with_headers(
                Method::GET,
                &format!("/api/devices/{}/requests", self.device_id),
                &[("authorization", &auth)],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.json()["requests"].as_array().unwrap().clone()
    }

    /// Answers a request (with the secret of this app).
    pub async fn respond(&self, request_id: &str, answer: Value) -> Resp {
        let auth = format!("Device {}", self.secret);
        self.http
            .send_with_headers(
                Method::POST,
                &format!("/api/push-requests/{request_id}/respond"),
                &[("authorization", &auth)],
                Some(&answer),
            )
            .await
    }
}

// ---------- the AWS API emulator (moto server at AWS_ENDPOINT_URL) ----------

/// Differs on every run, so tests never see what an earlier run sent to the same emulator.
pub fn unique(digits: usize) -> String {
    let mut b = [0u8; 8];
    shared::ports::Random::fill(&shared::adapters::random::OsRandom, &mut b);
    format!("{:0width$}", u64::from_le_bytes(b) % 10u64.pow(digits as u32), width = digits)
}

/// The emulator's address.
pub fn endpoint() -> String {
    std::env::var("AWS_ENDPOINT_URL").expect("AWS_ENDPOINT_URL must point at moto (the test command sets it)")
}

/// Everything the emulator recorded as sent.
pub async fn emulator_data() -> Value {
    Browser::new(endpoint()).get("/moto-api/data.json").await.json()
}

/// The SMS texts the emulator's SNS sent to `phone` (E.164), oldest first.
pub async fn sms_to(phone: &str) -> Vec<String> {
    let data = emulator_data().await;
    let mut out = Vec::new();
    for (_, by_region) in data["sns"]["SMS"].as_object().into_iter().flatten() {
        collect_sms(by_region, phone, &mut out);
    }
    collect_sms(&data["sns"]["SMS"], phone, &mut out);
    out
}

fn collect_sms(v: &Value, phone: &str, out: &mut Vec<String>) {
    for m in v.as_array().into_iter().flatten() {
        if m["phone_number"] == phone {
            out.push(m["message"].as_str().unwrap_or_default().to_owned());
        }
    }
}

/// The emails the emulator's SES sent to `address`.
pub async fn emails_to_on_emulator(address: &str) -> Vec<Value> {
    let data = emulator_data().await;
    data["ses"]["Message"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["destinations"]["ToAddresses"].as_array().is_some_and(|a| a.iter().any(|t| t == address)))
        .cloned()
        .collect()
}

/// The consent page, answered "Zgadzam się" (`POST /api/consent`) when an authorize
/// request sent the browser to `/zgoda?<query>`: the authorize path it goes back to.
/// `None` for any other location.
pub async fn agree(b: &Browser, location: &str) -> Option<String> {
    let query = location.strip_prefix("/zgoda?")?;
    let ask = b.get(&format!("/api/consent?{query}")).await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.text);
    let r = b.post("/api/consent", &serde_json::json!({ "query": query, "decision": "allow" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    Some(r.json()["redirect"].as_str().expect("where to go").to_owned())
}

/// A relying service's back-channel logout endpoint on loopback: records each
/// `logout_token` posted to it and answers `status` (200: taken).
pub struct LogoutReceiver {
    pub url: String,
    tokens: std::sync::Arc<Mutex<Vec<String>>>,
    status: std::sync::Arc<std::sync::atomic::AtomicU16>,
}

impl LogoutReceiver {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/backchannel-logout", listener.local_addr().unwrap());
        let tokens = std::sync::Arc::new(Mutex::new(Vec::new()));
        let status = std::sync::Arc::new(std::sync::atomic::AtomicU16::new(200));
        let (t, s) = (tokens.clone(), status.clone());
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let (t, s) = (t.clone(), s.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (t, s) = (t.clone(), s.clone());
                        async move {
                            let body = req.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
                            let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
                            if let Some((_, token)) = form.into_iter().find(|(k, _)| k == "logout_token") {
                                t.lock().unwrap().push(token);
                            }
                            let code = s.load(std::sync::atomic::Ordering::SeqCst);
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder().status(code).body(Full::new(Bytes::new())).unwrap(),
                            )
                        }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
                });
            }
        });
        Self { url, tokens, status }
    }

    /// The logout tokens taken so far.
    pub fn tokens(&self) -> Vec<String> {
        self.tokens.lock().unwrap().clone()
    }

    /// What it answers from now on.
    pub fn answer(&self, status: u16) {
        self.status.store(status, std::sync::atomic::Ordering::SeqCst);
    }

    /// Waits (up to 10 s) until `n` tokens have come.
    pub async fn wait_for(&self, n: usize) -> Vec<String> {
        for _ in 0..200 {
            if self.tokens().len() >= n {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.tokens()
    }
}

/// A JWT's payload, unverified (the tests verify signatures where it matters).
pub fn jwt_payload(token: &str) -> Value {
    let part = token.split('.').nth(1).expect("a JWT");
    let bytes = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, part).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The test RSA key of a relying service (`tests/oidc-retired-test-key.pem`).
pub const CLIENT_KEY: &str = include_str!("../oidc-retired-test-key.pem");

/// Its public half as a JWK with this `kid`.
pub fn client_jwk(kid: &str) -> Value {
    let pair =
        ring::signature::RsaKeyPair::from_pkcs8(&shared::service::oidc::decode_key(CLIENT_KEY).unwrap()).unwrap();
    let public = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(ring::signature::KeyPair::public_key(&pair));
    let strip = |b: &[u8]| b.iter().skip_while(|x| **x == 0).copied().collect::<Vec<u8>>();
    json!({"kty": "RSA", "kid": kid, "use": "sig", "n": b64url(&strip(&public.n)), "e": b64url(&strip(&public.e))})
}

fn b64url(bytes: &[u8]) -> String {
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes)
}

/// A `private_key_jwt` client assertion (RS256, `kid`) of `client_id` for `aud`, with this `jti`.
pub fn client_assertion(client_id: &str, kid: &str, aud: &str, jti: &str) -> String {
    let pair =
        ring::signature::RsaKeyPair::from_pkcs8(&shared::service::oidc::decode_key(CLIENT_KEY).unwrap()).unwrap();
    let exp = chrono::Utc::now().timestamp() + 120;
    let claims = json!({"iss": client_id, "sub": client_id, "aud": aud, "exp": exp, "iat": exp - 120, "jti": jti});
    let header = json!({"alg": "RS256", "kid": kid});
    let input = format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()));
    let mut sig = vec![0; pair.public().modulus_len()];
    pair.sign(&ring::signature::RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), input.as_bytes(), &mut sig)
        .unwrap();
    format!("{input}.{}", b64url(&sig))
}
