//! A relying service registered with the OpenID Connect provider (docs/rules.md §6): who
//! it is, where it may be sent back to, what it may receive, and how it proves it is
//! itself at the token endpoint. The operator keeps them with `pz-rp` in the store; the
//! template's `OidcClients` list is only the seed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::crypto::hex;

/// The scopes a service may be registered for, beside `openid` (which every one has).
pub const SCOPES: [&str; 4] = ["profile", "email", "phone", "pesel"];

/// What a service is registered for unless the operator names more: the names and the
/// birth date, as every service had before scopes could be named (so an old seed list
/// widens nothing). Email, phone and the PESEL are granted by name.
fn default_scopes() -> Vec<String> {
    vec!["profile".to_owned()]
}

/// How a service authenticates at the token endpoint (OIDC Core §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuth {
    /// A public client (a browser or phone app): PKCE alone.
    None,
    ClientSecretBasic,
    ClientSecretPost,
    /// A JWT signed with one of the service's registered keys (RFC 7523), each `jti` once.
    PrivateKeyJwt,
}

impl ClientAuth {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::ClientSecretBasic => "client_secret_basic",
            Self::ClientSecretPost => "client_secret_post",
            Self::PrivateKeyJwt => "private_key_jwt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::None, Self::ClientSecretBasic, Self::ClientSecretPost, Self::PrivateKeyJwt]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// A registered relying service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub client_id: String,
    /// Shown to the citizen (consent, connected services) and in their history.
    pub name: String,
    /// Compared exactly (no prefix or wildcard matching).
    pub redirect_uris: Vec<String>,
    /// Where `/oauth2/logout` may send the browser back (RP-Initiated Logout 1.0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_logout_redirect_uris: Vec<String>,
    /// Where logout tokens are posted (Back-Channel Logout 1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backchannel_logout_uri: Option<String>,
    /// The scopes it may be granted beside `openid`.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// Unset: `client_secret_basic` (or `_post`) with a secret, `none` without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_endpoint_auth_method: Option<ClientAuth>,
    /// SHA-256 (hex) of the client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_sha256: Option<String>,
    /// Its public keys for `private_key_jwt`, as a JWKS (`{"keys":[…]}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks: Option<serde_json::Value>,
    /// Or where to fetch them (https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_uri: Option<String>,
    /// Seed lists written before `scopes`: `true` adds `pesel` (`scopes` says it now).
    #[serde(default, skip_serializing)]
    pub pesel: bool,
}

impl Client {
    /// A service as the operator or the seed list gives it, checked and with `pesel`
    /// folded into `scopes`.
    pub fn checked(mut self) -> Result<Self, String> {
        if self.pesel && !self.scopes.iter().any(|s| s == "pesel") {
            self.scopes.push("pesel".into());
        }
        self.pesel = false;
        let id_ok = (1..=64).contains(&self.client_id.len())
            && self.client_id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
        if !id_ok {
            return Err("client_id: 1 to 64 letters, digits, '-', '.' or '_'".into());
        }
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err("name: one line of 1 to 100 characters".into());
        }
        self.name = name.to_owned();
        if self.redirect_uris.is_empty() {
            return Err("at least one redirect URI".into());
        }
        for uri in &self.redirect_uris {
            check_redirect_uri(uri)?;
        }
        for uri in &self.post_logout_redirect_uris {
            check_uri(uri)?;
        }
        for uri in self.backchannel_logout_uri.iter().chain(&self.jwks_uri) {
            check_uri(uri)?;
        }
        if let Some(bad) = self.scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
            return Err(format!("scope {bad:?}: one of {}", SCOPES.join(", ")));
        }
        self.scopes.dedup();
        if let Some(h) = &self.secret_sha256 {
            if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err("secret_sha256: 64 hexadecimal digits".into());
            }
        }
        match (self.auth_method(), &self.secret_sha256, self.jwks.is_some() || self.jwks_uri.is_some()) {
            (ClientAuth::None, None, _) => {}
            (ClientAuth::None, Some(_), _) => return Err("a public client has no secret".into()),
            (ClientAuth::ClientSecretBasic | ClientAuth::ClientSecretPost, None, _) => {
                return Err("client_secret_basic and client_secret_post need secret_sha256".into())
            }
            (ClientAuth::PrivateKeyJwt, _, false) => return Err("private_key_jwt needs jwks or jwks_uri".into()),
            _ => {}
        }
        if let Some(jwks) = &self.jwks {
            if !jwks.get("keys").is_some_and(serde_json::Value::is_array) {
                return Err("jwks: a JSON Web Key Set, {\"keys\":[…]}".into());
            }
        }
        Ok(self)
    }

    pub fn auth_method(&self) -> ClientAuth {
        match (self.token_endpoint_auth_method, &self.secret_sha256) {
            (Some(m), _) => m,
            (None, Some(_)) => ClientAuth::ClientSecretBasic,
            (None, None) => ClientAuth::None,
        }
    }

    pub fn allows_redirect(&self, uri: &str) -> bool {
        self.redirect_uris.iter().any(|u| u == uri)
    }

    pub fn allows_post_logout_redirect(&self, uri: &str) -> bool {
        self.post_logout_redirect_uris.iter().any(|u| u == uri)
    }

    /// Whether it may be granted this scope.
    pub fn allows_scope(&self, scope: &str) -> bool {
        scope == "openid" || self.scopes.iter().any(|s| s == scope)
    }

    /// The secret whose SHA-256 it registered (RFC 6749 §2.3.1), compared in constant time.
    pub fn secret_matches(&self, given: &str) -> bool {
        let Some(expected) = &self.secret_sha256 else { return false };
        let given = hex(&Sha256::digest(given.as_bytes()));
        given.as_bytes().ct_eq(expected.to_ascii_lowercase().as_bytes()).into()
    }
}

