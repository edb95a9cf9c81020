//! The OpenID Connect provider that lets relying services (IKP) sign citizens in through
//! the profile: authorization code flow with PKCE S256 required, `state` required,
//! `nonce` carried into the ID token, RS256-signed ID tokens with a key from
//! configuration, registered clients with exactly matching redirect URIs, pairwise
//! subject identifiers, claims by scope (names and birth date with `profile`, PESEL with
//! `pesel` and only for clients registered for it), `prompt=login`/`none` and `max_age`,
//! and a replayed code revoking what it gave.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::signin::history;
use super::Ctx;
use super::FlowError;
use crate::crypto::{constant_time_eq, hex, HashKey};
use crate::domain::oidc::{base64url, s256, valid_verifier, AccessToken, AuthCode};
use crate::domain::oidc::{ACCESS_TOKEN_LIFETIME, CODE_LIFETIME, ID_TOKEN_LIFETIME};
use crate::domain::{Account, AuditAction, CitizenSession, Token};
use crate::ports::{load, Random, RecordKey, RecordKind, RecordType, StoreError, Write};

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
        let old =
            RsaKeyPair::from_pkcs8(&decode_key(key)?).map_err(|e| format!("previous signing key rejected: {e}"))?;
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
            "scopes_supported": SCOPES,
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "given_name", "family_name", "birthdate", "pesel"],
            "prompt_values_supported": ["none", "login"],
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
        let input =
            format!("{}.{}", base64url(header.to_string().as_bytes()), base64url(claims.to_string().as_bytes()));
        let mut sig = vec![0u8; self.key.public().modulus_len()];
        self.key
            .sign(&RSA_PKCS1_SHA256, &self.rng, input.as_bytes(), &mut sig)
            .map_err(|_| FlowError::Store(StoreError::Corrupt("RSA signing failed".into())))?;
        Ok(format!("{input}.{}", base64url(&sig)))
    }

    /// The claims about the citizen that this client was granted (`scope`, as
    /// `granted_scope` made it): only `sub` for `openid` alone.
    fn person_claims(
        &self,
        keys: &HashKey,
        client: &Client,
        account: &Account,
        scope: &[String],
    ) -> Map<String, Value> {
        let has = |s: &str| scope.iter().any(|g| g == s);
        let mut m = Map::new();
        m.insert("sub".into(), json!(pairwise_subject(keys, &client.client_id, account)));
        if has("profile") {
            m.insert("given_name".into(), json!(account.first_name.as_str()));
            m.insert("family_name".into(), json!(account.last_name.as_str()));
            m.insert("birthdate".into(), json!(account.pesel.birth_date().format("%Y-%m-%d").to_string()));
        }
        // The PESEL holds the birth date and the sex: never without its own scope.
        if has("pesel") && client.pesel {
            m.insert("pesel".into(), json!(account.pesel.as_str()));
        }
        m
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|x| *x != 0).unwrap_or(b.len());
    &b[first..]
}

/// The scopes this provider knows (advertised in discovery).
const SCOPES: [&str; 3] = ["openid", "profile", "pesel"];

