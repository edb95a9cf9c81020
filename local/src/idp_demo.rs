//! The demo identity providers of local mode, `bank-demo` ("Bank Demo") and `envelo-demo`
//! ("Envelo Demo"): small but real OpenID Connect providers under `/dev/idp/{id}/` —
//! discovery, an authorize page whose sign-in form takes the customer's first name, surname
//! and PESEL, a token endpoint (client secret, PKCE S256, codes used once within a minute)
//! that signs ID tokens (RS256) with a demo key, and its JWKS. Clearly marked as demo,
//! absent from template.yaml: a deployed stack registers real banks.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use shared::domain::idp::{ClaimNames, IdentityProvider, IdpKind};
use shared::texts::Lang;

/// The demo key that signs the demo providers' ID tokens. Public (it is in the
/// repository): it vouches for nobody outside local mode.
const DEMO_KEY: &str = include_str!("../dev-keys/idp-demo-signing-key.pem");
/// The client id local mode is registered under at the demo providers.
pub const DEMO_CLIENT_ID: &str = "profil-zaufany-local";
const CODE_VALID_SECS: i64 = 60;

/// Who the demo providers are.
const PROVIDERS: [(&str, &str, IdpKind); 2] =
    [("bank-demo", "Bank Demo", IdpKind::Bank), ("envelo-demo", "Envelo Demo", IdpKind::Envelo)];

struct Grant {
    provider: String,
    claims: Value,
    nonce: String,
    challenge: String,
    redirect_uri: String,
    expires_at: i64,
}

pub struct DemoIdps {
    base: String,
    key: RsaKeyPair,
    kid: String,
    jwk: Value,
    client_secret: String,
    grants: Mutex<HashMap<String, Grant>>,
}

impl DemoIdps {
    /// The demo providers at `base` (the gateway's URL), with a client secret for this run.
    pub fn new(base: &str, client_secret: String) -> Result<Self, String> {
        let der = shared::service::oidc::decode_key(DEMO_KEY)?;
        let key = RsaKeyPair::from_pkcs8(&der).map_err(|e| format!("demo IdP key: {e}"))?;
        let public = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(key.public());
        let strip = |b: &[u8]| b.iter().skip_while(|x| **x == 0).copied().collect::<Vec<u8>>();
        let (n, e) = (b64(&strip(&public.n)), b64(&strip(&public.e)));
        let kid = shared::crypto::hex(&Sha256::digest(format!("{n}.{e}").as_bytes()))[..16].to_owned();
        let jwk = json!({ "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": n, "e": e });
        Ok(Self {
            base: base.trim_end_matches('/').to_owned(),
            key,
            kid,
            jwk,
            client_secret,
            grants: Mutex::new(HashMap::new()),
        })
    }

    /// The providers as local mode registers them (the relying party's configuration).
    pub fn registrations(&self) -> Vec<IdentityProvider> {
        PROVIDERS
            .iter()
            .map(|(id, name, kind)| IdentityProvider {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                kind: *kind,
                issuer: self.issuer(id),
                client_id: DEMO_CLIENT_ID.to_owned(),
                client_secret: self.client_secret.clone(),
                scopes: vec!["openid".into(), "profile".into(), "pesel".into()],
                claims: ClaimNames::default(),
                loa: "substantial".into(),
                demo: true,
            })
            .collect()
    }

    fn issuer(&self, id: &str) -> String {
        format!("{}/dev/idp/{id}", self.base)
    }

    fn callback(&self, id: &str) -> String {
        format!("{}/idp/{id}/callback", self.base)
    }

