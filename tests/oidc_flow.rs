//! IKP signs a patient in through the profile, driven by a real OpenID Connect client
//! library (`openidconnect`): discovery, authorization code with PKCE S256, state and
//! nonce, the ID token checked against the JWKS, userinfo. Then the refusals: a reused
//! code, a wrong verifier, no PKCE, a redirect URI that is not registered.

use bytes::Bytes;
use e2e::*;
use http_body_util::{BodyExt, Full};
use hyper::StatusCode;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType, CoreUserInfoClaims};
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClientId, CsrfToken, HttpRequest, HttpResponse, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

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

/// Follows the authorize URL in the citizen's browser; returns where it redirects.
async fn authorize(b: &Browser, base: &str, url: &str) -> Resp {
    let path = url.strip_prefix(base).expect("the authorize endpoint is ours");
    b.get(path).await
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

    let metadata = CoreProviderMetadata::discover_async(IssuerUrl::new(base.clone()).unwrap(), &http).await.expect("discovery");
    let client = CoreClient::from_provider_metadata(metadata, ClientId::new("ikp-demo".into()), None)
        .set_redirect_uri(RedirectUrl::new(format!("{base}/ikp/callback")).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(AuthenticationFlow::<CoreResponseType>::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
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
    let claims = id_token.claims(&client.id_token_verifier(), &nonce).expect("signature, issuer, audience, expiry and nonce check");
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
    let q = |extra: &str| format!("/oauth2/authorize?response_type=code&client_id=ikp-demo&scope=openid&state=s1&nonce=n1{extra}");
    let challenge = shared::domain::oidc::s256(&"v".repeat(43));
    let enc = |s: &str| s.replace(':', "%3A").replace('/', "%2F");

    // a redirect URI that is not registered exactly: an error page, never a redirect
    for bad in [format!("{base}/ikp/callback/"), format!("{base}/ikp/callback?x=1"), "https://evil.example/cb".to_owned()] {
        let r = browser.get(&q(&format!("&redirect_uri={}&code_challenge={challenge}&code_challenge_method=S256", enc(&bad)))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
        assert!(r.headers.get("location").is_none());
    }
    // an unknown client
    let r = browser.get(&format!("/oauth2/authorize?response_type=code&client_id=obcy&scope=openid&state=s&redirect_uri={}", enc(&redirect))).await;
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
    let r = browser.get(&q(&format!("&redirect_uri={}&code_challenge={challenge}&code_challenge_method=S256", enc(&redirect)))).await;
    let code = query_param(r.headers["location"].to_str().unwrap(), "code").unwrap();
    let form = |verifier: &str| {
        format!("grant_type=authorization_code&code={code}&client_id=ikp-demo&redirect_uri={}&code_verifier={verifier}", enc(&redirect))
    };
    let token = |body: String| browser.send(hyper::Method::POST, "/oauth2/token", Some("application/x-www-form-urlencoded"), body.into_bytes());
    let r = token(form(&"w".repeat(43))).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")), "{}", r.text);
    let r = token(form(&"v".repeat(43))).await;
    assert_eq!(r.status, StatusCode::OK, "the right verifier still works: {}", r.text);
    let access = r.json()["access_token"].as_str().unwrap().to_owned();
    let r = browser.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", "Bearer nie-ten-token")], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.headers.get("www-authenticate").is_some());
    let r = browser.send_with_headers(hyper::Method::GET, "/oauth2/userinfo", &[("authorization", &format!("Bearer {access}"))], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[test]
fn during_a_key_rotation_the_jwks_holds_the_new_key_first_and_the_retired_one_too() {
    use shared::service::oidc::Provider;
    let current = include_str!("../local/dev-keys/oidc-signing-key.pem");
    // a throwaway key made for this test only
    let retired = include_str!("oidc-retired-test-key.pem");
    let alone = Provider::configured("https://pz.example", current, None).unwrap().jwks();
    let rotating = Provider::configured("https://pz.example", current, None).unwrap().with_retired_key(retired).unwrap().jwks();
    let keys = rotating["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], alone["keys"][0], "the current key signs and comes first");
    assert_ne!(keys[1]["kid"], keys[0]["kid"]);
    let same = Provider::configured("https://pz.example", current, None).unwrap().with_retired_key(current).unwrap().jwks();
    assert_eq!(same["keys"].as_array().unwrap().len(), 1, "the same key is not published twice");
    assert!(Provider::configured("https://pz.example", current, None).unwrap().with_retired_key("").is_ok());
    assert!(Provider::configured("https://pz.example", current, None).unwrap().with_retired_key("bm90IGEga2V5").is_err());
}
