//! IKP signs a patient in through the profile, driven by a real OpenID Connect client
//! library (`openidconnect`): discovery, authorization code with PKCE S256, state and
//! nonce, the ID token checked against the JWKS, userinfo. Then the refusals: a reused
//! code (which also revokes the access token it gave), a wrong verifier, no PKCE, a
//! redirect URI that is not registered; `prompt=login`, `prompt=none` and `max_age`;
//! claims by scope; the `Bearer` scheme in any case.

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Duration, Utc};
use e2e::*;
use http_body_util::{BodyExt, Full};
use hyper::StatusCode;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use openidconnect::core::{
    CoreAuthPrompt, CoreClient, CoreIdTokenClaims, CoreProviderMetadata, CoreResponseType, CoreUserInfoClaims,
};
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClientId, CsrfToken, HttpRequest, HttpResponse, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use pz_local::{start, Gateway, Options};
use shared::adapters::clock::FixedClock;

/// The library's HTTP calls, over hyper (no redirects followed, as the spec requires).
async fn http(req: HttpRequest) -> Result<HttpResponse, std::io::Error> {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let (parts, body) = req.into_parts();
    let resp = client
        .request(hyper::Request::from_parts(parts, Full::new(Bytes::from(body))))
        .await
        .map_err(std::io::Error::other)?;
    let (parts, body) = resp.into_parts();
    let bytes = body.collect().await.map_err(std::io::Error::other)?.to_bytes();
    Ok(HttpResponse::from_parts(parts, bytes.to_vec()))
}

/// Follows the authorize URL in the citizen's browser, agreeing on the consent page if it
/// is shown; returns where it redirects.
async fn authorize(b: &Browser, base: &str, url: &str) -> Resp {
    let path = url.strip_prefix(base).expect("the authorize endpoint is ours");
    let r = b.get(path).await;
    let location = r.headers.get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
    match agree(b, &location).await {
        Some(back) => b.get(&back).await,
        None => r,
    }
}

fn query_param(location: &str, name: &str) -> Option<String> {
    let query = location.split_once('?')?.1;
    url_pairs(query).into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn url_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_owned(), decode(v))).collect()
}

