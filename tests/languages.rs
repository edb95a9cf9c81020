//! The language a person chose (docs/rules.md §12): API messages follow it; an application
//! keeps it, and every message about the application and its profile goes out in it, also the
//! ones sent later (the clerk's decision); signing in with another choice makes that the
//! profile's.

use e2e::*;
use hyper::{Method, StatusCode};
use serde_json::json;
use shared::texts::{sms_parts, Lang};

fn cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c))
}

fn polish(s: &str) -> bool {
    s.chars().any(|c| "ąćęłńśźżóĄĆĘŁŃŚŹŻÓ".contains(c))
}

/// The newest SMS to person `n`'s phone.
async fn last_sms(b: &Browser, n: u32) -> String {
    let sms = outbox(b).await.into_iter().rev().find(|m| m["channel"] == "sms" && m["to"] == phone(n).as_str());
    sms.and_then(|m| m["body"].as_str().map(str::to_owned)).expect("an SMS")
}

#[tokio::test]
async fn an_application_sent_in_ukrainian_hears_in_ukrainian_until_its_owner_signs_in_with_english() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let page = b.get("/wniosek?lang=uk").await;
    assert_eq!((page.status, b.cookie("pz_lang").as_deref()), (StatusCode::OK, Some("uk")));
    assert!(page.text.starts_with("<!doctype html>\n<html lang=\"uk\">"));

    let slot = a_free_slot(&b, 1).await;
    let mut wrong = application(741, &slot);
    wrong["pesel"] = json!("44051401358");
    let r = b.post("/api/applications", &wrong).await;
    assert_eq!(r.json()["error"], "pesel_checksum", "the machine code stays");
    assert!(cyrillic(r.json()["message"].as_str().unwrap()), "{}", r.text);

    let r = b.post("/api/applications", &application(741, &slot)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let sms = last_sms(&b, 741).await;
    assert!(cyrillic(&sms) && sms_parts(&sms) == 1, "{sms}");
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": "000000" })).await;
    assert_eq!(r.json()["error"], "wrong_code");
    assert!(cyrillic(r.json()["message"].as_str().unwrap()), "{}", r.text);
    let code = last_sms_code(&b, &phone(741)).await;
    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let mails = emails_to(&b, &email(741), 2).await;
    for m in &mails {
        let (subject, body) = (m["subject"].as_str().unwrap(), m["body"].as_str().unwrap());
        assert!(cyrillic(subject) && cyrillic(body) && !polish(subject), "{subject}");
        assert!(body.contains("довірений профіль (Profil Zaufany)"), "the first mention says what it is: {body}");
    }

    // Later, without the citizen: the clerk's decision goes out in the application's language.
    let checks = json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let r = clerk_post(&gw, &format!("/api/clerk/applications/{id}/confirm"), &checks).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let mails = emails_to(&b, &email(741), 3).await;
    let decision = mails.last().unwrap();
    assert!(cyrillic(decision["subject"].as_str().unwrap()), "{decision}");

    // A browser that chose nothing: the profile's language, whatever the browser prefers.
    let other = Browser::new(gw.url());
    let login = json!({"login": "Obywatel_741", "password": PASSWORD});
    let r = other.send_with_headers(Method::POST, "/api/login", &[("accept-language", "en")], Some(&login)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(cyrillic(&last_sms(&b, 741).await), "no choice made: the profile's language");

    // Chosen on the page: this sign-in's SMS is in English at once, but a password alone
    // changes nothing on the profile.
    let english = Browser::new(gw.url());
    english.get("/logowanie?lang=en").await;
    let r = english.post("/api/login", &login).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let sms = last_sms(&b, 741).await;
    assert!(sms.contains("code") && !cyrillic(&sms) && !polish(&sms) && sms_parts(&sms) == 1, "{sms}");
    let r = other.post("/api/login", &login).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(cyrillic(&last_sms(&b, 741).await), "not the profile's before the sign-in succeeds");

    // The sign-in in English succeeds: English is the profile's from then on.
    let r = english.post("/api/login", &login).await;
    let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
    let code = last_sms_code(&b, &phone(741)).await;
    let r = english.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = other.post("/api/login", &login).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(last_sms(&b, 741).await.contains("code"), "the profile keeps the choice");

    // A link in an email opens its page in the email's language.
    let before = emails_to(&b, &email(741), 3).await.len();
    let r = other.post("/api/recovery/password", &json!({"username": "Obywatel_741", "pesel": pesel(741)})).await;
    assert!(r.status.is_success(), "{}", r.text);
    let mails = emails_to(&b, &email(741), before + 1).await;
    let body = mails.last().unwrap()["body"].as_str().unwrap().to_owned();
    assert!(body.contains("/odzyskiwanie?lang=en#") && !cyrillic(&body), "{body}");
}

#[tokio::test]
async fn api_messages_follow_the_cookie_then_accept_language_then_polish() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let message = |r: Resp| r.json()["message"].as_str().unwrap_or("").to_owned();
    let ask = |headers: &'static [(&'static str, &'static str)]| {
        b.send_with_headers(Method::GET, "/api/applications/nie-ma", headers, None)
    };
    let not_found = |lang: Lang| shared::texts::NOT_FOUND.in_(lang).into_owned();
    let pl = message(ask(&[]).await);
    assert_eq!(pl, not_found(Lang::Pl));
    assert_eq!(message(ask(&[("accept-language", "uk-UA,uk;q=0.9,en;q=0.5")]).await), not_found(Lang::Uk));
    assert_eq!(message(ask(&[("accept-language", "de"), ("cookie", "pz_lang=en")]).await), not_found(Lang::En));
    assert_eq!(
        message(ask(&[("accept-language", "en"), ("cookie", "pz_lang=pl")]).await),
        pl,
        "a choice beats the browser"
    );
    assert_eq!(message(ask(&[("accept-language", "fr")]).await), pl);
    let r = b.send_with_headers(Method::GET, "/nie-ma-takiej?lang=en", &[], None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text.starts_with("<!doctype html>\n<html lang=\"en\">"), "the 404 page too");
    assert_eq!(r.headers["content-language"], "en");
}

#[tokio::test]
async fn a_relying_services_ui_locales_picks_the_sign_in_pages_language_unless_the_person_chose_one() {
    let gw = spawn_gateway().await;
    let base = gw.url();
    let b = Browser::new(base.clone());
    let redirect = serde_urlencoded::to_string([("v", format!("{base}/ikp/callback"))]).unwrap();
    let authorize = format!(
        "/oauth2/authorize?response_type=code&client_id=ikp-demo&redirect_uri={}&scope=openid&state=s&nonce=n\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&ui_locales=de-DE%20uk-UA%20en",
        &redirect[2..]
    );
    let r = b.get(&authorize).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let to = r.headers["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/logowanie?") && to.ends_with("&ui_locales=uk"), "{to}");
    let page = b.get(&to).await;
    assert!(page.text.starts_with("<!doctype html>\n<html lang=\"uk\">"), "the service's hint");
    assert!(page.headers.get("set-cookie").is_none(), "a hint is not remembered as a choice");

    b.get("/?lang=en").await;
    let page = b.get(&to).await;
    assert!(page.text.starts_with("<!doctype html>\n<html lang=\"en\">"), "the person's own choice wins");
}
