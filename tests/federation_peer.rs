//! The relying party against an independent, OpenID Certified provider: npm `oidc-provider`
//! (panva) started on loopback as "Bank Testowy" with test accounts (tests/peers/bank.mjs).
//! It requires PKCE, signs its ID tokens with its own keys and gives the profile's claims
//! only at userinfo, as many real providers do. Needs `npm ci --prefix tests/peers` (the
//! test command does it) and the `peers` feature.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use e2e::*;
use hyper::{Method, StatusCode};
use shared::domain::idp::{ClaimNames, IdentityProvider, IdpKind};

const PEER: &str = "peer-bank";
const SECRET: &str = "peer-client-secret-for-tests-only";

struct Bank {
    child: Child,
    issuer: String,
}

impl Drop for Bank {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The bank on `port`, its client's callback at `gateway`; returns once it listens.
fn bank(port: u16, gateway: &str) -> Bank {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/peers");
    let redirect = format!("{gateway}/idp/{PEER}/callback");
    let mut child = Command::new("node")
        .current_dir(dir)
        .args(["bank.mjs", &port.to_string(), &redirect, SECRET])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node runs tests/peers/bank.mjs (npm ci --prefix tests/peers)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = lines.next().expect("the bank says it is ready").unwrap();
    let issuer = ready.strip_prefix("ready ").unwrap_or_else(|| panic!("the bank said {ready}")).to_owned();
    // Its later notices go on being read: a closed pipe would stop it.
    std::thread::spawn(move || lines.for_each(drop));
    Bank { child, issuer }
}

fn registration(issuer: &str) -> IdentityProvider {
    let json = serde_json::json!({
        "id": PEER, "name": "Bank Testowy", "kind": "bank", "issuer": issuer, "client_id": "profil-zaufany",
        "scopes": ["openid", "profile", "pesel"],
    });
    let mut p: IdentityProvider = serde_json::from_value(json).unwrap();
    p.client_secret = SECRET.into();
    assert_eq!((p.kind, p.claims.clone()), (IdpKind::Bank, ClaimNames::default()));
    p
}

fn location(r: &Resp) -> String {
    r.headers
        .get("location")
        .unwrap_or_else(|| panic!("a redirect: {} {}", r.status, r.text))
        .to_str()
        .unwrap()
        .to_owned()
}

/// Follows the bank's pages from `url` (signing in as `login`, then consenting) until it
/// sends the browser back to the gateway; answers that path.
async fn through_the_bank(bank: &Browser, issuer: &str, gateway: &str, mut url: String, login: &str) -> String {
    for _ in 0..12 {
        if let Some(path) = url.strip_prefix(gateway) {
            return path.to_owned();
        }
        let path = url.strip_prefix(issuer).map(str::to_owned).unwrap_or(url.clone());
        let r = bank.get(&path).await;
        url = match r.status {
            StatusCode::FOUND | StatusCode::SEE_OTHER => location(&r),
            StatusCode::OK => {
                let action =
                    r.text.split("action=\"").nth(1).and_then(|a| a.split('"').next()).expect("a form").to_owned();
                let action = action.strip_prefix(issuer).unwrap_or(&action).to_owned();
                let body = if r.text.contains("value=\"login\"") {
                    format!("prompt=login&login={login}&password=any")
                } else {
                    "prompt=consent".to_owned()
                };
                let r = bank
                    .send(Method::POST, &action, Some("application/x-www-form-urlencoded"), body.into_bytes())
                    .await;
                location(&r)
            }
            other => panic!("the bank answered {other}: {}", r.text),
        };
        if url.starts_with('/') {
            url = format!("{issuer}{url}");
        }
    }
    panic!("the bank never sent the browser back")
}

#[tokio::test]
async fn a_certified_provider_vouches_through_userinfo_and_a_bad_pesel_is_refused() {
    let port = free_port();
    let issuer = format!("http://127.0.0.1:{port}");
    let opts = pz_local::Options { identity_providers: vec![registration(&issuer)], ..gateway_options() };
    let gw = pz_local::start(opts).await.expect("gateway");
    let gateway = gw.url();
    let peer = bank(port, &gateway);
    assert_eq!(peer.issuer, issuer);

    let listed = Browser::new(&gateway).get("/api/identity-providers").await.json();
    assert!(listed["providers"].as_array().unwrap().iter().any(|p| p["id"] == PEER && p.get("demo").is_none()));

    // Jan Kowalski's bank vouches: names and PESEL come from userinfo
    let b = Browser::new(&gateway);
    let r = b.get(&format!("/idp/{PEER}/start?purpose=create")).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let to_bank = location(&r);
    assert!(to_bank.starts_with(&format!("{issuer}/auth?")) && to_bank.contains("code_challenge="), "{to_bank}");
    let callback = through_the_bank(&Browser::new(&issuer), &issuer, &gateway, to_bank, "jan.kowalski").await;
    assert!(callback.starts_with(&format!("/idp/{PEER}/callback?code=")), "{callback}");
    let r = b.get(&callback).await;
    assert_eq!(location(&r), "/wniosek/bank", "{}", r.text);
    let identity = b.get("/api/bank-applications/identity").await.json();
    assert_eq!(
        identity,
        serde_json::json!({"first_name": "Jan", "last_name": "Kowalski", "pesel": "80010112340", "provider": "Bank Testowy", "provider_id": PEER})
    );

    // an account whose PESEL fails its checksum is refused
    let b = Browser::new(&gateway);
    let r = b.get(&format!("/idp/{PEER}/start?purpose=create")).await;
    let callback = through_the_bank(&Browser::new(&issuer), &issuer, &gateway, location(&r), "zly.pesel").await;
    assert_eq!(location(&b.get(&callback).await), "/wniosek?idp_error=pesel_refused");

    // the code the bank gave cannot be used twice, and a stranger's made-up one is refused
    let r = b.get(&format!("/idp/{PEER}/start?purpose=login")).await;
    let callback = through_the_bank(&Browser::new(&issuer), &issuer, &gateway, location(&r), "jan.kowalski").await;
    assert_eq!(location(&b.get(&callback).await), "/logowanie?idp_error=no_profile", "no profile yet for this PESEL");
    assert_eq!(location(&b.get(&callback).await), "/logowanie?idp_error=stale");
}
