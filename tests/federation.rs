//! Through a bank or Envelo (docs/rules.md §1.12): the relying party against the local
//! gateway's demo providers, real OpenID Connect providers on loopback (discovery, the
//! sign-in form, the token endpoint checking the client secret and PKCE, RS256 ID tokens).
//! A profile made from what the bank vouched for is active at once; the same bank signs
//! its owner in, matched by PESEL; every way a trip can fail ends on a page with a reason.

use e2e::*;
use hyper::{Method, StatusCode};
use serde_json::json;

const BANK: &str = "bank-demo";

fn location(r: &Resp, base: &str) -> String {
    let l = r.headers.get("location").unwrap_or_else(|| panic!("a redirect: {} {}", r.status, r.text));
    l.to_str().unwrap().trim_start_matches(base).to_owned()
}

/// Starts a trip for `purpose`; signs in at the demo bank as the person named; returns the
/// callback path the bank sends the browser to.
async fn at_the_bank(b: &Browser, base: &str, purpose: &str, person: (&str, &str, &str)) -> String {
    let r = b.get(&format!("/idp/{BANK}/start?purpose={purpose}&next=/profil")).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    assert!(b.cookie("pz_idp_state").is_some());
    let authorize = location(&r, base);
    assert!(authorize.starts_with(&format!("/dev/idp/{BANK}/authorize?")), "{authorize}");
    assert!(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="), "{authorize}");
    let page = b.get(&authorize).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("demonstracyjny") && page.text.contains("Numer PESEL"));
    let query = authorize.split_once('?').unwrap().1;
    let (first, last, pesel) = person;
    let form =
        format!("{query}&first_name={}&last_name={}&pesel={pesel}&action=login", urlencode(first), urlencode(last));
    submit_at_the_bank(b, base, form).await
}

/// Sends the demo bank's sign-in form; answers where the bank sends the browser.
async fn submit_at_the_bank(b: &Browser, base: &str, form: String) -> String {
    let (path, kind) = (format!("/dev/idp/{BANK}/authorize"), Some("application/x-www-form-urlencoded"));
    let r = b.send(Method::POST, &path, kind, form.into_bytes()).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    location(&r, base)
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).unwrap().trim_start_matches("v=").to_owned()
}

#[tokio::test]
async fn a_profile_made_through_a_bank_is_active_at_once_and_the_bank_signs_its_owner_in() {
    bank_profile_story(&spawn_gateway().await, 61).await;
}

/// The same on DynamoDB, SNS and SES (moto): the gateway in AWS mode on a fresh table.
#[cfg(feature = "emulator")]
#[tokio::test]
async fn the_bank_story_holds_on_dynamodb() {
    std::env::set_var("PZ_TABLE", format!("federation-{}", unique(9)));
    std::env::set_var("PZ_EMAIL_FROM", "no-reply@profil-zaufany.example");
    let opts = pz_local::Options { port: 0, backend: pz_local::Backend::Aws, ..gateway_options() };
    let gw = pz_local::start(opts).await.expect("gateway in AWS mode");
    bank_profile_story(&gw, 760_061).await;
}

