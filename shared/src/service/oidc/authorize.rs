//! `GET /oauth2/authorize`: the checks of the request (a bad client or redirect URI is
//! answered to the citizen, anything else to the client), a sign-in when the session is
//! missing or not recent enough, the citizen's consent when the service asks for more
//! than they agreed to (or `prompt=consent`), then a one-time code for the client.

use crate::ports::Stored;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::claims::granted_scope;
use super::clients::Client;
use super::freshness::{mark, marked_at, Freshness, Mark};
use super::{code_hash, Provider};
use crate::domain::oidc::{acr, amr, AuthCode, ACR_VALUES, CODE_LIFETIME};
use crate::domain::{Account, AuditAction, CitizenSession, Token};
use crate::ports::{Condition, Random, RecordType, StoreError, Write};
use crate::service::signin::history;
use crate::service::{Ctx, FlowError};

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
    /// The levels of assurance the client will accept, in order of preference.
    pub acr_values: Option<String>,
    /// The languages the client would like the pages in (a hint: the person's own choice,
    /// `pz_lang`, wins).
    pub ui_locales: Option<String>,
    /// Ours: added to the authorize URL the sign-in page comes back to when the client
    /// asked for a fresh sign-in (`Mark::Reauth`).
    #[serde(rename = "pz_auth_after")]
    pub auth_after: Option<String>,
    /// Ours: added when the citizen said "Zgadzam się" (`Mark::Consent`).
    #[serde(rename = "pz_consent")]
    pub consented: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Authorize {
    /// Back to the client, with a code or an error.
    Redirect(String),
    /// The citizen must sign in (again); then the same authorize URL, with
    /// `pz_auth_after=<mark>` added when the sign-in must be newer than this request.
    SignIn { auth_after: Option<String> },
    /// The citizen must agree to what the service will receive (`/zgoda`), then comes
    /// back to the same authorize URL.
    Consent,
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
    let client = match registered(ctx, provider, req).await? {
        Ok(client) => client,
        Err(answer) => return Ok(answer),
    };
    let asked = match check(provider, &client, req) {
        Ok(asked) => asked,
        Err(answer) => return Ok(answer),
    };
    let (state, freshness) = (asked.back.state, &asked.freshness);
    let now = ctx.clock.now();
    let signed_after =
        req.auth_after.as_deref().and_then(|m| marked_at(ctx.keys, Mark::Reauth, &client, state, m, now));
    let Some((session, account)) = signed_in.filter(|(session, _)| freshness.satisfied_by(session, signed_after, now))
    else {
        if freshness.none {
            return Ok(asked.back.error("login_required", "the citizen must sign in"));
        }
        let auth_after = freshness.asked().then(|| mark(ctx.keys, Mark::Reauth, &client, state, now));
        return Ok(Authorize::SignIn { auth_after });
    };
    let agreed_now = req.consented.as_deref().and_then(|m| marked_at(ctx.keys, Mark::Consent, &client, state, m, now));
    if !account.consented(&client.client_id, &asked.scope) || (freshness.consent && agreed_now.is_none()) {
        if freshness.none {
            return Ok(asked.back.error("consent_required", "the citizen must agree to share the data"));
        }
        return Ok(Authorize::Consent);
    }
    match issue_code(ctx, rng, &asked, session, account, now).await? {
        Some(code) => Ok(asked.back.code(code.reveal())),
        // Revoked on `/profil` meanwhile: ask again.
        None => Ok(Authorize::Consent),
    }
}

/// The registered client of the request; `Err` is the answer when there is none.
async fn registered(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    provider: &Provider,
    req: &AuthorizeRequest,
) -> Result<Result<Client, Authorize>, FlowError> {
    let Some(id) = req.client_id.as_deref() else { return Ok(Err(Authorize::Refuse("unknown_client"))) };
    Ok(provider.client(ctx.store, id).await?.ok_or(Authorize::Refuse("unknown_client")))
}

/// What the consent page shows and records: the service and the scopes it asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct ConsentAsk {
    pub client_id: String,
    pub client_name: String,
    /// What it will receive (`openid` and the granted scopes).
    pub scope: Vec<String>,
    /// Of those, what the citizen has not agreed to yet (all of it the first time).
    pub new: Vec<String>,
}

/// The consent page's question for an authorize query (`GET /api/oauth2/consent`).
/// `Err(code)`: the query is not one this provider would ask consent for.
pub async fn consent_ask(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    provider: &Provider,
    req: &AuthorizeRequest,
    account: &Account,
) -> Result<Result<ConsentAsk, &'static str>, FlowError> {
    let client = match registered(ctx, provider, req).await? {
        Ok(client) => client,
        Err(_) => return Ok(Err("unknown_client")),
    };
    let Ok(asked) = check(provider, &client, req) else { return Ok(Err("invalid_request")) };
    let known = account.services.iter().find(|s| s.client_id == client.client_id);
    let new = asked.scope.iter().filter(|s| !known.is_some_and(|k| k.scope.contains(s))).cloned().collect();
    Ok(Ok(ConsentAsk {
        client_id: client.client_id.clone(),
        client_name: client.name.clone(),
        scope: asked.scope,
        new,
    }))
}

