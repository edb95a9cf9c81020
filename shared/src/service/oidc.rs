//! The OpenID Connect provider that lets relying services (IKP) sign citizens in through
//! the profile: authorization code flow with PKCE S256 required, `state` required,
//! `nonce` carried into the ID token, RS256-signed ID tokens with a key from
//! configuration, registered clients with exactly matching redirect URIs, pairwise
//! subject identifiers, and PESEL only for clients registered for it.

use base64::Engine;
use chrono::{DateTime, Utc};
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::application::Ctx;
use super::signin::history;
use super::FlowError;
use crate::crypto::{constant_time_eq, hex, HashKey};
use crate::domain::oidc::{base64url, s256, valid_verifier, AccessToken, AuthCode};
use crate::domain::oidc::{ACCESS_TOKEN_LIFETIME, CODE_LIFETIME, ID_TOKEN_LIFETIME};
use crate::domain::{Account, AuditAction, CitizenSession, Token};
use crate::ports::{load, Random, RecordType, StoreError, Write};

/// A registered relying service.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub client_id: String,
    /// Shown to the citizen and in their history.
    pub name: String,
    /// Compared exactly (no prefix or wildcard matching).
    pub redirect_uris: Vec<String>,
    /// SHA-256 (hex) of the client secret; none for a public client (PKCE only).
    #[serde(default)]
    pub secret_sha256: Option<String>,
    /// Whether the client may receive the `pesel` claim.
    #[serde(default)]
    pub pesel: bool,
}

/// The demo IKP registered when `PZ_OIDC_CLIENTS` is not set: a public client.
pub fn demo_client(public_url: &str) -> Client {
    Client {
        client_id: "ikp-demo".into(),
        name: "Internetowe Konto Pacjenta (demo)".into(),
        redirect_uris: vec![format!("{}/ikp/callback", public_url.trim_end_matches('/'))],
        secret_sha256: None,
        pesel: false,
    }
}

pub struct Provider {
    issuer: String,
    key: RsaKeyPair,
    kid: String,
    n: String,
    e: String,
    /// Public halves of retired keys, still in the JWKS while tokens they signed live
    /// (key rotation: README runbook). Never used to sign.
    retired: Vec<Value>,
    clients: Vec<Client>,
    rng: ring::rand::SystemRandom,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider").field("issuer", &self.issuer).field("kid", &self.kid).finish_non_exhaustive()
    }
}

/// The key id (a hash of the public key), modulus and exponent, base64url.
fn public_parts(key: &RsaKeyPair) -> (String, String, String) {
    let public = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(key.public());
    let (n, e) = (base64url(strip_zeros(&public.n)), base64url(strip_zeros(&public.e)));
    let kid = hex(&Sha256::digest(format!("{n}.{e}").as_bytes()))[..16].to_owned();
    (kid, n, e)
}

fn jwk(kid: &str, n: &str, e: &str) -> Value {
    json!({ "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": n, "e": e })
}

/// A PKCS#8 key as PEM (`-----BEGIN PRIVATE KEY-----`) or as one line of base64 DER.
pub fn decode_key(text: &str) -> Result<Vec<u8>, String> {
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).map(str::trim).collect();
    base64::engine::general_purpose::STANDARD.decode(body).map_err(|e| format!("signing key is not base64: {e}"))
}

impl Provider {
    pub fn new(issuer: &str, pkcs8_der: &[u8], clients: Vec<Client>) -> Result<Self, String> {
        let key = RsaKeyPair::from_pkcs8(pkcs8_der).map_err(|e| format!("signing key rejected: {e}"))?;
        let (kid, n, e) = public_parts(&key);
        Ok(Self {
            issuer: issuer.trim_end_matches('/').to_owned(),
            key,
            kid,
            n,
            e,
            retired: Vec::new(),
            clients,
            rng: ring::rand::SystemRandom::new(),
        })
    }

