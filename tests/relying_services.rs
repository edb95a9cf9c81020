//! Relying services in depth (docs/rules.md §6), over HTTP against the local gateway:
//! the consent page and its memory, scopes and their claims, the level of assurance and
//! how the citizen signed in (`acr`, `amr`, `auth_time`, `sid`), `acr_values` that cannot
//! be met, the registry of services in the store, and `private_key_jwt` with its `jti`
//! spent once.

use base64::Engine;
use e2e::*;
use hyper::StatusCode;
use serde_json::{json, Value};
use shared::domain::oidc::s256;
use shared::domain::relying::Client;
use shared::Wired;

const VERIFIER: &str = "weryfikator-pkce-weryfikator-pkce-weryfikator-pkce";

fn enc(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).unwrap()[2..].to_owned()
}

/// `/oauth2/authorize` for this client, redirect URI, scope and extra parameters.
fn authorize_path(client_id: &str, redirect: &str, scope: &str, extra: &str) -> String {
    format!(
        "/oauth2/authorize?response_type=code&client_id={client_id}&redirect_uri={}&scope={}&state=stan-1&nonce=n-1&code_challenge={}&code_challenge_method=S256{extra}",
        enc(redirect),
        enc(scope),
        s256(VERIFIER)
    )
}

fn location(r: &Resp) -> String {
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    r.headers["location"].to_str().unwrap().to_owned()
}

fn param(location: &str, name: &str) -> Option<String> {
    let query = location.split_once('?')?.1;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap()
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|p| p.1)
}

