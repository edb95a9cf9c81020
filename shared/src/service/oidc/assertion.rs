//! `private_key_jwt` (OIDC Core §9, RFC 7523): a service proves it is itself at the token
//! endpoint with a JWT signed by one of its registered keys. Checked here: the signature
//! (RS256, PS256 or ES256, by ring, already linked for our own signing), `iss` and `sub`
//! the client id, `aud` our issuer or token endpoint, `exp` in the future and at most an
//! hour away, a `jti`. The `jti` is spent once by the caller's commit (`UsedAssertion`).
//! The keys are the registration's `jwks`, or its `jwks_uri` fetched (kept 5 minutes, and
//! fetched again, at most once a minute, when an assertion names a `kid` they lack).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine;
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use serde::Deserialize;
use serde_json::Value;

use super::OAuthError;
use crate::domain::relying::Client;

pub(super) const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The longest an assertion may be valid ahead (a replay cache of an hour per service).
const MAX_AHEAD_SECONDS: i64 = 3600;

#[derive(Debug, Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// `aud` is a string or an array of strings (RFC 7519 §4.1.3).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    aud: Audience,
    exp: i64,
    jti: String,
}

/// The client id an assertion claims to come from (`iss`), before any check: the key to
/// look its registration up by.
pub(super) fn claimed_client(assertion: &str) -> Option<String> {
    let payload = assertion.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("iss")?.as_str().map(str::to_owned)
}

/// A checked assertion: its `jti` and until when it lives (how long to remember the jti).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Verified {
    pub jti: String,
    pub expires_at: i64,
}

/// How long a service's fetched JWKS is kept by a running function.
const JWKS_TTL: Duration = Duration::from_secs(300);

type Kept = HashMap<String, (Instant, Value)>;
static FETCHED: Mutex<Option<Kept>> = Mutex::new(None);

/// The least time between two fetches of one service's keys for an unknown `kid`.
const REFETCH_AFTER: Duration = Duration::from_secs(60);

/// Checks an assertion against the client's registered keys, or those at its `jwks_uri`:
/// kept keys are used while fresh; they are fetched again only when they expired, or when
/// the assertion names a `kid` they lack (a rotation) and the last fetch is a minute old.
/// A bad signature or claims never cause a fetch.
pub(super) async fn verify_with_keys_of(
    assertion: &str,
    client: &Client,
    issuer: &str,
    now: i64,
) -> Result<Verified, OAuthError> {
    if let Some(jwks) = &client.jwks {
        return verify(assertion, client, jwks, issuer, now);
    }
    let uri = client.jwks_uri.as_deref().ok_or(OAuthError::InvalidClient)?;
    let kid = header_kid(assertion);
    let kept = FETCHED.lock().ok().and_then(|f| f.as_ref()?.get(uri).cloned());
    if let Some((at, keys)) = kept.filter(|(at, _)| at.elapsed() < JWKS_TTL) {
        let knows = |k: &str| {
            keys.get("keys")
                .and_then(Value::as_array)
                .is_some_and(|all| all.iter().any(|j| j.get("kid").and_then(Value::as_str) == Some(k)))
        };
        if kid.as_deref().is_none_or(knows) || at.elapsed() < REFETCH_AFTER {
            return verify(assertion, client, &keys, issuer, now);
        }
    }
    let keys = fetch_jwks(uri).await?;
    if let Ok(mut f) = FETCHED.lock() {
        f.get_or_insert_with(HashMap::new).insert(uri.to_owned(), (Instant::now(), keys.clone()));
    }
    verify(assertion, client, &keys, issuer, now)
}

/// The `kid` an assertion's header names, if it can be read.
fn header_kid(assertion: &str) -> Option<String> {
    let head = assertion.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(head).ok()?;
    serde_json::from_slice::<Header>(&bytes).ok()?.kid
}

/// A service's JWKS from its URI (https, 4 s, 256 KiB: `adapters::outbound`).
async fn fetch_jwks(uri: &str) -> Result<Value, OAuthError> {
    let req = lambda_http::http::Request::get(uri).body(Vec::new()).map_err(|_| OAuthError::InvalidClient)?;
    let resp = crate::adapters::outbound::call(req).await.map_err(|e| {
        tracing::warn!(error = %e, "a service's jwks_uri could not be read");
        OAuthError::InvalidClient
    })?;
    if !resp.status().is_success() {
        tracing::warn!(status = resp.status().as_u16(), "a service's jwks_uri answered an error");
        return Err(OAuthError::InvalidClient);
    }
    serde_json::from_slice::<Value>(resp.body())
        .ok()
        .filter(|v| v.get("keys").is_some_and(Value::is_array))
        .ok_or(OAuthError::InvalidClient)
}