/// Person `n` (and `n + 1`, the twin) through the demo bank.
async fn bank_profile_story(gw: &pz_local::Gateway, n: u32) {
    let base = gw.url();
    let b = Browser::new(&base);

    let providers = b.get("/api/identity-providers").await.json();
    assert_eq!(
        providers["providers"][0],
        json!({"id": "bank-demo", "name": "Bank Demo", "kind": "bank", "demo": true})
    );
    assert_eq!(providers["providers"][1]["kind"], "envelo");

    // the bank vouches for the names and PESEL
    let callback = at_the_bank(&b, &base, "create", ("Łucja", "Żółkiewska-Nowak", &pesel(n))).await;
    assert!(callback.starts_with(&format!("/idp/{BANK}/callback?code=")), "{callback}");
    let r = b.get(&callback).await;
    assert_eq!((r.status, location(&r, &base)), (StatusCode::FOUND, "/wniosek/bank".to_owned()));
    assert!(b.cookie("pz_idp").is_some() && b.cookie("pz_idp_state").is_none(), "the trip is over");
    let again = b.get(&callback).await;
    assert_eq!(location(&again, &base), "/wniosek?idp_error=stale", "a callback works once");

    let identity = b.get("/api/bank-applications/identity").await;
    assert_eq!(identity.status, StatusCode::OK, "{}", identity.text);
    assert_eq!(
        identity.json(),
        json!({"first_name": "Łucja", "last_name": "Żółkiewska-Nowak", "pesel": pesel(n), "provider": "Bank Demo", "provider_id": BANK})
    );

    // the rest of the form, the SMS code, "Dalej": active for three years, no clerk
    let form =
        json!({"username": format!("Bankowa_{n}"), "password": "Zielony7Las!", "email": email(n), "phone": phone(n)});
    let r =
        b.post("/api/bank-applications", &json!({"username": "x", "password": "y", "email": "z", "phone": "1"})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "every field checked: {}", r.text);
    // a first form with a mistyped phone, then the corrected one: it replaces the first
    let mut typo = form.clone();
    typo["phone"] = json!("+48 500 999 999");
    let r = b.post("/api/bank-applications", &typo).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let first = r.json()["application_id"].as_str().unwrap().to_owned();
    let r = b.post("/api/bank-applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "the corrected form replaces the first: {}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    assert_ne!(first, id);
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let code = last_sms_code(&b, &phone(n)).await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["status"], "confirmed");
    let until: chrono::DateTime<chrono::Utc> = r.json()["valid_until"].as_str().unwrap().parse().unwrap();
    let gone = b.get("/api/bank-applications/identity").await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "the vouched data ends with the profile: {}", gone.text);
    assert!(until > chrono::Utc::now() + chrono::Duration::days(365 * 3 - 2), "three years");
    let mails = emails_to(&b, &email(n), 2).await;
    assert_eq!(mails[1]["subject"], "Twój profil zaufany jest aktywny");
    assert!(
        mails[1]["body"].as_str().unwrap().contains("założony za pośrednictwem: Bank Demo"),
        "{}",
        mails[1]["body"]
    );
    assert!(mails[0]["body"].as_str().unwrap().contains("Bank Demo"));

    // a second profile for the same PESEL is refused after the code, as on the form
    let twin = Browser::new(&base);
    let callback = at_the_bank(&twin, &base, "create", ("Łucja", "Żółkiewska-Nowak", &pesel(n))).await;
    twin.get(&callback).await;
    let form2 = json!({"username": format!("Bankowa_{n}b"), "password": "Zielony7Las!", "email": email(n + 1), "phone": phone(n + 1)});
    let r = twin.post("/api/bank-applications", &form2).await;
    let id2 = r.json()["application_id"].as_str().unwrap().to_owned();
    twin.post(&format!("/api/applications/{id2}/sms-code"), &json!({})).await;
    let code = last_sms_code(&twin, &phone(n + 1)).await;
    let r = twin.post(&format!("/api/applications/{id2}/verify"), &json!({ "code": code })).await;
    assert_eq!((r.status, r.json()["error"].clone()), (StatusCode::CONFLICT, json!("pesel_taken")), "{}", r.text);

    // "Zaloguj się przez bank lub Envelo": the same PESEL signs its owner in
    let later = Browser::new(&base);
    let callback = at_the_bank(&later, &base, "login", ("Łucja", "Żółkiewska-Nowak", &pesel(n))).await;
    let r = later.get(&callback).await;
    assert_eq!(location(&r, &base), "/profil");
    let profile = later.get("/api/profile").await;
    assert_eq!(profile.status, StatusCode::OK, "{}", profile.text);
    assert_eq!(profile.json()["username"], format!("Bankowa_{n}"));
    let history = later.get("/api/profile/history").await.json();
    assert!(history.to_string().contains("bank lub Envelo: Bank Demo"), "{history}");
}