/// What a client gets of the scopes it asked for: the ones we know, `pesel` only if it is
/// registered for it, each once. The rest is dropped (RFC 6749 §3.3), and the token
/// response says what was granted.
fn granted_scope(client: &Client, asked: &[&str]) -> Vec<String> {
    let mut granted: Vec<String> = Vec::new();
    for s in asked {
        let known = SCOPES.contains(s) && (*s != "pesel" || client.pesel);
        if known && !granted.iter().any(|g| g == s) {
            granted.push((*s).to_owned());
        }
    }
    granted
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
    pub max_age: Option<String>,
    /// Ours: added to the authorize URL the sign-in page comes back to when the client
    /// asked for a fresh sign-in (`reauth_mark`).
    #[serde(rename = "pz_auth_after")]
    pub auth_after: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Authorize {
    /// Back to the client, with a code or an error.
    Redirect(String),
    /// The citizen must sign in (again); then the same authorize URL, with
    /// `pz_auth_after=<mark>` added when the sign-in must be newer than this request.
    SignIn { auth_after: Option<String> },
    /// The client or its redirect URI is unknown: never redirect there.
    Refuse(&'static str),
}

/// How long a citizen has to sign in again after a client asked for it (password, then an
/// SMS code valid 5 minutes or a push waiting 2).
const REAUTH_WINDOW: Duration = Duration::minutes(10);

/// `<milliseconds>.<mac>`: "the citizen must have signed in after this instant", bound to
/// the client and the request's `state` so that it cannot be moved to another request.
fn reauth_mark(keys: &HashKey, client: &Client, state: &str, at: DateTime<Utc>) -> String {
    let ms = at.timestamp_millis();
    let id = &client.client_id;
    format!("{ms}.{}", &keys.hash("oidc-reauth", &format!("{ms}:{}:{id}:{state}", id.len()))[..32])
}

/// The instant of a genuine, recent mark; `None` for a forged, foreign or stale one.
fn reauth_after(keys: &HashKey, client: &Client, state: &str, mark: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let at = DateTime::from_timestamp_millis(mark.split_once('.')?.0.parse().ok()?)?;
    let genuine = constant_time_eq(reauth_mark(keys, client, state, at).as_bytes(), mark.as_bytes());
    (genuine && at <= now && now - at <= REAUTH_WINDOW).then_some(at)
}

/// What the client asked about the sign-in's age (OIDC Core §3.1.2.1).
struct Freshness {
    login: bool,
    none: bool,
    max_age: Option<Duration>,
}

impl Freshness {
    fn parse(req: &AuthorizeRequest) -> Result<Self, &'static str> {
        let prompt: Vec<&str> = req.prompt.as_deref().unwrap_or("").split_whitespace().collect();
        let none = prompt.contains(&"none");
        if none && prompt.len() > 1 {
            return Err("prompt=none cannot be combined with other values");
        }
        let max_age = match req.max_age.as_deref() {
            None => None,
            Some(v) => Some(v.parse::<u32>().map_err(|_| "max_age must be a number of seconds")?),
        };
        // max_age=0 means "sign in now" (OIDC Core §3.1.2.1), as prompt=login does.
        Ok(Self {
            login: prompt.contains(&"login") || max_age == Some(0),
            none,
            max_age: max_age.map(i64::from).map(Duration::seconds),
        })
    }

    /// Whether the client asked for anything about the sign-in's age.
    fn asked(&self) -> bool {
        self.login || self.max_age.is_some()
    }

    /// Whether a session's sign-in satisfies the request: made after the mark (the
    /// citizen signed in again because of this request), or else, without `prompt=login`,
    /// no older than `max_age`.
    fn satisfied_by(&self, session: &CitizenSession, mark: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        if mark.is_some_and(|at| session.created_at >= at) {
            return true;
        }
        !self.login && self.max_age.is_none_or(|m| now - session.created_at <= m)
    }
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
    let asked: Vec<&str> = req.scope.as_deref().unwrap_or("").split_whitespace().collect();
    if !asked.contains(&"openid") {
        return error("invalid_scope", "scope must include openid");
    }
    let scope = granted_scope(client, &asked);
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
    let freshness = match Freshness::parse(req) {
        Ok(f) => f,
        Err(description) => return error("invalid_request", description),
    };
    let now = ctx.clock.now();
    let mark = req.auth_after.as_deref().and_then(|m| reauth_after(ctx.keys, client, state, m, now));
    let Some((session, account)) = signed_in.filter(|(session, _)| freshness.satisfied_by(session, mark, now)) else {
        if freshness.none {
            return error("login_required", "the citizen must sign in");
        }
        let auth_after = freshness.asked().then(|| reauth_mark(ctx.keys, client, state, now));
        return Ok(Authorize::SignIn { auth_after });
    };
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
        access_token_hash: None,
        version: 0,
    };
    let note = history(rng, now, &account.id, AuditAction::ServiceSignIn, &client.name);
    ctx.store.commit(vec![Write::CreateRecord(record.into_record()), note]).await?;
    tracing::info!(client = %client.client_id, account = %account.id, "authorization code issued");
    Ok(Authorize::Redirect(with_query(
        redirect_uri,
        &[("code", code.reveal()), ("state", state), ("iss", provider.issuer())],
    )))
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
        (Some(expected), Some(given)) => constant_time_eq(
            hex(&Sha256::digest(given.as_bytes())).as_bytes(),
            expected.to_ascii_lowercase().as_bytes(),
        ),
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
    let hash = code_hash(ctx.keys, code);
    let mut grant = load::<AuthCode>(ctx.store, &hash).await?.ok_or(OAuthError::InvalidGrant("unknown code"))?;
    if grant.used {
        // Whoever replays it (before any check of the client: the code leaked either way).
        return Err(revoke_replayed(ctx, grant).await);
    }
    if now >= grant.expires_at {
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
    let mut claims = provider.person_claims(ctx.keys, client, &account, &grant.scope);
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
    grant.access_token_hash = Some(record.token_hash.clone());
    // The code's version condition makes it single-use even under concurrent requests.
    match ctx
        .store
        .commit(vec![Write::UpdateRecord(grant.into_record()), Write::CreateRecord(record.into_record())])
        .await
    {
        Ok(()) => {}
        // Another request used it first: that is a replay too.
        Err(StoreError::Conflict(_)) => {
            return Err(match load::<AuthCode>(ctx.store, &hash).await {
                Ok(Some(winner)) if winner.used => revoke_replayed(ctx, winner).await,
                Ok(_) => OAuthError::InvalidGrant("code used or expired"),
                Err(e) => e.into(),
            })
        }
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

/// RFC 6749 §4.1.2: a code used twice was intercepted, so the access token it gave ends
/// too. Answers the error for the replay (or the store's failure).
async fn revoke_replayed(ctx: &Ctx<'_>, grant: AuthCode) -> OAuthError {
    tracing::warn!(client = %grant.client_id, account = %grant.account_id, "authorization code replayed: its access token is revoked");
    if let Some(token_hash) = grant.access_token_hash {
        let key = RecordKey { kind: RecordKind::AccessToken, id: token_hash };
        if let Err(e) = ctx.store.commit(vec![Write::DeleteRecord(key)]).await {
            return e.into();
        }
    }
    OAuthError::InvalidGrant("code used or expired")
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
    Ok(Value::Object(provider.person_claims(ctx.keys, client, &account, &token.scope)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ApplicationId, AuthMethod};

    fn keys() -> HashKey {
        HashKey::new(vec![7; 32]).unwrap()
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn client(pesel: bool) -> Client {
        Client { pesel, ..demo_client("https://pz.example") }
    }

    fn session(created_at: DateTime<Utc>) -> CitizenSession {
        let rng = crate::adapters::random::SeededRandom::new(1);
        CitizenSession {
            token_hash: "h".into(),
            account_id: ApplicationId::generate(&rng),
            created_at,
            last_seen: created_at,
            method: AuthMethod::Sms,
            version: 0,
        }
    }

    fn freshness(prompt: Option<&str>, max_age: Option<&str>) -> Result<Freshness, &'static str> {
        Freshness::parse(&AuthorizeRequest {
            prompt: prompt.map(Into::into),
            max_age: max_age.map(Into::into),
            ..Default::default()
        })
    }

    #[test]
    fn scopes_grant_only_what_is_known_and_pesel_only_to_clients_registered_for_it() {
        assert_eq!(granted_scope(&client(false), &["openid"]), ["openid"]);
        assert_eq!(
            granted_scope(&client(false), &["openid", "profile", "pesel", "email", "profile"]),
            ["openid", "profile"]
        );
        assert_eq!(granted_scope(&client(true), &["openid", "pesel"]), ["openid", "pesel"]);
    }

    #[test]
    fn prompt_login_and_max_age_zero_need_a_sign_in_after_the_mark() {
        let now = t0() + Duration::minutes(5);
        for f in [
            freshness(Some("login"), None).unwrap(),
            freshness(None, Some("0")).unwrap(),
            freshness(Some("consent login"), Some("900")).unwrap(),
        ] {
            assert!(f.asked());
            assert!(!f.satisfied_by(&session(now), None, now), "no mark: even a brand-new session is not enough");
            assert!(
                !f.satisfied_by(&session(t0()), Some(t0() + Duration::seconds(1)), now),
                "signed in before the mark"
            );
            assert!(f.satisfied_by(&session(t0() + Duration::seconds(1)), Some(t0() + Duration::seconds(1)), now));
        }
    }

    #[test]
    fn max_age_counts_from_the_sign_in_not_from_the_last_request() {
        let f = freshness(None, Some("300")).unwrap();
        assert!(f.satisfied_by(&session(t0()), None, t0() + Duration::seconds(300)));
        assert!(!f.satisfied_by(&session(t0()), None, t0() + Duration::seconds(301)));
        let none = freshness(None, None).unwrap();
        assert!(!none.asked() && none.satisfied_by(&session(t0()), None, t0() + Duration::hours(7)));
    }

    #[test]
    fn prompt_none_stands_alone_and_max_age_is_a_number_of_seconds() {
        assert!(freshness(Some("none"), None).unwrap().none);
        assert!(freshness(Some("none login"), None).is_err());
        for bad in ["-1", "1.5", "abc", "", "99999999999"] {
            assert!(freshness(None, Some(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_mark_counts_only_unaltered_for_its_client_and_state_and_for_ten_minutes() {
        let (k, c) = (keys(), client(false));
        let mark = reauth_mark(&k, &c, "s1", t0());
        assert_eq!(reauth_after(&k, &c, "s1", &mark, t0() + Duration::minutes(9)), Some(t0()));
        assert_eq!(reauth_after(&k, &c, "s2", &mark, t0()), None, "another request");
        let other = Client { client_id: "inny".into(), ..client(false) };
        assert_eq!(reauth_after(&k, &other, "s1", &mark, t0()), None, "another client");
        assert_eq!(reauth_after(&k, &c, "s1", &mark, t0() + Duration::minutes(11)), None, "stale");
        assert_eq!(reauth_after(&k, &c, "s1", &mark, t0() - Duration::seconds(1)), None, "from the future");
        let (_, mac) = mark.split_once('.').unwrap();
        let earlier = format!("{}.{mac}", (t0() - Duration::hours(1)).timestamp_millis());
        assert_eq!(reauth_after(&k, &c, "s1", &earlier, t0()), None, "time moved back");
        for junk in ["", ".", "x.y", "1.2.3", "١٢.ab"] {
            assert_eq!(reauth_after(&k, &c, "s1", junk, t0()), None, "{junk:?}");
        }
    }
}
