//! What the OpenID Connect provider keeps: one-time authorization codes (bound to the
//! client, the redirect URI and the PKCE challenge) and access tokens for userinfo.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::{ApplicationId, AuthMethod, CitizenSession};

pub const CODE_LIFETIME: Duration = Duration::seconds(60);
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(10);
pub const ID_TOKEN_LIFETIME: Duration = Duration::minutes(10);

/// eIDAS levels of assurance as `acr` values (Commission Implementing Regulation
/// 2015/1502). Every way of signing in here is "substantial": a password with an SMS code
/// or an approval in the app, or a bank or Envelo at "substantial" or "high".
pub const ACR_SUBSTANTIAL: &str = "http://eidas.europa.eu/LoA/substantial";
pub const ACR_LOW: &str = "http://eidas.europa.eu/LoA/low";
/// What this provider can meet (discovery's `acr_values_supported`); "high" it cannot.
pub const ACR_VALUES: [&str; 2] = [ACR_LOW, ACR_SUBSTANTIAL];

/// The level a session was signed in at.
pub fn acr(_session: &CitizenSession) -> &'static str {
    ACR_SUBSTANTIAL
}

/// How a session was signed in, as RFC 8176 names methods: a password and an SMS code;
/// a password and an approval in the app on another channel (`mca`); or federated
/// through a bank or Envelo (`fed`, which RFC 8176 leaves to us to name).
pub fn amr(session: &CitizenSession) -> Vec<String> {
    let methods: &[&str] = match (&session.via, session.method) {
        (Some(_), _) => &["fed"],
        (None, AuthMethod::Sms) => &["pwd", "sms", "mfa"],
        (None, AuthMethod::Push) => &["pwd", "mca", "mfa"],
    };
    methods.iter().map(|m| (*m).to_owned()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuthCode {
    pub code_hash: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub account_id: ApplicationId,
    pub code_challenge: String,
    #[serde(default)]
    pub nonce: Option<String>,
    pub scope: Vec<String>,
    /// When the citizen authenticated (the session's start).
    pub auth_time: DateTime<Utc>,
    /// The session's id for this service (`sid`: back-channel logout names it).
    #[serde(default)]
    pub sid: String,
    #[serde(default)]
    pub acr: String,
    #[serde(default)]
    pub amr: Vec<String>,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
    /// The hash of the access token issued for this code, so that a replay of the code
    /// can revoke it (RFC 6749 §4.1.2). The record outlives the token (storage keeps it a
    /// day past `expires_at`).
    #[serde(default)]
    pub access_token_hash: Option<String>,
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AccessToken {
    pub token_hash: String,
    pub client_id: String,
    pub account_id: ApplicationId,
    pub scope: Vec<String>,
    pub expires_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

/// A `private_key_jwt` assertion once used: kept by the keyed hash of its client and
/// `jti` until it expires, so that it is never accepted twice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UsedAssertion {
    pub id_hash: String,
    pub expires_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

/// RFC 7636: 43–128 characters of `[A-Za-z0-9-._~]`.
pub fn valid_verifier(v: &str) -> bool {
    (43..=128).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// `BASE64URL(SHA256(verifier))`, the S256 code challenge.
pub fn s256(verifier: &str) -> String {
    base64url(&Sha256::digest(verifier.as_bytes()))
}

pub fn base64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_the_example_of_rfc_7636() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(valid_verifier(verifier));
        assert_eq!(s256(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert!(!valid_verifier("short"));
        assert!(!valid_verifier(&"a".repeat(129)));
        assert!(!valid_verifier(&format!("{}+", "a".repeat(43))));
    }
}
