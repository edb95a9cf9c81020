//! The relying party to banks and Envelo (docs/rules.md §1.12): OpenID Connect through the
//! `openidconnect` crate — discovery, the authorization code flow with PKCE, `state` and
//! `nonce` bound to the browser, the ID token checked against the provider's JWKS (signature,
//! `iss`, `aud`, `exp`, `nonce`, algorithm). The provider vouches for the citizen's names
//! and PESEL: either a new profile is made from them (`/wniosek/bank`), or the profile with
//! that PESEL is signed in.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration as StdDuration, Instant};

use base64::Engine;
use chrono::{DateTime, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, HttpRequest, HttpResponse, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};

use super::application::unique_key;
use super::Ctx;
use crate::crypto::constant_time_eq;
use crate::domain::idp::{
    vouched_person, IdentityProvider, IdpState, Purpose, Vouched, STATE_VALID_FOR, VOUCHED_VALID_FOR,
};
use crate::domain::ids::random_base32;
use crate::domain::time::polish_date;
use crate::domain::{Account, Invalid, Token};
use crate::ports::{load, Random, RecordType, StoreError, Stored, UniqueKind, Write};

/// How long a provider's discovery document and keys are kept by a running function.
const DISCOVERY_TTL: StdDuration = StdDuration::from_secs(15 * 60);

/// Why a trip to a provider ended without a profile or a session; the pages show each in
/// Polish (`texts::idp`).
#[derive(Debug)]
pub enum IdpError {
    /// Discovery, the token request or the ID token's checks failed.
    ProviderFailed(String),
    /// The provider answered `error=…` (the citizen cancelled, or it refused).
    Cancelled,
    /// `state` unknown, used, expired, of another provider or of another browser.
    Stale,
    /// The vouched names or PESEL are missing or refused (a PESEL failing its checksum).
    Claims(Invalid),
    /// A sign-in, but no profile has this PESEL.
    NoProfile,
    /// A sign-in to a profile that cannot sign in now (awaiting its clerk, expired, closed,
    /// or its password blocked after "To nie ja").
    ProfileUnusable(crate::service::SignInRefusal),
    Store(StoreError),
}

impl IdpError {
    /// The code the page is sent back with (`?idp_error=`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::ProviderFailed(_) | Self::Store(_) => "provider_failed",
            Self::Cancelled => "cancelled",
            Self::Stale => "stale",
            Self::Claims(i) if i.code.starts_with("pesel") => "pesel_refused",
            Self::Claims(_) => "claims_missing",
            Self::NoProfile => "no_profile",
            Self::ProfileUnusable(crate::service::SignInRefusal::PasswordBlocked) => "password_blocked",
            Self::ProfileUnusable(_) => "profile_not_active",
        }
    }
}

impl From<StoreError> for IdpError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// Our callback at a provider, as registered there.
pub fn redirect_uri(public_url: &str, provider: &str) -> String {
    format!("{}/idp/{provider}/callback", public_url.trim_end_matches('/'))
}

fn state_hash(ctx: &Ctx<'_, impl Stored + ?Sized>, state: &str) -> String {
    ctx.keys.hash("idp-state", state)
}

fn browser_hash(ctx: &Ctx<'_, impl Stored + ?Sized>, token: &Token) -> String {
    ctx.keys.hash("idp-browser", token.reveal())
}

pub fn vouched_hash(keys: &crate::crypto::HashKey, token: &Token) -> String {
    keys.hash("idp-vouched", token.reveal())
}

/// Where the browser goes, and the `pz_idp_state` token that binds the trip to it.
pub struct Started {
    pub location: String,
    pub browser_token: Token,
}

/// `GET /idp/{provider}/start`: a new `state`, `nonce` and PKCE verifier, kept (hashed
/// state, bound to this browser) for 10 minutes; the browser is sent to the provider.
pub async fn start(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    provider: &IdentityProvider,
    purpose: Purpose,
    next: String,
) -> Result<Started, IdpError> {
    let client = client(ctx, provider).await?;
    let now = ctx.clock.now();
    let (state, nonce, verifier) = (random_base32(rng, 32), random_base32(rng, 32), random_base32(rng, 64));
    let browser_token = Token::generate(rng);
    let record = IdpState {
        state_hash: state_hash(ctx, &state),
        provider: provider.id.clone(),
        purpose,
        next,
        browser_hash: browser_hash(ctx, &browser_token),
        nonce: nonce.clone(),
        pkce_verifier: verifier.clone(),
        created_at: now,
        expires_at: now + STATE_VALID_FOR,
        used: false,
        version: 0,
    };
    ctx.store.commit(vec![Write::CreateRecord(record.into_record())]).await?;
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(verifier));
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || CsrfToken::new(state),
            move || Nonce::new(nonce),
        )
        .set_pkce_challenge(challenge);
    for scope in provider.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, _, _) = request.url();
    Ok(Started { location: url.to_string(), browser_token })
}

