//! Our OpenID provider driven by an independent, OpenID Certified relying-party library:
//! npm `openid-client` (panva), in tests/peers/rp.mjs. It discovers the provider, proves
//! itself with `private_key_jwt` (an ES256 key it made, published at its `jwks_uri`, which
//! is registered in the store as `pz-rp add` would), signs a citizen in with the code flow
//! and PKCE (the citizen's browser
//! is this test's: sign-in, consent), checks the ID token, reads userinfo, logs out through
//! the `end_session_endpoint`, and verifies the back-channel logout token it is sent.
//! Needs `npm ci --prefix tests/peers` (the test command does it) and the `peers` feature.

use std::io::{BufRead, BufReader, Write as _};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use e2e::*;
use hyper::StatusCode;
use serde_json::{json, Value};
use shared::domain::relying::Client;

const CLIENT_ID: &str = "rp-peer";

/// The library's process: its JSON lines in order, and what it is told.
struct Peer {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Value>,
    /// Lines read while waiting for another step (the back-channel comes when it comes).
    aside: Vec<Value>,
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Peer {
    fn start(issuer: &str) -> Self {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/peers");
        let mut child = Command::new("node")
            .current_dir(dir)
            .args(["rp.mjs", issuer, CLIENT_ID])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs tests/peers/rp.mjs (npm ci --prefix tests/peers)");
        let stdin = child.stdin.take().unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                let value = serde_json::from_str(&line).unwrap_or_else(|_| json!({"step": "noise", "line": line}));
                if tx.send(value).is_err() {
                    break;
                }
            }
        });
        Self { child, stdin, lines, aside: Vec::new() }
    }

    /// The next line of this step (an `error` line fails the test).
    fn expect(&mut self, step: &str) -> Value {
        if let Some(i) = self.aside.iter().position(|v| v["step"] == step) {
            return self.aside.remove(i);
        }
        loop {
            match self.lines.recv_timeout(Duration::from_secs(20)) {
                Ok(v) if v["step"] == step => return v,
                Ok(v) if v["step"] == "error" => panic!("openid-client failed: {}", v["error"]),
                Ok(v) => self.aside.push(v),
                Err(RecvTimeoutError::Timeout) => panic!("openid-client said no {step} within 20 s: {:?}", self.aside),
                Err(RecvTimeoutError::Disconnected) => panic!("openid-client ended before {step}: {:?}", self.aside),
            }
        }
    }

    fn tell(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").unwrap();
    }
}

fn location(r: &Resp) -> String {
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    r.headers["location"].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openid_client_signs_in_with_private_key_jwt_reads_userinfo_logs_out_and_takes_the_back_channel_logout() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 611).await;
    let b = signed_in(&gw, 611, &username).await;
    let mut peer = Peer::start(&base);

    // Registered as an operator would (pz-rp add): its key, its URIs, its scopes.
    let register = peer.expect("register");
    let client = serde_json::from_value::<Client>(json!({
        "client_id": CLIENT_ID, "name": "Serwis Testowy (openid-client)",
        "redirect_uris": [format!("{base}/rp-peer/callback")],
        "post_logout_redirect_uris": [format!("{base}/rp-peer/logged-out")],
        "backchannel_logout_uri": register["backchannel_logout_uri"],
        "scopes": ["profile", "email"], "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": register["jwks_uri"],
    }))
    .unwrap()
    .checked()
    .unwrap();
    shared::Wired::store(&*gw.deps).put_client(&client).await.unwrap();
    peer.tell("registered");

    let discovered = peer.expect("discovered");
    assert_eq!(discovered["end_session_endpoint"], format!("{base}/oauth2/logout"));
    assert_eq!(discovered["backchannel_logout_supported"], true);
    assert!(discovered["token_endpoint_auth_methods_supported"]
        .as_array()
        .unwrap()
        .contains(&json!("private_key_jwt")));

    // The citizen's browser: the consent page, then back to the service with a code.
    let url = peer.expect("authorize")["url"].as_str().unwrap().to_owned();
    let r = b.get(url.strip_prefix(&base).unwrap()).await;
    let back = agree(&b, &location(&r)).await.expect("asked to agree the first time");
    let callback = location(&b.get(&back).await);
    assert!(callback.starts_with(&format!("{base}/rp-peer/callback?code=")), "{callback}");
    peer.tell(&callback);

    let signed = peer.expect("signed_in");
    let (claims, userinfo) = (&signed["claims"], &signed["userinfo"]);
    assert_eq!(claims["acr"], "http://eidas.europa.eu/LoA/substantial", "{claims}");
    assert_eq!(claims["amr"], json!(["pwd", "sms", "mfa"]));
    assert!(claims["sid"].as_str().is_some_and(|s| s.len() == 32) && claims["auth_time"].is_number());
    assert_eq!((claims["email"].as_str(), claims["given_name"].as_str()), (Some(email(611).as_str()), Some("Łucja")));
    assert_eq!(userinfo["sub"], claims["sub"]);
    assert_eq!(userinfo["email_verified"], true);
    assert!(userinfo.get("phone_number").is_none() && userinfo.get("pesel").is_none(), "not asked for: {userinfo}");

    // Logout through the end_session_endpoint: our session ends, back to its URI with its state.
    let url = peer.expect("logout")["url"].as_str().unwrap().to_owned();
    let r = b.get(url.strip_prefix(&base).unwrap()).await;
    let back = location(&r);
    assert!(back.starts_with(&format!("{base}/rp-peer/logged-out?")), "{back}");
    assert_eq!(b.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "the profile session ended");
    peer.tell(&back);
    let out = peer.expect("logged_out");
    assert_eq!((out["state_matches"].as_bool(), out["path"].as_str()), (Some(true), Some("/rp-peer/logged-out")));

    // The session's end reached its back-channel URI, as a logout token the library's jose verified.
    let told = peer.expect("backchannel");
    assert_eq!(told["typ"], "logout+jwt");
    assert_eq!(
        (told["claims"]["sid"].clone(), told["claims"]["sub"].clone()),
        (claims["sid"].clone(), claims["sub"].clone())
    );
    assert!(peer.aside.iter().all(|v| v["step"] != "backchannel_refused"), "{:?}", peer.aside);
    peer.tell("done");
}