fn decode(v: &str) -> String {
    let v = v.replace('+', " ");
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn ikp_signs_a_patient_in_through_the_profile_with_a_real_oidc_client() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 301).await;

    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(base.clone()).unwrap(), &http).await.expect("discovery");
    let client = CoreClient::from_provider_metadata(metadata, ClientId::new("ikp-demo".into()), None)
        .set_redirect_uri(RedirectUrl::new(format!("{base}/ikp/callback")).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();

    // not signed in yet: the profile's sign-in page, which comes back here afterwards
    let browser = Browser::new(base.clone());
    let r = authorize(&browser, &base, url.as_str()).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let to_login = r.headers["location"].to_str().unwrap().to_owned();
    assert!(to_login.starts_with("/logowanie?next=%2Foauth2%2Fauthorize%3F"), "{to_login}");

    // signed in (password + SMS code), the same URL gives IKP a code
    let browser = signed_in(&gw, 301, &username).await;
    let r = authorize(&browser, &base, url.as_str()).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let location = r.headers["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("{base}/ikp/callback?")), "{location}");
    assert_eq!(query_param(&location, "state").as_deref(), Some(state.secret().as_str()));
    let code = query_param(&location, "code").unwrap();

    let tokens = client
        .exchange_code(AuthorizationCode::new(code.clone()))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("the code is exchanged");
    let id_token = tokens.id_token().expect("an ID token");
    let claims = id_token
        .claims(&client.id_token_verifier(), &nonce)
        .expect("signature, issuer, audience, expiry and nonce check");
    assert_eq!(claims.given_name().and_then(|n| n.get(None)).map(|n| n.as_str()), Some("Łucja"));
    assert_eq!(claims.family_name().and_then(|n| n.get(None)).map(|n| n.as_str()), Some("Żółkiewska-Nowak"));
    assert_eq!(claims.birthdate().map(|b| b.as_str()), Some("1980-01-01"));
    let sub = claims.subject().as_str().to_owned();

    let info: CoreUserInfoClaims =
        client.user_info(tokens.access_token().clone(), None).unwrap().request_async(&http).await.expect("userinfo");
    assert_eq!(info.subject().as_str(), sub);
    assert_eq!(info.given_name().and_then(|n| n.get(None)).map(|n| n.as_str()), Some("Łucja"));

    // the raw claims: no PESEL for a client not registered for it
    let payload = id_token.to_string();
    let body = payload.split('.').nth(1).unwrap();
    let json = String::from_utf8(base64_url(body)).unwrap();
    assert!(!json.contains("pesel"), "{json}");
    assert!(!json.contains(&pesel(301)), "{json}");

    // a code works once
    let again = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(PkceCodeVerifier::new("x".repeat(43)))
        .request_async(&http)
        .await;
    assert!(again.is_err(), "a reused code is refused");

    // the sign-in shows in the citizen's history
    let history = browser.get("/api/profile/history").await.json();
    assert_eq!(history["entries"][0]["action"], "service_sign_in", "{history}");
}

fn base64_url(s: &str) -> Vec<u8> {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes() {
        bits = (bits << 6) | A.iter().position(|x| *x == c).unwrap() as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

#[tokio::test]
async fn the_provider_refuses_a_wrong_verifier_missing_pkce_and_unregistered_redirects() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 302).await;
    let browser = signed_in(&gw, 302, &username).await;
    let redirect = format!("{base}/ikp/callback");
    let q = |extra: &str| {
        format!("/oauth2/authorize?response_type=code&client_id=ikp-demo&scope=openid&state=s1&nonce=n1{extra}")
    };
    let challenge = shared::domain::oidc::s256(&"v".repeat(43));
    let enc = |s: &str| s.replace(':', "%3A").replace('/', "%2F");

    // a redirect URI that is not registered exactly: an error page, never a redirect
    for bad in
        [format!("{base}/ikp/callback/"), format!("{base}/ikp/callback?x=1"), "https://evil.example/cb".to_owned()]
    {
        let r = browser
            .get(&q(&format!("&redirect_uri={}&code_challenge={challenge}&code_challenge_method=S256", enc(&bad))))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
        assert!(r.headers.get("location").is_none());
    }
    // an unknown client
    let r = browser
        .get(&format!(
            "/oauth2/authorize?response_type=code&client_id=obcy&scope=openid&state=s&redirect_uri={}",
            enc(&redirect)
        ))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // no PKCE, or plain PKCE: back to the client with invalid_request
    for extra in ["".to_owned(), format!("&code_challenge={challenge}&code_challenge_method=plain")] {
        let r = browser.get(&q(&format!("&redirect_uri={}{extra}", enc(&redirect)))).await;
        assert_eq!(r.status, StatusCode::FOUND);
        let loc = r.headers["location"].to_str().unwrap();
        assert_eq!(query_param(loc, "error").as_deref(), Some("invalid_request"), "{loc}");
        assert_eq!(query_param(loc, "state").as_deref(), Some("s1"));
    }

    // a right code with a wrong verifier
    let r = authorize(
        &browser,
        "",
        &q(&format!("&redirect_uri={}&code_challenge={challenge}&code_challenge_method=S256", enc(&redirect))),
    )
    .await;
    let code = query_param(r.headers["location"].to_str().unwrap(), "code").unwrap();
    let form = |verifier: &str| {
        format!(
            "grant_type=authorization_code&code={code}&client_id=ikp-demo&redirect_uri={}&code_verifier={verifier}",
            enc(&redirect)
        )
    };
    let token = |body: String| {
        browser.send(hyper::Method::POST, "/oauth2/token", Some("application/x-www-form-urlencoded"), body.into_bytes())
    };
    let r = token(form(&"w".repeat(43))).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")), "{}", r.text);
    let r = token(form(&"v".repeat(43))).await;
    assert_eq!(r.status, StatusCode::OK, "the right verifier still works: {}", r.text);
    let access = r.json()["access_token"].as_str().unwrap().to_owned();
    let r = browser
        .send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", "Bearer nie-ten-token")], None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.headers.get("www-authenticate").is_some());
    let r = browser
        .send_with_headers(
            hyper::Method::GET,
            "/oauth2/userinfo",
            &[("authorization", &format!("Bearer {access}"))],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[test]
fn during_a_key_rotation_the_jwks_holds_the_new_key_first_and_the_retired_one_too() {
    use shared::service::oidc::Provider;
    let current = include_str!("../local/dev-keys/oidc-signing-key.pem");
    // a throwaway key made for this test only
    let retired = include_str!("oidc-retired-test-key.pem");
    let alone = Provider::configured("https://pz.example", current, None).unwrap().jwks();
    let rotating =
        Provider::configured("https://pz.example", current, None).unwrap().with_retired_key(retired).unwrap().jwks();
    let keys = rotating["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], alone["keys"][0], "the current key signs and comes first");
    assert_ne!(keys[1]["kid"], keys[0]["kid"]);
    let same =
        Provider::configured("https://pz.example", current, None).unwrap().with_retired_key(current).unwrap().jwks();
    assert_eq!(same["keys"].as_array().unwrap().len(), 1, "the same key is not published twice");
    assert!(Provider::configured("https://pz.example", current, None).unwrap().with_retired_key("").is_ok());
    assert!(Provider::configured("https://pz.example", current, None)
        .unwrap()
        .with_retired_key("bm90IGEga2V5")
        .is_err());
}

type Ikp = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// The IKP demo client, configured from our discovery document.
async fn ikp(base: &str) -> Ikp {
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(base.to_owned()).unwrap(), &http).await.expect("discovery");
    CoreClient::from_provider_metadata(metadata, ClientId::new("ikp-demo".into()), None)
        .set_redirect_uri(RedirectUrl::new(format!("{base}/ikp/callback")).unwrap())
}

/// One sign-in request of IKP: its URL, and what it needs to check the answer.
struct Request {
    url: String,
    state: CsrfToken,
    nonce: Nonce,
    verifier: PkceCodeVerifier,
}

/// An authorize URL for these extra scopes, `prompt` and `max_age` (seconds).
fn request(client: &Ikp, scopes: &[&str], prompt: Option<CoreAuthPrompt>, max_age: Option<u64>) -> Request {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut req = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for s in scopes {
        req = req.add_scope(Scope::new((*s).into()));
    }
    if let Some(p) = prompt {
        req = req.add_prompt(p);
    }
    if let Some(m) = max_age {
        req = req.set_max_age(std::time::Duration::from_secs(m));
    }
    let (url, state, nonce) = req.url();
    Request { url: url.to_string(), state, nonce, verifier }
}

/// Where the authorize endpoint sends the browser.
async fn location(b: &Browser, base: &str, url: &str) -> String {
    let r = authorize(b, base, url).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    r.headers["location"].to_str().unwrap().to_owned()
}

/// The authorize URL the sign-in page goes back to, from a redirect to `/logowanie`.
fn back_from_sign_in(base: &str, location: &str) -> String {
    assert!(location.starts_with("/logowanie?next="), "to the sign-in page: {location}");
    format!("{base}{}", query_param(location, "next").unwrap())
}

/// The code of a redirect back to IKP (checking its `state`).
fn code_in(base: &str, location: &str, req: &Request) -> String {
    assert!(location.starts_with(&format!("{base}/ikp/callback?")), "back to IKP: {location}");
    assert_eq!(query_param(location, "state").as_deref(), Some(req.state.secret().as_str()));
    query_param(location, "code").unwrap_or_else(|| panic!("a code: {location}"))
}

/// The code exchanged by IKP; its ID token checked (signature, audience, nonce).
async fn exchange(
    client: &Ikp,
    code: String,
    req: Request,
) -> (openidconnect::core::CoreTokenResponse, CoreIdTokenClaims) {
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(req.verifier)
        .request_async(&http)
        .await
        .expect("the code is exchanged");
    let claims = tokens
        .id_token()
        .expect("an ID token")
        .claims(&client.id_token_verifier(), &req.nonce)
        .expect("a valid ID token")
        .clone();
    (tokens, claims)
}

fn raw_claims(tokens: &openidconnect::core::CoreTokenResponse) -> serde_json::Value {
    let jwt = tokens.id_token().unwrap().to_string();
    serde_json::from_slice(&base64_url(jwt.split('.').nth(1).unwrap())).unwrap()
}

/// A gateway whose clock the test moves.
async fn gateway_at_fixed_clock() -> (Gateway, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(&Utc::now().to_rfc3339()));
    let opts = Options { clock: clock.clone(), ..gateway_options() };
    (start(opts).await.expect("gateway starts"), clock)
}

fn at(claims: &CoreIdTokenClaims) -> i64 {
    claims.auth_time().expect("auth_time in the ID token").timestamp()
}

fn now_of(clock: &FixedClock) -> DateTime<Utc> {
    use shared::ports::Clock;
    clock.now()
}

#[tokio::test]
async fn prompt_login_makes_the_citizen_sign_in_again_even_with_a_live_session() {
    let (gw, clock) = gateway_at_fixed_clock().await;
    let base = gw.url();
    let username = active_profile(&gw, 311).await;
    let first = signed_in(&gw, 311, &username).await;
    let first_sign_in = now_of(&clock);
    clock.advance(Duration::minutes(1));
    let client = ikp(&base).await;

    // the live session gets no code: the sign-in page, then this request again
    let req = request(&client, &["profile"], Some(CoreAuthPrompt::Login), None);
    let back = back_from_sign_in(&base, &location(&first, &base, &req.url).await);
    assert!(back.contains("prompt=login") && back.contains("pz_auth_after="), "{back}");
    // coming back with the same old session is not a new sign-in
    assert!(location(&first, &base, &back).await.starts_with("/logowanie?next="), "the old session is not enough");
    // nor is a mark whose time was moved back (it is bound by a MAC)
    let mark = query_param(&back, "pz_auth_after").unwrap();
    let (ms, mac) = mark.split_once('.').unwrap();
    let moved = back.replace(&mark, &format!("{}.{mac}", ms.parse::<i64>().unwrap() - 120_000));
    assert!(location(&first, &base, &moved).await.starts_with("/logowanie?next="), "a forged mark does not count");

    // the password and the SMS code again: now IKP gets a code, with the new sign-in's time
    clock.advance(Duration::seconds(20));
    let again = signed_in(&gw, 311, &username).await;
    let code = code_in(&base, &location(&again, &base, &back).await, &req);
    let (_, claims) = exchange(&client, code, req).await;
    assert_eq!(at(&claims), now_of(&clock).timestamp());
    assert!(at(&claims) > first_sign_in.timestamp());

    // without prompt=login the same session is fine, and prompt=none with login is refused
    let req = request(&client, &["profile"], None, None);
    code_in(&base, &location(&first, &base, &req.url).await, &req);
    let req = request(&client, &[], Some(CoreAuthPrompt::None), None);
    let both = format!("{}&prompt=none+login", req.url.replace("prompt=none", "x=1"));
    let loc = location(&first, &base, &both).await;
    assert_eq!(query_param(&loc, "error").as_deref(), Some("invalid_request"), "{loc}");
}

#[tokio::test]
async fn max_age_asks_for_a_new_sign_in_once_the_last_one_is_older_and_the_id_token_says_when() {
    let (gw, clock) = gateway_at_fixed_clock().await;
    let base = gw.url();
    let username = active_profile(&gw, 312).await;
    let b = signed_in(&gw, 312, &username).await;
    let signed_in_at = now_of(&clock).timestamp();
    let client = ikp(&base).await;

    // a sign-in 2 minutes old is good for max_age=300
    clock.advance(Duration::minutes(2));
    let req = request(&client, &["profile"], None, Some(300));
    let code = code_in(&base, &location(&b, &base, &req.url).await, &req);
    let (_, claims) = exchange(&client, code, req).await;
    assert_eq!(at(&claims), signed_in_at, "auth_time is when the citizen signed in, not now");

    // 7 minutes old (the session still live): too old for max_age=300
    clock.advance(Duration::minutes(5));
    let req = request(&client, &["profile"], None, Some(300));
    let back = back_from_sign_in(&base, &location(&b, &base, &req.url).await);
    assert!(location(&b, &base, &back).await.starts_with("/logowanie?next="), "the old session is not enough");
    // with prompt=none the client hears login_required instead of a sign-in page
    let silent = request(&client, &[], Some(CoreAuthPrompt::None), Some(300));
    let loc = location(&b, &base, &silent.url).await;
    assert!(loc.starts_with(&format!("{base}/ikp/callback?")), "{loc}");
    assert_eq!(query_param(&loc, "error").as_deref(), Some("login_required"), "{loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some(silent.state.secret().as_str()));
    assert!(b.get("/api/profile").await.status == StatusCode::OK, "the session itself goes on");

    // signing in again satisfies it
    clock.advance(Duration::seconds(30));
    let again = signed_in(&gw, 312, &username).await;
    let code = code_in(&base, &location(&again, &base, &back).await, &req);
    let (_, claims) = exchange(&client, code, req).await;
    assert_eq!(at(&claims), now_of(&clock).timestamp());

    // max_age=0 is prompt=login; a max_age that is not a number is refused to the client
    let req = request(&client, &[], None, Some(0));
    assert!(location(&again, &base, &req.url).await.starts_with("/logowanie?next="));
    let loc = location(&again, &base, &req.url.replace("max_age=0", "max_age=-1")).await;
    assert_eq!(query_param(&loc, "error").as_deref(), Some("invalid_request"), "{loc}");
}

#[tokio::test]
async fn prompt_none_without_a_session_answers_login_required_to_the_client() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let client = ikp(&base).await;
    let req = request(&client, &["profile"], Some(CoreAuthPrompt::None), None);
    let loc = location(&Browser::new(base.clone()), &base, &req.url).await;
    assert!(loc.starts_with(&format!("{base}/ikp/callback?")), "back to the client, no sign-in page: {loc}");
    assert_eq!(query_param(&loc, "error").as_deref(), Some("login_required"), "{loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some(req.state.secret().as_str()));
    assert_eq!(query_param(&loc, "iss").as_deref(), Some(base.as_str()));
    assert!(query_param(&loc, "code").is_none());
}

#[tokio::test]
async fn scope_openid_alone_releases_no_names_or_birth_date_and_profile_does() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 313).await;
    let b = signed_in(&gw, 313, &username).await;
    let client = ikp(&base).await;
    let discovery = b.get("/.well-known/openid-configuration").await.json();
    assert_eq!(
        discovery["scopes_supported"],
        serde_json::json!(["openid", "profile", "email", "phone", "pesel"]),
        "{discovery}"
    );
    assert!(discovery["claims_supported"].as_array().unwrap().iter().any(|c| c == "birthdate"));

    let req = request(&client, &[], None, None);
    let code = code_in(&base, &location(&b, &base, &req.url).await, &req);
    let (tokens, claims) = exchange(&client, code, req).await;
    assert!(claims.given_name().is_none() && claims.family_name().is_none() && claims.birthdate().is_none());
    let raw = raw_claims(&tokens);
    for name in ["given_name", "family_name", "birthdate", "pesel"] {
        assert!(raw.get(name).is_none(), "{name} in {raw}");
    }
    assert_eq!(tokens.scopes().map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>()), Some(vec!["openid"]));
    let bearer = format!("Bearer {}", tokens.access_token().secret());
    let info = b.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &bearer)], None).await;
    assert_eq!(info.status, StatusCode::OK, "{}", info.text);
    let info = info.json();
    assert_eq!(info.as_object().unwrap().keys().collect::<Vec<_>>(), ["sub"], "only the pairwise subject: {info}");
    assert_eq!(info["sub"].as_str(), Some(claims.subject().as_str()));

    // with profile (and a pesel scope this client is not registered for, which is dropped)
    let req = request(&client, &["profile", "pesel"], None, None);
    let code = code_in(&base, &location(&b, &base, &req.url).await, &req);
    let (tokens, claims) = exchange(&client, code, req).await;
    assert_eq!(claims.birthdate().map(|d| d.as_str()), Some("1980-01-01"));
    assert!(raw_claims(&tokens).get("pesel").is_none());
    let info: CoreUserInfoClaims =
        client.user_info(tokens.access_token().clone(), None).unwrap().request_async(&http).await.expect("userinfo");
    assert_eq!(info.family_name().and_then(|n| n.get(None)).map(|n| n.as_str()), Some("Żółkiewska-Nowak"));
}

