//! `POST /oauth2/token`: one code, once, for the client and redirect URI it was issued
//! to, with the PKCE verifier of its challenge; a code used twice revokes what it gave.

use crate::ports::Stored;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::assertion::{self, ASSERTION_TYPE};
use super::claims::{IdTokenClaims, PersonClaims};
use super::clients::{authenticated_by_secret, Client};
use super::{access_token_hash, code_hash, OAuthError, Provider};
use crate::domain::oidc::{s256, valid_verifier, AccessToken, AuthCode, UsedAssertion, ACCESS_TOKEN_LIFETIME};
use crate::domain::relying::ClientAuth;
use crate::domain::Token;
use crate::ports::{load, Random, RecordKey, RecordKind, RecordType, StoreError, Write};
use crate::service::Ctx;

/// The form of `POST /oauth2/token`.
#[derive(Debug, Default, Deserialize)]
pub struct TokenRequest {
    /// Only `authorization_code`.
    pub grant_type: Option<String>,
    pub code: Option<String>,
    /// The one the code was issued for, compared exactly.
    pub redirect_uri: Option<String>,
    /// `client_secret_post` (RFC 6749 §2.3.1); an `Authorization: Basic` header wins.
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// `private_key_jwt` (RFC 7523 §2.2): `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.
    pub client_assertion_type: Option<String>,
    pub client_assertion: Option<String>,
    /// PKCE (RFC 7636 §4.5): what the code's challenge is the S256 of.
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

/// `POST /oauth2/token`. `basic` is the client id and secret of an
/// `Authorization: Basic` header.
pub async fn token(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    provider: &Provider,
    req: &TokenRequest,
    basic: Option<(String, String)>,
) -> Result<TokenResponse, OAuthError> {
    if req.grant_type.as_deref() != Some("authorization_code") {
        return Err(OAuthError::UnsupportedGrantType);
    }
    let now = ctx.clock.now();
    let (client, spent) = authenticated_client(ctx, provider, req, basic.as_ref(), now).await?;
    if let Some(used) = spent {
        spend_assertion(ctx, used).await?;
    }
    let client = &client;
    let code = req.code.as_deref().filter(|c| !c.is_empty()).ok_or(OAuthError::InvalidRequest("code is required"))?;
    let verifier = req.code_verifier.as_deref().ok_or(OAuthError::InvalidRequest("code_verifier is required"))?;
    let hash = code_hash(ctx.keys, code);
    let grant = unused_grant(ctx, &hash).await?;
    check_grant(&grant, client, req.redirect_uri.as_deref(), verifier, now)?;
    let account = ctx.store.get_account(&grant.account_id).await?.ok_or(OAuthError::InvalidGrant("no such profile"))?;
    account.usable_at(now).map_err(|_| OAuthError::InvalidGrant("the profile cannot sign in"))?;
    if !account.service_allows(&client.client_id, grant.expires_at - crate::domain::oidc::CODE_LIFETIME) {
        return Err(OAuthError::InvalidGrant("the citizen revoked this service"));
    }

    let access = Token::generate(rng);
    let person = PersonClaims::granted(ctx.keys, client, &account, &grant.scope);
    let id_token = provider.sign_id_token(&IdTokenClaims::new(provider.issuer(), &grant, person, now))?;
    let record = AccessToken {
        token_hash: access_token_hash(ctx.keys, access.reveal()),
        client_id: client.client_id.clone(),
        account_id: account.id.clone(),
        scope: grant.scope.clone(),
        expires_at: now + ACCESS_TOKEN_LIFETIME,
        version: 0,
    };
    let scope = grant.scope.join(" ");
    redeem(ctx, grant, &hash, record).await?;
    Ok(TokenResponse {
        access_token: access.reveal().to_owned(),
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME.num_seconds(),
        id_token,
        scope,
    })
}

/// The client that proved it is itself as it is registered to: a `private_key_jwt`
/// assertion, or the client id in the `Authorization: Basic` header or else in the form
/// with its secret (or, public, none). With an assertion, also its `jti` to spend in the
/// same commit as the code.
async fn authenticated_client(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    provider: &Provider,
    req: &TokenRequest,
    basic: Option<&(String, String)>,
    now: DateTime<Utc>,
) -> Result<(Client, Option<UsedAssertion>), OAuthError> {
    if let Some(jwt) = req.client_assertion.as_deref() {
        if req.client_assertion_type.as_deref() != Some(ASSERTION_TYPE)
            || basic.is_some()
            || req.client_secret.is_some()
        {
            return Err(OAuthError::InvalidClient);
        }
        let id = assertion::claimed_client(jwt).ok_or(OAuthError::InvalidClient)?;
        if req.client_id.as_deref().is_some_and(|named| named != id) {
            return Err(OAuthError::InvalidClient);
        }
        let client = provider.client(ctx.store, &id).await?.ok_or(OAuthError::InvalidClient)?;
        if client.auth_method() != ClientAuth::PrivateKeyJwt {
            return Err(OAuthError::InvalidClient);
        }
        let verified = assertion::verify_with_keys_of(jwt, &client, provider.issuer(), now.timestamp()).await?;
        let used = UsedAssertion {
            id_hash: ctx.keys.hash("oidc-assertion", &format!("{}:{id}:{}", id.len(), verified.jti)),
            expires_at: DateTime::from_timestamp(verified.expires_at, 0).unwrap_or(now),
            version: 0,
        };
        return Ok((client, Some(used)));
    }
    let (client_id, secret) = match basic {
        Some((id, secret)) => (Some(id.as_str()), Some(secret.as_str())),
        None => (req.client_id.as_deref(), req.client_secret.as_deref()),
    };
    let client = match client_id {
        Some(id) => provider.client(ctx.store, id).await?.ok_or(OAuthError::InvalidClient)?,
        None => return Err(OAuthError::InvalidClient),
    };
    authenticated_by_secret(&client, secret).then_some((client, None)).ok_or(OAuthError::InvalidClient)
}

/// The grant of a known code not used yet. A used one is a replay, whoever sends it
/// (before any check of the client: the code leaked either way).
async fn unused_grant(ctx: &Ctx<'_, impl Stored + ?Sized>, hash: &str) -> Result<AuthCode, OAuthError> {
    let grant = load::<AuthCode>(ctx.store, hash).await?.ok_or(OAuthError::InvalidGrant("unknown code"))?;
    if grant.used {
        return Err(revoke_replayed(ctx, grant).await);
    }
    Ok(grant)
}

/// Whether the code may be redeemed: in time, by the client and for the redirect URI it
/// was issued to, with the verifier of its PKCE challenge (compared in constant time).
fn check_grant(
    grant: &AuthCode,
    client: &Client,
    redirect_uri: Option<&str>,
    verifier: &str,
    now: DateTime<Utc>,
) -> Result<(), OAuthError> {
    if now >= grant.expires_at {
        return Err(OAuthError::InvalidGrant("code used or expired"));
    }
    if grant.client_id != client.client_id || redirect_uri != Some(grant.redirect_uri.as_str()) {
        return Err(OAuthError::InvalidGrant("code issued to another client or redirect_uri"));
    }
    if !valid_verifier(verifier) || !bool::from(s256(verifier).as_bytes().ct_eq(grant.code_challenge.as_bytes())) {
        return Err(OAuthError::InvalidGrant("PKCE verification failed"));
    }
    Ok(())
}

/// Spends a client assertion's `jti` before anything else is done with the request: a
/// conditional create, so one assertion is accepted once however many arrive at once,
/// whatever becomes of the request it came with.
async fn spend_assertion(ctx: &Ctx<'_, impl Stored + ?Sized>, used: UsedAssertion) -> Result<(), OAuthError> {
    match ctx.store.commit(vec![Write::CreateRecord(used.into_record())]).await {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict(crate::ports::Condition::RecordExists(RecordKind::Assertion))) => {
            tracing::warn!("client assertion replayed (its jti was used)");
            Err(OAuthError::InvalidClient)
        }
        Err(e) => Err(e.into()),
    }
}

