//! The key that signs ID tokens (RS256, its `kid` in each header), the retired keys whose
//! public halves stay in the JWKS while tokens they signed live (key rotation: README
//! runbook), and the signing itself: a compact JWS (RFC 7515) signed by ring with the key
//! pair parsed once at start. (`jsonwebtoken`, which the tests verify with, would parse
//! the key again for every token and add its own encoder to the binary.)

use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::claims::IdTokenClaims;
use crate::crypto::hex;
use crate::domain::oidc::base64url;

/// A PKCS#8 key as PEM (`-----BEGIN PRIVATE KEY-----`) or as one line of base64 DER.
pub fn decode_key(text: &str) -> Result<Vec<u8>, String> {
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).map(str::trim).collect();
    base64::engine::general_purpose::STANDARD.decode(body).map_err(|e| format!("signing key is not base64: {e}"))
}

pub(super) struct Keys {
    signing: RsaKeyPair,
    kid: String,
    /// The signing key's JWK first, then the retired ones' (never used to sign).
    published: Vec<Value>,
}

impl Keys {
    /// The signing key (PKCS#8 DER), checked here so that a bad one stops the start.
    pub(super) fn new(pkcs8_der: &[u8]) -> Result<Self, String> {
        let signing = RsaKeyPair::from_pkcs8(pkcs8_der).map_err(|e| format!("signing key rejected: {e}"))?;
        let (kid, jwk) = public_jwk(&signing);
        Ok(Self { signing, kid, published: vec![jwk] })
    }

    /// Publishes a retired key's public half (PKCS#8 DER), unless it is the signing key.
    pub(super) fn retire(&mut self, pkcs8_der: &[u8]) -> Result<(), String> {
        let old = RsaKeyPair::from_pkcs8(pkcs8_der).map_err(|e| format!("previous signing key rejected: {e}"))?;
        let (kid, jwk) = public_jwk(&old);
        if kid != self.kid {
            self.published.push(jwk);
        }
        Ok(())
    }

    pub(super) fn kid(&self) -> &str {
        &self.kid
    }

    pub(super) fn jwks(&self) -> Value {
        json!({ "keys": self.published })
    }

    /// The claims of a token we signed (with any published key: a hint may be older than a
    /// rotation), whatever its `exp`; `None` if it is not ours or was altered.
    pub(super) fn verified_claims(&self, token: &str) -> Option<Value> {
        let (input, sig) = token.rsplit_once('.')?;
        let (head, body) = input.split_once('.')?;
        let decode = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s).ok();
        let header: Value = serde_json::from_slice(&decode(head)?).ok()?;
        if header.get("alg").and_then(Value::as_str) != Some("RS256") {
            return None;
        }
        let kid = header.get("kid").and_then(Value::as_str)?;
        let jwk = self.published.iter().find(|k| k.get("kid").and_then(Value::as_str) == Some(kid))?;
        let part = |name: &str| jwk.get(name).and_then(Value::as_str).and_then(decode);
        let key = ring::signature::RsaPublicKeyComponents { n: part("n")?, e: part("e")? };
        key.verify(&ring::signature::RSA_PKCS1_2048_8192_SHA256, input.as_bytes(), &decode(sig)?).ok()?;
        serde_json::from_slice(&decode(body)?).ok()
    }

    /// `header.payload.signature`, each part base64url: the header names RS256 and the
    /// signing key's `kid`.
    pub(super) fn sign(&self, claims: &IdTokenClaims) -> Result<String, SignError> {
        self.sign_as("JWT", claims)
    }

    /// The same for any claims, with this `typ` (`logout+jwt` for a logout token).
    pub(super) fn sign_as(&self, typ: &str, claims: &impl serde::Serialize) -> Result<String, SignError> {
        let header = json!({ "typ": typ, "alg": "RS256", "kid": self.kid });
        let payload = serde_json::to_vec(claims).map_err(|_| SignError)?;
        let input = format!("{}.{}", base64url(header.to_string().as_bytes()), base64url(&payload));
        let mut signature = vec![0; self.signing.public().modulus_len()];
        self.signing
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut signature)
            .map_err(|_| SignError)?;
        Ok(format!("{input}.{}", base64url(&signature)))
    }
}

/// Signing failed (the system's randomness, or claims that do not serialise).
#[derive(Debug)]
pub(super) struct SignError;