#[tokio::test]
async fn a_replayed_code_also_revokes_the_access_token_it_gave() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 314).await;
    let b = signed_in(&gw, 314, &username).await;
    let client = ikp(&base).await;
    let req = request(&client, &["profile"], None, None);
    let verifier = req.verifier.secret().clone();
    let code = code_in(&base, &location(&b, &base, &req.url).await, &req);
    let (tokens, _) = exchange(&client, code.clone(), req).await;
    let userinfo = |token: openidconnect::AccessToken| {
        let client = client.clone();
        async move {
            let info: Result<CoreUserInfoClaims, _> = client.user_info(token, None).unwrap().request_async(&http).await;
            info.is_ok()
        }
    };
    assert!(userinfo(tokens.access_token().clone()).await, "the token works before the replay");

    // the same code again, even with the right verifier: refused, and the token dies
    let replay = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&http)
        .await;
    let err = replay.expect_err("a replayed code is refused");
    assert!(format!("{err:?}").contains("invalid_grant"), "{err:?}");
    assert!(!userinfo(tokens.access_token().clone()).await, "the token of the replayed code is revoked");
    let bearer = format!("Bearer {}", tokens.access_token().secret());
    let r = b.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &bearer)], None).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_token")), "{}", r.text);
}

#[tokio::test]
async fn userinfo_takes_the_bearer_scheme_in_any_case() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 315).await;
    let b = signed_in(&gw, 315, &username).await;
    let client = ikp(&base).await;
    let req = request(&client, &["profile"], None, None);
    let code = code_in(&base, &location(&b, &base, &req.url).await, &req);
    let (tokens, _) = exchange(&client, code, req).await;
    let token = tokens.access_token().secret();
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let header = format!("{scheme} {token}");
        let r = b.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &header)], None).await;
        assert_eq!(r.status, StatusCode::OK, "{scheme}: {}", r.text);
        assert_eq!(r.json()["given_name"], "Łucja");
    }
    for header in [format!("Bearer{token}"), format!("Basic {token}"), "Bearer ".to_owned(), token.clone()] {
        let r = b.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &header)], None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{header:?}: {}", r.text);
    }
}

