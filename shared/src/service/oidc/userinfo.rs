//! `GET /oauth2/userinfo` (OIDC Core §5.3): the granted claims for a live access token
//! of a profile that can still sign in.

use crate::ports::Stored;
use serde_json::Value;

use super::claims::PersonClaims;
use super::{access_token_hash, OAuthError, Provider};
use crate::domain::oidc::AccessToken;
use crate::ports::{load, Found, ItemKey};
use crate::service::Ctx;

/// `GET /oauth2/userinfo` with `Authorization: Bearer <access token>`.
pub async fn userinfo(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    provider: &Provider,
    bearer: Option<&str>,
) -> Result<Value, OAuthError> {
    let bearer = bearer.ok_or(OAuthError::InvalidToken)?;
    let now = ctx.clock.now();
    let token = load::<AccessToken>(ctx.store, &access_token_hash(ctx.keys, bearer))
        .await?
        .filter(|t| now < t.expires_at)
        .ok_or(OAuthError::InvalidToken)?;
    // The registration and the profile in one read.
    let found = ctx
        .store
        .get_many(&[ItemKey::Client(token.client_id.clone()), ItemKey::Account(token.account_id.clone())])
        .await?;
    let mut found = found.into_iter();
    let registered = found.next().flatten().and_then(Found::client);
    let client = match registered {
        Some(c) => c,
        None => provider.seed(&token.client_id).cloned().ok_or(OAuthError::InvalidToken)?,
    };
    let account = found.next().flatten().and_then(Found::account).ok_or(OAuthError::InvalidToken)?;
    account.usable_at(now).map_err(|_| OAuthError::InvalidToken)?;
    // A service the citizen revoked on `/profil` (since the token was issued) gets nothing.
    let issued_at = token.expires_at - crate::domain::oidc::ACCESS_TOKEN_LIFETIME;
    if !account.service_allows(&token.client_id, issued_at) {
        return Err(OAuthError::InvalidToken);
    }
    serde_json::to_value(PersonClaims::granted(ctx.keys, &client, &account, &token.scope)).map_err(|e| {
        tracing::error!(error = %e, "userinfo claims not serialisable");
        OAuthError::Unavailable
    })
}
