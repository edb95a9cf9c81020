//! `GET /oauth2/authorize`: the checks of the request (a bad client or redirect URI is
//! answered to the citizen, anything else to the client), a sign-in when the session is
//! missing or not recent enough, then a one-time code for the client.

use crate::ports::Stored;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::claims::granted_scope;
use super::clients::Client;
use super::freshness::{reauth_after, reauth_mark, Freshness};
use super::{code_hash, Provider};
use crate::domain::oidc::{AuthCode, CODE_LIFETIME};
use crate::domain::{Account, AuditAction, CitizenSession, Token};
use crate::ports::{Random, RecordType, Write};
use crate::service::signin::history;
use crate::service::Ctx;
use crate::service::FlowError;

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

/// `GET /oauth2/authorize`.
pub async fn authorize(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    provider: &Provider,
    req: &AuthorizeRequest,
    signed_in: Option<(CitizenSession, Account)>,
) -> Result<Authorize, FlowError> {
    let asked = match check(provider, req) {
        Ok(asked) => asked,
        Err(answer) => return Ok(answer),
    };
    let (client, state, freshness) = (asked.client, asked.back.state, &asked.freshness);
    let now = ctx.clock.now();
    let mark = req.auth_after.as_deref().and_then(|m| reauth_after(ctx.keys, client, state, m, now));
    let Some((session, account)) = signed_in.filter(|(session, _)| freshness.satisfied_by(session, mark, now)) else {
        if freshness.none {
            return Ok(asked.back.error("login_required", "the citizen must sign in"));
        }
        let auth_after = freshness.asked().then(|| reauth_mark(ctx.keys, client, state, now));
        return Ok(Authorize::SignIn { auth_after });
    };
    let code = issue_code(ctx, rng, &asked, &session, &account, now).await?;
    Ok(asked.back.code(code.reveal()))
}

/// A request that passed every check: what its code is bound to.
struct Asked<'a> {
    client: &'a Client,
    back: ClientRedirect<'a>,
    nonce: Option<&'a str>,
    challenge: &'a str,
    scope: Vec<String>,
    freshness: Freshness,
}

/// The checks in the order the client hears of them; `Err` is the answer.
fn check<'a>(provider: &'a Provider, req: &'a AuthorizeRequest) -> Result<Asked<'a>, Authorize> {
    let client =
        req.client_id.as_deref().and_then(|id| provider.client(id)).ok_or(Authorize::Refuse("unknown_client"))?;
    let uri = req.redirect_uri.as_deref().filter(|r| client.allows_redirect(r));
    let uri = uri.ok_or(Authorize::Refuse("bad_redirect_uri"))?;
    let back = ClientRedirect { uri, issuer: provider.issuer(), state: req.state.as_deref().unwrap_or("") };
    if req.response_type.as_deref() != Some("code") {
        return Err(back.error("unsupported_response_type", "only response_type=code"));
    }
    let asked: Vec<&str> = req.scope.as_deref().unwrap_or("").split_whitespace().collect();
    if !asked.contains(&"openid") {
        return Err(back.error("invalid_scope", "scope must include openid"));
    }
    if back.state.is_empty() || back.state.len() > 512 {
        return Err(back.error("invalid_request", "state is required"));
    }
    if req.nonce.as_deref().is_some_and(|n| n.len() > 512) {
        return Err(back.error("invalid_request", "nonce too long"));
    }
    let challenge = req.code_challenge.as_deref().unwrap_or("");
    if req.code_challenge_method.as_deref() != Some("S256") || challenge.len() != 43 {
        return Err(back.error("invalid_request", "PKCE with code_challenge_method=S256 is required"));
    }
    let freshness = Freshness::parse(req).map_err(|description| back.error("invalid_request", description))?;
    let scope = granted_scope(client, &asked);
    Ok(Asked { client, back, nonce: req.nonce.as_deref(), challenge, scope, freshness })
}

/// Keeps the code (by its hash) bound to the client, redirect URI, PKCE challenge, nonce,
/// scope and the time of the sign-in, and notes the sign-in in the citizen's history.
async fn issue_code(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    asked: &Asked<'_>,
    session: &CitizenSession,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<Token, FlowError> {
    let code = Token::generate(rng);
    let record = AuthCode {
        code_hash: code_hash(ctx.keys, code.reveal()),
        client_id: asked.client.client_id.clone(),
        redirect_uri: asked.back.uri.to_owned(),
        account_id: account.id.clone(),
        code_challenge: asked.challenge.to_owned(),
        nonce: asked.nonce.map(str::to_owned),
        scope: asked.scope.clone(),
        auth_time: session.created_at,
        expires_at: now + CODE_LIFETIME,
        used: false,
        access_token_hash: None,
        version: 0,
    };
    // The service joins (or stays in) the profile's connected services, in the same write.
    let mut account = account.clone();
    for _ in 0..crate::service::RACE_RETRIES {
        account.note_service(&asked.client.client_id, &asked.client.name, &asked.scope, now);
        let note = history(rng, now, &account.id, AuditAction::ServiceSignIn, &asked.client.name);
        let writes =
            vec![Write::CreateRecord(record.clone().into_record()), note, Write::UpdateAccount(account.clone())];
        match ctx.store.commit(writes).await {
            Ok(()) => {
                tracing::info!(client = %asked.client.client_id, account = %account.id, "authorization code issued");
                return Ok(code);
            }
            Err(crate::ports::StoreError::Conflict(crate::ports::Condition::AccountChanged)) => {
                account = ctx.store.get_account(&account.id).await?.ok_or(FlowError::SignInRequired)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(crate::service::lost_race())
}

/// The client's registered redirect URI, where it hears the outcome with our issuer
/// (RFC 9207) and its `state`.
struct ClientRedirect<'a> {
    uri: &'a str,
    issuer: &'a str,
    state: &'a str,
}

impl ClientRedirect<'_> {
    fn error(&self, code: &str, description: &str) -> Authorize {
        let mut params = vec![("error", code), ("error_description", description), ("iss", self.issuer)];
        if !self.state.is_empty() {
            params.push(("state", self.state));
        }
        self.with(&params)
    }

    fn code(&self, code: &str) -> Authorize {
        self.with(&[("code", code), ("state", self.state), ("iss", self.issuer)])
    }

    fn with(&self, params: &[(&str, &str)]) -> Authorize {
        let query = serde_urlencoded::to_string(params).unwrap_or_default();
        let sep = if self.uri.contains('?') { '&' } else { '?' };
        Authorize::Redirect(format!("{}{sep}{query}", self.uri))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_hears_errors_with_our_issuer_and_its_state_after_its_own_query() {
        let back = ClientRedirect { uri: "https://ikp.example/cb?x=1", issuer: "https://pz.example", state: "s 1" };
        assert_eq!(
            back.error("invalid_scope", "scope must include openid"),
            Authorize::Redirect("https://ikp.example/cb?x=1&error=invalid_scope&error_description=scope+must+include+openid&iss=https%3A%2F%2Fpz.example&state=s+1".into())
        );
        let back = ClientRedirect { uri: "https://ikp.example/cb", ..back };
        assert_eq!(
            back.code("c"),
            Authorize::Redirect("https://ikp.example/cb?code=c&state=s+1&iss=https%3A%2F%2Fpz.example".into())
        );
        let stateless = ClientRedirect { state: "", ..back };
        assert!(matches!(stateless.error("e", "d"), Authorize::Redirect(to) if !to.contains("state")));
    }
}
