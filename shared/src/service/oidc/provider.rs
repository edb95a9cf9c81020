//! The provider as configured (issuer, keys, registered clients) and what it publishes
//! about itself: the discovery document (OIDC Discovery §3) and the JWKS.

use serde_json::{json, Value};

use super::claims::{IdTokenClaims, SCOPES};
use super::clients::{configured_clients, Client};
use super::keys::{decode_key, Keys};
use crate::service::FlowError;

pub struct Provider {
    issuer: String,
    keys: Keys,
    clients: Vec<Client>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider").field("issuer", &self.issuer).field("kid", &self.keys.kid()).finish_non_exhaustive()
    }
}

impl Provider {
    pub fn new(issuer: &str, pkcs8_der: &[u8], clients: Vec<Client>) -> Result<Self, String> {
        Ok(Self { issuer: issuer.trim_end_matches('/').to_owned(), keys: Keys::new(pkcs8_der)?, clients })
    }

    /// Publishes a retired key's public half in the JWKS (PEM or base64 DER; empty: none).
    pub fn with_retired_key(mut self, key: &str) -> Result<Self, String> {
        if !key.trim().is_empty() {
            self.keys.retire(&decode_key(key)?)?;
        }
        Ok(self)
    }

    /// A key (PEM or base64 DER) and the clients as JSON (none or empty: the IKP demo).
    pub fn configured(public_url: &str, key: &str, clients: Option<&str>) -> Result<Self, String> {
        let clients = configured_clients(public_url, clients)?;
        Self::new(public_url, &decode_key(key)?, clients)
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.client_id == id)
    }

    pub fn discovery(&self) -> Value {
        let i = &self.issuer;
        json!({
            "issuer": i,
            "authorization_endpoint": format!("{i}/oauth2/authorize"),
            "token_endpoint": format!("{i}/oauth2/token"),
            "userinfo_endpoint": format!("{i}/oauth2/userinfo"),
            "jwks_uri": format!("{i}/oauth2/jwks.json"),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": SCOPES,
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "given_name", "family_name", "birthdate", "pesel"],
            "prompt_values_supported": ["none", "login"],
            "claims_parameter_supported": false,
            "request_parameter_supported": false,
            "ui_locales_supported": ["pl"],
        })
    }

    /// The signing key first, then the retired ones.
    pub fn jwks(&self) -> Value {
        self.keys.jwks()
    }

    /// The ID token: the claims signed with RS256, the signing key's `kid` in the header.
    pub(super) fn sign_id_token(&self, claims: &IdTokenClaims) -> Result<String, FlowError> {
        self.keys.sign(claims).map_err(|_| FlowError::Signing)
    }
}