    /// Publishes a retired key's public half in the JWKS (PEM or base64 DER; empty: none).
    pub fn with_retired_key(mut self, key: &str) -> Result<Self, String> {
        if key.trim().is_empty() {
            return Ok(self);
        }
        let old = RsaKeyPair::from_pkcs8(&decode_key(key)?).map_err(|e| format!("previous signing key rejected: {e}"))?;
        let (kid, n, e) = public_parts(&old);
        if kid != self.kid {
            self.retired.push(jwk(&kid, &n, &e));
        }
        Ok(self)
    }

    /// A key (PEM or base64 DER) and the clients as JSON (none or empty: the IKP demo).
    pub fn configured(public_url: &str, key: &str, clients: Option<&str>) -> Result<Self, String> {
        let clients = match clients.filter(|v| !v.trim().is_empty()) {
            Some(json) => serde_json::from_str(json).map_err(|e| format!("PZ_OIDC_CLIENTS is invalid: {e}"))?,
            None => vec![demo_client(public_url)],
        };
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
            "scopes_supported": ["openid", "profile"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "given_name", "family_name", "birthdate", "pesel"],
            "claims_parameter_supported": false,
            "request_parameter_supported": false,
            "ui_locales_supported": ["pl"],
        })
    }

    pub fn jwks(&self) -> Value {
        let mut keys = vec![jwk(&self.kid, &self.n, &self.e)];
        keys.extend(self.retired.iter().cloned());
        json!({ "keys": keys })
    }

    fn sign(&self, claims: &Value) -> Result<String, FlowError> {
        let header = json!({ "alg": "RS256", "typ": "JWT", "kid": self.kid });
        let input = format!("{}.{}", base64url(header.to_string().as_bytes()), base64url(claims.to_string().as_bytes()));
        let mut sig = vec![0u8; self.key.public().modulus_len()];
        self.key
            .sign(&RSA_PKCS1_SHA256, &self.rng, input.as_bytes(), &mut sig)
            .map_err(|_| FlowError::Store(StoreError::Corrupt("RSA signing failed".into())))?;
        Ok(format!("{input}.{}", base64url(&sig)))
    }

    /// The claims about the citizen this client may see.
    fn person_claims(&self, keys: &HashKey, client: &Client, account: &Account) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("sub".into(), json!(pairwise_subject(keys, &client.client_id, account)));
        m.insert("given_name".into(), json!(account.first_name.as_str()));
        m.insert("family_name".into(), json!(account.last_name.as_str()));
        m.insert("birthdate".into(), json!(account.pesel.birth_date().format("%Y-%m-%d").to_string()));
        if client.pesel {
            m.insert("pesel".into(), json!(account.pesel.as_str()));
        }
        m
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|x| *x != 0).unwrap_or(b.len());
    &b[first..]
}

/// A different, stable `sub` for each client: services cannot join their records by it.
pub fn pairwise_subject(keys: &HashKey, client_id: &str, account: &Account) -> String {
    keys.hash("oidc-subject", &format!("{client_id}:{}", account.id))[..32].to_owned()
}

fn code_hash(keys: &HashKey, code: &str) -> String {
    keys.hash("oidc-code", code)
}

fn access_token_hash(keys: &HashKey, token: &str) -> String {
    keys.hash("oidc-access-token", token)
}