#[tokio::test]
async fn one_code_sent_100_times_at_once_gives_one_token_and_the_replays_revoke_it() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 316).await;
    let b = signed_in(&gw, 316, &username).await;
    let client = ikp(&base).await;
    let req = request(&client, &["profile"], None, None);
    let code = code_in(&base, &location(&b, &base, &req.url).await, &req);
    let form = form_body(&[
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("client_id", "ikp-demo"),
        ("redirect_uri", &format!("{base}/ikp/callback")),
        ("code_verifier", req.verifier.secret()),
    ]);
    let browser = Arc::new(Browser::new(base.clone()));
    let mut all = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let (browser, form) = (browser.clone(), form.clone());
        all.spawn(async move {
            let r = browser
                .send(
                    hyper::Method::POST,
                    "/oauth2/token",
                    Some("application/x-www-form-urlencoded"),
                    form.into_bytes(),
                )
                .await;
            (r.status, r.json())
        });
    }
    let answers = all.join_all().await;
    let tokens: Vec<&serde_json::Value> =
        answers.iter().filter(|(s, _)| *s == StatusCode::OK).map(|(_, j)| j).collect();
    assert_eq!(tokens.len(), 1, "one exchange wins");
    assert!(
        answers
            .iter()
            .all(|(s, j)| *s == StatusCode::OK || (*s == StatusCode::BAD_REQUEST && j["error"] == "invalid_grant")),
        "{answers:?}"
    );
    let bearer = format!("Bearer {}", tokens[0]["access_token"].as_str().unwrap());
    let r = b.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &bearer)], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the 99 replays revoked the winner's token: {}", r.text);
}