/// The key id (a hash of the public key) and the JWK of the public key.
fn public_jwk(key: &RsaKeyPair) -> (String, Value) {
    let public = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(key.public());
    let (n, e) = (base64url(strip_zeros(&public.n)), base64url(strip_zeros(&public.e)));
    let kid = hex(&Sha256::digest(format!("{n}.{e}").as_bytes()))[..16].to_owned();
    let jwk = json!({ "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": n, "e": e });
    (kid, jwk)
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|x| *x != 0).unwrap_or(b.len());
    &b[first..]
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::jwk::{Jwk, JwkSet};
    use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};

    use super::*;
    use crate::service::oidc::PersonClaims;

    const KEY: &str = include_str!("../../../../local/dev-keys/oidc-signing-key.pem");
    const RETIRED: &str = include_str!("../../../../tests/oidc-retired-test-key.pem");

    fn keys() -> Keys {
        let mut keys = Keys::new(&decode_key(KEY).unwrap()).unwrap();
        keys.retire(&decode_key(RETIRED).unwrap()).unwrap();
        keys
    }

    fn claims() -> IdTokenClaims {
        let now = chrono::Utc::now().timestamp();
        IdTokenClaims {
            iss: "https://pz.example".into(),
            aud: "ikp-demo".into(),
            exp: now + 600,
            iat: now,
            auth_time: now - 60,
            nonce: Some("n-1".into()),
            acr: crate::domain::oidc::ACR_SUBSTANTIAL.into(),
            amr: vec!["pwd".into(), "sms".into(), "mfa".into()],
            sid: "sid-1".into(),
            person: PersonClaims { sub: "pairwise".into(), profile: None, email: None, phone: None, pesel: None },
        }
    }

    /// What a relying service checks: the signature, the issuer, the audience, the expiry.
    fn verify(token: &str, key: &DecodingKey, audience: &str) -> Result<IdTokenClaims, jsonwebtoken::errors::Error> {
        super::super::ring_jwt::install().unwrap();
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&["https://pz.example"]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        decode::<IdTokenClaims>(token, key, &validation).map(|t| t.claims)
    }

    fn jwk_key(jwk: &Jwk) -> DecodingKey {
        super::super::ring_jwt::install().unwrap();
        DecodingKey::from_jwk(jwk).unwrap()
    }

    #[test]
    fn an_id_token_is_rs256_with_the_signing_keys_kid_and_verifies_against_the_jwks() {
        let keys = keys();
        let token = keys.sign(&claims()).unwrap();
        let header = decode_header(&token).unwrap();
        assert_eq!((header.alg, header.typ.as_deref()), (Algorithm::RS256, Some("JWT")));
        let jwks: JwkSet = serde_json::from_value(keys.jwks()).unwrap();
        let signer = jwks.find(header.kid.as_deref().unwrap()).expect("the kid is published");
        assert_eq!(signer, &jwks.keys[0], "the signing key comes first");
        assert_eq!(verify(&token, &jwk_key(signer), "ikp-demo").unwrap(), claims());
        // the same key as PKCS#1 DER, as ring gives it
        let pair = RsaKeyPair::from_pkcs8(&decode_key(KEY).unwrap()).unwrap();
        let der = DecodingKey::from_rsa_der(pair.public().as_ref());
        assert_eq!(verify(&token, &der, "ikp-demo").unwrap(), claims());
    }

    #[test]
    fn a_token_fails_for_another_key_audience_or_issuer_and_once_altered_or_expired() {
        let keys = keys();
        let jwks: JwkSet = serde_json::from_value(keys.jwks()).unwrap();
        let (current, retired) = (jwk_key(&jwks.keys[0]), jwk_key(&jwks.keys[1]));
        let token = keys.sign(&claims()).unwrap();
        assert!(verify(&token, &retired, "ikp-demo").is_err(), "the retired key signs nothing");
        assert!(verify(&token, &current, "inny").is_err(), "another audience");
        let foreign = keys.sign(&IdTokenClaims { iss: "https://evil.example".into(), ..claims() }).unwrap();
        assert!(verify(&foreign, &current, "ikp-demo").is_err(), "another issuer");
        let expired = keys.sign(&IdTokenClaims { exp: claims().iat - 3600, ..claims() }).unwrap();
        assert!(verify(&expired, &current, "ikp-demo").is_err(), "expired");
        let (head, rest) = token.split_once('.').unwrap();
        let other_payload = keys.sign(&IdTokenClaims { aud: "inny".into(), ..claims() }).unwrap();
        let swapped =
            format!("{head}.{}.{}", other_payload.split('.').nth(1).unwrap(), rest.split_once('.').unwrap().1);
        assert!(verify(&swapped, &current, "inny").is_err(), "a payload under another token's signature");
    }

    #[test]
    fn the_jwks_keeps_the_kid_n_and_e_of_each_key_and_publishes_a_key_once() {
        let keys = keys();
        let jwks = keys.jwks();
        let published = jwks["keys"].as_array().unwrap();
        assert_eq!(published.len(), 2);
        assert_eq!(published[0]["kid"], keys.kid());
        for jwk in published {
            let fields: Vec<&String> = jwk.as_object().unwrap().keys().collect();
            assert_eq!(fields, ["alg", "e", "kid", "kty", "n", "use"], "{jwk}");
            assert_eq!(
                (jwk["kty"].as_str(), jwk["alg"].as_str(), jwk["use"].as_str()),
                (Some("RSA"), Some("RS256"), Some("sig"))
            );
            assert_eq!(jwk["e"], "AQAB");
        }
        let mut again = Keys::new(&decode_key(KEY).unwrap()).unwrap();
        again.retire(&decode_key(KEY).unwrap()).unwrap();
        assert_eq!(again.jwks()["keys"].as_array().unwrap().len(), 1, "the signing key is not also retired");
        assert!(Keys::new(b"not a key").is_err());
    }
}