/// The query of `GET /oauth2/authorize`.
#[derive(Debug, Default, Deserialize)]
pub struct AuthorizeRequest {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub prompt: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Authorize {
    /// Back to the client, with a code or an error.
    Redirect(String),
    /// The citizen must sign in first; then the same authorize URL again.
    SignIn,
    /// The client or its redirect URI is unknown: never redirect there.
    Refuse(&'static str),
}

fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{query}")
}

/// `GET /oauth2/authorize`.
pub async fn authorize(
    ctx: &Ctx<'_>,
    rng: &dyn Random,
    provider: &Provider,
    req: &AuthorizeRequest,
    signed_in: Option<(CitizenSession, Account)>,
) -> Result<Authorize, FlowError> {
    let Some(client) = req.client_id.as_deref().and_then(|id| provider.client(id)) else {
        return Ok(Authorize::Refuse("unknown_client"));
    };
    let Some(redirect_uri) = req.redirect_uri.as_deref().filter(|r| client.redirect_uris.iter().any(|u| u == r)) else {
        return Ok(Authorize::Refuse("bad_redirect_uri"));
    };
    let state = req.state.as_deref().unwrap_or("");
    let error = |code: &str, description: &str| {
        let mut p = vec![("error", code), ("error_description", description), ("iss", provider.issuer())];
        if !state.is_empty() {
            p.push(("state", state));
        }
        Ok(Authorize::Redirect(with_query(redirect_uri, &p)))
    };
    if req.response_type.as_deref() != Some("code") {
        return error("unsupported_response_type", "only response_type=code");
    }
    let scope: Vec<String> = req.scope.as_deref().unwrap_or("").split_whitespace().map(str::to_owned).collect();
    if !scope.iter().any(|s| s == "openid") {
        return error("invalid_scope", "scope must include openid");
    }
    if state.is_empty() || state.len() > 512 {
        return error("invalid_request", "state is required");
    }
    if req.nonce.as_deref().is_some_and(|n| n.len() > 512) {
        return error("invalid_request", "nonce too long");
    }
    let challenge = req.code_challenge.as_deref().unwrap_or("");
    if req.code_challenge_method.as_deref() != Some("S256") || challenge.len() != 43 {
        return error("invalid_request", "PKCE with code_challenge_method=S256 is required");
    }
    let Some((session, account)) = signed_in else {
        return if req.prompt.as_deref() == Some("none") { error("login_required", "not signed in") } else { Ok(Authorize::SignIn) };
    };
    let now = ctx.clock.now();
    let code = Token::generate(rng);
    let record = AuthCode {
        code_hash: code_hash(ctx.keys, code.reveal()),
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.to_owned(),
        account_id: account.id.clone(),
        code_challenge: challenge.to_owned(),
        nonce: req.nonce.clone(),
        scope,
        auth_time: session.created_at,
        expires_at: now + CODE_LIFETIME,
        used: false,
        version: 0,
    };
    let note = history(rng, now, &account.id, AuditAction::ServiceSignIn, &client.name);
    ctx.store.commit(vec![Write::CreateRecord(record.into_record()), note]).await?;
    tracing::info!(client = %client.client_id, account = %account.id, "authorization code issued");
    Ok(Authorize::Redirect(with_query(redirect_uri, &[("code", code.reveal()), ("state", state), ("iss", provider.issuer())])))
}

/// The form of `POST /oauth2/token`.
#[derive(Debug, Default, Deserialize)]
pub struct TokenRequest {
    pub grant_type: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub code_verifier: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub id_token: String,
    pub scope: String,
}

/// OAuth errors (RFC 6749 §5.2), answered as `{"error": …}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthError {
    InvalidRequest(&'static str),
    InvalidClient,
    InvalidGrant(&'static str),
    UnsupportedGrantType,
    InvalidToken,
    Unavailable,
}

impl From<StoreError> for OAuthError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store failure in the OIDC provider");
        Self::Unavailable
    }
}

impl From<FlowError> for OAuthError {
    fn from(e: FlowError) -> Self {
        match e {
            FlowError::Store(s) => s.into(),
            _ => Self::InvalidGrant("the profile cannot sign in"),
        }
    }
}

fn client_authenticated(client: &Client, secret: Option<&str>) -> bool {
    match (&client.secret_sha256, secret) {
        (None, None) => true,
        (Some(expected), Some(given)) => {
            constant_time_eq(hex(&Sha256::digest(given.as_bytes())).as_bytes(), expected.to_ascii_lowercase().as_bytes())
        }
        _ => false,
    }
}