/// A redirect URI: as `check_uri`, or a phone app's private-use scheme named after a
/// domain it owns (RFC 8252 §7.1: `pl.gov.ikp:/callback`).
fn check_redirect_uri(uri: &str) -> Result<(), String> {
    let scheme = uri.split_once(':').map(|(s, _)| s).unwrap_or("");
    let private_use = scheme.contains('.')
        && scheme.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b))
        && !uri.contains('#')
        && !uri.chars().any(char::is_whitespace);
    if private_use {
        return Ok(());
    }
    check_uri(uri)
}

/// https, or http to this machine (local runs and tests); no fragment, no user part.
fn check_uri(uri: &str) -> Result<(), String> {
    let bad = || format!("{uri:?}: an absolute https URI (http only to this machine), no fragment");
    let parsed: hyper::Uri = uri.parse().map_err(|_| bad())?;
    let https = parsed.scheme_str() == Some("https") && parsed.host().is_some_and(|h| !h.is_empty());
    let http_here = parsed.scheme_str() == Some("http") && super::idp::is_loopback(&parsed);
    let user_part = parsed.authority().is_some_and(|a| a.as_str().contains('@'));
    ((https || http_here) && !user_part && !uri.contains('#')).then_some(()).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(json: serde_json::Value) -> Result<Client, String> {
        serde_json::from_value::<Client>(json).map_err(|e| e.to_string())?.checked()
    }

    #[test]
    fn a_seed_without_scopes_gets_the_profile_and_pesel_true_adds_the_pesel() {
        let c = client(serde_json::json!({"client_id":"ikp","name":"IKP","redirect_uris":["https://ikp.example/cb"]}))
            .unwrap();
        assert_eq!(c.scopes, ["profile"], "an old seed widens nothing");
        assert!(c.allows_scope("openid") && c.allows_scope("profile") && !c.allows_scope("email"));
        assert!(!c.allows_scope("pesel"));
        assert_eq!(c.auth_method(), ClientAuth::None);
        let old = client(serde_json::json!({"client_id":"ikp","name":"IKP","redirect_uris":["https://ikp.example/cb"],"pesel":true,"secret_sha256":"ab".repeat(32)}))
            .unwrap();
        assert!(old.allows_scope("pesel"));
        assert_eq!(old.auth_method(), ClientAuth::ClientSecretBasic);
        let stored = serde_json::to_value(&old).unwrap();
        assert!(stored.get("pesel").is_none(), "scopes say it now: {stored}");
        assert_eq!(serde_json::from_value::<Client>(stored).unwrap(), old);
    }

    #[test]
    fn the_operator_hears_what_is_wrong_with_a_registration() {
        let base = serde_json::json!({"client_id":"ikp","name":"IKP","redirect_uris":["https://ikp.example/cb"]});
        let with = |k: &str, v: serde_json::Value| {
            let mut j = base.clone();
            j[k] = v;
            client(j)
        };
        assert!(with("client_id", "zły id".into()).is_err());
        assert!(with("name", " ".into()).is_err());
        assert!(with("redirect_uris", serde_json::json!([])).is_err());
        assert!(with("redirect_uris", serde_json::json!(["http://ikp.example/cb"])).is_err(), "plain http");
        assert!(with("redirect_uris", serde_json::json!(["http://127.0.0.1:3000/cb"])).is_ok());
        assert!(with("redirect_uris", serde_json::json!(["https://ikp.example/cb#x"])).is_err());
        assert!(with("redirect_uris", serde_json::json!(["pl.gov.ikp:/callback"])).is_ok(), "a phone app's");
        assert!(with("redirect_uris", serde_json::json!(["javascript:alert(1)"])).is_err());
        assert!(with("post_logout_redirect_uris", serde_json::json!(["pl.gov.ikp:/out"])).is_err());
        assert!(with("backchannel_logout_uri", "https://u:p@ikp.example/bc".into()).is_err());
        assert!(with("scopes", serde_json::json!(["profile", "address"])).is_err());
        assert!(with("token_endpoint_auth_method", "private_key_jwt".into()).is_err(), "no keys");
        assert!(with("token_endpoint_auth_method", "client_secret_post".into()).is_err(), "no secret");
        assert!(with("secret_sha256", "abc".into()).is_err());
        assert!(with("jwks", serde_json::json!({"kty":"RSA"})).is_err());
        let jwt = {
            let mut j = base.clone();
            j["token_endpoint_auth_method"] = "private_key_jwt".into();
            j["jwks"] = serde_json::json!({"keys":[]});
            client(j).unwrap()
        };
        assert_eq!(jwt.auth_method(), ClientAuth::PrivateKeyJwt);
        assert!(client(serde_json::json!({"client_id":"a","name":"A","redirect_uris":["https://a.example"],"x":1}))
            .is_err());
    }

    #[test]
    fn a_secret_is_compared_with_its_registered_hash_in_any_case() {
        let registered = hex(&Sha256::digest(b"s3cret")).to_ascii_uppercase();
        let c = client(serde_json::json!({"client_id":"a","name":"A","redirect_uris":["https://a.example"],"secret_sha256":registered}))
            .unwrap();
        assert!(c.secret_matches("s3cret"));
        for wrong in ["", "s3cret ", "S3cret"] {
            assert!(!c.secret_matches(wrong), "{wrong:?}");
        }
    }
}
