//! Every clerk route but sign-in refuses a missing, forged or citizen session (401/403)
//! and a state change without the CSRF header, and changes nothing. The routes come from
//! `template.yaml`, so a new clerk route is covered by being declared.

use e2e::*;
use hyper::{Method, StatusCode};
use pz_local::routes::{from_template, TEMPLATE};
use serde_json::json;

#[tokio::test]
async fn every_clerk_route_refuses_no_session_a_forged_one_and_a_citizens() {
    let gw = spawn_gateway().await;
    let (citizen, id) = submitted_application(&gw, 21).await;
    let app_cookie = format!("pz_app={}", citizen.cookie("pz_app").unwrap());
    let routes: Vec<_> = from_template(TEMPLATE)
        .unwrap()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/clerk/") && r.path != "/api/clerk/login")
        .collect();
    assert!(routes.len() >= 8, "clerk routes in the template: {}", routes.len());
    let body = json!({});
    let anyone = Browser::new(gw.url());
    for route in &routes {
        let path = route.path.replace("{id}", &id);
        let method: Method = route.method.parse().unwrap();
        let json_body = (method == Method::POST).then_some(&body);

        let r = anyone.send_with_headers(method.clone(), &path, &[], json_body).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{} {path} without a session: {}", route.method, r.text);
        assert_eq!(r.json()["error"], "clerk_login_required");

        let forged = "pz_clerk=0123456789abcdefghjkmnpqrstvwxyz";
        let r = anyone
            .send_with_headers(method.clone(), &path, &[("cookie", forged), ("x-csrf-token", "x")], json_body)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{} {path} with a forged session: {}", route.method, r.text);

        let r = anyone.send_with_headers(method.clone(), &path, &[("cookie", &app_cookie)], json_body).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{} {path} with a citizen's cookie: {}", route.method, r.text);
        assert_eq!(r.json()["error"], "not_a_clerk");
    }

    // a real clerk session without the CSRF header may read but not change anything
    let clerk = clerk_browser(&gw).await;
    let session = format!("pz_clerk={}", clerk.cookie("pz_clerk").unwrap());
    for route in routes.iter().filter(|r| r.method == "POST") {
        let path = route.path.replace("{id}", &id);
        let r = anyone.send_with_headers(Method::POST, &path, &[("cookie", &session)], Some(&body)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "POST {path} without CSRF: {}", r.text);
        assert_eq!(r.json()["error"], "csrf");
    }
    let r = anyone.send_with_headers(Method::GET, "/api/clerk/me", &[("cookie", &session)], None).await;
    assert_eq!(r.status, StatusCode::OK, "the session itself still works: {}", r.text);
    let view = clerk.get(&format!("/api/clerk/applications/{id}")).await.json();
    assert_eq!(
        (view["status"].as_str().unwrap(), view["call_links_sent"].as_u64().unwrap()),
        ("submitted", 0),
        "nothing changed"
    );
}

#[tokio::test]
async fn a_citizen_cannot_reach_an_application_not_yet_confirmed_by_code_or_unknown() {
    let gw = spawn_gateway().await;
    let clerk = clerk_browser(&gw).await;
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let r = b.post("/api/applications", &application(22, &slot)).await;
    let id = r.json()["application_id"].as_str().unwrap().to_owned();
    let r = clerk.get(&format!("/api/clerk/applications/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "awaiting its SMS code: nothing for a clerk yet");
    let r = clerk.get("/api/clerk/applications/not-an-id").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = clerk.get("/api/clerk/calls?date=23-11-2026").await;
    assert_eq!((r.status, r.json()["field"].as_str().unwrap()), (StatusCode::BAD_REQUEST, "date"));
}