/// Marks the code used and keeps its access token, in one write whose version condition
/// on the code makes it single-use even under concurrent requests.
async fn redeem(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    mut grant: AuthCode,
    hash: &str,
    token: AccessToken,
) -> Result<(), OAuthError> {
    grant.used = true;
    grant.access_token_hash = Some(token.token_hash.clone());
    let writes = vec![Write::UpdateRecord(grant.into_record()), Write::CreateRecord(token.into_record())];
    match ctx.store.commit(writes).await {
        Ok(()) => Ok(()),
        // Another request used it first: that is a replay too.
        Err(StoreError::Conflict(_)) => Err(match load::<AuthCode>(ctx.store, hash).await {
            Ok(Some(winner)) if winner.used => revoke_replayed(ctx, winner).await,
            Ok(_) => OAuthError::InvalidGrant("code used or expired"),
            Err(e) => e.into(),
        }),
        Err(e) => Err(e.into()),
    }
}

/// RFC 6749 §4.1.2: a code used twice was intercepted, so the access token it gave ends
/// too. Answers the error for the replay (or the store's failure).
async fn revoke_replayed(ctx: &Ctx<'_, impl Stored + ?Sized>, grant: AuthCode) -> OAuthError {
    tracing::warn!(client = %grant.client_id, account = %grant.account_id, "authorization code replayed: its access token is revoked");
    if let Some(token_hash) = grant.access_token_hash {
        let key = RecordKey { kind: RecordKind::AccessToken, id: token_hash };
        if let Err(e) = ctx.store.commit(vec![Write::DeleteRecord(key)]).await {
            return e.into();
        }
    }
    OAuthError::InvalidGrant("code used or expired")
}