/// The ID token's payload (the signature is the `oidc_flow` tests' business).
fn payload(id_token: &str) -> Value {
    let part = id_token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

async fn token(b: &Browser, form: &[(&str, &str)]) -> Resp {
    let body = serde_urlencoded::to_string(form).unwrap();
    b.send(hyper::Method::POST, "/oauth2/token", Some("application/x-www-form-urlencoded"), body.into_bytes()).await
}

/// The code in a redirect to the client, exchanged as the public IKP demo.
async fn ikp_tokens(b: &Browser, base: &str, location: &str) -> Value {
    let code = param(location, "code").unwrap_or_else(|| panic!("a code: {location}"));
    let redirect = format!("{base}/ikp/callback");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", redirect.as_str()),
        ("client_id", "ikp-demo"),
        ("code_verifier", VERIFIER),
    ];
    let r = token(b, &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

#[tokio::test]
async fn the_citizen_agrees_once_per_scope_set_and_can_say_no_or_be_asked_again() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let username = active_profile(&gw, 601).await;
    let b = signed_in(&gw, 601, &username).await;
    let redirect = format!("{base}/ikp/callback");

    // The first time: the consent page, with what the service asks for.
    let to = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid profile", "")).await);
    let query = to.strip_prefix("/zgoda?").unwrap_or_else(|| panic!("the consent page: {to}")).to_owned();
    let ask = b.get(&format!("/api/consent?{query}")).await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.text);
    let ask = ask.json();
    assert_eq!(ask["client_name"], "Internetowe Konto Pacjenta (demo)");
    assert_eq!(
        (ask["scopes"].clone(), ask["new_scopes"].clone()),
        (json!(["openid", "profile"]), json!(["openid", "profile"]))
    );
    // Nobody else's browser: not signed in, or without the CSRF header.
    let stranger = Browser::new(base.clone());
    assert_eq!(stranger.get(&format!("/api/consent?{query}")).await.status, StatusCode::UNAUTHORIZED);
    let r = b
        .send_with_headers(
            hyper::Method::POST,
            "/api/consent",
            &[("cookie", &format!("pz_session={}", b.cookie("pz_session").unwrap()))],
            Some(&json!({"query": query, "decision": "allow"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token: {}", r.text);
    let r = b.post("/api/consent", &json!({"query": query, "decision": "może"})).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_decision")));

    // "Anuluj": back to the service with access_denied, and nothing remembered.
    let r = b.post("/api/consent", &json!({"query": query, "decision": "deny"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let back = r.json()["redirect"].as_str().unwrap().to_owned();
    assert!(back.starts_with(&redirect), "{back}");
    assert_eq!(
        (param(&back, "error").as_deref(), param(&back, "state").as_deref()),
        (Some("access_denied"), Some("stan-1"))
    );
    let again = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid profile", "")).await);
    assert!(again.starts_with("/zgoda?"), "{again}");

    // "Zgadzam się": back to the authorize URL, which now gives a code.
    let back = agree(&b, &again).await.unwrap();
    assert!(back.starts_with("/oauth2/authorize?") && back.contains("pz_consent="), "{back}");
    let code_to = location(&b.get(&back).await);
    assert!(param(&code_to, "code").is_some(), "{code_to}");
    // Remembered: the next sign-in asks nothing.
    let next = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid profile", "")).await);
    assert!(param(&next, "code").is_some(), "{next}");
    // Asking for less asks nothing either; prompt=none works without a page.
    let less = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid", "&prompt=none")).await);
    assert!(param(&less, "code").is_some(), "{less}");

    // prompt=consent: asked again even though remembered; a mark of ours cannot be forged.
    let forced = authorize_path("ikp-demo", &redirect, "openid profile", "&prompt=consent");
    let to = location(&b.get(&forced).await);
    assert!(to.starts_with("/zgoda?"), "{to}");
    let forged = location(&b.get(&format!("{forced}&pz_consent=1.{}", "0".repeat(32))).await);
    assert!(forged.starts_with("/zgoda?"), "a forged mark: {forged}");
    let ask = b.get(&format!("/api/consent?{}", to.strip_prefix("/zgoda?").unwrap())).await.json();
    assert_eq!(ask["new_scopes"], json!([]), "nothing new: {ask}");
    let back = agree(&b, &to).await.unwrap();
    assert!(param(&location(&b.get(&back).await), "code").is_some());
    // prompt=none cannot show the page: consent_required for scopes never agreed to.
    gw.deps
        .store()
        .put_client(&Client { scopes: vec!["profile".into(), "email".into()], ..demo(&base) })
        .await
        .unwrap();
    let grow = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid profile email", "&prompt=none")).await);
    assert_eq!(param(&grow, "error").as_deref(), Some("consent_required"), "{grow}");
    // The scopes grow: asked again, for the new one only.
    let to = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid profile email", "")).await);
    let ask = b.get(&format!("/api/consent?{}", to.strip_prefix("/zgoda?").unwrap())).await.json();
    assert_eq!(ask["new_scopes"], json!(["email"]), "{ask}");
    let back = agree(&b, &to).await.unwrap();
    let tokens = ikp_tokens(&b, &base, &location(&b.get(&back).await)).await;
    let claims = payload(tokens["id_token"].as_str().unwrap());
    assert_eq!((claims["email"].as_str(), claims["email_verified"].as_bool()), (Some(email(601).as_str()), Some(true)));

    // Listed on /profil with what it may receive; "Cofnij dostęp" means asking again.
    let services = b.get("/api/profile/services").await.json();
    assert_eq!(services["services"][0]["scopes"], json!(["openid", "profile", "email"]), "{services}");
    let r = b.send(hyper::Method::DELETE, "/api/profile/services/ikp-demo", None, vec![]).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let to = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid profile", "")).await);
    assert!(to.starts_with("/zgoda?"), "{to}");
    let history = b.get("/api/profile/history").await.json();
    let consents = history["entries"].as_array().unwrap().iter().filter(|e| e["action"] == "service_consented").count();
    assert_eq!(consents, 3, "{history}");
}

/// The IKP demo as registered in the store (the seed's values).
fn demo(base: &str) -> Client {
    shared::service::oidc::demo_client(base)
}

#[tokio::test]
async fn id_tokens_say_how_and_when_the_citizen_signed_in_and_unmet_levels_are_refused_before_any_sign_in() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let redirect = format!("{base}/ikp/callback");
    // eIDAS high cannot be met: the client hears so at once, the citizen is not asked to sign in.
    let stranger = Browser::new(base.clone());
    let high = "&acr_values=http%3A%2F%2Feidas.europa.eu%2FLoA%2Fhigh";
    let to = location(&stranger.get(&authorize_path("ikp-demo", &redirect, "openid", high)).await);
    assert!(to.starts_with(&redirect), "{to}");
    assert_eq!(param(&to, "error").as_deref(), Some("unmet_authentication_requirements"));
    let unknown = location(&stranger.get(&authorize_path("ikp-demo", &redirect, "openid", "&acr_values=gold")).await);
    assert_eq!(param(&unknown, "error").as_deref(), Some("unmet_authentication_requirements"));

    let username = active_profile(&gw, 602).await;
    let b = signed_in(&gw, 602, &username).await;
    let preferred =
        "&acr_values=http%3A%2F%2Feidas.europa.eu%2FLoA%2Fhigh+http%3A%2F%2Feidas.europa.eu%2FLoA%2Fsubstantial";
    let r = b.get(&authorize_path("ikp-demo", &redirect, "openid profile", preferred)).await;
    let to = agree(&b, &location(&r)).await.unwrap();
    let tokens = ikp_tokens(&b, &base, &location(&b.get(&to).await)).await;
    let claims = payload(tokens["id_token"].as_str().unwrap());
    assert_eq!(claims["acr"], "http://eidas.europa.eu/LoA/substantial", "{claims}");
    assert_eq!(claims["amr"], json!(["pwd", "sms", "mfa"]), "{claims}");
    let sid = claims["sid"].as_str().unwrap().to_owned();
    assert_eq!(sid.len(), 32);
    assert!(claims["auth_time"].as_i64().unwrap() <= claims["iat"].as_i64().unwrap());

    // The same session: the same sid; another session: another.
    let to = location(&b.get(&authorize_path("ikp-demo", &redirect, "openid", "")).await);
    let again = payload(ikp_tokens(&b, &base, &to).await["id_token"].as_str().unwrap());
    assert_eq!(again["sid"].as_str(), Some(sid.as_str()));
    let other = signed_in(&gw, 602, &username).await;
    let to = location(&other.get(&authorize_path("ikp-demo", &redirect, "openid", "")).await);
    let theirs = payload(ikp_tokens(&other, &base, &to).await["id_token"].as_str().unwrap());
    assert_ne!(theirs["sid"].as_str(), Some(sid.as_str()));
    assert_eq!(theirs["sub"], claims["sub"], "the same person, the same pairwise subject");
}

/// A service registered in the store for `private_key_jwt`, with the test key's public half.
fn zus(base: &str) -> Client {
    serde_json::from_value::<Client>(json!({
        "client_id": "zus-pue",
        "name": "PUE ZUS (test)",
        "redirect_uris": [format!("{base}/zus/callback")],
        "scopes": ["profile", "email", "phone", "pesel"],
        "token_endpoint_auth_method": "private_key_jwt",
        "jwks": {"keys": [client_jwk("zus-1")]},
    }))
    .unwrap()
    .checked()
    .unwrap()
}

/// A client assertion of the test service, signed with the test key (RS256).
fn assertion(aud: &str, jti: &str) -> String {
    client_assertion("zus-pue", "zus-1", aud, jti)
}

/// A code for `path`, through the consent page if it is shown.
async fn code_for(b: &Browser, path: &str) -> String {
    let r = b.get(path).await;
    let to = match agree(b, &location(&r)).await {
        Some(back) => location(&b.get(&back).await),
        None => location(&r),
    };
    param(&to, "code").unwrap_or_else(|| panic!("a code: {to}"))
}

async fn send(b: &Browser, pairs: Vec<(&'static str, String)>) -> Resp {
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    token(b, &pairs).await
}

#[tokio::test]
async fn a_service_registered_in_the_store_works_at_once_proves_itself_with_a_signed_jwt_once_and_gets_its_scopes() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let redirect = format!("{base}/zus/callback");
    let username = active_profile(&gw, 603).await;
    let b = signed_in(&gw, 603, &username).await;
    let path = authorize_path("zus-pue", &redirect, "openid profile phone pesel", "");
    assert_eq!(b.get(&path).await.status, StatusCode::BAD_REQUEST, "not registered yet");

    gw.deps.store().put_client(&zus(&base)).await.unwrap();
    let code = code_for(&b, &path).await;
    let token_endpoint = format!("{base}/oauth2/token");
    let jwt = assertion(&token_endpoint, "jti-1");
    let form = |code: &str, jwt: &str| {
        vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
            ("redirect_uri", redirect.clone()),
            ("code_verifier", VERIFIER.to_owned()),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_owned()),
            ("client_assertion", jwt.to_owned()),
        ]
    };
    let r = send(&b, form(&code, &jwt)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let claims = payload(r.json()["id_token"].as_str().unwrap());
    assert_eq!(claims["pesel"].as_str(), Some(pesel(603).as_str()), "registered for the PESEL: {claims}");
    assert_eq!(claims["phone_number"].as_str(), Some(phone(603).as_str()));
    assert!(claims.get("email").is_none(), "not asked for");

    // The same assertion again, with a new code: its jti is spent.
    let code = code_for(&b, &path).await;
    let r = send(&b, form(&code, &jwt)).await;
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client")),
        "{}",
        r.text
    );
    // Nor a secret, nor nothing, nor an assertion for another audience.
    for bad in [
        vec![("client_id", "zus-pue".to_owned()), ("client_secret", "sekret".to_owned())],
        vec![("client_id", "zus-pue".to_owned())],
    ] {
        let mut pairs = form(&code, "")[..4].to_vec();
        pairs.extend(bad);
        assert_eq!(send(&b, pairs).await.status, StatusCode::UNAUTHORIZED);
    }
    let r = send(&b, form(&code, &assertion("https://inny.example/token", "jti-2"))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    // A new jti, for the issuer as audience: the code, unused so far, works.
    let r = send(&b, form(&code, &assertion(&base, "jti-3"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // Removed from the registry: gone at once.
    assert!(gw.deps.store().remove_client("zus-pue").await.unwrap());
    assert_eq!(b.get(&path).await.status, StatusCode::BAD_REQUEST);
}

/// The IKP demo registered in the store with a back-channel URI (and its post-logout URI).
async fn ikp_told_at(gw: &pz_local::Gateway, receiver: &LogoutReceiver) {
    let base = gw.url();
    let ikp = Client { backchannel_logout_uri: Some(receiver.url.clone()), ..demo(&base) };
    gw.deps.store().put_client(&ikp).await.unwrap();
}

/// Signs the browser in to the IKP demo (agreeing if asked): its ID token's claims and the token.
async fn ikp_sign_in(b: &Browser, base: &str) -> (Value, String) {
    let redirect = format!("{base}/ikp/callback");
    let r = b.get(&authorize_path("ikp-demo", &redirect, "openid profile", "")).await;
    let to = match agree(b, &location(&r)).await {
        Some(back) => location(&b.get(&back).await),
        None => location(&r),
    };
    let tokens = ikp_tokens(b, base, &to).await;
    let id_token = tokens["id_token"].as_str().unwrap().to_owned();
    (payload(&id_token), id_token)
}

#[tokio::test]
async fn a_service_signs_the_citizen_out_with_its_id_token_and_every_service_of_a_session_hears_when_it_ends() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let receiver = LogoutReceiver::start().await;
    ikp_told_at(&gw, &receiver).await;
    let username = active_profile(&gw, 604).await;
    let b = signed_in(&gw, 604, &username).await;
    let (claims, id_token) = ikp_sign_in(&b, &base).await;

    // Refused, with no redirect: a hint that is not ours, a URI that is not registered.
    let mut altered = id_token.clone();
    altered.insert(altered.len() - 2, 'A');
    let back = enc(&format!("{base}/ikp"));
    let r = b.get(&format!("/oauth2/logout?id_token_hint={altered}&post_logout_redirect_uri={back}")).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_id_token_hint")));
    let elsewhere = enc("https://evil.example/");
    let r = b.get(&format!("/oauth2/logout?id_token_hint={id_token}&post_logout_redirect_uri={elsewhere}")).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_post_logout_redirect_uri")));
    // No hint: the citizen is asked on our page, and stays signed in meanwhile; once they
    // sign out there, the same request sends them back to the service.
    assert_eq!(location(&b.get("/oauth2/logout").await), "/wylogowanie");
    let unhinted = format!("client_id=ikp-demo&post_logout_redirect_uri={back}&state=bez-wskazowki");
    assert_eq!(location(&b.get(&format!("/oauth2/logout?{unhinted}")).await), format!("/wylogowanie?{unhinted}"));
    assert_eq!(b.get("/api/profile").await.status, StatusCode::OK);
    // A logout token is no ID token.
    let r = b.get(&format!("/oauth2/logout?id_token_hint={}", "x.y.z")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // A POST form goes on as a GET (whose top-level navigation carries the Lax cookie).
    let form = format!("id_token_hint={id_token}&post_logout_redirect_uri={back}&state=po-wylogowaniu");
    let r = b
        .send(
            hyper::Method::POST,
            "/oauth2/logout",
            Some("application/x-www-form-urlencoded"),
            form.clone().into_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers["location"].to_str().unwrap(), format!("/oauth2/logout?{form}"));
    assert_eq!(b.get("/api/profile").await.status, StatusCode::OK, "nothing ended by the POST itself");

    // "Wyloguj" in IKP: the hint names this session; it ends, and the browser goes back.
    let r = b
        .get(&format!("/oauth2/logout?id_token_hint={id_token}&post_logout_redirect_uri={back}&state=po-wylogowaniu"))
        .await;
    assert_eq!(location(&r), format!("{base}/ikp?state=po-wylogowaniu"));
    assert!(r.headers.get_all("set-cookie").iter().any(|c| c.to_str().unwrap().starts_with("pz_session=;")));
    assert_eq!(b.get("/api/profile").await.status, StatusCode::UNAUTHORIZED);
    // The session's service hears of it too (here, the one that asked).
    let tokens = receiver.wait_for(1).await;
    assert_eq!(tokens.len(), 1, "one logout token");
    let told = jwt_payload(&tokens[0]);
    assert_eq!(
        (told["sid"].clone(), told["sub"].clone(), told["aud"].as_str()),
        (claims["sid"].clone(), claims["sub"].clone(), Some("ikp-demo"))
    );
    // The same hint again, the session gone: straight back, nothing more to tell.
    let r = b.get(&format!("/oauth2/logout?id_token_hint={id_token}&post_logout_redirect_uri={back}")).await;
    assert_eq!(location(&r), format!("{base}/ikp"));

    // Signing out on /profil: the service the session signed in to is told with its sid.
    let b = signed_in(&gw, 604, &username).await;
    let (claims, _) = ikp_sign_in(&b, &base).await;
    let other = signed_in(&gw, 604, &username).await;
    let r = b.post("/api/logout", &json!({})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let tokens = receiver.wait_for(2).await;
    assert_eq!(tokens.len(), 2);
    let told = jwt_payload(&tokens[1]);
    assert_eq!(told["sid"], claims["sid"], "{told}");
    assert_eq!(other.get("/api/profile").await.status, StatusCode::OK, "the other session lives on");
    // A session that signed in to no service tells nobody.
    assert_eq!(other.post("/api/logout", &json!({})).await.status, StatusCode::NO_CONTENT);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(receiver.tokens().len(), 2);

    // Asked on /wylogowanie, signed out there: the same request sends the browser back.
    let b = signed_in(&gw, 604, &username).await;
    ikp_sign_in(&b, &base).await;
    assert_eq!(b.post("/api/logout", &json!({})).await.status, StatusCode::NO_CONTENT);
    let r = b.get(&format!("/oauth2/logout?{unhinted}")).await;
    assert_eq!(location(&r), format!("{base}/ikp?state=bez-wskazowki"));
    assert_eq!(receiver.wait_for(3).await.len(), 3, "that sign-out told IKP too");
}

/// A new browser signed in as person `n` through the demo bank (no SMS code).
async fn bank_signed_in(base: &str, n: u32) -> Browser {
    let b = Browser::new(base);
    let r = b.get("/idp/bank-demo/start?purpose=login&next=/profil").await;
    let authorize = location(&r).trim_start_matches(base).to_owned();
    let query = authorize.split_once('?').unwrap().1.to_owned();
    let form = format!("{query}&first_name=%C5%81ucja&last_name=Kowalska&pesel={}&action=login", pesel(n));
    let kind = Some("application/x-www-form-urlencoded");
    let r = b.send(hyper::Method::POST, "/dev/idp/bank-demo/authorize", kind, form.into_bytes()).await;
    let callback = location(&r).trim_start_matches(base).to_owned();
    let r = b.get(&callback).await;
    assert_eq!(location(&r), "/profil", "signed in through the bank");
    b
}

#[tokio::test]
async fn a_session_pushed_out_by_the_eleventh_sign_in_is_told_to_the_services() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let receiver = LogoutReceiver::start().await;
    ikp_told_at(&gw, &receiver).await;
    let username = active_profile(&gw, 607).await;
    let first = signed_in(&gw, 607, &username).await;
    let (claims, _) = ikp_sign_in(&first, &base).await;
    // Ten more sign-ins (through the demo bank: the sign-in SMS codes are 5 an hour).
    for _ in 0..10 {
        bank_signed_in(&base, 607).await;
    }
    assert_eq!(first.get("/api/profile").await.status, StatusCode::UNAUTHORIZED, "pushed out");
    let tokens = receiver.wait_for(1).await;
    assert_eq!(tokens.len(), 1);
    let told = jwt_payload(&tokens[0]);
    assert_eq!((told["sid"].clone(), told["sub"].clone()), (claims["sid"].clone(), claims["sub"].clone()));
}

#[tokio::test]
async fn deleting_the_profile_tells_every_connected_service_and_the_person_keeps_their_sub_in_a_new_profile() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let receiver = LogoutReceiver::start().await;
    ikp_told_at(&gw, &receiver).await;
    let username = active_profile(&gw, 605).await;
    let b = signed_in(&gw, 605, &username).await;
    let (first, _) = ikp_sign_in(&b, &base).await;

    let r = b.post("/api/profile/delete", &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
    let code = last_sms_code(&b, &phone(605)).await;
    let r = b.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": code })).await;
    assert_eq!(r.json()["status"], "deleted", "{}", r.text);
    let tokens = receiver.wait_for(1).await;
    assert_eq!(tokens.len(), 1);
    let told = jwt_payload(&tokens[0]);
    assert_eq!(told["sub"], first["sub"]);
    assert!(told.get("sid").is_none(), "every session of the person: {told}");

    // A new profile of the same person: the service knows them by the same sub.
    let username = active_profile(&gw, 605).await;
    let b = signed_in(&gw, 605, &username).await;
    let (second, _) = ikp_sign_in(&b, &base).await;
    assert_eq!(second["sub"], first["sub"]);
    assert_ne!(second["sid"], first["sid"]);
}

#[tokio::test]
async fn ending_the_other_sessions_tells_their_services_with_their_sids_and_not_this_ones() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let receiver = LogoutReceiver::start().await;
    ikp_told_at(&gw, &receiver).await;
    let username = active_profile(&gw, 606).await;
    let here = signed_in(&gw, 606, &username).await;
    let (mine, _) = ikp_sign_in(&here, &base).await;
    let there = signed_in(&gw, 606, &username).await;
    let (theirs, _) = ikp_sign_in(&there, &base).await;
    let r = here.post("/api/profile/sessions/end-others", &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let tokens = receiver.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(receiver.tokens().len(), 1, "only the ended session's service");
    let told = jwt_payload(&tokens[0]);
    assert_eq!(told["sid"], theirs["sid"]);
    assert_ne!(told["sid"], mine["sid"]);
    assert_eq!(here.get("/api/profile").await.status, StatusCode::OK);
}