#[tokio::test]
async fn every_failed_trip_ends_on_a_page_with_its_reason() {
    let gw = spawn_gateway().await;
    let base = gw.url();

    // no profile for this PESEL
    let b = Browser::new(&base);
    let callback = at_the_bank(&b, &base, "login", ("Jan", "Nowak", &pesel(63))).await;
    assert_eq!(location(&b.get(&callback).await, &base), "/logowanie?idp_error=no_profile");

    // a PESEL failing its checksum
    let mut bad = pesel(64);
    let last = bad.pop().unwrap().to_digit(10).unwrap();
    bad.push(char::from_digit((last + 1) % 10, 10).unwrap());
    let b = Browser::new(&base);
    let callback = at_the_bank(&b, &base, "create", ("Jan", "Nowak", &bad)).await;
    assert_eq!(location(&b.get(&callback).await, &base), "/wniosek?idp_error=pesel_refused");
    assert!(b.get("/api/bank-applications/identity").await.status == StatusCode::NOT_FOUND);

    // the citizen cancels at the bank
    let b = Browser::new(&base);
    let r = b.get(&format!("/idp/{BANK}/start?purpose=create")).await;
    let authorize = location(&r, &base);
    let query = authorize.split_once('?').unwrap().1;
    let callback = submit_at_the_bank(&b, &base, format!("{query}&first_name=&last_name=&pesel=&action=cancel")).await;
    assert!(callback.contains("error=access_denied"), "{callback}");
    assert_eq!(location(&b.get(&callback).await, &base), "/wniosek?idp_error=cancelled");

    // the callback in another browser (the state is bound to the one that started): refused,
    // and it spends nothing, so a stolen callback cannot lock the citizen out either
    let b = Browser::new(&base);
    let callback = at_the_bank(&b, &base, "create", ("Jan", "Nowak", &pesel(65))).await;
    let stranger = Browser::new(&base);
    assert_eq!(location(&stranger.get(&callback).await, &base), "/wniosek?idp_error=stale");
    assert_eq!(location(&b.get(&callback).await, &base), "/wniosek/bank");

    // a made-up state, an unknown provider, a bad purpose
    let b = Browser::new(&base);
    assert_eq!(
        location(&b.get(&format!("/idp/{BANK}/callback?code=x&state=y")).await, &base),
        "/logowanie?idp_error=stale"
    );
    assert_eq!(b.get("/idp/no-such-bank/start?purpose=login").await.status, StatusCode::NOT_FOUND);
    assert_eq!(b.get(&format!("/idp/{BANK}/start?purpose=steal")).await.status, StatusCode::BAD_REQUEST);

    // no vouched identity: the form cannot be sent
    let form =
        json!({"username": "Ktos_66", "password": "Zielony7Las!", "email": email(66), "phone": "+48 500 000 066"});
    let r = b.post("/api/bank-applications", &form).await;
    assert_eq!((r.status, r.json()["error"].clone()), (StatusCode::NOT_FOUND, json!("vouched_gone")));
}

#[tokio::test]
async fn the_demo_bank_speaks_the_language_chosen_on_the_pages() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let b = Browser::new(&base);
    assert_eq!(b.get("/?lang=en").await.status, StatusCode::OK);
    assert_eq!(b.cookie("pz_lang").as_deref(), Some("en"));
    let r = b.get(&format!("/idp/{BANK}/start?purpose=create&next=/profil")).await;
    let authorize = location(&r, &base);
    let page = b.get(&authorize).await;
    assert!(page.text.contains("<html lang=\"en\">") && page.text.contains("<h1>Sign in to Bank Demo</h1>"));
    assert_eq!(page.headers.get("content-language").and_then(|v| v.to_str().ok()), Some("en"));
    assert!(!page.text.contains("Numer PESEL"), "{}", page.text);
    let query = authorize.split_once('?').unwrap().1;
    let form = format!("{query}&first_name=&last_name=&pesel=&action=login");
    let (path, kind) = (format!("/dev/idp/{BANK}/authorize"), Some("application/x-www-form-urlencoded"));
    let r = b.send(Method::POST, &path, kind, form.into_bytes()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("role=\"alert\">Enter the first name, last name and PESEL number.</p>"), "{}", r.text);
}