/// "Zgadzam się" (`allow`) or "Anuluj" on the consent page (`POST /api/oauth2/consent`):
/// where the browser goes next. Agreeing records the scopes on the profile (with a history
/// entry) and goes back to the authorize URL with a consent mark; refusing goes back to
/// the service with `access_denied`. `Err(code)`: a query that is not a valid request.
pub async fn consent(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    provider: &Provider,
    req: &AuthorizeRequest,
    query: &str,
    account: &Account,
    allow: bool,
) -> Result<Result<String, &'static str>, FlowError> {
    let client = match registered(ctx, provider, req).await? {
        Ok(client) => client,
        Err(_) => return Ok(Err("unknown_client")),
    };
    let Ok(asked) = check(provider, &client, req) else { return Ok(Err("invalid_request")) };
    if !allow {
        return Ok(Ok(match asked.back.error("access_denied", "the citizen did not agree") {
            Authorize::Redirect(to) => to,
            _ => return Ok(Err("invalid_request")),
        }));
    }
    let first = crate::service::FirstRead::new(account);
    let first = &first;
    let (client, scope) = (&client, &asked.scope);
    let at = crate::service::until_committed(ctx.store, || async move {
        let now = ctx.clock.now();
        let mut account = first.take_or_read(ctx).await?;
        account.consent_to(&client.client_id, &client.name, scope, now);
        let note = format!("{}: {}", client.name, scope.join(" "));
        let note = history(rng, now, &account.id, AuditAction::ServiceConsented, &note);
        Ok(crate::service::Step::Commit(vec![Write::UpdateAccount(account), note], now))
    })
    .await?;
    let consented = mark(ctx.keys, Mark::Consent, client, asked.back.state, at);
    let mut pairs: Vec<String> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("pz_consent=")).map(str::to_owned).collect();
    pairs.push(serde_urlencoded::to_string([("pz_consent", consented.as_str())]).unwrap_or_default());
    Ok(Ok(format!("/oauth2/authorize?{}", pairs.join("&"))))
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
fn check<'a>(provider: &'a Provider, client: &'a Client, req: &'a AuthorizeRequest) -> Result<Asked<'a>, Authorize> {
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
    // Before any sign-in: a level we cannot reach is refused, never met by a weaker one.
    if let Some(values) = req.acr_values.as_deref().filter(|v| !v.trim().is_empty()) {
        if !values.split_whitespace().any(|v| ACR_VALUES.contains(&v)) {
            return Err(back.error(
                "unmet_authentication_requirements",
                "the levels of assurance this provider meets are eIDAS low and substantial",
            ));
        }
    }
    let scope = granted_scope(client, &asked);
    Ok(Asked { client, back, nonce: req.nonce.as_deref(), challenge, scope, freshness })
}

/// Keeps the code (by its hash) bound to the client, redirect URI, PKCE challenge, nonce,
/// scope, the session (`sid`, `acr`, `amr`) and the time of the sign-in; notes the use on
/// the profile's connected service and in its history, and the service on the session
/// (back-channel logout tells it of the session's end). `None`: the citizen revoked the
/// service meanwhile.
async fn issue_code(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    asked: &Asked<'_>,
    mut session: CitizenSession,
    mut account: Account,
    now: DateTime<Utc>,
) -> Result<Option<Token>, FlowError> {
    let code = Token::generate(rng);
    let client_id = &asked.client.client_id;
    let record = AuthCode {
        code_hash: code_hash(ctx.keys, code.reveal()),
        client_id: client_id.clone(),
        redirect_uri: asked.back.uri.to_owned(),
        account_id: account.id.clone(),
        code_challenge: asked.challenge.to_owned(),
        nonce: asked.nonce.map(str::to_owned),
        scope: asked.scope.clone(),
        auth_time: session.created_at,
        sid: super::session_id(ctx.keys, client_id, &session.token_hash),
        acr: acr(&session).to_owned(),
        amr: amr(&session),
        expires_at: now + CODE_LIFETIME,
        used: false,
        access_token_hash: None,
        version: 0,
    };
    for _ in 0..crate::service::RACE_RETRIES {
        if !account.consented(client_id, &asked.scope) || !account.note_service_use(client_id, now) {
            return Ok(None);
        }
        let note = history(rng, now, &account.id, AuditAction::ServiceSignIn, &asked.client.name);
        let mut writes =
            vec![Write::CreateRecord(record.clone().into_record()), note, Write::UpdateAccount(account.clone())];
        if !session.services.contains(client_id) {
            let mut listed = session.clone();
            listed.services.push(client_id.clone());
            writes.push(Write::UpdateRecord(listed.into_record()));
        }
        match ctx.store.commit(writes).await {
            Ok(()) => {
                tracing::info!(client = %client_id, account = %account.id, "authorization code issued");
                return Ok(Some(code));
            }
            Err(StoreError::Conflict(Condition::AccountChanged)) => {
                account = ctx.store.get_account(&account.id).await?.ok_or(FlowError::SignInRequired)?;
            }
            Err(StoreError::Conflict(Condition::RecordChanged(_))) => {
                session = crate::ports::load::<CitizenSession>(ctx.store, &session.token_hash)
                    .await?
                    .ok_or(FlowError::SignInRequired)?;
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