/// The provider's answer at our callback.
pub struct Callback<'a> {
    pub code: Option<&'a str>,
    pub state: Option<&'a str>,
    pub error: Option<&'a str>,
    /// The `pz_idp_state` cookie.
    pub browser: Option<&'a Token>,
}

/// Where a successful trip lands.
pub enum Landed {
    /// A new profile's form: the `pz_idp` token of the vouched identity.
    Vouched(Token),
    /// A profile signed in: its session token and where to go.
    SignedIn { session: Token, account: Box<Account>, next: String },
}

/// A trip that failed, and what it was for (the page to go back to): a sign-in unless the
/// stored state said otherwise.
pub struct Refused {
    pub error: IdpError,
    pub purpose: Purpose,
}

/// `GET /idp/{provider}/callback`: the state is spent first (once, this browser, this
/// provider, in time), then the code is exchanged with the PKCE verifier and the ID token
/// checked; the names and PESEL it vouches for make a form or a session.
pub async fn callback(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    provider: &IdentityProvider,
    answer: Callback<'_>,
) -> Result<Landed, Refused> {
    let mut purpose = Purpose::Login;
    trip(ctx, rng, provider, answer, &mut purpose).await.map_err(|error| Refused { error, purpose })
}

async fn trip(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    provider: &IdentityProvider,
    answer: Callback<'_>,
    purpose: &mut Purpose,
) -> Result<Landed, IdpError> {
    let now = ctx.clock.now();
    let state = answer.state.ok_or(IdpError::Stale)?;
    let hash = state_hash(ctx, state);
    let mut pending: IdpState = load(ctx.store, &hash).await?.ok_or(IdpError::Stale)?;
    *purpose = pending.purpose;
    let same_browser = answer
        .browser
        .is_some_and(|t| constant_time_eq(browser_hash(ctx, t).as_bytes(), pending.browser_hash.as_bytes()));
    if !same_browser || pending.used || pending.provider != provider.id || now >= pending.expires_at {
        return Err(IdpError::Stale);
    }
    // Used once: whoever marks it first goes on.
    pending.used = true;
    let spent = Write::UpdateRecord(pending.clone().into_record());
    match ctx.store.commit(vec![spent]).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Err(IdpError::Stale),
        Err(e) => return Err(e.into()),
    }
    if answer.error.is_some() {
        return Err(IdpError::Cancelled);
    }
    let code = answer.code.ok_or(IdpError::Cancelled)?;
    let claims = verified_claims(ctx, provider, code, &pending).await?;
    let text = |name: &str| claims.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let (first, last, pesel) = vouched_person(
        text(&provider.claims.first_name).as_deref(),
        text(&provider.claims.last_name).as_deref(),
        text(&provider.claims.pesel).as_deref(),
        polish_date(now),
    )
    .map_err(IdpError::Claims)?;
    match pending.purpose {
        Purpose::Create => {
            let token = Token::generate(rng);
            let vouched = Vouched {
                token_hash: vouched_hash(ctx.keys, &token),
                provider: provider.id.clone(),
                provider_name: provider.name.clone(),
                first_name: first,
                last_name: last,
                pesel,
                created_at: now,
                expires_at: now + VOUCHED_VALID_FOR,
                version: 0,
            };
            ctx.store.commit(vec![Write::CreateRecord(vouched.into_record())]).await?;
            Ok(Landed::Vouched(token))
        }
        Purpose::Login => {
            let key = unique_key(ctx.keys, UniqueKind::Pesel, pesel.as_str());
            let owner = ctx.store.claim_owner(&key).await?.ok_or(IdpError::NoProfile)?;
            let account = ctx.store.get_account(&owner).await?.ok_or(IdpError::NoProfile)?;
            let (session, account) =
                super::signin::vouched_session(ctx, rng, account, &provider.name).await.map_err(|e| match e {
                    super::FlowError::ProfileUnusable(why) => IdpError::ProfileUnusable(why),
                    other => IdpError::ProviderFailed(format!("session: {other}")),
                })?;
            Ok(Landed::SignedIn { session, account: Box::new(account), next: pending.next })
        }
    }
}

/// The vouched identity of a `pz_idp` token, while it waits for the form.
pub async fn vouched(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    token: Option<&Token>,
    now: DateTime<Utc>,
) -> Result<Option<Vouched>, StoreError> {
    let Some(token) = token else { return Ok(None) };
    let found: Option<Vouched> = load(ctx.store, &vouched_hash(ctx.keys, token)).await?;
    Ok(found.filter(|v| now < v.expires_at))
}