/// An `application/x-www-form-urlencoded` body.
fn form_body(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    pairs.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect::<Vec<_>>().join("&")
}

/// docs/rules.md §3.13: `/profil` lists the services the profile signed in to, with what they
/// were given; revoking one stops its tokens at once, and its next sign-in connects it afresh.
#[tokio::test]
async fn a_connected_service_is_listed_and_revoking_it_stops_its_tokens() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 334).await;
    let citizen = signed_in(&gw, 334, &username).await;
    assert_eq!(citizen.get("/api/profile/services").await.json()["services"], serde_json::json!([]));
    let client = ikp(&base).await;
    let req = request(&client, &["profile"], None, None);
    let code = code_in(&base, &location(&citizen, &base, &req.url).await, &req);
    let (tokens, _) = exchange(&client, code, req).await;

    let list = citizen.get("/api/profile/services").await.json();
    let services = list["services"].as_array().unwrap();
    assert_eq!(services.len(), 1, "{list}");
    assert_eq!(
        (services[0]["client_id"].as_str(), services[0]["name"].as_str()),
        (Some("ikp-demo"), Some("Internetowe Konto Pacjenta (demo)"))
    );
    assert_eq!(services[0]["scopes"], serde_json::json!(["openid", "profile"]));
    let bearer = format!("Bearer {}", tokens.access_token().secret());
    let info =
        citizen.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &bearer)], None).await;
    assert_eq!(info.status, StatusCode::OK, "{}", info.text);

    let r = citizen.send(hyper::Method::DELETE, "/api/profile/services/ikp-demo", None, vec![]).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let info =
        citizen.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &bearer)], None).await;
    assert_eq!(info.status, StatusCode::UNAUTHORIZED, "the revoked service's token is dead: {}", info.text);
    assert_eq!(citizen.get("/api/profile/services").await.json()["services"], serde_json::json!([]));
    let r = citizen.send(hyper::Method::DELETE, "/api/profile/services/ikp-demo", None, vec![]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "once");
    let history = citizen.get("/api/profile/history").await.json();
    assert!(history["entries"].as_array().unwrap().iter().any(|e| e["action"] == "service_revoked"), "{history}");

    // Signing in to it again connects it afresh.
    let req = request(&client, &["profile"], None, None);
    let code = code_in(&base, &location(&citizen, &base, &req.url).await, &req);
    exchange(&client, code, req).await;
    assert_eq!(citizen.get("/api/profile/services").await.json()["services"].as_array().unwrap().len(), 1);
}
