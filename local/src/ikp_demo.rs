//! The IKP demo's own back end in local mode (absent from template.yaml, like the demo
//! banks): the back-channel logout URI the demo is registered with, which takes logout
//! tokens as a relying service must (Back-Channel Logout 1.0 §2.6: signed by the
//! provider, `iss`, `aud`, `iat`, `exp`, the event, `sub` or `sid`, never a `nonce`), and
//! the question the IKP page asks while a patient is signed in: has their profile session
//! ended? So signing out on `/profil` ends the demo's session too.
//!
//! ```text
//! POST /dev/ikp/backchannel-logout   logout_token=<JWT>   → 200, or 400
//! GET  /dev/ikp/session?sid=<sid>&sub=<sub>&since=<iat>   → {"active": bool}
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use serde_json::{json, Value};
use shared::service::oidc::Provider;

const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
pub const CLIENT_ID: &str = "ikp-demo";

pub struct IkpDemo {
    provider: Arc<Provider>,
    /// Sessions ended by `sid`.
    ended_sids: Mutex<HashSet<String>>,
    /// Every session of a `sub` ended, at (epoch seconds).
    ended_subs: Mutex<HashMap<String, i64>>,
    /// Logout token ids taken (each once).
    seen: Mutex<HashSet<String>>,
}

fn json_response(status: StatusCode, value: &Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("cache-control", "no-store")
        .body(Full::new(Bytes::from(value.to_string())))
        .unwrap_or_default()
}

impl IkpDemo {
    pub fn new(provider: Arc<Provider>) -> Self {
        Self { provider, ended_sids: Mutex::default(), ended_subs: Mutex::default(), seen: Mutex::default() }
    }

    pub async fn serve(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let path = req.uri().path().to_owned();
        let method = req.method().as_str().to_owned();
        let query = req.uri().query().unwrap_or("").to_owned();
        let body = match Limited::new(req.into_body(), 16 * 1024).collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => return json_response(StatusCode::PAYLOAD_TOO_LARGE, &json!({"error": "invalid_request"})),
        };
        let pairs = |text: &[u8]| -> HashMap<String, String> {
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(text).unwrap_or_default().into_iter().collect()
        };
        match (method.as_str(), path.as_str()) {
            ("POST", "/dev/ikp/backchannel-logout") => match pairs(&body).get("logout_token") {
                Some(token) if self.take(token) => json_response(StatusCode::OK, &json!({})),
                _ => json_response(StatusCode::BAD_REQUEST, &json!({"error": "invalid_request"})),
            },
            ("GET", "/dev/ikp/session") => {
                let q = pairs(query.as_bytes());
                let ended_sid = q.get("sid").is_some_and(|sid| self.ended_sids.lock().unwrap().contains(sid));
                let since: i64 = q.get("since").and_then(|s| s.parse().ok()).unwrap_or(0);
                let ended_sub = q
                    .get("sub")
                    .and_then(|sub| self.ended_subs.lock().unwrap().get(sub).copied())
                    .is_some_and(|at| at >= since);
                json_response(StatusCode::OK, &json!({ "active": !(ended_sid || ended_sub) }))
            }
            _ => json_response(StatusCode::NOT_FOUND, &json!({"message": "Not Found"})),
        }
    }

    /// The checks of §2.6; records what ended. `false`: refused.
    fn take(&self, token: &str) -> bool {
        let Some(claims) = self.provider.verified_own(token) else { return false };
        let now = chrono::Utc::now().timestamp();
        let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_owned);
        let ok = text("aud").as_deref() == Some(CLIENT_ID)
            && claims.get("events").and_then(|e| e.get(EVENT)).is_some_and(Value::is_object)
            && claims.get("nonce").is_none()
            && claims.get("exp").and_then(Value::as_i64).is_some_and(|exp| exp > now)
            && claims.get("iat").and_then(Value::as_i64).is_some_and(|iat| iat <= now + 60)
            && (text("sid").is_some() || text("sub").is_some());
        let Some(jti) = text("jti").filter(|_| ok) else { return false };
        if !self.seen.lock().unwrap().insert(jti) {
            return false;
        }
        match (text("sid"), text("sub")) {
            (Some(sid), _) => {
                self.ended_sids.lock().unwrap().insert(sid);
            }
            (None, Some(sub)) => {
                self.ended_subs.lock().unwrap().insert(sub, claims.get("iat").and_then(Value::as_i64).unwrap_or(now));
            }
            (None, None) => return false,
        }
        tracing::info!("IKP demo: a patient's session ended (back-channel logout)");
        true
    }
}