    /// Answers `/dev/idp/{id}/…`.
    pub async fn serve(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let path = req.uri().path().to_owned();
        let rest = path.trim_start_matches("/dev/idp/");
        let (id, what) = rest.split_once('/').unwrap_or((rest, ""));
        let Some(&(id, name, _)) = PROVIDERS.iter().find(|(p, ..)| *p == id) else {
            return text(StatusCode::NOT_FOUND, "no such demo provider");
        };
        let method = req.method().clone();
        let query = req.uri().query().unwrap_or("").to_owned();
        let headers = req.headers().clone();
        // The bank's page in the reader's language (`pz_lang`, else `Accept-Language`).
        let lang = shared::http::headers_lang(&headers);
        let body = match Limited::new(req.into_body(), 64 * 1024).collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => return text(StatusCode::PAYLOAD_TOO_LARGE, "too large"),
        };
        match (method.as_str(), what) {
            ("GET", ".well-known/openid-configuration") => self.discovery(id),
            ("GET", "jwks.json") => json_response(StatusCode::OK, &json!({ "keys": [self.jwk] })),
            ("GET", "authorize") => self.authorize_page(id, name, &params(&query), lang, None),
            ("POST", "authorize") => self.authorize(id, name, &params(&String::from_utf8_lossy(&body)), lang),
            ("POST", "token") => self.token(id, &headers, &params(&String::from_utf8_lossy(&body))),
            _ => text(StatusCode::NOT_FOUND, "not found"),
        }
    }

    fn discovery(&self, id: &str) -> Response<Full<Bytes>> {
        let issuer = self.issuer(id);
        json_response(
            StatusCode::OK,
            &json!({
                "issuer": issuer,
                "authorization_endpoint": format!("{issuer}/authorize"),
                "token_endpoint": format!("{issuer}/token"),
                "jwks_uri": format!("{issuer}/jwks.json"),
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "profile", "pesel"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "code_challenge_methods_supported": ["S256"],
                "claims_supported": ["sub", "given_name", "family_name", "pesel"],
            }),
        )
    }

    /// The request of the relying party, checked before anything is shown: our client, its
    /// registered callback, the code flow with PKCE S256.
    fn checked<'a>(&self, id: &str, p: &'a HashMap<String, String>) -> Result<&'a str, &'static str> {
        let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
        if get("client_id") != DEMO_CLIENT_ID {
            return Err("unknown client_id");
        }
        if get("redirect_uri") != self.callback(id) {
            return Err("redirect_uri is not the registered one");
        }
        if get("response_type") != "code" || get("code_challenge_method") != "S256" || get("code_challenge").is_empty()
        {
            return Err("only the code flow with PKCE S256");
        }
        Ok(p.get("redirect_uri").map(String::as_str).unwrap_or(""))
    }

    fn authorize_page(
        &self,
        id: &str,
        name: &str,
        p: &HashMap<String, String>,
        lang: Lang,
        error: Option<&str>,
    ) -> Response<Full<Bytes>> {
        if let Err(why) = self.checked(id, p) {
            return text(StatusCode::BAD_REQUEST, why);
        }
        let hidden: String = [
            "client_id",
            "redirect_uri",
            "response_type",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
        ]
        .iter()
        .map(|k| {
            format!(
                r#"<input type="hidden" name="{k}" value="{}">"#,
                escape(p.get(*k).map(String::as_str).unwrap_or(""))
            )
        })
        .collect();
        let field = |k: &str| escape(p.get(k).map(String::as_str).unwrap_or(""));
        let error = error.map(|e| format!(r#"<p class="error" role="alert">{}</p>"#, escape(e))).unwrap_or_default();
        let words = |key| lang.dev_page_text(key);
        let named = |key| words(key).replace("{name}", name);
        let page = format!(
            r#"<!doctype html>
<html lang="{code}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="/static/style.css"></head>
<body>
<header class="top"><span class="brand">{brand}</span></header>
<main class="page" id="main">
<h1>{heading}</h1>
<p class="note">{note}</p>
<p>{asks}</p>
{error}
<form method="post" action="/dev/idp/{id}/authorize">
{hidden}
<label for="first_name">{first_label}</label>
<input id="first_name" name="first_name" autocomplete="given-name" value="{first}" required>
<label for="last_name">{last_label}</label>
<input id="last_name" name="last_name" autocomplete="family-name" value="{last}" required>
<label for="pesel">{pesel_label}</label>
<input id="pesel" name="pesel" inputmode="numeric" value="{pesel}" required>
<div class="actions"><button type="submit" name="action" value="login">{submit}</button><button type="submit" name="action" value="cancel" class="secondary" formnovalidate>{cancel}</button></div>
</form>
</main>
</body>
</html>
"#,
            code = lang.code(),
            title = named("dev.bank.title"),
            brand = named("dev.bank.brand"),
            heading = named("dev.bank.heading"),
            note = words("dev.bank.note"),
            asks = words("dev.bank.asks"),
            first_label = words("dev.bank.first_name"),
            last_label = words("dev.bank.last_name"),
            pesel_label = words("dev.bank.pesel"),
            submit = words("dev.bank.submit"),
            cancel = words("dev.bank.cancel"),
            first = field("first_name"),
            last = field("last_name"),
            pesel = field("pesel"),
        );
        crate::web::html_in(lang, page)
    }

    fn authorize(&self, id: &str, name: &str, p: &HashMap<String, String>, lang: Lang) -> Response<Full<Bytes>> {
        let redirect_uri = match self.checked(id, p) {
            Ok(r) => r.to_owned(),
            Err(why) => return text(StatusCode::BAD_REQUEST, why),
        };
        let get = |k: &str| p.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
        let state = get("state");
        let back = |query: String| found(&format!("{redirect_uri}?{query}"));
        if get("action") == "cancel" {
            return back(
                serde_urlencoded::to_string([("error", "access_denied"), ("state", state.as_str())])
                    .unwrap_or_default(),
            );
        }
        if get("first_name").is_empty() || get("last_name").is_empty() || get("pesel").is_empty() {
            return self.authorize_page(id, name, p, lang, Some(lang.dev_page_text("dev.bank.missing")));
        }
        let code = shared::domain::ids::random_base32(&shared::adapters::random::OsRandom, 32);
        let grant = Grant {
            provider: id.to_owned(),
            claims: json!({ "given_name": get("first_name"), "family_name": get("last_name"), "pesel": get("pesel") }),
            nonce: get("nonce"),
            challenge: get("code_challenge"),
            redirect_uri: redirect_uri.clone(),
            expires_at: chrono::Utc::now().timestamp() + CODE_VALID_SECS,
        };
        if let Ok(mut grants) = self.grants.lock() {
            grants.retain(|_, g| g.expires_at > chrono::Utc::now().timestamp());
            grants.insert(code.clone(), grant);
        }
        back(serde_urlencoded::to_string([("code", code.as_str()), ("state", state.as_str())]).unwrap_or_default())
    }

    fn token(&self, id: &str, headers: &hyper::HeaderMap, p: &HashMap<String, String>) -> Response<Full<Bytes>> {
        let refuse = |error: &str| json_response(StatusCode::BAD_REQUEST, &json!({ "error": error }));
        let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
        let (client_id, secret) =
            basic_auth(headers).unwrap_or_else(|| (get("client_id").to_owned(), get("client_secret").to_owned()));
        if client_id != DEMO_CLIENT_ID
            || !shared::crypto::constant_time_eq(secret.as_bytes(), self.client_secret.as_bytes())
        {
            return json_response(StatusCode::UNAUTHORIZED, &json!({ "error": "invalid_client" }));
        }
        if get("grant_type") != "authorization_code" {
            return refuse("unsupported_grant_type");
        }
        let grant = self.grants.lock().ok().and_then(|mut g| g.remove(get("code")));
        let Some(grant) = grant.filter(|g| g.provider == id && g.expires_at > chrono::Utc::now().timestamp()) else {
            return refuse("invalid_grant");
        };
        let verifier_hash = b64(&Sha256::digest(get("code_verifier").as_bytes()));
        if grant.redirect_uri != get("redirect_uri") || verifier_hash != grant.challenge {
            return refuse("invalid_grant");
        }
        let now = chrono::Utc::now().timestamp();
        let pesel = grant.claims["pesel"].as_str().unwrap_or("");
        let mut claims = json!({
            "iss": self.issuer(id),
            "sub": shared::crypto::hex(&Sha256::digest(format!("{id}:{pesel}").as_bytes()))[..24].to_owned(),
            "aud": DEMO_CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            "acr": "substantial",
        });
        if let (Some(c), Some(extra)) = (claims.as_object_mut(), grant.claims.as_object()) {
            c.extend(extra.clone());
        }
        match self.sign(&claims) {
            Some(id_token) => json_response(
                StatusCode::OK,
                &json!({
                    "access_token": shared::domain::ids::random_base32(&shared::adapters::random::OsRandom, 32),
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": id_token,
                }),
            ),
            None => json_response(StatusCode::INTERNAL_SERVER_ERROR, &json!({ "error": "server_error" })),
        }
    }

    fn sign(&self, claims: &Value) -> Option<String> {
        let header = json!({ "typ": "JWT", "alg": "RS256", "kid": self.kid });
        let input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let mut signature = vec![0; self.key.public().modulus_len()];
        self.key.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut signature).ok()?;
        Some(format!("{input}.{}", b64(&signature)))
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn params(s: &str) -> HashMap<String, String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(s).unwrap_or_default().into_iter().collect()
}

fn basic_auth(headers: &hyper::HeaderMap) -> Option<(String, String)> {
    let value = headers.get(hyper::header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape =
        |s: &str| serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={s}")).ok()?.pop().map(|(_, v)| v);
    Some((unescape(id)?, unescape(secret)?))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn found(location: &str) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::new()));
    *resp.status_mut() = StatusCode::FOUND;
    if let Ok(v) = hyper::header::HeaderValue::from_str(location) {
        resp.headers_mut().insert(hyper::header::LOCATION, v);
    }
    resp
}

fn text(status: StatusCode, body: &str) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(body.to_owned())));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"));
    resp
}

fn json_response(status: StatusCode, value: &Value) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(value.to_string())));
    *resp.status_mut() = status;
    resp.headers_mut().insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    resp.headers_mut().insert(hyper::header::CACHE_CONTROL, hyper::header::HeaderValue::from_static("no-store"));
    resp
}