/// The code for tokens (client secret and PKCE verifier), then the ID token's checks; the
/// token's claims as the provider sent them (read after the checks passed on these bytes).
async fn verified_claims(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    provider: &IdentityProvider,
    code: &str,
    pending: &IdpState,
) -> Result<serde_json::Map<String, serde_json::Value>, IdpError> {
    use openidconnect::{OAuth2TokenResponse, TokenResponse};
    let failed = |what: &str, e: &dyn std::fmt::Display| IdpError::ProviderFailed(format!("{what}: {e}"));
    let client = client(ctx, provider).await?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| failed("token endpoint", &e))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&http)
        .await
        .map_err(|e| failed("token request", &e))?;
    let id_token = tokens.id_token().ok_or_else(|| IdpError::ProviderFailed("no ID token".into()))?;
    let verifier = client.id_token_verifier().set_allowed_algs([
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        CoreJwsSigningAlgorithm::RsaSsaPssSha256,
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    ]);
    id_token.claims(&verifier, &Nonce::new(pending.nonce.clone())).map_err(|e| failed("ID token", &e))?;
    let payload = id_token.to_string();
    let payload = payload.split('.').nth(1).unwrap_or("");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| failed("ID token payload", &e))?;
    let mut claims: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&bytes).map_err(|e| failed("ID token payload", &e))?;
    // Many providers put the profile's claims only at userinfo (OpenID Connect Core §5.4):
    // asked for with the access token, and taken only for the ID token's `sub`.
    let wanted = [&provider.claims.first_name, &provider.claims.last_name, &provider.claims.pesel];
    if wanted.iter().any(|name| !claims.contains_key(name.as_str())) {
        let metadata = metadata(provider).await?;
        if let Some(endpoint) = metadata.userinfo_endpoint() {
            let more = userinfo(endpoint.url().as_str(), tokens.access_token().secret()).await?;
            if more.get("sub") != claims.get("sub") || claims.get("sub").is_none() {
                return Err(IdpError::ProviderFailed("userinfo for another subject".into()));
            }
            for name in wanted {
                if let Some(v) = more.get(name.as_str()).filter(|_| !claims.contains_key(name.as_str())) {
                    claims.insert(name.clone(), v.clone());
                }
            }
        }
    }
    Ok(claims)
}

/// The userinfo endpoint's JSON claims (a signed or encrypted answer is not taken).
async fn userinfo(endpoint: &str, access_token: &str) -> Result<serde_json::Map<String, serde_json::Value>, IdpError> {
    let failed = |e: &dyn std::fmt::Display| IdpError::ProviderFailed(format!("userinfo: {e}"));
    let req = hyper::Request::get(endpoint)
        .header(hyper::header::AUTHORIZATION, format!("Bearer {access_token}"))
        .header(hyper::header::ACCEPT, "application/json")
        .body(Vec::new())
        .map_err(|e| failed(&e))?;
    let resp = http(req).await.map_err(|e| failed(&e))?;
    if !resp.status().is_success() {
        return Err(failed(&resp.status()));
    }
    serde_json::from_slice(resp.body()).map_err(|e| failed(&e))
}

type Discovered = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// The provider's client: its discovery document (and JWKS) fetched at most every 15
/// minutes by a running function.
async fn client(ctx: &Ctx<'_, impl Stored + ?Sized>, provider: &IdentityProvider) -> Result<Discovered, IdpError> {
    let metadata = metadata(provider).await?;
    let redirect = RedirectUrl::new(redirect_uri(ctx.public_url, &provider.id))
        .map_err(|e| IdpError::ProviderFailed(format!("redirect URI: {e}")))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

static DISCOVERY: OnceLock<Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>> = OnceLock::new();

async fn metadata(provider: &IdentityProvider) -> Result<CoreProviderMetadata, IdpError> {
    let cache = DISCOVERY.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(known) = cache.lock() {
        if let Some((at, m)) = known.get(&provider.issuer).filter(|(at, _)| at.elapsed() < DISCOVERY_TTL) {
            let _ = at;
            return Ok(m.clone());
        }
    }
    let issuer =
        IssuerUrl::new(provider.issuer.clone()).map_err(|e| IdpError::ProviderFailed(format!("issuer: {e}")))?;
    let fetched = CoreProviderMetadata::discover_async(issuer, &http)
        .await
        .map_err(|e| IdpError::ProviderFailed(format!("discovery: {e}")))?;
    if let Ok(mut known) = cache.lock() {
        known.insert(provider.issuer.clone(), (Instant::now(), fetched.clone()));
    }
    Ok(fetched)
}

/// The library's HTTP calls (`adapters::outbound`: https, or plain http to this machine;
/// no redirects; 4 seconds and 256 KiB).
async fn http(req: HttpRequest) -> Result<HttpResponse, std::io::Error> {
    crate::adapters::outbound::call(req).await
}