/// Checks an assertion from `client` against its keys (`jwks`), for a provider whose
/// issuer is `issuer`, at `now` (seconds).
pub(super) fn verify(
    assertion: &str,
    client: &Client,
    jwks: &Value,
    issuer: &str,
    now: i64,
) -> Result<Verified, OAuthError> {
    let bad = |_| OAuthError::InvalidClient;
    let mut parts = assertion.split('.');
    let (Some(head), Some(body), Some(sig), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(OAuthError::InvalidClient);
    };
    let decode = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s).map_err(bad);
    let header: Header = serde_json::from_slice(&decode(head)?).map_err(|_| OAuthError::InvalidClient)?;
    let claims: Claims = serde_json::from_slice(&decode(body)?).map_err(|_| OAuthError::InvalidClient)?;
    let signature = decode(sig)?;
    let signed = &assertion.as_bytes()[..head.len() + 1 + body.len()];
    let keys = jwks.get("keys").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let verified = keys
        .iter()
        .filter(|k| header.kid.is_none() || k.get("kid").and_then(Value::as_str) == header.kid.as_deref())
        .any(|k| verify_with(k, &header.alg, signed, &signature));
    if !verified {
        return Err(OAuthError::InvalidClient);
    }
    let token_endpoint = format!("{issuer}/oauth2/token");
    let for_us = |a: &String| a == issuer || *a == token_endpoint;
    let aud_ok = match &claims.aud {
        Audience::One(a) => for_us(a),
        Audience::Many(all) => all.iter().any(for_us),
    };
    let from_client = claims.iss == client.client_id && claims.sub == client.client_id;
    let in_time = claims.exp > now && claims.exp <= now + MAX_AHEAD_SECONDS;
    if !(aud_ok && from_client && in_time) || claims.jti.is_empty() || claims.jti.len() > 256 {
        return Err(OAuthError::InvalidClient);
    }
    Ok(Verified { jti: claims.jti, expires_at: claims.exp })
}

