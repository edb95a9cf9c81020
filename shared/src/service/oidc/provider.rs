//! The provider as configured (issuer, keys, registered clients) and what it publishes
//! about itself: the discovery document (OIDC Discovery §3) and the JWKS.

use serde_json::{json, Value};

use super::claims::{IdTokenClaims, SCOPES};
use super::clients::{configured_clients, find_client, Client};
use super::keys::{decode_key, Keys};
use crate::domain::oidc::ACR_VALUES;
use crate::ports::{Store, StoreError};
use crate::service::FlowError;

pub struct Provider {
    issuer: String,
    keys: Keys,
    /// The seed list; the store's registry comes first.
    seeds: Vec<Client>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider").field("issuer", &self.issuer).field("kid", &self.keys.kid()).finish_non_exhaustive()
    }
}

impl Provider {
    pub fn new(issuer: &str, pkcs8_der: &[u8], clients: Vec<Client>) -> Result<Self, String> {
        Ok(Self { issuer: issuer.trim_end_matches('/').to_owned(), keys: Keys::new(pkcs8_der)?, seeds: clients })
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

    /// The seed list's service with this id (the store's registration comes first).
    pub(super) fn seed(&self, id: &str) -> Option<&Client> {
        self.seeds.iter().find(|c| c.client_id == id)
    }

    /// The registered service with this id (the store's registration, else the seed's).
    pub async fn client(&self, store: &(impl Store + ?Sized), id: &str) -> Result<Option<Client>, StoreError> {
        find_client(store, &self.seeds, id).await
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
            "end_session_endpoint": format!("{i}/oauth2/logout"),
            "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["RS256", "PS256", "ES256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": SCOPES,
            "claims_supported": [
                "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "sid",
                "given_name", "family_name", "birthdate", "email", "email_verified",
                "phone_number", "phone_number_verified", "pesel",
            ],
            "acr_values_supported": ACR_VALUES,
            "prompt_values_supported": ["none", "login", "consent"],
            "backchannel_logout_supported": true,
            "backchannel_logout_session_supported": true,
            "frontchannel_logout_supported": false,
            "authorization_response_iss_parameter_supported": true,
            "claims_parameter_supported": false,
            "request_parameter_supported": false,
            "ui_locales_supported": ["pl", "en", "uk"],
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

    /// A logout token (`typ` `logout+jwt`, Back-Channel Logout 1.0 §2.4).
    pub(super) fn sign_logout_token(&self, claims: &super::logout::LogoutTokenClaims) -> Result<String, FlowError> {
        self.keys.sign_as("logout+jwt", claims).map_err(|_| FlowError::Signing)
    }

    /// The claims of a token we issued (an `id_token_hint`, a logout token): signed by one of our keys,
    /// with our issuer; expired is fine (RP-Initiated Logout 1.0 §2).
    pub fn verified_own(&self, token: &str) -> Option<Value> {
        let claims = self.keys.verified_claims(token)?;
        (claims.get("iss").and_then(Value::as_str) == Some(self.issuer.as_str())).then_some(claims)
    }

    /// An ID token we issued (`id_token_hint`): ours, and not a logout token (which has
    /// `events`).
    pub(super) fn verified_id_token(&self, token: &str) -> Option<Value> {
        self.verified_own(token).filter(|c| c.get("events").is_none())
    }
}