/// `POST /oauth2/token`: one code, once, for the client and redirect URI it was issued
/// to, with the PKCE verifier of its challenge. `basic` is the client id and secret of
/// an `Authorization: Basic` header.
pub async fn token(
    ctx: &Ctx<'_>,
    rng: &dyn Random,
    provider: &Provider,
    req: &TokenRequest,
    basic: Option<(String, String)>,
) -> Result<TokenResponse, OAuthError> {
    if req.grant_type.as_deref() != Some("authorization_code") {
        return Err(OAuthError::UnsupportedGrantType);
    }
    let (client_id, secret) = match &basic {
        Some((id, secret)) => (Some(id.as_str()), Some(secret.as_str())),
        None => (req.client_id.as_deref(), req.client_secret.as_deref()),
    };
    let client = client_id.and_then(|id| provider.client(id)).ok_or(OAuthError::InvalidClient)?;
    if !client_authenticated(client, secret) {
        return Err(OAuthError::InvalidClient);
    }
    let code = req.code.as_deref().filter(|c| !c.is_empty()).ok_or(OAuthError::InvalidRequest("code is required"))?;
    let verifier = req.code_verifier.as_deref().ok_or(OAuthError::InvalidRequest("code_verifier is required"))?;
    let now = ctx.clock.now();
    let mut grant = load::<AuthCode>(ctx.store, &code_hash(ctx.keys, code))
        .await?
        .ok_or(OAuthError::InvalidGrant("unknown code"))?;
    if grant.used || now >= grant.expires_at {
        return Err(OAuthError::InvalidGrant("code used or expired"));
    }
    if grant.client_id != client.client_id || req.redirect_uri.as_deref() != Some(grant.redirect_uri.as_str()) {
        return Err(OAuthError::InvalidGrant("code issued to another client or redirect_uri"));
    }
    if !valid_verifier(verifier) || !constant_time_eq(s256(verifier).as_bytes(), grant.code_challenge.as_bytes()) {
        return Err(OAuthError::InvalidGrant("PKCE verification failed"));
    }
    let account = ctx.store.get_account(&grant.account_id).await?.ok_or(OAuthError::InvalidGrant("no such profile"))?;
    account.usable_at(now).map_err(|_| OAuthError::InvalidGrant("the profile cannot sign in"))?;

    let access = Token::generate(rng);
    let mut claims = provider.person_claims(ctx.keys, client, &account);
    claims.insert("iss".into(), json!(provider.issuer()));
    claims.insert("aud".into(), json!(client.client_id));
    claims.insert("iat".into(), json!(now.timestamp()));
    claims.insert("exp".into(), json!((now + ID_TOKEN_LIFETIME).timestamp()));
    claims.insert("auth_time".into(), json!(grant.auth_time.timestamp()));
    if let Some(nonce) = &grant.nonce {
        claims.insert("nonce".into(), json!(nonce));
    }
    let id_token = provider.sign(&Value::Object(claims))?;
    let scope = grant.scope.join(" ");
    let record = AccessToken {
        token_hash: access_token_hash(ctx.keys, access.reveal()),
        client_id: client.client_id.clone(),
        account_id: account.id.clone(),
        scope: grant.scope.clone(),
        expires_at: now + ACCESS_TOKEN_LIFETIME,
        version: 0,
    };
    grant.used = true;
    // The code's version condition makes it single-use even under concurrent requests.
    match ctx.store.commit(vec![Write::UpdateRecord(grant.into_record()), Write::CreateRecord(record.into_record())]).await {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => return Err(OAuthError::InvalidGrant("code used or expired")),
        Err(e) => return Err(e.into()),
    }
    Ok(TokenResponse {
        access_token: access.reveal().to_owned(),
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME.num_seconds(),
        id_token,
        scope,
    })
}

/// `GET /oauth2/userinfo` with `Authorization: Bearer <access token>`.
pub async fn userinfo(ctx: &Ctx<'_>, provider: &Provider, bearer: Option<&str>) -> Result<Value, OAuthError> {
    let bearer = bearer.ok_or(OAuthError::InvalidToken)?;
    let now: DateTime<Utc> = ctx.clock.now();
    let token = load::<AccessToken>(ctx.store, &access_token_hash(ctx.keys, bearer))
        .await?
        .filter(|t| now < t.expires_at)
        .ok_or(OAuthError::InvalidToken)?;
    let client = provider.client(&token.client_id).ok_or(OAuthError::InvalidToken)?;
    let account = ctx.store.get_account(&token.account_id).await?.ok_or(OAuthError::InvalidToken)?;
    account.usable_at(now).map_err(|_| OAuthError::InvalidToken)?;
    Ok(Value::Object(provider.person_claims(ctx.keys, client, &account)))
}
