//! One browser, several flows at once (issue 15, item 8): a signed-in citizen who also
//! applies, signs in to the clerk panel or starts another sign-in in the same browser
//! keeps a working "Wyloguj". Each flow has its own CSRF cookie, so none replaces another.

use e2e::*;
use hyper::{Method, StatusCode};
use serde_json::json;

/// The cookies a browser sends to `/api/logout`: only those with `Path=/` (the
/// application's `pz_app`, the clerk's and the sign-in's cookies live on their own paths).
fn cookies_for_logout(b: &Browser) -> String {
    ["pz_session", "pz_csrf", "pz_app_csrf"]
        .iter()
        .filter_map(|name| b.cookie(name).map(|v| format!("{name}={v}")))
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::test]
async fn applying_in_the_same_browser_leaves_sign_out_working_and_the_session_really_ends() {
    let gw = spawn_gateway().await;
    let username = active_profile(&gw, 801).await;
    let b = signed_in(&gw, 801, &username).await;
    // the token the profile page holds for "Wyloguj"
    let page_csrf = b.get("/api/profile").await.json()["csrf_token"].as_str().unwrap().to_owned();
    let set_cookies =
        |r: &Resp| r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect::<Vec<_>>();

    // a new application in the same browser (someone at a shared computer), the clerk
    // panel, and another sign-in started there too
    let slot = a_free_slot(&b, 1).await;
    let r = b.post("/api/applications", &application(802, &slot)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let (applied, id) = (set_cookies(&r), r.json()["application_id"].as_str().unwrap().to_owned());
    let r = b
        .post(
            "/api/clerk/login",
            &json!({"username": "urzednik", "password": CLERK_PASSWORD, "totp": clerk_code(&gw).await}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let clerk = set_cookies(&r);
    let r = b.post("/api/login", &json!({"login": username, "password": PASSWORD})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let signing_in = set_cookies(&r);

    // "Wyloguj": the cookies a browser sends to /api/logout and the page's token
    let session = b.cookie("pz_session").unwrap();
    let cookies = cookies_for_logout(&b);
    let headers = [("cookie", cookies.as_str()), ("x-csrf-token", page_csrf.as_str())];
    let r = b.send_with_headers(Method::POST, "/api/logout", &headers, Some(&json!({}))).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "sign-out works beside an application: {}", r.text);
    let r =
        b.send_with_headers(Method::GET, "/api/profile", &[("cookie", &format!("pz_session={session}"))], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the session is really gone: {}", r.text);

    // the other flows go on with their own tokens
    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "the application goes on: {}", r.text);
    assert_eq!(b.get("/api/clerk/me").await.status, StatusCode::OK, "the clerk's session is another flow");
    assert_eq!(b.post("/api/clerk/logout", &json!({})).await.status, StatusCode::NO_CONTENT);
    // …each under a cookie name of its own, none under the session's
    for (flow, set, name, path) in [
        ("application", &applied, "pz_app_csrf=", "Path=/;"),
        ("clerk", &clerk, "pz_clerk_csrf=", "Path=/api/clerk"),
        ("sign-in", &signing_in, "pz_login_csrf=", "Path=/api/login"),
    ] {
        assert!(set.iter().any(|c| c.starts_with(name) && c.contains(path)), "{flow}: {set:?}");
        assert!(!set.iter().any(|c| c.starts_with("pz_csrf=")), "{flow} leaves the session's cookie alone: {set:?}");
    }
}