/// One JWK's signature check, for the algorithms we accept (never `none`, never HMAC).
fn verify_with(jwk: &Value, alg: &str, signed: &[u8], sig: &[u8]) -> bool {
    let field = |name: &str| {
        jwk.get(name)
            .and_then(Value::as_str)
            .and_then(|v| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(v).ok())
    };
    if jwk.get("alg").and_then(Value::as_str).is_some_and(|a| a != alg) {
        return false;
    }
    match (jwk.get("kty").and_then(Value::as_str), alg) {
        (Some("RSA"), "RS256" | "PS256") => {
            let (Some(n), Some(e)) = (field("n"), field("e")) else { return false };
            let params = if alg == "RS256" {
                &signature::RSA_PKCS1_2048_8192_SHA256
            } else {
                &signature::RSA_PSS_2048_8192_SHA256
            };
            RsaPublicKeyComponents { n, e }.verify(params, signed, sig).is_ok()
        }
        (Some("EC"), "ES256") if jwk.get("crv").and_then(Value::as_str) == Some("P-256") => {
            let (Some(x), Some(y)) = (field("x"), field("y")) else { return false };
            if x.len() != 32 || y.len() != 32 {
                return false;
            }
            let point: Vec<u8> = [&[4u8][..], &x, &y].concat();
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point).verify(signed, sig).is_ok()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use ring::rand::SystemRandom;
    use ring::signature::{EcdsaKeyPair, KeyPair, RsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING, RSA_PKCS1_SHA256};
    use serde_json::json;

    use super::*;
    use crate::domain::oidc::base64url;
    use crate::service::oidc::{decode_key, demo_client};

    const RSA: &str = include_str!("../../../../tests/oidc-retired-test-key.pem");
    const NOW: i64 = 1_795_000_000;

    fn client() -> Client {
        Client {
            client_id: "zus".into(),
            token_endpoint_auth_method: Some(crate::domain::relying::ClientAuth::PrivateKeyJwt),
            ..demo_client("https://pz.example")
        }
    }

    fn rsa_jwk(kid: &str) -> (RsaKeyPair, Value) {
        let pair = RsaKeyPair::from_pkcs8(&decode_key(RSA).unwrap()).unwrap();
        let public = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(pair.public());
        let strip = |b: &[u8]| b.iter().skip_while(|x| **x == 0).copied().collect::<Vec<u8>>();
        let jwk = json!({"kty":"RSA","kid":kid,"n":base64url(&strip(&public.n)),"e":base64url(&strip(&public.e))});
        (pair, jwk)
    }

    fn rs256(pair: &RsaKeyPair, kid: &str, claims: &Value) -> String {
        let input = format!(
            "{}.{}",
            base64url(json!({"alg":"RS256","kid":kid}).to_string().as_bytes()),
            base64url(claims.to_string().as_bytes())
        );
        let mut sig = vec![0; pair.public().modulus_len()];
        pair.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut sig).unwrap();
        format!("{input}.{}", base64url(&sig))
    }

    fn claims() -> Value {
        json!({"iss":"zus","sub":"zus","aud":"https://pz.example/oauth2/token","exp":NOW + 60,"jti":"j-1"})
    }

    #[test]
    fn an_rs256_assertion_of_the_client_for_us_passes_and_names_its_jti() {
        let (pair, jwk) = rsa_jwk("k1");
        let jwks = json!({ "keys": [jwk] });
        let token = rs256(&pair, "k1", &claims());
        assert_eq!(claimed_client(&token).as_deref(), Some("zus"));
        assert_eq!(
            verify(&token, &client(), &jwks, "https://pz.example", NOW),
            Ok(Verified { jti: "j-1".into(), expires_at: NOW + 60 })
        );
        let mut to_issuer = claims();
        to_issuer["aud"] = json!(["https://pz.example"]);
        assert!(verify(&rs256(&pair, "k1", &to_issuer), &client(), &jwks, "https://pz.example", NOW).is_ok());
    }

    #[test]
    fn wrong_claims_keys_or_signatures_are_refused() {
        let (pair, jwk) = rsa_jwk("k1");
        let jwks = json!({ "keys": [jwk] });
        let check = |c: &Value| verify(&rs256(&pair, "k1", c), &client(), &jwks, "https://pz.example", NOW);
        for (field, value) in [
            ("iss", json!("inny")),
            ("sub", json!("inny")),
            ("aud", json!("https://evil.example/oauth2/token")),
            ("exp", json!(NOW)),
            ("exp", json!(NOW + 7200)),
            ("jti", json!("")),
        ] {
            let mut c = claims();
            c[field] = value;
            assert_eq!(check(&c), Err(OAuthError::InvalidClient), "{field}");
        }
        let token = rs256(&pair, "k1", &claims());
        assert!(verify(&token, &client(), &json!({"keys":[]}), "https://pz.example", NOW).is_err(), "no keys");
        let (head, rest) = token.split_once('.').unwrap();
        let none = format!("{}.{rest}", base64url(br#"{"alg":"none"}"#));
        assert!(verify(&none, &client(), &jwks, "https://pz.example", NOW).is_err(), "alg none");
        let mut forged = format!("{head}.{}", base64url(claims().to_string().replace("j-1", "j-2").as_bytes()));
        forged.push('.');
        forged.push_str(token.rsplit('.').next().unwrap());
        assert!(verify(&forged, &client(), &jwks, "https://pz.example", NOW).is_err(), "payload changed");
        let other_kid = rs256(&pair, "k2", &claims());
        assert!(verify(&other_kid, &client(), &jwks, "https://pz.example", NOW).is_err(), "kid not registered");
        for junk in ["", "a.b", "a.b.c.d", "%%.%%.%%"] {
            assert!(verify(junk, &client(), &jwks, "https://pz.example", NOW).is_err(), "{junk:?}");
        }
    }

    #[test]
    fn an_es256_assertion_verifies_with_its_p256_key() {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap();
        let point = pair.public_key().as_ref();
        let jwk = json!({"kty":"EC","crv":"P-256","x":base64url(&point[1..33]),"y":base64url(&point[33..])});
        let input = format!("{}.{}", base64url(br#"{"alg":"ES256"}"#), base64url(claims().to_string().as_bytes()));
        let sig = pair.sign(&rng, input.as_bytes()).unwrap();
        let token = format!("{input}.{}", base64url(sig.as_ref()));
        assert!(verify(&token, &client(), &json!({ "keys": [jwk] }), "https://pz.example", NOW).is_ok());
        let rs_key = rsa_jwk("k1").1;
        assert!(verify(&token, &client(), &json!({ "keys": [rs_key] }), "https://pz.example", NOW).is_err());
    }
}
